"""How the activity feed says what happened in reviews. Client rounds, their decisions and
client-visible comments are recorded for the client's audience; the rest stays internal."""

from typing import Any

from accord.core import verbs
from accord.core.policy import Audience

VERDICTS = {
    "approved": "approved",
    "approved_with_changes": "approved with changes",
    "changes_required": "asked for changes to",
}
OUTCOMES = {
    "approved": "was approved",
    "approved_with_changes": "was approved with changes",
    "changes_required": "needs changes",
    "superseded": "was replaced by a newer version",
    "cancelled": "was withdrawn",
}


def _of(d: dict[str, Any]) -> str:
    title = f"“{d['title']}”" if d.get("title") else "a deliverable"
    return f"{title} (version {d['number']})" if d.get("number") else title


def _added(a: str, d: dict[str, Any]) -> str:
    return f"{a} uploaded version {d.get('number', '')} of “{d.get('title', '')}”."


def _opened(a: str, d: dict[str, Any]) -> str:
    to = "the client" if d.get("stage") == "client" else "internal review"
    without = " without an internal approval" if d.get("overridden") else ""
    return f"{a} sent {_of(d)} to {to}{without}."


def _closed(a: str, d: dict[str, Any]) -> str:
    stage = "client" if d.get("stage") == "client" else "internal"
    said = OUTCOMES.get(str(d.get("outcome")), "closed")
    title = f"“{d['title']}”" if d.get("title") else "a deliverable"
    return f"The {stage} review of {title} {said}."


def _decided(a: str, d: dict[str, Any]) -> str:
    return f"{a} {VERDICTS.get(str(d.get('verdict')), 'decided on')} {_of(d)}."


def _commented(a: str, d: dict[str, Any]) -> str:
    what = "replied on" if d.get("reply") else "commented on"
    return f"{a} {what} {_of(d)}."


def declare_verbs() -> None:
    """Reviews' verbs (called from ReviewsConfig.ready)."""
    common = ("deliverable", "title", "version", "number")
    for name, audience, fields, sentence, contacts in (
        ("version.added", Audience.INTERNAL, ("kind", "sha256", "answers"), _added, False),
        ("round.opened", Audience.CLIENT, ("stage", "rule", "sha256", "overridden"), _opened, True),
        ("round.closed", Audience.CLIENT, ("stage", "outcome"), _closed, True),
        (
            "review.decided",
            Audience.CLIENT,
            ("round", "stage", "verdict", "sha256", "guest"),
            _decided,
            True,
        ),
        ("comment.added", Audience.CLIENT, ("anchor", "reply", "guest"), _commented, True),
    ):
        verbs.declare(
            name,
            app="reviews",
            audience=audience,
            fields=(*common, *fields),
            contacts=contacts,
            creatives=True,
            sentence=sentence,
        )
    for name, said in (
        ("comment.resolved", "{actor} resolved a comment."),
        ("comment.reopened", "{actor} reopened a comment."),
    ):
        verbs.declare(
            name,
            app="reviews",
            audience=Audience.CLIENT,
            fields=("deliverable", "version"),
            contacts=True,
            creatives=True,
            sentence=verbs.saying(said),
        )
    verbs.declare(
        "round.nudged",
        app="reviews",
        fields=("deliverable", "reviewers"),
        sentence=verbs.saying("{actor} reminded the reviewers."),
    )
    for name, todo_fields, todo_said in (
        ("todo.added", ("deliverable", "title", "todos", "sources"), "{actor} added to-dos."),
        ("todo.done", ("deliverable", "todo"), "{actor} ticked off a to-do."),
        ("todo.reopened", ("deliverable", "todo"), "{actor} reopened a to-do."),
        ("todo.removed", ("deliverable", "todo"), "{actor} removed a to-do."),
    ):
        verbs.declare(
            name,
            app="reviews",
            fields=todo_fields,
            creatives=True,
            sentence=verbs.saying(todo_said),
        )


def _invited(a: str, d: dict[str, Any]) -> str:
    who = d.get("email") or "a guest"
    return f"{a} invited {who} to review as a guest ({d.get('days', '?')} days)."


def declare_guest_verbs() -> None:
    """Guests' verbs: agency only (the email address is personal data, outside the hash)."""
    verbs.declare(
        "guest.invited",
        app="reviews",
        fields=("deliverable", "days", "role"),
        personal=("email",),
        sentence=_invited,
    )
    verbs.declare(
        "guest.revoked",
        app="reviews",
        fields=("deliverable",),
        sentence=verbs.saying("{actor} withdrew a guest's review link."),
    )
    verbs.declare(
        "guest.verified",
        app="reviews",
        fields=("deliverable",),
        sentence=verbs.saying("A guest confirmed their email and opened the review."),
    )
