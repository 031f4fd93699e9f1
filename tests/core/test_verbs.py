"""Event verbs are declared: undeclared ones fail, and feeds show only what is declared."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import override_settings

from accord.clients.queries import activity_of
from accord.core import events, feed, verbs
from accord.core.models import Event
from accord.core.policy import Audience


@pytest.fixture
def brand_new_verb() -> Any:
    """A client-audience verb an app adds without saying who outside the agency reads it."""
    verbs.declare(
        "test.surprise",
        app="tests",
        audience=Audience.CLIENT,
        fields=("what",),
        personal=("who",),
        sentence=lambda a, d: f"{a} surprised {d.get('who', 'someone')}.",
    )
    yield "test.surprise"
    verbs.undeclare("test.surprise")


def test_recording_an_undeclared_verb_fails(world: Any) -> None:
    with pytest.raises(verbs.UndeclaredVerb, match="not declared"):
        events.record(actor=world.alice, verb="client.noted", target=world.acme)
    assert not Event.objects.exists()


def test_recording_an_undeclared_field_or_audience_fails(world: Any) -> None:
    with pytest.raises(verbs.UndeclaredVerb, match="secret"):
        events.record(
            actor=world.alice, verb="client.archived", target=world.acme, data={"secret": 1}
        )
    with pytest.raises(verbs.UndeclaredVerb, match="internal"):
        events.record(
            actor=world.alice, verb="client.archived", target=world.acme, audience=Audience.CLIENT
        )


@override_settings(STRICT_EVENT_VERBS=False)
def test_in_production_an_undeclared_verb_is_logged_and_still_recorded(
    world: Any, caplog: Any
) -> None:
    event = events.record(actor=world.alice, verb="client.noted", target=world.acme)
    assert event.pk and "undeclared" in caplog.text
    assert events.verify_chain().intact


def test_every_declared_verb_has_an_app_and_a_sentence() -> None:
    assert {"client.updated", "brief.signed_off", "job.started", "email.retried"} <= set(
        verbs.REGISTRY
    )
    for verb in verbs.REGISTRY.values():
        apps = {
            "core", "accounts", "clients", "intake", "work", "reviews", "conversations", "insights"
        }  # fmt: skip
        assert verb.app in apps, verb.name
        sample = dict.fromkeys(verb.fields | verb.personal, "")
        for data in ({}, sample):
            said = feed.describe(Event(verb=verb.name, data=data))
            assert said.endswith((".", "”")) and verb.name not in said, verb.name
        assert not (verb.contacts and verb.audience != Audience.CLIENT), verb.name


def test_the_wording_lives_with_the_app_that_owns_the_verb() -> None:
    owners = {v.name: v.sentence.__module__ for v in verbs.REGISTRY.values()}
    assert owners["brief.signed_off"] == "accord.intake.feed"
    assert owners["team.added"] == "accord.clients.feed"
    assert owners["staff.invited"] == "accord.accounts.feed"
    assert owners["job.started"] == "accord.work.feed"
    assert owners["email.retried"] == "accord.core.feed"


def test_a_new_verb_is_read_only_by_managers_until_declared_for_others(
    world: Any, brand_new_verb: str
) -> None:
    events.record(
        actor=world.alice,
        verb=brand_new_verb,
        target=world.acme,
        client=world.acme,
        audience=Audience.CLIENT,
        data={"what": "cake", "who": "Carol Acme"},
    )
    readers = {
        name: [e.verb for e in activity_of(world.acme, world.persona(name))]
        for name in ("alice", "erin", "dan", "carol")
    }
    assert readers == {
        "alice": [brand_new_verb],
        "erin": [brand_new_verb],
        "dan": [],
        "carol": [],
    }
    verbs.declare(
        brand_new_verb,
        app="tests",
        audience=Audience.CLIENT,
        fields=("what",),
        personal=("who",),
        contacts=True,
        sentence=lambda a, d: "",
    )
    assert [e.verb for e in activity_of(world.acme, world.carol)] == [brand_new_verb]
    assert list(activity_of(world.acme, world.dan)) == []


def test_personal_fields_are_stored_outside_the_hash(world: Any, brand_new_verb: str) -> None:
    event = events.record(
        actor=world.alice,
        verb=brand_new_verb,
        target=world.acme,
        client=world.acme,
        audience=Audience.CLIENT,
        data={"what": "cake", "who": "Carol Acme"},
    )
    event.refresh_from_db()
    assert (event.data, event.personal) == ({"what": "cake"}, {"who": "Carol Acme"})
    assert feed.describe(event) == "Alice Northwind surprised Carol Acme."
    Event.objects.filter(pk=event.pk).update(personal={"who": "someone"})
    assert events.verify_chain().intact


def test_the_today_list_can_read_through_the_client_verb_index(world: Any) -> None:
    index = next(i for i in Event._meta.indexes if i.name == "event_client_verb")
    assert index.fields == ["client_id", "verb", "created_at"]
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "core_event")
    assert constraints["event_client_verb"]["columns"] == ["client_id", "verb", "created_at"]
