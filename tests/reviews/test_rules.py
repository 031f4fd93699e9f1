"""The pure rules of review: how a round ends under each decision rule, where a round may go,
where the deliverable goes when one ends, and the revision ledger against the client's terms."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.reviews import rules
from accord.reviews.models import Decision, Round
from accord.work import rules as work_rules

R = rules
# Pure functions: how long an example takes says only how busy the machine is.
relaxed = settings(deadline=None)
APPROVERS = st.sets(st.integers(1, 6), min_size=1, max_size=6)
OTHERS = st.sets(st.integers(10, 14), max_size=4)  # reviewers, guests: never approvers
VERDICT = st.sampled_from(rules.VERDICTS)


@st.composite
def rounds(draw: st.DrawFn) -> tuple[set[int], set[int], dict[int, str]]:
    """Approvers, others on the round, and the verdicts so far in the order they came."""
    approvers, others = draw(APPROVERS), draw(OTHERS)
    people = draw(st.permutations(sorted(approvers | others)))
    said = people[: draw(st.integers(0, len(people)))]
    return approvers, others, {p: draw(VERDICT) for p in said}


def _of_approvers(approvers: set[int], decisions: dict[int, str]) -> dict[int, str]:
    return {p: v for p, v in decisions.items() if p in approvers}


# --- round_outcome ----------------------------------------------------------------------------


@relaxed
@given(rounds(), st.sampled_from([R.ANY, R.ALL, R.FINAL]))
def test_a_round_never_closes_without_an_approvers_verdict(case, rule):
    approvers, others, decisions = case
    only_others = {p: v for p, v in decisions.items() if p in others}
    final = min(approvers)
    assert R.round_outcome(rule, approvers, only_others, final_approver=final) is None
    assert R.round_outcome(rule, approvers, {}, final_approver=final) is None


@relaxed
@given(rounds(), st.sampled_from([R.ANY, R.ALL, R.FINAL]), st.data())
def test_non_approvers_verdicts_never_count(case, rule, data):
    approvers, _, decisions = case
    final = data.draw(st.sampled_from(sorted(approvers)))
    assert R.round_outcome(rule, approvers, decisions, final_approver=final) == R.round_outcome(
        rule, approvers, _of_approvers(approvers, decisions), final_approver=final
    )


@relaxed
@given(rounds(), st.sampled_from([R.ANY, R.ALL, R.FINAL]), st.data())
def test_an_outcome_is_always_a_verdict(case, rule, data):
    approvers, _, decisions = case
    final = data.draw(st.sampled_from(sorted(approvers)))
    outcome = R.round_outcome(rule, approvers, decisions, final_approver=final)
    assert outcome is None or outcome in R.VERDICTS


@relaxed
@given(rounds())
def test_any_the_first_approver_to_decide_decides(case):
    approvers, _, decisions = case
    theirs = list(_of_approvers(approvers, decisions).values())
    expected = theirs[0] if theirs else None
    assert R.round_outcome(R.ANY, approvers, decisions) == expected


@relaxed
@given(rounds())
def test_all_approved_only_when_every_approver_approved(case):
    approvers, _, decisions = case
    theirs = _of_approvers(approvers, decisions)
    outcome = R.round_outcome(R.ALL, approvers, decisions)
    everyone = set(theirs) == approvers
    if R.CHANGES_REQUIRED in theirs.values():
        assert outcome == R.CHANGES_REQUIRED
    elif not everyone:
        assert outcome is None
    elif R.APPROVED_WITH_CHANGES in theirs.values():
        assert outcome == R.APPROVED_WITH_CHANGES
    else:
        assert outcome == R.APPROVED
    if outcome == R.APPROVED:
        assert everyone and set(theirs.values()) == {R.APPROVED}


@relaxed
@given(APPROVERS, st.data())
def test_all_one_approver_asking_for_changes_closes_the_round(approvers, data):
    asking = data.draw(st.sampled_from(sorted(approvers)))
    before = dict.fromkeys(sorted(approvers - {asking})[: data.draw(st.integers(0, 6))], R.APPROVED)
    decisions = {**before, asking: R.CHANGES_REQUIRED}
    assert R.round_outcome(R.ALL, approvers, decisions) == R.CHANGES_REQUIRED


def test_all_combines_approvals_with_and_without_changes():
    assert R.round_outcome(R.ALL, [1, 2], {1: R.APPROVED, 2: R.APPROVED}) == R.APPROVED
    assert (
        R.round_outcome(R.ALL, [1, 2], {1: R.APPROVED_WITH_CHANGES, 2: R.APPROVED})
        == R.APPROVED_WITH_CHANGES
    )
    assert R.round_outcome(R.ALL, [1, 2], {1: R.APPROVED_WITH_CHANGES}) is None


@relaxed
@given(rounds(), st.data())
def test_final_only_the_final_approvers_verdict_counts(case, data):
    approvers, _, decisions = case
    final = data.draw(st.sampled_from(sorted(approvers)))
    outcome = R.round_outcome(R.FINAL, approvers, decisions, final_approver=final)
    assert outcome == decisions.get(final)
    others = dict.fromkeys(approvers - {final}, R.CHANGES_REQUIRED)
    assert R.round_outcome(R.FINAL, approvers, others, final_approver=final) is None


@relaxed
@given(rounds(), VERDICT)
def test_final_a_final_approver_who_is_not_an_approver_decides_nothing(case, verdict):
    approvers, others, decisions = case
    outsider = max(others | {99})
    decisions = {**decisions, outsider: verdict}
    assert R.round_outcome(R.FINAL, approvers, decisions, final_approver=outsider) is None
    assert R.round_outcome(R.FINAL, approvers, decisions, final_approver=None) is None


def test_an_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="unknown decision rule"):
        R.round_outcome("majority", [1], {1: R.APPROVED})


def test_the_rules_name_the_models_choices():
    assert {R.ANY, R.ALL, R.FINAL} == set(Round.Rule.values)
    assert {R.INTERNAL, R.CLIENT} == set(Round.Stage.values)
    assert set(R.VERDICTS) == set(Decision.Verdict.values)
    assert {R.OPEN, *R.CLOSED} == set(Round.Status.values)
    assert {R.APPROVED_WITH_CHANGES, R.CHANGES_REQUIRED} == R.NEEDS_NOTE


# --- ROUND_MOVES ------------------------------------------------------------------------------

STATUSES = Round.Status.values


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("to", STATUSES)
def test_round_moves(current, to):
    allowed = current == R.OPEN and to != R.OPEN
    assert R.round_may_move(current, to) is allowed


def test_closed_rounds_go_nowhere_and_every_status_is_in_the_table():
    assert set(R.ROUND_MOVES) == set(STATUSES)
    for status in R.CLOSED:
        assert R.ROUND_MOVES[status] == frozenset()
    assert not R.round_may_move("reopened", R.OPEN)


# --- deliverable_after ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "outcome", "after"),
    [
        (R.INTERNAL, R.APPROVED, None),  # ready for the AM to send
        (R.INTERNAL, R.APPROVED_WITH_CHANGES, None),
        (R.INTERNAL, R.CHANGES_REQUIRED, R.IN_PRODUCTION),
        (R.INTERNAL, R.SUPERSEDED, None),
        (R.INTERNAL, R.CANCELLED, None),
        (R.CLIENT, R.APPROVED, R.DELIVERABLE_APPROVED),
        (R.CLIENT, R.APPROVED_WITH_CHANGES, R.DELIVERABLE_APPROVED),
        (R.CLIENT, R.CHANGES_REQUIRED, R.CHANGES_REQUESTED),
        (R.CLIENT, R.SUPERSEDED, None),
        (R.CLIENT, R.CANCELLED, None),
    ],
)
def test_deliverable_after(stage, outcome, after):
    assert R.deliverable_after(stage, outcome) == after


@pytest.mark.parametrize("stage", [R.INTERNAL, R.CLIENT])
@pytest.mark.parametrize("outcome", sorted(R.CLOSED))
def test_where_a_round_takes_the_deliverable_is_a_move_its_table_allows(stage, outcome):
    during = R.deliverable_after_opening(stage)
    after = R.deliverable_after(stage, outcome)
    assert after is None or work_rules.deliverable_may_move(during, after)


def test_the_deliverable_statuses_named_here_are_the_work_apps():
    named = {R.IN_PRODUCTION, R.INTERNAL_REVIEW, R.CLIENT_REVIEW, R.CHANGES_REQUESTED}
    assert named | {R.DELIVERABLE_APPROVED} <= set(work_rules.DELIVERABLE_MOVES)
    assert R.deliverable_after_opening(R.INTERNAL) == work_rules.INTERNAL_REVIEW
    assert R.deliverable_after_opening(R.CLIENT) == work_rules.CLIENT_REVIEW


# --- ledger -----------------------------------------------------------------------------------

CLIENT_STATUSES = st.lists(st.sampled_from(sorted(R.CLOSED)), max_size=12)


@relaxed
@given(CLIENT_STATUSES, st.integers(0, 5))
def test_ledger_counts_what_was_presented_and_what_asked_for_changes(statuses, included):
    standing = R.ledger(statuses, included)
    counted = [s for s in statuses if s not in (R.SUPERSEDED, R.CANCELLED)]
    assert standing.client_rounds == len(counted)
    assert standing.revisions_used == statuses.count(R.CHANGES_REQUIRED)
    assert standing.included == included
    assert standing.beyond is (standing.revisions_used > included)


@relaxed
@given(CLIENT_STATUSES, st.integers(0, 5))
def test_superseded_and_cancelled_rounds_are_never_counted(statuses, included):
    without = [s for s in statuses if s not in (R.SUPERSEDED, R.CANCELLED)]
    assert R.ledger(statuses, included) == R.ledger(without, included)


def test_ledger_beyond_the_terms():
    asked = [R.CHANGES_REQUIRED] * 2
    assert not R.ledger(asked, 2).beyond  # the second revision is included
    assert R.ledger([*asked, R.CHANGES_REQUIRED], 2).beyond
    assert not R.ledger([*asked, R.SUPERSEDED, R.CANCELLED, R.APPROVED], 2).beyond


def test_ledger_words():
    assert R.ledger([], 2).words == "No revision round used yet (2 rounds included)"
    assert R.ledger([R.CANCELLED], 1).words == "No revision round used yet (1 round included)"
    assert R.ledger([R.CHANGES_REQUIRED], 2).words == "Revision round 1 of 2 included"
    three = [R.CHANGES_REQUIRED, R.SUPERSEDED, R.CHANGES_REQUIRED, R.CHANGES_REQUIRED]
    assert R.ledger(three, 2).words == "Revision round 3 of 2 included"
