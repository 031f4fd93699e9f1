"""How the audit trail says what happened to time and calendar feeds: agency only, never in a
client's feed, and not in a creative's (time is between a person and the agency)."""

from typing import Any

from accord.core import verbs
from accord.core.policy import Audience


def _hours(d: dict[str, Any]) -> str:
    hours = d.get("hours")
    when = f" on {d['on']}" if d.get("on") else ""
    return f"{hours} hours{when}" if hours is not None else f"time{when}"


def declare_verbs() -> None:
    """Time tracking's verbs (called from WorkConfig.ready)."""
    common: dict[str, Any] = {"app": "work", "audience": Audience.INTERNAL}
    booked = ("job", "task", "on", "hours", "billable")
    verbs.declare(
        "time.logged",
        fields=booked,
        personal=("note",),
        sentence=lambda a, d: f"{a} logged {_hours(d)}.",
        **common,
    )
    verbs.declare(
        "time.changed",
        fields=(*booked, "was_hours", "was_on"),
        personal=("note",),
        sentence=lambda a, d: f"{a} changed a time entry to {_hours(d)}.",
        **common,
    )
    verbs.declare(
        "time.deleted",
        fields=booked,
        sentence=lambda a, d: f"{a} deleted a time entry of {_hours(d)}.",
        **common,
    )
    verbs.declare(
        "timer.started",
        fields=("job", "task"),
        sentence=verbs.saying("{actor} started a timer."),
        **common,
    )
    verbs.declare(
        "timer.stopped",
        fields=(*booked, "confirmed"),
        sentence=lambda a, d: f"{a} stopped a timer: {_hours(d)}.",
        **common,
    )
    verbs.declare(
        "calendar_feed.created",
        fields=("prefix",),
        sentence=verbs.saying("{actor} made a new calendar feed address."),
        **common,
    )
    verbs.declare(
        "calendar_feed.revoked",
        fields=("prefix",),
        sentence=verbs.saying("{actor} turned a calendar feed address off."),
        **common,
    )
