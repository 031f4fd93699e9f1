"""Every write about time: a timer started and stopped, time logged by hand, changed, deleted.

Each write locks the person's row first, so their timer and their day's total change one
request at a time (two tabs cannot book 30 hours into one day, nor run two timers).
"""

import hashlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format

from accord.accounts.models import User
from accord.core import events, policy
from accord.core.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NeedsConfirmation,
    NotAllowed,
)
from accord.core.policy import Audience
from accord.core.text import one_line
from accord.work import timekeeping
from accord.work.access_time import may_book
from accord.work.models import Job, Task, TimeEntry

NOTE_LIMIT = 300
# How far back time may still be logged by hand.
OLDEST_DAYS = 366
CLOSED_JOBS = (Job.Status.DONE, Job.Status.CANCELLED)


def version_of(entry: TimeEntry) -> str:
    """What an edit is based on: a short fingerprint of the entry as the person read it."""
    shown = "|".join(
        str(value)
        for value in (
            entry.job_id,
            entry.task_id,
            entry.on,
            Decimal(entry.hours).quantize(timekeeping.CENT),
            entry.billable,
            entry.note,
            entry.started_at,
            entry.ended_at,
        )
    )
    return hashlib.sha256(shown.encode()).hexdigest()[:16]


def _lock_person(user: User) -> None:
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk").get()


def _running(user: User) -> TimeEntry | None:
    return (
        TimeEntry.objects.select_related("job", "task")
        .filter(user=user, started_at__isnull=False, ended_at__isnull=True)
        .first()
    )


def running_timer(user: User) -> TimeEntry | None:
    """The person's running timer, if any."""
    return _running(user)


def _booked_on(user: User, day: date, *, besides: int | None = None) -> Decimal:
    entries = TimeEntry.objects.filter(user=user, on=day)
    if besides is not None:
        entries = entries.exclude(pk=besides)
    total = entries.aggregate(total=Sum("hours"))["total"]
    return Decimal(total or 0)


def _fits_the_day(user: User, day: date, hours: Decimal, *, besides: int | None = None) -> None:
    problem = timekeeping.room_left(booked=_booked_on(user, day, besides=besides), adding=hours)
    if problem:
        raise InvalidInput(problem, field="hours")


def _hours(value: Any) -> Decimal:
    try:
        return timekeeping.hours_from(value)
    except timekeeping.HoursProblem as problem:
        raise InvalidInput(str(problem), field="hours") from problem


def _day(on: date) -> date:
    today = timezone.localdate()
    if on > today:
        raise InvalidInput("Time can't be logged for a day still to come.", field="on")
    if on < today - timedelta(days=OLDEST_DAYS):
        raise InvalidInput("Time older than a year can't be logged any more.", field="on")
    return on


def _note(note: str) -> str:
    line = one_line(note)
    if len(line) > NOTE_LIMIT:
        raise InvalidInput(f"Keep the note under {NOTE_LIMIT} characters.", field="note")
    return line


def _ensure_may_book(by: User, job: Job) -> None:
    if not policy.is_staff_member(by):
        raise NotAllowed("Time is booked by the agency's staff.")
    if not may_book(by, job):
        raise NotAllowed("You can book time only on the jobs you are on.", field="job")


def _task_of(job: Job, task: Task | None) -> Task | None:
    if task is not None and task.job_id != job.pk:
        raise InvalidInput("That task belongs to another job.", field="task")
    return task


def _data(entry: TimeEntry) -> dict[str, Any]:
    return {
        "job": entry.job_id,
        "task": entry.task_id,
        "on": entry.on.isoformat(),
        "hours": str(Decimal(entry.hours).quantize(timekeeping.CENT)),
        "billable": entry.billable,
    }


def _record(by: User, verb: str, entry: TimeEntry, **data: Any) -> None:
    events.record(
        actor=by,
        verb=verb,
        target=("work.timeentry", entry.pk),
        client=entry.job.client_id,
        audience=Audience.INTERNAL,
        data={**_data(entry), **data},
    )


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local, 'l j F')} at {date_format(local, 'H:i')}"


def _what(entry: TimeEntry) -> str:
    return f"“{entry.task.title}”" if entry.task is not None else f"the job “{entry.job.title}”"


def _stop(*, by: User, entry: TimeEntry, hours: Any = None, confirm: bool = False) -> TimeEntry:
    """Book a running timer (the person's row is locked)."""
    now = timezone.now()
    assert entry.started_at is not None
    if timekeeping.needs_the_real_hours(entry.started_at, now, timezone.get_current_timezone()):
        if not confirm:
            raise NeedsConfirmation(
                f"Your timer on {_what(entry)} has been running since {_when(entry.started_at)}: "
                "it was probably left running. How many hours did you really work? "
                "Enter them and confirm."
            )
        if hours is None or hours == "":
            raise InvalidInput(
                f"Enter the hours you really worked on {_what(entry)} since "
                f"{_when(entry.started_at)}.",
                field="hours",
            )
    booked = (
        _hours(hours)
        if hours is not None and hours != ""
        else timekeeping.elapsed_hours(entry.started_at, now)
    )
    _fits_the_day(by, entry.on, booked, besides=entry.pk)
    entry.hours = booked
    entry.ended_at = now
    entry.save(update_fields=["hours", "ended_at"])
    _record(by, "timer.stopped", entry, confirmed=confirm)
    return entry


@transaction.atomic
def start_timer(*, by: User, task: Task) -> TimeEntry:
    """Start timing a task (one of the person's, or of a job they are on). A timer already
    running on another task is stopped first and its time booked."""
    _lock_person(by)
    task = Task.objects.select_related("job").get(pk=task.pk)
    if task.assignee_id != by.pk:
        _ensure_may_book(by, task.job)
    if task.status == Task.Status.DONE:
        raise IllegalTransition(f"“{task.title}” is done: reopen it to work on it again.")
    if task.job.status in CLOSED_JOBS:
        raise IllegalTransition(
            f"The job “{task.job.title}” is {task.job.get_status_display().lower()}: "
            "its tasks take no more time."
        )
    running = _running(by)
    if running is not None:
        if running.task_id == task.pk:
            return running
        _stop(by=by, entry=running)
    now = timezone.now()
    entry = TimeEntry.objects.create(
        user=by, job=task.job, task=task, on=timezone.localdate(now), started_at=now
    )
    events.record(
        actor=by,
        verb="timer.started",
        target=("work.timeentry", entry.pk),
        client=task.job.client_id,
        audience=Audience.INTERNAL,
        data={"job": task.job_id, "task": task.pk},
    )
    return entry


@transaction.atomic
def stop_timer(*, by: User, hours: Any = None, confirm: bool = False) -> TimeEntry:
    """Stop the person's timer and book its time. A timer that ran past midnight or longer
    than ten hours is not booked as it is: NeedsConfirmation asks for the real hours, and
    with `confirm` and `hours` those are booked."""
    _lock_person(by)
    running = _running(by)
    if running is None:
        raise IllegalTransition("You have no timer running.")
    return _stop(by=by, entry=running, hours=hours, confirm=confirm)


@transaction.atomic
def log_time(
    *,
    by: User,
    job: Job,
    task: Task | None = None,
    on: date,
    hours: Any,
    billable: bool = True,
    note: str = "",
) -> TimeEntry:
    """Book time by hand on a job (and one of its tasks): more than 0 and at most 24 hours,
    two decimals at most, not in the future, and the day's total within 24 hours."""
    _lock_person(by)
    _ensure_may_book(by, job)
    task = _task_of(job, task)
    day, booked = _day(on), _hours(hours)
    _fits_the_day(by, day, booked)
    entry = TimeEntry.objects.create(
        user=by, job=job, task=task, on=day, hours=booked, billable=billable, note=_note(note)
    )
    _record(by, "time.logged", entry, note=entry.note)
    return entry


def _locked_own(by: User, entry: TimeEntry, base: str) -> TimeEntry:
    _lock_person(by)
    current = TimeEntry.objects.select_related("job", "task").filter(pk=entry.pk).first()
    if current is None:
        raise Conflict("This time entry was deleted in the meantime.")
    if current.user_id != by.pk:
        raise NotAllowed("You can change only your own time entries.")
    if version_of(current) != base:
        raise Conflict(
            "This time entry changed since you read it: it is now "
            f"{timekeeping.plain(Decimal(current.hours))} hours on "
            f"{date_format(current.on, 'j F Y')}"
            f"{' (timer running)' if current.is_running else ''}. Nothing was changed."
        )
    return current


@transaction.atomic
def update_time_entry(
    *,
    by: User,
    entry: TimeEntry,
    base: str,
    on: date,
    hours: Any,
    billable: bool,
    note: str = "",
    task: Task | None = None,
) -> TimeEntry:
    """Change one of the person's entries, as it was when they read it (`base`, its
    `version_of`); a running timer is stopped first."""
    entry = _locked_own(by, entry, base)
    if entry.is_running:
        raise IllegalTransition("Stop the timer first, then change what it booked.")
    task = _task_of(entry.job, task)
    if task is not None and task.pk != entry.task_id:
        _ensure_may_book(by, entry.job)  # moving time onto a task takes being on its job now
    day, booked = _day(on), _hours(hours)
    _fits_the_day(by, day, booked, besides=entry.pk)
    was_hours, was_on = str(entry.hours), entry.on.isoformat()
    entry.on, entry.hours, entry.billable = day, booked, billable
    entry.note, entry.task = _note(note), task
    entry.save(update_fields=["on", "hours", "billable", "note", "task"])
    _record(by, "time.changed", entry, note=entry.note, was_hours=was_hours, was_on=was_on)
    return entry


@transaction.atomic
def delete_time_entry(*, by: User, entry: TimeEntry, base: str) -> None:
    """Delete one of the person's entries (a running timer is discarded), as it was when they
    read it."""
    entry = _locked_own(by, entry, base)
    _record(by, "time.deleted", entry)
    entry.delete()
