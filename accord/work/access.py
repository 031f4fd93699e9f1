"""The only way a view or endpoint gets a job, and the one rule for what a creative reaches."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.http import Http404

from accord.core import policy
from accord.core.reach import Reach
from accord.intake import access as intake_access
from accord.work import queries
from accord.work.models import Deliverable, Job, JobMember, Task

JobAction = Literal["view", "finish", "acknowledge"]
# The client record a creative reads whenever they see the client (overview, brand, people):
# its feed events are theirs to read too, with or without a job.
CLIENT_RECORD = (
    "clients.client",
    "clients.brandprofile",
    "clients.teammembership",
    "clients.contact",
)


def works_on(user: Any) -> Q:
    """Jobs a person is on: on the job's team, or with a task on it."""
    return Q(Exists(JobMember.objects.filter(job=OuterRef("pk"), user=user))) | Q(
        Exists(Task.objects.filter(job=OuterRef("pk"), assignee=user))
    )


def creative_reach(user: Any) -> Reach:
    """What a creative sees of the clients' work: the jobs they are on, the clients and signed
    briefs of those jobs, and the feed events about them (and about the client record).
    Anyone else reaches nothing through this rule (their access is by role)."""
    if not policy.is_creative(user):
        return Reach()
    rows = list(Job.objects.filter(works_on(user)).values_list("pk", "client_id", "brief_id"))
    job_ids = frozenset(pk for pk, _, _ in rows)
    brief_ids = frozenset(b for _, _, b in rows if b is not None)

    def as_text(model: Any) -> Any:
        return (
            model.objects.filter(job_id__in=job_ids)
            .annotate(text_id=Cast("pk", CharField()))
            .values("text_id")
        )

    events = (
        Q(target_type__in=CLIENT_RECORD)
        | Q(target_type="work.job", target_id__in=[str(pk) for pk in job_ids])
        | Q(target_type="intake.brief", target_id__in=[str(pk) for pk in brief_ids])
        | Q(target_type="work.deliverable", target_id__in=as_text(Deliverable))
        | Q(target_type="work.task", target_id__in=as_text(Task))
    )
    return Reach(
        job_ids=job_ids,
        client_ids=frozenset(c for _, c, _ in rows),
        brief_ids=brief_ids,
        events=events,
    )


def job_for(user: Any, job_id: int, action: JobAction = "view") -> Job:
    """The job if visible (else 404); finishing it, or acknowledging a change to its brief,
    is for those who run the client's intake (else 403)."""
    job = (
        queries.visible_to(user)
        .select_related("client", "brief", "brief__current_version", "created_by")
        .filter(pk=job_id)
        .first()
    )
    if job is None:
        raise Http404("No such job.")
    if action == "finish" and not intake_access.manages(user, job.client):
        raise PermissionDenied("Only the account manager marks a job delivered.")
    if action == "acknowledge" and not intake_access.manages(user, job.client):
        raise PermissionDenied("Only the account manager can do that.")
    return job
