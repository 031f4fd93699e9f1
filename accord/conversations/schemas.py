"""The conversations API's shapes: strict bodies in, and separate outputs for the agency and
the client. A contact's message has no `relayed_from` (what the account manager answered from is
the team's internal discussion) and a contact's thread no to-dos nor brokering flags: the client
schemas have no such fields at all, rather than fields left empty."""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Annotated, Any, Literal

from django.urls import reverse
from django.utils import timezone
from ninja import Schema
from pydantic import BaseModel, Field

from accord.conversations.markdown import MAX_BODY_CHARS
from accord.conversations.models import Message, MessageAttachment, Participant, Thread, Todo
from accord.conversations.services import relays
from accord.conversations.services.threads import EDIT_WINDOW, SUBJECT_LIMIT
from accord.core.api_support import MAX_ID, Input, PageMeta, Text
from accord.core.policy import Kind
from accord.intake.schemas import NamedRef

Absolute = Callable[[str], str]
AudienceValue = Literal["client", "internal"]
CourtValue = Literal["client", "agency", "nobody"]
AnchorValue = Literal["client", "brief", "job", "deliverable"]
ShowValue = Literal["unread", "waiting_on_agency", "waiting_on_client"]
SideValue = Literal["agency", "client"]
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
Body = Annotated[Text, Field(min_length=1, max_length=MAX_BODY_CHARS)]
BODY_HELP = (
    f"Markdown (up to {MAX_BODY_CHARS:,} characters); shown as sanitised HTML. "
    "@name (an email's local part) brings in someone who may see the thread."
)
MAX_PEOPLE = 50


# --- Threads --------------------------------------------------------------------------------


class TitledRef(BaseModel):
    """A brief, job or deliverable, by id and title."""

    id: int
    title: str


class ParticipantOut(BaseModel):
    id: int
    name: str
    side: SideValue = Field(..., description="agency (staff) or client (a contact).")

    @classmethod
    def of(cls, person: Any) -> "ParticipantOut":
        side: SideValue = "client" if person.kind == Kind.CONTACT else "agency"
        return cls(id=person.pk, name=person.name, side=side)


def _person(person: Any) -> ParticipantOut | None:
    return ParticipantOut.of(person) if person is not None else None


def _titled(thing: Any) -> TitledRef | None:
    return TitledRef(id=thing.pk, title=thing.title) if thing is not None else None


class ThreadOut(BaseModel):
    """A conversation as listed: what it is on, whose court the ball is in, and whether the
    person asking has read its newest message."""

    id: int
    subject: str
    audience: AudienceValue = Field(
        ..., description="client: the client's contacts and the agency; internal: the agency."
    )
    client: NamedRef
    anchor: AnchorValue = Field(..., description="What it is on (the most specific of them).")
    brief: TitledRef | None
    job: TitledRef | None = Field(..., description="Also set for a thread on a deliverable.")
    deliverable: TitledRef | None
    waiting_on: CourtValue = Field(
        ..., description="Whose court the ball is in (client threads; internal: nobody)."
    )
    waiting_since: datetime | None
    message_count: int
    last_message_at: datetime
    created_at: datetime
    unread: bool = Field(..., description="A message newer than the last one you read.")

    @classmethod
    def fields_of(cls, thread: Thread) -> dict[str, Any]:
        return {
            "id": thread.pk,
            "subject": thread.subject,
            "audience": thread.audience,
            "client": NamedRef(id=thread.client.pk, name=thread.client.name),
            "anchor": thread.anchor,
            "brief": _titled(thread.brief),
            "job": _titled(thread.job),
            "deliverable": _titled(thread.deliverable),
            "waiting_on": thread.waiting_on,
            "waiting_since": thread.waiting_since,
            "message_count": thread.message_count,
            "last_message_at": thread.last_message_at,
            "created_at": thread.created_at,
            "unread": bool(getattr(thread, "unread", False)),
        }

    @classmethod
    def of(cls, thread: Thread) -> "ThreadOut":
        return cls(**cls.fields_of(thread))


class ThreadPage(PageMeta):
    items: list[ThreadOut]


class ClientThreadDetailOut(ThreadOut):
    """One conversation for a client contact: who is in it, and whether you may write."""

    participants: list[ParticipantOut] = Field(..., description="Who follows it (up to 100).")
    may_post: bool
    read_to: int = Field(..., description="The id of the newest message you have read (0: none).")

    @classmethod
    def detail_of(cls, thread: Thread, people: Iterable[Participant], may_post: bool) -> Any:
        return {
            **cls.fields_of(thread),
            "participants": [ParticipantOut.of(p.user) for p in people],
            "may_post": may_post,
            "read_to": int(getattr(thread, "read_to", 0) or 0),
        }

    @classmethod
    def of_detail(
        cls, thread: Thread, people: Iterable[Participant], may_post: bool
    ) -> "ClientThreadDetailOut":
        return cls(**cls.detail_of(thread, people, may_post))


class TodoOut(BaseModel):
    """A to-do the account manager gave someone in the team when relaying a client message."""

    id: int
    thread_id: int
    message_id: int = Field(..., description="The relay (internal message) that gave it.")
    source_message_id: int | None = Field(..., description="The client message relayed.")
    text: str
    assignee: ParticipantOut
    done: bool
    done_at: datetime | None
    done_by: ParticipantOut | None
    created_at: datetime

    @classmethod
    def of(cls, todo: Todo) -> "TodoOut":
        return cls(
            id=todo.pk,
            thread_id=todo.thread_id,
            message_id=todo.message_id,
            source_message_id=todo.source_id,
            text=todo.text,
            assignee=ParticipantOut.of(todo.assignee),
            done=todo.done_at is not None,
            done_at=todo.done_at,
            done_by=_person(todo.done_by),
            created_at=todo.created_at,
        )


class ThreadDetailOut(ClientThreadDetailOut):
    """One conversation for the agency: also whether you broker it (relays, the court) and,
    for an internal one, its to-dos."""

    managing: bool = Field(..., description="You run the client: relay, reply, clear the court.")
    todos: list[TodoOut] = Field(..., description="An internal thread's to-dos (up to 200).")

    @classmethod
    def of_agency(
        cls,
        thread: Thread,
        people: Iterable[Participant],
        may_post: bool,
        todos: Iterable[Todo],
    ) -> "ThreadDetailOut":
        return cls(
            **cls.detail_of(thread, people, may_post),
            managing=thread.managing,
            todos=[TodoOut.of(t) for t in todos],
        )


class ThreadFilters(Schema):
    """Which conversations: all you see, or those of one client, audience, or piece of work."""

    client_id: int | None = Field(None, ge=1, le=MAX_ID)
    audience: AudienceValue | None = None
    show: ShowValue | None = Field(
        None, description="unread, waiting_on_agency or waiting_on_client."
    )
    brief_id: int | None = Field(None, ge=1, le=MAX_ID)
    job_id: int | None = Field(None, ge=1, le=MAX_ID)
    deliverable_id: int | None = Field(None, ge=1, le=MAX_ID)


class StartThreadIn(Input):
    """A new conversation with its first message, on a client or on one of its briefs, jobs or
    deliverables (give one; its client is implied)."""

    client_id: int | None = Field(None, ge=1, le=MAX_ID, description="Required without an anchor.")
    brief_id: int | None = Field(None, ge=1, le=MAX_ID)
    job_id: int | None = Field(None, ge=1, le=MAX_ID)
    deliverable_id: int | None = Field(None, ge=1, le=MAX_ID)
    audience: AudienceValue = Field("client", description="Contacts start client threads only.")
    subject: Text = Field(..., min_length=1, max_length=SUBJECT_LIMIT)
    body: Body = Field(..., description=BODY_HELP)
    people: list[RowId] = Field(
        [],
        max_length=MAX_PEOPLE,
        description="Ids of others to bring in; those who may not be in it are left out.",
    )


# --- Messages -------------------------------------------------------------------------------


class AttachmentOut(BaseModel):
    id: int
    name: str
    size: int
    content_type: str
    sha256: str
    download_url: str

    @classmethod
    def of(cls, item: MessageAttachment, absolute: Absolute) -> "AttachmentOut":
        url = reverse("api:download_message_file", kwargs={"attachment_id": item.pk})
        return cls(
            id=item.pk,
            name=item.name,
            size=item.size,
            content_type=item.content_type,
            sha256=item.sha256,
            download_url=absolute(url),
        )


class ClientMessageOut(BaseModel):
    """A message as a client contact reads it."""

    id: int
    thread_id: int
    author: ParticipantOut | None = Field(..., description="Null once its author was erased.")
    body: str = Field(..., description="As written, in Markdown.")
    html: str = Field(..., description="Sanitised HTML to show.")
    via: Literal["web", "email", "api"]
    created_at: datetime
    edited_at: datetime | None
    revision: int = Field(..., description="Send it back with an edit (a change since: 409).")
    editable: bool = Field(..., description="Yours, and within five minutes of sending.")
    attachments: list[AttachmentOut]
    mentions: list[ParticipantOut]

    @classmethod
    def fields_of(cls, message: Message, reader: Any, absolute: Absolute) -> dict[str, Any]:
        return {
            "id": message.pk,
            "thread_id": message.thread_id,
            "author": _person(message.author),
            "body": message.body,
            "html": message.html,
            "via": message.via,
            "created_at": message.created_at,
            "edited_at": message.edited_at,
            "revision": message.revision,
            "editable": message.author_id == reader.pk
            and timezone.now() - message.created_at <= EDIT_WINDOW,
            "attachments": [AttachmentOut.of(a, absolute) for a in message.attachments.all()],
            "mentions": [ParticipantOut.of(m.user) for m in message.mentions.all()],
        }

    @classmethod
    def of(cls, message: Message, reader: Any, absolute: Absolute) -> "ClientMessageOut":
        return cls(**cls.fields_of(message, reader, absolute))


class RelaySourceOut(BaseModel):
    """The message a relay came from: a client's message passed to the team, or the team's
    message the reply to the client was written from."""

    message_id: int
    thread_id: int
    author: ParticipantOut | None
    excerpt: str = Field(..., description="Its first 200 characters, as plain text.")


class MessageOut(ClientMessageOut):
    """A message as the agency reads it: with what it relays, for those who broker it."""

    relayed_from: RelaySourceOut | None = Field(
        ...,
        description="A relay's source, for those who run the client (admins, its account "
        "manager); null otherwise, and for a message that is no relay.",
    )

    @classmethod
    def of_agency(
        cls, message: Message, reader: Any, absolute: Absolute, *, show_source: bool
    ) -> "MessageOut":
        source = message.relayed_from if show_source else None
        shown = None
        if source is not None:
            shown = RelaySourceOut(
                message_id=source.pk,
                thread_id=source.thread_id,
                author=_person(source.author),
                excerpt=source.text[:200],
            )
        return cls(**cls.fields_of(message, reader, absolute), relayed_from=shown)


class MessagePage(BaseModel):
    """Messages newest first; `next_before` asks for the older ones (null: none older)."""

    items: list[MessageOut]
    next_before: int | None


class ClientMessagePage(BaseModel):
    items: list[ClientMessageOut]
    next_before: int | None


class MessageQuery(Schema):
    before: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only messages older than this message id."
    )


class MessageIn(Input):
    body: Body = Field(..., description=BODY_HELP)


class MessageForm(Schema):
    """The text of a message sent with files (multipart/form-data)."""

    body: Body = Field(..., description=BODY_HELP)


class EditIn(Input):
    body: Body = Field(..., description=BODY_HELP)
    revision: int = Field(..., ge=1, le=2**31 - 1, description="The `revision` you read.")


class EditConflictOut(BaseModel):
    """The message was edited since you read it: nothing was saved; here it is as it is now."""

    detail: str
    field: str | None = None
    current: MessageOut | ClientMessageOut


# --- Relays and to-dos ----------------------------------------------------------------------


class TodoLineIn(Input):
    text: Text = Field(..., min_length=1, max_length=relays.TODO_LIMIT)
    assignee_id: int = Field(..., ge=1, le=MAX_ID, description="Someone in the agency's team.")


class RelayIn(Input):
    body: Body = Field(..., description="Your own words to the team.")
    todos: list[TodoLineIn] = Field([], max_length=relays.MAX_TODOS)
    thread_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="An internal thread of the client (default: the one on the same work, "
        "started if there is none).",
    )


class ReplyIn(Input):
    body: Body = Field(..., description="Your own words to the client.")
    thread_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="A client thread of the client (default: the one the discussion came from).",
    )


class RelayOut(BaseModel):
    message: MessageOut
    todos: list[TodoOut]


class TeamVoiceIn(Input):
    open: bool = Field(
        ...,
        description="true: the job's team reads and writes in its client threads; false: they "
        "reach the client through the account manager only.",
    )


class TeamVoiceOut(BaseModel):
    job_id: int
    open: bool
