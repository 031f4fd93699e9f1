"""Every event verb, declared once: its app, audience, feed sentence, payload and readers.

Apps declare their verbs from `AppConfig.ready` (each app's `feed.py`). `events.record` refuses
an undeclared verb or payload field when `STRICT_EVENT_VERBS` is on (debug and tests); in
production it logs the mistake and records the event anyway, because nothing may be lost.
Feeds are deny-by-default: contacts and creatives read only the verbs declared for them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from accord.core.policy import Audience

Sentence = Callable[[str, dict[str, Any]], str]


class UndeclaredVerb(Exception):
    """An event verb, or a payload field of it, that no app declared."""


@dataclass(frozen=True)
class Verb:
    name: str
    app: str
    sentence: Sentence
    # The widest audience the verb is recorded with (`client` may still be recorded internally).
    audience: str
    # Payload fields that are hashed into the chain: ids, verbs' details, content fingerprints.
    fields: frozenset[str]
    # Payload fields holding personal data (names, emails): stored outside the hash, erasable.
    personal: frozenset[str]
    contacts: bool
    creatives: bool


REGISTRY: dict[str, Verb] = {}


def declare(
    name: str,
    *,
    app: str,
    sentence: Sentence,
    audience: str = Audience.INTERNAL,
    fields: Iterable[str] = (),
    personal: Iterable[str] = (),
    contacts: bool = False,
    creatives: bool = False,
) -> Verb:
    """Declare a verb (from the owning app's `AppConfig.ready`); contacts need `client` audience."""
    if contacts and audience != Audience.CLIENT:
        raise ValueError(f"{name}: only a client-audience verb can be read by contacts.")
    existing = REGISTRY.get(name)
    if existing is not None and existing.app != app:
        raise ValueError(f"{name} is already declared by {existing.app}.")
    verb = Verb(
        name=name,
        app=app,
        sentence=sentence,
        audience=audience,
        fields=frozenset(fields),
        personal=frozenset(personal),
        contacts=contacts,
        creatives=creatives,
    )
    REGISTRY[name] = verb
    return verb


def saying(template: str) -> Sentence:
    """A sentence that needs only the actor: `saying("{actor} archived the client.")`."""
    return lambda actor, data: template.format(actor=actor)


def undeclare(name: str) -> None:
    """Forget a verb (for tests that declare their own)."""
    REGISTRY.pop(name, None)


def get(name: str) -> Verb | None:
    return REGISTRY.get(name)


def check(name: str, audience: str, data: dict[str, Any]) -> Verb:
    """The declaration of `name`, or UndeclaredVerb when it, its audience or a field is not."""
    verb = REGISTRY.get(name)
    if verb is None:
        raise UndeclaredVerb(f"The event verb {name!r} is not declared (see accord/core/verbs.py).")
    if audience == Audience.CLIENT and verb.audience != Audience.CLIENT:
        raise UndeclaredVerb(f"{name} is declared internal but was recorded for the client.")
    unknown = set(data) - verb.fields - verb.personal
    if unknown:
        raise UndeclaredVerb(f"{name} has undeclared payload fields: {', '.join(sorted(unknown))}.")
    return verb


def for_contacts() -> list[str]:
    return sorted(v.name for v in REGISTRY.values() if v.contacts)


def for_creatives() -> list[str]:
    return sorted(v.name for v in REGISTRY.values() if v.creatives)


def with_personal_data() -> list[str]:
    return sorted(v.name for v in REGISTRY.values() if v.personal)


def naming_a_user() -> list[str]:
    """Verbs whose hashed `user` id names the person their personal `name` shows."""
    return sorted(v.name for v in REGISTRY.values() if "user" in v.fields and "name" in v.personal)
