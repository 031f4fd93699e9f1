"""Review rounds show whose court the ball is in: an internal round waits on the agency and runs
against the client's response target (Acme's: 8 business hours); a client round waits on the
client, and is late once its due date is past. On the review page, in the queue and the API."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.core import clock
from accord.reviews.models import Round
from accord.reviews.services import rounds

from .review_data import banner_job, client_round, internal_round, upload


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _page(round: Round) -> str:
    return reverse("reviews:deliverable", kwargs={"deliverable_id": round.deliverable_id})


def overdue_internal(world) -> Round:
    """Dan asked Alice for an internal review a minute more than 8 business hours ago."""
    round = internal_round(world, upload(world, banner_job(world)))
    since = clock.cutoff(timezone.now(), 8) - timedelta(minutes=1)
    Round.objects.filter(pk=round.pk).update(waiting_since=since)
    return Round.objects.get(pk=round.pk)


def late_client_round(world) -> Round:
    """Sent to Acme, due an hour ago."""
    version = upload(world, banner_job(world))
    rounds.decide(by=world.alice, round=internal_round(world, version), verdict="approved")
    sent = client_round(world, version, due_at=timezone.now() + timedelta(days=1))
    Round.objects.filter(pk=sent.pk).update(due_at=timezone.now() - timedelta(hours=1))
    return Round.objects.get(pk=sent.pk)


def test_an_internal_round_past_the_target_is_overdue_on_the_review_page(client, world):
    round = overdue_internal(world)
    client.force_login(world.alice)
    page = client.get(_page(round)).content.decode()
    assert "court--breached" in page and "Your court</span> since" in page
    assert "of 8\xa0h" in page and "overdue by" in page


def test_a_client_round_past_its_due_date_is_late_and_never_a_breach(client, world):
    sent = late_client_round(world)
    client.force_login(world.alice)
    page = client.get(_page(sent)).content.decode()
    assert "Waiting on the client since" in page and "late, due" in page
    assert "court--breached" not in page
    client.force_login(world.carol)
    page = client.get(_page(sent)).content.decode()
    assert "Waiting on you since" in page and "overdue, due" in page


def test_the_queues_show_whose_court_each_round_is_in(client, world):
    late_client_round(world)
    client.force_login(world.alice)
    page = client.get("/reviews/?tab=clients").content.decode()
    assert "Waiting on the client since" in page
    overdue_internal(world)
    page = client.get("/reviews/?tab=mine").content.decode()
    assert "Your court</span> since" in page
    client.force_login(world.carol)
    assert "Waiting on you since" in client.get("/reviews/").content.decode()


def test_the_api_gives_the_agency_the_rounds_response_clock(client, world):
    round = overdue_internal(world)
    client.force_login(world.alice)
    found = client.get(f"/api/v1/rounds/{round.pk}").json()
    assert found["response_state"] == "breached"
    due = datetime.fromisoformat(found["response_due_at"])  # given to the millisecond
    assert abs(due - clock.due_at(round.waiting_since, 8)) < timedelta(milliseconds=1)
    listed = client.get(f"/api/v1/deliverables/{round.deliverable_id}/rounds").json()["items"]
    assert [r["response_state"] for r in listed] == ["breached"]
    sent = late_client_round(world)
    found = client.get(f"/api/v1/rounds/{sent.pk}").json()
    assert (found["response_state"], found["response_due_at"]) == ("none", None)
    client.force_login(world.carol)
    theirs = client.get(f"/api/v1/rounds/{sent.pk}").json()
    assert "response_state" not in theirs and "response_due_at" not in theirs
