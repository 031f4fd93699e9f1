"""What the agreements part of insights registers with the apps below it (verbs, listeners, sweeps,
panels, notification kinds), called from wiring.connect()."""

from typing import Any

from accord.core import verbs
from accord.core.models import EmailChoice
from accord.core.policy import Audience

NOTE_FIELDS = ("note", "title", "revision")


def _of(d: dict[str, Any]) -> str:
    return f"the notes of “{d['title']}”" if d.get("title") else "meeting notes"


def _recorded(a: str, d: dict[str, Any]) -> str:
    if d.get("replaces"):
        return f"{a} sent a revision of {_of(d)} to confirm."
    return f"{a} sent {_of(d)} to confirm."


def _confirmed(a: str, d: dict[str, Any]) -> str:
    return f"{a} confirmed {_of(d)}{' by email' if d.get('via') == 'email' else ''}."


def _corrected(a: str, d: dict[str, Any]) -> str:
    return f"{a} corrected {_of(d)}{' by email' if d.get('via') == 'email' else ''}."


def _withdrawn(a: str, d: dict[str, Any]) -> str:
    if d.get("replaced_by"):
        return f"{a} replaced {_of(d)} with a revision."
    return f"{a} withdrew {_of(d)}."


def _redacted(a: str, d: dict[str, Any]) -> str:
    return f"{a} took an erased person's name out of meeting notes."


def declare_verbs() -> None:
    """Meeting notes are between the client and the agency: recorded for the client's audience
    and read by its contacts (never by creatives); an erasure's redaction, by the agency only."""
    for name, fields, sentence in (
        ("meeting_note.recorded", ("held_on", "sha256", "thread", "replaces"), _recorded),
        ("meeting_note.confirmed", ("sha256", "via"), _confirmed),
        ("meeting_note.corrected", ("sha256", "via"), _corrected),
        ("meeting_note.withdrawn", ("replaced_by",), _withdrawn),
    ):
        verbs.declare(
            name,
            app="insights",
            audience=Audience.CLIENT,
            fields=(*NOTE_FIELDS, *fields),
            contacts=True,
            sentence=sentence,
        )
    # Erasure's part (`services.notes_erasure`): the SHA-256 the notes gave before and after,
    # which the audit follows.
    verbs.declare(
        "meeting_note.redacted",
        app="insights",
        audience=Audience.INTERNAL,
        fields=("note", "person", "before", "sha256"),
        sentence=_redacted,
    )


def declare_kinds() -> None:
    from accord.core.notification_kinds import declare_kind

    # The answer also comes as a message in the notes' conversation (by email, as chosen for
    # conversations): these are in the list, and by email only for those who ask.
    declare_kind(
        "meeting_note.confirmed",
        label="Meeting notes confirmed",
        help="The client confirmed notes you recorded: they are now part of what was agreed.",
        audience={"staff"},
        default=EmailChoice.OFF,
    )
    declare_kind(
        "meeting_note.corrected",
        label="Meeting notes corrected",
        help="The client said what to correct in notes you recorded: revise them.",
        audience={"staff"},
        default=EmailChoice.OFF,
    )


def connect() -> None:
    from accord.accounts.erasure import register_eraser, register_name_eraser
    from accord.core.events import listen, register_verifier
    from accord.core.panels import register_client_panel
    from accord.insights import agreements, backfill, panels_agreements, search_agreements
    from accord.insights.services import agreements as record
    from accord.insights.services import agreements_pdf, notes, notes_erasure

    declare_verbs()
    declare_kinds()
    listen("thread.message", notes.answer_from_message)
    listen("meeting_note.confirmed", record.from_note)
    listen("brief.signed_off", record.from_sign_off)
    listen("round.closed", record.from_approval)
    register_verifier(agreements.verify)
    register_verifier(backfill.missing_entries)  # sign-offs and approvals with no entry
    register_client_panel(panels_agreements.on_client)
    search_agreements.register()
    # Erasure: names leave the notes and their entries; every stored PDF of the record goes
    # (they name who agreed and who was there) and is made again from the redacted record.
    register_name_eraser(notes_erasure.forget_person)
    register_eraser(agreements_pdf.forget_person)
