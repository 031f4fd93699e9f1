"""Pure rules for jobs, deliverables and tasks: the transition tables, what clients read, working
days, capacity and dependencies. No ORM here."""

import math
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

# --- Deliverables -----------------------------------------------------------------------------

NOT_STARTED = "not_started"
IN_PRODUCTION = "in_production"
INTERNAL_REVIEW = "internal_review"
CLIENT_REVIEW = "client_review"
CHANGES_REQUESTED = "changes_requested"
APPROVED = "approved"
DELIVERED = "delivered"
PUBLISHED = "published"
ON_HOLD = "on_hold"
CANCELLED = "cancelled"

_PAUSE = {ON_HOLD, CANCELLED}
# Where each deliverable status may go. Going back to production from "approved" takes new
# content (a new version, from the reviews app), so it is not in this table: an approval never
# carries over to different content. "On hold" resumes to where it was held from.
DELIVERABLE_MOVES: dict[str, set[str]] = {
    NOT_STARTED: {IN_PRODUCTION} | _PAUSE,
    IN_PRODUCTION: {INTERNAL_REVIEW, NOT_STARTED} | _PAUSE,
    INTERNAL_REVIEW: {IN_PRODUCTION, CLIENT_REVIEW} | _PAUSE,
    CLIENT_REVIEW: {CHANGES_REQUESTED, APPROVED} | _PAUSE,
    CHANGES_REQUESTED: {IN_PRODUCTION, INTERNAL_REVIEW} | _PAUSE,
    APPROVED: {DELIVERED, PUBLISHED, CANCELLED},
    DELIVERED: {PUBLISHED},
    PUBLISHED: set(),
    ON_HOLD: {CANCELLED},  # and back to `held_from`: see deliverable_may_move
    CANCELLED: set(),
}
# Moves that only come with new content (a new version of the deliverable).
WITH_NEW_VERSION: dict[str, set[str]] = {
    APPROVED: {IN_PRODUCTION},
    CLIENT_REVIEW: {IN_PRODUCTION},
}
# What the client reads: never the internal steps, never who is doing what.
CLIENT_WORDS = {
    NOT_STARTED: "Planned",
    IN_PRODUCTION: "In production",
    INTERNAL_REVIEW: "In production",
    CLIENT_REVIEW: "Ready for your review",
    CHANGES_REQUESTED: "Changes in progress",
    APPROVED: "Approved",
    DELIVERED: "Delivered",
    PUBLISHED: "Published",
    ON_HOLD: "On hold",
    CANCELLED: "Cancelled",
}
# Not yet with the client for review, nor past it: the work is still the agency's to do.
BEFORE_REVIEW = {NOT_STARTED, IN_PRODUCTION, CHANGES_REQUESTED}
FINISHED = {APPROVED, DELIVERED, PUBLISHED, CANCELLED}


def deliverable_may_move(
    current: str, to: str, *, held_from: str = "", new_version: bool = False
) -> bool:
    if current == ON_HOLD and to == held_from and to:
        return True
    if new_version and to in WITH_NEW_VERSION.get(current, set()):
        return True
    return to in DELIVERABLE_MOVES.get(current, set())


def client_status(status: str) -> str:
    return CLIENT_WORDS.get(status, "In production")


# --- Tasks ------------------------------------------------------------------------------------

TODO = "todo"
DOING = "doing"
BLOCKED = "blocked"
DONE = "done"

TASK_MOVES: dict[str, set[str]] = {
    TODO: {DOING, BLOCKED, DONE},
    DOING: {TODO, BLOCKED, DONE},
    BLOCKED: {TODO, DOING, DONE},
    DONE: {DOING, TODO},  # reopened
}
OPEN_TASK = {TODO, DOING, BLOCKED}
# A task waiting on another cannot move into these until the other is done.
NEEDS_DEPENDENCY_DONE = {DOING, DONE}


def task_may_move(current: str, to: str) -> bool:
    return to in TASK_MOVES.get(current, set())


def creates_cycle(depends_on: Mapping[int, int | None], task: int, on: int) -> bool:
    """Whether making `task` depend on `on` closes a loop, given each task's current
    dependency (`depends_on[t]` is what t waits for). Walks at most len(depends_on) steps."""
    seen: set[int] = set()
    node: int | None = on
    while node is not None and node not in seen:
        if node == task:
            return True
        seen.add(node)
        node = depends_on.get(node)
    return False


# --- Jobs -------------------------------------------------------------------------------------

JOB_OPEN = "open"
JOB_ON_HOLD = "on_hold"
JOB_DONE = "done"
JOB_CANCELLED = "cancelled"
JOB_MOVES: dict[str, set[str]] = {
    JOB_OPEN: {JOB_DONE, JOB_ON_HOLD, JOB_CANCELLED},
    JOB_ON_HOLD: {JOB_OPEN, JOB_CANCELLED},
    JOB_DONE: set(),
    JOB_CANCELLED: set(),
}
# A job's status as the client reads it (and the jobs list shows it to everyone).
JOB_WORDS = {
    JOB_OPEN: "In progress",
    JOB_ON_HOLD: "On hold",
    JOB_DONE: "Delivered",
    JOB_CANCELLED: "Cancelled",
}


# --- Working days and capacity ----------------------------------------------------------------

Closed = AbstractSet[date]  # days nobody (or this person) works: holidays, time off
WORKING_WEEKDAYS = frozenset(range(5))  # Monday to Friday
MAX_DAYS_SPAN = 366  # the longest range any calendar sum walks, whatever it is asked


def week_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def is_working_day(day: date, closed: Closed = frozenset()) -> bool:
    return day.weekday() in WORKING_WEEKDAYS and day not in closed


def working_days_before(deadline: date, n: int, closed: Closed) -> date:
    """The working day `n` working days before `deadline` (0: the deadline itself, or the
    working day before it when it is not one)."""
    day = deadline
    while not is_working_day(day, closed):
        day -= timedelta(days=1)
    for _ in range(min(n, MAX_DAYS_SPAN)):
        day -= timedelta(days=1)
        while not is_working_day(day, closed):
            day -= timedelta(days=1)
    return day


def working_days_between(start: date, end: date, closed: Closed) -> list[date]:
    """The working days from `start` to `end`, both included (bounded to a year)."""
    days = []
    day = start
    last = min(end, start + timedelta(days=MAX_DAYS_SPAN))
    while day <= last:
        if is_working_day(day, closed):
            days.append(day)
        day += timedelta(days=1)
    return days


HOURS = Decimal("0.1")


def hours(value: Decimal) -> Decimal:
    return value.quantize(HOURS, rounding=ROUND_HALF_UP)


def week_capacity(weekly_hours: Decimal, monday: date, closed: Closed) -> Decimal:
    """A person's hours in the week of `monday`: their weekly hours, less a fifth for each
    working day they are away or the agency is closed."""
    days = sum(1 for i in range(5) if (monday + timedelta(days=i)) not in closed)
    return hours(weekly_hours * days / 5)


@dataclass(frozen=True)
class Booking:
    """Hours of a task to be worked, and the days they fall on."""

    estimate: Decimal
    starts_on: date | None
    due_on: date | None


def book(booking: Booking, closed: Closed, *, today: date) -> dict[date, Decimal]:
    """Which week each of a task's hours are booked in.

    With a start date, the estimate spreads evenly over the working days from the start (or
    today, if later) to the due date; without one, it falls in the week of the due date. A task
    with no due date is not booked in any week; a past-due task is booked in this week.
    """
    if booking.due_on is None or booking.estimate <= 0:
        return {}
    due = max(booking.due_on, today)
    start = max(booking.starts_on or due, today)
    start = min(start, due)
    days = working_days_between(start, due, closed) or [due]
    share = booking.estimate / len(days)
    weeks: dict[date, Decimal] = {}
    for day in days:
        weeks[week_of(day)] = weeks.get(week_of(day), Decimal(0)) + share
    return {week: hours(h) for week, h in weeks.items()}


def load(booked: Decimal, capacity: Decimal) -> str:
    """A cell's state on the workload page: "over" above capacity, "full" from 90 %, "away"
    for a week with no capacity, else "ok"."""
    if capacity <= 0:
        return "over" if booked > 0 else "away"
    if booked > capacity:
        return "over"
    return "full" if booked >= capacity * Decimal("0.9") else "ok"


def weeks_from(monday: date, count: int) -> list[date]:
    return [monday + timedelta(weeks=i) for i in range(max(0, min(count, 26)))]


def percent(part: Decimal, whole: Decimal) -> int:
    return 0 if whole <= 0 else math.floor(part * 100 / whole)


def sum_hours(values: Iterable[Decimal]) -> Decimal:
    return hours(sum(values, Decimal(0)))
