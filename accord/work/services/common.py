"""What the work services check alike: who can be given work, dates against the job's
deadline, and rows that moved since they were read."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from accord.core import policy
from accord.core.errors import Conflict, IllegalTransition, InvalidInput, NeedsConfirmation
from accord.work.models import Job

MAX_ESTIMATE = Decimal("999")
# Dates of work fall within this many years of today: beyond is a typo, and unbounded dates
# would make every calendar sum over them unbounded too.
MAX_YEARS = 10


def ensure_within_years(day: date | None, *, field: str, what: str = "The date") -> None:
    if day is None:
        return
    today = timezone.localdate()
    span = timedelta(days=round(365.25 * MAX_YEARS))
    if not today - span <= day <= today + span:
        raise InvalidInput(f"{what} must be within {MAX_YEARS} years of today.", field=field)


def ensure_job_takes_work(job: Job) -> None:
    """Work is planned and moved only on an open job (or one on hold, to be resumed)."""
    if job.status in (Job.Status.DONE, Job.Status.CANCELLED):
        raise IllegalTransition(
            f"The job “{job.title}” is {job.get_status_display().lower()}: its work no longer "
            "changes."
        )


def ensure_can_take_work(person: Any, *, field: str = "assignee") -> None:
    """Only active agency staff take work: never a client contact or a deactivated person."""
    if person is None:
        return
    if not policy.is_staff_member(person):
        who = person.name or person.email
        if getattr(person, "is_active", True) is False:
            raise InvalidInput(f"{who} is deactivated and cannot take work.", field=field)
        raise InvalidInput(
            f"{who} is a client contact: work goes to the agency's people.", field=field
        )


def check_due(
    due_on: date | None, job: Job, *, starts_on: date | None = None, confirm: bool = False
) -> None:
    """A start after the due date is refused; a due date after the job's deadline is asked
    about first (it may be right: the deadline may move)."""
    ensure_within_years(starts_on, field="starts_on", what="The start date")
    ensure_within_years(due_on, field="due_on", what="The due date")
    if starts_on and due_on and starts_on > due_on:
        raise InvalidInput("The start date is after the due date.", field="starts_on")
    if due_on and job.due_on and due_on > job.due_on and not confirm:
        raise NeedsConfirmation(
            f"The due date {due_on:%-d %b %Y} is after the job's deadline "
            f"({job.due_on:%-d %b %Y}). Save it anyway?"
        )


def clean_hours(
    value: Any, *, field: str = "estimate_hours", limit: Decimal = MAX_ESTIMATE
) -> Decimal:
    """Hours as a Decimal with at most two places, from 0 to `limit`."""
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput("Give the hours as a number, e.g. 2.5.", field=field) from None
    if not hours.is_finite() or hours < 0:
        raise InvalidInput("Hours cannot be negative.", field=field)
    if hours > limit:
        raise InvalidInput(f"Keep it to {limit} hours at most.", field=field)
    if hours != hours.quantize(Decimal("0.01")):
        raise InvalidInput("Give the hours to two decimal places at most.", field=field)
    return hours


def ensure_revision(current: int, base: int | None, what: str) -> None:
    """An edit based on an older revision is refused: someone else saved in between."""
    if base is not None and base != current:
        raise Conflict(
            f"Someone else changed {what} since you opened it. Reload to see their changes, "
            "then make yours again."
        )


def clean_title(title: str, *, field: str = "title") -> str:
    title = " ".join((title or "").split())
    if not title:
        raise InvalidInput("Give it a title.", field=field)
    if len(title) > 160:
        raise InvalidInput("Keep the title under 160 characters.", field=field)
    return title
