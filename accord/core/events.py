"""The one event stream: every service records what it did here, hash-chained."""

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from accord.core import verbs
from accord.core.models import ChainHead, Event
from accord.core.policy import Audience

GENESIS_HASH = "0" * 64
logger = logging.getLogger(__name__)
# Set by `as_of` while history is recorded after the fact (the demo's past weeks).
_as_of: ContextVar[datetime | None] = ContextVar("accord_events_as_of", default=None)


# What higher apps do when an event is recorded, inside the recording transaction (registered
# from an AppConfig.ready): insights keeps its "what was agreed" and marks account health to
# recompute this way. A listener must be cheap and must not fail on data it does not know.
Listener = Callable[["Event"], None]
_listeners: dict[str, list[Listener]] = {}
ANY_VERB = "*"


def listen(verb: str, listener: Listener) -> None:
    """Call `listener(event)` for every event of `verb` (or of every verb, with ANY_VERB)."""
    listeners = _listeners.setdefault(verb, [])
    if listener not in listeners:
        listeners.append(listener)


# Checks `accord audit verify` runs after the chain's: each returns its name, how many records
# it checked and the problems it found (one sentence each).
Verifier = Callable[[], tuple[str, int, list[str]]]
_verifiers: list[Verifier] = []


def register_verifier(verifier: Verifier) -> None:
    if verifier not in _verifiers:
        _verifiers.append(verifier)


def verifiers() -> list[Verifier]:
    return list(_verifiers)


class OutOfOrder(ValueError):
    """History recorded `as_of` a moment before the chain's last event."""


@contextmanager
def as_of(moment: datetime) -> Iterator[None]:
    """Record the events of this block as having happened at `moment`: history told after
    the fact, in the order it happened. A moment before the chain's last event is refused
    (`OutOfOrder`), so the chain's order stays the order of its timestamps."""
    token = _as_of.set(moment)
    try:
        yield
    finally:
        _as_of.reset(token)


def _stamp(head: ChainHead) -> datetime:
    moment = _as_of.get()
    if moment is None:
        return timezone.now()
    last = (
        Event.objects.filter(pk=head.last_event_id).values_list("created_at", flat=True).first()
        if head.last_event_id
        else None
    )
    if last is not None and moment < last:
        raise OutOfOrder(f"History must be recorded in order: {moment} is before {last}.")
    return moment


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder
    )


def event_hash(
    *,
    prev_hash: str,
    created_at: datetime,
    actor_id: int | None,
    verb: str,
    target_type: str,
    target_id: str,
    client_id: int | None,
    audience: str,
    data: Any,
) -> str:
    body = canonical_json(
        {
            "actor": actor_id,
            "at": created_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "audience": audience,
            "client": client_id,
            "data": data,
            "target": [target_type, target_id],
            "verb": verb,
        }
    )
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def content_sha256(value: Any) -> str:
    """SHA-256 of exactly what was approved or signed, in canonical JSON."""
    return hashlib.sha256(canonical_json(value).encode()).hexdigest()


def _target_of(target: Any) -> tuple[str, str]:
    if isinstance(target, models.Model):
        return target._meta.label_lower, str(target.pk)
    if isinstance(target, tuple):
        return str(target[0]), str(target[1])
    raise TypeError("target must be a model instance or a (type, id) pair")


def _split(verb: str, audience: str, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check `verb` against its declaration; part its payload into hashed data and personal."""
    declared: verbs.Verb | None
    try:
        declared = verbs.check(verb, audience, data)
    except verbs.UndeclaredVerb:
        if getattr(settings, "STRICT_EVENT_VERBS", settings.DEBUG):
            raise
        logger.error("Recording an undeclared event verb or field", exc_info=True)
        declared = verbs.get(verb)
    personal_fields = declared.personal if declared is not None else frozenset()
    hashed = {k: v for k, v in data.items() if k not in personal_fields}
    personal = {k: v for k, v in data.items() if k in personal_fields}
    return json.loads(canonical_json(hashed)), json.loads(canonical_json(personal))


def lock_chain() -> ChainHead:
    """Lock the chain head (inside the caller's transaction): event writers queue behind it."""
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        ChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def record(
    *,
    actor: Any,
    verb: str,
    target: Any,
    client: Any = None,
    data: dict[str, Any] | None = None,
    audience: str = Audience.INTERNAL,
) -> Event:
    """Append one event to the chain inside the caller's transaction.

    `verb` must be declared (accord.core.verbs); payload fields it declares personal are stored
    in `Event.personal`, outside the hash.
    """
    target_type, target_id = _target_of(target)
    client_id = getattr(client, "pk", client)
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    stored_data, personal = _split(verb, audience, data or {})
    with transaction.atomic():
        head = lock_chain()
        # Taken under the lock, so the chain's order is also the order of its timestamps.
        created_at = _stamp(head)
        digest = event_hash(
            prev_hash=head.last_hash,
            created_at=created_at,
            actor_id=actor_id,
            verb=verb,
            target_type=target_type,
            target_id=target_id,
            client_id=client_id,
            audience=audience,
            data=stored_data,
        )
        event = Event.objects.create(
            created_at=created_at,
            actor_id=actor_id,
            verb=verb,
            target_type=target_type,
            target_id=target_id,
            client_id=client_id,
            audience=audience,
            data=stored_data,
            personal=personal,
            prev_hash=head.last_hash,
            hash=digest,
        )
        head.last_hash = digest
        head.last_event_id = event.pk
        head.save(update_fields=["last_hash", "last_event_id"])
        for listener in (*_listeners.get(verb, ()), *_listeners.get(ANY_VERB, ())):
            listener(event)
    return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_event_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_event_id is None


def hash_of(event: Event) -> str:
    """The hash an event's stored fields give (its `personal` data is not part of it)."""
    return event_hash(
        prev_hash=event.prev_hash,
        created_at=event.created_at,
        actor_id=event.actor_id,
        verb=event.verb,
        target_type=event.target_type,
        target_id=event.target_id,
        client_id=event.client_id,
        audience=event.audience,
        data=event.data,
    )


def verify_chain() -> ChainReport:
    """Recompute every hash in order; report the first event that does not fit.

    The chain head is read first, so events recorded while the check runs are verified as
    links but never mistaken for a truncated chain. Personal data (`Event.personal`) is not
    hashed, so erasing a person changes no hash.
    """
    head = ChainHead.objects.filter(pk=1).first()
    prev = GENESIS_HASH
    checked = 0
    head_seen = False
    for event in Event.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != prev:
            return ChainReport(checked, event.pk, "its previous hash does not match the chain")
        if hash_of(event) != event.hash:
            return ChainReport(checked, event.pk, "its content was changed after it was recorded")
        if head is not None and event.pk == head.last_event_id:
            if event.hash != head.last_hash:
                return ChainReport(checked, event.pk, "it is not the event the chain head records")
            head_seen = True
        prev = event.hash
        checked += 1
    if head is not None and head.last_event_id is not None and not head_seen:
        return ChainReport(
            checked,
            head.last_event_id,
            "it was removed from the end of the chain (the chain head records it)",
        )
    return ChainReport(checked)
