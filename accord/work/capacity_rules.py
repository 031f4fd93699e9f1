"""Pure rules of capacity: days away, the weeks a task concerns, what a week's cell says and the
warnings a candidate carries. No ORM here; `rules.py` holds the arithmetic they build on."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from accord.work import rules

MAX_TIME_OFF_DAYS = 366  # one request covers a year at most
MAX_WEEKS = 26
ONE_DAY = timedelta(days=1)
# Estimates take a handful of values: round each once.
rounded = lru_cache(maxsize=1024)(rules.hours)


@dataclass(frozen=True)
class Away:
    """A person's time off: both ends included."""

    starts_on: date
    ends_on: date
    kind: str = "holiday"
    label: str = "holiday"


@dataclass(frozen=True)
class Cell:
    """One person's week: booked hours against capacity, its state and the days away."""

    week: date
    booked: Decimal
    capacity: Decimal
    state: str
    days_away: int = 0
    days_closed: int = 0


@dataclass
class Week:
    """What a person's week is made of before it becomes a cell."""

    capacity: Decimal
    booked: Decimal = Decimal(0)
    days_away: int = 0
    days_closed: int = 0
    tasks: list[int] = field(default_factory=list)


def days_of(away: Away, lo: date, hi: date) -> set[date]:
    """The days of `away` between `lo` and `hi` (both included)."""
    start, end = max(away.starts_on, lo), min(away.ends_on, hi)
    return (
        {start + timedelta(days=i) for i in range((end - start).days + 1)}
        if start <= end
        else set()
    )


def closed_days(aways: Iterable[Away], holidays: Iterable[date], lo: date, hi: date) -> set[date]:
    """Every day between `lo` and `hi` a person does not work for the agency: their time off
    and the agency's public holidays."""
    days = {d for d in holidays if lo <= d <= hi}
    for away in aways:
        days |= days_of(away, lo, hi)
    return days


def working_days_in_week(monday: date, days: Iterable[date]) -> int:
    """How many of `days` are working days (Monday to Friday) of the week of `monday`."""
    friday = monday + timedelta(days=4)
    return sum(1 for d in set(days) if monday <= d <= friday)


def concerned_weeks(starts_on: date | None, due_on: date, *, today: date) -> list[date]:
    """The Mondays of the weeks a task's hours may fall in (see `rules.book`): from its start
    (or today, if later) to its due date (or this week, if past due), at most `MAX_WEEKS`."""
    due = max(due_on, today)
    start = min(max(starts_on or due, today), due)
    first, last = rules.week_of(start), rules.week_of(due)
    count = (last - first).days // 7 + 1
    return rules.weeks_from(first, min(count, MAX_WEEKS))


def task_window(first_week: date, weeks: int, *, today: date) -> tuple[date | None, date]:
    """Which open tasks can book hours in `weeks` weeks from `first_week`: those due on or
    after the first returned date (None: any, as a past-due task books into this week) whose
    start or due date is on or before the second."""
    last_day = first_week + timedelta(weeks=weeks, days=-1)
    return (None if first_week <= today else first_week), last_day


def build_weeks(
    mondays: list[date],
    *,
    weekly_hours: Decimal,
    closed: set[date],
    away_days: set[date],
) -> dict[date, Week]:
    """A person's weeks before booking: capacity and the working days away or closed."""
    return {
        monday: Week(
            capacity=rules.week_capacity(weekly_hours, monday, closed),
            days_away=working_days_in_week(monday, away_days),
            days_closed=working_days_in_week(monday, closed - away_days),
        )
        for monday in mondays
    }


def one_week(starts_on: date | None, due_on: date, *, today: date) -> date | None:
    """The Monday of the one week all of a task's hours fall in, when it has no start date
    (or one not before its due date): the week it is due, or this week if past due."""
    due = due_on if due_on > today else today
    if starts_on is None or starts_on >= due or today >= due:
        return due - timedelta(days=due.weekday())
    return None


def booked_weeks(booking: rules.Booking, closed: set[date], *, today: date) -> dict[date, Decimal]:
    """`rules.book`, answered at once for the usual task with no start date (or one not
    before its due date): all its hours in the week it is due (this week, if past due)."""
    if booking.due_on is None or booking.estimate <= 0:
        return {}
    due = max(booking.due_on, today)
    single = one_week(booking.starts_on, booking.due_on, today=today)
    if single is not None or booking.starts_on is None:
        return {single or rules.week_of(due): rounded(booking.estimate)}
    # The same spread as `rules.book`, counted per week rather than added up day by day.
    day = min(max(booking.starts_on, today), due)
    last = min(due, day + timedelta(days=rules.MAX_DAYS_SPAN))
    per_week: dict[date, int] = {}
    monday = rules.week_of(day)
    while day <= last:
        if day.weekday() < 5 and day not in closed:
            per_week[monday] = per_week.get(monday, 0) + 1
        day += ONE_DAY
        if day.weekday() == 0:
            monday = day
    if not per_week:
        return {rules.week_of(due): rules.hours(booking.estimate)}
    share = booking.estimate / sum(per_week.values())
    return {week: rules.hours(share * n) for week, n in per_week.items()}


def add_booking(weeks: dict[date, Week], booked: Mapping[date, Decimal], task: int = 0) -> None:
    """Add a task's booked hours (from `rules.book`) to the weeks shown."""
    for monday, hours in booked.items():
        week = weeks.get(monday)
        if week is not None and hours > 0:
            week.booked += hours
            if task:
                week.tasks.append(task)


def cell_of(monday: date, week: Week) -> Cell:
    booked = rules.hours(week.booked)
    return Cell(
        week=monday,
        booked=booked,
        capacity=week.capacity,
        state=rules.load(booked, week.capacity),
        days_away=week.days_away,
        days_closed=week.days_closed,
    )


# --- Words ------------------------------------------------------------------------------------


def day_label(day: date) -> str:
    """`14 Dec`."""
    return f"{day.day} {day.strftime('%b')}"


def range_label(start: date, end: date) -> str:
    """`15–17 Dec`, `30 Dec–2 Jan`, or one day: `25 Dec`."""
    if start == end:
        return day_label(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_label(end)}"
    return f"{day_label(start)}–{day_label(end)}"


def hours_label(value: Decimal) -> str:
    """`41.5 h`, `40 h`."""
    text = f"{rules.hours(value):f}"
    return (text.removesuffix(".0") if "." in text else text) + " h"


def over_warning(cell: Cell) -> str:
    return (
        f"over-booked in the week of {day_label(cell.week)} "
        f"({hours_label(cell.booked)} of {hours_label(cell.capacity)})"
    )


def warnings_for(
    cells: Iterable[Cell],
    *,
    aways: Iterable[Away],
    holidays: Mapping[date, str],
    start: date,
    end: date,
) -> list[str]:
    """What to tell the person assigning a task running from `start` to `end` to someone with
    these cells and time off: each over-booked week, each absence and agency closure in the
    task's days."""
    found = [over_warning(c) for c in cells if c.state == "over"]
    for away in sorted(aways, key=lambda a: a.starts_on):
        lo, hi = max(away.starts_on, start), min(away.ends_on, end)
        if lo <= hi:
            found.append(f"away {range_label(lo, hi)} ({away.label})")
    for day in sorted(holidays):
        if start <= day <= end and day.weekday() < 5:
            found.append(f"agency closed {day_label(day)} ({holidays[day]})")
    return found


def time_off_problem(
    starts_on: date, ends_on: date, existing: Iterable[tuple[date, date]]
) -> tuple[str, str] | None:
    """Why a time off request cannot be recorded, as (message, field), or None."""
    if ends_on < starts_on:
        return "The last day comes before the first day.", "ends_on"
    if (ends_on - starts_on).days + 1 > MAX_TIME_OFF_DAYS:
        return f"Time off covers at most {MAX_TIME_OFF_DAYS} days; split it.", "ends_on"
    for start, end in existing:
        if start <= ends_on and starts_on <= end:
            return (
                f"This overlaps time off already recorded ({range_label(start, end)} "
                f"{start.year}).",
                "starts_on",
            )
    return None
