"""Requests: what the client asked for, however it arrived, and what the AM decided."""

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.clients.services import ensure_takes_work
from accord.core import events, policy
from accord.core.errors import IllegalTransition, InvalidInput
from accord.core.policy import Audience, ContactRole
from accord.core.text import one_line
from accord.intake import notify
from accord.intake.models import Request
from accord.intake.services.attachments import check_attachments, store_attachments

STAFF_SOURCES = {
    Request.Source.EMAIL,
    Request.Source.PHONE,
    Request.Source.MEETING,
    Request.Source.OTHER,
}
DECISIONS = {"decline": Request.Status.DECLINED, "park": Request.Status.PARKED}
R = Request.Status
REQUEST_MOVES = {
    R.NEW: {R.DECLINED, R.PARKED, R.BRIEFING},
    R.PARKED: {R.NEW, R.DECLINED, R.BRIEFING},
    R.DECLINED: {R.NEW},
    R.BRIEFING: {R.SIGNED_OFF, R.NEW},  # signed off, or its brief was cancelled
    # Work starts; a change of plan voids the sign-off; the brief is cancelled.
    R.SIGNED_OFF: {R.IN_WORK, R.BRIEFING, R.NEW},
    R.IN_WORK: {R.DELIVERED, R.BRIEFING},  # a change of plan after the work started
    R.DELIVERED: set(),
}
# What a request is while its brief is in each status (a cancelled brief lets it go: new).
BY_BRIEF = {
    "draft": R.BRIEFING,
    "submitted": R.BRIEFING,
    "proposed": R.BRIEFING,
    "signed_off": R.SIGNED_OFF,
    "converted": R.IN_WORK,
    "cancelled": R.NEW,
}
# The client reads its requests in its own words; the agency reads the statuses' labels.
CLIENT_WORDS = {
    R.NEW: "Received",
    R.BRIEFING: "Being briefed",
    R.SIGNED_OFF: "Signed off, work starts soon",
    R.IN_WORK: "In progress",
    R.DELIVERED: "Delivered",
    R.PARKED: "On hold",
    R.DECLINED: "Declined",
}


def status_words(status: str, *, for_client: bool) -> str:
    """A request's status as its reader says it."""
    return CLIENT_WORDS[R(status)] if for_client else R(status).label


def move_request(request: Request, to: str) -> None:
    """The one place a request changes status."""
    if to not in REQUEST_MOVES[R(request.status)]:
        raise IllegalTransition(
            f"This request is {request.get_status_display().lower()}; it cannot be "
            f"{R(to).label.lower()} now."
        )
    request.status = to
    request.status_changed_at = timezone.now()


def follow_work(*, request_id: int | None, to: str) -> None:
    """A request follows its brief and job: called by the services that move those, inside
    their transaction (the brief's or job's event says what happened)."""
    if request_id is None:
        return
    request = Request.objects.select_for_update().get(pk=request_id)
    if request.status != to:
        move_request(request, to)
        request.save(update_fields=["status", "status_changed_at"])


def _check_text(title: str, what: str) -> tuple[str, str]:
    title, what = one_line(title), (what or "").strip()
    if not title:
        raise InvalidInput("Give the request a short title.", field="title")
    if len(title) > 160:
        raise InvalidInput("Keep the title under 160 characters.", field="title")
    if not what:
        raise InvalidInput("Say what you need: a sentence or two is enough.", field="what")
    return title, what


@transaction.atomic
def submit_request(
    *,
    by: User,
    client: Client,
    title: str,
    what: str,
    why: str = "",
    needed_by: date | None = None,
    source: str | None = None,
    requested_by: User | None = None,
    attachments: list[UploadedFile] | None = None,
) -> Request:
    """A client files a request in the portal, or the AM logs one received another way."""
    ensure_takes_work(client)
    title, what = _check_text(title, what)
    files = attachments or []
    kinds = check_attachments(files)
    if needed_by is not None and needed_by < timezone.localdate():
        raise InvalidInput("The date it is needed by is in the past.", field="needed_by")
    if policy.is_contact(by):
        source, requested_by, logged_by = Request.Source.PORTAL, by, None
    else:
        if source not in STAFF_SOURCES:
            raise InvalidInput(
                "Say how the request reached you: email, phone, meeting or other.", field="source"
            )
        if (
            requested_by is not None
            and not Contact.objects.filter(client=client, user=requested_by).exists()
        ):
            raise InvalidInput(
                "The person who asked must be a contact of this client.", field="requested_by"
            )
        logged_by = by
    request = Request.objects.create(
        client=client,
        title=title,
        what=what,
        why=(why or "").strip(),
        needed_by=needed_by,
        source=source,
        requested_by=requested_by,
        logged_by=logged_by,
    )
    store_attachments(request=request, files=files, kinds=kinds, by=by)
    events.record(
        actor=by,
        verb="request.submitted",
        target=request,
        client=client,
        audience=Audience.CLIENT,
        data={"title": title, "source": source, "attachments": len(files)},
    )
    if policy.is_contact(by):
        notify.request_received(request)
    return request


@transaction.atomic
def decide_request(*, by: User, request: Request, decision: str, reason: str) -> Request:
    """Decline or park a request, with a courteous reason the client will read."""
    if decision not in DECISIONS:
        raise InvalidInput("Choose to decline or to park the request.", field="decision")
    reason = (reason or "").strip()
    if len(reason) < 20:
        raise InvalidInput(
            "Write the client a short, courteous reason (a sentence or two).", field="reason"
        )
    # Lock the request alone; what the email needs is read after the lock is granted.
    request = Request.objects.select_for_update().get(pk=request.pk)
    move_request(request, DECISIONS[decision])
    request.status_reason = reason
    request.save(update_fields=["status", "status_reason", "status_changed_at"])
    events.record(
        actor=by,
        verb=f"request.{request.status}",
        target=request,
        client=request.client,
        audience=Audience.CLIENT,
        data={"title": request.title, "reason": reason},
    )
    notify.request_decided(request)
    return request


@transaction.atomic
def reopen_request(*, by: User, request: Request) -> Request:
    """Bring a declined or parked request back as new. One with a brief comes back only
    when its brief is cancelled; none comes back for an archived client (new work)."""
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status not in (R.DECLINED, R.PARKED):
        raise IllegalTransition(
            f"This request is {request.get_status_display().lower()}; it cannot be reopened: "
            "only a declined or parked one can (cancel its brief to start again)."
        )
    ensure_takes_work(request.client)
    move_request(request, Request.Status.NEW)
    request.status_reason = ""
    request.save(update_fields=["status", "status_reason", "status_changed_at"])
    events.record(
        actor=by,
        verb="request.reopened",
        target=request,
        client=request.client_id,
        audience=Audience.CLIENT,
        data={"title": request.title},
    )
    return request


def can_file(contact_role: str | None) -> bool:
    return contact_role in (ContactRole.APPROVER, ContactRole.REVIEWER)
