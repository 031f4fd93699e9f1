"""Edited answers to meeting notes: Carol edits her reply within the five minutes a message can
be edited. A correction follows her new words and Alice hears them; a reply that answered
nothing is read again; the message that confirmed the notes stays as it was (in the service, the
page and the API). Revised notes leave a pointer in the old conversation."""

from typing import Any

import pytest
from django.urls import reverse

from accord.clients.models import Contact
from accord.conversations.markdown import render
from accord.conversations.models import Court, Message, Thread
from accord.conversations.services import threads
from accord.core.errors import NotAllowed
from accord.core.events import verify_chain
from accord.core.mail import absolute_url
from accord.core.models import Event, Notification
from accord.core.policy import ContactRole
from accord.insights.models import Agreement, MeetingNote
from accord.insights.services import notes
from tests.insights.agreements_data import BODY, kickoff
from tests.reviews import test_api as reviews_api

S = MeetingNote.Status
as_persona = reviews_api.as_persona
media = reviews_api.media
REFUSAL = "This message confirmed the meeting notes “Spring launch kick-off”"


def _thread(note: MeetingNote) -> Thread:
    return Thread.objects.get(pk=note.thread_id)


def _reply(note: MeetingNote, who: Any, body: str) -> Message:
    return threads.post(by=who, thread=_thread(note), body=body)


def _edit(message: Message, who: Any, body: str) -> Message:
    return threads.edit(by=who, message=message, body=body, revision=message.revision)


def _revise(world: Any, note: MeetingNote) -> MeetingNote:
    """Alice's revision of the notes: the same, with the launch in June."""
    fields = {"title": note.title, "held_on": note.held_on, "attendees": note.attendees}
    return notes.revise(
        by=world.alice, note=note, body=BODY.replace("14 April", "2 June"), **fields
    )


def _agreement(note: MeetingNote) -> Agreement | None:
    return Agreement.objects.filter(source_type="meeting_note", source_id=note.pk).first()


# --- A correction, edited ------------------------------------------------------------------------


def test_carol_edits_her_correction_and_alice_hears_the_new_words(world):
    note = kickoff(world)
    reply = _reply(note, world.carol, "Agreed, except the launch is in May.")
    note.refresh_from_db()
    assert (note.status, note.answer_message) == (S.CORRECTED, reply)
    _edit(reply, world.carol, "Agreed, except the launch is in June.")
    note.refresh_from_db()
    assert (note.status, note.correction) == (S.CORRECTED, "Agreed, except the launch is in June.")
    first, again = Notification.objects.filter(
        user=world.alice, kind="meeting_note.corrected"
    ).order_by("pk")
    assert "corrected your notes" in first.text
    assert "changed the correction" in again.text and "revise them" in again.text
    assert again.url == notes.note_url(note.pk)
    edited = Event.objects.get(verb="meeting_note.correction_edited")
    assert edited.actor_id == world.carol.pk and edited.data["note"] == note.pk
    assert _agreement(note) is None and verify_chain().intact


def test_a_correction_sent_from_the_notes_page_follows_its_message_too(world):
    note = kickoff(world)
    notes.correct(by=world.carol, note=note, text="The budget is £15,000.")
    note.refresh_from_db()
    message = note.answer_message
    assert message is not None and message.body == "The budget is £15,000."
    _edit(message, world.carol, "The budget is £16,000.")
    assert MeetingNote.objects.get(pk=note.pk).correction == "The budget is £16,000."


def test_a_correction_edited_after_alice_revised_asks_her_to_check_the_revision(world):
    note = kickoff(world)
    reply = _reply(note, world.carol, "The budget is £15,000, not £12,000.")
    _revise(world, note)
    _edit(reply, world.carol, "The budget is £15,500, not £12,000.")
    assert MeetingNote.objects.get(pk=note.pk).correction == "The budget is £15,500, not £12,000."
    latest = Notification.objects.filter(user=world.alice, kind="meeting_note.corrected").latest(
        "pk"
    )
    assert "check your revision against it" in latest.text


# --- A reply that answered nothing, edited -------------------------------------------------------


def test_will_read_tonight_edited_to_confirmed_confirms_the_notes(world):
    note = kickoff(world)
    reply = _reply(note, world.carol, "Thanks, will read tonight.")
    assert MeetingNote.objects.get(pk=note.pk).status == S.AWAITING
    _edit(reply, world.carol, "Confirmed.")
    note.refresh_from_db()
    assert (note.status, note.answered_by, note.answer_message) == (
        S.CONFIRMED,
        world.carol,
        reply,
    )
    agreement = _agreement(note)
    assert agreement is not None and agreement.agreed_by == world.carol
    assert agreement.sha256 == note.sha256 and agreement.event.data["via"] == "web"
    assert _thread(note).waiting_on == Court.NOBODY
    assert Notification.objects.filter(user=world.alice, kind="meeting_note.confirmed").exists()
    assert verify_chain().intact


def test_a_question_edited_into_a_correction_corrects(world):
    note = kickoff(world)
    reply = _reply(note, world.ray, "Did you get the store list?")
    _edit(reply, world.ray, "The store list comes on Monday, not Friday.")
    note.refresh_from_db()
    assert (note.status, note.correction, note.answer_message) == (
        S.CORRECTED,
        "The store list comes on Monday, not Friday.",
        reply,
    )
    assert Notification.objects.filter(user=world.alice, kind="meeting_note.corrected").count() == 1


def test_an_edit_after_someone_else_answered_answers_nothing(world):
    note = kickoff(world)
    waiting = _reply(note, world.carol, "Will read tonight.")
    _reply(note, world.ray, "The launch is in May, not April.")
    _edit(waiting, world.carol, "Confirmed.")
    note.refresh_from_db()
    assert (note.status, note.correction) == (S.CORRECTED, "The launch is in May, not April.")
    assert note.answered_by == world.ray and _agreement(note) is None


def test_an_edit_by_someone_who_does_not_answer_for_acme_does_nothing(world):
    note = kickoff(world)
    question = _reply(note, world.alice, "Any questions?")
    _edit(question, world.alice, "Confirmed.")
    Contact.objects.filter(user=world.ray).update(role=ContactRole.VIEWER)
    viewer = _reply(note, world.ray, "Nice call.")
    _edit(viewer, world.ray, "Confirmed.")
    note.refresh_from_db()
    assert (note.status, note.answer_message, _agreement(note)) == (S.AWAITING, None, None)
    assert not Notification.objects.filter(kind__startswith="meeting_note.").exists()


def test_edits_in_other_conversations_are_not_answers(world):
    note = kickoff(world)
    other = threads.start_thread(
        by=world.carol,
        client=world.acme,
        audience="client",
        subject="Notes of the week",
        body="Will read tonight.",
    )
    _edit(other.messages.get(), world.carol, "Confirmed.")
    assert MeetingNote.objects.get(pk=note.pk).status == S.AWAITING


# --- The message that confirmed the notes --------------------------------------------------------


def _confirmed_by_reply(world: Any) -> tuple[MeetingNote, Message]:
    note = kickoff(world)
    reply = _reply(note, world.carol, "Confirmed")
    note.refresh_from_db()
    assert (note.status, note.answer_message) == (S.CONFIRMED, reply)
    return note, reply


def _unchanged(note: MeetingNote, message: Message, body: str) -> None:
    message.refresh_from_db()
    assert (message.body, message.revision) == (body, 1) and not message.edits.exists()
    note.refresh_from_db()
    assert note.status == S.CONFIRMED and note.correction == ""
    assert BODY in _agreement(note).summary


def test_the_message_that_confirmed_the_notes_is_not_edited(world):
    note, reply = _confirmed_by_reply(world)
    with pytest.raises(NotAllowed) as refused:
        _edit(reply, world.carol, "Confirmed, except launch is June")
    assert refused.value.message.startswith(REFUSAL)
    assert "write what should change in a new message" in refused.value.message
    _unchanged(note, reply, "Confirmed")
    # Carol says it in a new message, which Alice reads in the conversation.
    _reply(note, world.carol, "Sorry, one thing: launch is June.")
    assert MeetingNote.objects.get(pk=note.pk).status == S.CONFIRMED


def test_a_confirmation_from_the_notes_page_is_not_edited_either(world):
    note = kickoff(world)
    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    note.refresh_from_db()
    message = note.answer_message
    assert message is not None and message.body == notes.CONFIRMED_MESSAGE
    with pytest.raises(NotAllowed, match="write what should change in a new message"):
        _edit(message, world.carol, "Not quite: launch is June.")
    _unchanged(note, message, notes.CONFIRMED_MESSAGE)


def test_the_edit_page_refuses_with_the_reason_and_keeps_what_carol_typed(client, world):
    note, reply = _confirmed_by_reply(world)
    client.force_login(world.carol)
    url = reverse("conversations:edit", args=[reply.pk])
    opened = client.get(url)
    assert opened.status_code == 403 and REFUSAL in opened.content.decode()
    typed = "Confirmed, except launch is June"
    answer = client.post(url, {"body": typed, "revision": 1})
    assert answer.status_code == 403
    form = answer.context["form"]
    assert form.non_field_errors()[0].startswith(REFUSAL)
    assert form["body"].value() == typed
    _unchanged(note, reply, "Confirmed")


def test_the_api_refuses_the_edit_with_the_reason(world, as_persona):
    note, reply = _confirmed_by_reply(world)
    answer = as_persona("carol").patch(
        f"/messages/{reply.pk}", {"body": "Confirmed, except launch is June", "revision": 1}
    )
    assert answer.status_code == 403, answer.content
    assert answer.json()["detail"].startswith(REFUSAL)
    _unchanged(note, reply, "Confirmed")


def test_other_messages_of_carols_are_still_hers_to_edit(world):
    note, _ = _confirmed_by_reply(world)
    later = _reply(note, world.carol, "Talk soon")
    assert _edit(later, world.carol, "Talk soon!").revision == 2


# --- Revised notes leave a pointer ---------------------------------------------------------------


@pytest.mark.parametrize("corrected", [False, True])
def test_revised_notes_leave_a_pointer_to_the_revision_in_the_old_conversation(world, corrected):
    note = kickoff(world)
    if corrected:
        notes.correct(by=world.carol, note=note, text="The launch is in June.")
    fresh = _revise(world, note)
    pointer = _thread(note).messages.latest("id")
    assert pointer.author == world.alice
    assert "replaced these notes with revision 2" in pointer.body
    assert notes.subject_of(fresh) in pointer.body
    assert absolute_url(notes.note_url(fresh.pk)) in pointer.body
    link = absolute_url(notes.note_url(fresh.pk))
    assert f'<a href="{link}"' in render(pointer.body).html  # a link, not text to copy
    assert _thread(note).waiting_on == Court.NOBODY


def test_a_reply_to_replaced_notes_answers_nothing_and_the_pointer_is_in_the_conversation(world):
    note = kickoff(world)
    fresh = _revise(world, note)
    told = Notification.objects.filter(kind__startswith="meeting_note.").count()
    _reply(note, world.carol, "Confirmed")
    assert MeetingNote.objects.get(pk=note.pk).status == S.WITHDRAWN
    assert MeetingNote.objects.get(pk=fresh.pk).status == S.AWAITING
    assert Notification.objects.filter(kind__startswith="meeting_note.").count() == told
    bodies = list(_thread(note).messages.order_by("id").values_list("body", flat=True))
    assert "replaced these notes with revision 2" in bodies[-2] and bodies[-1] == "Confirmed"


def test_the_message_that_carries_the_notes_is_not_edited_by_alice(world):
    note = kickoff(world)
    carrying = Message.objects.filter(thread_id=note.thread_id).order_by("pk").first()
    assert carrying is not None and carrying.author_id == world.alice.pk
    page = absolute_url(notes.note_url(note.pk))
    assert f'<a href="{page}"' in render(carrying.body).html  # their page, as a link
    with pytest.raises(NotAllowed) as refused:
        _edit(carrying, world.alice, "Launch moves to 2 June.")
    assert "carries the meeting notes “Spring launch kick-off”" in refused.value.message
    assert "revise the notes instead" in refused.value.message
    assert Message.objects.get(pk=carrying.pk).body == carrying.body
    # Her next message in the same conversation is hers to edit.
    later = _reply(note, world.alice, "Ping me with any questions.")
    assert _edit(later, world.alice, "Ping me with any question.").body.startswith("Ping")
