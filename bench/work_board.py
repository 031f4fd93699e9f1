"""A big job for the board's benchmark: Acme's, run by Alice, with 100 deliverables and 400
tasks across every status, made once per database."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accord.work.models import Deliverable, Job, JobMember, Task
from bench.context import BenchContext

BIG_JOB = "Bench: a job with 100 deliverables and 400 tasks"
DELIVERABLES, TASKS = 100, 400


def big_job(ctx: BenchContext) -> Job:
    found = Job.objects.filter(client=ctx.acme, title=BIG_JOB).first()
    if found is not None:
        return found
    today = timezone.localdate()
    alice = ctx.user("alice")
    people = [ctx.user("dan"), ctx.user("cora"), ctx.user("sam")]
    job = Job.objects.create(
        client=ctx.acme, title=BIG_JOB, owner=alice, created_by=alice, due_on=today + timedelta(60)
    )
    JobMember.objects.bulk_create(JobMember(job=job, user=p) for p in people)
    statuses = list(Deliverable.Status.values)
    deliverables = Deliverable.objects.bulk_create(
        Deliverable(
            job=job,
            title=f"Deliverable {i}",
            status=statuses[i % len(statuses)],
            owner=people[i % 3],
            due_on=today + timedelta(days=i % 60 - 5),
            position=i,
        )
        for i in range(DELIVERABLES)
    )
    task_statuses = list(Task.Status.values)
    Task.objects.bulk_create(
        Task(
            job=job,
            deliverable=deliverables[i % DELIVERABLES],
            title=f"Task {i}",
            status=task_statuses[i % len(task_statuses)],
            blocked_reason="Waiting for the client's photos" if i % 4 == 2 else "",
            assignee=people[i % 3],
            estimate_hours=Decimal(i % 8 + 1),
            due_on=today + timedelta(days=i % 60 - 5),
            position=i,
        )
        for i in range(TASKS)
    )
    return job


def board_page(ctx: BenchContext) -> str:
    return reverse("work:board", kwargs={"job_id": big_job(ctx).pk})


def timeline_page(ctx: BenchContext) -> str:
    return reverse("work:timeline", kwargs={"job_id": big_job(ctx).pk})


def job_overview_page(ctx: BenchContext) -> str:
    return reverse("work:job_overview", kwargs={"job_id": big_job(ctx).pk})


def board_api(ctx: BenchContext) -> str:
    return f"/api/v1/jobs/{big_job(ctx).pk}/board"
