"""Jobs, tasks, time off and holidays for the capacity tests, inserted directly."""

from datetime import date
from decimal import Decimal
from typing import Any

from accord.clients.models import Client
from accord.work.models import Job, JobMember, PublicHoliday, Task, TimeOff


def job_for(client: Client, owner: Any = None, title: str = "Spring campaign", **kw: Any) -> Job:
    return Job.objects.create(client=client, title=title, owner=owner, **kw)


def task(
    job: Job,
    assignee: Any,
    hours: str | int,
    due_on: date | None,
    *,
    starts_on: date | None = None,
    status: str = "todo",
    title: str = "Key visual",
    discipline: str = "",
) -> Task:
    return Task.objects.create(
        job=job,
        assignee=assignee,
        estimate_hours=Decimal(str(hours)),
        due_on=due_on,
        starts_on=starts_on,
        status=status,
        title=title,
        discipline=discipline,
    )


def away(person: Any, start: date, end: date, kind: str = "holiday") -> TimeOff:
    return TimeOff.objects.create(user=person, starts_on=start, ends_on=end, kind=kind)


def holiday(on: date, name: str = "Christmas Day") -> PublicHoliday:
    return PublicHoliday.objects.create(on=on, name=name)


def on_team(job: Job, person: Any) -> JobMember:
    return JobMember.objects.create(job=job, user=person)
