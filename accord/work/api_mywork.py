"""My work over the API: my open tasks, my time (and a job's, for its account side), my timer
and my calendar feed. Clients never reach time, tasks or estimates (403). My notifications are
in `accord.core.api_notifications`."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from accord.core.api_support import (
    BODY_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    Input,
    ObjectId,
    PageMeta,
    PageParams,
    Text,
    page_of,
)
from accord.core.errors import InvalidInput
from accord.intake.schemas import IsoDate, NamedRef
from accord.work import access_time, queries_mywork, timekeeping
from accord.work.models import Task, TimeEntry
from accord.work.services import calendar
from accord.work.services import time as time_services

router = Router(tags=["my work"])


class MyTaskOut(Schema):
    id: int
    title: str
    status: str
    priority: int
    due_on: date | None
    overdue: bool = Field(..., description="Due before today and not done.")
    estimate_hours: Decimal
    logged_hours: Decimal = Field(..., description="Hours logged on the task, by everyone.")
    job: NamedRef
    client: NamedRef
    deliverable: NamedRef | None
    brief_id: int | None = Field(..., description="The job's brief, one click away.")
    files: int = Field(..., description="How many files came with the request behind the job.")

    @classmethod
    def of(cls, task: Any, today: date) -> "MyTaskOut":
        job, deliverable = task.job, task.deliverable
        return cls(
            id=task.pk,
            title=task.title,
            status=task.status,
            priority=task.priority,
            due_on=task.due_on,
            overdue=task.due_on is not None and task.due_on < today,
            estimate_hours=task.estimate_hours,
            logged_hours=Decimal(task.logged).quantize(timekeeping.CENT),
            job=NamedRef(id=job.pk, name=job.title),
            client=NamedRef(id=job.client.pk, name=job.client.name),
            deliverable=NamedRef(id=deliverable.pk, name=deliverable.title)
            if deliverable is not None
            else None,
            brief_id=job.brief_id,
            files=task.files,
        )


class MyTaskPage(PageMeta):
    items: list[MyTaskOut]


class TimeEntryOut(Schema):
    id: int
    person: NamedRef
    job: NamedRef
    client: NamedRef
    task: NamedRef | None
    on: date
    hours: Decimal
    billable: bool
    note: str
    running: bool = Field(..., description="A timer still running (its hours are booked on stop).")
    started_at: datetime | None
    ended_at: datetime | None
    version: str = Field(..., description="Send it back as `version` to change or delete.")

    @classmethod
    def of(cls, entry: TimeEntry) -> "TimeEntryOut":
        task, job = entry.task, entry.job
        return cls(
            id=entry.pk,
            person=NamedRef(id=entry.user_id, name=entry.user.name),
            job=NamedRef(id=job.pk, name=job.title),
            client=NamedRef(id=job.client.pk, name=job.client.name),
            task=NamedRef(id=task.pk, name=task.title) if task is not None else None,
            on=entry.on,
            hours=entry.hours,
            billable=entry.billable,
            note=entry.note,
            running=entry.is_running,
            started_at=entry.started_at,
            ended_at=entry.ended_at,
            version=time_services.version_of(entry),
        )


class TimeEntryPage(PageMeta):
    items: list[TimeEntryOut]


class TimeFilters(Schema):
    since: IsoDate | None = Field(None, description="Entries on or after this day.")
    until: IsoDate | None = Field(None, description="Entries on or before this day.")


Hours = Field(..., strict=False, description="More than 0, at most 24, two decimals at most.")


class TimeEntryIn(Input):
    job_id: int | None = Field(None, ge=1, description="The job (or give `task_id`).")
    task_id: int | None = Field(None, ge=1, description="One of the job's tasks.")
    on: IsoDate
    hours: Decimal = Hours
    billable: bool = True
    note: Text = Field("", max_length=300)


class TimeEntryChange(Input):
    version: str = Field(..., max_length=64, description="The entry's `version` as you read it.")
    on: IsoDate
    hours: Decimal = Hours
    billable: bool
    note: Text = Field("", max_length=300)
    task_id: int | None = Field(None, ge=1)


class TimerStart(Input):
    task_id: int = Field(..., ge=1)


class TimerStop(Input):
    hours: Decimal | None = Field(
        None, strict=False, description="The hours really worked (for a timer left running)."
    )
    confirm: bool = Field(False, description="Book `hours` for a timer left running.")


class CalendarFeedOut(Schema):
    id: int
    prefix: str
    created_at: datetime
    url: str | None = Field(None, description="The private address: shown once, on creation.")


# --- My tasks -------------------------------------------------------------------------------


@router.get("/my-work", response={200: MyTaskPage, **READ_ERRORS}, operation_id="my_work")
def my_work(request: AuthedRequest, page: Query[PageParams]) -> dict[str, Any]:
    """My open tasks: overdue first, then by due date, then the highest priority; each with
    its job, client, brief, files and hours logged against the estimate. Staff only (403)."""
    access_time.require_time_keeper(request.user)
    result = page_of(queries_mywork.open_tasks(request.user), page)
    today = timezone.localdate()
    result["items"] = [MyTaskOut.of(task, today) for task in result["items"]]
    return result


# --- Time -----------------------------------------------------------------------------------


def _entry_page(entries: Any, page: PageParams) -> dict[str, Any]:
    result = page_of(entries.select_related("user"), page)
    result["items"] = [TimeEntryOut.of(entry) for entry in result["items"]]
    return result


@router.get(
    "/time-entries", response={200: TimeEntryPage, **READ_ERRORS}, operation_id="list_time_entries"
)
def list_time_entries(
    request: AuthedRequest, filters: Query[TimeFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """My time entries, newest first, between optional days. Staff only (403)."""
    access_time.require_time_keeper(request.user)
    entries = queries_mywork.entries_of(request.user, since=filters.since, until=filters.until)
    return _entry_page(entries, page)


@router.get(
    "/jobs/{job_id}/time-entries",
    response={200: TimeEntryPage, **READ_ERRORS},
    operation_id="list_job_time_entries",
)
def list_job_time_entries(
    request: AuthedRequest, job_id: ObjectId, page: Query[PageParams]
) -> dict[str, Any]:
    """Everyone's time on a job, newest first: for its account side (admins and account
    managers who see the job); creatives and clients are refused (403)."""
    job = access_time.job_time_for(request.user, job_id)
    return _entry_page(queries_mywork.entries_of_job(job), page)


def _task_of(request: AuthedRequest, task_id: int | None) -> Task | None:
    return access_time.task_to_time(request.user, task_id) if task_id is not None else None


@router.post(
    "/time-entries",
    response={201: TimeEntryOut, **BODY_ERRORS},
    operation_id="create_time_entry",
)
def create_time_entry(request: AuthedRequest, body: TimeEntryIn) -> Status[TimeEntryOut]:
    """Log time by hand on a job (and a task of it). More than 0 and at most 24 hours, two
    decimals, not in the future, and the day's total within 24 hours (422 otherwise)."""
    access_time.require_time_keeper(request.user)
    task = _task_of(request, body.task_id)
    if body.job_id is not None:
        job = access_time.job_to_book(request.user, body.job_id)
    elif task is not None:
        job = task.job
    else:
        raise InvalidInput("Give a job_id or a task_id.", field="job_id")
    entry = time_services.log_time(
        by=request.user,
        job=job,
        task=task,
        on=body.on,
        hours=body.hours,
        billable=body.billable,
        note=body.note,
    )
    return Status(201, TimeEntryOut.of(access_time.entry_for(request.user, entry.pk)))


@router.patch(
    "/time-entries/{entry_id}",
    response={200: TimeEntryOut, **BODY_ERRORS},
    operation_id="update_time_entry",
)
def update_time_entry(
    request: AuthedRequest, entry_id: ObjectId, body: TimeEntryChange
) -> TimeEntryOut:
    """Change one of my entries as I read it (`version`); changed since: 409."""
    entry = access_time.entry_for(request.user, entry_id)
    time_services.update_time_entry(
        by=request.user,
        entry=entry,
        base=body.version,
        on=body.on,
        hours=body.hours,
        billable=body.billable,
        note=body.note,
        task=_task_of(request, body.task_id),
    )
    return TimeEntryOut.of(access_time.entry_for(request.user, entry_id))


class VersionParam(Schema):
    version: str = Field(..., max_length=64, description="The entry's `version` as you read it.")


@router.delete(
    "/time-entries/{entry_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="delete_time_entry",
)
def delete_time_entry(
    request: AuthedRequest, entry_id: ObjectId, params: Query[VersionParam]
) -> Status[None]:
    """Delete one of my entries as I read it (`?version=`); changed since: 409."""
    entry = access_time.entry_for(request.user, entry_id)
    time_services.delete_time_entry(by=request.user, entry=entry, base=params.version)
    return Status(204, None)


@router.post(
    "/timer/start", response={201: TimeEntryOut, **BODY_ERRORS}, operation_id="start_timer"
)
def start_timer(request: AuthedRequest, body: TimerStart) -> Status[TimeEntryOut]:
    """Start a timer on a task (mine, or of a job I am on); a timer running on another task is
    stopped and booked first — unless it was left running overnight (409, field `confirm`:
    stop it with the real hours first)."""
    task = access_time.task_to_time(request.user, body.task_id)
    entry = time_services.start_timer(by=request.user, task=task)
    return Status(201, TimeEntryOut.of(access_time.entry_for(request.user, entry.pk)))


@router.post("/timer/stop", response={200: TimeEntryOut, **BODY_ERRORS}, operation_id="stop_timer")
def stop_timer(request: AuthedRequest, body: TimerStop) -> TimeEntryOut:
    """Stop my timer and book its time. A timer that ran past midnight or over ten hours is
    not booked: 409 with field `confirm` says since when; send `hours` and `confirm: true`."""
    access_time.require_time_keeper(request.user)
    entry = time_services.stop_timer(by=request.user, hours=body.hours, confirm=body.confirm)
    return TimeEntryOut.of(access_time.entry_for(request.user, entry.pk))


# --- Calendar feed --------------------------------------------------------------------------


@router.post(
    "/calendar-feeds",
    response={201: CalendarFeedOut, **WRITE_ERRORS},
    operation_id="create_calendar_feed",
)
def create_calendar_feed(request: AuthedRequest) -> Status[CalendarFeedOut]:
    """A private calendar (ICS) address for my due dates, shown once in `url`; any older one
    stops working. Staff only (403)."""
    access_time.require_time_keeper(request.user)
    made = calendar.create_feed(by=request.user)
    url = request.build_absolute_uri(calendar.feed_path(made.token))
    feed = made.feed
    return Status(
        201, CalendarFeedOut(id=feed.pk, prefix=feed.prefix, created_at=feed.created_at, url=url)
    )


@router.delete(
    "/calendar-feeds/{feed_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="revoke_calendar_feed",
)
def revoke_calendar_feed(request: AuthedRequest, feed_id: ObjectId) -> Status[None]:
    """Turn one of my calendar addresses off (409 if it is off already)."""
    feed = access_time.feed_for(request.user, feed_id)
    calendar.revoke_feed(by=request.user, feed=feed)
    return Status(204, None)
