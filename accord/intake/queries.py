"""Reads of the intake side, always scoped to the person asking."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from accord.clients.models import Client, Contact
from accord.core import policy
from accord.core.models import Event
from accord.intake import access
from accord.intake.models import (
    OPEN_REQUEST_STATUSES,
    Attachment,
    Brief,
    ClarifyingQuestion,
    Request,
    WaitingOn,
)
from accord.intake.services.requests import status_words

R = Request.Status

QUEUE_SIZE = 25
# Lists never show the questions and answers: leave the large JSON columns in the database.
LIST_DEFER = ("questions", "answers", "internal_notes", "channel", "format")
# How a list of briefs can be sorted: most recently changed first, or soonest deadline first
# (briefs without one last).
BRIEF_ORDER: dict[str, list[Any]] = {
    "updated": ["-updated_at"],
    "deadline": [F("deadline").asc(nulls_last=True), "-updated_at"],
}


def open_question_count() -> Any:
    """Open clarifying questions per brief, counted for the rows on the page only."""
    counted = (
        ClarifyingQuestion.objects.filter(brief=OuterRef("pk"), answered_at__isnull=True)
        .order_by()
        .values("brief")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


_OPEN_QUESTION = Exists(
    ClarifyingQuestion.objects.filter(brief=OuterRef("pk"), answered_at__isnull=True)
)
# Submitted, with the agency, and nothing still asked of the client: propose it.
READY_FOR_SIGN_OFF = Q(status=Brief.Status.SUBMITTED, waiting_on=WaitingOn.AGENCY) & ~Q(
    _OPEN_QUESTION
)


def overdue_requests() -> Q:
    """Needed by a day that has passed, and still open."""
    return Q(needed_by__lt=timezone.localdate(), status__in=OPEN_REQUEST_STATUSES)


# Newest first, or the soonest needed first (those without a date last).
REQUEST_ORDER = {
    "newest": ("-created_at",),
    "needed_by": (F("needed_by").asc(nulls_last=True), "-created_at"),
}


def requests_of(
    user: Any,
    *,
    client_id: int | None = None,
    client_name: str = "",
    status: str = "",
    overdue: bool = False,
    sort: str = "newest",
) -> QuerySet[Request]:
    items = access.visible_requests(user).select_related("client", "requested_by", "logged_by")
    if client_id:
        items = items.filter(client_id=client_id)
    if client_name:
        items = items.filter(client__name__icontains=client_name)
    if status in Request.Status.values:
        items = items.filter(status=status)
    if overdue:
        items = items.filter(overdue_requests())
    for_client = policy.is_contact(user)
    words = [When(status=s, then=Value(status_words(s, for_client=for_client))) for s in R.values]
    attachments = (
        Attachment.objects.filter(request=OuterRef("pk"))
        .order_by()
        .values("request")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return items.annotate(
        attachment_count=Coalesce(Subquery(attachments, output_field=IntegerField()), 0),
        status_label=Case(*words, default=F("status"), output_field=CharField()),
        overdue=Case(When(overdue_requests(), then=True), default=False),
    ).order_by(*REQUEST_ORDER.get(sort, REQUEST_ORDER["newest"]))


def as_read_by(item: Request, user: Any) -> Request:
    """One request with what `requests_of` adds to each: its status in the reader's words
    and whether it is overdue."""
    item.status_label = status_words(item.status, for_client=policy.is_contact(user))  # type: ignore[attr-defined]
    item.overdue = item.is_overdue  # type: ignore[attr-defined]
    return item


def files_of_brief(user: Any, brief: Brief) -> list[Attachment]:
    """The files sent with the brief's request, as far as this person may open them."""
    if brief.request_id is None:
        return []
    return list(
        access.files_visible_to(user)
        .filter(request_id=brief.request_id)
        .order_by("created_at", "pk")
    )


def briefs_of(
    user: Any,
    *,
    client_id: int | None = None,
    client_name: str = "",
    status: str = "",
    waiting_on: str = "",
    sort: str = "updated",
) -> QuerySet[Brief]:
    items = access.with_my_role(access.visible_briefs(user), user).select_related(
        "client", "template", "current_version"
    )
    if client_id:
        items = items.filter(client_id=client_id)
    if client_name:
        items = items.filter(client__name__icontains=client_name)
    if status in Brief.Status.values:
        items = items.filter(status=status)
    if waiting_on in WaitingOn.values:
        items = items.filter(waiting_on=waiting_on)
    return (
        items.defer(*LIST_DEFER, "current_version__questions", "current_version__answers")
        .annotate(open_questions=open_question_count())
        .order_by(*BRIEF_ORDER.get(sort, BRIEF_ORDER["updated"]))
    )


@dataclass
class IntakeQueue:
    new_requests: list[Request]
    drafts_with_us: list[Brief]
    waiting_on_client: list[Brief]
    ready_for_sign_off: list[Brief]
    ready_for_work: list[Brief]
    counts: dict[str, int]


OPEN_BRIEF_STATUSES = [Brief.Status.DRAFT, Brief.Status.SUBMITTED, Brief.Status.PROPOSED]
WAITING_ON_CLIENT = Q(waiting_on=WaitingOn.CLIENT, status__in=OPEN_BRIEF_STATUSES)
READY_FOR_WORK = Q(status=Brief.Status.SIGNED_OFF)
# Drafts the agency writes itself ("I'll write it"): with us until we send them.
DRAFTS_WITH_US = Q(status=Brief.Status.DRAFT, waiting_on=WaitingOn.AGENCY)
# Only what the queue shows of a brief: the rest of the row stays in the database.
QUEUE_BRIEF_FIELDS = (
    "title",
    "status",
    "waiting_on",
    "waiting_since",
    "completeness",
    "deadline",
    "client__name",
    "client__response_target_hours",  # the agency's response clock on each brief
    "template__name",
)


def _queue_counts(managed: access.Managed) -> dict[str, int]:
    """How many items each queue section holds. Two queries."""
    # Only the statuses a section can hold: read from an index, not from every brief written.
    in_queue = [*OPEN_BRIEF_STATUSES, Brief.Status.SIGNED_OFF]
    counts = managed.briefs.filter(status__in=in_queue).aggregate(
        drafts_with_us=Count("pk", filter=DRAFTS_WITH_US),
        waiting_on_client=Count("pk", filter=WAITING_ON_CLIENT),
        ready_for_sign_off=Count("pk", filter=READY_FOR_SIGN_OFF),
        ready_for_work=Count("pk", filter=READY_FOR_WORK),
    )
    counts["new_requests"] = managed.requests.filter(status=Request.Status.NEW).count()
    return counts


QUEUE_ORDER: dict[str, list[Any]] = {
    "waiting": ["waiting_since"],
    "deadline": [F("deadline").asc(nulls_last=True), "waiting_since"],
}
# The queue's new requests: the oldest first, or the soonest needed (none last).
QUEUE_REQUEST_ORDER = {
    "oldest": ("created_at",),
    "needed_by": (F("needed_by").asc(nulls_last=True), "created_at"),
}


def intake_queue(
    user: Any, *, size: int = QUEUE_SIZE, sort: str = "waiting", request_sort: str = "oldest"
) -> IntakeQueue:
    """What needs the AM across their clients, oldest first (or, with `sort="deadline"`,
    soonest deadline first; the new requests with `request_sort="needed_by"`, soonest needed
    first). At most nine queries, whatever the size: the AM's clients, two counts, five
    sections (an empty one is not read) and the open questions of the briefs shown."""
    managed = access.managed(user)
    counts = _queue_counts(managed)
    briefs: QuerySet[Brief] = (
        managed.briefs.select_related("client", "template")
        .only(*QUEUE_BRIEF_FIELDS)
        .annotate(changes_requested=Exists(changes_requested_since_version()))
        .order_by(*QUEUE_ORDER.get(sort, QUEUE_ORDER["waiting"]))
    )
    sections = [
        list(briefs.filter(section)[:size]) if counts[name] else []
        for name, section in (
            ("drafts_with_us", DRAFTS_WITH_US),
            ("waiting_on_client", WAITING_ON_CLIENT),
            ("ready_for_sign_off", READY_FOR_SIGN_OFF),
            ("ready_for_work", READY_FOR_WORK),
        )
    ]
    with_open_question_counts([brief for section in sections for brief in section])
    requests = (
        list(
            managed.requests.filter(status=Request.Status.NEW)
            .select_related("client", "requested_by")
            .only(
                "title",
                "source",
                "status",
                "created_at",
                "needed_by",
                "client__name",
                "requested_by__name",
            )
            .order_by(*QUEUE_REQUEST_ORDER.get(request_sort, QUEUE_REQUEST_ORDER["oldest"]))[:size]
        )
        if counts["new_requests"]
        else []
    )
    drafts, waiting, ready, signed = sections
    return IntakeQueue(requests, drafts, waiting, ready, signed, counts)


def with_open_question_counts(briefs: list[Brief]) -> list[Brief]:
    """Set `open_questions` on the briefs shown, in one query for all of them.

    Counting in the list query itself would count for every matching brief before the sort
    and limit; this counts only for the rows on the page.
    """
    found = dict(
        ClarifyingQuestion.objects.filter(
            brief_id__in=[b.pk for b in briefs], answered_at__isnull=True
        )
        .order_by()
        .values("brief_id")
        .annotate(n=Count("pk"))
        .values_list("brief_id", "n")
    )
    for brief in briefs:
        brief.open_questions = found.get(brief.pk, 0)  # type: ignore[attr-defined]
    return briefs


# --- Added for the web UI ------------------------------------------------------------------

NEEDS_AGENCY = DRAFTS_WITH_US | WAITING_ON_CLIENT | READY_FOR_SIGN_OFF | READY_FOR_WORK


@dataclass(frozen=True)
class QueueItem:
    """One line of an intake summary: a request or a brief, and since when it waits."""

    section: str
    title: str
    client: str
    since: datetime
    url: str
    waiting_on: str


def _brief_section(brief: Brief) -> str:
    if brief.status == Brief.Status.DRAFT and brief.waiting_on == WaitingOn.AGENCY:
        return "Draft you're writing"
    if brief.status == Brief.Status.SIGNED_OFF:
        return "Signed off, ready to start"
    if brief.waiting_on == WaitingOn.CLIENT:
        return "Waiting on the client"
    return "Ready for sign-off"


def intake_summary(user: Any, *, size: int = 5) -> tuple[dict[str, int], list[QueueItem]]:
    """The queue's counts and its `size` oldest items, for a home page. Five queries."""
    managed = access.managed(user)
    counts = _queue_counts(managed)
    items = [
        QueueItem(
            "New request", r.title, r.client.name, r.created_at, r.get_absolute_url(), "agency"
        )
        for r in managed.requests.filter(status=Request.Status.NEW)
        .select_related("client")
        .only("title", "created_at", "client__name")
        .order_by("created_at")[:size]
    ] + [
        QueueItem(
            _brief_section(b),
            b.title,
            b.client.name,
            b.waiting_since,
            b.get_absolute_url(),
            b.waiting_on,
        )
        for b in managed.briefs.filter(NEEDS_AGENCY)
        .select_related("client")
        .only("title", "status", "waiting_on", "waiting_since", "client__name")
        .order_by("waiting_since")[:size]
    ]
    items.sort(key=lambda item: item.since)
    counts["total"] = sum(counts.values())
    return counts, items[:size]


def briefs_awaiting(user: Any, *, size: int = 10) -> list[Brief]:
    """Open briefs whose ball is in the court of a client contact who may answer them."""
    mine = Contact.objects.filter(
        client=OuterRef("client_id"), user=user, role__in=access.CONTRIBUTORS
    )
    return list(
        access.with_my_role(access.visible_briefs(user), user)
        .filter(Exists(mine), waiting_on=WaitingOn.CLIENT, status__in=OPEN_BRIEF_STATUSES)
        .select_related("client")
        .defer(*LIST_DEFER)
        .annotate(open_questions=open_question_count())
        .order_by("waiting_since")[:size]
    )


def approvers_of(client: Client) -> list[Contact]:
    """The client's approvers, whom a brief can name as the person who signs it off."""
    return list(
        Contact.objects.filter(client=client, role=policy.ContactRole.APPROVER)
        .select_related("user")
        .order_by("user__name")
    )


def recent_of_client(
    user: Any, client: Client, *, size: int = 5
) -> tuple[list[Request], list[Brief]]:
    """A client's latest requests and briefs, as far as this person may see them."""
    requests = list(
        access.visible_requests(user).filter(client=client).order_by("-created_at")[:size]
    )
    briefs = list(access.visible_briefs(user).filter(client=client).order_by("-updated_at")[:size])
    return requests, briefs


def changes_requested_since_version() -> QuerySet[Event]:
    """For a brief in an outer query: the client's requests for changes made since its
    current version was written (so not yet taken in by a new version)."""
    return Event.objects.filter(
        target_type="intake.brief",
        target_id=Cast(OuterRef("pk"), CharField()),
        verb="brief.changes_requested",
        created_at__gt=OuterRef("current_version__created_at"),
    )


def latest_changes_request(brief: Brief) -> Event | None:
    """The client's newest request for changes to the brief (note, who, when), if any."""
    return (
        Event.objects.filter(
            target_type="intake.brief", target_id=str(brief.pk), verb="brief.changes_requested"
        )
        .select_related("actor")
        .order_by("-id")
        .first()
    )
