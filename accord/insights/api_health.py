"""Account health and client sentiment in the API: for the agency people who run the client
(its account manager and admins). A client's contacts and creatives are refused (403) — a
client never learns its own score nor how its messages read."""

from datetime import date, datetime, timedelta
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from accord.core.api_support import (
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    ObjectId,
    PageParams,
    page_of,
)
from accord.insights import queries_health
from accord.insights.access_health import health_client_for, require_health_reader
from accord.insights.services import health as health_service

router = Router(tags=["insights"])

BandName = Literal["healthy", "watch", "at_risk"]


class ReasonOut(Schema):
    key: str = Field(
        ...,
        description="sentiment, overdue_deliverables, extra_rounds, "
        "overdue_decisions, unanswered or reopened_briefs",
    )
    label: str
    points: int = Field(..., description="Points this reason takes off the score (≤ 0).")
    detail: str


class HealthOut(Schema):
    client_id: int
    client: str
    score: int = Field(..., description="0 (at risk) to 100 (healthy).")
    band: BandName
    reasons: list[ReasonOut]
    computed_at: datetime
    live: bool = Field(
        False,
        description="Worked out for this answer: something changed "
        "since the worker last stored it.",
    )


class HealthRowOut(Schema):
    client_id: int
    client: str
    account_manager: str
    score: int | None = Field(None, description="None until the worker first computes it.")
    band: BandName | None
    reasons: list[ReasonOut]
    band_since: datetime | None
    computed_at: datetime | None


class HealthPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[HealthRowOut]


class HealthFilters(Schema):
    band: BandName | None = None


class PointOut(Schema):
    day: date
    score: int
    band: BandName


class SentimentWeekOut(Schema):
    week: date = Field(..., description="The Monday the week starts on.")
    count: int
    unhappy: int
    average: float = Field(..., description="−1 (unhappy) … +1 (happy).")


class ScoredMessageOut(Schema):
    message_id: int
    thread_id: int
    author: str
    sent_at: datetime
    score: float
    label: Literal["negative", "neutral", "positive"]
    cues: list[str] = Field(..., description="The agency-domain phrases that moved the score.")


class SentimentOut(Schema):
    client_id: int
    weeks: list[SentimentWeekOut]
    latest: list[ScoredMessageOut]
    language: str = Field("en", description="Scored in English only.")


def _row(row: dict[str, Any]) -> dict[str, Any]:
    computed = row["health__computed_at"] is not None
    return {
        "client_id": row["pk"],
        "client": row["name"],
        "account_manager": row["account_manager__name"],
        "score": row["health__score"] if computed else None,
        "band": row["health__band"] if computed else None,
        "reasons": (row["health__reasons"] or []) if computed else [],
        "band_since": row["health__band_since"],
        "computed_at": row["health__computed_at"],
    }


@router.get("/health", response={200: HealthPage, **READ_ERRORS}, operation_id="list_health")
def list_health(
    request: AuthedRequest, filters: Query[HealthFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """The clients you run (every active client for an admin), the lowest health first, each
    with its reasons. Account managers and admins only."""
    require_health_reader(request.user)
    rows = page_of(queries_health.health_list(request.user, band=filters.band or ""), page)
    rows["items"] = [_row(row) for row in rows["items"]]
    return rows


@router.get(
    "/clients/{client_id}/health",
    response={200: HealthOut, **READ_ERRORS},
    operation_id="get_client_health",
)
def get_client_health(request: AuthedRequest, client_id: ObjectId) -> dict[str, Any]:
    """A client's account health now, with the reasons behind the number."""
    client = health_client_for(request.user, client_id)
    row = queries_health.current(client)
    if row is not None and row.computed_at is not None and row.stale_since is None:
        score, band, reasons, at, live = row.score, row.band, row.reasons, row.computed_at, False
    else:
        at, live = timezone.now(), True
        result = health_service.assess_clients({client.pk: client.response_target_hours}, now=at)
        fresh = result[client.pk]
        score, band, reasons = fresh.score, fresh.band, health_service.reasons_of(fresh)
    return {
        "client_id": client.pk,
        "client": client.name,
        "score": score,
        "band": band,
        "reasons": reasons,
        "computed_at": at,
        "live": live,
    }


@router.post(
    "/clients/{client_id}/health/recompute",
    response={200: HealthOut, **WRITE_ERRORS},
    operation_id="recompute_client_health",
)
def recompute_client_health(request: AuthedRequest, client_id: ObjectId) -> dict[str, Any]:
    """Recompute and store a client's health now (as the worker does), telling its account
    manager if it dropped a band."""
    client = health_client_for(request.user, client_id)
    health_service.store(client_ids=[client.pk], by=request.user)
    return get_client_health(request, client_id)


class HistoryQuery(Schema):
    days: int = Field(90, ge=1, le=366, description="How far back (1 to 366 days).")


@router.get(
    "/clients/{client_id}/health/history",
    response={200: list[PointOut], **READ_ERRORS},
    operation_id="get_client_health_history",
)
def get_client_health_history(
    request: AuthedRequest, client_id: ObjectId, query: Query[HistoryQuery]
) -> list[dict[str, Any]]:
    """One point a day (the day's last computation), oldest first."""
    client = health_client_for(request.user, client_id)
    since = timezone.localdate() - timedelta(days=query.days)
    points = queries_health.history_since(client, since)
    return [{"day": day, "score": score, "band": band} for day, score, band in points]


@router.get(
    "/clients/{client_id}/sentiment",
    response={200: SentimentOut, **READ_ERRORS},
    operation_id="get_client_sentiment",
)
def get_client_sentiment(request: AuthedRequest, client_id: ObjectId) -> dict[str, Any]:
    """How a client's people sound: the last twelve weeks' averages and the latest scored
    messages (from the client threads you can read)."""
    client = health_client_for(request.user, client_id)
    weeks = [
        {
            **week,
            "week": week["week"].date() if isinstance(week["week"], datetime) else week["week"],
        }
        for week in queries_health.sentiment_weeks(client)
    ]
    latest = [
        {
            "message_id": row["message_id"],
            "thread_id": row["message__thread_id"],
            "author": row["message__author__name"] or "",
            "sent_at": row["sent_at"],
            "score": row["score"],
            "label": row["label"],
            "cues": [cue["phrase"] for cue in row["cues"]],
        }
        for row in queries_health.recent_sentiment(client)
    ]
    return {"client_id": client.pk, "weeks": weeks, "latest": latest}
