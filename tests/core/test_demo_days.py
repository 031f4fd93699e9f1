"""The demo's calendar: what it tells as happening "now" lands in office hours."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from accord.core import demo_days


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


WEDNESDAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(WEDNESDAY, 10, 30), at(WEDNESDAY, 10, 30)),  # in office hours: now
        (at(WEDNESDAY, 20, 30), at(WEDNESDAY, 18, 45)),  # that evening
        (at(date(2026, 11, 30), 7), at(date(2026, 11, 27), 18, 45)),  # Monday early: Friday
        (at(date(2026, 12, 6), 12), at(date(2026, 12, 4), 18, 45)),  # Sunday: Friday
    ],
)
def test_now_in_the_demo_is_the_latest_moment_of_office_hours(monkeypatch, now, expected):
    monkeypatch.setattr(timezone, "now", lambda: now)
    assert demo_days.office_now() == expected


def test_a_load_across_midnight_stays_in_the_past(monkeypatch):
    """The clock read at 23:59:59.9 on Wednesday, the date read a moment later on Thursday."""
    monkeypatch.setattr(timezone, "now", lambda: at(WEDNESDAY, 23, 59))
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 3))
    assert demo_days.office_now() == at(WEDNESDAY, 18, 45)
