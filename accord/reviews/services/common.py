"""What the review services share: closing a round, moving its deliverable, and the links
notifications carry."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from accord.core import events
from accord.core.errors import IllegalTransition
from accord.core.policy import Audience
from accord.reviews import rules
from accord.reviews.models import Guest, Round
from accord.work.models import Deliverable
from accord.work.services.deliverables import move_deliverable

ROUND_LABELS = dict(Round.Status.choices)


def is_guest(by: Any) -> bool:
    return isinstance(by, Guest)


def actor_of(by: Any) -> Any:
    """Who an event or a notification names as the actor: a person, or nobody for a guest
    (the guest's id is in the event's data)."""
    return None if is_guest(by) else by


def name_of(by: Any) -> str:
    if is_guest(by):
        return str(by.name or by.email)
    return str(by.name or by.email) if by is not None else "Someone"


def deliverable_url(deliverable_id: int) -> str:
    return reverse("reviews:deliverable", args=[deliverable_id])


def round_audience(stage: str) -> str:
    return Audience.CLIENT if stage == rules.CLIENT else Audience.INTERNAL


def move_deliverable_for_review(
    *, by: Any, deliverable: Deliverable, to: str, new_version: bool = False
) -> None:
    """Move the deliverable as its review goes (the table in work.rules still applies); a
    deliverable already there stays."""
    if deliverable.status == to:
        return
    if to == rules.CLIENT_REVIEW and deliverable.status in (
        rules.IN_PRODUCTION,
        rules.CHANGES_REQUESTED,
    ):
        # Sent without an internal round: the record still shows it passed internal review.
        move_deliverable_for_review(by=by, deliverable=deliverable, to=rules.INTERNAL_REVIEW)
    moved = move_deliverable(
        by=by,
        deliverable=deliverable,
        to=to,
        base_status=None,
        new_version=new_version,
        by_review=True,
    )
    deliverable.status = moved.status
    deliverable.revision = moved.revision


def close_round(*, by: Any, round: Round, to: str, deliverable: Deliverable) -> Round:
    """The one place a round's status changes (against `rules.ROUND_MOVES`); the deliverable
    follows a decided round. `round` must be locked by the caller."""
    if not rules.round_may_move(round.status, to):
        raise IllegalTransition(
            f"This review round is {ROUND_LABELS[round.status].lower()}: it is closed."
        )
    round.status = to
    round.closed_at = timezone.now()
    round.waiting_on = Round.Court.NOBODY
    round.waiting_since = None
    round.revision += 1
    round.save(update_fields=["status", "closed_at", "waiting_on", "waiting_since", "revision"])
    events.record(
        actor=actor_of(by),
        verb="round.closed",
        target=round,
        client=round.client_id,
        audience=round_audience(round.stage),
        data={
            "deliverable": round.deliverable_id,
            "title": deliverable.title,
            "version": round.version_id,
            "stage": round.stage,
            "outcome": to,
        },
    )
    if (after := rules.deliverable_after(round.stage, to)) is not None:
        move_deliverable_for_review(by=by, deliverable=deliverable, to=after)
    return round
