"""Reads about jobs, scoped to the person asking."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accord.clients import queries as client_queries
from accord.core import policy, reach
from accord.work import rules
from accord.work.models import (
    Deliverable,
    Job,
    JobMember,
    JobTemplate,
    Task,
    TemplateDeliverable,
    TemplateTask,
)


def visible_to(user: Any) -> QuerySet[Job]:
    """Jobs of the clients a person can see; creatives only the jobs they are on."""
    if policy.is_creative(user):
        return Job.objects.filter(pk__in=reach.of(user).job_ids)
    if policy.is_admin(user):
        return Job.objects.all()
    return Job.objects.filter(client__in=client_queries.visible_to(user).values("pk"))


DUE_FILTERS = ("overdue", "this_week", "next_14_days", "none")


def _open_count(model: Any, open_statuses: Any) -> Any:
    """How many of a job's rows are still open, one correlated count per row of the page."""
    return _count(model.objects.filter(job=OuterRef("pk"), status__in=list(open_statuses)), "job")


def _count(rows: QuerySet[Any], by: str) -> Any:
    """How many `rows` the outer row has (their `by` is it): a correlated count, as two
    `Count` joins on one query would multiply each other."""
    counted = rows.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def templates_with_counts(templates: QuerySet[JobTemplate]) -> QuerySet[JobTemplate]:
    """Templates with how many deliverables and tasks each plans, in-use ones first by name
    (a correlated count each)."""
    deliverables = TemplateDeliverable.objects.filter(template=OuterRef("pk"))
    tasks = TemplateTask.objects.filter(template=OuterRef("pk"))
    return templates.annotate(
        deliverable_count=_count(deliverables, "template"), task_count=_count(tasks, "template")
    ).order_by("-is_active", "name", "pk")


def jobs_of(
    user: Any,
    *,
    client_id: int | None = None,
    status: str = "",
    due: str = "",
    mine: bool = False,
    today: date | None = None,
) -> QuerySet[Job]:
    """The jobs list: visible jobs, filtered, soonest deadline first (none last), with the
    client and owner joined and the open deliverables and tasks counted, whatever the page."""
    today = today or timezone.localdate()
    jobs = visible_to(user)
    if client_id:
        jobs = jobs.filter(client_id=client_id)
    if status:
        jobs = jobs.filter(status=status)
    if due == "overdue":
        jobs = jobs.filter(due_on__lt=today, status__in=Job.LIVE)
    elif due == "this_week":
        monday = rules.week_of(today)
        jobs = jobs.filter(due_on__gte=monday, due_on__lte=monday + timedelta(days=6))
    elif due == "next_14_days":
        jobs = jobs.filter(due_on__gte=today, due_on__lte=today + timedelta(days=14))
    elif due == "none":
        jobs = jobs.filter(due_on__isnull=True)
    if mine:
        jobs = jobs.filter(_mine(user))
    jobs = jobs.select_related("client", "owner").order_by(
        F("due_on").asc(nulls_last=True), "-created_at", "-pk"
    )
    if policy.is_contact(user):
        return jobs
    return jobs.annotate(
        open_deliverables=_open_count(Deliverable, OPEN_DELIVERABLE),
        open_tasks=_open_count(Task, rules.OPEN_TASK),
    )


OPEN_DELIVERABLE = set(rules.CLIENT_WORDS) - rules.FINISHED


def _mine(user: Any) -> Q:
    """An account manager's jobs are those they run; anyone else's those they work on."""
    return works_on(user) if policy.is_creative(user) else Q(owner=user)


def works_on(user: Any) -> Q:
    """Jobs a person is on: on the job's team, with a task on it, or owning a deliverable.
    The ids come from one UNION that reads each table by its index on the person, in the same
    query (an EXISTS per job would test every job of the agency)."""
    ids = (
        JobMember.objects.filter(user=user)
        .order_by()
        .values_list("job_id", flat=True)
        .union(
            Task.objects.filter(assignee=user).order_by().values_list("job_id", flat=True),
            Deliverable.objects.filter(owner=user).order_by().values_list("job_id", flat=True),
        )
    )
    return Q(pk__in=ids)
