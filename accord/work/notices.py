"""Who hears about what in the work: notifications (in-app and email) stored in the change's
transaction through `core.notify`."""

from datetime import date
from typing import Any

from django.urls import reverse

from accord.core.notify import notify
from accord.work.models import Task


def _when(day: date | None) -> str:
    return f"{day:%a %-d %b}" if day else "no date"


def task_assigned(task: Task, by: Any) -> None:
    """The assignee hears that a task is theirs (not when they assigned it to themselves)."""
    if task.assignee is None:
        return
    job = task.job
    notify(
        people=[task.assignee],
        kind="task_assigned",
        text=f"{by.name} assigned you “{task.title}” on {job.title} (due {_when(task.due_on)}).",
        url=reverse("work:task_detail", kwargs={"task_id": task.pk}),
        actor=by,
        client_id=job.client_id,
        details=f"Estimate: {task.estimate_hours} h." if task.estimate_hours else "",
    )


def task_due_moved(task: Task, by: Any, old_due: date | None) -> None:
    """The assignee hears that their task's due date moved."""
    if task.assignee is None:
        return
    job = task.job
    notify(
        people=[task.assignee],
        kind="task_due_moved",
        text=(
            f"“{task.title}” on {job.title} is now due {_when(task.due_on)} (was {_when(old_due)})."
        ),
        url=reverse("work:task_detail", kwargs={"task_id": task.pk}),
        actor=by,
        client_id=job.client_id,
    )
