"""The only way a view or endpoint gets a time entry, a task to time, or a calendar feed.

Time is between a person and the agency: contacts never reach it (403); staff reach their own
entries (anyone else's is a 404), and book time on jobs they may see — a creative only on the
jobs they are on (`creative_reach`), an account manager or admin on the jobs of their clients.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accord.core import policy
from accord.work import queries
from accord.work.models import CalendarFeed, Job, Task, TimeEntry


def require_time_keeper(user: Any) -> None:
    """Agency staff only: clients never see tasks, estimates or time."""
    if not policy.is_staff_member(user):
        raise PermissionDenied("Time and tasks are for the agency's staff.")


def may_book(user: Any, job: Job) -> bool:
    """Whether a person may book time on a job (one query)."""
    return policy.is_staff_member(user) and queries.visible_to(user).filter(pk=job.pk).exists()


def job_to_book(user: Any, job_id: int) -> Job:
    """A job to book time on or read time of: 404 when not visible, 403 for contacts."""
    require_time_keeper(user)
    job = queries.visible_to(user).select_related("client").filter(pk=job_id).first()
    if job is None:
        raise Http404("No such job.")
    return job


def job_time_for(user: Any, job_id: int) -> Job:
    """A job whose team's time a person reads: its account side (admins, account managers)."""
    job = job_to_book(user, job_id)
    if not (policy.is_admin(user) or policy.is_account_manager(user)):
        raise PermissionDenied("Only account managers read a job's time entries.")
    return job


def task_to_time(user: Any, task_id: int) -> Task:
    """A task to start a timer on or book time against: one of a job the person may see."""
    require_time_keeper(user)
    task = (
        Task.objects.select_related("job", "job__client")
        .filter(pk=task_id, job__in=queries.visible_to(user).values("pk"))
        .first()
    )
    if task is None:
        raise Http404("No such task.")
    return task


def entry_for(user: Any, entry_id: int) -> TimeEntry:
    """One of the person's own time entries (anyone else's: 404)."""
    require_time_keeper(user)
    entry = (
        TimeEntry.objects.select_related("job", "job__client", "task")
        .filter(pk=entry_id, user=user)
        .first()
    )
    if entry is None:
        raise Http404("No such time entry.")
    return entry


def feed_for(user: Any, feed_id: int) -> CalendarFeed:
    """One of the person's own calendar feeds (anyone else's: 404)."""
    require_time_keeper(user)
    feed = CalendarFeed.objects.filter(pk=feed_id, user=user).first()
    if feed is None:
        raise Http404("No such calendar feed.")
    return feed
