"""Pure rules of review: how a round ends, where a round may go, what the deliverable does
when it does, and how revision rounds count against the client's terms. No ORM here."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Stages and rules (as in models.Round)
INTERNAL = "internal"
CLIENT = "client"
ANY = "any"
ALL = "all"
FINAL = "final"

# Verdicts and round statuses
APPROVED = "approved"
APPROVED_WITH_CHANGES = "approved_with_changes"
CHANGES_REQUIRED = "changes_required"
OPEN = "open"
SUPERSEDED = "superseded"
CANCELLED = "cancelled"

VERDICTS = (APPROVED, APPROVED_WITH_CHANGES, CHANGES_REQUIRED)
OUTCOMES = frozenset(VERDICTS)
CLOSED = frozenset({*VERDICTS, SUPERSEDED, CANCELLED})
# A round is decided (by its reviewers) or closed for them (a new version, the AM); nothing
# reopens a round: the next version gets a new one.
ROUND_MOVES: dict[str, frozenset[str]] = {
    OPEN: frozenset({*VERDICTS, SUPERSEDED, CANCELLED}),
    APPROVED: frozenset(),
    APPROVED_WITH_CHANGES: frozenset(),
    CHANGES_REQUIRED: frozenset(),
    SUPERSEDED: frozenset(),
    CANCELLED: frozenset(),
}
# Verdicts that need a note saying what to change.
NEEDS_NOTE = frozenset({APPROVED_WITH_CHANGES, CHANGES_REQUIRED})


def round_may_move(current: str, to: str) -> bool:
    return to in ROUND_MOVES.get(current, frozenset())


def _combined(verdicts: Iterable[str]) -> str:
    """All approvals: approved, or approved with changes if any asked for some."""
    return APPROVED_WITH_CHANGES if APPROVED_WITH_CHANGES in set(verdicts) else APPROVED


def round_outcome(
    rule: str,
    approvers: Iterable[int],
    decisions: Mapping[int, str],
    *,
    final_approver: int | None = None,
) -> str | None:
    """How a round ends given its rule, its approvers and the verdicts so far (approver →
    verdict; others' verdicts are ignored), or None while it waits on someone.

    - any: the first approver to decide decides for the round;
    - all: every approver approves, or the round needs changes as soon as one asks for them;
    - final: only the final approver's verdict ends it (the others advise).
    """
    approvers = set(approvers)
    # In the order they were made (a mapping keeps its insertion order).
    said = {a: verdict for a, verdict in decisions.items() if a in approvers}
    if rule == FINAL:
        # A final approver who is not one of the round's approvers decides nothing.
        return said.get(final_approver) if final_approver is not None else None
    if not said:
        return None
    if rule == ANY:
        # Decisions arrive one at a time: the round closes on the first.
        return next(iter(said.values()))
    if rule == ALL:
        if CHANGES_REQUIRED in said.values():
            return CHANGES_REQUIRED
        if len(said) == len(approvers):
            return _combined(said.values())
        return None
    raise ValueError(f"unknown decision rule {rule!r}")


# --- What the deliverable does ----------------------------------------------------------------
# (statuses of work.rules, named here as strings: the work app owns the table and the moves)
IN_PRODUCTION = "in_production"
INTERNAL_REVIEW = "internal_review"
CLIENT_REVIEW = "client_review"
CHANGES_REQUESTED = "changes_requested"
DELIVERABLE_APPROVED = "approved"


def deliverable_after_opening(stage: str) -> str:
    return INTERNAL_REVIEW if stage == INTERNAL else CLIENT_REVIEW


def deliverable_after(stage: str, outcome: str) -> str | None:
    """Where the deliverable goes when a round of `stage` ends with `outcome` (None: stays).
    An internal approval leaves it in internal review, ready for the AM to send."""
    if stage == INTERNAL:
        return IN_PRODUCTION if outcome == CHANGES_REQUIRED else None
    if outcome == CHANGES_REQUIRED:
        return CHANGES_REQUESTED
    if outcome in (APPROVED, APPROVED_WITH_CHANGES):
        return DELIVERABLE_APPROVED
    return None


# --- Revision ledger --------------------------------------------------------------------------


@dataclass(frozen=True)
class Ledger:
    """Client rounds of one deliverable against the revision rounds the terms include."""

    client_rounds: int  # sent to the client (superseded or cancelled ones not counted)
    revisions_used: int  # client rounds that asked for changes: each one a revision to make
    included: int  # revision rounds per deliverable in the client's terms

    @property
    def beyond(self) -> bool:
        """Whether the next round sent (answering the latest change request) is a revision
        round past those the terms include."""
        return self.revisions_used > self.included

    @property
    def words(self) -> str:
        """ "Revision round 3 of 2 included", or that none has been used yet."""
        if not self.revisions_used:
            rounds = "round" if self.included == 1 else "rounds"
            return f"No revision round used yet ({self.included} {rounds} included)"
        return f"Revision round {self.revisions_used} of {self.included} included"


def ledger(client_outcomes: Iterable[str], included: int) -> Ledger:
    """The ledger from the statuses of a deliverable's client rounds."""
    counted = [s for s in client_outcomes if s not in (SUPERSEDED, CANCELLED)]
    return Ledger(
        client_rounds=len(counted),
        revisions_used=sum(1 for s in counted if s == CHANGES_REQUIRED),
        included=included,
    )
