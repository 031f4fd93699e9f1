"""A creative with 200 open tasks (and a month of time on them) for the benchmarks of My work
and the jobs list, made once per database."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accord.work.models import Job, JobMember, Task, TimeEntry
from bench.context import BenchContext

BUSY_JOB = "Bench: Dan's 200 open tasks"
OPEN_TASKS = 200


def busy_job(ctx: BenchContext) -> Job:
    found = Job.objects.filter(client=ctx.acme, title=BUSY_JOB).first()
    if found is not None:
        return found
    today = timezone.localdate()
    alice, dan = ctx.user("alice"), ctx.user("dan")
    job = Job.objects.create(
        client=ctx.acme, title=BUSY_JOB, owner=alice, created_by=alice, due_on=today + timedelta(90)
    )
    JobMember.objects.create(job=job, user=dan)
    statuses = [Task.Status.TODO, Task.Status.DOING, Task.Status.BLOCKED]
    tasks = Task.objects.bulk_create(
        Task(
            job=job,
            title=f"Open task {i}",
            status=statuses[i % 3],
            blocked_reason="Waiting for the client's photos" if i % 3 == 2 else "",
            assignee=dan,
            estimate_hours=Decimal(i % 6 + 1),
            due_on=today + timedelta(days=i % 80 - 10),
            priority=i % 4 + 1,
            position=i,
        )
        for i in range(OPEN_TASKS)
    )
    TimeEntry.objects.bulk_create(
        TimeEntry(
            user=dan,
            job=job,
            task=tasks[i % OPEN_TASKS],
            on=today - timedelta(days=i % 28),
            hours=Decimal("1.5"),
            billable=i % 5 != 0,
        )
        for i in range(120)
    )
    return job


def my_work_page(ctx: BenchContext) -> str:
    busy_job(ctx)
    return "/jobs/my-work/"


def my_work_api(ctx: BenchContext) -> str:
    busy_job(ctx)
    return "/api/v1/my-work"


def jobs_page(ctx: BenchContext) -> str:
    busy_job(ctx)
    return "/jobs/"


def jobs_api(ctx: BenchContext) -> str:
    busy_job(ctx)
    return "/api/v1/jobs"
