"""What was agreed, written from the events that say so: a brief signed off, work approved by
the client, meeting notes confirmed. Each listener runs inside the transaction that records its
event (core.events.listen), so an agreement exists exactly when its event does; it is cheap,
and passes over an event it cannot place rather than fail the change that recorded it.

Each entry keeps the SHA-256 of exactly what was agreed (the signed brief version's, the
approved version's, the confirmed notes') and its event; `insights.agreements.verify` checks
both for `accord audit verify`. Accord writes no one's name into a summary itself (who agreed
is `agreed_by`, a brief's approver an id): people may be erased. Confirmed meeting notes are the
exception: their entry shows the notes as confirmed, who was there included, and erasing a
person takes their names out of the notes and the entry alike (`services.notes_erasure`)."""

from typing import Any

from accord.core.models import Event
from accord.insights import search_agreements
from accord.insights.models import Agreement, MeetingNote
from accord.intake import rules as intake_rules
from accord.intake.models import BriefVersion
from accord.reviews import rules as review_rules
from accord.reviews.models import Decision, Version

K = Agreement.Kind
SUMMARY_LIMIT = 20_000
TITLE_LIMIT = 200
APPROVED = (review_rules.APPROVED, review_rules.APPROVED_WITH_CHANGES)
VERDICT_LABELS = dict(Decision.Verdict.choices)
COPY_LIMIT = 6_000  # an approved copy version's text, in its entry


def bounded(text: str, *, limit: int = SUMMARY_LIMIT, rest: str = "") -> str:
    """`text` within `limit` characters; cut at a line end when it can be, saying so."""
    text = text.strip()
    if len(text) <= limit:
        return text
    tail = f"\n\n… (cut here: {rest or 'the rest is in Accord'})"
    cut = text[: limit - len(tail)]
    if (line_end := cut.rfind("\n")) > limit // 2:
        cut = cut[:line_end]
    return cut.rstrip() + tail


def _title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1].rstrip() + "…"


def _agree(
    event: Event, *, kind: str, title: str, summary: str, sha256: str, source: tuple[str, int]
) -> Agreement | None:
    source_type, source_id = source
    if not sha256 or event.client_id is None:
        return None
    once = {"kind": kind, "source_type": source_type, "source_id": source_id, "sha256": sha256}
    if Agreement.objects.filter(**once).exists():  # the same content agreed again
        return None
    agreement = Agreement.objects.create(
        client_id=event.client_id,
        title=_title(title),
        summary=summary,
        agreed_at=event.created_at,
        agreed_by_id=event.actor_id,
        event=event,
        **once,
    )
    search_agreements.index_agreement(agreement)
    return agreement


# --- Meeting notes confirmed -----------------------------------------------------------------


def note_summary(note: MeetingNote) -> str:
    held = f"Held on {note.held_on.day} {note.held_on:%B %Y}"
    with_whom = f", with {note.attendees}" if note.attendees else ""
    return bounded(f"{held}{with_whom}.\n\n{note.body}")


def from_note(event: Event) -> None:
    """Notes confirmed by the client: the notes as confirmed."""
    note = MeetingNote.objects.filter(pk=_int(event.data.get("note"))).first()
    if note is None or note.status != MeetingNote.Status.CONFIRMED:
        return
    _agree(
        event,
        kind=K.MEETING_NOTE,
        title=note.title,
        summary=note_summary(note),
        sha256=str(event.data.get("sha256") or ""),
        source=("meeting_note", note.pk),
    )


# --- Briefs signed off -----------------------------------------------------------------------


def _answer_shown(question: dict[str, Any], answer: str) -> str:
    if question.get("kind") == "approver":
        return "(a person at the client: see the brief)"  # an id; names stay out of summaries
    return answer


def brief_summary(version: BriefVersion) -> str:
    """The signed version's questions and answers, as text (unanswered ones left out)."""
    content = intake_rules.version_content(
        title=version.title, questions=version.questions, answers=version.answers
    )
    questions = {q.get("key"): q for q in version.questions}
    parts = []
    for item in content["answers"]:
        answer = str(item["answer"] or "").strip()
        if answer:
            shown = _answer_shown(questions.get(item["key"], {}), answer)
            parts.append(f"{item['question']}\n{shown}")
    return bounded(
        "\n\n".join(parts) or "(No answers.)",
        rest=f"the whole brief is version {version.number} in Accord",
    )


def from_sign_off(event: Event) -> None:
    """A brief signed off: the version signed, question by question."""
    version = BriefVersion.objects.filter(
        brief_id=_int(event.target_id), number=_int(event.data.get("version"))
    ).first()
    if version is None:
        return
    _agree(
        event,
        kind=K.SIGN_OFF,
        title=f"{version.title} (version {version.number})",
        summary=brief_summary(version),
        sha256=str(event.data.get("sha256") or ""),
        source=("brief", version.brief_id),
    )


# --- Work approved by the client -----------------------------------------------------------------


def approval_summary(version: Version, decisions: list[Decision], outcome: str) -> str:
    said = "Approved with changes" if outcome == review_rules.APPROVED_WITH_CHANGES else "Approved"
    lines = [f"{said}: {version.deliverable.title}, version {version.number}."]
    if version.kind == Version.Kind.COPY and version.copy_text:
        lines += [
            "",
            bounded(version.copy_text, limit=COPY_LIMIT, rest="the whole copy is in Accord"),
        ]
    elif version.kind == Version.Kind.LINK and version.link_url:
        lines += ["", f"Link: {version.link_url}"]
    elif version.original_name:
        lines += ["", f"File: {version.original_name}"]
    notes = [d for d in decisions if d.note.strip()]
    if notes:
        lines += ["", "What the client said:"]
        lines += [f"- {VERDICT_LABELS.get(d.verdict, d.verdict)}: {d.note.strip()}" for d in notes]
    return bounded("\n".join(lines))


def from_approval(event: Event) -> None:
    """A client review round closed approved (with changes or not): the version approved."""
    data = event.data or {}
    if data.get("stage") != review_rules.CLIENT or data.get("outcome") not in APPROVED:
        return
    version = (
        Version.objects.select_related("deliverable")
        .defer("copy_html")
        .filter(pk=_int(data.get("version")))
        .first()
    )
    if version is None:
        return
    decisions = list(
        Decision.objects.filter(round_id=_int(event.target_id)).order_by("decided_at", "pk")
    )
    _agree(
        event,
        kind=K.APPROVAL,
        title=f"{version.deliverable.title} (version {version.number})",
        summary=approval_summary(version, decisions, str(data["outcome"])),
        sha256=version.sha256,
        source=("version", version.pk),
    )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
