"""Two account managers on the same job at once, on PostgreSQL: the job's row lock holds, and
the second of two edits, moves or plans made from the same reading is refused, never merged."""

from datetime import date
from typing import Any

import pytest
from django.db import connection

from accord.work import services
from accord.work.models import Deliverable, Job, JobTemplate, Task
from accord.work.services.templates import seed_job_templates
from tests.conftest import build_world
from tests.intake.test_concurrency import race

ROUNDS = 6


@pytest.fixture
def jobs(transactional_db: None) -> Any:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the in-memory SQLite database is not shared by threads")
    seed_job_templates()  # a transactional test may start from an emptied database
    world = build_world()
    made = [
        services.create_job(
            by=world.alice, client=world.acme, title=f"Job {n}", due_on=date(2027, 3, 31)
        )
        for n in range(ROUNDS)
    ]
    return world, made


def test_two_edits_from_the_same_revision_one_wins_one_is_told(jobs):
    world, made = jobs
    people = [world.alice, world.erin]

    def edit(job: Job, n: int) -> None:
        services.update_job(
            by=people[n],
            job=job,
            revision=1,
            title=f"Edited by {people[n].name}",
            due_on=job.due_on,
            owner=world.alice,
            notes="",
        )

    for outcome in race(made, [edit, edit]):
        assert sorted(outcome) == ["Conflict", "ok"]
    assert {j.revision for j in Job.objects.filter(pk__in=[j.pk for j in made])} == {2}


def test_two_plans_at_once_plan_the_job_once(jobs):
    world, made = jobs
    template = JobTemplate.objects.get(name="Social campaign — 6 posts")

    def plan(job: Job, n: int) -> None:
        services.plan_job_from_template(by=world.alice, job=job, template=template)

    for outcome in race(made, [plan, plan]):
        assert sorted(outcome) == ["IllegalTransition", "ok"]
    for job in made:
        assert Deliverable.objects.filter(job=job).count() == 6
        assert Task.objects.filter(job=job).count() == 12


def test_two_moves_from_the_same_status_one_wins(jobs):
    world, made = jobs
    targets = ["on_hold", "cancelled"]

    def move(job: Job, n: int) -> None:
        services.move_job(by=world.alice, job=job, to=targets[n], was="open")

    for outcome in race(made, [move, move]):
        assert sorted(outcome) == ["Conflict", "ok"]
