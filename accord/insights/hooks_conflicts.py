"""What the conflicts part of insights registers with the apps below it (verbs, listeners, sweeps,
panels, notification kinds), called from wiring.connect()."""

from typing import Any

from accord.core import verbs
from accord.core.policy import Audience

FIELDS = ("deliverable", "title", "version", "number", "kind", "element")


def _about(d: dict[str, Any]) -> str:
    title = f"“{d['title']}”" if d.get("title") else "a deliverable"
    number = f" (version {d['number']})" if d.get("number") else ""
    element = f", about the {d['element']}" if d.get("element") else ""
    return f"{title}{number}{element}"


def _detected(a: str, d: dict[str, Any]) -> str:
    what = "decisions" if d.get("kind") == "decisions" else "feedback"
    return f"The client's reviewers gave conflicting {what} on {_about(d)}."


def _settled(a: str, d: dict[str, Any]) -> str:
    return f"{a} settled the client's conflicting feedback on {_about(d)}."


def declare_verbs() -> None:
    """The agency's read of its client: recorded for the agency only."""
    verbs.declare(
        "conflict.detected",
        app="insights",
        audience=Audience.INTERNAL,
        fields=(*FIELDS, "comments", "decisions"),
        sentence=_detected,
    )
    verbs.declare(
        "conflict.settled",
        app="insights",
        audience=Audience.INTERNAL,
        fields=FIELDS,
        sentence=_settled,
    )


def declare_kinds() -> None:
    from accord.core.notification_kinds import declare_kind
    from accord.insights.services.conflicts import NOTIFICATION_KIND

    declare_kind(
        NOTIFICATION_KIND,
        label="Conflicting feedback from a client",
        help="Two of a client's reviewers ask for opposite things on the same version: "
        "settle it with the client before to-dos go to the team.",
        audience={"staff"},
    )


def connect() -> None:
    from accord.accounts.erasure import register_eraser
    from accord.core.events import listen
    from accord.core.panels import register_page_panel
    from accord.insights import panels_conflicts
    from accord.insights.services import conflicts

    declare_verbs()
    declare_kinds()
    listen("comment.added", conflicts.on_comment_added)
    listen("review.decided", conflicts.on_review_decided)
    register_page_panel("deliverable", panels_conflicts.on_deliverable)
    register_eraser(conflicts.forget_person)
