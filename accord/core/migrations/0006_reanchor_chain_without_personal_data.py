"""Move personal data out of hashed event data, rehash the chain once, and say so in the chain.

Events recorded before `Event.personal` existed hold names and emails in `data`, which is hashed,
so erasing a person would break the chain. This moves those fields (per verb, as declared when
this was written) into `personal`, recomputes every hash in id order, and appends a
`chain.reanchored` event holding the previous head hash and how many events were rehashed, so
anyone who kept the old head can relate it to the new chain. The old chain is checked on the way:
the first event that did not verify before the rehash is named in that event (`first_mismatch`).

The hash function and the verb mapping are copied here on purpose: a migration must keep doing
what it did when it was written, whatever the code later becomes.
"""

import hashlib
import json
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations
from django.utils import timezone

GENESIS_HASH = "0" * 64
CHUNK = 500
REANCHORED = "chain.reanchored"
# Verb → the payload fields that are personal data (names, emails), as declared today.
PERSONAL = {
    "staff.invited": ("email",),
    "invitation.resent": ("email",),
    "staff.updated": ("name", "job_title"),
    "team.added": ("name",),
    "team.removed": ("name",),
    "contact.added": ("name",),
    "contact.role_changed": ("name",),
    "contact.removed": ("name",),
}


def _canonical(value):
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder
    )


def _hash(prev_hash, *, created_at, actor_id, verb, target_type, target_id, client_id, audience,
          data):
    body = _canonical(
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


def _hash_of(event, prev_hash):
    return _hash(
        prev_hash,
        created_at=event.created_at,
        actor_id=event.actor_id,
        verb=event.verb,
        target_type=event.target_type,
        target_id=event.target_id,
        client_id=event.client_id,
        audience=event.audience,
        data=event.data,
    )


def _chunks(Event, chunk):
    """Every event in id order, `chunk` at a time (bounded memory; no cursor left open while
    the rows are written, which SQLite would not allow)."""
    last = 0
    while True:
        rows = list(Event.objects.filter(pk__gt=last).order_by("pk")[:chunk])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def _needs_it(Event):
    for verb, fields in PERSONAL.items():
        for field in fields:
            if Event.objects.filter(verb=verb, data__has_key=field).exists():
                return True
    return False


def reanchor(apps, schema_editor, chunk=CHUNK):
    """Personal fields out of `data`, every hash recomputed, one `chain.reanchored` event."""
    Event = apps.get_model("core", "Event")
    ChainHead = apps.get_model("core", "ChainHead")
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None or not _needs_it(Event):
        return
    previous_head = head.last_hash
    old_prev = new_prev = GENESIS_HASH
    first_mismatch = None
    rehashed = 0
    for rows in _chunks(Event, chunk):
        for event in rows:
            if first_mismatch is None and (
                event.prev_hash != old_prev or _hash_of(event, event.prev_hash) != event.hash
            ):
                first_mismatch = event.pk
            old_prev = event.hash
            data = event.data if isinstance(event.data, dict) else {}
            moved = {k: data[k] for k in PERSONAL.get(event.verb, ()) if k in data}
            if moved:
                personal = event.personal if isinstance(event.personal, dict) else {}
                event.data = {k: v for k, v in data.items() if k not in moved}
                event.personal = {**moved, **personal}
            event.prev_hash = new_prev
            event.hash = _hash_of(event, new_prev)
            new_prev = event.hash
            rehashed += 1
        Event.objects.bulk_update(rows, ["data", "personal", "prev_hash", "hash"])
    if first_mismatch is None and head.last_hash != old_prev:
        first_mismatch = head.last_event_id  # the chain had lost its last events
    data = {"previous_head": previous_head, "rehashed": rehashed}
    if first_mismatch is not None:
        data["first_mismatch"] = first_mismatch
    created_at = timezone.now()
    fields = {
        "created_at": created_at,
        "actor_id": None,
        "verb": REANCHORED,
        "target_type": "core.chainhead",
        "target_id": "1",
        "client_id": None,
        "audience": "internal",
        "data": data,
    }
    digest = _hash(new_prev, **fields)
    event = Event.objects.create(**fields, personal={}, prev_hash=new_prev, hash=digest)
    head.last_hash, head.last_event_id = digest, event.pk
    head.save(update_fields=["last_hash", "last_event_id"])


class Migration(migrations.Migration):
    dependencies = [("core", "0005_email_outbox_and_worker_heartbeat")]
    operations = [migrations.RunPython(reanchor, migrations.RunPython.noop)]
