"""The review queues and guest reviewers through the API."""

from datetime import timedelta

from django.utils import timezone

from accord.reviews.models import Guest
from accord.reviews.services import rounds
from tests.api.conftest import Caller

from .review_data import banner_job, client_round, internal_round, upload


def api_client(user) -> Caller:
    from django.test import Client as HttpClient

    from accord.accounts.services import create_api_token

    _, plaintext = create_api_token(user=user, name="tests")
    return Caller(HttpClient(), plaintext)


def _sent(world, *, title="Hero banner"):
    deliverable = banner_job(world)
    deliverable.title = title
    deliverable.save(update_fields=["title"])
    version = upload(world, deliverable)
    rounds.decide(by=world.alice, round=internal_round(world, version), verdict="approved")
    return client_round(world, version, due_at=timezone.now() + timedelta(days=1))


def test_carol_lists_what_waits_on_her_and_alice_her_clients(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sent = _sent(world)
    carol = api_client(world.carol)
    body = carol.get("/reviews/waiting").json()
    assert body["count"] == 1 and body["items"][0]["round_id"] == sent.pk
    assert body["items"][0]["deliverable"] == "Hero banner" and not body["items"][0]["overdue"]
    assert api_client(world.gus).get("/reviews/waiting").json()["count"] == 0
    alice = api_client(world.alice)
    assert alice.get("/reviews/with-clients").json()["items"][0]["client"] == "Acme Foods"
    assert api_client(world.max).get("/reviews/with-clients").json()["count"] == 0
    assert api_client(world.carol).get("/reviews/with-clients").status_code == 403


def test_alice_invites_lists_and_revokes_a_guest(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sent = _sent(world)
    alice = api_client(world.alice)
    url = f"/deliverables/{sent.deliverable_id}/guests"
    made = alice.post(url, {"email": "pat@partner.test", "role": "approver", "days": 7})
    assert made.status_code == 201
    guest = made.json()
    assert guest["role"] == "approver" and guest["link_prefix"].startswith("gr_")
    assert "token" not in guest and "token_hash" not in str(guest)
    again = alice.post(url, {"email": "pat@partner.test"})
    assert again.status_code == 409
    assert alice.post(url, {"email": "not-an-email"}).status_code == 422
    assert [g["email"] for g in alice.get(url).json()] == ["pat@partner.test"]
    assert api_client(world.dan).get(url).status_code == 403
    assert api_client(world.carol).post(url, {"email": "x@y.test"}).status_code == 403
    assert api_client(world.gus).get(url).status_code == 404
    revoked = alice.post(f"/guests/{guest['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert Guest.objects.get(pk=guest["id"]).revoked_at is not None


def test_listing_guests_takes_the_same_queries_for_one_guest_or_many(
    world, settings, tmp_path, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.reviews.services import guests

    settings.MEDIA_ROOT = tmp_path
    sent = _sent(world)
    deliverable = sent.deliverable
    guests.invite_guest(by=world.alice, deliverable=deliverable, email="g0@partner.test")
    alice = api_client(world.alice)
    url = f"/deliverables/{deliverable.pk}/guests"
    alice.get("/me")  # the token's first use is recorded once; leave it out of the count
    with CaptureQueriesContext(connection) as one:
        assert alice.get(url).status_code == 200
    for n in range(1, 6):
        guests.invite_guest(
            by=world.alice, deliverable=deliverable, email=f"g{n}@partner.test", role="approver"
        )
    with django_assert_max_num_queries(len(one)):
        listed = alice.get(url).json()
    assert len(listed) == 6
    assert {g["role"] for g in listed} == {"reviewer", "approver"}
