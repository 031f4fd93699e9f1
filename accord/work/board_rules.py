"""Pure rules for the job board, the timeline and the overview: what is late, what is at risk,
and where a date sits on a timeline's axis. No ORM here."""

from datetime import date, timedelta

from accord.work import rules
from accord.work.rules import Closed, is_working_day

# Due within this many working days (and not yet with the client for review): at risk.
AT_RISK_WORKING_DAYS = 2
# The longest axis a timeline draws; items beyond it sit at its ends.
MAX_AXIS_DAYS = 366


def working_days_after(day: date, n: int, closed: Closed) -> date:
    """The `n`-th working day after `day` (`day` itself when n is 0)."""
    for _ in range(min(max(n, 0), rules.MAX_DAYS_SPAN)):
        day += timedelta(days=1)
        while not is_working_day(day, closed):
            day += timedelta(days=1)
    return day


def at_risk_until(today: date, closed: Closed) -> date:
    """The last due date that is at risk: within two working days from today."""
    return working_days_after(today, AT_RISK_WORKING_DAYS, closed)


def deliverable_is_late(status: str, due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on < today and status not in rules.FINISHED


def task_is_late(status: str, due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on < today and status in rules.OPEN_TASK


def deliverable_at_risk(status: str, due_on: date | None, today: date, until: date) -> bool:
    """Due today or within the next working days, and still the agency's to do."""
    return due_on is not None and today <= due_on <= until and status in rules.BEFORE_REVIEW


def task_at_risk(status: str, due_on: date | None, today: date, until: date) -> bool:
    return due_on is not None and today <= due_on <= until and status in rules.OPEN_TASK


def axis(
    today: date, started_on: date, deadline: date | None, dues: list[date]
) -> tuple[date, date]:
    """The span a timeline draws: from today or the job's start, whichever is earlier (and
    the earliest due date, for late items), to the deadline (or the last due date), at least
    a week and at most a year long."""
    start = min([today, started_on, *dues])
    end = max([d for d in (deadline, *dues) if d is not None], default=today)
    end = max(end, start + timedelta(days=7))
    if (end - start).days > MAX_AXIS_DAYS:
        start = max(start, min(today, end) - timedelta(days=MAX_AXIS_DAYS // 4))
        end = min(end, start + timedelta(days=MAX_AXIS_DAYS))
    return start, end


def position(day: date, start: date, end: date) -> float:
    """Where `day` sits between `start` (0) and `end` (100), as a percentage, clamped."""
    span = max((end - start).days, 1)
    return round(min(max((day - start).days / span, 0.0), 1.0) * 100, 2)


def mondays(start: date, end: date) -> list[date]:
    """The Mondays from `start` to `end` (the weeks a timeline marks)."""
    first = rules.week_of(start)
    if first < start:
        first += timedelta(weeks=1)
    count = max(0, (end - first).days // 7 + 1)
    return [first + timedelta(weeks=i) for i in range(min(count, MAX_AXIS_DAYS // 7 + 1))]
