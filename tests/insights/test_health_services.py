"""Account health kept: facts gathered for many clients at once, the score stored with its
reasons and its day's point, the AM told of a drop, and recomputed when something happens."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.core.models import Event, Notification
from accord.insights.models import ClientHealth, HealthSnapshot, MessageSentiment
from accord.insights.services import health
from accord.reviews.models import Round
from accord.work.models import Deliverable, Job
from tests.insights.health_data import annoyed_message, overdue_decision
from tests.reviews.review_data import banner_job, client_round, upload

pytestmark = pytest.mark.django_db


def test_a_clients_message_is_scored_as_it_arrives_and_the_agencys_are_not(world) -> None:
    message = annoyed_message(world)
    scored = MessageSentiment.objects.get()
    assert (scored.message_id, scored.client_id, scored.label) == (
        message.pk,
        world.acme.pk,
        "negative",
    )
    assert {cue["phrase"] for cue in scored.cues} >= {"still waiting", "disappointed"}
    from accord.conversations.services import threads

    threads.post(by=world.alice, thread=message.thread, body="So sorry, Carol. Today.")
    assert MessageSentiment.objects.count() == 1


def test_acmes_health_reflects_an_overdue_decision_and_an_annoyed_message(world) -> None:
    overdue_decision(world)
    annoyed_message(world)
    health.store(client_ids=[world.acme.pk, world.globex.pk])
    acme = ClientHealth.objects.get(client=world.acme)
    assert acme.score < 100
    assert [reason["key"] for reason in acme.reasons] == ["sentiment", "overdue_decisions"]
    assert "unhappy message" in acme.reasons[0]["detail"]
    assert ClientHealth.objects.get(client=world.globex).score == 100
    assert HealthSnapshot.objects.get(client=world.acme).score == acme.score


def test_facts_for_many_clients_take_the_same_queries_as_for_one(
    world, django_assert_num_queries
) -> None:
    overdue_decision(world)
    annoyed_message(world)
    targets = {world.acme.pk: 8, world.globex.pk: 16}
    with django_assert_num_queries(6):
        facts = health.facts_for(targets)
    assert facts[world.acme.pk].overdue_decisions == 1
    assert facts[world.acme.pk].unhappy_recent == 1
    assert facts[world.globex.pk] == health.health.Facts()


def test_overdue_deliverables_and_extra_rounds_count(world) -> None:
    job = Job.objects.create(client=world.acme, title="Autumn", owner=world.alice)
    yesterday = timezone.localdate() - timedelta(days=5)
    Deliverable.objects.create(job=job, title="Poster", due_on=yesterday)
    Deliverable.objects.create(
        job=job, title="Done one", due_on=yesterday, status=Deliverable.Status.DELIVERED
    )
    facts = health.facts_for({world.acme.pk: 8})[world.acme.pk]
    assert (facts.overdue_deliverables, facts.overdue_deliverables_days) == (1, 5)


def test_a_drop_of_band_tells_the_account_manager_once(world) -> None:
    health.store(client_ids=[world.acme.pk])
    assert ClientHealth.objects.get(client=world.acme).band == "healthy"
    job = Job.objects.create(client=world.acme, title="Autumn", owner=world.alice)
    late = timezone.localdate() - timedelta(days=20)
    for n in range(3):
        Deliverable.objects.create(job=job, title=f"Poster {n}", due_on=late)
    overdue_decision(world)
    annoyed_message(world)
    health.store(client_ids=[world.acme.pk])
    row = ClientHealth.objects.get(client=world.acme)
    assert row.band in ("watch", "at_risk")
    told = Notification.objects.filter(user=world.alice, kind="health.dropped")
    assert told.count() == 1
    assert "Account health of Acme Foods fell" in told.get().text
    assert Event.objects.filter(verb="health.band_changed", client_id=world.acme.pk).count() == 1
    health.store(client_ids=[world.acme.pk])  # the same band again: nobody told twice
    assert told.count() == 1


def test_an_event_about_a_client_marks_its_health_to_recompute_and_the_sweep_does(world) -> None:
    health.store(client_ids=[world.acme.pk, world.globex.pk])
    assert not ClientHealth.objects.filter(stale_since__isnull=False).exists()
    annoyed_message(world)
    assert ClientHealth.objects.get(client=world.acme).stale_since is not None
    assert ClientHealth.objects.get(client=world.globex).stale_since is None
    assert health.sweep() == 1
    acme = ClientHealth.objects.get(client=world.acme)
    assert acme.stale_since is None and acme.reasons[0]["key"] == "sentiment"


def test_the_daily_sweep_computes_every_active_client_not_yet_computed_today(world) -> None:
    assert health.sweep() == 2
    assert health.sweep() == 0
    assert ClientHealth.objects.count() == 2


def test_a_client_never_computed_is_not_shown_healthy_nor_told_of_a_drop(world, client) -> None:
    annoyed_message(world)  # the event makes a placeholder row, not yet computed
    placeholder = ClientHealth.objects.get(client=world.acme)
    assert placeholder.computed_at is None
    client.force_login(world.alice)
    html = client.get("/insights/health/").content.decode()
    assert "Not computed yet" in html and "Nothing to worry about" not in html
    overdue_decision(world)
    job = Job.objects.create(client=world.acme, title="Autumn", owner=world.alice)
    for n in range(3):
        Deliverable.objects.create(
            job=job, title=f"Poster {n}", due_on=timezone.localdate() - timedelta(days=20)
        )
    health.store(client_ids=[world.acme.pk])
    assert ClientHealth.objects.get(client=world.acme).band != "healthy"
    assert not Notification.objects.filter(kind="health.dropped").exists()  # nothing to drop from


def test_an_event_after_the_facts_were_read_keeps_the_mark_for_the_next_sweep(world) -> None:
    health.store(client_ids=[world.acme.pk])
    annoyed_message(world)  # lands while the worker computes: marked as of the message
    marked = ClientHealth.objects.get(client=world.acme).stale_since
    result = health.health.assess(health.health.Facts())
    now = timezone.now()
    facts_read = marked - timedelta(seconds=1)
    health._keep(pk=world.acme.pk, result=result, first=False, now=now, facts_at=facts_read)
    assert ClientHealth.objects.get(client=world.acme).stale_since == marked  # kept
    assert health.sweep() >= 1
    row = ClientHealth.objects.get(client=world.acme)
    assert row.stale_since is None and row.reasons[0]["key"] == "sentiment"


def test_a_cancelled_jobs_late_work_no_longer_counts(world) -> None:
    job = Job.objects.create(client=world.acme, title="Autumn", owner=world.alice)
    Deliverable.objects.create(
        job=job, title="Poster", due_on=timezone.localdate() - timedelta(days=3)
    )
    assert health.facts_for({world.acme.pk: 8})[world.acme.pk].overdue_deliverables == 1
    Job.objects.filter(pk=job.pk).update(status=Job.Status.CANCELLED)
    assert health.facts_for({world.acme.pk: 8})[world.acme.pk].overdue_deliverables == 0


def test_a_deliverable_without_a_date_is_late_with_its_job(world) -> None:
    job = Job.objects.create(
        client=world.acme,
        title="Autumn",
        owner=world.alice,
        due_on=timezone.localdate() - timedelta(days=2),
    )
    Deliverable.objects.create(job=job, title="Poster")
    facts = health.facts_for({world.acme.pk: 8})[world.acme.pk]
    assert (facts.overdue_deliverables, facts.overdue_deliverables_days) == (1, 2)


def test_late_work_on_hold_counts_as_the_work_overview_counts_it(world) -> None:
    job = Job.objects.create(client=world.acme, title="Autumn", owner=world.alice)
    poster = Deliverable.objects.create(
        job=job, title="Poster", due_on=timezone.localdate() - timedelta(days=3)
    )
    Deliverable.objects.filter(pk=poster.pk).update(status=Deliverable.Status.ON_HOLD)
    assert health.facts_for({world.acme.pk: 8})[world.acme.pk].overdue_deliverables == 1
    Deliverable.objects.filter(pk=poster.pk).update(status=Deliverable.Status.APPROVED)
    assert health.facts_for({world.acme.pk: 8})[world.acme.pk].overdue_deliverables == 0


def test_extra_rounds_are_counted_as_the_review_ledger_counts_them(world) -> None:

    world.acme.__class__.objects.filter(pk=world.acme.pk).update(revision_rounds_included=1)
    first = client_round(
        world, upload(world, banner_job(world)), override_reason="Urgent", confirm=True
    )

    def another(status: str) -> None:
        clone = Round.objects.get(pk=first.pk)
        clone.pk = None
        clone.status = status
        clone.save()

    def extra() -> tuple[int, int]:
        facts = health.facts_for({world.acme.pk: 8})[world.acme.pk]
        return facts.extra_rounds, facts.extra_rounds_deliverables

    Round.objects.filter(pk=first.pk).update(status=Round.Status.CHANGES_REQUIRED)
    assert extra() == (0, 0)  # revision round 1 of 1 included
    another(Round.Status.SUPERSEDED)
    assert extra() == (0, 0)
    another(Round.Status.CHANGES_REQUIRED)
    assert extra() == (1, 1)  # revision round 2 of 1 included: one beyond
    another(Round.Status.APPROVED)
    assert extra() == (1, 1)
