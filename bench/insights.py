"""Account health for the whole agency: every active client's health computed once per
database (by the same service the worker runs), with a point a week back for the list's
change column — the issue's measure is the health list for 500 clients."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accord.clients.models import Client
from accord.insights.models import ClientHealth, HealthSnapshot
from accord.insights.services import health
from bench.context import BenchContext

BATCH = 200


def _computed() -> None:
    if ClientHealth.objects.filter(computed_at__isnull=False).exists():
        return
    ids = list(Client.objects.filter(status=Client.Status.ACTIVE).values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        health.store(client_ids=ids[start : start + BATCH])
    week_ago = timezone.localdate() - timedelta(days=7)
    HealthSnapshot.objects.bulk_create(
        HealthSnapshot(
            client_id=row.pk,
            day=week_ago,
            score=min(100, row.score + (row.pk % 15)),
            band=row.band,
            reasons=row.reasons,
        )
        for row in ClientHealth.objects.all()
    )


def health_list(ctx: BenchContext) -> str:
    _computed()
    return reverse("insights:health")


def health_list_api(ctx: BenchContext) -> str:
    _computed()
    return "/api/v1/health?limit=50"


def client_health(ctx: BenchContext) -> str:
    _computed()
    return reverse("insights:client_health", kwargs={"client_id": ctx.acme.pk})
