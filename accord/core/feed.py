"""Activity feeds: each event as a human sentence.

`describe(event)` is the one place where a verb becomes words; pages and the API share it.
Apps above core add their own verbs with `register(verb, sentence)` instead of editing here.
"""

from collections.abc import Callable
from typing import Any

from accord.core import policy
from accord.core.models import Event

Sentence = Callable[[str, dict[str, Any]], str]

FIELD_LABELS = {
    "name": "name",
    "industry": "industry",
    "website": "website",
    "internal_notes": "internal notes",
    "revision_rounds_included": "revision rounds included",
    "response_target_hours": "response target",
    "account_manager": "account manager",
    "voice_and_tone": "voice and tone",
    "dos": "do's",
    "donts": "don'ts",
    "colours": "colours",
    "logo": "logo",
}


def listing(items: list[str]) -> str:
    """“a”, “a and b”, “a, b and c”."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _fields(data: dict[str, Any]) -> str:
    names = [FIELD_LABELS.get(str(f), str(f).replace("_", " ")) for f in data.get("fields", [])]
    return listing(names)


def _client_updated(actor: str, data: dict[str, Any]) -> str:
    fields = _fields(data)
    return f"{actor} updated the {fields}." if fields else f"{actor} updated the client details."


def _brand_updated(actor: str, data: dict[str, Any]) -> str:
    fields = _fields(data)
    if fields:
        return f"{actor} updated the brand profile ({fields})."
    return f"{actor} updated the brand profile."


def _role(data: dict[str, Any]) -> str:
    labels = dict(policy.ContactRole.choices)
    role = str(data.get("role", ""))
    return str(labels.get(role, role)).lower() or "contact"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


SENTENCES: dict[str, Sentence] = {
    "client.created": lambda a, d: f"{a} created the client {d.get('name', '')}.".replace(
        " .", "."
    ),
    "client.updated": _client_updated,
    "client.archived": lambda a, d: f"{a} archived the client.",
    "client.restored": lambda a, d: f"{a} restored the client from the archive.",
    "brand.updated": _brand_updated,
    "team.added": lambda a, d: f"{a} added {d.get('name', 'someone')} to the team.",
    "team.removed": lambda a, d: f"{a} removed {d.get('name', 'someone')} from the team.",
    "contact.added": lambda a, d: (
        f"{a} added {d.get('name', 'someone')} as {_article(_role(d))} {_role(d)}."
    ),
    "contact.role_changed": lambda a, d: (
        f"{a} made {d.get('name', 'someone')} {_article(_role(d))} {_role(d)}."
    ),
    "contact.removed": lambda a, d: f"{a} removed {d.get('name', 'someone')} from the contacts.",
    "staff.invited": lambda a, d: f"{a} invited {d.get('email', 'someone')} to the agency.",
    "staff.updated": lambda a, d: f"{a} updated a staff member's details.",
    "profile.updated": lambda a, d: f"{a} updated their profile.",
    "password.changed": lambda a, d: f"{a} changed their password.",
    "invitation.accepted": lambda a, d: f"{a} accepted their invitation.",
    "invitation.resent": lambda a, d: (
        f"{a} sent {d.get('email', 'someone')} a new invitation link."
    ),
    "api_token.created": lambda a, d: f"{a} created the API token {d.get('name', '')}.".replace(
        " .", "."
    ),
    "api_token.revoked": lambda a, d: f"{a} revoked an API token.",
    "magic_link.sent": lambda a, d: "A sign-in link was emailed.",
    "magic_link.used": lambda a, d: f"{a} signed in with an emailed link.",
    "email.retried": lambda a, d: "An email the worker had given up on was sent again.",
}


# Verbs a creative on the client's team does not read in its feed: they see only what the
# account manager shares with them (requests and unsigned briefs are not), and an event's
# sentence and data name what it is about.
NOT_FOR_CREATIVES: set[str] = set()


def register(verb: str, sentence: Sentence, *, creatives: bool = True) -> None:
    """Teach the feed how to say a verb from another app (called from its AppConfig.ready).

    `creatives=False` keeps the event out of creatives' feeds, whatever its audience.
    """
    SENTENCES[verb] = sentence
    if not creatives:
        NOT_FOR_CREATIVES.add(verb)


def actor_name(event: Event) -> str:
    actor = event.actor if event.actor_id else None
    return str(actor) if actor is not None else "Accord"


def describe(event: Event) -> str:
    """The event as one sentence, e.g. “Alice Northwind added Dan Northwind to the team.”"""
    actor = actor_name(event)
    data = event.data if isinstance(event.data, dict) else {}
    sentence = SENTENCES.get(event.verb)
    if sentence is not None:
        return sentence(actor, data)
    words = event.verb.replace("_", " ").replace(".", " ")
    return f"{actor}: {words}."
