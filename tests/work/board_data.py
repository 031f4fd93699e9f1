"""A job to put on the board: Alice's, for Acme, with Dan on its team."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accord.work.models import Deliverable, Job, JobMember, Task, TimeEntry

# Who reads a board job's board and timeline: the account side and Dan (on its team); Cora
# (on Acme's team, not on the job), Max and the contacts get a 404.
ON_THE_BOARD = [
    ("erin", 200),
    ("alice", 200),
    ("dan", 200),
    ("cora", 404),
    ("max", 404),
    ("carol", 404),
    ("ray", 404),
    ("gus", 404),
]


def today() -> date:
    return timezone.localdate()


def board_job(world: Any, *, title: str = "Spring menu launch", days: int = 30) -> Job:
    job = Job.objects.create(
        client=world.acme,
        title=title,
        due_on=today() + timedelta(days=days),
        owner=world.alice,
        created_by=world.alice,
    )
    JobMember.objects.create(job=job, user=world.dan, added_by=world.alice)
    return job


def deliverable(job: Job, title: str, status: str = "not_started", **fields: Any) -> Deliverable:
    return Deliverable.objects.create(job=job, title=title, status=status, **fields)


def task(job: Job, title: str, status: str = "todo", **fields: Any) -> Task:
    fields.setdefault("estimate_hours", Decimal("4"))
    return Task.objects.create(job=job, title=title, status=status, **fields)


def logged(task: Task, user: Any, hours: str, *, on: date | None = None) -> TimeEntry:
    return TimeEntry.objects.create(
        user=user, job=task.job, task=task, on=on or today(), hours=Decimal(hours)
    )


def fill(job: Job, *, deliverables: int, tasks: int, people: list[Any]) -> None:
    """Many cards in every column, for query counts and the benchmark."""
    d_statuses = list(Deliverable.Status.values)
    t_statuses = list(Task.Status.values)
    made = Deliverable.objects.bulk_create(
        Deliverable(
            job=job,
            title=f"Deliverable {i}",
            status=d_statuses[i % len(d_statuses)],
            due_on=today() + timedelta(days=i % 40 - 5),
            owner=people[i % len(people)],
            position=i,
        )
        for i in range(deliverables)
    )
    Task.objects.bulk_create(
        Task(
            job=job,
            deliverable=made[i % len(made)] if made else None,
            title=f"Task {i}",
            status=t_statuses[i % len(t_statuses)],
            blocked_reason="Waiting for the client's photos" if i % 4 == 2 else "",
            due_on=today() + timedelta(days=i % 40 - 5),
            assignee=people[i % len(people)],
            estimate_hours=Decimal(i % 8 + 1),
            position=i,
        )
        for i in range(tasks)
    )
