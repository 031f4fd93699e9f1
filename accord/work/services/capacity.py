"""Every write about capacity: a person's time off and the agency's public holidays."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from accord.accounts.models import User
from accord.core import clock, events, policy
from accord.core.errors import InvalidInput, NotAllowed
from accord.core.policy import Kind
from accord.work import capacity_rules as cr
from accord.work.models import PublicHoliday, TimeOff

MAX_IMPORT_YEARS = 5
YEARS = range(2000, 2101)
NAME_MAX = PublicHoliday._meta.get_field("name").max_length or 120
NOTE_MAX = TimeOff._meta.get_field("note").max_length or 200


def may_record_time_off(by: Any, person: Any) -> bool:
    """A person records their own time off; admins and account managers anyone's."""
    if not policy.is_staff_member(by):
        return False
    return by.pk == person.pk or policy.is_admin(by) or policy.is_account_manager(by)


@transaction.atomic
def record_time_off(
    *, by: User, person: User, starts_on: date, ends_on: date, kind: str, note: str = ""
) -> TimeOff:
    """Record a person away from `starts_on` to `ends_on` (both included). A range ending
    before it starts, longer than a year, or overlapping time off already recorded is refused."""
    if not may_record_time_off(by, person):
        raise NotAllowed("You can record only your own time off.")
    # The person's row is the lock: two requests for the same person cannot both pass the
    # overlap check.
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.kind != Kind.STAFF or not person.is_active:
        raise InvalidInput("Time off is for active agency staff.", field="person")
    if kind not in TimeOff.Kind.values:
        raise InvalidInput("Choose holiday, sick leave, training or other.", field="kind")
    if len(note) > NOTE_MAX:
        raise InvalidInput(f"Keep the note under {NOTE_MAX} characters.", field="note")
    existing = TimeOff.objects.filter(
        user=person, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).values_list("starts_on", "ends_on")
    problem = cr.time_off_problem(starts_on, ends_on, existing if ends_on >= starts_on else ())
    if problem is not None:
        raise InvalidInput(problem[0], field=problem[1])
    time_off = TimeOff.objects.create(
        user=person, starts_on=starts_on, ends_on=ends_on, kind=kind, note=note, created_by=by
    )
    events.record(
        actor=by,
        verb="time_off.recorded",
        target=time_off,
        data={
            "person": person.pk,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "kind": kind,
            **({"note": note} if note else {}),
        },
    )
    return time_off


@transaction.atomic
def remove_time_off(*, by: User, time_off: TimeOff) -> None:
    """Take back recorded time off (the person themselves, or an admin or account manager)."""
    locked = TimeOff.objects.select_for_update().filter(pk=time_off.pk).first()
    if locked is None:
        return  # removed already: what was asked is done
    if not may_record_time_off(by, locked.user):
        raise NotAllowed("You can remove only your own time off.")
    data = {
        "person": locked.user_id,
        "starts_on": locked.starts_on.isoformat(),
        "ends_on": locked.ends_on.isoformat(),
        "kind": locked.kind,
    }
    events.record(actor=by, verb="time_off.removed", target=locked, data=data)
    locked.delete()


def _require_admin(by: Any) -> None:
    if by is not None and not policy.is_admin(by):
        raise NotAllowed("Only an admin changes the agency's public holidays.")


@transaction.atomic
def add_public_holiday(*, by: User | None, on: date, name: str) -> PublicHoliday:
    """Close the agency on a day (a public holiday); one holiday a day."""
    _require_admin(by)
    name = name.strip()
    if not name:
        raise InvalidInput("Name the holiday.", field="name")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"Keep the name under {NAME_MAX} characters.", field="name")
    if on.year not in YEARS:
        raise InvalidInput("Choose a day between 2000 and 2100.", field="on")
    taken = InvalidInput(f"{cr.day_label(on)} {on.year} is a public holiday already.", field="on")
    if PublicHoliday.objects.filter(on=on).exists():
        raise taken
    try:
        with transaction.atomic():  # another admin adding the same day at the same moment
            holiday = PublicHoliday.objects.create(on=on, name=name)
    except IntegrityError:
        raise taken from None
    events.record(
        actor=by,
        verb="public_holiday.added",
        target=holiday,
        data={"on": on.isoformat(), "name": name},
    )
    transaction.on_commit(clock.forget_holidays)  # the clocks skip it from now on
    return holiday


@transaction.atomic
def remove_public_holiday(*, by: User, holiday: PublicHoliday) -> None:
    """Open the agency again on a day that was a public holiday."""
    _require_admin(by)
    locked = PublicHoliday.objects.select_for_update().filter(pk=holiday.pk).first()
    if locked is None:
        return
    events.record(
        actor=by,
        verb="public_holiday.removed",
        target=locked,
        data={"on": locked.on.isoformat(), "name": locked.name},
    )
    locked.delete()
    transaction.on_commit(clock.forget_holidays)


def holidays_of(country: str, subdivision: str, years: Iterable[int]) -> dict[date, str]:
    """The public holidays of a country (and subdivision) in those years, from the `holidays`
    package; an unknown country or subdivision is refused."""
    import holidays as calendars  # a large package: loaded only for an import

    years = sorted(set(years))
    if not years or len(years) > MAX_IMPORT_YEARS or any(y not in YEARS for y in years):
        raise InvalidInput(
            f"Choose 1 to {MAX_IMPORT_YEARS} years between 2000 and 2100.", field="years"
        )
    try:
        found = calendars.country_holidays(
            country.upper(), subdiv=subdivision.upper() or None, years=years
        )
    except NotImplementedError as exc:
        raise InvalidInput(
            f"No public holidays are known for {country!r} {subdivision!r}: {exc}",
            field="country",
        ) from exc
    return {day: str(name)[:NAME_MAX] for day, name in sorted(found.items())}


@transaction.atomic
def import_public_holidays(
    *, by: User | None, country: str, subdivision: str, years: Iterable[int]
) -> int:
    """Add the public holidays of a country's calendar for those years; days the agency has
    a holiday on already are kept as they are. Returns how many were added."""
    _require_admin(by)
    years = sorted(set(years))
    found = holidays_of(country, subdivision, years)
    known = set(PublicHoliday.objects.filter(on__in=list(found)).values_list("on", flat=True))
    added = [PublicHoliday(on=day, name=name) for day, name in found.items() if day not in known]
    # A day someone adds meanwhile stays theirs.
    PublicHoliday.objects.bulk_create(added, ignore_conflicts=True)
    events.record(
        actor=by,
        verb="public_holidays.imported",
        target=("work.publicholiday", "import"),
        data={
            "country": country.upper(),
            "subdivision": subdivision.upper(),
            "years": ", ".join(str(y) for y in years),
            "added": len(added),
        },
    )
    transaction.on_commit(clock.forget_holidays)
    return len(added)
