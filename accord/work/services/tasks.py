"""Every write about tasks; their status changes only in `move_task`."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import Conflict, IllegalTransition, InvalidInput, NotAllowed
from accord.core.policy import Audience, Discipline
from accord.work import access, notices, rules
from accord.work.models import ChecklistItem, Deliverable, Job, Task
from accord.work.services.common import (
    check_due,
    clean_hours,
    clean_title,
    ensure_can_take_work,
    ensure_job_takes_work,
    ensure_revision,
)

MAX_PER_JOB = 2_000
MAX_CHECKLIST = 50
MAX_CHECKLIST_TEXT = 300
LABELS = dict(Task.Status.choices)


def _record(by: User, verb: str, task: Task, client_id: int, **data: Any) -> None:
    events.record(
        actor=by,
        verb=verb,
        target=task,
        client=client_id,
        audience=Audience.INTERNAL,
        data={"job": task.job_id, "title": task.title, **data},
    )


def _check_links(job: Job, deliverable: Deliverable | None, depends_on: Task | None) -> None:
    if deliverable is not None and deliverable.job_id != job.pk:
        raise InvalidInput("That deliverable belongs to another job.", field="deliverable")
    if depends_on is not None and depends_on.job_id != job.pk:
        raise InvalidInput("A task can only wait for a task of the same job.", field="depends_on")


def _clean_discipline(discipline: str) -> str:
    if discipline and discipline not in Discipline.values:
        raise InvalidInput(f"“{discipline}” is not a discipline.", field="discipline")
    return discipline


def _clean_priority(priority: int) -> int:
    if priority not in Task.Priority.values:
        raise InvalidInput("Priority is 1 (low) to 4 (urgent).", field="priority")
    return priority


@transaction.atomic
def add_task(
    *,
    by: User,
    job: Job,
    title: str,
    discipline: str = "",
    assignee: User | None = None,
    estimate_hours: Any = Decimal(0),
    due_on: date | None = None,
    starts_on: date | None = None,
    deliverable: Deliverable | None = None,
    depends_on: Task | None = None,
    priority: int = Task.Priority.NORMAL,
    checklist: Iterable[str] = (),
    confirm: bool = False,
) -> Task:
    """Add a task to a job; its assignee is notified. A due date after the job's deadline
    is asked about first."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    ensure_job_takes_work(job)
    title = clean_title(title)
    estimate = clean_hours(estimate_hours)
    ensure_can_take_work(assignee)
    _check_links(job, deliverable, depends_on)
    check_due(due_on, job, starts_on=starts_on, confirm=confirm)
    lines = [" ".join(line.split()) for line in checklist if line and line.strip()]
    if len(lines) > MAX_CHECKLIST:
        raise InvalidInput(f"A checklist holds {MAX_CHECKLIST} items at most.", field="checklist")
    if any(len(line) > MAX_CHECKLIST_TEXT for line in lines):
        raise InvalidInput(
            f"Keep each checklist item under {MAX_CHECKLIST_TEXT} characters.", field="checklist"
        )
    if job.tasks.count() >= MAX_PER_JOB:
        raise InvalidInput(f"A job holds {MAX_PER_JOB} tasks at most.")
    last = job.tasks.aggregate(m=Max("position"))["m"]
    task = Task.objects.create(
        job=job,
        deliverable=deliverable,
        title=title,
        discipline=_clean_discipline(discipline),
        assignee=assignee,
        estimate_hours=estimate,
        due_on=due_on,
        starts_on=starts_on,
        depends_on=depends_on,
        priority=_clean_priority(priority),
        position=(last or 0) + 1,
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(task=task, text=line, position=i) for i, line in enumerate(lines)
    )
    _record(by, "task.added", task, job.client_id, assignee=assignee.pk if assignee else None)
    notices.task_assigned(task, by)
    return task


def _locked(task: Task) -> Task:
    # The task's row alone is locked (PostgreSQL locks no outer-joined rows); the rest is read
    # once the lock is granted.
    Task.objects.select_for_update().filter(pk=task.pk).values_list("pk").get()
    return Task.objects.select_related("job", "assignee").get(pk=task.pk)


@transaction.atomic
def update_task(
    *,
    by: User,
    task: Task,
    base_revision: int | None,
    title: str,
    discipline: str = "",
    estimate_hours: Any = Decimal(0),
    due_on: date | None = None,
    starts_on: date | None = None,
    deliverable: Deliverable | None = None,
    priority: int = Task.Priority.NORMAL,
    confirm: bool = False,
) -> Task:
    """Change a task's details (not its status, assignee or dependency); a moved due date
    reaches its assignee."""
    task = _locked(task)
    ensure_job_takes_work(task.job)
    ensure_revision(task.revision, base_revision, f"the task “{task.title}”")
    _check_links(task.job, deliverable, None)
    if due_on != task.due_on or starts_on != task.starts_on:
        check_due(due_on, task.job, starts_on=starts_on, confirm=confirm or due_on == task.due_on)
    changes = {
        "title": clean_title(title),
        "discipline": _clean_discipline(discipline),
        "estimate_hours": clean_hours(estimate_hours),
        "due_on": due_on,
        "starts_on": starts_on,
        "deliverable_id": deliverable.pk if deliverable else None,
        "priority": _clean_priority(priority),
    }
    changed = [f for f, v in changes.items() if getattr(task, f) != v]
    if not changed:
        return task
    old_due = task.due_on
    for name, value in changes.items():
        setattr(task, name, value)
    task.revision += 1
    task.save(update_fields=[*(f.removesuffix("_id") for f in changed), "revision"])
    _record(by, "task.updated", task, task.job.client_id, fields=sorted(changed))
    if "due_on" in changed:
        notices.task_due_moved(task, by, old_due)
    return task


@transaction.atomic
def assign_task(
    *, by: User, task: Task, assignee: User | None, base_revision: int | None = None
) -> Task:
    """Give a task to someone (or to nobody); the new assignee is notified."""
    task = _locked(task)
    ensure_job_takes_work(task.job)
    ensure_revision(task.revision, base_revision, f"the task “{task.title}”")
    ensure_can_take_work(assignee)
    if task.assignee_id == (assignee.pk if assignee else None):
        return task
    previous = task.assignee_id
    task.assignee = assignee
    task.revision += 1
    task.save(update_fields=["assignee", "revision"])
    _record(
        by,
        "task.assigned",
        task,
        task.job.client_id,
        assignee=assignee.pk if assignee else None,
        previous=previous,
    )
    notices.task_assigned(task, by)
    return task


@transaction.atomic
def set_dependency(
    *, by: User, task: Task, depends_on: Task | None, base_revision: int | None = None
) -> Task:
    """Make a task wait for another of the same job (or for nothing); a loop is refused."""
    # The job's row is locked first: two people linking two tasks at once are taken in turn,
    # so each sees the other's link and no loop slips through.
    Job.objects.select_for_update().filter(pk=task.job_id).values_list("pk").get()
    task = _locked(task)
    ensure_job_takes_work(task.job)
    ensure_revision(task.revision, base_revision, f"the task “{task.title}”")
    _check_links(task.job, None, depends_on)
    if depends_on is not None:
        if depends_on.pk == task.pk:
            raise InvalidInput("A task cannot wait for itself.", field="depends_on")
        waits = dict(Task.objects.filter(job_id=task.job_id).values_list("pk", "depends_on_id"))
        if rules.creates_cycle(waits, task.pk, depends_on.pk):
            raise InvalidInput(
                f"“{depends_on.title}” already waits, directly or not, for “{task.title}”: "
                "that would be a loop.",
                field="depends_on",
            )
    task.depends_on = depends_on
    task.revision += 1
    task.save(update_fields=["depends_on", "revision"])
    _record(
        by,
        "task.dependency_set",
        task,
        task.job.client_id,
        depends_on=depends_on.pk if depends_on else None,
    )
    return task


@transaction.atomic
def move_task(*, by: User, task: Task, to: str, base_status: str | None, reason: str = "") -> Task:
    """The one place a task's status changes, against `rules.TASK_MOVES`.

    Blocked needs a reason; starting or finishing a task that waits for an unfinished one is
    refused; a move based on a status that changed meanwhile is a conflict."""
    if to not in Task.Status.values:
        raise InvalidInput(f"“{to}” is not a task status.", field="to")
    task = _locked(task)
    ensure_job_takes_work(task.job)
    # Who may move it is judged again on the locked row: it may have been reassigned since
    # the page (or the access check) read it.
    if task.assignee_id != by.pk and not access.manages(by, task.job):
        raise NotAllowed(
            f"“{task.title}” is no longer yours: only its assignee and the job's account "
            "manager move it."
        )
    current = task.status
    if base_status is not None and base_status != current:
        raise Conflict(
            f"“{task.title}” was moved to “{LABELS[current]}” meanwhile. "
            "Reload to see where it is now."
        )
    if not rules.task_may_move(current, to):
        raise IllegalTransition(f"The task is “{LABELS[current]}” already.")
    reason = " ".join(reason.split())
    if to == rules.BLOCKED and not reason:
        raise InvalidInput("Say what the task is blocked on.", field="reason")
    if len(reason) > 300:
        raise InvalidInput("Keep the reason under 300 characters.", field="reason")
    if to in rules.NEEDS_DEPENDENCY_DONE and task.depends_on_id is not None:
        waits_for = Task.objects.only("title", "status").get(pk=task.depends_on_id)
        if waits_for.status != rules.DONE:
            raise IllegalTransition(
                f"“{task.title}” waits for “{waits_for.title}”, which is not done yet."
            )
    now = timezone.now()
    task.status = to
    task.blocked_reason = reason if to == rules.BLOCKED else ""
    task.done_at = now if to == rules.DONE else None
    task.status_changed_at = now
    task.revision += 1
    task.save(
        update_fields=["status", "blocked_reason", "done_at", "status_changed_at", "revision"]
    )
    data: dict[str, Any] = {"from": current, "to": to}
    if to == rules.BLOCKED:
        data["reason"] = reason
    _record(by, "task.moved", task, task.job.client_id, **data)
    return task


@transaction.atomic
def add_checklist_item(*, by: User, task: Task, text: str) -> ChecklistItem:
    task = _locked(task)
    ensure_job_takes_work(task.job)
    text = " ".join((text or "").split())
    if not text:
        raise InvalidInput("Write the checklist item.", field="text")
    if len(text) > MAX_CHECKLIST_TEXT:
        raise InvalidInput(
            f"Keep a checklist item under {MAX_CHECKLIST_TEXT} characters.", field="text"
        )
    if task.checklist.count() >= MAX_CHECKLIST:
        raise InvalidInput(f"A checklist holds {MAX_CHECKLIST} items at most.", field="text")
    last = task.checklist.aggregate(m=Max("position"))["m"]
    item = ChecklistItem.objects.create(task=task, text=text, position=(last or 0) + 1)
    _record(by, "task.checklist", task, task.job.client_id, change="added", item=text)
    return item


@transaction.atomic
def tick_checklist_item(*, by: User, item: ChecklistItem, done: bool) -> ChecklistItem:
    """Tick (or untick) one line; ticking twice changes nothing. A finished job's checklists
    no longer change."""
    item = (
        ChecklistItem.objects.select_for_update(of=("self",))
        .select_related("task__job")
        .get(pk=item.pk)
    )
    ensure_job_takes_work(item.task.job)
    if item.done == done:
        return item
    item.done = done
    item.done_by = by if done else None
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done", "done_by", "done_at"])
    change = "ticked" if done else "unticked"
    _record(by, "task.checklist", item.task, item.task.job.client_id, change=change, item=item.text)
    return item


@transaction.atomic
def remove_checklist_item(*, by: User, item: ChecklistItem) -> None:
    """Take a line off a task's checklist (not on a finished job's task)."""
    item = (
        ChecklistItem.objects.select_for_update(of=("self",))
        .select_related("task__job")
        .get(pk=item.pk)
    )
    ensure_job_takes_work(item.task.job)
    item.delete()
    _record(
        by, "task.checklist", item.task, item.task.job.client_id, change="removed", item=item.text
    )
