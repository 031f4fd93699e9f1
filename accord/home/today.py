"""Today: one prioritised list of what needs a person now, across their clients.

For an account manager: client messages waiting on the agency, triage mail, new requests,
briefs in the agency's court, what the team wrote in their internal threads, work waiting
for their internal review, client decisions past due and client feedback that pulls two ways
(to settle before it becomes to-dos), each with the response clock of the client's terms where
one runs (breaches first).
For a creative: their to-dos and the team conversations with something new. For a client
contact: what waits on their reply, decision or answer.

Each source is read oldest first and capped, so the page runs the same few queries whatever
the number of open items; the counts are one COUNT per source.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from accord.clients.models import Client
from accord.conversations import access as conversations_access
from accord.conversations import queries as conversations
from accord.conversations.models import Court, Participant, Thread
from accord.core import clock, policy
from accord.core.links import url_pattern
from accord.core.policy import Audience
from accord.insights import queries_conflicts
from accord.intake import access as intake_access
from accord.intake.models import Request, WaitingOn
from accord.intake.queries import NEEDS_AGENCY
from accord.reviews import queries as reviews
from accord.reviews import rules as review_rules
from accord.work.models import Task

PER_SOURCE = 50
SHOWN = 50
# Lower is more urgent. A breached response target outranks everything; then what nobody else
# will pick up (triage mail), clocks about to run out and decisions past due.
RANK = {
    "breached": 0,
    "triage": 1,
    "near": 2,
    "overdue": 3,
    "message": 4,
    "review": 5,
    "request": 6,
    "brief": 7,
    "todo": 4,
    "team": 4,
    "reply": 4,
    "decision": 3,
    "conflict": 3,
}


@dataclass
class Item:
    kind: str
    label: str
    title: str
    client: str
    since: datetime | None
    url: str
    action: str
    state: str = ""  # "breached" / "near" for a running response clock
    due: datetime | None = None

    @property
    def rank(self) -> int:
        return RANK.get(self.state or self.kind, 9)


# Each kind's section: its words and the full list it opens (a route and its query).
SECTIONS = {
    "message": ("client message waiting", "client messages waiting", "conversations:inbox",
                "?show=waiting_on_agency"),
    "triage": ("email to sort", "emails to sort", "conversations:triage", ""),
    "request": ("new request", "new requests", "intake:request_list", "?status=new"),
    "brief": ("brief with us", "briefs with us", "intake:brief_list", "?waiting_on=agency"),
    "review": ("internal review", "internal reviews", "reviews:queue", ""),
    "overdue": ("client decision overdue", "client decisions overdue", "reviews:queue",
                "?tab=clients"),
    "conflict": ("conflict in client feedback", "conflicts in client feedback",
                 "insights:my_conflicts", "?status=open"),
    "team": ("team update", "team updates", "conversations:inbox", "?show=internal"),
    "todo": ("to-do", "to-dos", "conversations:inbox", "?show=internal"),
    "task": ("task due", "tasks due", "work:my_work", ""),
    "reply": ("waiting for your reply", "waiting for your reply", "conversations:inbox", ""),
    "unread": ("new message", "new messages", "conversations:inbox", "?show=unread"),
}  # fmt: skip
# Counted in a section but listed elsewhere (a creative's tasks are on My work), or a count
# across the others (breaches): not part of the list's total.
NOT_LISTED = {"breached", "task"}


@dataclass
class Today:
    items: list[Item]
    counts: dict[str, int]
    total: int

    @property
    def sections(self) -> list[dict[str, Any]]:
        """A count per kind with something in it, each opening its whole list."""
        found = []
        for kind, count in self.counts.items():
            if kind in SECTIONS and count:
                one, many, name, query = SECTIONS[kind]
                label = one if count == 1 else many
                found.append({"label": label, "count": count, "url": reverse(name) + query})
        return found

    @property
    def html(self) -> SafeString:
        return rows_html(self.items)


Clients = dict[int, tuple[str, int | None]]  # id: (name, response target in hours)


def _clients_run_by(user: Any) -> Clients:
    clients = Client.objects.filter(status="active")
    if not policy.is_admin(user):
        clients = clients.filter(account_manager=user)
    rows = clients.values_list("pk", "name", "response_target_hours")
    return {pk: (name, hours) for pk, name, hours in rows}


def _breaches(rows: QuerySet[Any], clients: Clients, since: str, now: datetime) -> int:
    """How many of `rows` have run past their client's response target: one filter per
    distinct target (`clock.cutoff`), one COUNT."""
    by_target: dict[int, list[int]] = {}
    for pk, (_, hours) in clients.items():
        if hours:
            by_target.setdefault(hours, []).append(pk)
    if not by_target:
        return 0
    late = Q()
    for hours, ids in by_target.items():
        late |= Q(client_id__in=ids, **{f"{since}__lte": clock.cutoff(now, hours)})
    return rows.filter(late).count()


class _Desk:
    """The account manager's sources, read as plain rows (no model instances, no reverse()
    per row), each clocked against its client's response target where one runs."""

    def __init__(self, user: Any) -> None:
        self.now = timezone.now()
        self.clients = _clients_run_by(user)
        self.ids = list(self.clients)
        self.items: list[Item] = []
        self.counts: dict[str, int] = {}

    def client(self, client_id: int | None) -> str:
        return self.clients.get(client_id or 0, ("", None))[0]

    def add(self, item: Item, client_id: int | None = None, *, clocked: bool = False) -> None:
        if clocked:
            reading = clock.response(
                waiting_on=clock.AGENCY,
                since=item.since,
                target_hours=self.clients.get(client_id or 0, ("", None))[1],
                now=self.now,
            )
            if reading is not None and reading.state in (clock.BREACHED, clock.NEAR):
                item.state, item.due = reading.state, reading.due_at
        self.items.append(item)

    def read(self, kind: str, rows: QuerySet[Any], order: str, *fields: str) -> list[Any]:
        self.counts[kind] = rows.count()
        return list(rows.order_by(order).values_list(*fields)[:PER_SOURCE])


def for_manager(user: Any) -> Today:
    desk = _Desk(user)
    ids, now = desk.ids, desk.now
    base = reverse("conversations:inbox")
    request_page = url_pattern("intake:request_detail", "request_id")
    brief_page = url_pattern("intake:brief_detail", "brief_id")
    review_page = url_pattern("reviews:deliverable", "deliverable_id")

    waiting = Thread.objects.filter(
        client_id__in=ids, audience=Audience.CLIENT, waiting_on=Court.AGENCY
    )
    for pk, subject, client_id, since in desk.read(
        "message", waiting, "waiting_since", "pk", "subject", "client_id", "waiting_since"
    ):
        item = Item(
            "message", "Client message", subject, desk.client(client_id), since,
            f"{base}{pk}/", "Reply",
        )  # fmt: skip
        desk.add(item, client_id, clocked=True)

    triage = conversations_access.triage_visible_to(user)
    for pk, subject, client_id, sender, received in desk.read(
        "triage", triage, "id", "pk", "subject", "client_id", "sender", "received_at"
    ):
        item = Item(
            "triage", "Email to sort", subject or "(no subject)",
            desk.client(client_id) or sender, received, f"{base}triage/{pk}/", "Sort",
        )  # fmt: skip
        desk.add(item)

    managed = intake_access.managed(user)
    requests = managed.requests.filter(status=Request.Status.NEW, client_id__in=ids)
    for pk, title, client_id, created in desk.read(
        "request", requests, "created_at", "pk", "title", "client_id", "created_at"
    ):
        item = Item(
            "request", "New request", title, desk.client(client_id), created,
            request_page.format(pk), "Triage",
        )  # fmt: skip
        desk.add(item, client_id, clocked=True)

    briefs = managed.briefs.filter(NEEDS_AGENCY, waiting_on=WaitingOn.AGENCY, client_id__in=ids)
    for pk, title, client_id, since in desk.read(
        "brief", briefs, "waiting_since", "pk", "title", "client_id", "waiting_since"
    ):
        item = Item(
            "brief", "Brief with us", title, desk.client(client_id), since,
            brief_page.format(pk), "Open",
        )  # fmt: skip
        desk.add(item, client_id, clocked=True)

    fields = ("deliverable_id", "deliverable__title", "client__name", "waiting_since", "due_at")
    mine = reviews.waiting_on(user).filter(stage=review_rules.INTERNAL)
    for deliverable_id, title, client, since, due in desk.read(
        "review", mine, "waiting_since", *fields
    ):
        item = Item(
            "review", "Internal review", title, client, since,
            review_page.format(deliverable_id), "Review", due=due,
        )  # fmt: skip
        desk.add(item)

    overdue = reviews.with_clients(user).filter(due_at__lt=now, client_id__in=ids)
    for deliverable_id, title, client, _, due in desk.read("overdue", overdue, "due_at", *fields):
        item = Item(
            "overdue", "Client decision overdue", title, client, due,
            review_page.format(deliverable_id), "Nudge", due=due,
        )  # fmt: skip
        desk.add(item)

    _add_conflicts(desk, user, review_page)

    todos = conversations.open_todos_for(user)
    for thread_id, text, client, created in desk.read(
        "todo", todos, "id", "thread_id", "text", "thread__client__name", "created_at"
    ):
        desk.add(Item("todo", "To-do", text, client, created, f"{base}{thread_id}/", "Open"))

    team = _unread_threads(user).filter(audience=Audience.INTERNAL)
    for pk, subject, client, last in desk.read(
        "team", team, "-last_message_at", "pk", "subject", "client__name", "last_message_at"
    ):
        desk.add(Item("team", "From the team", subject, client, last, f"{base}{pk}/", "Read"))

    desk.counts["breached"] = (
        _breaches(waiting, desk.clients, "waiting_since", now)
        + _breaches(briefs, desk.clients, "waiting_since", now)
        + _breaches(requests, desk.clients, "created_at", now)
    )
    return _ranked(desk.items, desk.counts)


def _add_conflicts(desk: _Desk, user: Any, review_page: str) -> None:
    """Client feedback pulling two ways on the version the client reviews now (the
    deliverable's latest), to settle before it becomes to-dos: one read (a COUNT only when the
    read is full)."""
    conflicts = queries_conflicts.on_latest_versions(
        queries_conflicts.visible_to(user).filter(status="open", client_id__in=desk.ids)
    )
    fields = ("deliverable_id", "version_id", "deliverable__title", "summary", "client_id")
    rows = list(conflicts.order_by("detected_at").values_list(*fields, "detected_at")[:PER_SOURCE])
    desk.counts["conflict"] = len(rows) if len(rows) < PER_SOURCE else conflicts.count()
    for deliverable_id, version_id, title, summary, client_id, detected in rows:
        url = queries_conflicts.review_url(deliverable_id, version_id, page=review_page)
        item = Item(
            "conflict", "Conflicting feedback", f"{title}: {summary}", desk.client(client_id),
            detected, url, "Settle",
        )  # fmt: skip
        desk.add(item)


def for_creative(user: Any) -> Today:
    base = reverse("conversations:inbox")
    items: list[Item] = []
    counts: dict[str, int] = {}
    todos = conversations.open_todos_for(user)
    counts["todo"] = todos.count()
    for todo in todos[:PER_SOURCE]:
        items.append(
            Item(
                "todo",
                "To-do",
                todo.text,
                todo.thread.client.name,
                todo.created_at,
                f"{base}{todo.thread_id}/",
                "Open",
            )
        )
    _add_news(items, counts, _unread_threads(user), base)
    tasks = Task.objects.filter(assignee=user, due_on__lte=timezone.localdate()).exclude(
        status__in=("done", "cancelled")
    )
    counts["task"] = tasks.count()
    return _ranked(items, counts)


def for_contact(user: Any) -> Today:
    base = reverse("conversations:inbox")
    items: list[Item] = []
    counts: dict[str, int] = {}
    replies = conversations_access.visible_to(user).filter(waiting_on=Court.CLIENT)
    counts["reply"] = replies.count()
    for t in replies.select_related("client").order_by("waiting_since")[:PER_SOURCE]:
        items.append(
            Item(
                "reply",
                "Waiting for your reply",
                t.subject,
                t.client.name,
                t.waiting_since,
                f"{base}{t.pk}/",
                "Reply",
            )
        )
    _add_news(items, counts, _unread_threads(user).exclude(waiting_on=Court.CLIENT), base)
    return _ranked(items, counts)


def _add_news(
    items: list[Item], counts: dict[str, int], unread: QuerySet[Thread], base: str
) -> None:
    """The conversations with something new, as plain rows (creatives' and contacts' Today)."""
    counts["unread"] = unread.count()
    fields = ("pk", "subject", "client__name", "last_message_at")
    for pk, subject, client, last in unread.values_list(*fields)[:PER_SOURCE]:
        items.append(Item("message", "New message", subject, client, last, f"{base}{pk}/", "Read"))


def _unread_threads(user: Any) -> QuerySet[Thread]:
    """Threads the person is in with messages they have not read, newest first."""
    places = Participant.objects.filter(
        user=user, following=True, thread__last_message_id__gt=F("last_read_id")
    ).values("thread_id")
    return conversations_access.visible_to(user).filter(pk__in=places).order_by("-last_message_at")


def _ranked(items: list[Item], counts: dict[str, int]) -> Today:
    far = datetime.max.replace(tzinfo=timezone.get_current_timezone())
    items.sort(key=lambda i: (i.rank, i.since or far))
    total = sum(v for k, v in counts.items() if k not in NOT_LISTED)
    return Today(items=items[:SHOWN], counts=counts, total=total)


def of(user: Any) -> Today:
    if policy.is_contact(user):
        return for_contact(user)
    if policy.is_creative(user):
        return for_creative(user)
    return for_manager(user)


def _when(moment: datetime | None) -> SafeString | str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>', local.isoformat(), local.strftime("%a %-d %b, %H:%M")
    )


BADGES = {
    "breached": '<span class="badge badge--danger">Past target</span>',
    "near": '<span class="badge badge--warning">Due soon</span>',
}


def rows_html(items: list[Item]) -> SafeString:
    """The list's rows, written in Python: a template per row is most of a long list's time."""
    rows = []
    for item in items:
        since = format_html(" · since {}", _when(item.since)) if item.since else ""
        due = format_html(" · reply due {}", _when(item.due)) if item.due and item.state else ""
        rows.append(
            format_html(
                '<li class="today__item today__item--{}"><span class="today__kind">{}{}</span> '
                '<a class="today__title" href="{}">{}</a> <span class="muted">{}{}{}</span> '
                '<a class="button button--small button--secondary" href="{}">{}</a></li>',
                item.state or item.kind,
                item.label,
                mark_safe(f" {BADGES[item.state]}") if item.state in BADGES else "",  # noqa: S308
                item.url,
                item.title,
                item.client,
                since,
                due,
                item.url,
                item.action,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - each row built with format_html
