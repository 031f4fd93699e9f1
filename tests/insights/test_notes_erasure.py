"""Erasing Carol takes her name and email out of Acme's meeting notes and of what Acme agreed
(the entry, search, the PDF), while `accord audit verify` still passes and still catches an
edit made before or after the erasure. Other people, look-alike words and other clients' notes
are left as they were, and a person named in no note costs one query."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.accounts import erasure
from accord.accounts.models import User
from accord.core import events, search
from accord.core.erasure import Placeholder
from accord.core.events import verify_chain
from accord.core.models import Event
from accord.insights import agreements, pdf_agreements
from accord.insights.models import Agreement, AgreementsPdf, MeetingNote
from accord.insights.services import agreements_pdf, notes, notes_erasure
from accord.insights.services.agreements import note_summary
from tests.insights.agreements_data import kickoff

TITLE = "Kick-off with carol reyes"
ATTENDEES = "Carol Reyes, Ray Jensen, Alice"
BODY = (
    "- Launch moves to 14 April.\n"
    "- CAROL REYES sends the store list to Carolina by Friday (carol@acme.test).\n"
    "- Ray Jensen checks the budget with mary.carol@acme.test."
)


@pytest.fixture
def carol(world) -> User:
    """Carol, as the demo calls her."""
    User.objects.filter(pk=world.carol.pk).update(name="Carol Reyes")
    world.carol.refresh_from_db()
    return world.carol


@pytest.fixture
def confirmed(world, carol) -> MeetingNote:
    note = kickoff(world, title=TITLE, attendees=ATTENDEES, body=BODY)
    notes.confirm(by=carol, note=note, sha256=note.sha256)
    note.refresh_from_db()
    return note


def _entry(note: MeetingNote) -> Agreement:
    return Agreement.objects.get(source_type="meeting_note", source_id=note.pk)


def _erase(world, carol) -> str:
    """Erase Carol as an admin does; what now stands for her name."""
    erasure.erase_person(person=carol, by=world.erin)
    return erasure.placeholder_for(carol).name


def _globex_note(world) -> MeetingNote:
    return notes.record_note(
        by=world.max,
        client=world.globex,
        title="Quarterly review",
        held_on=timezone.localdate() - timedelta(days=1),
        attendees="Gus Lindgren, Petra Novak, Max",
        body="- Rates page goes live in May.",
    )


def _named(text: str) -> bool:
    lowered = text.lower()
    return "carol reyes" in lowered or "carol@acme.test" in lowered.replace("mary.carol@", "")


def test_erasing_carol_takes_her_name_out_of_the_notes_and_what_acme_agreed(
    world, carol, confirmed
):
    entry = _entry(confirmed)
    assert _named(entry.summary) and _named(entry.title)
    erased = _erase(world, carol)
    note = MeetingNote.objects.get(pk=confirmed.pk)
    entry.refresh_from_db()
    for text in (note.title, note.attendees, note.body, entry.title, entry.summary):
        assert not _named(text), text
    assert note.title == f"Kick-off with {erased}"
    assert note.attendees == f"{erased}, Ray Jensen, Alice"
    assert note.body == (
        "- Launch moves to 14 April.\n"
        f"- {erased} sends the store list to Carolina by Friday "
        f"(erased-{carol.pk}@erased.invalid).\n"
        "- Ray Jensen checks the budget with mary.carol@acme.test."
    )
    assert entry.summary == note_summary(note)
    assert note.redacted_at is not None and entry.redacted_at is not None
    # What was confirmed is still what the record holds.
    assert note.sha256 == entry.sha256 == confirmed.sha256


def test_her_correction_loses_her_name_too(world, carol):
    note = kickoff(world, attendees=ATTENDEES)
    notes.correct(by=carol, note=note, text="Carol Reyes was not there; Ray Jensen was.")
    erased = _erase(world, carol)
    note.refresh_from_db()
    assert note.correction == f"{erased} was not there; Ray Jensen was."
    assert note.attendees == f"{erased}, Ray Jensen, Alice"


def test_search_no_longer_finds_her_name_in_what_was_agreed(world, carol, confirmed):
    assert search.search(world.erin, "Reyes", kinds=["agreement"]).hits
    _erase(world, carol)
    assert not search.search(world.erin, "Reyes", kinds=["agreement"]).hits
    hits = search.search(world.alice, "Jensen", kinds=["agreement"]).hits
    assert [h.object_id for h in hits] == [_entry(confirmed).pk]
    assert "Reyes" not in hits[0].text_title


def test_the_record_pdf_is_made_again_without_her_name(world, carol, confirmed, queue):
    before = agreements_pdf.requested_pdf(client=world.acme)
    assert _named(before.source)
    _erase(world, carol)
    assert not AgreementsPdf.objects.exists()
    source = pdf_agreements.pdf_source(world.acme, pdf_agreements.printed(world.acme))
    assert not _named(source) and "Ray Jensen" in source
    assert not _named(agreements_pdf.requested_pdf(client=world.acme).source)


def test_the_audit_still_passes_after_the_erasure(world, carol, confirmed):
    _erase(world, carol)
    assert agreements.verify() == ("What was agreed", 1, [])
    assert verify_chain().intact
    redacted = Event.objects.get(verb="meeting_note.redacted")
    note = MeetingNote.objects.get(pk=confirmed.pk)
    assert redacted.data == {
        "note": note.pk,
        "person": carol.pk,
        "before": confirmed.sha256,
        "sha256": notes.fingerprint(note),
    }
    assert redacted.client_id == world.acme.pk and redacted.audience == "internal"


def test_an_edit_after_the_erasure_is_still_reported(world, carol, confirmed):
    _erase(world, carol)
    MeetingNote.objects.filter(pk=confirmed.pk).update(body="- Budget doubles.")
    _, _, problems = agreements.verify()
    assert problems and "changed after an erasure took a name out of them" in problems[0]


def test_an_edit_before_the_erasure_is_not_excused_by_it(world, carol, confirmed):
    MeetingNote.objects.filter(pk=confirmed.pk).update(body=BODY.replace("14 April", "1 May"))
    _erase(world, carol)
    _, _, problems = agreements.verify()
    assert problems and "before an erasure" in problems[0]


def test_marking_notes_redacted_by_hand_excuses_nothing(world, confirmed):
    MeetingNote.objects.filter(pk=confirmed.pk).update(
        body="- Budget doubles.", redacted_at=timezone.now()
    )
    _, _, problems = agreements.verify()
    assert problems and "no erasure redacted them" in problems[0]


def test_an_erasure_recorded_for_someone_not_erased_excuses_nothing(world, confirmed):
    # Someone with database access records a "redaction" to cover an edit of the notes.
    MeetingNote.objects.filter(pk=confirmed.pk).update(
        body="- Budget doubles.", redacted_at=timezone.now()
    )
    note = MeetingNote.objects.get(pk=confirmed.pk)
    events.record(
        actor=world.alice,
        verb="meeting_note.redacted",
        target=note,
        client=note.client_id,
        data={
            "note": note.pk,
            "person": world.alice.pk,
            "before": confirmed.sha256,
            "sha256": notes.fingerprint(note),
        },
    )
    _, _, problems = agreements.verify()
    assert problems and "an erasure of no erased person" in problems[0]


def test_an_entry_edited_by_hand_is_still_reported_after_the_erasure(world, carol, confirmed):
    entry = _entry(confirmed)
    Agreement.objects.filter(pk=entry.pk).update(summary=entry.summary + "\n- And free pizza.")
    _erase(world, carol)
    entry.refresh_from_db()
    assert not _named(entry.summary) and entry.summary.endswith("free pizza.")
    _, _, problems = agreements.verify()
    assert problems and "what it shows is not what the confirmed notes say" in problems[0]


def test_other_people_and_other_clients_notes_are_left_alone(world, carol, confirmed):
    lookalike = kickoff(
        world,
        title="Carolina's shop visit",
        attendees="Carolina, Ray Jensen",
        body="- Carol Reyesford says hi.",
    )
    globex = _globex_note(world)
    _erase(world, carol)
    for before in (lookalike, globex):
        after = MeetingNote.objects.get(pk=before.pk)
        assert (after.title, after.attendees, after.body, after.sha256, after.redacted_at) == (
            before.title,
            before.attendees,
            before.body,
            before.sha256,
            None,
        )
    assert Event.objects.filter(verb="meeting_note.redacted").count() == 1


def test_notes_naming_her_are_redacted_a_chunk_at_a_time(world, carol, monkeypatch):
    many = [kickoff(world, title=f"Call {n}", attendees=ATTENDEES) for n in range(3)]
    monkeypatch.setattr(notes_erasure, "CHUNK", 1)
    erased = _erase(world, carol)
    assert set(
        MeetingNote.objects.filter(pk__in=[n.pk for n in many]).values_list("attendees", flat=True)
    ) == {f"{erased}, Ray Jensen, Alice"}


def test_a_person_named_in_no_note_costs_one_query(world, confirmed, django_assert_max_num_queries):
    _globex_note(world)
    known = erasure.Known(
        words=("Dan Northwind", "dan@northwind.test"),
        placeholder=Placeholder(name="Erased person 9", email="erased-9@erased.invalid"),
    )
    with django_assert_max_num_queries(1):
        notes_erasure.forget_person(world.dan, world.erin, known)
    assert not MeetingNote.objects.filter(redacted_at__isnull=False).exists()


def test_the_placeholder_stands_for_names_and_addresses_alone():
    known = erasure.Known(
        words=("Carol Reyes", "carol@acme.test"),
        placeholder=Placeholder(name="Erased person 7", email="erased-7@erased.invalid"),
    )
    said = "carol reyes, Carolina, Carol Reyes. CAROL@ACME.TEST, mary.carol@acme.test, Carol"
    assert known.redact(said) == (
        "Erased person 7, Carolina, Erased person 7. erased-7@erased.invalid, "
        "mary.carol@acme.test, Carol"
    )
    assert erasure.Known(words=(), placeholder=known.placeholder).redact(said) == said


def test_the_audit_reads_the_erasures_of_a_chunk_in_one_query(
    world, carol, django_assert_max_num_queries
):
    for n in range(3):
        note = kickoff(world, title=f"Call {n}", attendees=ATTENDEES)
        notes.confirm(by=carol, note=note, sha256=note.sha256)
    _erase(world, carol)
    # The entries, their notes, the notes' erasures and who was erased; the confirmations in the
    # chain and their entries; each read again past the last.
    with django_assert_max_num_queries(4 + 1 + 2 + 1):
        assert agreements.verify() == ("What was agreed", 3, [])


def test_a_one_word_name_is_left_to_whoever_else_it_may_be(world, carol):
    note = _globex_note(world)
    MeetingNote.objects.filter(pk=note.pk).update(body="- Carol from legal approves.")
    known = erasure.Known(
        words=("Carol", "Carol Reyes"), placeholder=erasure.placeholder_for(carol)
    )
    notes_erasure.forget_person(carol, world.erin, known)
    assert MeetingNote.objects.get(pk=note.pk).body == "- Carol from legal approves."
    assert not Event.objects.filter(verb="meeting_note.redacted").exists()


def test_notes_at_their_limits_erased_twice_are_never_cut_and_still_verify(world, carol):
    """Who was there at its 300 characters, Carol and Ray both in it: each erasure's placeholder
    is longer than the name it replaces."""
    ray = world.ray
    User.objects.filter(pk=ray.pk).update(name="Ray Jensen")
    ray.refresh_from_db()
    head = "Carol Reyes, Ray Jensen, "
    attendees = head + ", ".join(f"Guest {n:03}" for n in range(40))
    attendees = attendees[: notes.ATTENDEES_LIMIT].rsplit(",", 1)[0]
    title = ("Carol Reyes and Ray Jensen: " + "launch " * 40)[: notes.TITLE_LIMIT].strip()
    note = kickoff(world, title=title, attendees=attendees, body=BODY)
    notes.confirm(by=carol, note=note, sha256=note.sha256)
    _erase(world, carol)
    erasure.erase_person(person=ray, by=world.erin)
    after = MeetingNote.objects.get(pk=note.pk)
    for stand_in in (erasure.placeholder_for(carol).name, erasure.placeholder_for(ray).name):
        assert stand_in in after.attendees and stand_in in after.title
    assert after.attendees.endswith("Guest " + attendees.rsplit("Guest ", 1)[1])
    assert "…" not in after.attendees + after.title
    assert agreements.verify() == ("What was agreed", 1, [])
