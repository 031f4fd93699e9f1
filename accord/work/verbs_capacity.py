"""How the activity feed says what happened to time off and the agency's public holidays."""

from typing import Any

from accord.core import verbs


def _days(d: dict[str, Any]) -> str:
    start, end = d.get("starts_on"), d.get("ends_on")
    return f"{start}" if start == end else f"{start} to {end}"


def declare_verbs() -> None:
    """Capacity's verbs (called from WorkConfig.ready); all internal to the agency."""
    verbs.declare(
        "time_off.recorded",
        app="work",
        fields=("person", "starts_on", "ends_on", "kind"),
        personal=("note",),
        sentence=lambda a, d: f"{a} recorded time off ({d.get('kind', 'other')}), {_days(d)}.",
    )
    verbs.declare(
        "time_off.removed",
        app="work",
        fields=("person", "starts_on", "ends_on", "kind"),
        sentence=lambda a, d: f"{a} removed time off ({d.get('kind', 'other')}), {_days(d)}.",
    )
    verbs.declare(
        "public_holiday.added",
        app="work",
        fields=("on", "name"),
        sentence=lambda a, d: f"{a} added the public holiday {d.get('name', '')} on {d.get('on')}.",
    )
    verbs.declare(
        "public_holiday.removed",
        app="work",
        fields=("on", "name"),
        sentence=lambda a, d: (
            f"{a} removed the public holiday {d.get('name', '')} on {d.get('on')}."
        ),
    )
    verbs.declare(
        "public_holidays.imported",
        app="work",
        fields=("country", "subdivision", "years", "added"),
        sentence=lambda a, d: (
            f"{a} imported {d.get('added', 0)} public holidays of {d.get('country', '')} "
            f"{d.get('subdivision', '')} for {d.get('years', '')}."
        ),
    )
