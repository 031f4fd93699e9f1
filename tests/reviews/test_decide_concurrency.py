"""Two approvers deciding the same round at once, on PostgreSQL: the deliverable's row lock
orders them, both decisions land, and the round's outcome is computed (and recorded) once."""

from typing import Any

import pytest
from django.db import connection

from accord.core.models import Event
from accord.reviews.models import Decision, Round
from accord.reviews.services import rounds
from accord.reviews.services.rounds import Seat
from tests.conftest import build_world
from tests.intake.test_concurrency import race

from .helpers import acme_contact, approved_internally, chain_intact
from .review_data import banner_job, upload

ROUNDS = 6


@pytest.fixture
def two_approvers(transactional_db: None) -> Any:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the in-memory SQLite database is not shared by threads")
    world = build_world()
    return world, acme_contact(world, "Pat")


def _sent(world: Any, pat: Any, rule: str) -> list[Round]:
    """Rounds on as many deliverables, each sent to Carol and Pat under `rule`."""
    made = []
    for _ in range(ROUNDS):
        version = upload(world, banner_job(world))
        approved_internally(world, version)
        made.append(
            rounds.open_round(
                by=world.alice,
                version=version,
                stage="client",
                seats=[Seat(world.carol), Seat(pat)],
                rule=rule,
            )
        )
    return made


def test_two_approvers_at_once_under_all_both_land_and_the_round_closes_once(two_approvers):
    world, pat = two_approvers
    made = _sent(world, pat, "all")
    people = [world.carol, pat]

    def decide(round: Round, n: int) -> None:
        rounds.decide(by=people[n], round=round, verdict="approved")

    for outcome in race(made, [decide, decide]):
        assert outcome == ["ok", "ok"]
    for round in made:
        round.refresh_from_db()
        assert round.status == "approved"
        assert Decision.objects.filter(round=round).count() == 2
        closed = Event.objects.filter(verb="round.closed", target_id=str(round.pk))
        assert closed.count() == 1
        assert round.deliverable.status == "approved"
        moved = Event.objects.filter(
            verb="deliverable.moved", target_id=str(round.deliverable_id), data__to="approved"
        )
        assert moved.count() == 1
    assert chain_intact()


def test_two_approvers_at_once_under_any_the_second_is_told_it_closed(two_approvers):
    world, pat = two_approvers
    made = _sent(world, pat, "any")
    people = [world.carol, pat]
    verdicts = ["approved", "changes_required"]

    def decide(round: Round, n: int) -> None:
        rounds.decide(by=people[n], round=round, verdict=verdicts[n], note="Not yet")

    for outcome in race(made, [decide, decide]):
        assert sorted(outcome) == ["IllegalTransition", "ok"]
    for round in made:
        round.refresh_from_db()
        (decision,) = Decision.objects.filter(round=round)
        assert round.status == decision.verdict
        assert Event.objects.filter(verb="round.closed", target_id=str(round.pk)).count() == 1
    assert chain_intact()
