"""What Acme agreed, from the events that say so: a brief Carol signed off, work she approved,
notes she confirmed — each with the SHA-256 of exactly what was agreed, once, found by search
by those who read Acme's record, and checked by `accord audit verify`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accord.core import search
from accord.core.models import Event
from accord.insights import agreements
from accord.insights.models import Agreement, MeetingNote
from accord.insights.services import notes
from accord.intake.models import BriefVersion, SignOff
from accord.reviews.models import Version
from tests.insights.agreements_data import approved_version, kickoff, signed_brief

K = Agreement.Kind


def _only(kind: str) -> Agreement:
    return Agreement.objects.get(kind=kind)


@pytest.fixture
def confirmed(world) -> MeetingNote:
    note = kickoff(world)
    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    return note


def test_a_brief_signed_off_is_agreed_with_its_questions_and_answers(world):
    brief = signed_brief(world)
    entry = _only(K.SIGN_OFF)
    version = BriefVersion.objects.get(brief=brief, number=1)
    signed = SignOff.objects.get(brief=brief)
    assert (entry.client, entry.agreed_by, entry.source_type, entry.source_id) == (
        world.acme,
        world.carol,
        "brief",
        brief.pk,
    )
    assert entry.sha256 == version.sha256 == signed.sha256 == entry.event.data["sha256"]
    assert entry.title == "Summer (version 1)"
    assert "2,000 voucher redemptions in April." in entry.summary
    assert "Tastes as good as the one you love." in entry.summary
    # The approver is a person's id in the answers: no name is written into the record.
    assert str(world.carol.pk) not in entry.summary.split("\n")
    assert entry.agreed_at == entry.event.created_at


def test_work_approved_by_the_client_is_agreed_with_the_decisions_notes(world):
    version = approved_version(world, verdict="approved_with_changes", note="Make the logo larger.")
    entry = _only(K.APPROVAL)
    assert (entry.agreed_by, entry.source_type, entry.source_id) == (
        world.carol,
        "version",
        version.pk,
    )
    assert entry.sha256 == version.sha256
    assert (
        entry.event.verb == "round.closed"
        and entry.event.data["outcome"] == "approved_with_changes"
    )
    assert entry.title == "Hero banner (version 1)"
    assert "Approved with changes" in entry.summary and "Make the logo larger." in entry.summary


def test_internal_approvals_and_changes_asked_are_not_agreements(world):
    approved_version(world, verdict="changes_required", note="Start again.")
    assert not Agreement.objects.exists()  # the internal round was approved: not the client's


def test_meeting_notes_confirmed_are_agreed_once(world, confirmed):
    entry = _only(K.MEETING_NOTE)
    assert (entry.source_id, entry.sha256, entry.agreed_by) == (
        confirmed.pk,
        confirmed.sha256,
        world.carol,
    )
    event = entry.event
    agreements_before = Agreement.objects.count()
    # The same event heard again (a listener run twice) adds nothing.
    from accord.insights.services import agreements as record

    record.from_note(event)
    assert Agreement.objects.count() == agreements_before


# --- Search ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "finds"),
    [
        ("erin", True),
        ("alice", True),
        ("carol", True),
        ("ray", True),
        ("max", False),
        ("gus", False),
        ("dan", False),
        ("cora", False),
    ],
)
def test_what_was_agreed_is_found_by_those_who_read_acmes_record(world, confirmed, who, finds):
    hits = search.search(world.persona(who), "store list", kinds=["agreement"]).hits
    assert bool(hits) is finds
    if finds:
        assert hits[0].title == "Meeting notes confirmed: Spring launch kick-off"
        assert hits[0].url.endswith(f"?entry={_only(K.MEETING_NOTE).pk}")


def test_the_index_can_be_rebuilt_from_the_record(world, confirmed):
    signed_brief(world)
    done = search.reindex(["agreement"])
    assert done["agreement"].written + done["agreement"].unchanged == 2


# --- The audit ---------------------------------------------------------------------------------


def _audit() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("audit", "verify", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _audit_fails() -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="problem"):
        call_command("audit", "verify", stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_the_audit_verifies_every_kind_of_agreement(world, confirmed):
    signed_brief(world)
    approved_version(world)
    out, err = _audit()
    assert "What was agreed: 3 verified." in out and err == ""


def test_notes_changed_after_they_were_confirmed_are_reported(world, confirmed):
    MeetingNote.objects.filter(pk=confirmed.pk).update(body="Budget: £1,000,000.")
    err = _audit_fails()
    assert "What was agreed: entry" in err
    assert "the meeting notes were changed after they were confirmed" in err


def test_a_signed_brief_version_changed_after_sign_off_is_reported(world):
    brief = signed_brief(world)
    version = BriefVersion.objects.get(brief=brief)
    version.answers = {**version.answers, "budget": "£1"}
    version.save(update_fields=["answers"])
    assert "the signed brief version was changed after it was signed" in _audit_fails()


def test_an_approved_version_whose_fingerprint_changed_is_reported(world):
    version = approved_version(world)
    Version.objects.filter(pk=version.pk).update(sha256="f" * 64)
    assert "the approved version's SHA-256 is not the one agreed" in _audit_fails()


def test_an_entry_whose_fingerprint_was_rewritten_is_reported(world, confirmed):
    Agreement.objects.update(sha256="e" * 64)
    assert "its SHA-256 differs from its event's" in _audit_fails()


def test_an_entry_rewritten_with_its_source_still_disagrees_with_the_chain(world):
    version = approved_version(world)
    Version.objects.filter(pk=version.pk).update(sha256="d" * 64)
    Agreement.objects.update(sha256="d" * 64)
    assert "no approving decision in the event chain holds its SHA-256" in _audit_fails()


def test_an_entry_showing_other_words_than_its_notes_is_reported(world, confirmed):
    Agreement.objects.update(summary="Held on 1 May. Fees are waived.")
    assert "what it shows is not what the confirmed notes say" in _audit_fails()


def test_an_entry_showing_other_answers_than_its_signed_brief_is_reported(world):
    signed_brief(world)
    Agreement.objects.update(summary="Budget\n£1")
    assert "what it shows is not what the signed brief version says" in _audit_fails()


def test_a_deleted_entry_of_confirmed_notes_is_reported(world, confirmed):
    Agreement.objects.all().delete()
    err = _audit_fails()
    assert f"meeting notes {confirmed.pk} confirmed" in err
    assert "their entry in what was agreed is missing" in err


def test_an_entry_without_its_event_is_reported(world, confirmed):
    Agreement.objects.update(event=None)
    assert "the event that recorded it is missing" in _audit_fails()


def test_an_entry_pointing_at_another_event_is_reported(world, confirmed):
    other = Event.objects.filter(verb="meeting_note.recorded").get()
    Agreement.objects.update(event=other)
    assert "is not the one that recorded it" in _audit_fails()


def test_the_audit_reads_the_record_in_chunks(
    world, confirmed, monkeypatch, django_assert_max_num_queries
):
    signed_brief(world)
    approved_version(world)
    monkeypatch.setattr(agreements, "CHUNK", 1)
    # Per chunk: the entries, then each kind's sources (at most 2 for approvals): 3 chunks;
    # then the notes' confirmations in the chain, with their entries: 1 chunk and the last read.
    with django_assert_max_num_queries(3 * 3 + 1 + 2 + 1):
        name, checked, problems = agreements.verify()
    assert (name, checked, problems) == ("What was agreed", 3, [])
