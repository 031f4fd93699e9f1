"""My work as a person uses it: tasks in the right order, the timer, time by hand, the feed."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.intake.models import Attachment, Brief, Request
from accord.work.models import CalendarFeed, Task, TimeEntry
from accord.work.services import time
from tests.intake.view_helpers import job_of
from tests.work.mywork_data import a_job, a_task

MY_WORK = reverse("work:my_work")


def _today():
    return timezone.localdate()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("erin", 200), ("alice", 200), ("dan", 200), ("sam", 200), ("carol", 403), ("gus", 403)],
)
def test_my_work_is_for_staff(client, world, persona, status):
    client.force_login(world.persona(persona))
    assert client.get(MY_WORK).status_code == status


def test_my_work_is_in_the_navigation_for_staff_only(client, world):
    client.force_login(world.dan)
    assert f'href="{MY_WORK}"' in client.get(reverse("home:index")).text
    client.force_login(world.carol)
    assert f'href="{MY_WORK}"' not in client.get(reverse("home:index")).text


def test_dan_sees_his_open_tasks_overdue_first_then_by_due_date_then_priority(client, world):
    dan = world.dan
    job = a_job(world)
    a_task(job, dan, title="Later", due_in=9)
    a_task(job, dan, title="Soon, normal", due_in=2)
    a_task(job, dan, title="Soon, urgent", due_in=2, priority=Task.Priority.URGENT)
    a_task(job, dan, title="Overdue", due_in=-3)
    a_task(job, dan, title="Undated", due_in=None)
    a_task(job, dan, title="Finished", due_in=1, status=Task.Status.DONE, done_at=timezone.now())
    a_task(job, world.cora, title="Cora's")
    client.force_login(dan)
    page = client.get(MY_WORK).text
    tasks_part = page.split('id="tasks-heading"')[1].split('id="week-heading"')[0]
    order = ["Overdue", "Soon, urgent", "Soon, normal", "Later", "Undated"]
    positions = [tasks_part.index(f">{title}") for title in order]
    assert positions == sorted(positions)
    assert "Overdue</span>" in tasks_part
    assert "Cora's" not in page
    assert "Finished" not in tasks_part
    done_part = page.split('id="done-heading"')[1]
    assert "Finished" in done_part


def test_each_task_shows_its_job_client_brief_files_and_hours_against_estimate(client, world):
    job = job_of(world)  # from Carol's signed-off brief
    brief = Brief.objects.get(pk=job.brief_id)
    task = a_task(job, world.dan, title="Key visual", estimate="6")
    time.log_time(by=world.dan, job=job, task=task, on=_today(), hours="1.5", billable=True)
    time.log_time(by=world.alice, job=job, task=task, on=_today(), hours="1", billable=True)
    request = Request.objects.create(client=world.acme, title="Posters", what="Posters.")
    Brief.objects.filter(pk=brief.pk).update(request=request)
    for name in ("a.pdf", "b.pdf"):
        Attachment.objects.create(request=request, original_name=name, content_type="x", size=1)
    client.force_login(world.dan)
    page = client.get(MY_WORK).text
    assert reverse("work:job_detail", kwargs={"job_id": job.pk}) in page
    assert reverse("intake:brief_detail", kwargs={"brief_id": brief.pk}) in page
    assert "Acme Foods" in page
    assert "2.5 / 6 h" in page
    assert "2 files</a>" in page


def test_my_work_reads_in_constant_queries(client, world, django_assert_max_num_queries):
    dan = world.dan
    job = a_job(world)
    client.force_login(dan)
    a_task(job, dan)
    with django_assert_max_num_queries(13):
        client.get(MY_WORK)
    for n in range(40):
        task = a_task(a_job(world, title=f"Job {n}"), dan, title=f"Task {n}", due_in=n % 9)
        if n < 10:
            time.log_time(by=dan, job=task.job, task=task, on=_today(), hours="0.5", billable=True)
    time.start_timer(by=dan, task=task)
    with django_assert_max_num_queries(13):
        response = client.get(MY_WORK)
    assert "Showing 1–25 of 41" in response.text


def test_dan_starts_and_stops_a_timer_from_my_work(client, world):
    task = a_task(a_job(world), world.dan, title="Key visual")
    client.force_login(world.dan)
    start = reverse("work:timer_start", kwargs={"task_id": task.pk})
    assert client.post(start).status_code == 302
    page = client.get(MY_WORK).text
    assert "Running on <strong>Key visual</strong>" in page
    assert client.post(reverse("work:timer_stop")).status_code == 302
    entry = TimeEntry.objects.get()
    assert not entry.is_running and entry.hours > 0


def test_a_timer_left_running_asks_for_the_real_hours_on_my_work(client, world):
    task = a_task(a_job(world), world.dan)
    entry = time.start_timer(by=world.dan, task=task)
    TimeEntry.objects.filter(pk=entry.pk).update(started_at=timezone.now() - timedelta(hours=30))
    client.force_login(world.dan)
    page = client.get(MY_WORK).text
    assert "How many hours did you really work?" in page
    refused = client.post(reverse("work:timer_stop"))
    assert refused.status_code == 409
    assert "it was probably left running" in refused.text
    done = client.post(reverse("work:timer_stop"), {"hours": "4", "confirm": "True"})
    assert done.status_code == 302
    entry.refresh_from_db()
    assert entry.hours == Decimal("4") and not entry.is_running


def test_sam_cannot_start_a_timer_on_a_task_he_cannot_see(client, world):
    task = a_task(a_job(world), world.dan)
    client.force_login(world.sam)
    start = reverse("work:timer_start", kwargs={"task_id": task.pk})
    assert client.post(start).status_code == 404


def test_dan_logs_time_by_hand_and_sees_the_week_total(client, world):
    task = a_task(a_job(world), world.dan, title="Key visual")
    client.force_login(world.dan)
    form = client.get(MY_WORK).text
    assert f'value="{_today().isoformat()}"' in form  # the date defaults to today
    assert re.search(r'<input type="checkbox" name="billable"[^>]*checked', form)  # billable
    data = {"on": _today().isoformat(), "hours": "2.5", "task": task.pk, "billable": "on"}
    response = client.post(reverse("work:time_log"), data, follow=True)
    assert response.status_code == 200
    assert 'id="week-total">2.5<' in response.text
    data = {"on": _today().isoformat(), "hours": "1", "task": task.pk, "note": "Call"}
    page = client.post(reverse("work:time_log"), data, follow=True).text
    assert 'id="week-total">3.5<' in page
    assert 'id="week-billable">2.5<' in page


def test_a_refused_entry_shows_why_and_keeps_what_was_typed(client, world):
    task = a_task(a_job(world), world.dan)
    time.log_time(by=world.dan, job=task.job, task=task, on=_today(), hours="23", billable=True)
    client.force_login(world.dan)
    data = {"on": _today().isoformat(), "hours": "2", "task": task.pk, "note": "Late night"}
    response = client.post(reverse("work:time_log"), data)
    assert response.status_code == 422
    assert "23 hours booked that day already" in response.text
    assert 'value="Late night"' in response.text
    no_work = client.post(reverse("work:time_log"), {"on": _today().isoformat(), "hours": "1"})
    assert no_work.status_code == 422
    assert "Choose one of your tasks, or a job." in no_work.text
    other = a_task(a_job(world, title="Summer menu"), world.dan, title="Menu layout").job
    both = client.post(reverse("work:time_log"), {**data, "task": task.pk, "job": other.pk})
    assert both.status_code == 422
    assert "choose the task or another job, not both" in both.text


def test_dan_edits_and_deletes_his_entry_and_a_stale_edit_is_a_conflict(client, world):
    task = a_task(a_job(world), world.dan)
    entry = time.log_time(
        by=world.dan, job=task.job, task=task, on=_today(), hours="2", billable=True
    )
    base = time.version_of(entry)
    client.force_login(world.dan)
    edit = reverse("work:time_edit", kwargs={"entry_id": entry.pk})
    assert f'value="{base}"' in client.get(edit).text
    data = {"base": base, "on": _today().isoformat(), "hours": "3", "task": task.pk}
    assert client.post(edit, data).status_code == 302
    entry.refresh_from_db()
    assert entry.hours == Decimal("3") and entry.billable is False
    stale = client.post(edit, {**data, "hours": "1"})
    assert stale.status_code == 409
    assert "changed since you read it" in stale.text
    delete = reverse("work:time_delete", kwargs={"entry_id": entry.pk})
    assert client.post(delete, {"base": base}).status_code == 409
    assert client.post(delete, {"base": time.version_of(entry)}).status_code == 302
    assert not TimeEntry.objects.exists()


def test_a_cancelled_or_finished_job_s_tasks_leave_my_work(client, world):
    running = a_task(a_job(world), world.dan, title="Key visual")
    held = a_task(a_job(world, status="on_hold"), world.dan, title="Shelf wobbler")
    a_task(a_job(world, status="cancelled"), world.dan, title="Dropped idea")
    a_task(a_job(world, status="done"), world.dan, title="Left open")
    stuck = a_task(running.job, world.dan, title="Pack shots", status=Task.Status.BLOCKED)
    client.force_login(world.dan)
    page = client.get(MY_WORK).text
    assert running.title in page and held.title in page
    assert "Dropped idea" not in page and "Left open" not in page
    assert page.count("Job on hold") == 1
    start = reverse("work:timer_start", kwargs={"task_id": stuck.pk})
    assert start not in page  # no timer on a blocked task
    assert reverse("work:timer_start", kwargs={"task_id": running.pk}) in page
    assert "0 files" not in page


def test_what_was_booked_is_said_inside_the_part_htmx_swaps(client, world):
    task = a_task(a_job(world), world.dan)
    client.force_login(world.dan)
    data = {"on": _today().isoformat(), "hours": "1.5", "task": task.pk}
    page = client.post(reverse("work:time_log"), data, follow=True, headers={"HX-Request": "true"})
    swapped = page.text.split('id="my-work"', 1)[1]
    assert "Logged 1.5 hours." in swapped
    assert page.text.count("Logged 1.5 hours.") == 1


def test_done_lately_links_each_task_s_job(client, world):
    done = a_task(a_job(world), world.dan, title="Menu shot", status=Task.Status.DONE)
    Task.objects.filter(pk=done.pk).update(done_at=timezone.now())
    client.force_login(world.dan)
    page = client.get(MY_WORK).text
    job_link = reverse("work:job_detail", kwargs={"job_id": done.job_id})
    assert re.search(rf'Menu shot.*?<a href="{job_link}">Spring launch</a>', page, re.S)


def test_an_entry_keeps_its_task_once_dan_is_off_the_task(client, world):
    task = a_task(a_job(world), world.dan)
    entry = time.log_time(
        by=world.dan, job=task.job, task=task, on=_today(), hours="2", billable=True
    )
    Task.objects.filter(pk=task.pk).update(assignee=world.cora)  # handed on: Dan is off the job
    client.force_login(world.dan)
    edit = reverse("work:time_edit", kwargs={"entry_id": entry.pk})
    assert f'<option value="{task.pk}" selected>' in client.get(edit).text
    data = {"base": time.version_of(entry), "on": _today().isoformat(), "hours": "2.5"}
    assert client.post(edit, {**data, "task": task.pk}).status_code == 302
    entry.refresh_from_db()
    assert (entry.hours, entry.task_id) == (Decimal("2.5"), task.pk)


def test_nobody_else_opens_dan_s_entries(client, world):
    task = a_task(a_job(world), world.dan)
    entry = time.log_time(
        by=world.dan, job=task.job, task=task, on=_today(), hours="2", billable=True
    )
    edit = reverse("work:time_edit", kwargs={"entry_id": entry.pk})
    for persona, status in [("alice", 404), ("erin", 404), ("carol", 403)]:
        client.force_login(world.persona(persona))
        assert client.get(edit).status_code == status


def test_the_calendar_address_is_shown_once_and_can_be_turned_off(client, world):
    client.force_login(world.dan)
    made = client.post(reverse("work:calendar_feed_create"))
    assert made.status_code == 201
    assert made["Cache-Control"] == "no-store"
    feed = CalendarFeed.objects.get()
    assert "/jobs/calendar/cal_" in made.text
    again = client.get(MY_WORK).text
    assert "/jobs/calendar/cal_" not in again
    assert f"{feed.prefix}…" in again
    revoke = reverse("work:calendar_feed_revoke", kwargs={"feed_id": feed.pk})
    assert client.post(revoke).status_code == 302
    feed.refresh_from_db()
    assert feed.revoked_at is not None


def test_contacts_get_no_calendar_address(client, world):
    client.force_login(world.carol)
    assert client.post(reverse("work:calendar_feed_create")).status_code == 403
