"""The review story through the services: Dan uploads, Alice approves internally and sends
it to Acme, Ray comments, Carol asks for changes, Alice writes to-dos, Dan answers them in
version 2, Carol approves."""

import pytest

from accord.core.errors import IllegalTransition, InvalidInput, NotAllowed
from accord.core.models import Event
from accord.reviews.models import Decision, Round
from accord.reviews.services import comments, rounds, todos
from accord.work.models import Deliverable

from .review_data import banner_job, client_round, internal_round, upload


def _status(deliverable: Deliverable) -> str:
    return Deliverable.objects.get(pk=deliverable.pk).status


def test_the_whole_story(world):
    deliverable = banner_job(world)
    v1 = upload(world, deliverable, note="First cut")
    assert v1.number == 1 and len(v1.sha256) == 64 and v1.kind == "image"
    assert _status(deliverable) == "in_production"

    internal = internal_round(world, v1)
    assert _status(deliverable) == "internal_review"
    rounds.decide(by=world.alice, round=internal, verdict="approved")
    assert Round.objects.get(pk=internal.pk).status == "approved"
    assert _status(deliverable) == "internal_review"  # ready to send, not sent

    sent = client_round(world, v1)
    assert _status(deliverable) == "client_review"
    assert sent.waiting_on == "client"

    pinned = comments.add_comment(
        by=world.ray,
        version=v1,
        body="The logo is too small here.",
        anchor={"anchor": "point", "page": 1, "x": 0.2, "y": 0.3},
    )
    assert pinned.audience == "client" and pinned.round_id == sent.pk

    with pytest.raises(NotAllowed):
        rounds.decide(by=world.ray, round=sent, verdict="approved")
    with pytest.raises(InvalidInput):
        rounds.decide(by=world.carol, round=sent, verdict="changes_required")
    decision = rounds.decide(
        by=world.carol, round=sent, verdict="changes_required", note="See Ray's note."
    )
    assert decision.content_sha256 == v1.sha256
    assert Round.objects.get(pk=sent.pk).status == "changes_required"
    assert _status(deliverable) == "changes_requested"
    with pytest.raises(IllegalTransition):
        rounds.decide(by=world.carol, round=sent, verdict="approved")

    (todo,) = todos.add_todos(
        by=world.alice,
        deliverable=deliverable,
        items=[("Make the logo larger in the top left", [pinned.pk])],
    )
    v2 = upload(world, deliverable, note="Logo larger", answers=[todo.pk])
    todo.refresh_from_db()
    assert todo.done_in_id == v2.pk
    assert _status(deliverable) == "in_production"

    rounds.decide(by=world.alice, round=internal_round(world, v2), verdict="approved")
    second = client_round(world, v2)
    rounds.decide(by=world.carol, round=second, verdict="approved")
    assert _status(deliverable) == "approved"
    assert Decision.objects.get(round=second).content_sha256 == v2.sha256
    assert Event.objects.filter(verb="review.decided").count() == 4


def test_a_new_version_supersedes_the_open_round(world):
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    open_round = internal_round(world, v1)
    upload(world, deliverable)
    assert Round.objects.get(pk=open_round.pk).status == "superseded"
    with pytest.raises(IllegalTransition, match="newer version"):
        rounds.decide(by=world.alice, round=open_round, verdict="approved")


def test_sending_without_internal_approval_takes_a_reason(world):
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    with pytest.raises(rounds.NeedsReason):
        client_round(world, v1)
    sent = client_round(world, v1, override_reason="Carol asked to see it today")
    assert sent.override_reason == "Carol asked to see it today"
    assert _status(deliverable) == "client_review"
