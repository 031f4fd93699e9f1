"""What meeting notes register with the apps below them besides agreements' part (which reads
a new answer): an edited answer is read again, and the message that confirmed notes is not
edited. Called from wiring.connect()."""

from typing import Any

from accord.core import verbs
from accord.core.policy import Audience


def _correction_edited(actor: str, data: dict[str, Any]) -> str:
    title = data.get("title")
    of = f"the notes of “{title}”" if title else "meeting notes"
    return f"{actor} changed their correction of {of}."


def connect() -> None:
    from accord.conversations.edit_guards import register_edit_guard
    from accord.core.events import listen
    from accord.insights.services import notes

    verbs.declare(
        "meeting_note.correction_edited",
        app="insights",
        audience=Audience.CLIENT,
        fields=("note", "title", "revision", "sha256"),
        contacts=True,
        sentence=_correction_edited,
    )
    listen("thread.edited", notes.answer_edited)
    register_edit_guard(notes.edit_refusal)
