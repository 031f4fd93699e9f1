"""Every write about jobs. For now: a signed-off brief becomes a job, and a job is done."""

from django.db import transaction

from accord.accounts.models import User
from accord.clients.services import ensure_takes_work
from accord.core import events
from accord.core.errors import IllegalTransition
from accord.core.policy import Audience
from accord.intake import rules
from accord.intake import services as intake
from accord.intake.models import Brief, Request
from accord.intake.services.requests import follow_work
from accord.work.models import Job


@transaction.atomic
def start_job_from_brief(*, by: User, brief: Brief) -> Job:
    """Turn a signed-off brief into a job; an unsigned or changed brief is refused, and so is
    a brief of an archived client."""
    ensure_takes_work(brief.client)
    brief = intake.mark_converted(by=by, brief=brief)
    due = rules.parse_date(rules.answered(brief.answers, "deadline"))
    job = Job.objects.create(
        client=brief.client, brief=brief, title=brief.title, due_on=due, created_by=by
    )
    events.record(
        actor=by,
        verb="job.started",
        target=job,
        client=brief.client,
        audience=Audience.CLIENT,
        data={
            "title": job.title,
            "brief": brief.pk,
            "version": brief.current_version.number if brief.current_version else None,
        },
    )
    return job


JOB_MOVES = {
    Job.Status.OPEN: {Job.Status.DONE},
    Job.Status.DONE: set(),
    Job.Status.CANCELLED: set(),
}


@transaction.atomic
def finish_job(*, by: User, job: Job) -> Job:
    """The work is delivered: the job is done, and the request it came from is delivered."""
    # The job's row alone is locked (PostgreSQL locks no outer-joined rows); the rest is read
    # once the lock is granted.
    Job.objects.select_for_update().filter(pk=job.pk).values_list("pk").get()
    job = Job.objects.select_related("client", "brief").get(pk=job.pk)
    if Job.Status.DONE not in JOB_MOVES[Job.Status(job.status)]:
        raise IllegalTransition(f"This job is {job.get_status_display().lower()} already.")
    job.status = Job.Status.DONE
    job.save(update_fields=["status"])
    follow_work(request_id=job.brief.request_id if job.brief else None, to=Request.Status.DELIVERED)
    events.record(
        actor=by,
        verb="job.done",
        target=job,
        client=job.client,
        audience=Audience.CLIENT,
        data={"title": job.title},
    )
    return job
