"""Meeting notes: the account manager records the notes of a call and puts them to the client,
who confirms them (they join what was agreed) or says what to correct; the account manager
withdraws them, or revises them after a correction.

The notes go to the client as the first message of a conversation of their own, so every
approver and reviewer gets them by email with a reply address, and reads them in the portal.
Every answer is a message in that conversation whichever way it came (a reply by email, the
notes' page, the API): the conversation tells the whole story, its court says who is to act,
and a reply is read by `answer_from_message` (a listener on "thread.message"). The note keeps
the message that answered it: an edit of a correction is read again (`answer_edited`), and the
message that confirmed the notes is not edited (`edit_refusal`, a guard of conversations)."""

import re
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.conversations.models import InboundEmail, Message, Thread
from accord.conversations.services import threads
from accord.core import events, policy
from accord.core.errors import Conflict, DomainError, IllegalTransition, InvalidInput, NotAllowed
from accord.core.events import content_sha256
from accord.core.mail import absolute_url
from accord.core.models import Event
from accord.core.notify import notify
from accord.core.policy import Audience, ContactRole
from accord.core.text import one_line, short_line
from accord.insights import note_replies
from accord.insights.access_agreements import manages
from accord.insights.models import MeetingNote
from accord.intake.rules import short_fingerprint

S = MeetingNote.Status
TITLE_LIMIT = 160
ATTENDEES_LIMIT = 300
# The notes and what surrounds them fit in one message (markdown.MAX_BODY_CHARS, 20,000).
BODY_LIMIT = 18_000
CORRECTION_LIMIT = 10_000
EARLIEST = date(2000, 1, 1)
SUBJECT_PREFIX = "Notes of "
SUBJECT_LIMIT = 200
ANSWERERS = (ContactRole.APPROVER, ContactRole.REVIEWER)
HOW_TO_ANSWER = "Reply “Confirmed” to agree, or reply with what to correct."
CONFIRMED_MESSAGE = "Confirmed: these notes are right."
STATUS_LABELS = dict(S.choices)


# --- What the notes are ----------------------------------------------------------------------


def content_of(*, title: str, held_on: date, attendees: str, body: str) -> dict[str, Any]:
    """Exactly what the client is asked to confirm, as the fingerprint covers it."""
    return {"title": title, "held_on": held_on.isoformat(), "attendees": attendees, "body": body}


def fingerprint(note: MeetingNote) -> str:
    """The SHA-256 the note's stored fields give now (the audit compares it with `sha256`)."""
    held_on = note.held_on if isinstance(note.held_on, date) else date.fromisoformat(note.held_on)
    return content_sha256(
        content_of(title=note.title, held_on=held_on, attendees=note.attendees, body=note.body)
    )


def spoken_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _text(value: str | None) -> str:
    # NUL can come by email or the API (PostgreSQL cannot store it); line ends are one kind.
    return (value or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()


HIDDEN_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)


def _cleaned(*, title: str, held_on: Any, attendees: str, body: str) -> dict[str, Any]:
    title = short_line(_text(title), limit=TITLE_LIMIT, what="the title", field="title")
    if not title:
        raise InvalidInput("Give the meeting a title, such as “Kick-off call”.", field="title")
    if not isinstance(held_on, date):
        raise InvalidInput("Give the day the meeting was held.", field="held_on")
    if held_on > timezone.localdate():
        raise InvalidInput(
            "That day is still to come: record the notes once the meeting is held.",
            field="held_on",
        )
    if held_on < EARLIEST:
        raise InvalidInput("Give the day the meeting was held.", field="held_on")
    attendees = short_line(
        _text(attendees), limit=ATTENDEES_LIMIT, what="the list of who was there", field="attendees"
    )
    body = _text(body)
    if not body:
        raise InvalidInput("Write the notes: what was said and agreed.", field="body")
    if len(body) > BODY_LIMIT:
        raise InvalidInput(
            f"Notes can be up to {BODY_LIMIT:,} characters; these have {len(body):,}. "
            "Keep to what was agreed, or split them by subject.",
            field="body",
        )
    if HIDDEN_DEFINITION.search(body):
        # Markdown shows nothing of "[label]: …": the client would confirm words never shown.
        raise InvalidInput(
            "A line starting with [something]: is not shown to the client. Write links inline, "
            "as [text](https://…), and the rest as plain text.",
            field="body",
        )
    return {"title": title, "held_on": held_on, "attendees": attendees, "body": body}


def subject_of(note: MeetingNote) -> str:
    """The conversation's subject: "Notes of <title>, <day>" (and the revision after the first)."""
    after = f", {spoken_day(note.held_on)}"
    if note.revision > 1:
        after += f" (revision {note.revision})"
    room = SUBJECT_LIMIT - len(SUBJECT_PREFIX) - len(after)
    title = note.title if len(note.title) <= room else note.title[: room - 1].rstrip() + "…"
    return f"{SUBJECT_PREFIX}{title}{after}"


def note_url(note_id: int) -> str:
    return reverse("insights:note", args=[note_id])


def _message_of(note: MeetingNote, *, replaced: MeetingNote | None) -> str:
    """The message that puts the notes to the client: the notes, and how to answer them."""
    lines = []
    if replaced is not None:
        sent_on = spoken_day(timezone.localdate(replaced.recorded_at))
        why = ", now with your correction." if replaced.status == S.CORRECTED else "."
        lines.append(f"These notes replace those I sent on {sent_on}{why}")
        lines.append("")
    with_whom = f" With {note.attendees}." if note.attendees else ""
    lines += [
        f"**{note.title}**, {spoken_day(note.held_on)}.{with_whom}",
        "",
        note.body,
        "",
        "---",
        "",
        f"**{HOW_TO_ANSWER}** You can also confirm or correct them on their page: "
        f"<{absolute_url(note_url(note.pk))}>",  # a Markdown autolink: a link in the message
        "",
        f"Fingerprint of these notes: {short_fingerprint(note.sha256)}.",
    ]
    return "\n".join(lines)


# --- Who may answer --------------------------------------------------------------------------


def _role_at(person: Any, client: Client) -> str | None:
    if not policy.is_contact(person):
        return None
    return Contact.objects.filter(client=client, user=person).values_list("role", flat=True).first()


def answer_refusal(person: Any, note: MeetingNote, what: str = "confirm") -> str | None:
    """Why `person` may not confirm or correct the notes, or None if they may: the client's
    approvers and reviewers answer; its viewers read."""
    role = _role_at(person, note.client)
    client = note.client.name
    if role is None:
        return f"Only {client}'s people can {what} these notes."
    if role not in ANSWERERS:
        return f"Viewers at {client} read meeting notes; an approver or reviewer can {what} them."
    return None


def _may_answer(person: Any, note: MeetingNote, what: str) -> None:
    if (refusal := answer_refusal(person, note, what)) is not None:
        raise NotAllowed(refusal)


def _must_run(by: User, client: Client, what: str) -> None:
    if not manages(by, client):
        raise NotAllowed(f"Only {client.name}'s account manager {what}.")


def _locked(note: MeetingNote) -> MeetingNote:
    """The notes, locked for a change, after their conversation: the order a message posted
    there takes its locks in (the thread, the event chain, then these notes, when the message
    answers them), so a click and an emailed answer never wait on each other in a circle."""
    if note.thread_id is not None:
        Thread.objects.select_for_update().filter(pk=note.thread_id).values("pk").first()
    events.lock_chain()  # before the notes, as a message and an erasure take it
    return (
        MeetingNote.objects.select_for_update(of=("self",))
        .select_related("client", "client__account_manager")
        .get(pk=note.pk)
    )


def _awaiting(note: MeetingNote, doing: str) -> None:
    """The notes wait for the client's answer; otherwise what they are now, and what to do."""
    if note.status == S.AWAITING:
        return
    newer = MeetingNote.objects.filter(replaces=note).values_list("pk", flat=True).first()
    if newer is not None:
        raise IllegalTransition(
            f"These notes were replaced by revised notes: {doing} those instead "
            f"({absolute_url(note_url(newer))})."
        )
    said: dict[str, str] = {
        S.CONFIRMED.value: "These notes are confirmed already: they are part of what was agreed.",
        S.CORRECTED.value: "These notes were corrected: the account manager is revising them.",
        S.WITHDRAWN.value: "These notes were withdrawn: there is nothing to answer.",
    }
    raise IllegalTransition(said.get(note.status, "These notes are not waiting for an answer."))


def _contacts_to_ask(client: Client) -> list[User]:
    return list(
        User.objects.filter(
            contact_roles__client=client, contact_roles__role__in=ANSWERERS, is_active=True
        ).order_by("pk")
    )


def _record(actor: Any, verb: str, note: MeetingNote, **data: Any) -> Event:
    return events.record(
        actor=actor,
        verb=verb,
        target=note,
        client=note.client_id,
        audience=Audience.CLIENT,
        data={"note": note.pk, "title": note.title, "revision": note.revision, **data},
    )


def _name(person: Any) -> str:
    return (person.name or person.email) if person is not None else "Someone"


def _account_side(note: MeetingNote) -> list[Any]:
    """Who hears the client's answer: its account manager and whoever recorded the notes."""
    people = [p for p in (note.client.account_manager, note.recorded_by) if p is not None]
    return list({p.pk: p for p in people}.values())


# --- The account manager's side ----------------------------------------------------------------


@transaction.atomic
def record_note(
    *,
    by: User,
    client: Client,
    title: str,
    held_on: date,
    attendees: str,
    body: str,
    via: str = Message.Via.WEB,
    replaces: MeetingNote | None = None,
) -> MeetingNote:
    """Record the notes of a meeting and put them to the client's approvers and reviewers,
    in a conversation of their own (email with a reply address, and the portal)."""
    _must_run(by, client, "records meeting notes for it")
    fields = _cleaned(title=title, held_on=held_on, attendees=attendees, body=body)
    people = _contacts_to_ask(client)
    if not people:
        raise DomainError(
            f"{client.name} has no approver or reviewer to confirm notes yet: add one under "
            "Contacts."
        )
    note = MeetingNote.objects.create(
        client=client,
        sha256=content_sha256(content_of(**fields)),
        recorded_by=by,
        replaces=replaces,
        revision=replaces.revision + 1 if replaces is not None else 1,
        **fields,
    )
    thread = threads.start_thread(
        by=by,
        client=client,
        audience=Audience.CLIENT,
        subject=subject_of(note),
        body=_message_of(note, replaced=replaces),
        people=people,
        via=via,
    )
    note.thread = thread
    note.save(update_fields=["thread"])
    _record(
        by,
        "meeting_note.recorded",
        note,
        held_on=note.held_on.isoformat(),
        sha256=note.sha256,
        thread=thread.pk,
        replaces=replaces.pk if replaces is not None else None,
    )
    return note


@transaction.atomic
def withdraw(*, by: User, note: MeetingNote, via: str = Message.Via.WEB) -> MeetingNote:
    """Take back notes the client has not confirmed: the client is told there is nothing
    more to answer."""
    note = _locked(note)
    _must_run(by, note.client, "withdraws its meeting notes")
    if note.status not in (S.AWAITING, S.CORRECTED) or _revised(note):
        _awaiting(note, "withdraw")
    note.status = S.WITHDRAWN
    note.save(update_fields=["status"])
    _record(by, "meeting_note.withdrawn", note, replaced_by=None)
    if (thread := _thread_of(note)) is not None:
        threads.post(
            by=by,
            thread=thread,
            body="I have withdrawn these notes: there is nothing to confirm.",
            via=via,
        )
        threads.clear_court(by=by, thread=thread)
    return note


def ensure_revisable(note: MeetingNote) -> None:
    """Notes are revised while they wait for the client or after a correction, once."""
    if note.status not in (S.AWAITING, S.CORRECTED) or _revised(note):
        _awaiting(note, "revise")


def _revised(note: MeetingNote) -> bool:
    return MeetingNote.objects.filter(replaces=note).exists()


def _thread_of(note: MeetingNote) -> Thread | None:
    if note.thread_id is None:
        return None
    return Thread.objects.select_related("client").filter(pk=note.thread_id).first()


@transaction.atomic
def revise(
    *,
    by: User,
    note: MeetingNote,
    title: str,
    held_on: date,
    attendees: str,
    body: str,
    via: str = Message.Via.WEB,
) -> MeetingNote:
    """Record corrected notes in place of `note` (after the client's correction, or before
    they answered), put to the client the same way. Corrected notes stay as the client
    answered them; notes still waiting are withdrawn, replaced by the new ones."""
    note = _locked(note)
    _must_run(by, note.client, "revises its meeting notes")
    ensure_revisable(note)
    fields = _cleaned(title=title, held_on=held_on, attendees=attendees, body=body)
    if content_sha256(content_of(**fields)) == note.sha256:
        raise InvalidInput(
            "The revised notes are the same as before: change what needs correcting.",
            field="body",
        )
    fresh = record_note(by=by, client=note.client, via=via, replaces=note, **fields)
    if note.status == S.AWAITING:
        note.status = S.WITHDRAWN
        note.save(update_fields=["status"])
        _record(by, "meeting_note.withdrawn", note, replaced_by=fresh.pk)
    if (thread := _thread_of(note)) is not None:
        # Whoever answers the old notes later reads where the new ones are; answered by the
        # revision, the old conversation waits on nobody.
        threads.post(by=by, thread=thread, body=_replaced_message(fresh), via=via)
        threads.clear_court(by=by, thread=thread)
    return fresh


def _replaced_message(fresh: MeetingNote) -> str:
    return (
        f"I have replaced these notes with revision {fresh.revision}, sent as "
        f"“{subject_of(fresh)}”: there is nothing more to answer here, please confirm or "
        f"correct the revision instead. Read it here: <{absolute_url(note_url(fresh.pk))}>"
    )


# --- The client's side ---------------------------------------------------------------------------


@transaction.atomic
def confirm(*, by: User, note: MeetingNote, sha256: str, via: str = Message.Via.WEB) -> MeetingNote:
    """A client's approver or reviewer confirms exactly the notes they read (`sha256`): they
    join what was agreed. Notes that changed since are a conflict, never confirmed."""
    note = _locked(note)
    _may_answer(by, note, "confirm")
    _awaiting(note, "confirm")
    if (sha256 or "").strip().lower() != note.sha256:
        raise Conflict("These notes changed since you opened them: read them again, then confirm.")
    _confirmed(by=by, note=note, via=via)
    if (thread := _thread_of(note)) is not None:
        message = threads.post(by=by, thread=thread, body=CONFIRMED_MESSAGE, via=via)
        _answered_with(note, message)
        threads.clear_court(by=by, thread=thread, settled=True)
    return note


def _answered_with(note: MeetingNote, message: Message) -> None:
    """The message that says the answer given on the notes' page (posted after it)."""
    note.answer_message = message
    note.save(update_fields=["answer_message"])


def _confirmed(*, by: User, note: MeetingNote, via: str, message_id: int | None = None) -> None:
    note.status = S.CONFIRMED
    note.answered_by = by
    note.answered_at = timezone.now()
    note.answer_message_id = message_id
    note.save(update_fields=["status", "answered_by", "answered_at", "answer_message"])
    # The listener in insights.agreements adds the notes to what was agreed, with this event.
    _record(by, "meeting_note.confirmed", note, sha256=note.sha256, via=via)
    notify(
        people=_account_side(note),
        kind="meeting_note.confirmed",
        text=f"{_name(by)} confirmed your notes of “{note.title}”",
        url=note_url(note.pk),
        actor=by,
        client_id=note.client_id,
    )


@transaction.atomic
def correct(*, by: User, note: MeetingNote, text: str, via: str = Message.Via.WEB) -> MeetingNote:
    """A client's approver or reviewer says what is wrong in the notes: the account manager is
    told, and revises them."""
    correction = _text(text)
    if not correction:
        raise InvalidInput(
            "Say what should be corrected, so the notes can be revised.", field="text"
        )
    if len(correction) > CORRECTION_LIMIT:
        raise InvalidInput(
            f"Keep the correction to {CORRECTION_LIMIT:,} characters; it has {len(correction):,}.",
            field="text",
        )
    note = _locked(note)
    _may_answer(by, note, "correct")
    _awaiting(note, "correct")
    _corrected(by=by, note=note, text=correction, via=via)
    if (thread := _thread_of(note)) is not None:
        # The contact's message puts the ball in the agency's court.
        message = threads.post(by=by, thread=thread, body=correction, via=via)
        _answered_with(note, message)
    return note


def _corrected(
    *, by: User, note: MeetingNote, text: str, via: str, message_id: int | None = None
) -> None:
    note.status = S.CORRECTED
    note.correction = text
    note.answered_by = by
    note.answered_at = timezone.now()
    note.answer_message_id = message_id
    note.save(
        update_fields=["status", "correction", "answered_by", "answered_at", "answer_message"]
    )
    _record(by, "meeting_note.corrected", note, sha256=note.sha256, via=via)
    _tell_correction(by=by, note=note, text=text, said="corrected your notes", then="revise them")


def _tell_correction(*, by: User, note: MeetingNote, text: str, said: str, then: str) -> None:
    """The account side hears what to correct (stored with the change: the outbox)."""
    notify(
        people=_account_side(note),
        kind="meeting_note.corrected",
        text=f"{_name(by)} {said} of “{note.title}”: {then}",
        url=note_url(note.pk),
        actor=by,
        client_id=note.client_id,
        details=text[:2_000],
    )


# --- Answers that come as messages -----------------------------------------------------------


def answer_from_message(event: Event) -> None:
    """A message in the conversation of notes waiting for an answer, from one of the client's
    approvers or reviewers (by email or in the portal): a plain confirmation confirms the notes
    sent there, what says something is wrong is a correction (`note_replies.classify`); a
    question or anyone else's message is a message, nothing more.

    Runs inside the message's transaction (core.events.listen); it never fails the message."""
    data = event.data or {}
    if event.audience != Audience.CLIENT or event.actor_id is None:
        return
    if not one_line(str(data.get("subject", ""))).startswith(SUBJECT_PREFIX):
        return  # cheap: most messages are not about notes, and cost no query here
    _read_answer(
        thread_id=_whole(data.get("thread")),
        author_id=event.actor_id,
        message_id=_whole(data.get("message")),
        via=str(data.get("via") or Message.Via.WEB),
    )


def answer_edited(event: Event) -> None:
    """A message edited by its author (within the minutes conversations allow), read again:
    the correction it made follows its new words, and the account side is told again; in the
    conversation of notes still waiting, it is read as a new answer (the author's edit of
    "Will read tonight" to "Confirmed" confirms them). The message that confirmed notes is
    never edited (`edit_refusal`): what was agreed does not change under the record.

    Runs inside the edit's transaction (core.events.listen), after conversations locked the
    thread; it never fails the edit."""
    data = event.data or {}
    message_id = _whole(data.get("message"))
    if event.actor_id is None or not message_id:
        return
    corrected = (
        MeetingNote.objects.select_related("client", "client__account_manager", "recorded_by")
        .filter(answer_message_id=message_id, status=S.CORRECTED)
        .first()
    )
    if corrected is not None:
        _correction_edited(note=corrected, author_id=event.actor_id, message_id=message_id)
        return
    _read_answer(
        thread_id=_whole(data.get("thread")), author_id=event.actor_id, message_id=message_id
    )


def _answerer(author_id: int, note: MeetingNote) -> User | None:
    """The message's author, when they may answer the notes (an active approver or reviewer)."""
    author = User.objects.filter(pk=author_id, is_active=True).first()
    if author is None or answer_refusal(author, note) is not None:
        return None
    return author


def _read_answer(
    *, thread_id: int, author_id: int, message_id: int, via: str | None = None
) -> None:
    """Read a message in a notes' conversation as the answer to the notes waiting there, if it
    is one (`via`: how the answer came; by default, the message's own way)."""
    note = (
        MeetingNote.objects.select_related("client", "client__account_manager", "recorded_by")
        .filter(thread_id=thread_id, status=S.AWAITING)
        .order_by("-pk")
        .first()
    )
    if note is None or (author := _answerer(author_id, note)) is None:
        return
    message = (
        Message.objects.filter(pk=message_id, thread_id=thread_id)
        .values("body", "via", "inbound__status")
        .first()
    )
    if message is None or message["inbound__status"] == InboundEmail.Status.TRIAGE:
        # An email the account manager posted from triage in the contact's name: the sender
        # was in doubt, so it is never read as the contact's answer (they answer themselves).
        return
    answer = note_replies.classify(message["body"])
    if answer == note_replies.Answer.NEITHER:
        return
    note = _locked(note)
    if note.status != S.AWAITING:
        return  # answered, revised or withdrawn meanwhile
    via = via or message["via"]
    if answer == note_replies.Answer.CONFIRMS:
        _confirmed(by=author, note=note, via=via, message_id=message_id)
        if (thread := _thread_of(note)) is not None:
            threads.clear_court(by=author, thread=thread, settled=True)
    else:
        text = message["body"][:CORRECTION_LIMIT]
        _corrected(by=author, note=note, text=text, via=via, message_id=message_id)


def _correction_edited(*, note: MeetingNote, author_id: int, message_id: int) -> None:
    """The correction follows the edit of the message that made it; the account side hears the
    new words as it heard the first (whatever they say now, they stay a correction: the
    account manager reads them and revises, or asks)."""
    if (author := _answerer(author_id, note)) is None:
        return
    body = Message.objects.filter(pk=message_id).values_list("body", flat=True).first()
    if body is None:
        return
    note = _locked(note)
    text = body[:CORRECTION_LIMIT]
    if note.status != S.CORRECTED or note.answer_message_id != message_id:
        return
    if text == note.correction:
        return
    note.correction = text
    note.save(update_fields=["correction"])
    _record(author, "meeting_note.correction_edited", note, sha256=note.sha256)
    # Revised within the minutes the message could be edited: the revision may miss the change.
    then = "check your revision against it" if _revised(note) else "revise them"
    said = "changed the correction to your notes"
    _tell_correction(by=author, note=note, text=text, said=said, then=then)


def edit_refusal(message: Message) -> str | None:
    """Why `message` may not be edited (a guard conversations asks): it carries meeting notes put
    to the client (their conversation's first message), or it confirmed meeting notes, which
    are part of what was agreed as the client confirmed them."""
    carried = (
        MeetingNote.objects.filter(thread_id=message.thread_id)
        .values_list("title", flat=True)
        .first()
    )
    if carried is not None and message.pk == _first_message(message.thread_id):
        return (
            f"This message carries the meeting notes “{carried}” that the client is asked to "
            "confirm, so it cannot be edited; revise the notes instead."
        )
    confirmed = (
        MeetingNote.objects.filter(answer_message_id=message.pk, status=S.CONFIRMED)
        .values_list("title", flat=True)
        .first()
    )
    if confirmed is None:
        return None
    return (
        f"This message confirmed the meeting notes “{confirmed}”: they are part of what was "
        "agreed as you confirmed them, so it cannot be edited; write what should change in a new "
        "message."
    )


def _first_message(thread_id: int) -> int | None:
    return (
        Message.objects.filter(thread_id=thread_id).order_by("pk").values_list("pk", flat=True)
    ).first()


def _whole(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
