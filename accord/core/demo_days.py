"""The demo's calendar: working days back from today, in the office's time zone, so a story
told now reads as if it happened over the past weeks."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def days_back(working_days: int) -> int:
    """How many calendar days ago the working day (Monday to Friday) `working_days` before
    today was."""
    today = timezone.localdate()
    days = 0
    while working_days:
        days += 1
        if (today - timedelta(days=days)).weekday() < 5:
            working_days -= 1
    return days


def working_day(working_days: int) -> date:
    """The date of the working day `working_days` before today."""
    return timezone.localdate() - timedelta(days=days_back(working_days))


def workday(days_ago: int, hour: int = 10, minute: int = 0) -> datetime:
    """`days_ago` calendar days back, moved to the Friday before if it falls on a weekend,
    at `hour`:`minute` in the office's time zone."""
    day: date = timezone.localdate() - timedelta(days=days_ago)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


OPENS, CLOSES = 8, 19  # the office's hours: the demo's events fall between them


def office_now() -> datetime:
    """The latest moment of office hours at or before now: now on a working day between
    8:00 and 19:00, else a quarter to seven on the last working evening — so what the demo
    tells as happening "now" reads as office work whenever it is loaded. Read from one clock
    reading (a load across midnight stays in the past); an earlier `localdate()` (a test's
    calendar) takes that day's evening."""
    now = timezone.localtime()
    day = min(now.date(), timezone.localdate())
    if day == now.date():
        if now.weekday() < 5 and OPENS <= now.hour < CLOSES:
            return now
        if now.hour < OPENS:
            day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(CLOSES - 1, 45)))
