"""Waiting-on clocks in business hours: how long the ball has been in someone's court, counting
only the agency's opening hours, and when a response target is reached.

Pure arithmetic on aware datetimes, no ORM. The agency's week (ACCORD_BUSINESS_HOURS,
ACCORD_BUSINESS_DAYS, in TIME_ZONE) comes from settings; its public holidays from a source a
higher app registers (work fills it from its holiday calendar), read at most once a minute per
process and kept in memory, so a page of a hundred clocks costs no query at all, and never more
than one.

    since = brief.waiting_since                      # the ball landed with the agency
    reading = clock.state(since, client.response_target_hours, now)
    reading.state                                    # "ok", "near" or "breached"
    reading.waited, reading.due_at                   # business time waited, when it is due

Every function takes the week as `hours=`; left out, the agency's (`agency_hours()`).
"""

import bisect
import re
import time as monotonic_time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Final, Literal
from zoneinfo import ZoneInfo

from django.conf import settings

# Whose court the ball is in: the values of Brief.waiting_on, Round.waiting_on and threads'.
AGENCY, CLIENT, NOBODY = "agency", "client", "nobody"
State = Literal["ok", "near", "breached"]
OK: Final[State] = "ok"
NEAR: Final[State] = "near"
BREACHED: Final[State] = "breached"
NEAR_SHARE = 0.75  # a clock is "near" once this share of its target is used
MAX_TARGET_HOURS = 10 * 366 * 24  # a target beyond ten years is a typing slip, not a target
ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# --- The agency's week ----------------------------------------------------------------------


def parse_hours(text: str) -> tuple[time, time]:
    """`"09:00-17:30"` → (09:00, 17:30). Refuses anything else (a closing time not after the
    opening one, hours past midnight) with a message that says what is expected."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text or "")
    if match is None:
        raise ValueError(f"must be opening and closing times like 09:00-17:30, not {text!r}")
    oh, om, ch, cm = (int(g) for g in match.groups())
    if oh > 23 or ch > 23 or om > 59 or cm > 59:
        raise ValueError(f"must be times of day between 00:00 and 23:59, not {text!r}")
    opens, closes = time(oh, om), time(ch, cm)
    if closes <= opens:
        raise ValueError(
            f"must close after it opens on the same day (like 09:00-17:30), not {text!r}"
        )
    return opens, closes


def _day(name: str, text: str) -> int:
    key = name.strip().lower()
    for names in (DAY_NAMES, _FULL_NAMES):
        if key in names:
            return names.index(key)
    raise ValueError(
        f"must be days like mon-fri or mon,tue,thu (mon tue wed thu fri sat sun), not {text!r}"
    )


def parse_days(text: str) -> frozenset[int]:
    """`"mon-fri"` → {0, 1, 2, 3, 4} (Monday is 0). Days or ranges separated by commas; a range
    runs forward through the week ("fri-mon" is Friday to Monday). Refuses unknown names."""
    days: set[int] = set()
    parts = (text or "").split(",")
    if not any(part.strip() for part in parts):
        raise ValueError(f"must name at least one day, like mon-fri, not {text!r}")
    for part in parts:
        first, dash, last = part.partition("-")
        start = _day(first, text)
        end = _day(last, text) if dash else start
        days.update((start + i) % 7 for i in range((end - start) % 7 + 1))
    return frozenset(days)


@dataclass(frozen=True)
class BusinessHours:
    """When the agency works: the same opening hours on each of its days, in its time zone,
    except its public holidays. Windows are measured in real elapsed time, so a day whose
    hours hold a clock change is an hour longer or shorter."""

    opens: time
    closes: time
    days: frozenset[int]
    zone: tzinfo
    holidays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if self.closes <= self.opens or self.opens.tzinfo or self.closes.tzinfo:
            raise ValueError("Business hours close after they open, on naive times of day.")
        if not self.days or not self.days <= set(range(7)):
            raise ValueError("Business days are at least one of 0 (Monday) to 6 (Sunday).")

    @cached_property
    def day_length(self) -> timedelta:
        """The length of a business day on the clock on the wall (09:00-17:30: 8.5 hours)."""
        return datetime.combine(date.min, self.closes) - datetime.combine(date.min, self.opens)

    @cached_property
    def _closed(self) -> tuple[date, ...]:
        """The holidays that fall on business days, sorted: the only ones that count."""
        return tuple(sorted(d for d in self.holidays if d.weekday() in self.days))

    def is_open_on(self, day: date) -> bool:
        return day.weekday() in self.days and day not in self.holidays

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The day's opening and closing instants (UTC), or None when the agency is closed."""
        if not self.is_open_on(day):
            return None
        return self._instants(day)

    def _instants(self, day: date) -> tuple[datetime, datetime]:
        opens = datetime.combine(day, self.opens, tzinfo=self.zone).astimezone(UTC)
        closes = datetime.combine(day, self.closes, tzinfo=self.zone).astimezone(UTC)
        return opens, max(opens, closes)

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def _open_days(self, first: date, last: date) -> int:
        """How many days from `first` to `last` (both included) the agency is open."""
        count = (last - first).days + 1
        if count <= 0:
            return 0
        weeks, rest = divmod(count, 7)
        start = first.weekday()
        opened = weeks * len(self.days) + sum((start + i) % 7 in self.days for i in range(rest))
        closed = bisect.bisect_right(self._closed, last) - bisect.bisect_left(self._closed, first)
        return opened - closed

    def _full_days(self, first: date, last: date) -> timedelta:
        """Business time in whole days `first` to `last`: a day's length each, corrected for
        the days whose hours hold a clock change."""
        if last < first:
            return ZERO
        total = self.day_length * self._open_days(first, last)
        for year in range(first.year, last.year + 1):
            for day, shift in _clock_changes(self.zone, self.opens, self.closes, year):
                if first <= day <= last and self.is_open_on(day):
                    total += shift
        return total

    def _within(self, day: date, start: datetime, end: datetime) -> timedelta:
        """Business time of one day between two instants."""
        window = self.window(day)
        if window is None:
            return ZERO
        return max(ZERO, min(window[1], end) - max(window[0], start))


@lru_cache(maxsize=256)
def _clock_changes(
    zone: tzinfo, opens: time, closes: time, year: int
) -> tuple[tuple[date, timedelta], ...]:
    """The days of a year whose business hours hold a clock change, and by how much the
    change makes them longer (positive) or shorter. Most zones and hours have none at all:
    clocks change at night."""
    week = BusinessHours(opens=opens, closes=closes, days=frozenset(range(7)), zone=zone)
    nominal = week.day_length
    changes = []
    day, end = date(year, 1, 1), date(year, 12, 31)
    while day <= end:
        start, stop = week._instants(day)
        if (shift := (stop - start) - nominal) != ZERO:
            changes.append((day, shift))
        day += _ONE_DAY
    return tuple(changes)


# --- Clocks ---------------------------------------------------------------------------------


def _aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (with its time zone).")
    return moment.astimezone(UTC)


def _target(target_hours: float | Decimal | timedelta) -> timedelta:
    hours = (
        target_hours / timedelta(hours=1)
        if isinstance(target_hours, timedelta)
        else float(target_hours)
    )
    if not 0 < hours <= MAX_TARGET_HOURS:  # NaN fails this too
        raise ValueError(f"A target is more than 0 and at most {MAX_TARGET_HOURS} hours.")
    if isinstance(target_hours, timedelta):
        return target_hours
    return timedelta(hours=hours)


def business_time(
    start: datetime, end: datetime, *, hours: BusinessHours | None = None
) -> timedelta:
    """The business time between two instants (zero when `end` is not after `start`)."""
    week = hours or agency_hours()
    start, end = _aware(start, "start"), _aware(end, "end")
    if end <= start:
        return ZERO
    first, last = sorted((week.local_date(start), week.local_date(end)))
    total = week._within(first, start, end)
    if last > first:
        total += week._within(last, start, end) + week._full_days(first + _ONE_DAY, last - _ONE_DAY)
    return total


def business_seconds(
    start: datetime, end: datetime, *, hours: BusinessHours | None = None
) -> float:
    """`business_time` in seconds."""
    return business_time(start, end, hours=hours).total_seconds()


def _span_days(need: timedelta, count: Callable[[int], timedelta]) -> int:
    """The fewest days n ≥ 1 with count(n) ≥ need (count grows with n): doubling, then halving,
    so a target of weeks costs a few dozen steps of arithmetic, not a walk day by day."""
    high = 8
    while count(high) < need:
        high *= 2
    low = 1  # count(low - 1) < need holds for low = 1: count(0) is zero
    while low < high:
        middle = (low + high) // 2
        if count(middle) >= need:
            high = middle
        else:
            low = middle + 1
    return low


def due_at(
    since: datetime,
    target_hours: float | Decimal | timedelta,
    *,
    hours: BusinessHours | None = None,
) -> datetime:
    """The instant the target is reached, counting only business time from `since` (which may
    fall outside business hours: the clock starts at the next opening). Friday 16:00 with 4
    hours, open 09:00-17:30 Monday to Friday: Monday 11:30. In UTC."""
    week = hours or agency_hours()
    need, since = _target(target_hours), _aware(since, "since")
    day = week.local_date(since)
    if window := week.window(day):
        available = max(ZERO, window[1] - max(window[0], since))
        if need <= available:
            return max(window[0], since) + need
        need -= available
    after = day + _ONE_DAY
    days = _span_days(need, lambda n: week._full_days(after, after + timedelta(days=n - 1)))
    last = after + timedelta(days=days - 1)
    rest = need - week._full_days(after, last - _ONE_DAY)
    opens, _ = week._instants(last)
    return opens + rest


def cutoff(
    now: datetime, target_hours: float | Decimal | timedelta, *, hours: BusinessHours | None = None
) -> datetime:
    """The latest `waiting_since` whose target is already reached at `now`: a clock is breached
    exactly when its `since <= cutoff(now, target)`, so one SQL filter per distinct target
    finds every breach (`cutoff(now, target * NEAR_SHARE)` finds the near ones too). In UTC."""
    week = hours or agency_hours()
    need, now = _target(target_hours), _aware(now, "now")
    day = week.local_date(now)
    if window := week.window(day):
        available = max(ZERO, min(window[1], now) - window[0])
        if need <= available:
            return min(window[1], now) - need
        need -= available
    before = day - _ONE_DAY
    days = _span_days(need, lambda n: week._full_days(before - timedelta(days=n - 1), before))
    first = before - timedelta(days=days - 1)
    rest = need - week._full_days(first + _ONE_DAY, before)
    _, closes = week._instants(first)
    return closes - rest


@dataclass(frozen=True)
class Reading:
    """A clock read at a moment: its state, the business time waited, the target and when it
    is (or was) reached."""

    state: State
    waited: timedelta
    target: timedelta
    due_at: datetime

    @property
    def used(self) -> float:
        """The share of the target used: 0.5 halfway, above 1 once breached."""
        return self.waited / self.target


def state(
    since: datetime,
    target_hours: float | Decimal | timedelta,
    now: datetime,
    *,
    hours: BusinessHours | None = None,
) -> Reading:
    """The clock of a wait that began at `since`, read at `now`: "breached" once the whole
    target is used (`now >= due_at`), "near" from 75 % of it (`NEAR_SHARE`), "ok" before."""
    week = hours or agency_hours()
    target = _target(target_hours)
    waited = business_time(since, now, hours=week)
    if waited >= target:
        found: State = BREACHED
    elif waited >= target * NEAR_SHARE:
        found = NEAR
    else:
        found = OK
    return Reading(found, waited, target, due_at(since, target, hours=week))


def response(
    *,
    waiting_on: str,
    since: datetime | None,
    target_hours: float | Decimal | None,
    now: datetime,
    hours: BusinessHours | None = None,
) -> Reading | None:
    """The agency's response clock of something waiting: only a wait on the agency runs
    against the client's response target; waiting on the client (or nobody), or without a
    target, has none."""
    if waiting_on != AGENCY or since is None or not target_hours or target_hours <= 0:
        return None
    return state(since, min(float(target_hours), MAX_TARGET_HOURS), now, hours=hours)


ResponseState = Literal["ok", "near", "breached", "none"]


def response_due(reading: Reading | None) -> tuple[datetime | None, ResponseState]:
    """`(response_due_at, response_state)` of a `response` clock as the API gives them:
    `(None, "none")` when the wait is not on the agency's clock."""
    return (None, "none") if reading is None else (reading.due_at, reading.state)


# --- The agency's holidays and week ---------------------------------------------------------

HolidaySource = Callable[[], Iterable[date]]
HOLIDAYS_SECONDS = 60.0  # how long holidays read are kept before they are read again
_sources: list[HolidaySource] = []
# The holidays last read, and until when (monotonic clock) they are kept: one slot, replaced
# whole, so a thread reading it sees the old pair or the new one.
_remembered: list[tuple[float, frozenset[date]]] = []


def register_holidays(source: HolidaySource) -> None:
    """Add a source of the agency's public holidays (work registers its calendar at start)."""
    if source not in _sources:
        _sources.append(source)
    forget_holidays()


def forget_holidays() -> None:
    """Read the holidays again at the next clock (after a holiday was added or removed)."""
    _remembered[:] = []


def remember_holidays(days: Iterable[date], *, seconds: float = HOLIDAYS_SECONDS) -> None:
    """Take these as the holidays for a while, without reading the sources."""
    _remembered[:] = [(monotonic_time.monotonic() + seconds, frozenset(days))]


def holidays() -> frozenset[date]:
    """The agency's public holidays: read from the registered sources at most once a minute."""
    for until, days in _remembered[:1]:
        if monotonic_time.monotonic() < until:
            return days
    found = frozenset(day for source in _sources for day in source())
    remember_holidays(found)
    return found


def agency_hours() -> BusinessHours:
    """The agency's week: ACCORD_BUSINESS_HOURS and _DAYS in TIME_ZONE, with its holidays."""
    opens, closes = settings.BUSINESS_HOURS
    return _week(opens, closes, frozenset(settings.BUSINESS_DAYS), settings.TIME_ZONE, holidays())


@lru_cache(maxsize=8)
def _week(
    opens: time, closes: time, days: frozenset[int], zone: str, closed: frozenset[date]
) -> BusinessHours:
    return BusinessHours(
        opens=opens, closes=closes, days=days, zone=ZoneInfo(zone), holidays=closed
    )
