"""Reads about reviews for lists: the rounds waiting on a person, and the client rounds waiting
on the clients an account manager runs."""

from typing import Any

from django.db.models import F, QuerySet

from accord.clients import queries as client_queries
from accord.core import policy
from accord.reviews import rules
from accord.reviews.models import Reviewer, Round
from accord.reviews.services.rounds import paused_q
from accord.work import queries as work_queries

QUEUE_FIELDS = (
    "pk",
    "stage",
    "rule",
    "due_at",
    "opened_at",
    "waiting_since",
    "waiting_on",
    "deliverable_id",
    "deliverable__title",
    "deliverable__job__title",
    "client__name",
    "client__response_target_hours",
    "version__number",
    "version__kind",
)


def _ordered(rounds: QuerySet[Round]) -> QuerySet[Round]:
    # Due first (the soonest, overdue ones at the top), then the longest waiting; nothing of a
    # deliverable the agency paused.
    return rounds.exclude(paused_q()).order_by(F("due_at").asc(nulls_last=True), "opened_at", "pk")


def waiting_on(user: Any) -> QuerySet[Round]:
    """Open rounds where the person is an approver who has not decided (their to-review list)."""
    mine = Reviewer.objects.filter(
        user=user, role=Reviewer.Role.APPROVER, decision__isnull=True
    ).values("round_id")
    rounds = Round.objects.filter(pk__in=mine, status=rules.OPEN)
    # Only what the person still sees: someone taken off the job (or the client) drops out.
    rounds = rounds.filter(deliverable__job__in=work_queries.visible_to(user))
    if policy.is_contact(user):
        rounds = rounds.filter(stage=rules.CLIENT)
    return _ordered(rounds)


def with_clients(user: Any) -> QuerySet[Round]:
    """Open client rounds of the clients the person runs (the account manager's watch list)."""
    if not policy.can_create_clients(user):
        return Round.objects.none()
    rounds = Round.objects.filter(stage=rules.CLIENT, status=rules.OPEN)
    if not policy.is_admin(user):
        rounds = rounds.filter(client__in=client_queries.visible_to(user).values("pk"))
    return _ordered(rounds)


def rows(rounds: QuerySet[Round]) -> QuerySet[Any]:
    """The queue's columns only (a page is one query of plain rows)."""
    return rounds.values(*QUEUE_FIELDS)
