"""Pure rules of time tracking: what an amount of hours may be, when a timer has to ask for
the real hours, and how long it ran. No ORM here."""

from datetime import datetime, timedelta, tzinfo
from decimal import ROUND_CEILING, Decimal, InvalidOperation

DAY_HOURS = Decimal("24")
# A timer that ran longer than this (or past midnight) was most likely left running.
TIMER_SANE_HOURS = Decimal("10")
CENT = Decimal("0.01")


class HoursProblem(ValueError):
    """Hours that cannot be booked; the message says why in plain words."""


def hours_from(value: object) -> Decimal:
    """Hours as typed or sent: a number of at most two decimals, above 0 and at most 24."""
    try:
        hours = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise HoursProblem("Enter the hours as a number, such as 1.5.") from exc
    if not hours.is_finite():
        raise HoursProblem("Enter the hours as a number, such as 1.5.")
    if hours <= 0:
        raise HoursProblem("Enter more than 0 hours.")
    if hours > DAY_HOURS:
        raise HoursProblem("A day has 24 hours: enter at most 24.")
    if hours != hours.quantize(CENT, rounding=ROUND_CEILING):
        raise HoursProblem("Enter hours with at most two decimals, such as 1.25.")
    return hours.quantize(CENT)


def room_left(*, booked: Decimal, adding: Decimal) -> str:
    """Why `adding` hours do not fit in a day that has `booked` already ('' when they fit)."""
    if booked + adding <= DAY_HOURS:
        return ""
    left = max(DAY_HOURS - booked, Decimal("0"))
    return (
        f"You have {plain(booked)} hours booked that day already: at most {plain(left)} more "
        "fit in its 24 hours."
    )


def plain(hours: Decimal) -> str:
    """Hours as people write them: 1.5, 2, 0.25."""
    text = f"{hours.quantize(CENT):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def elapsed_hours(started_at: datetime, ended_at: datetime) -> Decimal:
    """How long a timer ran, in hours rounded up to the hundredth (a started timer books at
    least 0.01 hours)."""
    seconds = max((ended_at - started_at).total_seconds(), 0)
    hours = (Decimal(str(seconds)) / Decimal(3600)).quantize(CENT, rounding=ROUND_CEILING)
    return max(hours, CENT)


def needs_the_real_hours(started_at: datetime, now: datetime, zone: tzinfo) -> bool:
    """A timer that ran past midnight (local time) or longer than ten hours was most likely
    left running: ask for the real hours rather than book it."""
    crossed_midnight = started_at.astimezone(zone).date() != now.astimezone(zone).date()
    return crossed_midnight or (now - started_at) > timedelta(hours=int(TIMER_SANE_HOURS))
