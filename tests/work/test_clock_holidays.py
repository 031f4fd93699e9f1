"""The agency's public holidays stop the waiting-on clocks: work gives core's clock its holiday
calendar, and adding or removing a holiday is seen by the next clock read."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from accord.core import clock
from accord.work.services import capacity as services

LONDON = ZoneInfo("Europe/London")
FRIDAY_4PM = datetime(2026, 4, 3, 16, tzinfo=LONDON)  # Good Friday is a business day here
EASTER_MONDAY = date(2026, 4, 6)


def due(settings) -> datetime:
    settings.BUSINESS_HOURS, settings.BUSINESS_DAYS = (time(9), time(17, 30)), range(5)
    settings.TIME_ZONE = "Europe/London"
    return clock.due_at(FRIDAY_4PM, 4).astimezone(LONDON)


def test_a_holiday_added_or_removed_moves_the_clocks_at_once(
    world, settings, django_capture_on_commit_callbacks
):
    assert due(settings) == datetime(2026, 4, 6, 11, 30, tzinfo=LONDON)
    with django_capture_on_commit_callbacks(execute=True):
        holiday = services.add_public_holiday(by=world.erin, on=EASTER_MONDAY, name="Easter Monday")
    assert due(settings) == datetime(2026, 4, 7, 11, 30, tzinfo=LONDON)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_public_holiday(by=world.erin, holiday=holiday)
    assert due(settings) == datetime(2026, 4, 6, 11, 30, tzinfo=LONDON)


def test_the_clocks_read_the_calendar_once_a_minute(world, django_assert_num_queries):
    services.add_public_holiday(by=world.erin, on=EASTER_MONDAY, name="Easter Monday")
    clock.forget_holidays()
    with django_assert_num_queries(1):
        assert EASTER_MONDAY in clock.holidays()
        assert EASTER_MONDAY in clock.agency_hours().holidays
