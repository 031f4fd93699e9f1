"""Jobs with tasks for My work's tests, made directly (the task services are elsewhere)."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accord.work.models import Job, Task


def a_job(world: Any, *, client: Any = None, title: str = "Spring launch", **fields: Any) -> Job:
    client = client or world.acme
    owner = world.alice if client.pk == world.acme.pk else world.max
    fields.setdefault("due_on", timezone.localdate() + timedelta(days=30))
    return Job.objects.create(client=client, title=title, owner=owner, created_by=owner, **fields)


def a_task(
    job: Job,
    assignee: Any,
    *,
    title: str = "Key visual",
    due_in: int | None = 5,
    estimate: str = "4",
    **fields: Any,
) -> Task:
    due: date | None = timezone.localdate() + timedelta(days=due_in) if due_in is not None else None
    return Task.objects.create(
        job=job,
        title=title,
        assignee=assignee,
        due_on=due,
        estimate_hours=Decimal(estimate),
        **fields,
    )
