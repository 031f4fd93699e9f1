"""Reads for a person's own work: their open tasks, what they finished lately, their week of
time. Each is one query whatever the number of rows (annotations, never per-row queries)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accord.intake.models import Attachment
from accord.work import queries
from accord.work.models import Job, Task, TimeEntry

OPEN = (Task.Status.TODO, Task.Status.DOING, Task.Status.BLOCKED)
DONE_LATELY_DAYS = 7
DONE_LATELY_LIMIT = 10
WEEK_ENTRIES_LIMIT = 200
CHOICES_LIMIT = 100
ZERO_HOURS = Value(Decimal("0"), output_field=DecimalField(max_digits=8, decimal_places=2))


def _logged() -> Any:
    """Hours logged on the task (everyone's), as an annotation."""
    hours = (
        TimeEntry.objects.filter(task=OuterRef("pk"))
        .order_by()
        .values("task")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return Coalesce(Subquery(hours), ZERO_HOURS)


def _files() -> Any:
    """How many files came with the request behind the task's job, as an annotation."""
    files = (
        Attachment.objects.filter(request_id=OuterRef("job__brief__request_id"))
        .order_by()
        .values("request_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(files), Value(0))


def open_tasks(user: Any) -> QuerySet[Task]:
    """The person's open tasks of jobs still running or on hold: overdue first (the oldest due
    date first), then by due date (undated last), then the highest priority first."""
    return (
        Task.objects.filter(assignee=user, status__in=OPEN, job__status__in=Job.LIVE)
        .select_related("job", "job__client", "job__brief", "deliverable")
        .annotate(logged=_logged(), files=_files())
        .order_by(*_due_first())
    )


def _due_first() -> list[Any]:
    return [F("due_on").asc(nulls_last=True), "-priority", "pk"]


def done_lately(user: Any) -> list[Task]:
    since = timezone.now() - timedelta(days=DONE_LATELY_DAYS)
    return list(
        Task.objects.filter(assignee=user, status=Task.Status.DONE, done_at__gte=since)
        .select_related("job", "job__client")
        .order_by("-done_at", "-pk")[:DONE_LATELY_LIMIT]
    )


TaskChoice = tuple[int, int, str, str, str]  # task, its job, title, job title, client name
JobChoice = tuple[int, str, str]  # job, title, client name


def task_choices(user: Any) -> list[TaskChoice]:
    """The person's open tasks to book time on (of jobs not over), soonest due first, as
    plain rows: a select of a hundred needs no model objects."""
    return list(
        Task.objects.filter(assignee=user, status__in=OPEN, job__status__in=Job.LIVE)
        .order_by(*_due_first())
        .values_list("pk", "job_id", "title", "job__title", "job__client__name")[:CHOICES_LIMIT]
    )


def job_choices(user: Any) -> list[JobChoice]:
    """Open jobs the person may book time on (the newest first), as plain rows."""
    return list(
        queries.visible_to(user)
        .filter(status=Job.Status.OPEN)
        .order_by("-created_at", "-pk")
        .values_list("pk", "title", "client__name")[:CHOICES_LIMIT]
    )


@dataclass
class Day:
    on: date
    billable: Decimal = Decimal("0")
    other: Decimal = Decimal("0")

    @property
    def total(self) -> Decimal:
        return self.billable + self.other


@dataclass
class Week:
    """A person's week of time: entries, and totals per day split billable/non-billable."""

    monday: date
    entries: list[TimeEntry]
    more: bool
    days: list[Day] = field(default_factory=list)

    @property
    def billable(self) -> Decimal:
        return sum((day.billable for day in self.days), Decimal("0"))

    @property
    def other(self) -> Decimal:
        return sum((day.other for day in self.days), Decimal("0"))

    @property
    def total(self) -> Decimal:
        return self.billable + self.other

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def following(self) -> date:
        return self.monday + timedelta(days=7)


def week_of_time(user: Any, monday: date) -> Week:
    """The entries of the week starting `monday` (bounded) and its totals (two queries)."""
    sunday = monday + timedelta(days=6)
    entries = list(
        TimeEntry.objects.filter(user=user, on__range=(monday, sunday))
        .select_related("job", "job__client", "task")
        .order_by("on", "pk")[: WEEK_ENTRIES_LIMIT + 1]
    )
    days = {monday + timedelta(days=n): Day(monday + timedelta(days=n)) for n in range(7)}
    totals = (
        TimeEntry.objects.filter(user=user, on__range=(monday, sunday))
        .order_by()
        .values("on", "billable")
        .annotate(hours=Sum("hours"))
    )
    for row in totals:
        day = days[row["on"]]
        if row["billable"]:
            day.billable += row["hours"] or 0
        else:
            day.other += row["hours"] or 0
    return Week(
        monday=monday,
        entries=entries[:WEEK_ENTRIES_LIMIT],
        more=len(entries) > WEEK_ENTRIES_LIMIT,
        days=list(days.values()),
    )


def entries_of(
    user: Any, *, since: date | None = None, until: date | None = None
) -> QuerySet[TimeEntry]:
    """A person's own entries, newest first, within optional dates."""
    entries = TimeEntry.objects.filter(user=user).select_related("job", "job__client", "task")
    if since is not None:
        entries = entries.filter(on__gte=since)
    if until is not None:
        entries = entries.filter(on__lte=until)
    return entries.order_by("-on", "-pk")


def entries_of_job(job: Job) -> QuerySet[TimeEntry]:
    return (
        TimeEntry.objects.filter(job=job)
        .select_related("job", "job__client", "task", "user")
        .order_by("-on", "-pk")
    )
