"""In-app notifications (the bell), each with its email: both stored in the transaction of the
change that causes them (the outbox), never sent from inside it.

Nobody is notified of their own action, and deactivated people are not notified at all. Every
notification is listed; by email each person gets it as they chose for its kind (see
`notification_settings`): right away, in the next daily digest, or not at all.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accord.core import notification_kinds as kinds
from accord.core import notification_settings as choices
from accord.core.mail import absolute_url, queue_email
from accord.core.models import EmailChoice, Notification
from accord.core.text import one_line

TEXT_LIMIT = 300
TEMPLATE = "core/email/notification"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PersonalEmail:
    """One recipient's own email for a notification (a caller's `personal` hook makes it):
    its template and context (added to the default's), extra headers (In-Reply-To,
    References…), a reply address, a Message-ID and a subject; empty: the default."""

    template: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    reply_to: str = ""
    message_id: str = ""
    subject: str = ""


Personal = Callable[[Any], PersonalEmail]


def notify(
    *,
    people: Iterable[Any],
    kind: str,
    text: str,
    url: str = "",
    actor: Any = None,
    client_id: int | None = None,
    email: bool = True,
    details: str = "",
    personal: Personal | None = None,
) -> list[Notification]:
    """Tell `people` that `text` (one line) happened, in their list and by email as each chose
    for `kind`; `details` (plain text, optional) adds to the email only; `personal(person)`
    makes a person's own email (see `PersonalEmail`). `email=False`: the list only."""
    line = one_line(text)[:TEXT_LIMIT]
    actor_id = getattr(actor, "pk", None)
    recipients = {p.pk: p for p in people if p is not None and p.is_active and p.pk != actor_id}
    declared = _declared(kind, {choices.audience_of(p) for p in recipients.values()})
    chosen = choices_for_email(recipients, declared) if email and recipients else {}
    due = next_digest_at(timezone.now())
    rows = Notification.objects.bulk_create(
        Notification(
            user_id=pk,
            kind=kind,
            text=line,
            url=url,
            client_id=client_id,
            actor_id=actor_id,
            digest_due_at=due if chosen.get(pk) == EmailChoice.DIGEST else None,
        )
        for pk in sorted(recipients)
    )
    link = absolute_url(url) if url else ""
    settings_link = absolute_url(reverse("notifications:settings"))
    for pk in sorted(recipients):
        if chosen.get(pk) == EmailChoice.IMMEDIATE:
            person = recipients[pk]
            own = personal(person) if personal is not None else PersonalEmail()
            unsubscribe = choices.unsubscribe_link(user_id=pk, kind=kind)
            queue_email(
                to=[person.email],
                subject=own.subject or line,
                template=own.template or TEMPLATE,
                context={
                    "person": person,
                    "text": line,
                    "details": details,
                    "link": link,
                    "kind": declared.label if declared else kind,
                    "settings_link": settings_link,
                    "unsubscribe_link": unsubscribe,
                    **own.context,
                },
                headers=own.headers,
                reply_to=own.reply_to,
                message_id=own.message_id,
                unsubscribe_link=unsubscribe,
            )
    return rows


def choices_for_email(
    recipients: dict[int, Any], declared: kinds.NotificationKind | None
) -> dict[int, str]:
    """Each recipient's email choice for the kind (one query; an undeclared kind: right away)."""
    if declared is None:
        return dict.fromkeys(recipients, EmailChoice.IMMEDIATE.value)
    return choices.choices_for(list(recipients), declared)


def _declared(kind: str, audiences: set[str]) -> kinds.NotificationKind | None:
    """The kind's declaration; an undeclared one raises in debug and tests, else is logged."""
    try:
        return kinds.check(kind, audiences)
    except kinds.UndeclaredKind:
        if settings.STRICT_EVENT_VERBS:
            raise
        log.exception("Notified with an undeclared kind; sent anyway.")
        return kinds.get(kind)


def next_digest_at(now: datetime) -> datetime:
    """The first digest hour (`DIGEST_HOUR` in `TIME_ZONE`) after `now`."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(zone)
    hour = time(settings.DIGEST_HOUR, tzinfo=zone)
    moment = datetime.combine(local.date(), hour)
    if moment <= local:
        moment = datetime.combine(local.date() + timedelta(days=1), hour)
    return moment


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def of(user: Any) -> QuerySet[Notification]:
    """A person's notifications, newest first (index: user, -id)."""
    return Notification.objects.filter(user=user).order_by("-id")


def mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of a person's notifications read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
