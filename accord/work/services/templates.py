"""Job templates: the admin's edits, and planning a job from one in one step."""

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import Conflict, IllegalTransition, InvalidInput
from accord.core.policy import Audience
from accord.core.text import one_line
from accord.work import plans, rules
from accord.work.models import (
    Deliverable,
    Job,
    JobTemplate,
    PublicHoliday,
    Task,
    TemplateDeliverable,
    TemplateTask,
)
from accord.work.services import deliverables as deliverables_services
from accord.work.services import tasks as tasks_services

MAX_DESCRIPTION = 2_000
MAX_DELIVERABLES, MAX_TASKS = deliverables_services.MAX_PER_JOB, tasks_services.MAX_PER_JOB


def _name(raw: str, template: JobTemplate | None) -> str:
    name = one_line(raw)
    if not name:
        raise InvalidInput("A template needs a name.", field="name")
    if len(name) > 120:
        raise InvalidInput("Keep the name under 120 characters.", field="name")
    taken = JobTemplate.objects.filter(name__iexact=name)
    if template is not None:
        taken = taken.exclude(pk=template.pk)
    if taken.exists():
        raise InvalidInput(f"There is already a template called “{name}”.", field="name")
    return name


@transaction.atomic
def save_job_template(
    *,
    by: User,
    template: JobTemplate | None,
    revision: int | None = None,
    name: str,
    description: str = "",
    is_active: bool = True,
    deliverables: list[dict[str, Any]],
    tasks: list[dict[str, Any]],
) -> JobTemplate:
    """Create a template, or replace one's lines based on `revision` (the one the admin read:
    an older one is a conflict). Jobs planned from it keep what they were given."""
    if template is not None:
        template = JobTemplate.objects.select_for_update().get(pk=template.pk)
        if template.revision != revision:
            raise Conflict(
                f"Someone saved the template “{template.name}” since you opened it; nothing of "
                "yours was saved. Reload it and make your changes again.",
                field="revision",
            )
    name = _name(name, template)
    description = (description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput(
            f"Keep the description under {MAX_DESCRIPTION:,} characters.", field="description"
        )
    planned = plans.clean_deliverables(deliverables)
    planned_tasks = plans.clean_tasks(tasks, deliverables=len(planned))
    if template is None:
        template = JobTemplate(name=name)
    else:
        template.revision += 1
    template.name, template.description, template.is_active = name, description, is_active
    template.updated_at = timezone.now()
    try:
        with transaction.atomic():  # another admin saving the same name at the same moment
            template.save()
    except IntegrityError:
        raise InvalidInput(f"There is already a template called “{name}”.", field="name") from None
    _replace_lines(template, planned, planned_tasks)
    events.record(
        actor=by,
        verb="job_template.saved",
        target=template,
        data={"name": template.name, "deliverables": len(planned), "tasks": len(planned_tasks)},
    )
    return template


def _replace_lines(
    template: JobTemplate,
    deliverables: list[plans.PlannedDeliverable],
    tasks: list[plans.PlannedTask],
) -> None:
    template.tasks.all().delete()
    template.deliverables.all().delete()
    rows = TemplateDeliverable.objects.bulk_create(
        TemplateDeliverable(
            template=template,
            position=i,
            title=d.title,
            kind=d.kind,
            channel=d.channel,
            format=d.format,
            days_before_deadline=d.days_before_deadline,
        )
        for i, d in enumerate(deliverables)
    )
    task_rows = TemplateTask.objects.bulk_create(
        TemplateTask(
            template=template,
            position=i,
            title=t.title,
            discipline=t.discipline,
            estimate_hours=t.estimate_hours,
            days_before_deadline=t.days_before_deadline,
            deliverable=rows[t.deliverable] if t.deliverable is not None else None,
        )
        for i, t in enumerate(tasks)
    )
    waiting = []
    for row, task in zip(task_rows, tasks, strict=True):
        if task.depends_on is not None:
            row.depends_on = task_rows[task.depends_on]
            waiting.append(row)
    TemplateTask.objects.bulk_update(waiting, ["depends_on"])


@transaction.atomic
def deactivate_job_template(*, by: User, template: JobTemplate) -> JobTemplate:
    """No new job is planned from it; jobs planned from it keep their work."""
    template = JobTemplate.objects.select_for_update().get(pk=template.pk)
    template = JobTemplate.objects.get(pk=template.pk)  # as it is now, not as first read
    if not template.is_active:
        raise IllegalTransition(f"The template “{template.name}” is out of use already.")
    template.is_active = False
    template.revision += 1
    template.updated_at = timezone.now()
    template.save(update_fields=["is_active", "revision", "updated_at"])
    events.record(
        actor=by,
        verb="job_template.deactivated",
        target=template,
        data={"name": template.name},
    )
    return template


def template_lines(template: JobTemplate) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A template's deliverables and tasks as the save takes them (indexes for references),
    in two queries."""
    deliverables = list(template.deliverables.order_by("position", "pk"))
    tasks = list(template.tasks.order_by("position", "pk"))
    d_index = {d.pk: i for i, d in enumerate(deliverables)}
    t_index = {t.pk: i for i, t in enumerate(tasks)}
    return (
        [
            {
                "title": d.title,
                "kind": d.kind,
                "channel": d.channel,
                "format": d.format,
                "days_before_deadline": d.days_before_deadline,
            }
            for d in deliverables
        ],
        [
            {
                "title": t.title,
                "discipline": t.discipline,
                "estimate_hours": t.estimate_hours,
                "days_before_deadline": t.days_before_deadline,
                "deliverable": d_index.get(t.deliverable_id) if t.deliverable_id else None,
                "depends_on": t_index.get(t.depends_on_id) if t.depends_on_id else None,
            }
            for t in tasks
        ],
    )


def _closed_days(job: Job) -> set[Any]:
    """The agency's public holidays up to the deadline (one query, bounded to the range a
    template can reach back)."""
    assert job.due_on is not None
    earliest = job.due_on - timedelta(days=plans.MAX_DAYS_BEFORE * 2 + 30)
    return set(
        PublicHoliday.objects.filter(on__gte=earliest, on__lte=job.due_on).values_list(
            "on", flat=True
        )
    )


@transaction.atomic
def plan_job_from_template(*, by: User, job: Job, template: JobTemplate) -> Job:
    """Plan the job from the template in one step: its deliverables and tasks, each due the
    template's number of working days before the job's deadline, dependencies kept. Then
    they are the job's own, edited like any other."""
    Job.objects.select_for_update().filter(pk=job.pk).values_list("pk").get()
    job = Job.objects.select_related("client").get(pk=job.pk)
    if job.status not in (Job.Status.OPEN, Job.Status.ON_HOLD):
        raise IllegalTransition(
            f"This job is {job.get_status_display().lower()}: there is nothing left to plan."
        )
    if not template.is_active:
        raise InvalidInput(
            f"The template “{template.name}” is out of use: choose another.", field="template"
        )
    if job.due_on is None:
        raise InvalidInput(
            "Set the job's deadline first: a template's due dates count back from it.",
            field="due_on",
        )
    has_work = Deliverable.objects.filter(job=job).exists() or Task.objects.filter(job=job).exists()
    if job.template_id is not None and has_work:
        raise IllegalTransition(
            "This job is planned from a template already; add to its deliverables and tasks "
            "instead of planning it again.",
            field="template",
        )
    deliverables, tasks = template_lines(template)
    for model, planned, most, what in (
        (Deliverable, deliverables, MAX_DELIVERABLES, "deliverables"),
        (Task, tasks, MAX_TASKS, "tasks"),
    ):
        if model.objects.filter(job=job).count() + len(planned) > most:
            raise InvalidInput(
                f"A job holds {most:,} {what} at most: this template would take it past that.",
                field="template",
            )
    closed = _closed_days(job)
    start = _next_positions(job)
    made = Deliverable.objects.bulk_create(
        Deliverable(
            job=job,
            title=d["title"],
            kind=d["kind"],
            channel=d["channel"],
            format=d["format"],
            due_on=rules.working_days_before(job.due_on, d["days_before_deadline"], closed),
            position=start[0] + i,
        )
        for i, d in enumerate(deliverables)
    )
    made_tasks = Task.objects.bulk_create(
        Task(
            job=job,
            deliverable=made[t["deliverable"]] if t["deliverable"] is not None else None,
            title=t["title"],
            discipline=t["discipline"],
            estimate_hours=t["estimate_hours"],
            due_on=rules.working_days_before(job.due_on, t["days_before_deadline"], closed),
            position=start[1] + i,
        )
        for i, t in enumerate(tasks)
    )
    waiting = []
    for row, task in zip(made_tasks, tasks, strict=True):
        if task["depends_on"] is not None:
            row.depends_on = made_tasks[task["depends_on"]]
            waiting.append(row)
    Task.objects.bulk_update(waiting, ["depends_on"])
    job.template = template
    job.revision += 1
    job.save(update_fields=["template", "revision"])
    events.record(
        actor=by,
        verb="job.planned",
        target=job,
        client=job.client_id,
        audience=Audience.INTERNAL,
        data={
            "title": job.title,
            "template": template.name,
            "deliverables": len(made),
            "tasks": len(made_tasks),
            "revision": job.revision,
        },
    )
    return job


def _next_positions(job: Job) -> tuple[int, int]:
    """Where the plan's lines go: after whatever the job has already."""
    last_d = Deliverable.objects.filter(job=job).aggregate(m=Max("position"))["m"]
    last_t = Task.objects.filter(job=job).aggregate(m=Max("position"))["m"]
    return (0 if last_d is None else last_d + 1, 0 if last_t is None else last_t + 1)


def seed_job_templates() -> None:
    """The four starting templates (as the data migration makes them), for a database
    emptied since (a transactional test)."""
    from accord.work.template_seeds import seed

    seed(JobTemplate, TemplateDeliverable, TemplateTask)
