"""My notifications over the API: the list (the bell), marking them read, and how I get each
kind by email. Everyone signed in has their own; nobody reads another's (404)."""

from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field

from accord.core import notification_kinds as kinds
from accord.core import notification_settings as choices
from accord.core import notify
from accord.core.api_support import (
    BODY_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    Input,
    ObjectId,
    PageMeta,
    PageParams,
    page_of,
)
from accord.core.models import Notification

router = Router(tags=["notifications"])

Choice = Literal["immediate", "digest", "off"]


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read: bool

    @classmethod
    def of(cls, row: Notification) -> "NotificationOut":
        return cls(
            id=row.pk,
            kind=row.kind,
            text=row.text,
            url=row.url,
            created_at=row.created_at,
            read=row.read_at is not None,
        )


class NotificationPage(PageMeta):
    items: list[NotificationOut]
    unread: int


class MarkedOut(Schema):
    marked: int = Field(..., description="How many notifications were unread and now are read.")


class NotificationFilters(Schema):
    unread: bool = Field(False, description="Only the unread ones.")


@router.get(
    "/notifications",
    response={200: NotificationPage, **READ_ERRORS},
    operation_id="list_notifications",
)
def list_notifications(
    request: AuthedRequest, filters: Query[NotificationFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """My notifications, newest first, with how many are unread."""
    rows = notify.of(request.user)
    if filters.unread:
        rows = rows.filter(read_at__isnull=True)
    result = page_of(rows, page)
    result["items"] = [NotificationOut.of(row) for row in result["items"]]
    result["unread"] = notify.unread_count(request.user)
    return result


@router.post(
    "/notifications/read",
    response={200: MarkedOut, **WRITE_ERRORS},
    operation_id="mark_notifications_read",
)
def mark_notifications_read(request: AuthedRequest) -> MarkedOut:
    """Mark all my notifications read."""
    return MarkedOut(marked=notify.mark_read(user=request.user))


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **WRITE_ERRORS},
    operation_id="mark_notification_read",
)
def mark_notification_read(request: AuthedRequest, notification_id: ObjectId) -> NotificationOut:
    """Mark one of my notifications read (another person's: 404)."""
    row = notify.of(request.user).filter(pk=notification_id).first()
    if row is None:
        raise Http404("No such notification.")
    notify.mark_read(user=request.user, ids=[row.pk])
    row.refresh_from_db(fields=["read_at"])
    return NotificationOut.of(row)


# --- Notification settings ------------------------------------------------------------------


class KindSettingOut(Schema):
    kind: str = Field(..., description="The kind's name, as notifications carry it.")
    label: str
    help: str
    email: Choice = Field(
        ...,
        description="`immediate`: an email for each; `digest`: in one email a day; `off`: no "
        "email (the list always has them).",
    )


class NotificationSettingsOut(Schema):
    digest_hour: int = Field(..., description="The hour (0–23) the daily digest is sent at.")
    time_zone: str = Field(..., description="The time zone of `digest_hour`.")
    kinds: list[KindSettingOut] = Field(..., description="Every kind you can get, by label.")


class NotificationSettingsIn(Input):
    email: dict[str, Choice] = Field(
        ...,
        max_length=100,
        description="For some kinds (by name), how you get them by email; the others stay as "
        "they are.",
    )


def _settings_of(user: Any) -> NotificationSettingsOut:
    current = choices.choices_of(user)
    return NotificationSettingsOut(
        digest_hour=settings.DIGEST_HOUR,
        time_zone=settings.TIME_ZONE,
        kinds=[
            KindSettingOut(kind=k.name, label=k.label, help=k.help, email=current[k.name])  # type: ignore[arg-type]
            for k in kinds.for_audience(choices.audience_of(user))
        ],
    )


@router.get(
    "/me/notification-settings",
    response={200: NotificationSettingsOut, **READ_ERRORS},
    operation_id="get_notification_settings",
)
def get_notification_settings(request: AuthedRequest) -> NotificationSettingsOut:
    """How I get each kind of notification I can get by email, and when the digest goes out."""
    return _settings_of(request.user)


@router.put(
    "/me/notification-settings",
    response={200: NotificationSettingsOut, **BODY_ERRORS},
    operation_id="update_notification_settings",
)
def update_notification_settings(
    request: AuthedRequest, body: NotificationSettingsIn
) -> NotificationSettingsOut:
    """Choose how I get some kinds by email (`immediate`, `digest` or `off`). A kind I cannot
    get, or another value, is a 422 naming it in `field`; nothing is changed then."""
    choices.choose(user=request.user, choices=body.email)
    return _settings_of(request.user)
