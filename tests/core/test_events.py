"""The event chain: every event hashes the one before it, and tampering shows."""

import threading
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from hypothesis import given
from hypothesis import strategies as st

from accord.core import events, verbs
from accord.core.events import GENESIS_HASH, canonical_json, event_hash, record, verify_chain
from accord.core.models import ChainHead, Event
from accord.core.policy import Audience


@pytest.fixture(autouse=True)
def test_verbs():
    """Verbs only these tests record: declared like any app's, forgotten afterwards."""
    for name in ("test.happened", "test.concurrent"):
        verbs.declare(
            name,
            app="tests",
            audience=Audience.CLIENT,
            fields=("n", "note", "rounds", "i"),
            sentence=lambda a, d: f"{a} tested.",
        )
    yield
    verbs.undeclare("test.happened")
    verbs.undeclare("test.concurrent")


def _record_three(actor, client):
    return [
        record(
            actor=actor,
            verb="test.happened",
            target=client,
            client=client,
            data={"n": n, "note": "déjà vu"},
        )
        for n in range(3)
    ]


def test_each_event_chains_to_the_one_before(alice, acme):
    first, second, third = _record_three(alice, acme)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert ChainHead.objects.get(pk=1).last_hash == third.hash


def test_an_event_remembers_who_did_what_to_which_client(alice, acme):
    event = record(
        actor=alice,
        verb="test.happened",
        target=acme,
        client=acme,
        audience=Audience.CLIENT,
        data={"rounds": 2},
    )
    event.refresh_from_db()
    assert (event.actor, event.verb, event.client_id) == (alice, "test.happened", acme.pk)
    assert (event.target_type, event.target_id) == ("clients.client", str(acme.pk))
    assert event.audience == Audience.CLIENT
    assert event.data == {"rounds": 2}


def test_the_system_can_record_without_an_actor(acme):
    event = record(actor=None, verb="magic_link.sent", target=("accounts.user", 7))
    assert event.actor_id is None
    assert verify_chain().intact


def test_a_target_must_be_a_model_or_a_pair(db):
    with pytest.raises(TypeError):
        record(actor=None, verb="nonsense", target="acme")


def test_an_untouched_chain_verifies(alice, acme):
    _record_three(alice, acme)
    report = verify_chain()
    assert report.intact
    assert report.checked == 3


def test_an_empty_chain_verifies(db):
    report = verify_chain()
    assert report.intact
    assert report.checked == 0


def test_changing_an_events_data_is_caught_at_that_event(alice, acme):
    _, tampered, _ = _record_three(alice, acme)
    Event.objects.filter(pk=tampered.pk).update(data={"n": 99})
    report = verify_chain()
    assert not report.intact
    assert report.broken_event_id == tampered.pk
    assert report.checked == 1
    assert "changed" in report.reason


def test_a_forged_erasure_does_not_hide_an_edit_to_an_earlier_event(alice, acme):
    """An erasure vouches for nothing: a later `person.erased` row cannot excuse an edit."""
    _, tampered, _ = _record_three(alice, acme)
    Event.objects.filter(pk=tampered.pk).update(data={"n": 99, "note": "déjà vu"})
    forged = record(actor=alice, verb="person.erased", target=alice, data={"person": alice.pk})
    voucher = {"event": tampered.pk, "hash": tampered.hash, "digest": "0" * 64}
    Event.objects.filter(pk=forged.pk).update(data={"person": alice.pk, "redacted": [voucher]})
    assert verify_chain().broken_event_id == tampered.pk


def test_rewriting_an_events_actor_is_caught(alice, max, acme):
    first, _, _ = _record_three(alice, acme)
    Event.objects.filter(pk=first.pk).update(actor=max)
    assert verify_chain().broken_event_id == first.pk


def test_deleting_an_event_in_the_middle_is_caught(alice, acme):
    _, middle, last = _record_three(alice, acme)
    Event.objects.filter(pk=middle.pk).delete()
    report = verify_chain()
    assert not report.intact
    assert report.broken_event_id == last.pk
    assert "previous hash" in report.reason


def test_deleting_the_last_event_is_caught(alice, acme):
    _, _, last = _record_three(alice, acme)
    Event.objects.filter(pk=last.pk).delete()
    report = verify_chain()
    assert not report.intact
    assert report.broken_event_id == last.pk
    assert report.checked == 2
    assert "removed" in report.reason


def test_deleting_every_event_is_caught(alice, acme):
    _, _, last = _record_three(alice, acme)
    Event.objects.all().delete()
    report = verify_chain()
    assert not report.intact
    assert report.broken_event_id == last.pk


def test_a_recomputed_forgery_of_the_last_event_is_caught(alice, acme):
    _, second, last = _record_three(alice, acme)
    forged = {"n": 99}
    forged_hash = event_hash(
        prev_hash=second.hash,
        created_at=last.created_at,
        actor_id=last.actor_id,
        verb=last.verb,
        target_type=last.target_type,
        target_id=last.target_id,
        client_id=last.client_id,
        audience=last.audience,
        data=forged,
    )
    Event.objects.filter(pk=last.pk).update(data=forged, hash=forged_hash)
    report = verify_chain()
    assert report.broken_event_id == last.pk


def test_recording_after_a_truncation_is_still_caught(alice, acme):
    _, _, last = _record_three(alice, acme)
    Event.objects.filter(pk=last.pk).delete()
    newer = record(actor=alice, verb="client.updated", target=acme, client=acme)
    assert verify_chain().broken_event_id == newer.pk


def test_audit_verify_reports_an_intact_chain_with_its_count(alice, acme, capsys):
    _record_three(alice, acme)
    call_command("audit", "verify")
    assert "Event chain intact: 3 events verified." in capsys.readouterr().out


def test_audit_verify_fails_naming_the_tampered_event(alice, acme):
    _, tampered, _ = _record_three(alice, acme)
    Event.objects.filter(pk=tampered.pk).update(verb="client.deleted")
    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify")
    assert caught.value.returncode == 1
    assert f"event {tampered.pk}" in str(caught.value)


def test_rolled_back_events_leave_no_gap(alice, acme):
    from django.db import transaction

    first = record(actor=alice, verb="client.updated", target=acme, client=acme)
    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor=alice, verb="client.updated", target=acme, client=acme)
        raise RuntimeError("the service failed after recording")
    after = record(actor=alice, verb="client.updated", target=acme, client=acme)
    assert after.prev_hash == first.hash
    assert verify_chain().intact


# --- The hash itself is a pure function ------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@given(value=json_values)
def test_canonical_json_ignores_key_order(value):
    if isinstance(value, dict):
        reordered = dict(reversed(list(value.items())))
        assert canonical_json(reordered) == canonical_json(value)
    assert canonical_json(value) == canonical_json(value)


@given(
    data=json_values,
    at=moments,
    verb=st.text(max_size=20),
    actor=st.none() | st.integers(min_value=1),
    prev=st.sampled_from([GENESIS_HASH, "a" * 64]),
)
def test_event_hash_is_deterministic_and_sensitive_to_its_inputs(data, at, verb, actor, prev):
    fields = {
        "prev_hash": prev,
        "created_at": at,
        "actor_id": actor,
        "verb": verb,
        "target_type": "clients.client",
        "target_id": "1",
        "client_id": 1,
        "audience": "internal",
        "data": data,
    }
    digest = event_hash(**fields)
    assert digest == event_hash(**fields)
    assert len(digest) == 64
    assert event_hash(**{**fields, "verb": verb + "!"}) != digest
    assert event_hash(**{**fields, "prev_hash": "b" * 64}) != digest
    assert event_hash(**{**fields, "data": [data]}) != digest


@given(at=moments)
def test_event_hash_does_not_depend_on_the_time_zone_it_is_read_in(at):
    from zoneinfo import ZoneInfo

    fields = {
        "prev_hash": GENESIS_HASH,
        "actor_id": None,
        "verb": "x",
        "target_type": "t",
        "target_id": "1",
        "client_id": None,
        "audience": "internal",
        "data": {},
    }
    elsewhere = at.astimezone(ZoneInfo("Pacific/Auckland"))
    assert event_hash(created_at=at, **fields) == event_hash(created_at=elsewhere, **fields)


# --- Concurrent writers ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: the in-memory SQLite test database cannot be shared "
            "safely between threads"
        )
    ChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
    writers, per_writer = 8, 10
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(per_writer):
                events.record(
                    actor=None, verb="test.concurrent", target=("test.writer", n), data={"i": i}
                )
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert Event.objects.count() == writers * per_writer
    prev_hashes = list(Event.objects.values_list("prev_hash", flat=True))
    assert len(set(prev_hashes)) == len(prev_hashes), "two events share a parent: a fork"
    report = verify_chain()
    assert report.intact
    assert report.checked == writers * per_writer


CONCURRENT_SQLITE_SCRIPT = """
import threading
import django
django.setup()
from django.core.management import call_command
from django.db import connections
from accord.core import events, verbs
from accord.core.models import Event

call_command("migrate", verbosity=0)
verbs.declare("test.concurrent", app="tests", fields=("i",), sentence=lambda a, d: "")
failures = []
start = threading.Barrier(6)

def write(n):
    try:
        start.wait()
        for i in range(15):
            events.record(actor=None, verb="test.concurrent", target=("test.writer", n),
                          data={"i": i})
    except BaseException as exc:
        failures.append(repr(exc))
    finally:
        connections.close_all()

threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
prev = list(Event.objects.values_list("prev_hash", flat=True))
report = events.verify_chain()
print(failures, len(prev), len(set(prev)), report.intact, report.checked)
"""


def test_concurrent_writers_on_a_sqlite_file_do_not_fork_the_chain(tmp_path):
    """SQLite's write lock (BEGIN IMMEDIATE) serialises writers of a real database file."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ACCORD_", "DATABASE_URL", "TEST_DATABASE_URL", "DJANGO_"))
    }
    env.update(
        ACCORD_SECRET_KEY="x" * 50,
        DJANGO_SETTINGS_MODULE="accord.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'chain.sqlite3'}",
        ACCORD_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", CONCURRENT_SQLITE_SCRIPT],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "[] 90 90 True 90"


def test_history_is_recorded_at_its_own_moment_and_in_order(alice, acme):
    earlier = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    with events.as_of(earlier):
        first = record(actor=alice, verb="client.created", target=acme, client=acme)
    assert first.created_at == earlier
    with events.as_of(earlier.replace(hour=11)):
        record(actor=alice, verb="client.created", target=acme, client=acme)
    with pytest.raises(events.OutOfOrder), events.as_of(earlier):
        record(actor=alice, verb="client.created", target=acme, client=acme)
    now = record(actor=alice, verb="client.created", target=acme, client=acme)
    assert now.created_at > earlier.replace(hour=11)  # outside the block: the time it is now
    assert verify_chain().intact
