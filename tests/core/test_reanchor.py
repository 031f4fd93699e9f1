"""The one-time re-anchoring: events recorded with names and emails inside their hashed data get
them moved to `personal`, the chain is rehashed once, and a `chain.reanchored` event says so."""

import importlib
from typing import Any

from django.apps import apps

from accord.core import events
from accord.core.events import GENESIS_HASH, hash_of, verify_chain
from accord.core.models import ChainHead, Event
from accord.core.policy import Audience

migration = importlib.import_module(
    "accord.core.migrations.0006_reanchor_chain_without_personal_data"
)


def _reanchor(chunk: int = 2) -> None:
    migration.reanchor(apps, None, chunk=chunk)


def _old_format_chain(world: Any) -> list[Event]:
    """Events as recorded before `personal` existed: names and emails hashed inside `data`."""
    acme = world.acme
    events.record(
        actor=world.alice,
        verb="contact.added",
        target=("clients.contact", 1),
        client=acme,
        audience=Audience.CLIENT,
        data={"user": world.carol.pk, "name": "Carol Acme", "role": "approver"},
    )
    events.record(
        actor=world.alice, verb="brand.updated", target=acme, client=acme, data={"fields": ["dos"]}
    )
    events.record(
        actor=world.erin,
        verb="staff.invited",
        target=world.dan,
        data={"email": "dan@northwind.test", "role": "creative"},
    )
    events.record(
        actor=world.erin,
        verb="staff.updated",
        target=world.dan,
        data={"name": "Dan North", "staff_role": "creative"},
    )
    events.record(
        actor=world.alice,
        verb="team.removed",
        target=("clients.teammembership", 9),
        client=acme,
        data={"user": world.dan.pk, "name": "Dan North"},
    )
    prev = GENESIS_HASH
    old = []
    for event in Event.objects.order_by("id"):
        event.data, event.personal = {**event.data, **event.personal}, {}
        event.prev_hash = prev
        event.hash = prev = hash_of(event)
        event.save(update_fields=["data", "personal", "prev_hash", "hash"])
        old.append(event)
    ChainHead.objects.filter(pk=1).update(last_hash=prev, last_event_id=old[-1].pk)
    assert verify_chain().intact and verify_chain().checked == 5
    return old


def test_names_leave_the_hash_the_chain_is_rehashed_once_and_says_so(world: Any) -> None:
    old = _old_format_chain(world)
    old_head = old[-1].hash
    _reanchor()

    report = verify_chain()
    assert report.intact and report.checked == 6
    moved = {e.verb: (e.data, e.personal) for e in Event.objects.order_by("id")[:5]}
    assert moved["contact.added"] == (
        {"user": world.carol.pk, "role": "approver"},
        {"name": "Carol Acme"},
    )
    assert moved["staff.invited"] == ({"role": "creative"}, {"email": "dan@northwind.test"})
    assert moved["staff.updated"] == ({"staff_role": "creative"}, {"name": "Dan North"})
    assert moved["brand.updated"] == ({"fields": ["dos"]}, {})
    assert "Carol" not in str(Event.objects.values_list("data", flat=True))
    last = Event.objects.latest("id")
    assert (last.verb, last.actor_id, last.data) == (
        "chain.reanchored",
        None,
        {"previous_head": old_head, "rehashed": 5},
    )
    assert ChainHead.objects.get(pk=1).last_hash == last.hash
    # Every hash after the first moved name follows it.
    assert Event.objects.get(pk=old[1].pk).hash != old[1].hash


def test_after_reanchoring_names_are_erasable_and_anything_else_is_caught(world: Any) -> None:
    _old_format_chain(world)
    _reanchor()
    added = Event.objects.get(verb="contact.added")
    Event.objects.filter(pk=added.pk).update(personal={"name": "Erased person"})
    assert verify_chain().intact
    Event.objects.filter(pk=added.pk).update(data={**added.data, "role": "viewer"})
    assert verify_chain().broken_event_id == added.pk


def test_a_chain_already_broken_is_reanchored_and_says_where_it_was_broken(world: Any) -> None:
    old = _old_format_chain(world)
    Event.objects.filter(pk=old[1].pk).update(data={"fields": ["donts"]})
    assert verify_chain().broken_event_id == old[1].pk
    _reanchor(chunk=500)
    assert verify_chain().intact
    assert Event.objects.latest("id").data["first_mismatch"] == old[1].pk


def test_a_chain_without_personal_data_in_its_hash_is_left_alone(world: Any) -> None:
    events.record(actor=world.alice, verb="client.archived", target=world.acme)
    before = list(Event.objects.values_list("id", "hash"))
    _reanchor()
    assert list(Event.objects.values_list("id", "hash")) == before
    _reanchor()  # and running it twice changes nothing either
    assert list(Event.objects.values_list("id", "hash")) == before


def test_reanchoring_twice_reanchors_once(world: Any) -> None:
    _old_format_chain(world)
    _reanchor()
    _reanchor()
    assert Event.objects.filter(verb="chain.reanchored").count() == 1
    assert verify_chain().intact
