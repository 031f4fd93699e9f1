"""Edits that apps above conversations refuse.

A message can be what a record above conversations stands on (the message that confirmed
meeting notes, in insights), which conversations must not import. Those apps register a guard
here from their AppConfig.ready; editing a message asks every guard before it saves.
"""

from collections.abc import Callable

from accord.conversations.models import Message

# A guard gets the message as it is before the edit and returns why it may not be edited (a
# sentence for its author, saying what to do instead), or None when it has nothing against it.
EditGuard = Callable[[Message], str | None]

_edit_guards: list[EditGuard] = []


def register_edit_guard(guard: EditGuard) -> None:
    if guard not in _edit_guards:
        _edit_guards.append(guard)


def edit_refusal(message: Message) -> str | None:
    """The first reason a registered guard gives against editing `message`, or None."""
    for guard in _edit_guards:
        if (reason := guard(message)) is not None:
            return reason
    return None
