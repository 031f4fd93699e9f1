"""Erasing a person from meeting notes and from what was agreed: every name and email address
they had, standing alone and in any case (never “Carolina”), leaves the notes' title, who was
there, the notes and the client's correction, and the entries of confirmed notes; the
placeholder their user row now holds (“Erased person 7”) stands in their place, as on every
other page, so a reader still sees that one person attended, spoke and agreed.

The notes' SHA-256 covers their text, so redacted notes no longer give the SHA-256 they were
confirmed with. Each redaction sets `redacted_at` and records `meeting_note.redacted` with the
SHA-256 the notes gave before and give after it, and who was erased; the audit
(`insights.agreements.verify`) follows those events from the SHA-256 confirmed to the text as it
reads, and each must be of a person who is erased and whose placeholder the notes now hold, so
an edit before or after an erasure is still reported.

Bounded: the database finds the notes that hold one of the words; they are read a chunk at a
time, by id, with their entries one query per chunk. Stored PDFs of the record go with every
erasure (`agreements_pdf.forget_person`); the notes' conversation keeps its messages, as
conversations' erasure does."""

from typing import Any

from django.db.models import CharField, Q
from django.utils import timezone

from accord.accounts.erasure import Known
from accord.accounts.models import User
from accord.core import events
from accord.insights import search_agreements
from accord.insights.models import Agreement, MeetingNote
from accord.insights.services.agreements import note_summary
from accord.insights.services.notes import fingerprint

CHUNK = 200
FIELDS = ("title", "attendees", "body", "correction")
REDACTED = "meeting_note.redacted"


def _limit(model: Any, field: str) -> int | None:
    """A one-line field's column width (a text field has none the database holds to)."""
    found = model._meta.get_field(field)
    limit = getattr(found, "max_length", None)
    return limit if isinstance(found, CharField) and isinstance(limit, int) else None


def _fit(text: str, limit: int | None) -> str:
    """The placeholder may be longer than the name it replaces. The columns are far wider than
    what may be typed, so this cuts only what no one could have written: a cut text would no
    longer hold the placeholder the audit looks for."""
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def forget_person(person: User, by: User | None, known: Known) -> None:
    """Take `known`'s names and emails out of every meeting note and its entry in what was
    agreed (accounts' erasure calls this, in its transaction)."""
    # A one-word name ("Carol") may be anyone's: only full names and addresses are taken out.
    known = Known(
        words=tuple(w for w in known.words if "@" in w or len(w.split()) > 1),
        placeholder=known.placeholder,
    )
    if not known.words:
        return
    naming = Q()
    for word in known.words:
        for field in FIELDS:
            naming |= Q(**{f"{field}__icontains": word})
    last = 0
    # By id, no cursor open while writing (SQLite); a note the words only look like (“Carol
    # Reyesford”) is read once and left as it is.
    while chunk := list(MeetingNote.objects.filter(naming, pk__gt=last).order_by("pk")[:CHUNK]):
        last = chunk[-1].pk
        _redact(chunk, person=person, known=known, by=by)


def _redact(chunk: list[MeetingNote], *, person: User, known: Known, by: User | None) -> None:
    now = timezone.now()
    changed: dict[int, MeetingNote] = {}
    summaries: dict[int, str] = {}  # each note's entry as it read before
    for note in chunk:
        before = fingerprint(note)
        summaries[note.pk] = note_summary(note)
        fields = {f: _fit(known.redact(getattr(note, f)), _limit(MeetingNote, f)) for f in FIELDS}
        if all(getattr(note, f) == value for f, value in fields.items()):
            continue
        for field, value in fields.items():
            setattr(note, field, value)
        note.redacted_at = now
        changed[note.pk] = note
        events.record(
            actor=by,
            verb="meeting_note.redacted",
            target=note,
            client=note.client_id,
            data={
                "note": note.pk,
                "person": person.pk,
                "before": before,
                "sha256": fingerprint(note),
            },
        )
    if not changed:
        return
    MeetingNote.objects.bulk_update(list(changed.values()), [*FIELDS, "redacted_at"])
    _redact_entries(changed, summaries, known=known, now=now)


def _redact_entries(
    notes: dict[int, MeetingNote], summaries: dict[int, str], *, known: Known, now: Any
) -> None:
    """The entries of the redacted notes: an entry that showed its notes shows them as they now
    read; one that did not (edited by hand) only loses the words, so the audit still sees it."""
    entries = list(
        Agreement.objects.filter(
            kind=Agreement.Kind.MEETING_NOTE, source_type="meeting_note", source_id__in=list(notes)
        )
    )
    changed = []
    for entry in entries:
        note = notes[entry.source_id]
        faithful = entry.summary == summaries[note.pk]
        summary = note_summary(note) if faithful else known.redact(entry.summary)
        title = _fit(known.redact(entry.title), _limit(Agreement, "title"))
        if (summary, title) != (entry.summary, entry.title):
            entry.summary, entry.title, entry.redacted_at = summary, title, now
            changed.append(entry)
    Agreement.objects.bulk_update(changed, ["summary", "title", "redacted_at"])
    for entry in changed:
        search_agreements.index_agreement(entry)
