"""Relays: the account manager passes a client's message to the team in their own neutral
words (an internal message, with to-dos if they like), and answers the client from the team's
discussion in their own words. Each relay is linked to its source; the client never sees the
internal side of it."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.conversations import access
from accord.conversations.models import Message, Participant, Thread, Todo
from accord.conversations.services import notices
from accord.conversations.services.threads import join, may_join, post, start_thread
from accord.core import events, policy
from accord.core.errors import InvalidInput, NotAllowed
from accord.core.policy import Audience
from accord.core.text import short_line

MAX_TODOS = 20
TODO_LIMIT = 500


@dataclass(frozen=True)
class TodoLine:
    text: str
    assignee: User


def _ensure_broker(by: User, source: Message) -> None:
    if not access.manages(by, source.thread.client):
        raise NotAllowed("Only the account manager relays between the client and the team.")


def _same_anchor(thread: Thread, audience: str) -> Thread | None:
    """The most recently active thread of `audience` on the same client, brief, job or
    deliverable as `thread`."""
    return (
        Thread.objects.filter(
            client_id=thread.client_id,
            audience=audience,
            brief=thread.brief_id,
            job=thread.job_id,
            deliverable=thread.deliverable_id,
        )
        .order_by("-last_message_at")
        .first()
    )


def _check_target(target: Thread, source: Message, audience: str) -> None:
    if target.client_id != source.thread.client_id or target.audience != audience:
        where = "the team's internal" if audience == Audience.INTERNAL else "a client"
        raise InvalidInput(f"Choose one of this client's {where} conversations.", field="thread")


def read_up_to(person: User, message: Message) -> None:
    """Whoever relays a message has read its thread up to it."""
    Participant.objects.filter(
        thread_id=message.thread_id, user=person, last_read_id__lt=message.pk
    ).update(last_read_id=message.pk)


def _clean_todos(todos: Sequence[TodoLine]) -> list[TodoLine]:
    if len(todos) > MAX_TODOS:
        raise InvalidInput(f"Up to {MAX_TODOS} to-dos at a time.", field="todos")
    clean = []
    for line in todos:
        text = short_line(line.text, limit=TODO_LIMIT, what="A to-do", field="todos")
        if not text:
            raise InvalidInput("A to-do needs words: say what is to be done.", field="todos")
        if not (line.assignee.is_active and policy.is_staff_member(line.assignee)):
            raise InvalidInput("To-dos are for people in the agency's team.", field="todos")
        clean.append(TodoLine(text=text, assignee=line.assignee))
    return clean


@transaction.atomic
def relay_to_team(
    *,
    by: User,
    source: Message,
    body: str,
    todos: Sequence[TodoLine] = (),
    target: Thread | None = None,
) -> Message:
    """Pass a client message to the team: an internal message in `target` (else the internal
    thread on the same brief, job or deliverable, opened if there is none), with to-dos."""
    _ensure_broker(by, source)
    if source.thread.is_internal:
        raise InvalidInput("That message is already the team's; reply to the client instead.")
    todos = _clean_todos(todos)
    if target is not None:
        _check_target(target, source, Audience.INTERNAL)
    target = target or _same_anchor(source.thread, Audience.INTERNAL)
    if target is None:
        thread = source.thread
        target = start_thread(
            by=by,
            client=thread.client,
            audience=Audience.INTERNAL,
            subject=thread.subject,
            body=body,
            brief=thread.brief,
            job=None if thread.deliverable_id else thread.job,
            deliverable=thread.deliverable,
            people=[t.assignee for t in todos],
        )
        message = target.messages.get()
        Message.objects.filter(pk=message.pk).update(relayed_from=source)
        message.relayed_from = source
    else:
        join(target, [t.assignee for t in todos])
        message = post(by=by, thread=target, body=body, relayed_from=source)
    for line in todos:
        if not may_join(line.assignee, target):
            raise InvalidInput(
                f"{line.assignee.name or line.assignee.email} does not work on this client or "
                "job: add them to its team first.",
                field="todos",
            )
    made = Todo.objects.bulk_create(
        Todo(
            thread=target,
            message=message,
            source=source,
            text=t.text,
            assignee=t.assignee,
            created_by=by,
        )
        for t in todos
    )
    read_up_to(by, source)
    events.record(
        actor=by,
        verb="thread.relayed",
        target=target,
        client=target.client_id,
        data={"thread": target.pk, "message": message.pk, "source": source.pk, "todos": len(made)},
    )
    notices.todos_given(made, by=by)
    return message


def _client_side_of(internal: Thread) -> Thread | None:
    """Where the team's discussion came from: the client thread its newest relay came from."""
    relayed = (
        Message.objects.filter(thread=internal, relayed_from__isnull=False)
        .select_related("relayed_from__thread")
        .order_by("-id")
        .first()
    )
    if relayed and relayed.relayed_from and not relayed.relayed_from.thread.is_internal:
        return relayed.relayed_from.thread
    return _same_anchor(internal, Audience.CLIENT)


@transaction.atomic
def reply_to_client(
    *, by: User, source: Message, body: str, target: Thread | None = None
) -> Message:
    """Answer the client from an internal message, in the account manager's words, in `target`
    (else the client thread the discussion came from, or one on the same work, or a new one)."""
    _ensure_broker(by, source)
    if not source.thread.is_internal:
        raise InvalidInput("That message is the client's; relay it to the team instead.")
    if target is not None:
        _check_target(target, source, Audience.CLIENT)
    target = target or _client_side_of(source.thread)
    if target is None:
        thread = source.thread
        target = start_thread(
            by=by,
            client=thread.client,
            audience=Audience.CLIENT,
            subject=thread.subject,
            body=body,
            brief=thread.brief,
            job=None if thread.deliverable_id else thread.job,
            deliverable=thread.deliverable,
            people=[c.user for c in thread.client.contacts.select_related("user")],
        )
        message = target.messages.get()
        Message.objects.filter(pk=message.pk).update(relayed_from=source)
        message.relayed_from = source
    else:
        message = post(by=by, thread=target, body=body, relayed_from=source)
    read_up_to(by, source)
    events.record(
        actor=by,
        verb="thread.replied",
        target=source.thread,
        client=target.client_id,
        data={"thread": target.pk, "message": message.pk, "source": source.pk},
    )
    return message


@transaction.atomic
def tick(*, by: User, todo: Todo, done: bool) -> Todo:
    """Tick a to-do off (or reopen it)."""
    if (todo.done_at is not None) == done:
        return todo
    todo.done_at, todo.done_by = (timezone.now(), by) if done else (None, None)
    todo.save(update_fields=["done_at", "done_by"])
    events.record(
        actor=by,
        verb="thread.todo_done" if done else "thread.todo_reopened",
        target=todo.thread,
        client=todo.thread.client_id,
        data={"thread": todo.thread_id, "todo": todo.pk},
    )
    return todo
