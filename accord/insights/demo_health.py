"""The demo's insights: Acme Foods sliding — Carol annoyed at a slipped shoot, on top of what
the story already left overdue — and Alice's answer, flagged by the tone check as she drafted
it and rewritten before she sent it; every client's health computed now, with the weeks before
as the worker would have kept them (Acme's falling, the others steady)."""

import hashlib
from datetime import timedelta

from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client
from accord.conversations.models import Thread
from accord.conversations.services import threads
from accord.core.policy import Audience
from accord.insights import health as rules
from accord.insights import tone
from accord.insights.models import ClientHealth, HealthSnapshot, MeetingNote
from accord.insights.services import health, tone_records
from accord.reviews.models import Round

SLIDING = "Acme Foods"
HISTORY_DAYS = 60
ANNOYED = (
    "Hi Alice,\n\nWe're still waiting for the revised pack shots. This is the second time the "
    "date has slipped, and frankly it's disappointing: the retailer deck goes out on Monday "
    "and it's not what we agreed.\n\nCarol"
)
DRAFT = (
    "As I already told you, the shoot moved because YOUR samples arrived late!!! "
    "We obviously can't reshoot by Friday."
)
SENT = (
    "I'm sorry for the wait, Carol, and I understand the deck can't move. To recap, the shoot "
    "moved when the samples reached us a week after the planned date. I'm afraid a full "
    "reshoot before Friday isn't possible, but I can send you the first six selects on "
    "Thursday morning so the deck has what it needs."
)


def _talk(acme: Client) -> str:
    carol = User.objects.get(email="carol@acme.test")
    alice = acme.account_manager
    thread = (
        Thread.objects.filter(client=acme, audience=Audience.CLIENT)
        .exclude(pk__in=MeetingNote.objects.filter(thread__isnull=False).values("thread_id"))
        .order_by("-last_message_at")
        .first()
    )
    if thread is None:
        thread = threads.start_thread(
            by=carol, client=acme, audience=Audience.CLIENT, subject="Pack shots", body=ANNOYED
        )
    else:
        threads.post(by=carol, thread=thread, body=ANNOYED)
    reply = threads.post(by=alice, thread=thread, body=SENT)
    drafted = tone.assess(DRAFT)
    tone_records.record(
        by=alice,
        client_id=acme.pk,
        subject_type="message",
        subject_id=reply.pk,
        text=SENT,
        draft_kinds=[finding.kind for finding in drafted.findings],
        dismissed=[],
        where="message",
        about=thread.pk,
    )
    return thread.subject


def _wobble(client_id: int, day: int) -> int:
    """A small, repeatable day-to-day difference for the steady clients (−3…+3)."""
    digest = hashlib.sha256(f"{client_id}:{day}".encode()).digest()
    return digest[0] % 7 - 3


def _history(sliding_id: int) -> None:
    today = timezone.localdate()
    now = timezone.now()
    points = []
    for row in ClientHealth.objects.all():
        for back in range(1, HISTORY_DAYS):
            if row.client_id == sliding_id:
                score = min(94, row.score + back * (94 - row.score) // 30)
            else:
                score = max(0, min(100, row.score + _wobble(row.client_id, back)))
            points.append(
                HealthSnapshot(
                    client_id=row.client_id,
                    day=today - timedelta(days=back),
                    score=score,
                    band=rules.band_of(score),
                    reasons=row.reasons if score < 90 else [],
                    computed_at=now - timedelta(days=back),
                )
            )
    HealthSnapshot.objects.bulk_create(points, ignore_conflicts=True)


def load(*, told: bool) -> list[str]:
    """What the insights' story made, when it was `told` now (after the conversations')."""
    if not told or HealthSnapshot.objects.exists():
        return []
    acme = Client.objects.filter(name=SLIDING).select_related("account_manager").first()
    if acme is None:
        return []
    ids = list(Client.objects.filter(status=Client.Status.ACTIVE).values_list("pk", flat=True))
    health.store(client_ids=ids)  # as the worker kept it before this week's turn
    subject = _talk(acme)
    # A decision asked for by a day that has passed since (a due time must lie ahead when set).
    waiting = Round.objects.filter(
        client=acme, stage=Round.Stage.CLIENT, status=Round.Status.OPEN
    ).order_by("opened_at")
    Round.objects.filter(pk__in=list(waiting.values_list("pk", flat=True)[:1])).update(
        due_at=timezone.now() - timedelta(days=4)
    )
    health.store(client_ids=ids)
    _history(acme.pk)
    now = ClientHealth.objects.get(client=acme)
    return [
        f"account health for {len(ids)} clients ({SLIDING} {now.score}, "
        f"{rules.BAND_LABELS[now.band].lower()})",
        f"Carol's annoyed message and Alice's rewritten answer in “{subject}”",
    ]
