"""Conversations API, what the account manager does between the two sides: relay a client's
message to the team (with to-dos), answer the client from the team's discussion, say the ball
is in nobody's court, open a job's client threads to its team; and ticking a to-do.

Brokering is for those who run the client (admins, its account manager): anyone else who sees
the message or thread gets 403, anyone who does not 404.
"""

from typing import Any

from django.http import Http404
from ninja import Router, Status

from accord.accounts.models import User
from accord.conversations import access
from accord.conversations.api import message_out, read_state
from accord.conversations.models import Thread
from accord.conversations.schemas import (
    MessageOut,
    RelayIn,
    RelayOut,
    ReplyIn,
    TeamVoiceIn,
    TeamVoiceOut,
    ThreadOut,
    TodoLineIn,
    TodoOut,
)
from accord.conversations.services import relays, threads
from accord.core.api_support import BODY_ERRORS, WRITE_ERRORS, AuthedRequest, ObjectId, TickIn
from accord.core.errors import InvalidInput
from accord.core.policy import Kind
from accord.work import access as work_access

router = Router(tags=["conversations"])


def _target(request: AuthedRequest, thread_id: int | None) -> Thread | None:
    """The thread named in the body, if the person sees it (else, as a body field, 422)."""
    if thread_id is None:
        return None
    try:
        return access.thread_for(request.user, thread_id)
    except Http404:
        raise InvalidInput("There is no such conversation.", field="thread_id") from None


def _todo_lines(lines: list[TodoLineIn]) -> list[relays.TodoLine]:
    """Each to-do with its assignee, who must be someone at the agency (so no name of another
    client's contact leaks through the answer)."""
    ids = {line.assignee_id for line in lines}
    people = {p.pk: p for p in User.objects.filter(pk__in=ids, kind=Kind.STAFF, is_active=True)}
    for line in lines:
        if line.assignee_id not in people:
            raise InvalidInput(
                f"No one in the agency's team has the id {line.assignee_id}.", field="todos"
            )
    return [relays.TodoLine(text=line.text, assignee=people[line.assignee_id]) for line in lines]


@router.post(
    "/messages/{message_id}/relay",
    response={201: RelayOut, **BODY_ERRORS},
    operation_id="relay_to_team",
)
def relay_to_team(request: AuthedRequest, message_id: ObjectId, payload: RelayIn) -> Status[Any]:
    """Pass a client's message to the team in your own words: an internal message in
    `thread_id` (else the internal thread on the same work, started if there is none), with
    `todos` for people in the team, who are brought in and told."""
    source = access.message_for(request.user, message_id, "manage")
    todos = _todo_lines(payload.todos)
    message = relays.relay_to_team(
        by=request.user,
        source=source,
        body=payload.body,
        todos=todos,
        target=_target(request, payload.thread_id),
    )
    made = message.todos.select_related("assignee", "done_by").order_by("pk")
    return Status(
        201,
        RelayOut(
            message=message_out(request, message, managing=True),
            todos=[TodoOut.of(t) for t in made],
        ),
    )


@router.post(
    "/messages/{message_id}/reply",
    response={201: MessageOut, **BODY_ERRORS},
    operation_id="reply_to_client",
)
def reply_to_client(request: AuthedRequest, message_id: ObjectId, payload: ReplyIn) -> Status[Any]:
    """Answer the client from the team's internal message, in your own words, in `thread_id`
    (else the client thread the discussion came from, one on the same work, or a new one). The
    client sees your message only, never what it was written from."""
    source = access.message_for(request.user, message_id, "manage")
    message = relays.reply_to_client(
        by=request.user,
        source=source,
        body=payload.body,
        target=_target(request, payload.thread_id),
    )
    return Status(201, message_out(request, message, managing=True))


@router.post(
    "/thread-todos/{todo_id}/tick",
    response={200: TodoOut, **BODY_ERRORS},
    operation_id="tick_thread_todo",
)
def tick_thread_todo(request: AuthedRequest, todo_id: ObjectId, payload: TickIn) -> TodoOut:
    """Tick a to-do from a relay off (`done: true`) or reopen it: the person it is for, or
    the account manager."""
    todo = access.todo_for(request.user, todo_id)
    return TodoOut.of(relays.tick(by=request.user, todo=todo, done=payload.done))


@router.post(
    "/threads/{thread_id}/clear-court",
    response={200: ThreadOut, **WRITE_ERRORS},
    operation_id="clear_court",
)
def clear_court(request: AuthedRequest, thread_id: ObjectId) -> ThreadOut:
    """Nothing more is needed from anyone (an FYI, a thank-you): the ball is in nobody's
    court until the next message."""
    thread = access.thread_for(request.user, thread_id, "manage")
    threads.clear_court(by=request.user, thread=thread)
    return ThreadOut.of(read_state(request, thread))


@router.put(
    "/jobs/{job_id}/team-voice",
    response={200: TeamVoiceOut, **BODY_ERRORS},
    operation_id="set_team_voice",
)
def set_team_voice(request: AuthedRequest, job_id: ObjectId, payload: TeamVoiceIn) -> TeamVoiceOut:
    """Open a job's client threads to its team (they read and write in them) or close them
    again; the account manager."""
    job = work_access.job_for(request.user, job_id, "manage")
    opened = threads.set_team_voice(by=request.user, job=job, open=payload.open)
    return TeamVoiceOut(job_id=job.pk, open=opened)
