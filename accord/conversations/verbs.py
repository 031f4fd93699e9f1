"""How the activity feed says what happened in conversations. A client thread's messages are
recorded for the client's audience; internal threads, relays, to-dos and triage stay internal."""

from typing import Any

from accord.core import verbs
from accord.core.policy import Audience


def _subject(d: dict[str, Any]) -> str:
    return f"“{d['subject']}”" if d.get("subject") else "a conversation"


def _started(a: str, d: dict[str, Any]) -> str:
    return f"{a} started the conversation {_subject(d)}."


def _posted(a: str, d: dict[str, Any]) -> str:
    how = " by email" if d.get("via") == "email" else ""
    return f"{a} wrote in {_subject(d)}{how}."


def _relayed(a: str, d: dict[str, Any]) -> str:
    todos = d.get("todos") or 0
    extra = f" with {todos} to-do{'s' if todos != 1 else ''}" if todos else ""
    return f"{a} passed a client message on to the team{extra}."


def declare_verbs() -> None:
    """Conversations' verbs (called from ConversationsConfig.ready)."""
    for name, audience, client_fields, sentence in (
        ("thread.started", Audience.CLIENT, ("thread", "subject", "anchor"), _started),
        ("thread.message", Audience.CLIENT, ("thread", "subject", "message", "via"), _posted),
    ):
        verbs.declare(
            name,
            app="conversations",
            audience=audience,
            fields=client_fields,
            contacts=True,
            sentence=sentence,
        )
    verbs.declare(
        "thread.relayed",
        app="conversations",
        fields=("thread", "message", "source", "todos"),
        sentence=_relayed,
    )
    verbs.declare(
        "thread.replied",
        app="conversations",
        fields=("thread", "message", "source"),
        sentence=verbs.saying("{actor} answered the client from the team's discussion."),
    )
    said_verbs: tuple[tuple[str, tuple[str, ...], str], ...] = (
        ("thread.edited", ("thread", "message", "revision"), "{actor} edited a message."),
        ("thread.court_cleared", ("thread",), "{actor} marked a conversation as needing nothing."),
        ("thread.todo_done", ("thread", "todo"), "{actor} ticked off a to-do."),
        ("thread.todo_reopened", ("thread", "todo"), "{actor} reopened a to-do."),
        ("thread.team_voice", ("job", "open"), "{actor} changed who may write to the client."),
        ("mail.triaged", ("email", "outcome"), "{actor} sorted an email from the triage queue."),
        ("mail.request", ("email", "request"), "An email from the client opened a request."),
    )
    for name, fields, said in said_verbs:
        verbs.declare(name, app="conversations", fields=fields, sentence=verbs.saying(said))
