"""The pure rules of the work: transition tables, client words, dependencies, working days and
how a task's hours fall into weeks."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.work import rules
from accord.work.models import Deliverable, Task

D = rules


@pytest.mark.parametrize(
    ("current", "to", "allowed"),
    [
        (D.NOT_STARTED, D.IN_PRODUCTION, True),
        (D.IN_PRODUCTION, D.INTERNAL_REVIEW, True),
        (D.INTERNAL_REVIEW, D.CLIENT_REVIEW, True),
        (D.INTERNAL_REVIEW, D.IN_PRODUCTION, True),
        (D.CLIENT_REVIEW, D.CHANGES_REQUESTED, True),
        (D.CLIENT_REVIEW, D.APPROVED, True),
        (D.CHANGES_REQUESTED, D.IN_PRODUCTION, True),
        (D.APPROVED, D.DELIVERED, True),
        (D.APPROVED, D.PUBLISHED, True),
        (D.DELIVERED, D.PUBLISHED, True),
        (D.NOT_STARTED, D.ON_HOLD, True),
        (D.APPROVED, D.IN_PRODUCTION, False),  # only with a new version
        (D.NOT_STARTED, D.APPROVED, False),
        (D.IN_PRODUCTION, D.CLIENT_REVIEW, False),  # internal review comes first
        (D.PUBLISHED, D.DELIVERED, False),
        (D.CANCELLED, D.IN_PRODUCTION, False),
        (D.APPROVED, D.ON_HOLD, False),
    ],
)
def test_deliverable_moves(current: str, to: str, allowed: bool) -> None:
    assert rules.deliverable_may_move(current, to) is allowed


def test_an_approved_deliverable_goes_back_to_production_only_with_a_new_version() -> None:
    assert not rules.deliverable_may_move(D.APPROVED, D.IN_PRODUCTION)
    assert rules.deliverable_may_move(D.APPROVED, D.IN_PRODUCTION, new_version=True)


def test_on_hold_resumes_where_it_was_held_and_nowhere_else() -> None:
    held = D.INTERNAL_REVIEW
    assert rules.deliverable_may_move(D.ON_HOLD, held, held_from=held)
    assert not rules.deliverable_may_move(D.ON_HOLD, D.APPROVED, held_from=held)
    assert not rules.deliverable_may_move(D.ON_HOLD, D.IN_PRODUCTION, held_from="")


def test_every_status_is_in_the_tables_and_has_client_words() -> None:
    assert set(rules.DELIVERABLE_MOVES) == set(Deliverable.Status.values)
    assert set(rules.CLIENT_WORDS) == set(Deliverable.Status.values)
    assert set(rules.TASK_MOVES) == set(Task.Status.values)
    for targets in rules.DELIVERABLE_MOVES.values():
        assert targets <= set(Deliverable.Status.values)


def test_clients_never_read_internal_steps() -> None:
    assert rules.client_status(D.INTERNAL_REVIEW) == "In production"
    assert rules.client_status(D.CLIENT_REVIEW) == "Ready for your review"
    assert rules.client_status(D.APPROVED) == "Approved"
    assert "internal" not in " ".join(rules.CLIENT_WORDS.values()).lower()


@pytest.mark.parametrize(
    ("current", "to", "allowed"),
    [
        ("todo", "doing", True),
        ("doing", "blocked", True),
        ("blocked", "doing", True),
        ("doing", "done", True),
        ("done", "doing", True),
        ("done", "blocked", False),
        ("todo", "todo", False),
    ],
)
def test_task_moves(current: str, to: str, allowed: bool) -> None:
    assert rules.task_may_move(current, to) is allowed


def test_a_dependency_loop_is_found() -> None:
    waits = {1: 2, 2: 3, 3: None, 4: None}
    assert rules.creates_cycle(waits, 3, 1)  # 3 → 1 → 2 → 3
    assert not rules.creates_cycle(waits, 4, 1)
    assert rules.creates_cycle(waits, 1, 1)


@given(st.dictionaries(st.integers(1, 30), st.one_of(st.none(), st.integers(1, 30)), max_size=30))
def test_cycle_check_always_ends_and_agrees_with_a_walk(waits: dict[int, int | None]) -> None:
    for task in list(waits)[:5]:
        for on in list(waits)[:5]:
            result = rules.creates_cycle(waits, task, on)
            # Walk from `on` by hand, with a step limit, to see whether `task` is reached.
            node, reached = on, False
            for _ in range(len(waits) + 2):
                if node == task:
                    reached = True
                    break
                if node is None:
                    break
                node = waits.get(node)
            assert result is reached


MONDAY = date(2026, 12, 7)


def test_working_days_before_skip_weekends_and_closed_days() -> None:
    friday = MONDAY + timedelta(days=4)
    assert rules.working_days_before(friday, 0, set()) == friday
    assert rules.working_days_before(friday, 4, set()) == MONDAY
    assert rules.working_days_before(friday, 5, set()) == MONDAY - timedelta(days=3)
    assert rules.working_days_before(friday + timedelta(days=1), 0, set()) == friday  # a Saturday
    assert rules.working_days_before(friday, 1, {friday - timedelta(days=1)}) == MONDAY + timedelta(
        days=2
    )


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(0, 40))
def test_working_days_before_lands_on_a_working_day(deadline: date, n: int) -> None:
    day = rules.working_days_before(deadline, n, set())
    assert day.weekday() < 5
    assert day <= deadline
    assert len(rules.working_days_between(day, deadline, set())) in (n + 1, n)


def test_a_week_loses_a_fifth_per_day_away() -> None:
    assert rules.week_capacity(Decimal("37.5"), MONDAY, set()) == Decimal("37.5")
    away = {MONDAY, MONDAY + timedelta(days=1)}
    assert rules.week_capacity(Decimal("37.5"), MONDAY, away) == Decimal("22.5")


def test_a_task_without_start_is_booked_in_its_due_week() -> None:
    due = MONDAY + timedelta(days=3)
    booked = rules.book(rules.Booking(Decimal(10), None, due), set(), today=MONDAY)
    assert booked == {MONDAY: Decimal("10.0")}


def test_a_task_with_a_start_spreads_over_its_working_days() -> None:
    start, due = MONDAY + timedelta(days=3), MONDAY + timedelta(days=8)  # Thu → next Tue
    booked = rules.book(rules.Booking(Decimal(8), start, due), set(), today=MONDAY)
    assert booked == {MONDAY: Decimal("4.0"), MONDAY + timedelta(weeks=1): Decimal("4.0")}


def test_a_late_task_is_booked_this_week_and_an_undated_one_nowhere() -> None:
    today = MONDAY + timedelta(weeks=2)
    assert rules.book(rules.Booking(Decimal(5), None, MONDAY), set(), today=today) == {
        today: Decimal("5.0")
    }
    assert rules.book(rules.Booking(Decimal(5), None, None), set(), today=today) == {}


@given(
    st.decimals(0, 500, places=2),
    st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    st.integers(0, 60),
)
def test_booking_keeps_the_hours(estimate: Decimal, due: date, span: int) -> None:
    start = due - timedelta(days=span)
    booked = rules.book(rules.Booking(estimate, start, due), set(), today=date(2026, 1, 1))
    total = sum(booked.values(), Decimal(0))
    assert abs(total - estimate) <= Decimal("0.05") * max(1, len(booked))
    assert all(week.weekday() == 0 for week in booked)


@pytest.mark.parametrize(
    ("booked", "capacity", "state"),
    [(0, 37.5, "ok"), (34, 37.5, "full"), (41.5, 37.5, "over"), (0, 0, "away"), (2, 0, "over")],
)
def test_load_states(booked: float, capacity: float, state: str) -> None:
    assert rules.load(Decimal(str(booked)), Decimal(str(capacity))) == state
