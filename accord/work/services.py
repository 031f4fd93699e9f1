"""Every write about jobs. For now: a signed-off brief becomes a job."""

from django.db import transaction

from accord.accounts.models import User
from accord.clients.services import ensure_takes_work
from accord.core import events
from accord.core.policy import Audience
from accord.intake import rules
from accord.intake import services as intake
from accord.intake.models import Brief
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
