"""Account health, gathered and kept: the facts of many clients in a fixed number of queries,
the score stored with its reasons and the day's point of its history, and the AM told when a
client drops a band. Every event about a client marks its health to recompute; the worker
recomputes those, and every client once a day (clocks move on without events)."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Avg, Case, Count, F, Min, Q, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client
from accord.conversations.models import Thread
from accord.core import clock, events
from accord.core.models import Event
from accord.core.notify import notify
from accord.insights import health
from accord.insights.models import ClientHealth, HealthSnapshot, MessageSentiment
from accord.intake.models import BriefVersion
from accord.reviews.models import Round
from accord.work import rules as work_rules
from accord.work.models import Deliverable, Job

BATCH = 200
# Deliverables still to deliver: a due day past is overdue; rounds on them count.
LIVE = (
    Deliverable.Status.NOT_STARTED,
    Deliverable.Status.IN_PRODUCTION,
    Deliverable.Status.INTERNAL_REVIEW,
    Deliverable.Status.CLIENT_REVIEW,
    Deliverable.Status.CHANGES_REQUESTED,
)


def _sentiment(ids: list[int], now: datetime) -> dict[int, dict[str, Any]]:
    recent, before, fortnight = (
        now - timedelta(days=30),
        now - timedelta(days=60),
        now - timedelta(days=14),
    )
    rows = (
        MessageSentiment.objects.filter(client_id__in=ids, sent_at__gte=before, sent_at__lte=now)
        .values("client_id")
        .annotate(
            recent=Avg("score", filter=Q(sent_at__gte=recent)),
            recent_count=Count("pk", filter=Q(sent_at__gte=recent)),
            before=Avg("score", filter=Q(sent_at__lt=recent)),
            unhappy=Count("pk", filter=Q(sent_at__gte=fortnight, label="negative")),
        )
    )
    return {row["client_id"]: row for row in rows}


def _overdue_deliverables(ids: list[int], today: date) -> dict[int, tuple[int, int]]:
    """Deliverables of live jobs past their due day (the job's, without one of their own) and
    not finished: late as the work overview counts them, on hold included."""
    rows = (
        Deliverable.objects.filter(job__client_id__in=ids, job__status__in=Job.LIVE)
        .exclude(status__in=work_rules.FINISHED)
        .annotate(due=Coalesce("due_on", "job__due_on"))
        .filter(due__lt=today)
        .values("job__client_id")
        .annotate(n=Count("pk"), oldest=Min("due"))
    )
    return {r["job__client_id"]: (r["n"], (today - r["oldest"]).days) for r in rows}


def _extra_rounds(ids: list[int]) -> dict[int, tuple[int, int]]:
    """Revision rounds past those the terms include, as the review page's ledger counts them
    (`reviews.rules.ledger`): client rounds that asked for changes, beyond the included ones."""
    rows = (
        Round.objects.filter(
            client_id__in=ids,
            stage=Round.Stage.CLIENT,
            status=Round.Status.CHANGES_REQUIRED,
            deliverable__status__in=LIVE,
            deliverable__job__status__in=Job.LIVE,
        )
        .values("client_id", "deliverable_id", "client__revision_rounds_included")
        .annotate(n=Count("pk"))
        .filter(n__gt=F("client__revision_rounds_included"))
    )
    out: dict[int, tuple[int, int]] = {}
    for r in rows:
        extra = r["n"] - r["client__revision_rounds_included"]
        rounds, deliverables = out.get(r["client_id"], (0, 0))
        out[r["client_id"]] = (rounds + extra, deliverables + 1)
    return out


def _overdue_decisions(ids: list[int], now: datetime) -> dict[int, tuple[int, int]]:
    rows = (
        Round.objects.filter(
            client_id__in=ids,
            stage=Round.Stage.CLIENT,
            status=Round.Status.OPEN,
            due_at__lt=now,
            deliverable__job__status__in=Job.LIVE,
        )
        .values("client_id")
        .annotate(n=Count("pk"), oldest=Min("due_at"))
    )
    return {r["client_id"]: (r["n"], (now - r["oldest"]).days) for r in rows}


def _unanswered(targets: dict[int, int], now: datetime) -> dict[int, int]:
    """Client threads waiting on the agency past their client's response target: one filter
    per distinct target."""
    by_target: dict[int, list[int]] = {}
    for pk, hours in targets.items():
        if hours:
            by_target.setdefault(hours, []).append(pk)
    if not by_target:
        return {}
    late = Q()
    for hours, ids in by_target.items():
        late |= Q(client_id__in=ids, waiting_since__lte=clock.cutoff(now, hours))
    rows = (
        Thread.objects.filter(late, audience="client", waiting_on="agency")
        .values("client_id")
        .annotate(n=Count("pk"))
    )
    return {r["client_id"]: r["n"] for r in rows}


def _reopened(ids: list[int], now: datetime) -> dict[int, int]:
    rows = (
        BriefVersion.objects.filter(
            brief__client_id__in=ids, created_at__gte=now - timedelta(days=90)
        )
        .exclude(reason="")
        .values("brief__client_id")
        .annotate(n=Count("brief_id", distinct=True))
    )
    return {r["brief__client_id"]: r["n"] for r in rows}


def facts_for(targets: dict[int, int], *, now: datetime | None = None) -> dict[int, health.Facts]:
    """The facts of every client in `targets` (client id → response target hours), in six
    queries however many clients there are."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    ids = list(targets)
    sentiment = _sentiment(ids, now)
    deliverables = _overdue_deliverables(ids, today)
    rounds = _extra_rounds(ids)
    decisions = _overdue_decisions(ids, now)
    unanswered = _unanswered(targets, now)
    reopened = _reopened(ids, now)
    facts = {}
    for pk in ids:
        mood = sentiment.get(pk, {})
        late, late_days = deliverables.get(pk, (0, 0))
        extra, extra_on = rounds.get(pk, (0, 0))
        waiting, waiting_days = decisions.get(pk, (0, 0))
        facts[pk] = health.Facts(
            sentiment_recent=mood.get("recent"),
            sentiment_recent_count=mood.get("recent_count", 0),
            sentiment_before=mood.get("before"),
            unhappy_recent=mood.get("unhappy", 0),
            overdue_deliverables=late,
            overdue_deliverables_days=late_days,
            extra_rounds=extra,
            extra_rounds_deliverables=extra_on,
            overdue_decisions=waiting,
            overdue_decisions_days=waiting_days,
            unanswered=unanswered.get(pk, 0),
            reopened_briefs=reopened.get(pk, 0),
        )
    return facts


def assess_clients(
    targets: dict[int, int], *, now: datetime | None = None
) -> dict[int, health.Health]:
    """Every client's health now, computed (not stored)."""
    return {pk: health.assess(f) for pk, f in facts_for(targets, now=now).items()}


def reasons_of(result: health.Health) -> list[dict[str, object]]:
    return [reason.as_dict() for reason in result.reasons]


def store(*, client_ids: Iterable[int], now: datetime | None = None, by: Any = None) -> int:
    """Recompute and keep the health of the active clients among `client_ids` (their row, the
    day's history point), and tell each AM whose client dropped a band. Returns how many were
    computed.

    No row is locked while the facts are read: each client's row is then updated on its own,
    keeping a recompute mark that an event set after the facts were read; a band change is
    claimed by a conditional update (so two workers never tell twice), in a transaction that
    takes the event chain's head first, as every other writer does."""
    now = now or timezone.now()
    clients = {
        pk: (hours, manager, name)
        for pk, hours, manager, name in Client.objects.filter(
            pk__in=list(client_ids), status=Client.Status.ACTIVE
        ).values_list("pk", "response_target_hours", "account_manager_id", "name")
    }
    if not clients:
        return 0
    ClientHealth.objects.bulk_create(
        [ClientHealth(client_id=pk, band_since=now) for pk in clients], ignore_conflicts=True
    )
    before = dict(
        ClientHealth.objects.filter(pk__in=list(clients))
        .exclude(computed_at__isnull=True)
        .values_list("client_id", "band")
    )
    facts_at = timezone.now()
    results = assess_clients({pk: hours for pk, (hours, _, _) in clients.items()}, now=now)
    today = timezone.localdate(now)
    for pk, result in results.items():
        was = before.get(pk)
        _, manager, name = clients[pk]
        _keep(pk=pk, result=result, first=was is None, now=now, facts_at=facts_at)
        if was is not None and was != result.band:
            _band_changed(
                client=Client(pk=pk, name=name), manager_id=manager, was=was, result=result, by=by
            )
    HealthSnapshot.objects.bulk_create(
        [
            HealthSnapshot(
                client_id=pk,
                day=today,
                score=result.score,
                band=result.band,
                reasons=reasons_of(result),
                computed_at=now,
            )
            for pk, result in results.items()
        ],
        update_conflicts=True,
        unique_fields=["client", "day"],
        update_fields=["score", "band", "reasons", "computed_at"],
    )
    return len(results)


def _keep(
    *, pk: int, result: health.Health, first: bool, now: datetime, facts_at: datetime
) -> None:
    """Store a client's health (its band too the first time; later the band moves only in
    `_band_changed`); a recompute mark set after `facts_at` stays for the next sweep."""
    ClientHealth.objects.filter(pk=pk).update(
        score=result.score,
        reasons=reasons_of(result),
        computed_at=now,
        stale_since=Case(When(stale_since__gt=facts_at, then=F("stale_since")), default=None),
        **({"band": result.band, "band_since": now} if first else {}),
    )


@transaction.atomic
def _band_changed(
    *, client: Client, manager_id: int, was: str, result: health.Health, by: Any
) -> None:
    """Move the band, record it and, for a drop, tell the AM — once, whoever claims it."""
    events.lock_chain()  # first, as every writer takes it (their events mark health stale)
    moved = ClientHealth.objects.filter(pk=client.pk, band=was).update(
        band=result.band, band_since=timezone.now()
    )
    if not moved:  # another worker moved it already, and told
        return
    events.record(
        actor=by,
        verb="health.band_changed",
        target=client,
        client=client.pk,
        data={"score": result.score, "band": result.band, "was": was},
    )
    if not health.dropped(was, result.band):
        return
    top = result.reasons[0].detail if result.reasons else ""
    notify(
        people=User.objects.filter(pk=manager_id),
        kind="health.dropped",
        text=f"Account health of {client.name} fell to "
        f"{health.BAND_LABELS[result.band].lower()} ({result.score}).",
        url=reverse("insights:client_health", kwargs={"client_id": client.pk}),
        actor=by,
        client_id=client.pk,
        details=top,
    )


def mark_stale(event: Event) -> None:
    """An event about a client may change its health: mark it to recompute, as of the event
    (one UPDATE; a client without a row yet gets one, not yet computed)."""
    if event.client_id is None or event.verb == "health.band_changed":
        return
    now = event.created_at
    if ClientHealth.objects.filter(client_id=event.client_id).update(stale_since=now):
        return
    if Client.objects.filter(pk=event.client_id).exists():
        ClientHealth.objects.bulk_create(
            [ClientHealth(client_id=event.client_id, stale_since=now, band_since=now)],
            ignore_conflicts=True,
        )


def sweep(*, now: datetime | None = None) -> int:
    """The worker's part: recompute stale clients, then any not computed today (a batch at a
    time, so a sweep's work is bounded)."""
    now = now or timezone.now()
    stale = list(
        ClientHealth.objects.filter(stale_since__isnull=False)
        .order_by("stale_since")
        .values_list("client_id", flat=True)[:BATCH]
    )
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    if len(stale) < BATCH:
        due = Client.objects.filter(status=Client.Status.ACTIVE).filter(
            Q(health__isnull=True)
            | Q(health__computed_at__isnull=True)
            | Q(health__computed_at__lt=day_start)
        )
        stale += list(due.exclude(pk__in=stale).values_list("pk", flat=True)[: BATCH - len(stale)])
    return store(client_ids=stale, now=now) if stale else 0
