"""Pure rules of the board, the timeline and the overview."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from accord.work import board_rules, rules

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31))
closed_sets = st.frozensets(days, max_size=20)


def test_two_working_days_from_a_friday_is_tuesday():
    friday = date(2027, 3, 5)
    assert board_rules.at_risk_until(friday, frozenset()) == date(2027, 3, 9)


def test_a_public_holiday_counts_as_closed():
    friday, monday = date(2027, 3, 5), date(2027, 3, 8)
    assert board_rules.at_risk_until(friday, frozenset({monday})) == date(2027, 3, 10)


@given(days, st.integers(0, 10), closed_sets)
def test_working_days_after_lands_on_the_nth_working_day(day, n, closed):
    after = board_rules.working_days_after(day, n, closed)
    assert after >= day
    between = rules.working_days_between(day + timedelta(days=1), after, closed)
    assert len(between) == n
    if n:
        assert rules.is_working_day(after, closed)


@given(days, days, days)
def test_a_position_is_a_percentage_in_order(a, b, c):
    start, end = min(a, b), max(a, b)
    at = board_rules.position(c, start, end)
    assert 0 <= at <= 100
    if start < end and start <= c <= end:
        assert (
            board_rules.position(start, start, end) <= at <= board_rules.position(end, start, end)
        )


@given(days, days, st.none() | days, st.lists(days, max_size=5))
def test_the_axis_holds_today_and_is_bounded(today, started, deadline, dues):
    start, end = board_rules.axis(today, started, deadline, dues)
    assert start < end
    assert (end - start).days <= board_rules.MAX_AXIS_DAYS
    if (end - start).days < board_rules.MAX_AXIS_DAYS:
        assert start <= today


@given(days, days)
def test_mondays_are_mondays_within_the_axis(a, b):
    start, end = min(a, b), max(a, b)
    for monday in board_rules.mondays(start, end):
        assert monday.weekday() == 0
        assert start <= monday <= end


def test_late_and_at_risk():
    today = date(2027, 3, 3)
    until = date(2027, 3, 5)
    yesterday = today - timedelta(days=1)
    assert board_rules.deliverable_is_late("in_production", yesterday, today)
    assert not board_rules.deliverable_is_late("approved", yesterday, today)
    assert not board_rules.deliverable_is_late("in_production", today, today)
    assert board_rules.task_is_late("blocked", yesterday, today)
    assert not board_rules.task_is_late("done", yesterday, today)
    assert board_rules.deliverable_at_risk("not_started", until, today, until)
    assert not board_rules.deliverable_at_risk("client_review", until, today, until)
    assert not board_rules.deliverable_at_risk("in_production", until + timedelta(1), today, until)
    assert board_rules.task_at_risk("todo", today, today, until)
    assert not board_rules.task_at_risk("done", today, today, until)
