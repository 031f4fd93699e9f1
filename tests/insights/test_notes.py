"""Meeting notes: Alice records the notes of a call with Acme; Carol or Ray confirm them (then
they are part of what was agreed) or say what to correct, on the page or by replying to the
email; Alice withdraws or revises them. Nobody outside Acme answers for Acme."""

from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.utils import timezone

from accord.clients.models import Contact
from accord.conversations.models import Court, InboundEmail, Message, Participant, Thread
from accord.conversations.services import inbound, threads
from accord.core.errors import Conflict, DomainError, IllegalTransition, InvalidInput, NotAllowed
from accord.core.events import content_sha256, verify_chain
from accord.core.models import Event, Notification, OutboundEmail
from accord.core.policy import ContactRole
from accord.insights.models import Agreement, MeetingNote
from accord.insights.services import notes
from tests.insights.agreements_data import BODY, kickoff

S = MeetingNote.Status


def _agreement(note: MeetingNote) -> Agreement | None:
    return Agreement.objects.filter(source_type="meeting_note", source_id=note.pk).first()


def _messages(note: MeetingNote) -> list[tuple[str, str]]:
    return [
        (m.author.email.partition("@")[0], m.body)
        for m in Message.objects.filter(thread_id=note.thread_id).order_by("id")
    ]


def _court(note: MeetingNote) -> str:
    return Thread.objects.get(pk=note.thread_id).waiting_on


# --- Recording --------------------------------------------------------------------------------


def test_alice_records_notes_and_acmes_people_get_them_by_email_to_confirm(world):
    note = kickoff(world)
    day = timezone.localdate() - timedelta(days=2)
    assert note.status == S.AWAITING and note.revision == 1
    assert note.sha256 == content_sha256(
        {
            "title": "Spring launch kick-off",
            "held_on": day.isoformat(),
            "attendees": "Carol, Ray, Alice",
            "body": BODY,
        }
    )
    thread = Thread.objects.get(pk=note.thread_id)
    assert thread.audience == "client" and thread.client == world.acme
    assert thread.subject == f"Notes of Spring launch kick-off, {day.day} {day:%B %Y}"
    assert thread.waiting_on == Court.CLIENT
    first = thread.messages.get()
    assert first.author == world.alice
    assert BODY in first.body and notes.HOW_TO_ANSWER in first.body
    followers = set(Participant.objects.filter(thread=thread).values_list("user__email", flat=True))
    assert {"carol@acme.test", "ray@acme.test", "alice@northwind.test"} <= followers
    for person in ("carol@acme.test", "ray@acme.test"):
        mail = OutboundEmail.objects.get(to=[person])
        assert mail.reply_to.startswith("reply+") and "Confirmed" in mail.text
    assert Event.objects.filter(verb="meeting_note.recorded", target_id=str(note.pk)).exists()
    assert _agreement(note) is None


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"title": "  "}, "title", "Give the meeting a title"),
        ({"title": "x" * 161}, "title", "160 characters"),
        ({"held_on": timezone.localdate() + timedelta(days=1)}, "held_on", "still to come"),
        ({"body": " \n "}, "body", "Write the notes"),
        ({"body": "x" * 18_001}, "body", "18,000"),
        ({"attendees": "Carol, " * 60}, "attendees", "300 characters"),
        # A Markdown reference definition shows nothing: the client would confirm unseen words.
        ({"body": "Agreed.\n\n[fees are extra, billed monthly]: x"}, "body", "not shown"),
    ],
)
def test_notes_that_cannot_be_sent_say_why_next_to_the_field(world, change, field, says):
    with pytest.raises(InvalidInput) as refused:
        kickoff(world, **change)
    assert refused.value.field == field and says in refused.value.message
    assert not MeetingNote.objects.exists() and not Thread.objects.exists()


@pytest.mark.parametrize("who", ["carol", "dan", "max"])
def test_only_those_who_run_acme_record_its_notes(world, who):
    with pytest.raises(NotAllowed, match="Only Acme Foods's account manager records"):
        kickoff(world, by=world.persona(who))


def test_erin_records_them_too_and_alice_is_still_in_the_conversation(world):
    note = kickoff(world, by=world.erin)
    assert Participant.objects.filter(thread_id=note.thread_id, user=world.alice).exists()


def test_notes_need_someone_at_the_client_to_confirm_them(world):
    Contact.objects.filter(client=world.acme).update(role=ContactRole.VIEWER)
    with pytest.raises(DomainError, match="no approver or reviewer"):
        kickoff(world)


# --- Confirming --------------------------------------------------------------------------------


def test_carol_confirms_alices_notes_and_they_appear_in_what_acme_agreed(world):
    note = kickoff(world)
    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    note.refresh_from_db()
    assert (note.status, note.answered_by) == (S.CONFIRMED, world.carol)
    agreement = _agreement(note)
    assert agreement is not None
    assert (agreement.client, agreement.kind, agreement.agreed_by) == (
        world.acme,
        Agreement.Kind.MEETING_NOTE,
        world.carol,
    )
    assert agreement.sha256 == note.sha256 and BODY in agreement.summary
    assert agreement.event.verb == "meeting_note.confirmed"
    assert agreement.event.data["sha256"] == note.sha256
    # The conversation says so, and waits on nobody; Alice hears of it.
    assert _messages(note)[-1] == ("carol", notes.CONFIRMED_MESSAGE)
    assert _court(note) == Court.NOBODY
    assert Notification.objects.filter(user=world.alice, kind="meeting_note.confirmed").exists()
    assert verify_chain().intact


def test_ray_a_reviewer_at_acme_can_confirm(world):
    note = kickoff(world)
    notes.confirm(by=world.ray, note=note, sha256=note.sha256)
    assert _agreement(note).agreed_by == world.ray


@pytest.mark.parametrize(
    ("who", "says"),
    [
        ("gus", "Only Acme Foods's people can confirm these notes."),
        ("alice", "Only Acme Foods's people can confirm these notes."),
        ("erin", "Only Acme Foods's people can confirm these notes."),
    ],
)
def test_someone_not_at_acme_cannot_confirm_its_notes(world, who, says):
    note = kickoff(world)
    with pytest.raises(NotAllowed) as refused:
        notes.confirm(by=world.persona(who), note=note, sha256=note.sha256)
    assert refused.value.message == says and refused.value.status == 403
    assert MeetingNote.objects.get(pk=note.pk).status == S.AWAITING
    assert not Agreement.objects.exists()


def test_a_viewer_at_acme_reads_the_notes_but_does_not_confirm_them(world):
    Contact.objects.filter(user=world.ray).update(role=ContactRole.VIEWER)
    note = kickoff(world)
    with pytest.raises(NotAllowed, match="Viewers at Acme Foods read meeting notes"):
        notes.confirm(by=world.ray, note=note, sha256=note.sha256)


def test_notes_that_changed_since_they_were_read_are_a_conflict(world):
    note = kickoff(world)
    with pytest.raises(Conflict, match="These notes changed since you opened them"):
        notes.confirm(by=world.carol, note=note, sha256="0" * 64)
    assert MeetingNote.objects.get(pk=note.pk).status == S.AWAITING


def test_confirmed_notes_are_confirmed_once(world):
    note = kickoff(world)
    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    with pytest.raises(IllegalTransition, match="confirmed already") as refused:
        notes.confirm(by=world.ray, note=note, sha256=note.sha256)
    assert refused.value.status == 409
    assert Agreement.objects.count() == 1


# --- Correcting, withdrawing, revising ---------------------------------------------------------


def test_carol_corrects_the_notes_and_alice_is_told_to_revise(world):
    note = kickoff(world)
    notes.correct(by=world.carol, note=note, text="The budget is £15,000.")
    note.refresh_from_db()
    assert (note.status, note.correction, note.answered_by) == (
        S.CORRECTED,
        "The budget is £15,000.",
        world.carol,
    )
    assert _messages(note)[-1] == ("carol", "The budget is £15,000.")
    assert _court(note) == Court.AGENCY
    told = Notification.objects.get(user=world.alice, kind="meeting_note.corrected")
    assert "revise" in told.text
    assert _agreement(note) is None


def test_a_correction_says_something(world):
    note = kickoff(world)
    with pytest.raises(InvalidInput, match="Say what should be corrected"):
        notes.correct(by=world.carol, note=note, text="   ")
    with pytest.raises(NotAllowed, match="Only Acme Foods's people can correct"):
        notes.correct(by=world.gus, note=note, text="Wrong.")


def test_alice_revises_corrected_notes_and_acme_confirms_the_revision(world):
    note = kickoff(world)
    notes.correct(by=world.carol, note=note, text="The budget is £15,000.")
    revised = notes.revise(
        by=world.alice,
        note=note,
        title=note.title,
        held_on=note.held_on,
        attendees=note.attendees,
        body=BODY.replace("£12,000", "£15,000"),
    )
    note.refresh_from_db()
    assert note.status == S.CORRECTED  # as the client answered them
    assert (revised.replaces, revised.revision, revised.status) == (note, 2, S.AWAITING)
    assert revised.thread_id != note.thread_id and _court(note) == Court.NOBODY
    assert "(revision 2)" in Thread.objects.get(pk=revised.thread_id).subject
    with pytest.raises(IllegalTransition, match="replaced by revised notes"):
        notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    notes.confirm(by=world.carol, note=revised, sha256=revised.sha256)
    assert "£15,000" in _agreement(revised).summary and _agreement(note) is None


def test_revising_notes_still_waiting_withdraws_them(world):
    note = kickoff(world)
    revised = notes.revise(
        by=world.alice, note=note, title="Kick-off", held_on=note.held_on, attendees="", body=BODY
    )
    assert MeetingNote.objects.get(pk=note.pk).status == S.WITHDRAWN
    assert revised.replaces == note
    with pytest.raises(IllegalTransition, match="replaced by revised notes"):
        notes.revise(
            by=world.alice, note=note, title="Again", held_on=note.held_on, attendees="", body=BODY
        )


def test_a_revision_changes_something(world):
    note = kickoff(world)
    with pytest.raises(InvalidInput, match="the same as before"):
        notes.revise(
            by=world.alice,
            note=note,
            title=note.title,
            held_on=note.held_on,
            attendees=note.attendees,
            body=note.body,
        )


def test_alice_withdraws_notes_and_acme_is_told_there_is_nothing_to_confirm(world):
    note = kickoff(world)
    with pytest.raises(NotAllowed, match="account manager withdraws"):
        notes.withdraw(by=world.carol, note=note)
    notes.withdraw(by=world.alice, note=note)
    assert MeetingNote.objects.get(pk=note.pk).status == S.WITHDRAWN
    assert "withdrawn" in _messages(note)[-1][1] and _court(note) == Court.NOBODY
    with pytest.raises(IllegalTransition, match="withdrawn"):
        notes.confirm(by=world.carol, note=note, sha256=note.sha256)


def test_confirmed_notes_are_not_withdrawn_nor_revised(world):
    note = kickoff(world)
    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    for act in (
        lambda: notes.withdraw(by=world.alice, note=note),
        lambda: notes.revise(
            by=world.alice,
            note=note,
            title="New",
            held_on=note.held_on,
            attendees="",
            body="Other.",
        ),
    ):
        with pytest.raises(IllegalTransition, match="part of what was agreed"):
            act()


# --- Answers in the conversation: in the portal or by email --------------------------------------


def test_a_reply_in_the_portal_that_confirms_confirms(world):
    note = kickoff(world)
    threads.post(by=world.ray, thread=Thread.objects.get(pk=note.thread_id), body="Looks good!")
    note.refresh_from_db()
    assert (note.status, note.answered_by) == (S.CONFIRMED, world.ray)
    assert _agreement(note).event.data["via"] == "web"
    assert _court(note) == Court.NOBODY


def test_any_other_reply_is_what_to_correct(world):
    note = kickoff(world)
    thread = Thread.objects.get(pk=note.thread_id)
    threads.post(by=world.carol, thread=thread, body="Agreed, except the launch is in May.")
    note.refresh_from_db()
    assert (note.status, note.correction) == (S.CORRECTED, "Agreed, except the launch is in May.")
    assert _court(note) == Court.AGENCY
    # Later messages are messages: the notes are not waiting any more.
    threads.post(by=world.carol, thread=thread, body="Confirmed.")
    assert MeetingNote.objects.get(pk=note.pk).status == S.CORRECTED


def test_the_account_managers_messages_answer_nothing(world):
    note = kickoff(world)
    threads.post(by=world.alice, thread=Thread.objects.get(pk=note.thread_id), body="Confirmed?")
    assert MeetingNote.objects.get(pk=note.pk).status == S.AWAITING


def test_a_viewers_reply_is_a_message_and_nothing_more(world):
    Contact.objects.filter(user=world.ray).update(role=ContactRole.VIEWER)
    note = kickoff(world)
    thread = Thread.objects.get(pk=note.thread_id)
    Participant.objects.get_or_create(thread=thread, user=world.ray)
    threads.post(by=world.ray, thread=thread, body="Confirmed")
    assert MeetingNote.objects.get(pk=note.pk).status == S.AWAITING


def _reply_by_email(note: MeetingNote, sender: str, body: str) -> InboundEmail:
    mail_to = OutboundEmail.objects.filter(to=[sender]).latest("id")
    reply = EmailMessage()
    reply["From"], reply["To"] = sender, mail_to.reply_to
    reply["Subject"] = f"Re: {mail_to.subject}"
    reply["Message-ID"] = "<answer-1@acme.test>"
    reply["In-Reply-To"] = mail_to.message_id
    quoted = "\n".join(f"> {line}" for line in BODY.splitlines())
    attribution = "On Mon, 3 Mar 2025 at 10:00, Alice Northwind <alice@northwind.test> wrote:"
    reply.set_content(f"{body}\n\n{attribution}\n{quoted}\n")
    email = inbound.store(
        raw=reply.as_bytes(), peer="127.0.0.1", mail_from=sender, rcpt_to=[mail_to.reply_to]
    )
    inbound.process(email_id=email.pk)
    email.refresh_from_db()
    return email


def test_carol_replies_confirmed_by_email_and_the_notes_are_agreed(world):
    note = kickoff(world)
    email = _reply_by_email(note, "carol@acme.test", "Confirmed, thanks Alice!")
    assert email.status == InboundEmail.Status.THREADED and email.thread_id == note.thread_id
    note.refresh_from_db()
    assert (note.status, note.answered_by) == (S.CONFIRMED, world.carol)
    agreement = _agreement(note)
    assert agreement.event.data["via"] == "email" and agreement.sha256 == note.sha256
    assert _messages(note)[-1] == ("carol", "Confirmed, thanks Alice!")
    assert verify_chain().intact


def test_a_reply_by_email_with_a_correction_corrects(world):
    note = kickoff(world)
    _reply_by_email(note, "ray@acme.test", "The store list comes on Monday, not Friday.")
    note.refresh_from_db()
    assert (note.status, note.answered_by) == (S.CORRECTED, world.ray)
    assert note.correction == "The store list comes on Monday, not Friday."


def test_a_question_in_the_notes_conversation_leaves_them_waiting(world):
    note = kickoff(world)
    thread = Thread.objects.get(pk=note.thread_id)
    threads.post(by=world.ray, thread=thread, body="Did you get the store list?")
    assert MeetingNote.objects.get(pk=note.pk).status == S.AWAITING
    assert _court(note) == Court.AGENCY  # Alice answers Ray, as any message
    threads.post(by=world.carol, thread=thread, body="Confirmed, thanks.")
    assert MeetingNote.objects.get(pk=note.pk).status == S.CONFIRMED


def test_an_email_alice_posts_from_triage_as_carol_is_not_carols_answer(world):
    note = kickoff(world)
    to_carol = OutboundEmail.objects.filter(to=["carol@acme.test"]).latest("id")
    forged = EmailMessage()
    forged["From"], forged["To"] = "bob@mail.test", to_carol.reply_to
    forged["Subject"], forged["Message-ID"] = f"Re: {to_carol.subject}", "<forged-1@mail.test>"
    forged.set_content("Confirmed.")
    email = inbound.store(
        raw=forged.as_bytes(),
        peer="127.0.0.1",
        mail_from="bob@mail.test",
        rcpt_to=[to_carol.reply_to],
    )
    inbound.process(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == InboundEmail.Status.TRIAGE
    thread = Thread.objects.get(pk=note.thread_id)
    inbound.assign(by=world.alice, email=email, thread=thread, as_person=world.carol)
    assert _messages(note)[-1] == ("carol", "Confirmed.")
    note.refresh_from_db()
    assert (note.status, _agreement(note)) == (S.AWAITING, None)
