"""A job's timeline: due dates on an axis to the deadline, weeks marked, late items marked,
the same as a list by date; staff only; a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accord.work import overview
from tests.work.board_data import ON_THE_BOARD, board_job, deliverable, fill, task, today


def timeline_url(job) -> str:
    return reverse("work:timeline", kwargs={"job_id": job.pk})


@pytest.fixture
def job(world):
    return board_job(world, days=28)


@pytest.mark.parametrize(("persona", "status"), ON_THE_BOARD)
def test_who_sees_the_timeline(client, world, job, persona, status):
    client.force_login(world.persona(persona))
    assert client.get(timeline_url(job)).status_code == status


def test_items_sit_on_an_axis_from_today_to_the_deadline(world, job):
    now = today()
    deliverable(job, "Half way", due_on=now + timedelta(days=14))
    task(job, "On the deadline", due_on=job.due_on)
    task(job, "No date")
    t = overview.timeline(job, today=now)
    assert (t.start, t.end) == (now, job.due_on)
    assert (t.today_at, t.deadline_at) == (0.0, 100.0)
    assert [(m.title, m.at) for m in t.marks] == [("Half way", 50.0), ("On the deadline", 100.0)]
    assert t.undated == 1
    assert all(monday.weekday() == 0 for monday, _ in t.weeks)
    assert len(t.weeks) in (4, 5)


def test_late_items_are_marked_and_the_axis_reaches_back_to_them(client, world, job):
    now = today()
    task(job, "Overdue", due_on=now - timedelta(days=7), assignee=world.dan)
    task(job, "Done early", status="done", due_on=now - timedelta(days=7))
    t = overview.timeline(job, today=now)
    assert t.start == now - timedelta(days=7)
    assert [m.late for m in t.marks] == [False, True] or [m.late for m in t.marks] == [True, False]
    client.force_login(world.alice)
    page = client.get(timeline_url(job)).text
    assert page.count("timeline__row--late") == 1
    assert "timeline__deadline tl-at-100" in page
    assert "<caption" in page and "By date" in page
    assert "style=" not in page
    assert page.index("Overdue") < page.index("By date") < page.rindex("Overdue")


def test_the_timeline_costs_the_same_queries_whatever_its_size(
    client, world, job, django_assert_max_num_queries
):
    client.force_login(world.alice)
    fill(job, deliverables=3, tasks=6, people=[world.dan])
    with django_assert_max_num_queries(12) as few:
        assert client.get(timeline_url(job)).status_code == 200
    fill(job, deliverables=100, tasks=400, people=[world.dan, world.cora])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(timeline_url(job)).text
    assert page.count("timeline__dot ") == overview.TIMELINE_LIMIT
    assert "more due later" in page
