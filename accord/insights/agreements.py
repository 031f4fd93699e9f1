"""`accord audit verify` for what was agreed: each entry still matches the event that recorded
it and the thing it is about.

For every entry: its event exists, is of the right verb, client and target, and carries the
entry's SHA-256 (a sign-off's and confirmed notes' event holds it; a closed round's names the
version, whose approving decisions' events hold it); and the source still hashes the same —
confirmed notes recomputed from their stored fields, a signed brief version from its questions
and answers, an approved version by its stored SHA-256. Entries are read in chunks, with their
sources a query per kind per chunk, so memory stays bounded whatever the record's size.

Notes an erasure took a name out of (`redacted_at`) no longer give the SHA-256 confirmed: their
`meeting_note.redacted` events lead from it to the SHA-256 their text gives now, one erasure
after another (one more query per chunk that has any); the rest is checked as for any notes.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from accord.accounts.erasure import is_erased, placeholder_for
from accord.accounts.models import User
from accord.core.events import content_sha256
from accord.core.models import Event
from accord.insights.models import Agreement, MeetingNote
from accord.insights.services.agreements import brief_summary, note_summary
from accord.insights.services.notes import fingerprint
from accord.insights.services.notes_erasure import FIELDS as REDACTED_FIELDS
from accord.insights.services.notes_erasure import REDACTED
from accord.intake import rules as intake_rules
from accord.intake.models import SignOff
from accord.reviews.models import Decision, Version

NAME = "What was agreed"
CHUNK = 500
MAX_PROBLEMS = 200  # listed; past that, counted
K = Agreement.Kind
VERBS: dict[str, str] = {
    K.MEETING_NOTE.value: "meeting_note.confirmed",
    K.SIGN_OFF.value: "brief.signed_off",
    K.APPROVAL.value: "round.closed",
}
LABELS = dict(K.choices)


def verify() -> tuple[str, int, list[str]]:
    """Check every entry of every client's record; returns (name, checked, problems)."""
    problems: list[str] = []
    found = 0
    checked = 0
    last = 0
    while True:
        chunk = list(
            Agreement.objects.filter(pk__gt=last).select_related("event").order_by("pk")[:CHUNK]
        )
        if not chunk:
            break
        for problem in check(chunk):
            found += 1
            if len(problems) < MAX_PROBLEMS:
                problems.append(problem)
        checked += len(chunk)
        last = chunk[-1].pk
    for problem in _unrecorded_confirmations():
        found += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(problem)
    if found > len(problems):
        problems.append(f"… and {found - len(problems)} more problems.")
    return NAME, checked, problems


def _said(agreement: Agreement, what: str) -> str:
    return (
        f"entry {agreement.pk} ({LABELS.get(agreement.kind, agreement.kind)} “{agreement.title}”, "
        f"client {agreement.client_id}): {what}"
    )


def check(chunk: list[Agreement]) -> Iterable[str]:
    """The problems of a chunk of entries, reading each kind's sources in one query."""
    by_kind: dict[str, list[Agreement]] = defaultdict(list)
    for agreement in chunk:
        event = agreement.event
        if event is None:
            yield _said(agreement, "the event that recorded it is missing.")
            continue
        if event.verb != VERBS.get(agreement.kind) or event.client_id != agreement.client_id:
            yield _said(agreement, f"its event {event.pk} is not the one that recorded it.")
            continue
        if "sha256" in event.data and event.data["sha256"] != agreement.sha256:
            yield _said(agreement, f"its SHA-256 differs from its event's ({event.pk}).")
            continue
        by_kind[agreement.kind].append(agreement)
    yield from _notes(by_kind[K.MEETING_NOTE])
    yield from _sign_offs(by_kind[K.SIGN_OFF])
    yield from _approvals(by_kind[K.APPROVAL])


def _event(agreement: Agreement) -> Event:
    event = agreement.event
    assert event is not None  # checked in `check`
    return event


def _notes(entries: list[Agreement]) -> Iterable[str]:
    notes = MeetingNote.objects.in_bulk([a.source_id for a in entries])
    redactions = _redactions([pk for pk, n in notes.items() if n.redacted_at is not None])
    for agreement in entries:
        note = notes.get(agreement.source_id)
        if note is None:
            yield _said(agreement, "the meeting notes it is about are gone.")
        elif _event(agreement).target_id != str(note.pk):
            yield _said(agreement, "its event is about other meeting notes.")
        elif note.sha256 != agreement.sha256:
            yield _said(agreement, "the meeting notes' SHA-256 is not the one confirmed.")
        elif note.redacted_at is None and fingerprint(note) != agreement.sha256:
            yield _said(agreement, "the meeting notes were changed after they were confirmed.")
        elif note.redacted_at is not None and (
            problem := _redaction_problem(note, redactions.get(note.pk, []))
        ):
            yield _said(agreement, problem)
        elif note_summary(note) != agreement.summary:
            yield _said(agreement, "what it shows is not what the confirmed notes say.")


def _redactions(note_ids: list[int]) -> dict[int, list[tuple[str, str, User | None]]]:
    """Each redacted note's erasures in the chain, in order: (SHA-256 before, after, the person
    erased). Two queries whatever the number of notes."""
    if not note_ids:
        return {}
    rows = list(
        Event.objects.filter(
            target_type=MeetingNote._meta.label_lower,
            target_id__in=[str(pk) for pk in note_ids],
            verb=REDACTED,
        )
        .order_by("pk")
        .values_list("target_id", "data")
    )
    people = User.objects.in_bulk({_whole(data.get("person")) for _, data in rows})
    found: dict[int, list[tuple[str, str, User | None]]] = defaultdict(list)
    for target_id, data in rows:
        step = (
            str(data.get("before")),
            str(data.get("sha256")),
            people.get(_whole(data.get("person"))),
        )
        found[_whole(target_id)].append(step)
    return found


def _redaction_problem(note: MeetingNote, steps: list[tuple[str, str, User | None]]) -> str | None:
    """Why the redacted notes' text is not the confirmed notes with names taken out, if so."""
    if not steps:
        return (
            "the meeting notes were changed after they were confirmed (no erasure redacted them)."
        )
    expected = note.sha256
    text = " ".join(getattr(note, field) for field in REDACTED_FIELDS)
    for before, after, person in steps:
        if before != expected:
            return "the meeting notes were changed after they were confirmed, before an erasure."
        if person is None or not is_erased(person):
            return "the meeting notes were changed by an erasure of no erased person."
        stand_in = placeholder_for(person)
        if stand_in.name not in text and stand_in.email not in text:
            return "the meeting notes were changed by an erasure that left no placeholder in them."
        expected = after
    if fingerprint(note) != expected:
        return "the meeting notes were changed after an erasure took a name out of them."
    return None


def _unrecorded_confirmations() -> Iterable[str]:
    """Confirmations of meeting notes in the chain without their entry (one deleted)."""
    last = 0
    while True:
        confirmed = list(
            Event.objects.filter(verb=VERBS[K.MEETING_NOTE.value], pk__gt=last)
            .order_by("pk")
            .values_list("pk", "target_id", "client_id")[:CHUNK]
        )
        if not confirmed:
            return
        entered = set(
            Agreement.objects.filter(
                kind=K.MEETING_NOTE, source_id__in=[_whole(t) for _, t, _ in confirmed]
            ).values_list("source_id", flat=True)
        )
        for pk, target_id, client_id in confirmed:
            if _whole(target_id) not in entered:
                yield (
                    f"event {pk} (meeting notes {target_id} confirmed, client {client_id}): "
                    "their entry in what was agreed is missing."
                )
        last = confirmed[-1][0]


def _sign_offs(entries: list[Agreement]) -> Iterable[str]:
    ids = [_whole(_event(a).data.get("sign_off")) for a in entries]
    signed = SignOff.objects.select_related("version").in_bulk([i for i in ids if i])
    for agreement, sign_off_id in zip(entries, ids, strict=True):
        sign_off = signed.get(sign_off_id) if sign_off_id else None
        if sign_off is None:
            yield _said(agreement, "the sign-off it records is gone.")
            continue
        version = sign_off.version
        content = intake_rules.version_content(
            title=version.title, questions=version.questions, answers=version.answers
        )
        if sign_off.brief_id != agreement.source_id or _event(agreement).target_id != str(
            agreement.source_id
        ):
            yield _said(agreement, "its event is about another brief.")
        elif sign_off.sha256 != agreement.sha256 or version.sha256 != agreement.sha256:
            yield _said(agreement, "the signed brief version's SHA-256 is not the one agreed.")
        elif content_sha256(content) != agreement.sha256:
            yield _said(agreement, "the signed brief version was changed after it was signed.")
        elif brief_summary(version) != agreement.summary:
            yield _said(agreement, "what it shows is not what the signed brief version says.")


def _approvals(entries: list[Agreement]) -> Iterable[str]:
    versions = Version.objects.only("sha256").in_bulk([a.source_id for a in entries])
    rounds = [_event(a).target_id for a in entries]
    # The approving decisions of each round hold the version's SHA-256 in the chain: their
    # events, found by their targets (an index), not by scanning the verb.
    decisions = Decision.objects.filter(
        round_id__in=[_whole(r) for r in rounds],
        verdict__in=(Decision.Verdict.APPROVED, Decision.Verdict.APPROVED_WITH_CHANGES),
    ).values_list("pk", "round_id")
    round_of = {str(pk): str(round_id) for pk, round_id in decisions}
    decided: dict[str, set[str]] = defaultdict(set)
    for target_id, data in Event.objects.filter(
        target_type="reviews.decision", target_id__in=list(round_of), verb="review.decided"
    ).values_list("target_id", "data"):
        decided[round_of[target_id]].add(str(data.get("sha256")))
    for agreement, round_id in zip(entries, rounds, strict=True):
        version = versions.get(agreement.source_id)
        if version is None:
            yield _said(agreement, "the version it approves is gone.")
        elif _whole(_event(agreement).data.get("version")) != agreement.source_id:
            yield _said(agreement, "its event is about another version.")
        elif version.sha256 != agreement.sha256:
            yield _said(agreement, "the approved version's SHA-256 is not the one agreed.")
        elif agreement.sha256 not in decided.get(round_id, set()):
            yield _said(agreement, "no approving decision in the event chain holds its SHA-256.")


def _whole(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
