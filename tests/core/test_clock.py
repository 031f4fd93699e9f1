"""Waiting-on clocks in business hours: worked examples, clock changes, holidays, long targets,
and the properties that tie business time, due dates, cut-offs and states together."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accord.core import clock
from accord.core.clock import BusinessHours, business_time, cutoff, due_at, state

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = frozenset(range(5))
OFFICE = BusinessHours(opens=time(9), closes=time(17, 30), days=WEEKDAYS, zone=LONDON)
H = timedelta(hours=1)
US = timedelta(microseconds=1)


def at(*args: int, zone: ZoneInfo = LONDON) -> datetime:
    return datetime(*args, tzinfo=zone)


def with_holidays(*days: date, week: BusinessHours = OFFICE) -> BusinessHours:
    return BusinessHours(
        opens=week.opens, closes=week.closes, days=week.days, zone=week.zone, holidays=set(days)
    )


# --- Worked examples (09:00-17:30, Monday to Friday, London) ---------------------------------

FRIDAY_4PM = at(2026, 3, 6, 16)  # Friday 6 March 2026


@pytest.mark.parametrize(
    ("since", "target", "due"),
    [
        (FRIDAY_4PM, 4, at(2026, 3, 9, 11, 30)),  # Friday 16:00 + 4 h → Monday 11:30
        (FRIDAY_4PM, 1.5, at(2026, 3, 6, 17, 30)),  # exactly to the close: Friday 17:30
        (at(2026, 3, 7, 10), 2, at(2026, 3, 9, 11)),  # a Saturday: starts Monday 09:00
        (at(2026, 3, 9, 7, 45), 1, at(2026, 3, 9, 10)),  # before opening
        (at(2026, 3, 6, 18), 1, at(2026, 3, 9, 10)),  # Friday after closing
        (at(2026, 3, 9, 9), 40, at(2026, 3, 13, 15)),  # four days of 8.5 h, then 6 h
        (at(2026, 3, 9, 9), 100, at(2026, 3, 24, 15, 30)),  # more than two weeks
    ],
)
def test_due_at_counts_only_business_hours(since, target, due):
    assert due_at(since, target, hours=OFFICE) == due
    assert business_time(since, due, hours=OFFICE) == target * H


def test_a_public_holiday_is_skipped():
    easter_monday = date(2026, 4, 6)
    week = with_holidays(easter_monday)
    assert due_at(at(2026, 4, 3, 16), 4, hours=week) == at(2026, 4, 7, 11, 30)
    assert business_time(at(2026, 4, 3, 17), at(2026, 4, 7, 10), hours=week) == 1.5 * H
    # A holiday on a Saturday closes nothing more.
    assert due_at(FRIDAY_4PM, 4, hours=with_holidays(date(2026, 3, 7))) == at(2026, 3, 9, 11, 30)


def test_a_fortnight_of_holidays_and_a_target_of_weeks():
    christmas = [date(2026, 12, 21) + timedelta(days=n) for n in range(14)]
    week = with_holidays(*christmas)
    due = due_at(at(2026, 12, 18, 9), 170, hours=week)  # 20 business days of 8.5 h
    assert due == at(2027, 1, 28, 17, 30)
    assert business_time(at(2026, 12, 18, 9), due, hours=week) == 170 * H


def test_the_state_is_ok_then_near_from_three_quarters_then_breached():
    assert state(FRIDAY_4PM, 4, at(2026, 3, 9, 10), hours=OFFICE).state == clock.OK  # 2.5 h
    near = state(FRIDAY_4PM, 4, at(2026, 3, 9, 10, 30), hours=OFFICE)  # 3 h: 75 %
    assert (near.state, near.waited, near.used) == (clock.NEAR, 3 * H, 0.75)
    assert state(FRIDAY_4PM, 4, at(2026, 3, 9, 11, 29), hours=OFFICE).state == clock.NEAR
    breached = state(FRIDAY_4PM, 4, at(2026, 3, 9, 11, 30), hours=OFFICE)
    assert (breached.state, breached.due_at) == (clock.BREACHED, at(2026, 3, 9, 11, 30))
    # Over a weekend nothing moves: Friday's close and Monday's opening read the same.
    assert state(FRIDAY_4PM, 4, at(2026, 3, 8, 23), hours=OFFICE).waited == 1.5 * H


def test_the_cutoff_is_the_latest_since_already_breached():
    monday = at(2026, 3, 9, 11, 30)
    assert cutoff(monday, 4, hours=OFFICE) == FRIDAY_4PM
    # At Monday's opening, 1.5 h back is Friday 16:00; 8.5 h back is Friday's opening.
    assert cutoff(at(2026, 3, 9, 9), 1.5, hours=OFFICE) == FRIDAY_4PM
    assert cutoff(at(2026, 3, 9, 9), 8.5, hours=OFFICE) == at(2026, 3, 6, 9)
    # On a Sunday, the cutoff is as on Friday at closing.
    assert cutoff(at(2026, 3, 8, 12), 1, hours=OFFICE) == at(2026, 3, 6, 16, 30)


def test_only_a_wait_on_the_agency_with_a_target_has_a_response_clock():
    now = at(2026, 3, 9, 12)
    on = {"since": FRIDAY_4PM, "now": now, "hours": OFFICE}
    reading = clock.response(waiting_on="agency", target_hours=4, **on)
    assert reading is not None and reading.state == clock.BREACHED
    assert clock.response(waiting_on="client", target_hours=4, **on) is None
    assert clock.response(waiting_on="nobody", target_hours=4, **on) is None
    assert clock.response(waiting_on="agency", target_hours=0, **on) is None
    assert clock.response(waiting_on="agency", target_hours=None, **on) is None
    assert clock.response_due(None) == (None, "none")
    assert clock.response_due(clock.response(waiting_on="agency", target_hours=8, **on)) == (
        at(2026, 3, 9, 15, 30),  # 1.5 h on Friday, 6.5 h on Monday; 4.5 h used by noon
        clock.OK,
    )


def test_times_must_be_aware_and_targets_positive():
    with pytest.raises(ValueError, match="aware"):
        due_at(datetime(2026, 3, 6, 16), 4, hours=OFFICE)
    for target in (0, -1, float("nan"), float("inf"), 10**9):
        with pytest.raises(ValueError, match="target"):
            due_at(FRIDAY_4PM, target, hours=OFFICE)


# --- Clock changes --------------------------------------------------------------------------


def test_a_wait_over_the_clocks_going_forward_at_night_counts_the_same_hours():
    # The clocks go forward early on Sunday 29 March 2026: business hours are untouched.
    since = at(2026, 3, 27, 16)
    due = due_at(since, 4, hours=OFFICE)
    assert due == at(2026, 3, 30, 11, 30)
    assert due.utcoffset() == timedelta(0)  # given in UTC…
    assert due.astimezone(LONDON).utcoffset() == H  # …it is 11:30 summer time
    assert cutoff(due, 4, hours=OFFICE) == since


def test_a_clock_change_inside_business_hours_shortens_or_lengthens_that_day():
    always = BusinessHours(
        opens=time(0), closes=time(23, 59), days=frozenset(range(7)), zone=LONDON
    )
    spring, autumn = date(2026, 3, 29), date(2026, 10, 25)
    assert always.window(spring) is not None
    opens, closes = always.window(spring)
    assert closes - opens == timedelta(hours=22, minutes=59)
    opens, closes = always.window(autumn)
    assert closes - opens == timedelta(hours=24, minutes=59)
    # Saturday noon to Monday noon, across the spring change: 11:59 + 22:59 + 12:00.
    assert business_time(at(2026, 3, 28, 12), at(2026, 3, 30, 12), hours=always) == timedelta(
        hours=46, minutes=58
    )
    # The same across several weeks still counts each change once.
    assert business_time(at(2026, 3, 1), at(2026, 11, 1), hours=always) == business_time(
        at(2026, 3, 1), at(2026, 3, 29), hours=always
    ) + business_time(at(2026, 3, 29), at(2026, 11, 1), hours=always)


def test_early_morning_hours_in_new_york_lose_the_hour_the_clocks_skip():
    night = BusinessHours(opens=time(1), closes=time(5), days=frozenset(range(7)), zone=NEW_YORK)
    # 8 March 2026: 02:00 does not exist, so 01:00-05:00 lasts three hours.
    saturday, sunday = at(2026, 3, 7, 1, zone=NEW_YORK), at(2026, 3, 8, 1, zone=NEW_YORK)
    assert business_time(saturday, saturday + timedelta(days=2), hours=night) == 4 * H + 3 * H
    assert due_at(sunday, 3, hours=night) == at(2026, 3, 8, 5, zone=NEW_YORK)
    assert due_at(sunday, 3.5, hours=night) == at(2026, 3, 9, 1, 30, zone=NEW_YORK)


# --- Settings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "opens", "closes"),
    [("09:00-17:30", time(9), time(17, 30)), (" 8:15 - 16:45 ", time(8, 15), time(16, 45))],
)
def test_business_hours_are_read_from_their_setting(text, opens, closes):
    assert clock.parse_hours(text) == (opens, closes)


@pytest.mark.parametrize(
    "text",
    ["", "9-5", "09:00", "17:30-09:00", "09:00-09:00", "24:00-25:00", "09:60-17:00", "9am-5pm"],
)
def test_unclear_business_hours_are_refused(text):
    with pytest.raises(ValueError, match=r"must .*(09:00-17:30|00:00 and 23:59)"):
        clock.parse_hours(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("Mon,Wed,FRI", {0, 2, 4}),
        ("sun-thu", {6, 0, 1, 2, 3}),
        ("fri-mon", {4, 5, 6, 0}),
        ("monday-friday, saturday", {0, 1, 2, 3, 4, 5}),
    ],
)
def test_business_days_are_read_from_their_setting(text, days):
    assert clock.parse_days(text) == days


@pytest.mark.parametrize("text", ["", ",", "weekdays", "mon-", "mon–fri", "mon fri", "1-5"])
def test_unclear_business_days_are_refused(text):
    with pytest.raises(ValueError, match="mon-fri"):
        clock.parse_days(text)


def test_the_agency_hours_come_from_settings_and_the_registered_holidays(settings):
    settings.BUSINESS_HOURS = (time(8), time(16))
    settings.BUSINESS_DAYS = frozenset({0, 1, 2, 3})
    settings.TIME_ZONE = "Europe/London"
    clock.remember_holidays([date(2026, 3, 9)])
    week = clock.agency_hours()
    assert (week.opens, week.closes, week.days, week.holidays) == (
        time(8),
        time(16),
        frozenset({0, 1, 2, 3}),
        frozenset({date(2026, 3, 9)}),
    )
    assert due_at(at(2026, 3, 5, 15), 2) == at(2026, 3, 10, 9)  # Thursday → Tuesday


def test_holidays_are_read_once_a_minute_and_again_when_forgotten(monkeypatch):
    reads: list[int] = []

    def source() -> list[date]:
        reads.append(1)
        return [date(2026, 12, 25)]

    monkeypatch.setattr(clock, "_sources", [])
    clock.register_holidays(source)
    assert clock.holidays() == {date(2026, 12, 25)}
    assert clock.holidays() == {date(2026, 12, 25)}
    assert len(reads) == 1
    clock.forget_holidays()
    clock.holidays()
    assert len(reads) == 2
    clock.remember_holidays([], seconds=-1)  # as if a minute had passed
    clock.holidays()
    assert len(reads) == 3


# --- Properties -----------------------------------------------------------------------------

ZONES = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/Santiago",  # clocks change at midnight
    "Australia/Lord_Howe",  # by half an hour
]


@st.composite
def weeks(draw: st.DrawFn) -> BusinessHours:
    opens = draw(st.integers(0, 23 * 60 - 1))
    closes = draw(st.integers(opens + 1, 23 * 60 + 59))
    days = draw(st.sets(st.integers(0, 6), min_size=1))
    holidays = draw(st.sets(st.dates(date(2025, 12, 1), date(2027, 2, 1)), max_size=30))
    return BusinessHours(
        opens=time(*divmod(opens, 60)),
        closes=time(*divmod(closes, 60)),
        days=frozenset(days),
        zone=ZoneInfo(draw(st.sampled_from(ZONES))),
        holidays=frozenset(holidays),
    )


moments = st.datetimes(datetime(2026, 1, 1), datetime(2026, 12, 31), timezones=st.just(UTC))
targets = st.integers(1, 300 * 60).map(lambda minutes: timedelta(minutes=minutes))


@settings(max_examples=300, deadline=None)
@given(weeks(), moments, moments, moments)
def test_business_time_grows_with_the_wait_adds_up_and_never_exceeds_it(week, a, b, c):
    a, b, c = sorted((a, b, c))
    ab, bc, ac = (business_time(x, y, hours=week) for x, y in ((a, b), (b, c), (a, c)))
    assert ab + bc == ac
    assert timedelta(0) <= ab <= b - a
    assert business_time(b, a, hours=week) == timedelta(0)


@settings(max_examples=300, deadline=None)
@given(weeks(), moments, targets)
def test_due_at_is_the_first_moment_the_target_is_reached(week, since, target):
    due = due_at(since, target, hours=week)
    assert due > since
    assert business_time(since, due, hours=week) == target
    assert business_time(since, due - US, hours=week) < target


@settings(max_examples=300, deadline=None)
@given(weeks(), moments, moments)
def test_due_at_undoes_business_time(week, since, later):
    waited = business_time(since, later, hours=week)
    assume(waited > timedelta(0))
    due = due_at(since, waited, hours=week)
    assert due <= later
    assert business_time(since, due, hours=week) == waited


@settings(max_examples=300, deadline=None)
@given(weeks(), moments, moments, targets)
def test_a_clock_is_breached_exactly_when_it_started_by_the_cutoff(week, since, now, target):
    limit = cutoff(now, target, hours=week)
    reading = state(since, target, now, hours=week)
    assert (reading.state == clock.BREACHED) == (since <= limit)
    assert (reading.state == clock.BREACHED) == (now >= reading.due_at)
    assert business_time(limit, now, hours=week) == target
    assert business_time(limit + US, now, hours=week) < target
    near = reading.state != clock.OK
    assert near == (since <= cutoff(now, target * clock.NEAR_SHARE, hours=week))
