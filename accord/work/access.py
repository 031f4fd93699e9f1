"""The only way a view or endpoint gets a job, and the one rule for what a creative reaches."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404

from accord.core import policy
from accord.core.reach import Reach
from accord.intake import access as intake_access
from accord.work import queries
from accord.work.models import ChecklistItem, Deliverable, Job, JobTemplate, Task
from accord.work.queries import works_on

JobAction = Literal["view", "view_internal", "finish", "acknowledge", "manage", "plan"]
# The client record a creative reads whenever they see the client (overview, brand, people):
# its feed events are theirs to read too, with or without a job.
CLIENT_RECORD = (
    "clients.client",
    "clients.brandprofile",
    "clients.teammembership",
    "clients.contact",
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
    if action == "finish" and not manages(user, job):
        raise PermissionDenied("Only the account manager marks a job delivered.")
    if action in ("acknowledge", "manage") and not manages(user, job):
        raise PermissionDenied("Only the account manager can do that.")
    if action == "view_internal" and not policy.is_staff_member(user):
        raise PermissionDenied("That is for the agency's team.")
    if action == "plan" and not manages(user, job):
        raise PermissionDenied("Only the account manager plans the job's work.")
    return job


def job_tasks_for(user: Any, job_id: int, action: Literal["view", "plan"] = "view") -> Job:
    """A job whose tasks a person reads (or plans): agency staff who see the job. Contacts
    never see tasks, so for them there is no such thing (404)."""
    if not policy.is_staff_member(user):
        raise Http404("No such job.")
    return job_for(user, job_id, action)


DeliverableAction = Literal["view", "edit", "move"]
TaskAction = Literal["view", "edit", "move"]
# What creatives on a job may do with a deliverable's status on their own: the production side.
CREATIVE_DELIVERABLE_STEPS = frozenset({"not_started", "in_production", "internal_review"})


def manages(user: Any, job: Job) -> bool:
    """Admins and the client's account manager run a job (edit, move, staff and plan it);
    so does the job's owner when another account manager runs it for them."""
    return intake_access.manages(user, job.client) or (
        policy.is_account_manager(user) and job.owner_id == user.pk
    )


def deliverable_for(
    user: Any, deliverable_id: int, action: DeliverableAction = "view"
) -> Deliverable:
    """A deliverable of a visible job (else 404). Contacts see it (in client words) but change
    nothing; creatives on the job move it within production; managers do everything (else 403)."""
    deliverable = (
        Deliverable.objects.filter(job__in=queries.visible_to(user))
        .select_related("job", "job__client", "owner")
        .filter(pk=deliverable_id)
        .first()
    )
    if deliverable is None:
        raise Http404("No such deliverable.")
    if action == "view":
        return deliverable
    if policy.is_contact(user):
        raise PermissionDenied("The agency moves the work; you review it when it is ready.")
    if action == "move" and policy.is_staff_member(user):
        return deliverable  # which moves: may_move_deliverable, once the target is known
    if not manages(user, deliverable.job):
        raise PermissionDenied("Only the account manager plans the job's deliverables.")
    return deliverable


def may_move_deliverable(
    user: Any, deliverable: Deliverable, to: str, *, managing: bool | None = None
) -> bool:
    """Whether `user` may move `deliverable` to `to` (`managing`: `manages`, if known)."""
    if managing if managing is not None else manages(user, deliverable.job):
        return True
    return policy.is_creative(user) and {deliverable.status, to} <= CREATIVE_DELIVERABLE_STEPS


CREATIVE_MOVES_ONLY = (
    "Creatives move a deliverable between not started, in production and internal review; "
    "the account manager takes it to the client."
)


def ensure_may_move_deliverable(user: Any, deliverable: Deliverable, to: str) -> None:
    if not may_move_deliverable(user, deliverable, to):
        raise PermissionDenied(CREATIVE_MOVES_ONLY)


def task_for(user: Any, task_id: int, action: TaskAction = "view") -> Task:
    """A task of a visible job, for agency staff only (contacts never see tasks: 404).
    Its assignee and the job's managers move it; managers edit and assign it (else 403)."""
    if not policy.is_staff_member(user):
        raise Http404("No such task.")
    task = (
        Task.objects.filter(job__in=queries.visible_to(user))
        .select_related("job", "job__client", "assignee", "deliverable", "depends_on")
        .filter(pk=task_id)
        .first()
    )
    if task is None:
        raise Http404("No such task.")
    if action == "view":
        return task
    if action == "move" and task.assignee_id == user.pk:
        return task
    if not manages(user, task.job):
        raise PermissionDenied(
            "Only the task's assignee and the job's account manager can do that."
        )
    return task


def may_move_task(user: Any, task: Task, *, managing: bool) -> bool:
    """The task's assignee and the job's managers (`managing`) move it and tick its checklist."""
    return managing or (policy.is_staff_member(user) and task.assignee_id == user.pk)


def checklist_item_for(user: Any, item_id: int) -> ChecklistItem:
    """A checklist line of a task the person may move (404 unseen, 403 not theirs)."""
    task_id = ChecklistItem.objects.filter(pk=item_id).values_list("task_id", flat=True).first()
    if task_id is None:
        raise Http404("No such checklist item.")
    task = task_for(user, task_id, "move")
    item = ChecklistItem.objects.get(pk=item_id)
    item.task = task
    return item


def require_job_starter(user: Any) -> None:
    """Only admins and account managers set up jobs (which client is the service's check)."""
    if not policy.can_create_clients(user):
        raise PermissionDenied("Only admins and account managers set up jobs.")


def require_template_reader(user: Any) -> None:
    if not policy.is_staff_member(user):
        raise PermissionDenied("Job templates are for the agency's team.")


def require_template_admin(user: Any) -> None:
    if not policy.is_admin(user):
        raise PermissionDenied("Only admins edit job templates.")


def templates_for(user: Any) -> QuerySet[JobTemplate]:
    """Every template for staff (admins edit them); nothing for anyone else."""
    if not policy.is_staff_member(user):
        return JobTemplate.objects.none()
    return JobTemplate.objects.all()


def template_for(
    user: Any, template_id: int, action: Literal["view", "edit"] = "view"
) -> JobTemplate:
    """A template for staff (else 403 for anyone signed in), and to edit for admins."""
    require_template_reader(user)
    if action == "edit":
        require_template_admin(user)
    template = JobTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise Http404("No such template.")
    return template
