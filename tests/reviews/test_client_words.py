"""The client's own words reach creatives only as the account manager's to-dos: a client's
decision note is read by the account manager and the client, never by a creative on the job."""

from accord.reviews.services import rounds
from tests.reviews.test_api_waiting import api_client

from .review_data import banner_job, client_round, internal_round, upload

NOTE = "Honestly the colours look cheap next to our packaging."


def test_a_client_decision_note_is_not_shown_to_creatives(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    rounds.decide(
        by=world.alice,
        round=internal_round(world, v1),
        verdict="approved_with_changes",
        note="Internal: tighten the kerning",
    )
    sent = client_round(world, v1)
    rounds.decide(by=world.carol, round=sent, verdict="changes_required", note=NOTE)
    page = f"/reviews/deliverables/{deliverable.pk}/?version={v1.pk}"
    client.force_login(world.dan)
    dans = client.get(page).content.decode()
    assert NOTE not in dans and "tighten the kerning" in dans  # the agency's own note stays
    for who in (world.alice, world.carol):
        client.force_login(who)
        assert NOTE in client.get(page).content.decode()
    api = f"/deliverables/{deliverable.pk}/rounds"
    dan_rounds = api_client(world.dan).get(api).json()["items"]
    assert NOTE not in str(dan_rounds)
    assert NOTE in str(api_client(world.alice).get(api).json()["items"])
    assert NOTE not in str(api_client(world.dan).get(f"/rounds/{sent.pk}").json())
