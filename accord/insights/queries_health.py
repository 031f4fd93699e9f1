"""Reads for account health and client sentiment: plain rows, a fixed number of queries."""

from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Avg, Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from accord.clients.models import Client
from accord.core import policy
from accord.insights.models import ClientHealth, HealthSnapshot, MessageSentiment

HISTORY_DAYS = 90
TREND_WEEKS = 12
RECENT_MESSAGES = 10
UNKNOWN = 101  # clients not yet computed sort after every computed one


def health_list(user: Any, *, band: str = "") -> QuerySet[Any, dict[str, Any]]:
    """The clients `user` runs (every active one for an admin), the lowest health first."""
    clients = Client.objects.filter(status=Client.Status.ACTIVE)
    if not policy.is_admin(user):
        clients = clients.filter(account_manager=user)
    if band:
        clients = clients.filter(health__band=band, health__computed_at__isnull=False)
    computed = Q(health__computed_at__isnull=False)
    return (
        clients.annotate(risk=Case(When(computed, then=F("health__score")), default=Value(UNKNOWN)))
        .order_by("risk", "name", "pk")
        .values(
            "pk",
            "name",
            "account_manager__name",
            "health__score",
            "health__band",
            "health__reasons",
            "health__band_since",
            "health__computed_at",
        )
    )


def scores_on(client_ids: list[int], day: date) -> dict[int, int]:
    """Each client's score on `day` (for the list's week-on-week change): one query."""
    rows = HealthSnapshot.objects.filter(client_id__in=client_ids, day=day)
    return dict(rows.values_list("client_id", "score"))


def current(client: Client) -> ClientHealth | None:
    return ClientHealth.objects.filter(client=client).first()


def history_since(client: Client, since: date) -> list[tuple[date, int, str]]:
    """The client's daily points after `since`, oldest first."""
    rows = HealthSnapshot.objects.filter(client=client, day__gt=since).order_by("day")
    return list(rows.values_list("day", "score", "band"))


def history(client: Client, *, today: date | None = None) -> list[tuple[date, int, str]]:
    today = today or timezone.localdate()
    return history_since(client, today - timedelta(days=HISTORY_DAYS))


def sentiment_weeks(client: Client, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """The client's messages per week over the last twelve: average score, count, unhappy."""
    now = now or timezone.now()
    rows = (
        MessageSentiment.objects.filter(
            client=client, sent_at__gte=now - timedelta(weeks=TREND_WEEKS)
        )
        .annotate(week=TruncWeek("sent_at"))
        .values("week")
        .annotate(
            average=Avg("score"),
            count=Count("pk"),
            unhappy=Count("pk", filter=Q(label=MessageSentiment.Label.NEGATIVE)),
        )
        .order_by("week")
    )
    return list(rows)


def recent_sentiment(client: Client) -> list[dict[str, Any]]:
    """The client's latest scored messages, with where they were written."""
    rows = (
        MessageSentiment.objects.filter(client=client)
        .order_by("-sent_at", "-pk")
        .values(
            "score",
            "label",
            "cues",
            "sent_at",
            "message_id",
            "message__body",
            "message__thread_id",
            "message__thread__subject",
            "message__author__name",
        )[:RECENT_MESSAGES]
    )
    return [dict(row) for row in rows]
