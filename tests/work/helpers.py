"""Putting people on a job, as the account manager does, for tests of who sees the work.

A creative sees a client's jobs, briefs, files and feed only through the jobs they are on:
on the job's team (a `JobMember` row) or with a task on it (`core.reach`).
"""

from typing import Any

from accord.intake.models import Brief
from accord.work.models import Job, JobMember, Task
from accord.work.services import start_job_from_brief


def put_on_job(job: Job, *people: Any) -> None:
    """These people join the job's team (again is harmless)."""
    JobMember.objects.bulk_create(
        [JobMember(job=job, user=person, added_by=job.owner) for person in people],
        ignore_conflicts=True,
    )


def take_off_job(job: Job, person: Any) -> None:
    """The person leaves the job's team."""
    JobMember.objects.filter(job=job, user=person).delete()


def give_task(job: Job, person: Any, *, title: str = "Key visual") -> Task:
    """A task on the job, assigned to the person (which puts them on the work, not the team)."""
    return Task.objects.create(job=job, title=title, assignee=person)


def start_job(brief: Brief, *, team: tuple[Any, ...] = ()) -> Job:
    """The client's account manager turns the signed-off brief into a job with this team."""
    brief = Brief.objects.select_related("client__account_manager").get(pk=brief.pk)
    job = start_job_from_brief(by=brief.client.account_manager, brief=brief)
    put_on_job(job, *team)
    return job
