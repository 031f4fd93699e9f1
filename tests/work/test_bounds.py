"""Dates far from today are refused in words (never a 500), a job on hold still re-plans, and
moves and edits on the pages carry what they were based on."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.core.errors import IllegalTransition, InvalidInput
from accord.work.models import Deliverable, Job, Task
from accord.work.services import deliverables, jobs, tasks
from tests.api.intake_data import brief_at

DEADLINE = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def job(world):
    return Job.objects.create(client=world.acme, title="Menu", owner=world.alice, due_on=DEADLINE)


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31)])
def test_work_dates_far_from_today_are_refused(world, job, day):
    with pytest.raises(InvalidInput, match="within 10 years") as refused:
        tasks.add_task(by=world.alice, job=job, title="Copy", due_on=day, confirm=True)
    assert refused.value.field == "due_on"
    with pytest.raises(InvalidInput, match="within 10 years"):
        deliverables.add_deliverable(
            by=world.alice, job=job, title="Post", due_on=day, confirm=True
        )


def test_a_deadline_is_checked_on_a_29th_of_february_too(world):
    leap_day = date(2028, 2, 29)
    with mock.patch("django.utils.timezone.localdate", return_value=leap_day):
        job = jobs.create_job(
            by=world.alice, client=world.acme, title="Leap", due_on=leap_day + timedelta(days=9)
        )
    assert job.due_on == date(2028, 3, 9)


@pytest.mark.parametrize(
    "path",
    [
        "/jobs/workload/week/?person={dan}&week=9999-12-31",
        "/jobs/candidates/?job={job}&due_on=9999-12-31&estimate=4",
        "/api/v1/candidates?job={job}&due_on=9999-12-31&estimate=4",
    ],
)
def test_far_dates_in_capacity_queries_are_a_clear_refusal(client, world, job, path):
    client.force_login(world.alice)
    response = client.get(path.format(dan=world.dan.pk, job=job.pk))
    assert response.status_code == 422
    assert b"within two years" in response.content


@pytest.mark.parametrize("week", ["0001-01-01", "9999-12-31"])
def test_my_work_for_a_week_far_away_shows_this_week(client, world, week):
    client.force_login(world.dan)
    assert client.get(f"/jobs/my-work/?week={week}").status_code == 200


def test_a_job_on_hold_still_takes_a_change_of_brief_but_a_done_one_does_not(world):
    brief = brief_at(world, "signed_off")
    held = Job.objects.create(
        client=world.acme, title="Menu", owner=world.alice, brief=brief, status="on_hold"
    )
    jobs.flag_brief_change(brief, brief.current_version, world.alice)
    held.refresh_from_db()
    assert held.brief_changed_at is not None
    Job.objects.filter(pk=held.pk).update(status="done")
    with pytest.raises(IllegalTransition, match="no longer changes"):
        jobs.flag_brief_change(brief, brief.current_version, world.alice)


def test_a_move_without_the_status_it_was_read_in_is_refused(client, world, job):
    task = Task.objects.create(job=job, title="Copy", assignee=world.dan)
    post = Deliverable.objects.create(job=job, title="Post")
    client.force_login(world.alice)
    moved = client.post(
        reverse("work:deliverable_move", kwargs={"deliverable_id": post.pk}),
        {"to": "in_production"},
    )
    assert moved.status_code == 422
    client.force_login(world.dan)
    moved = client.post(reverse("work:task_move", kwargs={"task_id": task.pk}), {"to": "doing"})
    assert moved.status_code == 422
    assert Task.objects.get(pk=task.pk).status == "todo"
    assert Deliverable.objects.get(pk=post.pk).status == "not_started"


def test_a_creative_cannot_take_a_deliverable_to_the_client_even_when_the_status_moved(world, job):
    post = Deliverable.objects.create(job=job, title="Post", status="internal_review")
    Task.objects.create(job=job, title="Design", assignee=world.dan)  # Dan is on the job
    with pytest.raises(Exception, match="account manager takes it to the client"):
        deliverables.move_deliverable(
            by=world.dan, deliverable=post, to="client_review", base_status="internal_review"
        )
