"""A person's private calendar feed: made once, shown once, revocable, valid iCalendar."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accord.core.errors import IllegalTransition, NotAllowed
from accord.core.secrets import hash_secret
from accord.work.models import CalendarFeed, Deliverable, Job, Task
from accord.work.services import calendar
from tests.work.mywork_data import a_job, a_task


def _events(body: bytes) -> dict[str, object]:
    parsed = Calendar.from_ical(body)
    return {str(event["UID"]): event for event in parsed.walk("VEVENT")}


def test_a_feed_stores_only_the_hash_of_its_token_and_a_new_one_revokes_the_old(dan):
    first = calendar.create_feed(by=dan)
    assert first.token.startswith("cal_")
    assert first.feed.token_hash == hash_secret(first.token)
    assert first.token not in first.feed.prefix or len(first.feed.prefix) < len(first.token)
    assert not CalendarFeed.objects.filter(token_hash=first.token).exists()
    second = calendar.create_feed(by=dan)
    first.feed.refresh_from_db()
    assert first.feed.revoked_at is not None
    assert calendar.feed_of_token(first.token) is None
    assert calendar.feed_of_token(second.token) == second.feed


def test_contacts_get_no_feed(carol):
    with pytest.raises(NotAllowed):
        calendar.create_feed(by=carol)


def test_a_feed_is_revoked_once(dan):
    made = calendar.create_feed(by=dan)
    calendar.revoke_feed(by=dan, feed=made.feed)
    assert calendar.feed_of_token(made.token) is None
    with pytest.raises(IllegalTransition):
        calendar.revoke_feed(by=dan, feed=made.feed)


def test_unknown_or_malformed_tokens_open_nothing(dan):
    calendar.create_feed(by=dan)
    for token in ["", "cal_nope", "tok_x", "cal_" + "x" * 500]:
        assert calendar.feed_of_token(token) is None


def test_a_deactivated_person_s_feed_stops_working(dan):
    made = calendar.create_feed(by=dan)
    dan.is_active = False
    dan.save(update_fields=["is_active"])
    assert calendar.feed_of_token(made.token) is None


def test_the_feed_lists_open_tasks_owned_deliverables_and_run_jobs_as_all_day_events(
    world, dan, alice
):
    today = timezone.localdate()
    job = a_job(world, due_on=today + timedelta(days=20))
    task = a_task(job, dan, title="Key visual", due_in=3)
    a_task(job, dan, title="Finished", due_in=2, status=Task.Status.DONE)
    a_task(job, dan, title="Long ago", due_in=-60)
    a_task(job, dan, title="Undated", due_in=None)
    a_task(job, world.cora, title="Not Dan's", due_in=4)
    deliverable = Deliverable.objects.create(
        job=job, title="Poster", owner=dan, due_on=today + timedelta(days=7)
    )
    Deliverable.objects.create(
        job=job,
        title="Shipped",
        owner=dan,
        due_on=today,
        status=Deliverable.Status.DELIVERED,
    )

    dans = _events(calendar.ics_of(dan))
    assert set(dans) == {f"task-{task.pk}@accord", f"deliverable-{deliverable.pk}@accord"}
    event = dans[f"task-{task.pk}@accord"]
    assert event.decoded("DTSTART") == today + timedelta(days=3)
    assert event.decoded("DTEND") == today + timedelta(days=4)
    assert "Key visual" in str(event["SUMMARY"]) and "Acme Foods" in str(event["SUMMARY"])
    assert str(event["URL"]).endswith(reverse("work:task_detail", kwargs={"task_id": task.pk}))
    poster = dans[f"deliverable-{deliverable.pk}@accord"]
    assert str(poster["URL"]).endswith(reverse("work:job_detail", kwargs={"job_id": job.pk}))

    alices = _events(calendar.ics_of(alice))
    assert set(alices) == {f"job-{job.pk}@accord"}
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)
    assert _events(calendar.ics_of(alice)) == {}
    assert _events(calendar.ics_of(dan)) == {}  # nor the open work of a job that is over


def test_uids_are_stable_between_reads(world, dan):
    a_task(a_job(world), dan)
    assert set(_events(calendar.ics_of(dan))) == set(_events(calendar.ics_of(dan)))


def test_the_feed_is_bounded(world, dan, monkeypatch):
    monkeypatch.setattr(calendar, "MAX_EVENTS", 3)
    job = a_job(world)
    for n in range(5):
        a_task(job, dan, title=f"Task {n}", due_in=n)
    assert len(_events(calendar.ics_of(dan))) == 3


# --- The feed's address, over HTTP ----------------------------------------------------------


def test_a_calendar_app_reads_the_feed_without_signing_in(client, world, dan):
    task = a_task(a_job(world), dan)
    made = calendar.create_feed(by=dan)
    response = client.get(calendar.feed_path(made.token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f"task-{task.pk}@accord" in _events(response.content)
    made.feed.refresh_from_db()
    assert made.feed.last_used_at is not None


def test_the_feed_notes_its_use_at_most_once_an_hour(client, dan):
    made = calendar.create_feed(by=dan)
    client.get(calendar.feed_path(made.token))
    made.feed.refresh_from_db()
    first_use = made.feed.last_used_at
    client.get(calendar.feed_path(made.token))
    made.feed.refresh_from_db()
    assert made.feed.last_used_at == first_use
    CalendarFeed.objects.filter(pk=made.feed.pk).update(
        last_used_at=timezone.now() - timedelta(hours=2)
    )
    client.get(calendar.feed_path(made.token))
    made.feed.refresh_from_db()
    assert made.feed.last_used_at > first_use


def test_a_revoked_or_unknown_feed_is_404(client, dan):
    made = calendar.create_feed(by=dan)
    calendar.revoke_feed(by=dan, feed=made.feed)
    assert client.get(calendar.feed_path(made.token)).status_code == 404
    assert client.get(calendar.feed_path("cal_unknown")).status_code == 404


def test_the_feed_reads_in_constant_queries(client, world, dan, django_assert_max_num_queries):
    made = calendar.create_feed(by=dan)
    job = a_job(world)
    for n in range(20):
        a_task(job, dan, title=f"Task {n}", due_in=n)
        Deliverable.objects.create(job=job, title=f"D{n}", owner=dan, due_on=job.due_on)
    with django_assert_max_num_queries(6):  # the jobs a creative is on: one query more
        assert client.get(calendar.feed_path(made.token)).status_code == 200
