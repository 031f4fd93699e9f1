"""Account health pages: the agency-wide list by risk, a client's health with its reasons,
history (chart and table) and sentiment, and the chart itself as an SVG image."""

from datetime import timedelta
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accord.clients.models import Client
from accord.core.pagination import paginate, query_without_page
from accord.insights import chart, health, queries_health
from accord.insights.access_health import health_client_for, require_health_reader
from accord.insights.models import Band
from accord.insights.services import health as health_service
from accord.intake.views.common import me

PER_PAGE = 50
EXCERPT = 160
# The chart is an image: it may style itself, and nothing else.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _band_label(band: str | None) -> str:
    return health.BAND_LABELS.get(band or "", "Not computed yet")


@require_GET
@login_required
def health_list(request: HttpRequest) -> HttpResponse:
    user = me(request)
    require_health_reader(user)
    band = request.GET.get("band", "")
    band = band if band in Band.values else ""
    page = paginate(request, queries_health.health_list(user, band=band), PER_PAGE)
    rows = list(page.object_list)
    week_ago = queries_health.scores_on(
        [row["pk"] for row in rows], timezone.localdate() - timedelta(days=7)
    )
    base = reverse("insights:health")
    for row in rows:
        if row["health__computed_at"] is None:  # a placeholder the worker has not computed yet
            row["health__score"] = row["health__band"] = None
            row["health__reasons"] = []
        reasons = row["health__reasons"] or []
        row["top"] = reasons[0]["detail"] if reasons else ""
        row["more"] = len(reasons) - 1 if len(reasons) > 1 else 0
        row["band_label"] = _band_label(row["health__band"])
        before = week_ago.get(row["pk"])
        score = row["health__score"]
        row["change"] = score - before if before is not None and score is not None else None
        row["url"] = f"{base}clients/{row['pk']}/"
    context = {
        "page": page,
        "rows": rows,
        "query": query_without_page(request),
        "band": band,
        "bands": {"": "All", **dict(Band.choices)},
    }
    return render(request, "insights/health/list.html", context)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _current(client: Client) -> dict[str, Any]:
    """The stored health, or — when something changed since and the worker has not caught up —
    the health computed now (not stored: the worker keeps it and tells the AM of a drop)."""
    row = queries_health.current(client)
    if row is not None and row.computed_at is not None and row.stale_since is None:
        return {"score": row.score, "band": row.band, "reasons": row.reasons, "at": row.computed_at}
    now = timezone.now()
    result = health_service.assess_clients({client.pk: client.response_target_hours}, now=now)
    fresh = result[client.pk]
    reasons = health_service.reasons_of(fresh)
    return {"score": fresh.score, "band": fresh.band, "reasons": reasons, "at": now, "live": True}


@require_GET
@login_required
def client_health(request: HttpRequest, client_id: int) -> HttpResponse:
    client = health_client_for(me(request), client_id)
    current = _current(client)
    points = queries_health.history(client)
    recent = queries_health.recent_sentiment(client)
    thread_base = reverse("conversations:inbox")
    for row in recent:
        row["excerpt"] = _excerpt(row.pop("message__body") or "")
        row["url"] = f"{thread_base}{row['message__thread_id']}/#m{row['message_id']}"
    context = {
        "client": client,
        "current": current,
        "band_label": _band_label(current["band"]),
        "history": [
            {"day": day, "score": score, "band": _band_label(band)} for day, score, band in points
        ][::-1],
        "weeks": queries_health.sentiment_weeks(client),
        "recent": recent,
        "thresholds": {"healthy": health.HEALTHY_FROM, "watch": health.WATCH_FROM},
    }
    return render(request, "insights/health/client.html", context)


@require_GET
@login_required
def health_chart(request: HttpRequest, client_id: int) -> HttpResponse:
    client = health_client_for(me(request), client_id)
    points = [(day, score) for day, score, _ in queries_health.history(client)]
    narrow = request.GET.get("size") == "narrow"  # the phone's version
    response = HttpResponse(chart.health_svg(points, narrow=narrow), content_type="image/svg+xml")
    response["Content-Security-Policy"] = SVG_POLICY
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_POST
@login_required
def recompute(request: HttpRequest, client_id: int) -> HttpResponse:
    client = health_client_for(me(request), client_id)
    health_service.store(client_ids=[client.pk], by=request.user)
    flash.success(request, "Recomputed just now.")
    return redirect("insights:client_health", client_id=client.pk)
