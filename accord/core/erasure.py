"""Erasing a person from the event stream without breaking the chain.

Names and emails live in `Event.personal`, outside the hash (events recorded before that split
were moved there once, see migration 0005), so replacing them changes no hash: erasure edits
`personal` only, and `verify_chain` stays plain recomputation.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from accord.core import events, verbs
from accord.core.models import Event

ERASURE_VERB = "person.erased"
CHUNK = 500
# Personal fields that hold what a person is called or reached at (not, say, a job title).
NAMES = {"name", "previous_name", "email"}


@dataclass(frozen=True)
class Placeholder:
    """What stands where a person's name and email were."""

    name: str
    email: str

    def for_value(self, value: Any) -> str:
        return self.email if "@" in str(value) else self.name


def _chunks(events_: Any) -> Iterator[list[Event]]:
    """Events in id order, a chunk at a time, with no cursor open while the caller writes."""
    last = 0
    while rows := list(events_.filter(pk__gt=last).order_by("pk")[:CHUNK]):
        yield rows
        last = rows[-1].pk


def _about(person_id: int) -> Q:
    return (
        Q(target_type="accounts.user", target_id=str(person_id))
        | Q(data__user=person_id)
        | Q(data__person=person_id)
    )


def _is_about(event: Event, person_id: int) -> bool:
    data = event.data if isinstance(event.data, dict) else {}
    if data.get("user") == person_id or data.get("person") == person_id:
        return True
    return event.target_type == "accounts.user" and event.target_id == str(person_id)


def names_of(person_id: int) -> set[str]:
    """Every name and email events recorded for this person: what they were called before a
    rename, the address they were invited at…"""
    found: set[str] = set()
    about = Event.objects.filter(_about(person_id), verb__in=verbs.with_personal_data())
    for rows in _chunks(about):
        for event in rows:
            personal = event.personal if isinstance(event.personal, dict) else {}
            found |= {
                v.strip()
                for k, v in personal.items()
                if k in NAMES and isinstance(v, str) and v.strip()
            }
    return found


def _erased(event: Event, person_id: int, known: set[str], to: Placeholder) -> dict[str, Any]:
    personal = event.personal if isinstance(event.personal, dict) else {}
    data = event.data if isinstance(event.data, dict) else {}
    about = _is_about(event, person_id)
    if not about and ("user" in data or event.target_type == "accounts.user"):
        return personal  # about someone else, who may share a name
    return {
        field: to.for_value(value)
        if value not in (None, "") and (about or str(value).strip().lower() in known)
        else value
        for field, value in personal.items()
    }


def forget(*, by: Any, person: Any, known: Iterable[str], placeholder: Placeholder) -> Event:
    """Replace `known` (a person's names and emails) in every event's personal data, and
    record `person.erased`. Runs in the caller's transaction; returns the erasure event."""
    lowered = {v.strip().lower() for v in known if v and v.strip()}
    redacted = 0
    named = Event.objects.filter(verb__in=verbs.with_personal_data())
    for rows in _chunks(named):
        changed = []
        for event in rows:
            personal = _erased(event, person.pk, lowered, placeholder)
            if personal != event.personal:
                event.personal = personal
                changed.append(event)
        Event.objects.bulk_update(changed, ["personal"])
        redacted += len(changed)
    return events.record(
        actor=by,
        verb=ERASURE_VERB,
        target=person,
        data={"person": person.pk, "redacted": redacted},
    )
