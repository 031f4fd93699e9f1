"""Erasing a person from the event stream without breaking the chain.

Names and emails live in `Event.personal`, outside the hash, so replacing them changes no
hash. Events recorded before that split hold them in hashed `data`: those are redacted too,
and the erasure event (hashed, later in the chain) records each one's original hash and a
digest of what it still says, which `verify_chain` checks instead of the lost original.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from accord.core import events, verbs
from accord.core.models import Event


@dataclass(frozen=True)
class Placeholder:
    """What stands where a person's name and email were."""

    name: str
    email: str

    def for_value(self, value: Any) -> str:
        return self.email if "@" in str(value) else self.name


def _is_about(event: Event, person_id: int) -> bool:
    data = event.data if isinstance(event.data, dict) else {}
    if data.get("user") == person_id or data.get("person") == person_id:
        return True
    return event.target_type == "accounts.user" and event.target_id == str(person_id)


def _redact(
    values: dict[str, Any], fields: Iterable[str], *, about: bool, known: set[str], to: Placeholder
) -> dict[str, Any]:
    changed = dict(values)
    for field in fields:
        value = values.get(field)
        if value in (None, ""):
            continue
        if about or str(value).strip().lower() in known:
            changed[field] = to.for_value(value)
    return changed


def forget(*, by: Any, person: Any, known: Iterable[str], placeholder: Placeholder) -> Event:
    """Replace `known` (a person's names and emails) in every event that holds them, and
    record `person.erased`. Runs in the caller's transaction; returns the erasure event."""
    lowered = {v.strip().lower() for v in known if v and v.strip()}
    personal_updates: list[Event] = []
    legacy: list[Event] = []
    candidates = Event.objects.filter(verb__in=verbs.with_personal_data()).order_by("id")
    for event in candidates.iterator(chunk_size=500):
        declared = verbs.get(event.verb)
        if declared is None:  # pragma: no cover - filtered by verb above
            continue
        about = _is_about(event, person.pk)
        personal = event.personal if isinstance(event.personal, dict) else {}
        new_personal = _redact(personal, personal, about=about, known=lowered, to=placeholder)
        if new_personal != personal:
            event.personal = new_personal
            personal_updates.append(event)
        data = event.data if isinstance(event.data, dict) else {}
        new_data = _redact(data, declared.personal, about=about, known=lowered, to=placeholder)
        if new_data != data:
            event.data = new_data
            legacy.append(event)
    vouchers = [
        {"event": e.pk, "hash": e.hash, "digest": events.redacted_digest(e)} for e in legacy
    ]
    erasure = events.record(
        actor=by,
        verb=events.ERASURE_VERB,
        target=person,
        data={"person": person.pk, "redacted": vouchers},
    )
    for event in personal_updates:
        Event.objects.filter(pk=event.pk).update(personal=event.personal)
    for event in legacy:
        Event.objects.filter(pk=event.pk).update(data=event.data, redacted_by=erasure.pk)
    return erasure
