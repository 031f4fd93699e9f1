"""What was agreed before Accord kept the record. Entries are written by listeners as briefs are
signed off and client rounds close (`hooks_agreements`), so an install upgraded to the release
that brought them has none for what was agreed before. `backfill` (`accord agreements-backfill`)
walks those past events a chunk at a time and gives each without its entry to the service its
listener calls (`services.agreements`), which writes the entry as it would have been written
then — its event, time, who agreed and SHA-256 — and passes over one already there: run again,
it adds nothing. `missing_entries` is the audit's side: sign-offs and client approvals in the
event chain with no entry.

Every `brief.signed_off` event carries what the service needs (the version signed and its
SHA-256) and every `round.closed` one the stage, outcome and version, since the releases that
first recorded them."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from accord.core.models import Event
from accord.insights.models import Agreement
from accord.insights.services import agreements as record
from accord.reviews import rules as review_rules

CHUNK = 500
MAX_PROBLEMS = 200  # listed; past that, counted
NAME = "Sign-offs and approvals in what was agreed"
K = Agreement.Kind


@dataclass(frozen=True)
class Agreeing:
    """The events that agree one kind of entry: their verb, which of them agree, the entry each
    has (its source's id and, when the event holds it, the SHA-256 agreed), the listener's
    service, and what an event is about."""

    kind: str
    verb: str
    source_type: str
    agrees: Callable[[Event], bool]
    entry: Callable[[Event], tuple[int, str]]
    write: Callable[[Event], None]
    about: Callable[[Event], str]


def _approves(data: dict[str, Any]) -> bool:
    return data.get("stage") == review_rules.CLIENT and data.get("outcome") in record.APPROVED


AGREEING = (
    Agreeing(
        kind=K.SIGN_OFF,
        verb="brief.signed_off",
        source_type="brief",
        agrees=lambda e: bool(e.data.get("sha256")),
        entry=lambda e: (_whole(e.target_id), str(e.data["sha256"])),
        write=record.from_sign_off,
        about=lambda e: f"brief {e.target_id} signed off",
    ),
    Agreeing(
        kind=K.APPROVAL,
        verb="round.closed",
        source_type="version",
        agrees=lambda e: _approves(e.data or {}),
        # The version approved is the entry's whatever its round: it holds its own SHA-256.
        entry=lambda e: (_whole(e.data.get("version")), ""),
        write=record.from_approval,
        about=lambda e: f"version {e.data.get('version')} approved in review round {e.target_id}",
    ),
)


def _unentered(agreeing: Agreeing, events: list[Event]) -> tuple[list[Event], list[Event]]:
    """Of a chunk of events, those that agree, and those of them with no entry (one query)."""
    agreed = [e for e in events if e.client_id is not None and agreeing.agrees(e)]
    if not agreed:
        return agreed, []
    entered = set(
        Agreement.objects.filter(
            kind=agreeing.kind,
            source_type=agreeing.source_type,
            source_id__in={agreeing.entry(e)[0] for e in agreed},
        ).values_list("source_id", "sha256")
    )
    sources = {source_id for source_id, _ in entered}

    def has_entry(event: Event) -> bool:
        source_id, sha256 = agreeing.entry(event)
        return (source_id, sha256) in entered if sha256 else source_id in sources

    return agreed, [e for e in agreed if not has_entry(e)]


def backfill(*, chunk: int = CHUNK) -> dict[str, int]:
    """Write the entries missing for past sign-offs and client approvals, as their listeners
    would have; returns how many were added, by kind."""
    added: dict[str, int] = {}
    for agreeing in AGREEING:
        added[agreeing.kind] = 0
        for _, missing in _walk(agreeing, chunk=chunk):
            for event in missing:
                _write(agreeing, event)
            if missing:  # an entry added here is the one naming its event
                ids = [event.pk for event in missing]
                added[agreeing.kind] += Agreement.objects.filter(event_id__in=ids).count()
    return added


def _write(agreeing: Agreeing, event: Event) -> None:
    try:
        with transaction.atomic():  # one entry at a time, as its listener writes it
            agreeing.write(event)
    except IntegrityError:  # the same content agreed again meanwhile: its entry is there
        pass


def missing_entries() -> tuple[str, int, list[str]]:
    """For `accord audit verify`: the sign-offs and client approvals in the event chain with
    no entry in what was agreed, read a chunk at a time; returns (name, checked, problems)."""
    problems: list[str] = []
    checked = 0
    found = 0
    for agreeing in AGREEING:
        for agreed, missing in _walk(agreeing, chunk=CHUNK):
            checked += len(agreed)
            found += len(missing)
            problems += [
                f"event {e.pk} ({agreeing.about(e)}, client {e.client_id}): its entry in what "
                "was agreed is missing (`accord agreements-backfill` adds it)."
                for e in missing[: MAX_PROBLEMS - len(problems)]
            ]
    if found > len(problems):
        problems.append(f"… and {found - len(problems)} more problems.")
    return NAME, checked, problems


def _walk(agreeing: Agreeing, *, chunk: int) -> Iterator[tuple[list[Event], list[Event]]]:
    """The verb's events by id, a chunk at a time: those that agree, and those without entry."""
    last = 0
    while True:
        events = list(Event.objects.filter(verb=agreeing.verb, pk__gt=last).order_by("pk")[:chunk])
        if not events:
            return
        yield _unentered(agreeing, events)
        if len(events) < chunk:
            return
        last = events[-1].pk


def _whole(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
