"""The account manager's overview of a job and of all their jobs: late and at-risk items,
hours against estimates, who is blocked and why; who may see it; bounded queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.work import board_rules, overview
from accord.work.models import Deliverable, Job, PublicHoliday, Task
from tests.work.board_data import board_job, deliverable, fill, logged, task, today


def job_overview_url(job) -> str:
    return reverse("work:job_overview", kwargs={"job_id": job.pk})


OVERVIEW = "/jobs/overview/"


@pytest.fixture
def job(world):
    return board_job(world)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("erin", 200),
        ("alice", 200),
        ("max", 404),
        ("dan", 403),  # on the job: sees its board, not the account manager's overview
        ("cora", 404),
        ("sam", 404),
        ("carol", 404),
        ("ray", 404),
        ("gus", 404),
    ],
)
def test_who_sees_a_jobs_overview(client, world, job, persona, status):
    client.force_login(world.persona(persona))
    assert client.get(job_overview_url(job)).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("erin", 200),
        ("alice", 200),
        ("max", 200),
        ("dan", 403),
        ("cora", 403),
        ("sam", 403),
        ("carol", 403),
        ("ray", 403),
        ("gus", 403),
    ],
)
def test_who_sees_the_overview_of_all_jobs(client, world, persona, status):
    client.force_login(world.persona(persona))
    assert reverse("work:overview") == OVERVIEW
    assert client.get(OVERVIEW).status_code == status


def test_the_overview_is_in_the_navigation_of_account_managers_only(client, world):
    client.force_login(world.alice)
    assert f'href="{OVERVIEW}"' in client.get(reverse("home:index")).text
    client.force_login(world.dan)
    assert f'href="{OVERVIEW}"' not in client.get(reverse("home:index")).text


def test_late_items_are_due_before_today_and_not_finished(client, world, job):
    yesterday = today() - timedelta(days=1)
    deliverable(job, "Late post", status="in_production", due_on=yesterday)
    deliverable(job, "Approved post", status="approved", due_on=yesterday)
    task(job, "Late task", status="doing", due_on=yesterday, assignee=world.dan)
    task(job, "Finished task", status="done", due_on=yesterday, assignee=world.dan)
    watch = overview.watch(Job.objects.filter(pk=job.pk), today=today())
    assert [d.title for d in watch.late_deliverables.items] == ["Late post"]
    assert [t.title for t in watch.late_tasks.items] == ["Late task"]
    client.force_login(world.alice)
    page = client.get(job_overview_url(job)).text
    assert "Late post" in page and "Late task" in page
    assert "Approved post" not in page


def test_at_risk_is_within_two_working_days_and_before_review(world, job):
    now = today()
    until = board_rules.at_risk_until(now, frozenset())
    deliverable(job, "Due soon", status="not_started", due_on=until)
    deliverable(job, "With the client", status="client_review", due_on=now)
    deliverable(job, "Later", status="in_production", due_on=until + timedelta(days=1))
    task(job, "Task due today", due_on=now)
    task(job, "Task done", status="done", due_on=now)
    watch = overview.watch(Job.objects.filter(pk=job.pk), today=now)
    assert watch.at_risk_until == until
    assert [d.title for d in watch.risky_deliverables.items] == ["Due soon"]
    assert [t.title for t in watch.risky_tasks.items] == ["Task due today"]


def test_a_public_holiday_moves_the_at_risk_horizon(world, job):
    now = today()
    next_working_day = board_rules.working_days_after(now, 1, frozenset())
    PublicHoliday.objects.create(on=next_working_day, name="Bank holiday")
    third = board_rules.working_days_after(now, 3, frozenset())
    deliverable(job, "Due on the third working day", due_on=third)
    watch = overview.watch(Job.objects.filter(pk=job.pk), today=now)
    assert watch.at_risk_until == third
    assert watch.risky_deliverables.count == 1


def test_hours_logged_against_the_estimate_per_job_and_per_task(client, world, job):
    shoot = task(job, "Shoot", assignee=world.dan, estimate_hours=Decimal("4"))
    edit = task(job, "Edit", assignee=world.dan, estimate_hours=Decimal("2"))
    logged(shoot, world.dan, "3.5")
    logged(shoot, world.dan, "1.5")
    logged(edit, world.dan, "1")
    assert overview.job_hours(job) == (Decimal("6.0"), Decimal("6.0"))
    rows = {t.title: t.logged for t in overview.tasks_with_hours(job)}
    assert rows == {"Shoot": Decimal("5"), "Edit": Decimal("1")}
    client.force_login(world.alice)
    page = client.get(job_overview_url(job)).text
    assert "<strong>6 h</strong> logged against an estimate of <strong>6 h</strong>" in page
    assert "5 h" in page and "Over" in page  # Shoot: 5 h of 4


def test_who_is_blocked_and_why_and_since_when(client, world, job):
    task(
        job,
        "Shoot",
        status="blocked",
        assignee=world.dan,
        blocked_reason="Waiting for the client's photos",
    )
    client.force_login(world.alice)
    page = client.get(OVERVIEW).text
    assert "Waiting for the client&#x27;s photos" in page
    assert "Dan Northwind" in page
    assert timezone.localtime().strftime("%-d %b") in page


def test_alice_sees_her_jobs_not_globex(client, world, job):
    Job.objects.create(
        client=world.globex, title="Globex savings push", owner=world.max, due_on=today()
    )
    Job.objects.create(client=world.acme, title="A delivered job", owner=world.alice, status="done")
    client.force_login(world.alice)
    page = client.get(OVERVIEW).text
    assert "Spring menu launch" in page
    assert "Globex savings push" not in page and "A delivered job" not in page
    client.force_login(world.max)
    page = client.get(OVERVIEW).text
    assert "Globex savings push" in page and "Spring menu launch" not in page
    client.force_login(world.erin)
    page = client.get(OVERVIEW).text
    assert "Globex savings push" in page and "Spring menu launch" in page


def test_an_overview_never_shows_a_job_its_reader_may_not_see(client, world):
    """Owning a job of a client one does not work on (left over from a hand-over) shows
    nothing of it: the overview lists only jobs the reader may open."""
    Job.objects.create(client=world.globex, title="Covering for Max", owner=world.alice)
    assert list(overview.jobs_watched_by(world.alice)) == []
    assert [job.title for job in overview.jobs_watched_by(world.max)] == ["Covering for Max"]


def test_the_job_figures_count_each_jobs_items(world, job):
    now = today()
    deliverable(job, "Late", status="in_production", due_on=now - timedelta(days=3))
    task(job, "Late", due_on=now - timedelta(days=3))
    task(job, "Blocked", status="blocked", blocked_reason="Waiting")
    shoot = task(job, "Shoot", estimate_hours=Decimal("3"))
    logged(shoot, world.dan, "2.25")
    (row,) = overview.jobs_with_figures(
        overview.jobs_watched_by(world.alice), today=now, until=now + timedelta(days=2)
    )
    assert (row.late_deliverables, row.late_tasks, row.blocked) == (1, 1, 1)
    assert (row.estimate, row.logged) == (Decimal("11"), Decimal("2.25"))  # 4 + 4 + 3


def test_the_overview_costs_the_same_queries_whatever_the_number_of_jobs(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.alice)
    first = board_job(world, title="Job 0")
    fill(first, deliverables=5, tasks=10, people=[world.dan])
    with django_assert_max_num_queries(16) as few:
        assert client.get(OVERVIEW).status_code == 200
    for i in range(1, 30):
        fill(board_job(world, title=f"Job {i}"), deliverables=3, tasks=6, people=[world.dan])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(OVERVIEW)
    assert page.status_code == 200
    assert "Showing 1–25 of 30" in page.text


def test_the_job_overview_costs_the_same_queries_whatever_its_size(
    client, world, job, django_assert_max_num_queries
):
    client.force_login(world.alice)
    fill(job, deliverables=4, tasks=8, people=[world.dan])
    with django_assert_max_num_queries(18) as few:
        assert client.get(job_overview_url(job)).status_code == 200
    fill(job, deliverables=100, tasks=400, people=[world.dan, world.cora])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(job_overview_url(job)).text
    assert "more.</p>" in page  # the lists stay bounded


def test_the_overview_and_the_board_agree_on_late_and_at_risk(world, job):
    """The database's filters and the pure rules the cards use, over every status and day."""
    now = today()
    until = overview.risk_horizon(now)
    days = [now + timedelta(days=n) for n in range(-2, 6)]
    for status in Deliverable.Status.values:
        for day in days:
            deliverable(job, f"{status} {day}", status=status, due_on=day)
    for status in Task.Status.values:
        for day in days:
            task(job, f"{status} {day}", status=status, due_on=day)
    watch = overview.watch(Job.objects.filter(pk=job.pk), today=now)
    d_rows = [(s, d) for s in Deliverable.Status.values for d in days]
    t_rows = [(s, d) for s in Task.Status.values for d in days]
    assert watch.late_deliverables.count == sum(
        board_rules.deliverable_is_late(s, d, now) for s, d in d_rows
    )
    assert watch.risky_deliverables.count == sum(
        board_rules.deliverable_at_risk(s, d, now, until) for s, d in d_rows
    )
    assert watch.late_tasks.count == sum(board_rules.task_is_late(s, d, now) for s, d in t_rows)
    assert watch.risky_tasks.count == sum(
        board_rules.task_at_risk(s, d, now, until) for s, d in t_rows
    )


def test_every_task_listed_opens_its_own_page(client, world, job):
    late = task(job, "Shoot", assignee=world.dan, due_on=today() - timedelta(days=1))
    blocked = task(job, "Edit", status="blocked", assignee=world.dan, blocked_reason="No photos")
    client.force_login(world.alice)
    pages = {
        "board": reverse("work:board", kwargs={"job_id": job.pk}),
        "timeline": reverse("work:timeline", kwargs={"job_id": job.pk}),
        "job overview": job_overview_url(job),
        "overview": OVERVIEW,
    }
    for name, url in pages.items():
        page = client.get(url).text
        for t in (late, blocked):
            if name != "timeline" or t.due_on:
                link = f'href="{reverse("work:task_detail", kwargs={"task_id": t.pk})}"'
                assert link in page, (name, t.title)
    assert client.get(reverse("work:task_detail", kwargs={"task_id": late.pk})).status_code == 200


def test_hours_read_as_people_write_them_and_a_held_job_says_so(client, world, job):
    logged(
        task(job, "Shoot", assignee=world.dan, estimate_hours=Decimal("2.50")), world.dan, "1.25"
    )
    Job.objects.filter(pk=job.pk).update(status="on_hold")
    client.force_login(world.alice)
    page = client.get(job_overview_url(job)).text
    assert "<strong>1.25 h</strong> logged against an estimate of <strong>2.5 h</strong>" in page
    assert "2.50" not in page and "1.25 h" in page
    assert 'badge--warning">On hold</span>' in client.get(OVERVIEW).text
