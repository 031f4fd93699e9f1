"""Time tracking: timers, time logged by hand, changed and deleted — and what is refused."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from accord.core import verbs
from accord.core.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NeedsConfirmation,
    NotAllowed,
)
from accord.core.models import Event
from accord.work import timekeeping
from accord.work.models import Job, Task, TimeEntry
from accord.work.services import time
from tests.work.mywork_data import a_job, a_task

TODAY = timezone.localdate


@pytest.fixture
def job(world):
    return a_job(world)


@pytest.fixture
def task(job, dan):
    return a_task(job, dan)


def _today_minutes(wanted):
    """`wanted` minutes, or fewer when the day is younger (a timer that stays within today)."""
    now = timezone.localtime()
    since_midnight = now.hour * 60 + now.minute
    return max(min(wanted, since_midnight - 1), 0)


def _backdate(entry, **delta):
    TimeEntry.objects.filter(pk=entry.pk).update(started_at=timezone.now() - timedelta(**delta))


# --- The pure rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("0", "more than 0"),
        ("-1", "more than 0"),
        ("24.01", "at most 24"),
        ("1e9", "at most 24"),
        ("1.234", "two decimals"),
        ("abc", "as a number"),
        ("NaN", "as a number"),
        ("", "as a number"),
    ],
)
def test_hours_that_cannot_be_booked_say_why(typed, problem):
    with pytest.raises(timekeeping.HoursProblem, match=problem):
        timekeeping.hours_from(typed)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("24"), places=2))
def test_any_hours_of_two_decimals_up_to_a_day_are_booked_as_they_are(hours):
    assert timekeeping.hours_from(str(hours)) == hours


@given(
    st.decimals(min_value=0, max_value=24, places=2),
    st.decimals(min_value=Decimal("0.01"), max_value=24, places=2),
)
def test_a_day_never_holds_more_than_24_hours(booked, adding):
    fits = not timekeeping.room_left(booked=booked, adding=adding)
    assert fits is (booked + adding <= 24)


@given(st.integers(min_value=0, max_value=48 * 3600))
def test_a_timer_books_at_least_its_time_rounded_up_to_the_hundredth(seconds):
    start = datetime(2027, 3, 1, 8, tzinfo=UTC)
    hours = timekeeping.elapsed_hours(start, start + timedelta(seconds=seconds))
    assert hours >= Decimal(seconds) / 3600
    assert hours - Decimal(seconds) / 3600 < Decimal("0.01") or hours == Decimal("0.01")


@pytest.mark.parametrize(
    ("start", "end", "asks"),
    [
        ((9, 0), (17, 30), False),  # a working day
        ((7, 0), (17, 0), False),  # ten hours exactly
        ((7, 0), (17, 1), True),  # past ten hours
        ((23, 0), (1, 0), True),  # two hours, but past midnight
    ],
)
def test_a_timer_asks_for_the_real_hours_past_midnight_or_ten_hours(start, end, asks):
    started = datetime(2027, 3, 1, *start, tzinfo=UTC)
    ended = datetime(2027, 3, 1 if end > start else 2, *end, tzinfo=UTC)
    assert timekeeping.needs_the_real_hours(started, ended, UTC) is asks


def test_midnight_is_the_agency_s_local_midnight():
    london = ZoneInfo("Europe/London")  # an hour ahead of UTC in summer
    started = datetime(2027, 7, 1, 22, 30, tzinfo=UTC)  # 23:30 in London
    assert timekeeping.needs_the_real_hours(started, started + timedelta(minutes=20), UTC) is False
    assert timekeeping.needs_the_real_hours(started, started + timedelta(minutes=40), london)


def test_time_events_are_for_the_agency_only():
    for name in ("time.logged", "time.changed", "time.deleted", "timer.started", "timer.stopped"):
        verb = verbs.get(name)
        assert verb is not None and verb.audience == "internal"
        assert not verb.contacts and not verb.creatives


# --- Timers ---------------------------------------------------------------------------------


def test_dan_starts_and_stops_a_timer_and_its_time_is_booked(dan, task):
    entry = time.start_timer(by=dan, task=task)
    assert entry.is_running and entry.on == TODAY() and entry.job_id == task.job_id
    minutes = _today_minutes(90)
    _backdate(entry, minutes=minutes)
    booked = time.stop_timer(by=dan)
    assert Decimal(minutes) / 60 <= booked.hours <= Decimal(minutes) / 60 + Decimal("0.02")
    assert not booked.is_running
    timer_events = Event.objects.filter(verb__startswith="timer.").order_by("pk")
    assert list(timer_events.values_list("verb", "audience")) == [
        ("timer.started", "internal"),
        ("timer.stopped", "internal"),
    ]


def test_starting_another_timer_stops_and_books_the_running_one(dan, job, task):
    other = a_task(job, dan, title="Copy deck")
    first = time.start_timer(by=dan, task=task)
    _backdate(first, minutes=_today_minutes(30))
    second = time.start_timer(by=dan, task=other)
    first.refresh_from_db()
    assert not first.is_running and first.hours >= Decimal(_today_minutes(30)) / 60
    assert second.is_running and second.task == other
    assert TimeEntry.objects.filter(user=dan, ended_at__isnull=True).count() == 1


def test_starting_the_running_timer_again_changes_nothing(dan, task):
    first = time.start_timer(by=dan, task=task)
    assert time.start_timer(by=dan, task=task).pk == first.pk


def test_a_timer_left_running_overnight_is_not_booked_silently(dan, task):
    entry = time.start_timer(by=dan, task=task)
    _backdate(entry, hours=26)
    with pytest.raises(NeedsConfirmation, match="running since") as refused:
        time.stop_timer(by=dan)
    assert refused.value.field == "confirm"
    assert "How many hours did you really work" in refused.value.message
    entry.refresh_from_db()
    assert entry.is_running
    with pytest.raises(InvalidInput, match="Enter the hours") as no_hours:
        time.stop_timer(by=dan, confirm=True)
    assert no_hours.value.field == "hours"
    booked = time.stop_timer(by=dan, hours="3.5", confirm=True)
    assert booked.hours == Decimal("3.5") and not booked.is_running


def test_a_new_timer_does_not_book_one_left_running_overnight(dan, job, task):
    entry = time.start_timer(by=dan, task=task)
    _backdate(entry, hours=11)
    with pytest.raises(NeedsConfirmation):
        time.start_timer(by=dan, task=a_task(job, dan, title="Other"))
    entry.refresh_from_db()
    assert entry.is_running


def test_stopping_without_a_timer_is_refused(dan, task):
    with pytest.raises(IllegalTransition, match="no timer"):
        time.stop_timer(by=dan)


def test_sam_cannot_time_a_task_of_a_job_he_is_not_on(sam, task):
    with pytest.raises(NotAllowed):
        time.start_timer(by=sam, task=task)


def test_cora_times_a_task_of_a_job_she_is_on(cora, job, task):
    a_task(job, cora, title="Headline")  # she is on the job through her own task
    assert time.start_timer(by=cora, task=task).user == cora


def test_a_done_task_or_a_cancelled_job_takes_no_timer(dan, job, task):
    Task.objects.filter(pk=task.pk).update(status=Task.Status.DONE)
    with pytest.raises(IllegalTransition, match="is done"):
        time.start_timer(by=dan, task=task)
    Task.objects.filter(pk=task.pk).update(status=Task.Status.TODO)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.CANCELLED)
    with pytest.raises(IllegalTransition, match="cancelled"):
        time.start_timer(by=dan, task=task)


# --- Time logged by hand --------------------------------------------------------------------


def test_dan_logs_time_on_his_task(dan, job, task):
    entry = time.log_time(
        by=dan, job=job, task=task, on=TODAY(), hours="2.25", billable=False, note="  Sketches "
    )
    assert (entry.hours, entry.billable, entry.note) == (Decimal("2.25"), False, "Sketches")
    event = Event.objects.get(verb="time.logged")
    assert event.audience == "internal" and event.client_id == job.client_id
    assert event.data["hours"] == "2.25" and "note" not in event.data
    assert event.personal == {"note": "Sketches"}


def test_a_day_holds_24_hours_and_the_refusal_says_how_many_are_booked(dan, job, task):
    time.log_time(by=dan, job=job, task=task, on=TODAY(), hours="20", billable=True)
    with pytest.raises(InvalidInput, match="20 hours booked that day already") as refused:
        time.log_time(by=dan, job=job, on=TODAY(), hours="4.5", billable=True)
    assert "at most 4 more" in refused.value.message
    assert refused.value.field == "hours"
    time.log_time(by=dan, job=job, on=TODAY(), hours="4", billable=True)
    assert TimeEntry.objects.filter(user=dan).count() == 2


@pytest.mark.parametrize(
    ("on", "hours", "field"),
    [
        (1, "1", "on"),  # tomorrow
        (-400, "1", "on"),  # over a year ago
        (0, "0", "hours"),
        (0, "-2", "hours"),
        (0, "25", "hours"),
        (0, "1.005", "hours"),
    ],
)
@pytest.mark.usefixtures("task")
def test_absurd_time_is_refused_clearly(dan, job, on, hours, field):
    with pytest.raises(InvalidInput) as refused:
        time.log_time(by=dan, job=job, on=TODAY() + timedelta(days=on), hours=hours, billable=True)
    assert refused.value.field == field
    assert not TimeEntry.objects.exists()


def test_a_note_is_bounded(dan, job, task):
    with pytest.raises(InvalidInput, match="300") as refused:
        time.log_time(by=dan, job=job, on=TODAY(), hours="1", billable=True, note="x" * 301)
    assert refused.value.field == "note"


def test_a_task_of_another_job_is_refused(dan, world, job, task):
    other = a_task(a_job(world, title="Other"), dan)
    with pytest.raises(InvalidInput, match="another job"):
        time.log_time(by=dan, job=job, task=other, on=TODAY(), hours="1", billable=True)


@pytest.mark.usefixtures("task")
def test_creatives_log_only_on_jobs_they_are_on_and_managers_on_jobs_they_see(world, job):
    dan, sam, alice, max = world.dan, world.sam, world.alice, world.max
    with pytest.raises(NotAllowed):
        time.log_time(by=sam, job=job, on=TODAY(), hours="1", billable=True)
    with pytest.raises(NotAllowed):
        time.log_time(by=max, job=job, on=TODAY(), hours="1", billable=True)
    assert time.log_time(by=alice, job=job, on=TODAY(), hours="1", billable=True).user == alice
    assert time.log_time(by=dan, job=job, on=TODAY(), hours="1", billable=True).user == dan


def test_contacts_never_book_time(carol, job):
    with pytest.raises(NotAllowed):
        time.log_time(by=carol, job=job, on=TODAY(), hours="1", billable=True)


# --- Changing and deleting ------------------------------------------------------------------


def _logged(dan, job, task, hours="2"):
    return time.log_time(by=dan, job=job, task=task, on=TODAY(), hours=hours, billable=True)


def test_dan_changes_his_entry_as_he_read_it(dan, job, task):
    entry = _logged(dan, job, task)
    changed = time.update_time_entry(
        by=dan,
        entry=entry,
        base=time.version_of(entry),
        on=TODAY() - timedelta(days=1),
        hours="3",
        billable=False,
        note="Revisions",
        task=None,
    )
    assert (changed.hours, changed.billable, changed.task) == (Decimal("3"), False, None)
    event = Event.objects.get(verb="time.changed")
    assert event.data["was_hours"] == "2.00" and event.data["hours"] == "3.00"


def test_a_change_based_on_an_older_read_is_a_conflict_that_names_what_it_is_now(dan, job, task):
    entry = _logged(dan, job, task)
    base = time.version_of(entry)
    time.update_time_entry(
        by=dan, entry=entry, base=base, on=TODAY(), hours="5", billable=True, task=task
    )
    with pytest.raises(Conflict, match="it is now 5 hours"):
        time.update_time_entry(by=dan, entry=entry, base=base, on=TODAY(), hours="1", billable=True)
    with pytest.raises(Conflict):
        time.delete_time_entry(by=dan, entry=entry, base=base)
    entry.refresh_from_db()
    assert entry.hours == Decimal("5")


def test_a_change_keeps_the_day_within_24_hours(dan, job, task):
    _logged(dan, job, task, hours="20")
    entry = _logged(dan, job, task, hours="2")
    with pytest.raises(InvalidInput, match="20 hours booked"):
        time.update_time_entry(
            by=dan,
            entry=entry,
            base=time.version_of(entry),
            on=TODAY(),
            hours="5",
            billable=True,
        )


def test_only_your_own_entries_change(dan, alice, job, task):
    entry = _logged(dan, job, task)
    with pytest.raises(NotAllowed):
        time.delete_time_entry(by=alice, entry=entry, base=time.version_of(entry))


def test_a_running_timer_is_stopped_before_it_is_changed_but_can_be_discarded(dan, task):
    entry = time.start_timer(by=dan, task=task)
    with pytest.raises(IllegalTransition, match="Stop the timer"):
        time.update_time_entry(
            by=dan,
            entry=entry,
            base=time.version_of(entry),
            on=TODAY(),
            hours="1",
            billable=True,
        )
    time.delete_time_entry(by=dan, entry=entry, base=time.version_of(entry))
    assert not TimeEntry.objects.exists()
    assert Event.objects.filter(verb="time.deleted").count() == 1
