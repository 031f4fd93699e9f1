"""Every write about jobs. For now: a signed-off brief becomes a job, and a job is done."""

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.services import ensure_takes_work
from accord.core import events
from accord.core.errors import IllegalTransition
from accord.core.policy import Audience
from accord.intake import services as intake
from accord.intake.models import Brief, BriefVersion, Request
from accord.intake.services.requests import follow_work
from accord.work import rules
from accord.work.models import Job


@transaction.atomic
def start_job_from_brief(*, by: User, brief: Brief) -> Job:
    """Turn a signed-off brief into a job; an unsigned or changed brief is refused, and so is
    a brief of an archived client."""
    ensure_takes_work(brief.client)
    brief = intake.mark_converted(by=by, brief=brief)
    version = brief.current_version
    job = Job.objects.create(
        client=brief.client,
        brief=brief,
        title=brief.title,
        due_on=brief.deadline,
        created_by=by,
        owner=brief.client.account_manager or by,
        started_version=version.number if version else None,
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
            "version": version.number if version else None,
        },
    )
    return job


def flag_brief_change(brief: Brief, version: BriefVersion, by: User) -> None:
    """A change of plan on a brief in work flags its job (in the change's transaction); the
    brief of a delivered job no longer changes, so the change is refused and rolled back."""
    job = Job.objects.select_for_update().filter(brief=brief).first()
    if job is None:
        return
    if job.status != Job.Status.OPEN:
        raise IllegalTransition(
            f"The job “{job.title}” is {job.get_status_display().lower()}: its brief no longer "
            "changes. For new work, file a new request."
        )
    job.brief_changed_at = timezone.now()
    job.save(update_fields=["brief_changed_at"])


@transaction.atomic
def acknowledge_brief_change(*, by: User, job: Job) -> Job:
    """The account manager has taken in the brief's change of plan: the flag is cleared."""
    # The job's row alone is locked (PostgreSQL refuses to lock the nullable side of a join);
    # the brief's version is read after.
    Job.objects.select_for_update().filter(pk=job.pk).values_list("pk").get()
    job = Job.objects.select_related("brief__current_version").get(pk=job.pk)
    if job.brief_changed_at is None:
        raise IllegalTransition("The brief has not changed since the work started.")
    job.brief_changed_at = None
    job.save(update_fields=["brief_changed_at"])
    current = job.brief.current_version if job.brief else None
    events.record(
        actor=by,
        verb="job.brief_change_acknowledged",
        target=job,
        client=job.client_id,
        audience=Audience.INTERNAL,
        data={
            "title": job.title,
            "started_version": job.started_version,
            "version": current.number if current else None,
        },
    )
    return job


@transaction.atomic
def finish_job(*, by: User, job: Job) -> Job:
    """The work is delivered: the job is done, and the request it came from is delivered."""
    # The job's row alone is locked (PostgreSQL locks no outer-joined rows); the rest is read
    # once the lock is granted.
    Job.objects.select_for_update().filter(pk=job.pk).values_list("pk").get()
    job = Job.objects.select_related("client", "brief").get(pk=job.pk)
    if Job.Status.DONE not in rules.JOB_MOVES[job.status]:
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
