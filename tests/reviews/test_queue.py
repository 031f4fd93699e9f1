"""The review queues: "Needs your review" (the rounds waiting on the person's decision) and the
account manager's client rounds, paginated with a constant number of queries."""

from datetime import timedelta

from django.utils import timezone

from accord.reviews.services import rounds

from .review_data import banner_job, client_round, internal_round, upload


def _sent(world, *, title="Hero banner", due_in=None):
    deliverable = banner_job(world)
    deliverable.title = title
    deliverable.save(update_fields=["title"])
    version = upload(world, deliverable)
    rounds.decide(by=world.alice, round=internal_round(world, version), verdict="approved")
    due = timezone.now() + due_in if due_in is not None else None
    return client_round(world, version, due_at=due)


def test_carol_sees_what_waits_for_her_decision_and_gus_nothing(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sent = _sent(world, due_in=timedelta(days=2))
    client.force_login(world.carol)
    page = client.get("/reviews/").content.decode()
    assert "Needs your review" in page and "Hero banner" in page and f"#round-{sent.pk}" in page
    client.force_login(world.gus)
    assert "Hero banner" not in client.get("/reviews/").content.decode()
    client.force_login(world.ray)  # a reviewer, not an approver: nothing to decide
    assert "Hero banner" not in client.get("/reviews/").content.decode()


def test_a_decided_round_leaves_the_queue(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sent = _sent(world)
    rounds.decide(by=world.carol, round=sent, verdict="approved")
    client.force_login(world.carol)
    assert "Hero banner" not in client.get("/reviews/").content.decode()


def test_alice_watches_her_clients_rounds_max_does_not(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sent = _sent(world, due_in=timedelta(hours=1))
    type(sent).objects.filter(pk=sent.pk).update(due_at=timezone.now() - timedelta(hours=1))
    client.force_login(world.alice)
    page = client.get("/reviews/?tab=clients").content.decode()
    assert "Hero banner" in page and "Overdue" in page
    client.force_login(world.max)
    assert "Hero banner" not in client.get("/reviews/?tab=clients").content.decode()
    client.force_login(world.dan)  # not an account manager: the tab falls back to his own
    assert "With my clients" not in client.get("/reviews/?tab=clients").content.decode()


def test_the_queue_runs_the_same_queries_for_many_rounds(
    client, world, settings, tmp_path, django_assert_max_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    _sent(world, title="First")
    client.force_login(world.carol)
    with django_assert_max_num_queries(12) as few:
        client.get("/reviews/")
    for n in range(8):
        _sent(world, title=f"Banner {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/reviews/").content.decode()
    assert page.count("<tr>") == 1 + 9


def test_the_home_pages_show_what_waits_for_the_person(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _sent(world, title="Spring poster", due_in=timedelta(days=1))
    client.force_login(world.carol)
    page = client.get("/").content.decode()
    assert "Needs your review" in page and "Spring poster" in page
    client.force_login(world.gus)
    assert "Spring poster" not in client.get("/").content.decode()


def test_paused_work_and_lost_access_leave_the_queue(client, world, settings, tmp_path):
    from accord.core.errors import IllegalTransition
    from accord.reviews.models import Round
    from accord.work.models import JobMember
    from accord.work.services.deliverables import move_deliverable

    settings.MEDIA_ROOT = tmp_path
    sent = _sent(world, title="Autumn poster")
    deliverable = sent.deliverable
    move_deliverable(by=world.alice, deliverable=deliverable, to="on_hold", base_status=None)
    client.force_login(world.carol)
    assert "Autumn poster" not in client.get("/reviews/").content.decode()
    try:
        rounds.decide(by=world.carol, round=sent, verdict="approved")
    except IllegalTransition as refused:
        assert "paused by the agency" in refused.message
    else:
        raise AssertionError("a decision on paused work was recorded")
    deliverable.refresh_from_db()
    move_deliverable(by=world.alice, deliverable=deliverable, to="cancelled", base_status=None)
    assert Round.objects.get(pk=sent.pk).status == "cancelled"
    # Cora sits on an internal round, then leaves the job: it leaves her queue too.
    other = _sent(world, title="Winter poster")
    version = upload(world, other.deliverable)
    JobMember.objects.create(job=other.deliverable.job, user=world.cora)
    rounds.open_round(
        by=world.alice, version=version, stage="internal", seats=[rounds.Seat(world.cora)]
    )
    client.force_login(world.cora)
    assert "Winter poster" in client.get("/reviews/").content.decode()
    JobMember.objects.filter(job=other.deliverable.job, user=world.cora).delete()
    assert "Winter poster" not in client.get("/reviews/").content.decode()


def test_a_paused_job_pauses_its_reviews(client, world, settings, tmp_path):
    from accord.core.errors import IllegalTransition
    from accord.work.models import Job

    settings.MEDIA_ROOT = tmp_path
    sent = _sent(world, title="Summer poster")
    Job.objects.filter(pk=sent.deliverable.job_id).update(status="on_hold")
    client.force_login(world.carol)
    assert "Summer poster" not in client.get("/reviews/").content.decode()
    try:
        rounds.decide(by=world.carol, round=sent, verdict="approved")
    except IllegalTransition as refused:
        assert "paused by the agency" in refused.message
    else:
        raise AssertionError("a decision on a paused job was recorded")
