"""What a creative is told about their tasks, in their list (the bell) and by email.

Called by the task services inside their transaction (the notification and its email are
stored with the change); nobody is told of their own action.
"""

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format

from accord.accounts.models import User
from accord.core.models import Notification
from accord.core.notify import notify
from accord.work.models import Task


def _task_url(task: Task) -> str:
    return reverse("work:task_detail", kwargs={"task_id": task.pk})


def _day(day: date | None) -> str:
    return date_format(day, "l j F") if day is not None else "no date"


def _of(task: Task) -> str:
    client = task.job.client.name
    return f"“{task.title}” ({client}, {task.job.title})"


def task_assigned(task: Task, by: User) -> list[Notification]:
    """Tell the task's assignee it is theirs now, and when it is due."""
    due = f", due {_day(task.due_on)}" if task.due_on else ""
    return notify(
        people=[task.assignee],
        kind="task.assigned",
        text=f"{by.name} gave you the task {_of(task)}{due}.",
        url=_task_url(task),
        actor=by,
        client_id=task.job.client_id,
        details=f"Estimate: {task.estimate_hours} hours." if task.estimate_hours else "",
    )


def task_due_moved(task: Task, by: User, old_due: date | None) -> list[Notification]:
    """Tell the task's assignee its due date moved, from when to when."""
    if old_due == task.due_on:
        return []
    if task.due_on is None:
        moved = f"no longer has a due date (it was {_day(old_due)})"
    elif old_due is None:
        moved = f"is now due {_day(task.due_on)}"
    else:
        word = "later" if task.due_on > old_due else "earlier"
        moved = f"is now due {_day(task.due_on)}, {word} than {_day(old_due)}"
    return notify(
        people=[task.assignee],
        kind="task.due_moved",
        text=f"{by.name}: your task {_of(task)} {moved}.",
        url=_task_url(task),
        actor=by,
        client_id=task.job.client_id,
    )
