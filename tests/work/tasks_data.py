"""A planned job for the tests of deliverables and tasks on pages and in the API."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from accord.intake.models import Brief
from accord.work.models import Deliverable, Job, Task
from accord.work.services import deliverables, tasks
from tests.intake.view_helpers import job_of, new_request

DEADLINE = date(2027, 3, 19)


@dataclass
class Plan:
    job: Job
    post: Deliverable
    design: Task  # Dan's, for the post
    copy: Task  # Cora's, for the post
    kickoff: Task  # job-wide, nobody's


def planned_job(world: Any, *, with_files: bool = False) -> Plan:
    """Acme's job from Carol's signed-off brief: one post with Dan's design and Cora's copy,
    and a job-wide kick-off. With files, the brief came from Carol's request with a PDF."""
    job = job_of(world)
    Job.objects.filter(pk=job.pk).update(due_on=DEADLINE, notes="Carol likes green.")
    job.refresh_from_db()
    if with_files:
        Brief.objects.filter(pk=job.brief_id).update(request=new_request(world))
    post = deliverables.add_deliverable(
        by=world.alice,
        job=job,
        title="Launch post",
        kind="social_post",
        channel="Instagram",
        format="1080×1350",
        due_on=date(2027, 3, 12),
        owner=world.alice,
    )
    design = tasks.add_task(
        by=world.alice,
        job=job,
        title="Design the key visual",
        discipline="design",
        assignee=world.dan,
        estimate_hours="6",
        due_on=date(2027, 3, 8),
        deliverable=post,
    )
    copy = tasks.add_task(
        by=world.alice,
        job=job,
        title="Write the caption",
        discipline="copywriting",
        assignee=world.cora,
        estimate_hours="2",
        due_on=date(2027, 3, 5),
        deliverable=post,
    )
    kickoff = tasks.add_task(by=world.alice, job=job, title="Kick-off call")
    return Plan(job, post, design, copy, kickoff)
