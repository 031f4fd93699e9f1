"""The job board, the timeline and the account manager's overview, as JSON.

Agency staff only: client contacts never see tasks, estimates or time (404 on a job's board,
timeline and overview; 403 on the overview of all jobs)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router
from pydantic import BaseModel, Field

from accord.core import policy
from accord.core.api_support import READ_ERRORS, AuthedRequest, ObjectId, PageMeta, PageParams
from accord.intake.schemas import NamedRef
from accord.work import access, overview
from accord.work.models import Job

router = Router(tags=["work"])


def _staff_job(request: AuthedRequest, job_id: int) -> Job:
    if not policy.is_staff_member(request.user):
        raise Http404("No such job.")
    return access.job_for(request.user, job_id)


def _person(person_id: int | None, name: str) -> NamedRef | None:
    return NamedRef(id=person_id, name=name) if person_id is not None else None


class MoveOut(BaseModel):
    to: str
    label: str


class CardOut(BaseModel):
    id: int
    title: str
    status: str
    revision: int
    who: NamedRef | None = Field(..., description="The deliverable's owner or task's assignee.")
    due_on: date | None
    late: bool = Field(..., description="Due before today and not finished.")
    estimate_hours: Decimal | None = Field(..., description="Tasks only.")
    blocked_reason: str
    moves: list[MoveOut] = Field(
        ..., description="Where I may move it from its status (send it with `base_status`)."
    )

    @classmethod
    def of(cls, card: overview.Card) -> "CardOut":
        return cls(
            id=card.id,
            title=card.title,
            status=card.status,
            revision=card.revision,
            who=_person(card.who_id, card.who),
            due_on=card.due_on,
            late=card.late,
            estimate_hours=card.estimate,
            blocked_reason=card.blocked_reason,
            moves=[MoveOut(to=to, label=label) for to, label in card.moves],
        )


class ColumnOut(BaseModel):
    status: str
    label: str
    count: int = Field(..., description="Cards in the column; at most 120 are listed.")
    cards: list[CardOut]

    @classmethod
    def of(cls, column: overview.Column) -> "ColumnOut":
        return cls(
            status=column.status,
            label=column.label,
            count=column.count,
            cards=[CardOut.of(c) for c in column.cards],
        )


class BoardOut(BaseModel):
    job_id: int
    deliverables: list[ColumnOut]
    tasks: list[ColumnOut]


@router.get(
    "/jobs/{job_id}/board",
    response={200: BoardOut, **READ_ERRORS},
    operation_id="get_job_board",
)
def get_job_board(request: AuthedRequest, job_id: ObjectId) -> BoardOut:
    """A job's deliverables and tasks by status, each with the moves I may make. Agency
    staff who see the job; contacts get 404."""
    job = _staff_job(request, job_id)
    board_url = reverse("work:board", kwargs={"job_id": job.pk})
    board = overview.board(request.user, job, today=timezone.localdate(), board_url=board_url)
    return BoardOut(
        job_id=job.pk,
        deliverables=[ColumnOut.of(c) for c in board.deliverables],
        tasks=[ColumnOut.of(c) for c in board.tasks],
    )


class MarkOut(BaseModel):
    kind: str = Field(..., description="deliverable or task")
    id: int
    title: str
    status: str
    who: str
    due_on: date
    late: bool
    position: float = Field(..., description="Percent along the axis, 0 to 100.")


class WeekOut(BaseModel):
    monday: date
    position: float


class TimelineOut(BaseModel):
    start: date
    end: date
    today: date
    deadline: date | None
    deadline_position: float | None
    today_position: float
    weeks: list[WeekOut]
    items: list[MarkOut] = Field(..., description="By due date, at most 300.")
    more: int = Field(..., description="Dated items past the listed ones.")
    undated: int


@router.get(
    "/jobs/{job_id}/timeline",
    response={200: TimelineOut, **READ_ERRORS},
    operation_id="get_job_timeline",
)
def get_job_timeline(request: AuthedRequest, job_id: ObjectId) -> TimelineOut:
    """A job's due dates on an axis from today (or its start) to its deadline, with the
    weeks marked. Agency staff who see the job; contacts get 404."""
    t = overview.timeline(_staff_job(request, job_id), today=timezone.localdate())
    return TimelineOut(
        start=t.start,
        end=t.end,
        today=t.today,
        deadline=t.deadline,
        deadline_position=t.deadline_at,
        today_position=t.today_at,
        weeks=[WeekOut(monday=m, position=at) for m, at in t.weeks],
        items=[
            MarkOut(
                kind=m.kind,
                id=m.id,
                title=m.title,
                status=m.status,
                who=m.who,
                due_on=m.due_on,
                late=m.late,
                position=m.at,
            )
            for m in t.marks
        ],
        more=t.more,
        undated=t.undated,
    )


class ItemOut(BaseModel):
    kind: str
    id: int
    title: str
    status: str
    job: NamedRef
    client: NamedRef
    who: NamedRef | None
    due_on: date | None


class BlockedOut(ItemOut):
    reason: str
    since: datetime


class ListedOut(BaseModel):
    count: int = Field(..., description="How many in all; at most 25 are listed.")
    items: list[ItemOut]


class BlockedListOut(BaseModel):
    count: int
    items: list[BlockedOut]


class WatchOut(BaseModel):
    today: date
    at_risk_until: date = Field(
        ..., description="Due on or before this day (two working days ahead): at risk."
    )
    late_deliverables: ListedOut
    late_tasks: ListedOut
    at_risk_deliverables: ListedOut
    at_risk_tasks: ListedOut
    blocked: BlockedListOut


def _item(kind: str, item: Any) -> dict[str, Any]:
    person = item.owner if kind == "deliverable" else item.assignee
    return {
        "kind": kind,
        "id": item.pk,
        "title": item.title,
        "status": item.status,
        "job": NamedRef(id=item.job_id, name=item.job.title),
        "client": NamedRef(id=item.job.client_id, name=item.job.client.name),
        "who": _person(person.pk, person.name) if person else None,
        "due_on": item.due_on,
    }


def _listed(kind: str, listed: overview.Listed) -> ListedOut:
    return ListedOut(count=listed.count, items=[ItemOut(**_item(kind, i)) for i in listed.items])


def _watch_out(watch: overview.Watch) -> WatchOut:
    return WatchOut(
        today=watch.today,
        at_risk_until=watch.at_risk_until,
        late_deliverables=_listed("deliverable", watch.late_deliverables),
        late_tasks=_listed("task", watch.late_tasks),
        at_risk_deliverables=_listed("deliverable", watch.risky_deliverables),
        at_risk_tasks=_listed("task", watch.risky_tasks),
        blocked=BlockedListOut(
            count=watch.blocked.count,
            items=[
                BlockedOut(**_item("task", t), reason=t.blocked_reason, since=t.status_changed_at)
                for t in watch.blocked.items
            ],
        ),
    )


class TaskHoursOut(BaseModel):
    id: int
    title: str
    status: str
    estimate_hours: Decimal
    logged_hours: Decimal


class JobOverviewOut(BaseModel):
    job_id: int
    estimate_hours: Decimal
    logged_hours: Decimal
    watch: WatchOut
    tasks: list[TaskHoursOut] = Field(..., description="A page of the job's tasks.")
    task_count: int


@router.get(
    "/jobs/{job_id}/overview",
    response={200: JobOverviewOut, **READ_ERRORS},
    operation_id="get_job_overview",
)
def get_job_overview(
    request: AuthedRequest, job_id: ObjectId, page: Query[PageParams]
) -> JobOverviewOut:
    """What needs the account manager's eye on a job: late, at-risk and blocked items, and
    hours logged against the estimate (per task, a page at a time). The job's managers only
    (403); contacts get 404."""
    job = _staff_job(request, job_id)
    if not access.manages(request.user, job):
        raise PermissionDenied("The overview is for the job's account manager.")
    estimate, logged = overview.job_hours(job)
    tasks = overview.tasks_with_hours(job)
    return JobOverviewOut(
        job_id=job.pk,
        estimate_hours=estimate,
        logged_hours=logged,
        watch=_watch_out(overview.watch(overview.job_queryset(job), today=timezone.localdate())),
        tasks=[
            TaskHoursOut(
                id=t.pk,
                title=t.title,
                status=t.status,
                estimate_hours=t.estimate_hours,
                logged_hours=overview.to_cents(t.logged),
            )
            for t in tasks[page.offset : page.offset + page.limit]
        ],
        task_count=tasks.count(),
    )


class JobFiguresOut(BaseModel):
    id: int
    title: str
    client: NamedRef
    owner: NamedRef | None
    due_on: date | None
    status: str
    estimate_hours: Decimal
    logged_hours: Decimal
    late: int
    at_risk: int
    blocked: int


class JobFiguresPage(PageMeta):
    items: list[JobFiguresOut]


class OverviewOut(BaseModel):
    watch: WatchOut
    jobs: JobFiguresPage


@router.get(
    "/work/overview",
    response={200: OverviewOut, **READ_ERRORS},
    operation_id="get_work_overview",
)
def get_work_overview(request: AuthedRequest, page: Query[PageParams]) -> OverviewOut:
    """My running jobs (an admin's: all) with their figures, a page at a time, and what is
    late, at risk or blocked across them. Account managers and admins only (403)."""
    user = request.user
    if not (policy.is_admin(user) or policy.is_account_manager(user)):
        raise PermissionDenied("The overview is for account managers.")
    jobs = overview.jobs_watched_by(user)
    watch = overview.watch(jobs, today=timezone.localdate())
    figures = overview.jobs_with_figures(jobs, today=watch.today, until=watch.at_risk_until)
    count = jobs.count()
    rows = list(figures[page.offset : page.offset + page.limit]) if page.offset < count else []
    return OverviewOut(
        watch=_watch_out(watch),
        jobs=JobFiguresPage(
            count=count,
            limit=page.limit,
            offset=page.offset,
            items=[
                JobFiguresOut(
                    id=j.pk,
                    title=j.title,
                    client=NamedRef(id=j.client_id, name=j.client.name),
                    owner=_person(j.owner_id, j.owner.name) if j.owner else None,
                    due_on=j.due_on,
                    status=j.status,
                    estimate_hours=overview.to_cents(j.estimate),
                    logged_hours=overview.to_cents(j.logged),
                    late=j.late_deliverables + j.late_tasks,
                    at_risk=j.risky_deliverables + j.risky_tasks,
                    blocked=j.blocked,
                )
                for j in rows
            ],
        ),
    )
