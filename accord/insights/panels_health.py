"""The account health section on a client's page, for those who run the client."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from accord.clients import access as clients
from accord.insights import health
from accord.insights.models import ClientHealth

SHOWN_REASONS = 3


def on_client(request: HttpRequest, client: Any) -> dict[str, Any] | None:
    if not clients.may(request.user, client, "edit"):
        return None
    row = ClientHealth.objects.filter(client_id=client.pk).first()
    return {
        "template": "insights/health/_panel.html",
        "score": row.score if row and row.computed_at else None,
        "band": row.band if row else "",
        "band_label": health.BAND_LABELS.get(row.band, "") if row else "",
        "reasons": (row.reasons or [])[:SHOWN_REASONS] if row else [],
        "url": reverse("insights:client_health", kwargs={"client_id": client.pk}),
    }
