"""Threads and their messages: starting one, writing, editing (for five minutes, history kept),
reading, and whose court the ball is in."""

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client
from accord.conversations import access, edit_guards, markdown
from accord.conversations import search as message_search
from accord.conversations.models import (
    Court,
    CreativeVoice,
    InboundEmail,
    Mention,
    Message,
    MessageEdit,
    Participant,
    Thread,
)
from accord.conversations.services import files, notices
from accord.core import events, policy
from accord.core.errors import Conflict, InvalidInput, NotAllowed
from accord.core.policy import Audience
from accord.core.text import short_line

EDIT_WINDOW = timedelta(minutes=5)
LOCKED = ("waiting_on", "waiting_since", "last_message_at", "last_message_id", "message_count")
SUBJECT_LIMIT = 200


def clean_body(body: str) -> str:
    # NUL can come in an email (PostgreSQL cannot store it in text); it is never meant.
    text = (body or "").replace("\x00", "").strip()
    if not text:
        raise InvalidInput("Write a message first.", field="body")
    if len(text) > markdown.MAX_BODY_CHARS:
        raise InvalidInput(
            f"A message can be up to {markdown.MAX_BODY_CHARS:,} characters; this one has "
            f"{len(text):,}. Split it, or attach the long part as a file.",
            field="body",
        )
    return text


def _anchor(
    client: Client, brief: Any = None, job: Any = None, deliverable: Any = None
) -> dict[str, Any]:
    """What a thread hangs on; a deliverable's thread also names its job."""
    if deliverable is not None:
        job = deliverable.job
    for thing in (brief, job):
        if thing is not None and thing.client_id != client.pk:
            raise InvalidInput("That belongs to another client.", field="anchor")
    return {"brief": brief, "job": job, "deliverable": deliverable}


@transaction.atomic
def start_thread(
    *,
    by: User,
    client: Client,
    audience: str,
    subject: str,
    body: str,
    brief: Any = None,
    job: Any = None,
    deliverable: Any = None,
    people: Iterable[User] = (),
    attachments: Sequence[UploadedFile] = (),
    via: str = Message.Via.WEB,
) -> Thread:
    """Open a thread with its first message. Contacts open client threads only; the client's
    account manager is always in a client thread, with the contacts the starter chose."""
    if audience not in (Audience.CLIENT, Audience.INTERNAL):
        raise InvalidInput("Choose who the conversation is with.", field="audience")
    if audience == Audience.INTERNAL and not policy.is_staff_member(by):
        raise NotAllowed("Conversations with the agency are with the client audience.")
    subject = short_line(subject, limit=SUBJECT_LIMIT, what="The subject", field="subject")
    if not subject:
        raise InvalidInput("Give the conversation a subject.", field="subject")
    body = clean_body(body)
    thread = Thread(
        client=client,
        audience=audience,
        subject=subject,
        created_by=by,
        **_anchor(client, brief, job, deliverable),
    )
    if not access.may_post(by, thread):
        raise NotAllowed(access.POST_REFUSED)
    thread.save()
    if not access.visible_to(by).filter(pk=thread.pk).exists():  # rolled back with the error
        raise NotAllowed("You cannot start a conversation there.")
    chosen = [p for p in people if may_join(p, thread)]
    starters = [by, *chosen]
    if audience == Audience.CLIENT and client.account_manager_id:
        starters.append(client.account_manager)
    join(thread, starters)
    events.record(
        actor=by,
        verb="thread.started",
        target=thread,
        client=client,
        audience=audience,
        data={"thread": thread.pk, "subject": subject, "anchor": thread.anchor},
    )
    post(by=by, thread=thread, body=body, attachments=attachments, via=via)
    return thread


def may_join(person: User, thread: Thread) -> bool:
    """Who can be brought into a thread (by @mention, as one of its people, with a to-do):
    an active person who may read it already. Bringing someone in never gives access."""
    return person.is_active and access.visible_to(person).filter(pk=thread.pk).exists()


def join(thread: Thread, people: Iterable[User]) -> None:
    """Bring people in (and following); those already in stay as they are, but follow again."""
    ids = {p.pk for p in people if p is not None}
    if not ids:
        return
    Participant.objects.filter(thread=thread, user_id__in=ids).update(following=True)
    have = set(
        Participant.objects.filter(thread=thread, user_id__in=ids).values_list("user_id", flat=True)
    )
    Participant.objects.bulk_create(
        Participant(thread=thread, user_id=pk) for pk in sorted(ids - have)
    )


def _mentioned(thread: Thread, body: str) -> list[User]:
    handles = markdown.handles(body)
    if not handles:
        return []
    by_handle = Q()
    for handle in handles:
        by_handle |= Q(email__istartswith=f"{handle}@")
    people = User.objects.filter(by_handle, is_active=True)[:20]
    return [p for p in people if may_join(p, thread)]


@transaction.atomic
def post(
    *,
    by: User,
    thread: Thread,
    body: str,
    attachments: Sequence[UploadedFile] = (),
    via: str = Message.Via.WEB,
    relayed_from: Message | None = None,
    inbound: InboundEmail | None = None,
    inbound_files: Sequence[files.InboundFile] = (),
) -> Message:
    """Write in a thread: the author joins it, those @mentioned who may see it are brought in,
    the ball goes to the other side (client threads), and the others in it are told."""
    if not access.may_post(by, thread):
        raise NotAllowed(access.POST_REFUSED)
    # Whoever writes (by email too) must still read it: access ends when a job, a client or a
    # contact's place does, whatever reply addresses they kept.
    # Two people writing at once: the second waits for the first, then reads the court and the
    # newest message as the first left them.
    current = Thread.objects.select_for_update().filter(pk=thread.pk).values(*LOCKED).get()
    for name, value in current.items():
        setattr(thread, name, value)
    if not access.visible_to(by).filter(pk=thread.pk).exists():
        raise NotAllowed("You no longer take part in this conversation.")
    body = clean_body(body)
    rendered = markdown.render(body)
    now = timezone.now()
    message = Message.objects.create(
        thread=thread,
        author=by,
        body=body,
        html=rendered.html,
        text=rendered.text,
        via=via,
        relayed_from=relayed_from,
        inbound=inbound,
        created_at=now,
    )
    files.attach(message, uploads=attachments, received=inbound_files)
    message_search.index_message(message, thread)
    mentioned = _mentioned(thread, body)
    Mention.objects.bulk_create(Mention(message=message, user=p) for p in mentioned)
    join(thread, [by, *mentioned])
    Participant.objects.filter(thread=thread, user=by).update(last_read_id=message.pk)
    _moved_on(thread, message, by)
    events.record(
        actor=by,
        verb="thread.message",
        target=thread,
        client=thread.client_id,
        audience=thread.audience,
        data={"thread": thread.pk, "subject": thread.subject, "message": message.pk, "via": via},
    )
    notices.message_posted(message, mentioned=mentioned)
    return message


def _moved_on(thread: Thread, message: Message, by: User) -> None:
    """The thread's newest message and court: in a client thread a contact's message puts the
    ball in the agency's court (from the first unanswered one), the agency's in the client's."""
    fields = {"last_message_at": message.created_at, "last_message_id": message.pk}
    if not thread.is_internal:
        court = Court.CLIENT if policy.is_staff_member(by) else Court.AGENCY
        if thread.waiting_on != court:
            fields.update(waiting_on=court, waiting_since=message.created_at)
    Thread.objects.filter(pk=thread.pk).update(message_count=F("message_count") + 1, **fields)
    for name, value in fields.items():
        setattr(thread, name, value)
    thread.message_count += 1


def ensure_may_edit(*, by: User, message: Message) -> None:
    """Only its author edits a message, for five minutes after sending it, unless an app above
    refuses it (`edit_guards`: a record stands on the message)."""
    if message.author_id != by.pk:
        raise NotAllowed("Only its author edits a message.")
    if timezone.now() - message.created_at > EDIT_WINDOW:
        raise NotAllowed("A message can be edited for five minutes after sending; write a new one.")
    if (refusal := edit_guards.edit_refusal(message)) is not None:
        raise NotAllowed(refusal)


@transaction.atomic
def edit(*, by: User, message: Message, body: str, revision: int) -> Message:
    """Change one's own message within five minutes of writing it; the earlier text is kept.
    `revision` is the one the editor saw: a change made since is a conflict, not overwritten."""
    # The thread first, as a new message takes it: what listens to the edit (meeting notes read
    # an edited answer again) then takes its locks in the same order as for a new message.
    Thread.objects.select_for_update().filter(pk=message.thread_id).values("pk").first()
    locked = Message.objects.select_for_update().get(pk=message.pk)
    ensure_may_edit(by=by, message=locked)
    if locked.revision != revision:
        raise Conflict("This message was edited since you opened it; here it is as it is now.")
    body = clean_body(body)
    if body == locked.body:
        return locked
    MessageEdit.objects.create(message=locked, body=locked.body)
    rendered = markdown.render(body)
    locked.body, locked.html, locked.text = body, rendered.html, rendered.text
    locked.edited_at = timezone.now()
    locked.revision += 1
    locked.save(update_fields=["body", "html", "text", "edited_at", "revision"])
    thread = message.thread
    message_search.index_message(locked, thread)
    mentioned = [p for p in _mentioned(thread, body) if not locked.mentions.filter(user=p).exists()]
    Mention.objects.bulk_create(Mention(message=locked, user=p) for p in mentioned)
    join(thread, mentioned)
    events.record(
        actor=by,
        verb="thread.edited",
        target=thread,
        client=thread.client_id,
        data={"thread": thread.pk, "message": locked.pk, "revision": locked.revision},
    )
    notices.message_edited(locked, mentioned=mentioned)
    locked.thread = thread
    return locked


def mark_read(*, user: User, thread: Thread) -> None:
    """The person has read the thread up to its newest message (kept even if they only read)."""
    updated = Participant.objects.filter(thread=thread, user=user).update(
        last_read_id=thread.last_message_id
    )
    if not updated:
        Participant.objects.get_or_create(
            thread=thread,
            user=user,
            defaults={"following": False, "last_read_id": thread.last_message_id},
        )


@transaction.atomic
def clear_court(*, by: User, thread: Thread, settled: bool = False) -> Thread:
    """The account manager says nothing more is needed from anyone (an FYI, a thank-you).
    `settled`: what the thread waited for was done elsewhere, by `by` (meeting notes the
    client confirmed): the apps above say so, whoever `by` is."""
    if not settled and not access.manages(by, thread.client):
        raise NotAllowed("Only the account manager can do that.")
    if thread.waiting_on == Court.NOBODY:
        return thread
    Thread.objects.filter(pk=thread.pk).update(waiting_on=Court.NOBODY, waiting_since=None)
    thread.waiting_on, thread.waiting_since = Court.NOBODY, None
    events.record(
        actor=by,
        verb="thread.court_cleared",
        target=thread,
        client=thread.client_id,
        data={"thread": thread.pk},
    )
    return thread


@transaction.atomic
def set_team_voice(*, by: User, job: Any, open: bool) -> bool:
    """Open (or close) a job's client threads to its team: they read and write in them."""
    if not access.manages(by, job.client):
        raise NotAllowed("Only the account manager decides who writes to the client.")
    if open:
        _, changed = CreativeVoice.objects.get_or_create(job=job, defaults={"opened_by": by})
    else:
        changed = bool(CreativeVoice.objects.filter(job=job).delete()[0])
    if changed:
        events.record(
            actor=by,
            verb="thread.team_voice",
            target=job,
            client=job.client_id,
            data={"job": job.pk, "open": open},
        )
    return open
