"""Briefs signed off and work approved before Accord kept the record of what was agreed: the
audit names each without its entry, and `accord agreements-backfill` writes them from their
events, as the listeners would have, once however often it runs."""

from io import StringIO

import pytest
from django.core.management import call_command

from accord.core import events
from accord.insights import agreements, backfill
from accord.insights.models import Agreement
from tests.insights.agreements_data import approved_version, signed_brief

K = Agreement.Kind
KEPT = (
    "kind",
    "source_type",
    "source_id",
    "sha256",
    "event_id",
    "client_id",
    "title",
    "summary",
    "agreed_at",
    "agreed_by_id",
)


def _record() -> set[tuple]:
    return set(Agreement.objects.values_list(*KEPT))


def _agree(world, *, briefs: int, approvals: int) -> set[tuple]:
    """Briefs Carol signed off and banners she approved, through the services: the record as
    the listeners wrote it."""
    for n in range(briefs):
        signed_brief(world, title=f"Brief {n}")
    for _ in range(approvals):
        approved_version(world, verdict="approved_with_changes", note="Make the logo larger.")
    return _record()


def _backfilled() -> str:
    out = StringIO()
    call_command("agreements-backfill", stdout=out)
    return out.getvalue()


@pytest.fixture
def agreed_before(world) -> set[tuple]:
    """Two sign-offs and an approval whose entries are gone, as before the record was kept."""
    first = _agree(world, briefs=2, approvals=1)
    Agreement.objects.all().delete()
    return first


def test_the_audit_names_each_sign_off_and_approval_without_its_entry(agreed_before):
    name, checked, problems = backfill.missing_entries()
    assert (name, checked, len(problems)) == (backfill.NAME, 3, 3)
    assert sum("signed off, client" in p for p in problems) == 2
    assert sum("approved in review round" in p for p in problems) == 1
    assert all(p.endswith("(`accord agreements-backfill` adds it).") for p in problems)


def test_the_backfill_writes_each_entry_as_first_recorded_once(agreed_before):
    assert _backfilled() == "Brief signed off: 2 entries added.\nWork approved: 1 entry added.\n"
    assert _record() == agreed_before  # same events, SHA-256s, summaries, times and people
    assert _backfilled() == "Brief signed off: 0 entries added.\nWork approved: 0 entries added.\n"
    assert _record() == agreed_before
    assert backfill.missing_entries() == (backfill.NAME, 3, [])
    assert agreements.verify()[2] == []  # each entry matches its event and what it is about


def test_only_the_missing_entries_are_written(world, agreed_before):
    backfill.backfill()
    kept = Agreement.objects.get(kind=K.APPROVAL)
    Agreement.objects.filter(kind=K.SIGN_OFF).earliest("pk").delete()
    assert backfill.backfill() == {K.SIGN_OFF: 1, K.APPROVAL: 0}
    assert _record() == agreed_before
    assert Agreement.objects.get(kind=K.APPROVAL).pk == kept.pk


def test_events_are_walked_a_chunk_at_a_time(agreed_before, monkeypatch):
    monkeypatch.setattr(backfill, "CHUNK", 1)
    assert len(backfill.missing_entries()[2]) == 3
    assert backfill.backfill(chunk=1) == {K.SIGN_OFF: 2, K.APPROVAL: 1}
    assert _record() == agreed_before
    assert backfill.missing_entries() == (backfill.NAME, 3, [])


def test_what_was_not_agreed_is_neither_missing_nor_written(world):
    approved_version(world, verdict="changes_required", note="Start again.")
    # A sign-off recorded without the SHA-256 signed: nothing its service could write.
    events.record(
        actor=None,
        verb="brief.signed_off",
        target=world.acme,
        client=world.acme,
        data={"version": 1},
    )
    assert backfill.missing_entries() == (backfill.NAME, 0, [])
    assert backfill.backfill() == {K.SIGN_OFF: 0, K.APPROVAL: 0}
    assert not Agreement.objects.exists()


def test_the_audit_lists_at_most_its_limit_and_counts_the_rest(agreed_before, monkeypatch):
    monkeypatch.setattr(backfill, "MAX_PROBLEMS", 2)
    problems = backfill.missing_entries()[2]
    assert len(problems) == 3 and problems[-1] == "… and 1 more problems."


# Queries to check the whole chain, whatever its length: per verb, a chunk of events and the
# entries they name. Writing an entry costs its service's own queries, in a savepoint.
CHECK = 4
PER_ENTRY = 8


@pytest.mark.parametrize("count", [5, 50])
def test_queries_are_bounded_whatever_the_number_of_events(
    world, count, django_assert_max_num_queries
):
    _agree(world, briefs=count - count // 2, approvals=count // 2)
    Agreement.objects.all().delete()
    with django_assert_max_num_queries(CHECK):
        assert len(backfill.missing_entries()[2]) == count
    with django_assert_max_num_queries(CHECK + PER_ENTRY * count):
        assert sum(backfill.backfill().values()) == count
    with django_assert_max_num_queries(CHECK):
        assert sum(backfill.backfill().values()) == 0
    with django_assert_max_num_queries(CHECK):
        assert backfill.missing_entries()[2] == []
