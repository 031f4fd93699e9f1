"""Activity feeds: each event as a human sentence.

`describe(event)` is the one place where a verb becomes words; pages and the API share it.
The words live with the app that owns the verb, declared in `accord.core.verbs`.
"""

from typing import Any

from accord.core import verbs
from accord.core.models import Event
from accord.core.policy import Audience


def listing(items: list[str]) -> str:
    """“a”, “a and b”, “a, b and c”."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def actor_name(event: Event) -> str:
    actor = event.actor if event.actor_id else None
    return str(actor) if actor is not None else "Accord"


def payload(event: Event) -> dict[str, Any]:
    """What the event says: its hashed data and its (erasable) personal data, as one dict.

    `personal` is not hashed, so where the hashed `user` id names the person, the name comes from
    their user row (annotated as `named_name`/`named_email` by the feed's query); `personal`
    keeps the name at the time, shown only when there is no user row to read.
    """
    data = event.data if isinstance(event.data, dict) else {}
    personal = event.personal if isinstance(event.personal, dict) else {}
    said = {**data, **personal}
    name, email = getattr(event, "named_name", None), getattr(event, "named_email", None)
    if name is not None and email is not None and "name" in said:
        # Someone added from another client was named by their email, never their name there.
        said["name"] = email if "@" in str(said["name"]) else name
    return said


def describe(event: Event) -> str:
    """The event as one sentence, e.g. “Alice Northwind added Dan Northwind to the team.”"""
    actor = actor_name(event)
    verb = verbs.get(event.verb)
    if verb is not None:
        return verb.sentence(actor, payload(event))
    words = event.verb.replace("_", " ").replace(".", " ")
    return f"{actor}: {words}."


def declare_verbs() -> None:
    """Core's own verbs (called from CoreConfig.ready)."""
    verbs.declare(
        "email.retried",
        app="core",
        audience=Audience.INTERNAL,
        fields=("given_up_after",),
        sentence=lambda a, d: "An email the worker had given up on was sent again.",
    )
    verbs.declare(
        "chain.reanchored",
        app="core",
        audience=Audience.INTERNAL,
        fields=("previous_head", "rehashed", "first_mismatch"),
        sentence=lambda a, d: (
            "The event chain was rehashed once, with names and emails outside the hash."
        ),
    )
    verbs.declare(
        "notifications.chosen",
        app="core",
        audience=Audience.INTERNAL,
        fields=("email", "via"),
        sentence=lambda a, d: (
            f"{a} changed how they get notifications by email"
            + (" (from an unsubscribe link)." if d.get("via") == "link" else ".")
        ),
    )
