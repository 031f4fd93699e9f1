"""Pure rules of capacity: days away, the weeks a task concerns, cells and warnings."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from accord.work import capacity_rules as cr
from accord.work import rules

MONDAY = date(2026, 12, 14)
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
small_hours = st.decimals(min_value=0, max_value=200, places=1)


def test_closed_days_are_time_off_and_holidays_within_the_range():
    away = cr.Away(date(2026, 12, 15), date(2026, 12, 17))
    closed = cr.closed_days(
        [away], [date(2026, 12, 25), date(2027, 5, 1)], MONDAY, date(2026, 12, 31)
    )
    assert closed == {
        date(2026, 12, 15),
        date(2026, 12, 16),
        date(2026, 12, 17),
        date(2026, 12, 25),
    }


@given(days, st.integers(0, 40), days, st.integers(0, 60))
def test_days_of_stay_inside_both_ranges(start, length, lo, span):
    away = cr.Away(start, start + timedelta(days=length))
    hi = lo + timedelta(days=span)
    found = cr.days_of(away, lo, hi)
    assert all(lo <= d <= hi and away.starts_on <= d <= away.ends_on for d in found)
    overlap = (min(away.ends_on, hi) - max(away.starts_on, lo)).days + 1
    assert len(found) == max(0, overlap)


@given(days, st.lists(days, max_size=20))
def test_working_days_in_a_week_are_at_most_five(day, others):
    monday = rules.week_of(day)
    assert 0 <= cr.working_days_in_week(monday, [*others, day]) <= 5


@given(st.one_of(st.none(), days), days, days)
def test_concerned_weeks_cover_every_week_a_task_is_booked_in(starts_on, due_on, today):
    if starts_on is not None and starts_on > due_on:
        starts_on, due_on = due_on, starts_on
    weeks = cr.concerned_weeks(starts_on, due_on, today=today)
    assert 1 <= len(weeks) <= cr.MAX_WEEKS
    assert all(w.weekday() == 0 for w in weeks)
    assert weeks == sorted(weeks)
    booked = rules.book(rules.Booking(Decimal(10), starts_on, due_on), set(), today=today)
    if len(weeks) < cr.MAX_WEEKS:
        assert set(booked) <= set(weeks)


def test_a_past_due_task_concerns_this_week():
    today = date(2026, 12, 16)
    assert cr.concerned_weeks(None, date(2026, 11, 2), today=today) == [MONDAY]


def test_task_window_reads_past_due_tasks_only_when_this_week_is_shown():
    today = date(2026, 12, 16)
    assert cr.task_window(MONDAY, 2, today=today) == (None, date(2026, 12, 27))
    later = MONDAY + timedelta(weeks=3)
    assert cr.task_window(later, 1, today=today) == (later, later + timedelta(days=6))


@given(small_hours, st.lists(st.tuples(st.integers(0, 3), small_hours), max_size=10))
def test_a_cell_holds_the_sum_of_the_bookings_in_its_week(weekly, bookings):
    weeks = cr.build_weeks(
        rules.weeks_from(MONDAY, 4), weekly_hours=weekly, closed=set(), away_days=set()
    )
    for offset, hours in bookings:
        cr.add_booking(weeks, {MONDAY + timedelta(weeks=offset): hours})
    for monday, week in weeks.items():
        expected = sum(
            (h for o, h in bookings if MONDAY + timedelta(weeks=o) == monday), Decimal(0)
        )
        cell = cr.cell_of(monday, week)
        assert cell.booked == rules.hours(expected)
        assert cell.capacity == rules.hours(weekly)
        assert cell.state == rules.load(cell.booked, cell.capacity)


def test_bookings_outside_the_weeks_shown_are_left_out():
    weeks = cr.build_weeks([MONDAY], weekly_hours=Decimal("37.5"), closed=set(), away_days=set())
    cr.add_booking(weeks, {MONDAY + timedelta(weeks=1): Decimal(8), MONDAY: Decimal(4)}, task=7)
    assert weeks[MONDAY].booked == 4
    assert weeks[MONDAY].tasks == [7]


def test_a_week_away_has_no_capacity_and_says_so():
    away = {MONDAY + timedelta(days=i) for i in range(5)}
    weeks = cr.build_weeks([MONDAY], weekly_hours=Decimal("37.5"), closed=away, away_days=away)
    cell = cr.cell_of(MONDAY, weeks[MONDAY])
    assert (cell.capacity, cell.state, cell.days_away, cell.days_closed) == (0, "away", 5, 0)


def test_holidays_count_as_closed_not_away():
    christmas = {date(2026, 12, 25)}
    weeks = cr.build_weeks(
        [date(2026, 12, 21)], weekly_hours=Decimal("37.5"), closed=christmas, away_days=set()
    )
    cell = cr.cell_of(date(2026, 12, 21), weeks[date(2026, 12, 21)])
    assert (cell.capacity, cell.days_away, cell.days_closed) == (Decimal("30.0"), 0, 1)


def test_words():
    assert cr.day_label(MONDAY) == "14 Dec"
    assert cr.range_label(date(2026, 12, 15), date(2026, 12, 17)) == "15–17 Dec"
    assert cr.range_label(date(2026, 12, 30), date(2027, 1, 2)) == "30 Dec–2 Jan"
    assert cr.range_label(MONDAY, MONDAY) == "14 Dec"
    assert cr.hours_label(Decimal("41.5")) == "41.5 h"
    assert cr.hours_label(Decimal("40")) == "40 h"


def test_warnings_name_the_overbooked_week_the_absence_and_the_closure():
    over = cr.Cell(MONDAY, Decimal("41.5"), Decimal("37.5"), "over")
    fine = cr.Cell(MONDAY + timedelta(weeks=1), Decimal(10), Decimal("30"), "ok")
    warnings = cr.warnings_for(
        [over, fine],
        aways=[cr.Away(date(2026, 12, 15), date(2026, 12, 17), "holiday", "holiday")],
        holidays={date(2026, 12, 25): "Christmas Day", date(2027, 1, 1): "New Year's Day"},
        start=MONDAY,
        end=date(2026, 12, 28),
    )
    assert warnings == [
        "over-booked in the week of 14 Dec (41.5 h of 37.5 h)",
        "away 15–17 Dec (holiday)",
        "agency closed 25 Dec (Christmas Day)",
    ]


def test_time_off_outside_the_task_is_no_warning():
    assert (
        cr.warnings_for(
            [],
            aways=[cr.Away(date(2027, 2, 1), date(2027, 2, 5))],
            holidays={},
            start=MONDAY,
            end=date(2026, 12, 18),
        )
        == []
    )


@given(days, st.integers(-5, 400), st.lists(st.tuples(days, st.integers(0, 30)), max_size=5))
def test_time_off_problem(starts_on, length, existing):
    ends_on = starts_on + timedelta(days=length)
    ranges = [(s, s + timedelta(days=n)) for s, n in existing]
    problem = cr.time_off_problem(starts_on, ends_on, ranges)
    overlaps = any(s <= ends_on and starts_on <= e for s, e in ranges)
    if length < 0:
        assert problem == ("The last day comes before the first day.", "ends_on")
    elif length + 1 > cr.MAX_TIME_OFF_DAYS:
        assert problem is not None and problem[1] == "ends_on"
    elif overlaps:
        assert problem is not None and "overlaps" in problem[0]
    else:
        assert problem is None


@given(
    st.decimals(min_value=0, max_value=300, places=2),
    st.one_of(st.none(), days),
    st.one_of(st.none(), days),
    st.sets(days, max_size=30),
    days,
)
def test_booked_weeks_books_as_the_rule_does(estimate, starts_on, due_on, closed, today):
    booking = rules.Booking(estimate, starts_on, due_on)
    assert cr.booked_weeks(booking, closed, today=today) == rules.book(booking, closed, today=today)


def test_booked_weeks_spreads_over_the_working_days_left():
    closed = {date(2026, 12, 21)}
    booking = rules.Booking(Decimal(10), date(2026, 12, 17), date(2026, 12, 23))
    assert cr.booked_weeks(booking, closed, today=MONDAY) == {
        MONDAY: Decimal("5.0"),
        date(2026, 12, 21): Decimal("5.0"),
    }
