"""Reads for the job board, the timeline and the account manager's overview.

Each read costs a fixed number of queries whatever the size of the job or the number of jobs:
cards come from one query per kind, sums and counts from aggregations, and every list is
bounded. Who may see them is decided before (access.py); these only read."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from accord.core import policy
from accord.work import access, board_rules, queries, rules
from accord.work.models import Deliverable, Job, PublicHoliday, Task, TimeEntry
from accord.work.services.deliverables import moves_for

# Cards shown per column (the rest are counted); the services cap a job at 500 deliverables
# and 2,000 tasks, so a column is bounded even without it.
COLUMN_LIMIT = 120
# Rows on a timeline (by due date); items past it are counted.
TIMELINE_LIMIT = 300
# Rows in each list of the overview (late, at risk, blocked).
LIST_LIMIT = 25
DELIVERABLE_LABELS = dict(Deliverable.Status.choices)
TASK_LABELS = dict(Task.Status.choices)
# The board's deliverable columns: the workflow in order; on hold and cancelled, collapsed, last.
COLLAPSED = (rules.ON_HOLD, rules.CANCELLED)
DELIVERABLE_COLUMNS = [s for s in Deliverable.Status.values if s not in COLLAPSED] + list(COLLAPSED)
TASK_COLUMNS = list(Task.Status.values)
ZERO = Decimal(0)
CENTS = Decimal("0.01")
HOURS: Any = DecimalField(max_digits=12, decimal_places=2)


def closed_days(start: date, end: date) -> frozenset[date]:
    """The agency's public holidays between two dates (one query)."""
    return frozenset(
        PublicHoliday.objects.filter(on__range=(start, end)).values_list("on", flat=True)
    )


def risk_horizon(today: date) -> date:
    """The last due date still at risk today, public holidays counting as closed."""
    return board_rules.at_risk_until(today, closed_days(today, today + timedelta(days=21)))


# --- The board ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    kind: str  # "deliverable" or "task"
    id: int
    title: str
    status: str
    who: str
    who_id: int | None
    due_on: date | None
    late: bool
    revision: int
    moves: list[tuple[str, str]]  # (status, label) this person may move it to
    move_url: str
    estimate: Decimal | None = None
    blocked_reason: str = ""

    @property
    def hours(self) -> str:
        """The estimate as people write it: 6.5, 4 (not 6.50, 4.00)."""
        return "" if self.estimate is None else f"{self.estimate.normalize():f}"


@dataclass
class Column:
    status: str
    label: str
    cards: list[Card] = field(default_factory=list)
    count: int = 0
    collapsed: bool = False
    html: str = ""  # the cards' markup, filled in by the page (board_html)

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


@dataclass
class Board:
    deliverables: list[Column]
    tasks: list[Column]


def _columns(statuses: list[str], labels: dict[str, Any]) -> dict[str, Column]:
    return {s: Column(s, str(labels[s]), collapsed=s in COLLAPSED) for s in statuses}


def _place(columns: dict[str, Column], card: Card) -> None:
    column = columns[card.status]
    column.count += 1
    if len(column.cards) < COLUMN_LIMIT:
        column.cards.append(card)


def deliverable_moves(user: Any, deliverable: Any, *, manages: bool) -> list[tuple[str, str]]:
    """Where this person may move a deliverable from where it is (the board's choices)."""
    allowed = moves_for(deliverable)
    if not manages:
        if not policy.is_creative(user):
            return []
        steps = access.CREATIVE_DELIVERABLE_STEPS
        allowed = [s for s in allowed if {deliverable.status, s} <= steps]
    return [(s, str(DELIVERABLE_LABELS[s])) for s in allowed]


def task_moves(user: Any, task: Any, *, manages: bool) -> list[tuple[str, str]]:
    if not manages and task.assignee_id != user.pk:
        return []
    allowed = rules.TASK_MOVES.get(task.status, set())
    return [(s, str(TASK_LABELS[s])) for s in TASK_COLUMNS if s in allowed]


# What a card needs, read as plain rows: a board holds hundreds of them.
DELIVERABLE_ROW = ("pk", "title", "status", "held_from", "due_on", "revision", "owner_id")
TASK_ROW = (
    "pk",
    "title",
    "status",
    "due_on",
    "revision",
    "estimate_hours",
    "blocked_reason",
    "assignee_id",
)


@dataclass(frozen=True)
class Row:
    """One deliverable or task as the board reads it (a `values()` row, by attribute)."""

    pk: int
    title: str
    status: str
    due_on: date | None
    revision: int
    who_id: int | None
    who: str
    held_from: str = ""
    estimate_hours: Decimal | None = None
    blocked_reason: str = ""

    @property
    def assignee_id(self) -> int | None:
        return self.who_id

    @classmethod
    def of_deliverables(cls, rows: QuerySet[Any]) -> list["Row"]:
        return [
            cls(
                pk=r["pk"],
                title=r["title"],
                status=r["status"],
                due_on=r["due_on"],
                revision=r["revision"],
                who_id=r["owner_id"],
                who=r["owner__name"] or "",
                held_from=r["held_from"],
            )
            for r in rows.values(*DELIVERABLE_ROW, "owner__name")
        ]

    @classmethod
    def of_tasks(cls, rows: QuerySet[Any]) -> list["Row"]:
        return [
            cls(
                pk=r["pk"],
                title=r["title"],
                status=r["status"],
                due_on=r["due_on"],
                revision=r["revision"],
                who_id=r["assignee_id"],
                who=r["assignee__name"] or "",
                estimate_hours=r["estimate_hours"],
                blocked_reason=r["blocked_reason"],
            )
            for r in rows.values(*TASK_ROW, "assignee__name")
        ]


class Cards:
    """Makes the cards of one board for one person; moves are worked out once per kind of
    card (status, held from, mine or not), not per card."""

    def __init__(self, user: Any, *, manages: bool, today: date, board_url: str) -> None:
        self.user, self.manages, self.today, self.board_url = user, manages, today, board_url
        self._moves: dict[tuple[str, str, bool], list[tuple[str, str]]] = {}

    def _cached(self, key: tuple[str, str, bool], row: Row) -> list[tuple[str, str]]:
        if key not in self._moves:
            work_out = deliverable_moves if key[0] == "deliverable" else task_moves
            self._moves[key] = work_out(self.user, row, manages=self.manages)
        return self._moves[key]

    def deliverable(self, d: Row) -> Card:
        return Card(
            kind="deliverable",
            id=d.pk,
            title=d.title,
            status=d.status,
            who=d.who,
            who_id=d.who_id,
            due_on=d.due_on,
            late=board_rules.deliverable_is_late(d.status, d.due_on, self.today),
            revision=d.revision,
            moves=self._cached(("deliverable", f"{d.status}:{d.held_from}", False), d),
            move_url=f"{self.board_url}deliverables/{d.pk}/move/",
        )

    def task(self, t: Row) -> Card:
        mine = t.who_id == self.user.pk
        return Card(
            kind="task",
            id=t.pk,
            title=t.title,
            status=t.status,
            who=t.who,
            who_id=t.who_id,
            due_on=t.due_on,
            late=board_rules.task_is_late(t.status, t.due_on, self.today),
            revision=t.revision,
            moves=self._cached(("task", t.status, mine), t),
            move_url=f"{self.board_url}tasks/{t.pk}/move/",
            estimate=t.estimate_hours,
            blocked_reason=t.blocked_reason,
        )


def board(user: Any, job: Job, *, today: date, board_url: str) -> Board:
    """The job's deliverables and tasks by status, with the moves this person may make: two
    queries whatever the job's size."""
    cards = Cards(user, manages=access.manages(user, job), today=today, board_url=board_url)
    d_columns = _columns(DELIVERABLE_COLUMNS, DELIVERABLE_LABELS)
    for d in Row.of_deliverables(Deliverable.objects.filter(job=job).order_by("position", "pk")):
        _place(d_columns, cards.deliverable(d))
    t_columns = _columns(TASK_COLUMNS, TASK_LABELS)
    for t in Row.of_tasks(Task.objects.filter(job=job).order_by("position", "pk")):
        _place(t_columns, cards.task(t))
    return Board(list(d_columns.values()), list(t_columns.values()))


def deliverable_card(
    user: Any, job: Job, deliverable_id: int, *, today: date, board_url: str
) -> Card:
    """One deliverable's card as it is now (after a move)."""
    (row,) = Row.of_deliverables(Deliverable.objects.filter(pk=deliverable_id))
    cards = Cards(user, manages=access.manages(user, job), today=today, board_url=board_url)
    return cards.deliverable(row)


def task_card(user: Any, job: Job, task_id: int, *, today: date, board_url: str) -> Card:
    """One task's card as it is now (after a move)."""
    (row,) = Row.of_tasks(Task.objects.filter(pk=task_id))
    cards = Cards(user, manages=access.manages(user, job), today=today, board_url=board_url)
    return cards.task(row)


# --- The timeline ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    kind: str  # "deliverable" or "task"
    id: int
    title: str
    status: str
    status_label: str
    who: str
    due_on: date
    late: bool
    finished: bool
    after_deadline: bool
    at: float  # percent along the axis

    @property
    def step(self) -> int:
        """The whole percent the page places it at (the stylesheet's `tl-at-N` classes)."""
        return round(self.at)

    # Ready-made words for the page's long list (a template filter per row costs more).
    @property
    def day(self) -> str:
        return f"{self.due_on:%a} {self.due_on.day} {self.due_on:%b}"

    @property
    def kind_label(self) -> str:
        return "Task" if self.kind == "task" else "Deliverable"


@dataclass
class Timeline:
    start: date
    end: date
    today: date
    deadline: date | None
    deadline_at: float | None
    today_at: float
    weeks: list[tuple[date, float]]
    marks: list[Mark]  # by due date
    more: int  # dated items past TIMELINE_LIMIT
    undated: int

    @property
    def deliverables(self) -> list[Mark]:
        return [m for m in self.marks if m.kind == "deliverable"]

    @property
    def tasks(self) -> list[Mark]:
        return [m for m in self.marks if m.kind == "task"]


def timeline(job: Job, *, today: date) -> Timeline:
    """The job's due dates on an axis from today (or its start) to its deadline: three queries."""
    dated = {"due_on__isnull": False, "job": job}
    deliverables = Row.of_deliverables(
        Deliverable.objects.filter(**dated).order_by("due_on", "pk")[:TIMELINE_LIMIT]
    )
    tasks = Row.of_tasks(Task.objects.filter(**dated).order_by("due_on", "pk")[:TIMELINE_LIMIT])
    counts = _timeline_counts(job)
    rows: list[tuple[str, Row]] = [("deliverable", d) for d in deliverables]
    rows += [("task", t) for t in tasks]
    rows.sort(key=lambda row: (row[1].due_on, row[0], row[1].pk))
    rows = rows[:TIMELINE_LIMIT]
    started_on = job.created_at.date()
    dues = [row[1].due_on for row in rows if row[1].due_on is not None]
    start, end = board_rules.axis(today, started_on, job.due_on, dues[:1] + dues[-1:])
    marks = [
        _mark(kind, item, today=today, start=start, end=end, deadline=job.due_on)
        for kind, item in rows
    ]
    return Timeline(
        start=start,
        end=end,
        today=today,
        deadline=job.due_on,
        deadline_at=board_rules.position(job.due_on, start, end) if job.due_on else None,
        today_at=board_rules.position(today, start, end),
        weeks=[(m, board_rules.position(m, start, end)) for m in board_rules.mondays(start, end)],
        marks=marks,
        more=counts["dated"] - len(marks),
        undated=counts["undated"],
    )


def _timeline_counts(job: Job) -> dict[str, int]:
    d = Deliverable.objects.filter(job=job).aggregate(
        dated=Count("pk", filter=Q(due_on__isnull=False)),
        undated=Count("pk", filter=Q(due_on__isnull=True)),
    )
    t = Task.objects.filter(job=job).aggregate(
        dated=Count("pk", filter=Q(due_on__isnull=False)),
        undated=Count("pk", filter=Q(due_on__isnull=True)),
    )
    return {"dated": d["dated"] + t["dated"], "undated": d["undated"] + t["undated"]}


def _mark(
    kind: str, item: Row, *, today: date, start: date, end: date, deadline: date | None
) -> Mark:
    due_on = item.due_on
    assert due_on is not None  # only dated rows are on the timeline
    if kind == "deliverable":
        late = board_rules.deliverable_is_late(item.status, due_on, today)
        finished = item.status in rules.FINISHED
        label = DELIVERABLE_LABELS[item.status]
    else:
        late = board_rules.task_is_late(item.status, due_on, today)
        finished = item.status == rules.DONE
        label = TASK_LABELS[item.status]
    return Mark(
        kind=kind,
        id=item.pk,
        title=item.title,
        status=item.status,
        status_label=str(label),
        who=item.who,
        due_on=due_on,
        late=late,
        finished=finished,
        after_deadline=deadline is not None and due_on > deadline,
        at=board_rules.position(due_on, start, end),
    )


# --- The account manager's overview ---------------------------------------------------------


def _late_deliverables(today: date) -> Q:
    return Q(due_on__lt=today) & ~Q(status__in=rules.FINISHED)


def _late_tasks(today: date) -> Q:
    return Q(due_on__lt=today, status__in=rules.OPEN_TASK)


def _risky_deliverables(today: date, until: date) -> Q:
    return Q(due_on__gte=today, due_on__lte=until, status__in=rules.BEFORE_REVIEW)


def _risky_tasks(today: date, until: date) -> Q:
    return Q(due_on__gte=today, due_on__lte=until, status__in=rules.OPEN_TASK)


@dataclass
class Listed:
    """A bounded list and how many there are in all."""

    items: list[Any]
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.items)


@dataclass
class Watch:
    """What needs the account manager's eye across some jobs."""

    today: date
    at_risk_until: date
    late_deliverables: Listed
    late_tasks: Listed
    risky_deliverables: Listed
    risky_tasks: Listed
    blocked: Listed


def _deliverables_of(jobs: QuerySet[Job]) -> QuerySet[Deliverable]:
    return (
        Deliverable.objects.filter(job__in=jobs)
        .select_related("job", "job__client", "owner")
        .only(
            "title",
            "status",
            "due_on",
            "owner__name",
            "job__title",
            "job__client__name",
            "job__client_id",
        )
        .order_by("due_on", "pk")
    )


def _tasks_of(jobs: QuerySet[Job]) -> QuerySet[Task]:
    return (
        Task.objects.filter(job__in=jobs)
        .select_related("job", "job__client", "assignee")
        .only(
            "title",
            "status",
            "due_on",
            "blocked_reason",
            "status_changed_at",
            "estimate_hours",
            "assignee__name",
            "job__title",
            "job__client__name",
            "job__client_id",
        )
    )


def watch(jobs: QuerySet[Job], *, today: date) -> Watch:
    """Late, at-risk and blocked items of these jobs: counts in two aggregations, each list
    bounded (eight queries, plus one for the public holidays)."""
    until = risk_horizon(today)
    d_counts = Deliverable.objects.filter(job__in=jobs).aggregate(
        late=Count("pk", filter=_late_deliverables(today)),
        risky=Count("pk", filter=_risky_deliverables(today, until)),
    )
    t_counts = Task.objects.filter(job__in=jobs).aggregate(
        late=Count("pk", filter=_late_tasks(today)),
        risky=Count("pk", filter=_risky_tasks(today, until)),
        blocked=Count("pk", filter=Q(status=rules.BLOCKED)),
    )
    deliverables, tasks = _deliverables_of(jobs), _tasks_of(jobs).order_by("due_on", "pk")
    return Watch(
        today=today,
        at_risk_until=until,
        late_deliverables=Listed(
            list(deliverables.filter(_late_deliverables(today))[:LIST_LIMIT]), d_counts["late"]
        ),
        late_tasks=Listed(list(tasks.filter(_late_tasks(today))[:LIST_LIMIT]), t_counts["late"]),
        risky_deliverables=Listed(
            list(deliverables.filter(_risky_deliverables(today, until))[:LIST_LIMIT]),
            d_counts["risky"],
        ),
        risky_tasks=Listed(
            list(tasks.filter(_risky_tasks(today, until))[:LIST_LIMIT]), t_counts["risky"]
        ),
        blocked=Listed(
            list(
                _tasks_of(jobs)
                .filter(status=rules.BLOCKED)
                .order_by("status_changed_at", "pk")[:LIST_LIMIT]
            ),
            t_counts["blocked"],
        ),
    )


def _sum_of(model: Any, field_name: str, link: str) -> Any:
    """A per-row sum from another table as a subquery (no join that multiplies rows)."""
    rows = (
        model.objects.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(total=Sum(field_name))
        .values("total")[:1]
    )
    return Coalesce(Subquery(rows, output_field=HOURS), Value(ZERO), output_field=HOURS)


def _count_of(model: Any, condition: Q) -> Any:
    rows = (
        model.objects.filter(condition, job=OuterRef("pk"))
        .order_by()
        .values("job")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def jobs_with_figures(jobs: QuerySet[Job], *, today: date, until: date) -> QuerySet[Any]:
    """Jobs with their estimate, hours logged and counts of late, at-risk and blocked items,
    each a subquery: one query for a page of jobs."""
    return (
        jobs.select_related("client", "owner")
        .annotate(
            estimate=_sum_of(Task, "estimate_hours", "job"),
            logged=_sum_of(TimeEntry, "hours", "job"),
            late_deliverables=_count_of(Deliverable, _late_deliverables(today)),
            late_tasks=_count_of(Task, _late_tasks(today)),
            risky_deliverables=_count_of(Deliverable, _risky_deliverables(today, until)),
            risky_tasks=_count_of(Task, _risky_tasks(today, until)),
            blocked=_count_of(Task, Q(status=rules.BLOCKED)),
        )
        .order_by("due_on", "pk")
    )


def jobs_watched_by(user: Any) -> QuerySet[Job]:
    """The running jobs on an overview: every one for an admin; for an account manager, the
    jobs they own and those of the clients they manage; nobody else's."""
    running = Job.objects.filter(status__in=[Job.Status.OPEN, Job.Status.ON_HOLD])
    if policy.is_admin(user):
        return running
    if policy.is_account_manager(user):  # and only those they may still see
        return running.filter(Q(owner=user) | Q(client__account_manager=user)).filter(
            pk__in=queries.visible_to(user).values("pk")
        )
    return running.none()


def tasks_with_hours(job: Job) -> QuerySet[Any]:
    """A job's tasks with their estimate and the hours logged on each (one query a page)."""
    return (
        Task.objects.filter(job=job)
        .select_related("assignee")
        .only("title", "status", "estimate_hours", "due_on", "assignee__name", "job_id")
        .annotate(logged=_sum_of(TimeEntry, "hours", "task"))
        .order_by("position", "pk")
    )


def to_cents(value: Decimal | None) -> Decimal:
    """Hours to two places, as every database sums them alike (SQLite drops trailing zeros)."""
    return (value or ZERO).quantize(CENTS)


def job_hours(job: Job) -> tuple[Decimal, Decimal]:
    """(estimate, hours logged) of a job: two aggregations."""
    estimate = Task.objects.filter(job=job).aggregate(s=Sum("estimate_hours"))["s"]
    logged = TimeEntry.objects.filter(job=job).aggregate(s=Sum("hours"))["s"]
    return to_cents(estimate), to_cents(logged)


def job_queryset(job: Job) -> QuerySet[Job]:
    return Job.objects.filter(pk=job.pk)
