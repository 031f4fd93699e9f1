"""Issue 12's story through the API: Carol writes, annoyed; the tone check finds what she could
take badly in Alice's first answer and offers a gentler one, which Alice sends; Acme's health
lists the overdue decision and the annoyed message; Carol confirms Alice's meeting notes and
they are in Acme's "what was agreed" — while Carol is refused the health and the tone check."""

import pytest

from tests.insights.health_data import overdue_decision

pytestmark = pytest.mark.django_db

HARSH = "As I already told you, this is obviously not possible!!!"


def _as(client, user):
    from django.test import Client

    from accord.accounts import services as people

    _, secret = people.create_api_token(user=user, name="done-when")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_done_when_story_through_the_api(client, world) -> None:
    overdue_decision(world)
    carol, alice = _as(client, world.carol), _as(client, world.alice)

    started = carol.post(
        "/api/v1/threads",
        {
            "client_id": world.acme.pk,
            "subject": "The banner",
            "body": "We are still waiting for the banner, again. Frankly disappointed.",
        },
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    thread_id = started.json()["id"]

    checked = alice.post(
        "/api/v1/tone",
        {"text": HARSH, "about": "message", "subject_id": thread_id},
        content_type="application/json",
    ).json()
    assert checked["flagged"] is True
    kinds = {f["kind"] for f in checked["findings"]}
    assert {"condescension", "shouting"} <= kinds
    assert "As I already told you" in {f["phrase"] for f in checked["findings"]}
    gentler = checked["rewrite"]
    assert "!!!" not in gentler and "obviously" not in gentler.lower()
    again = alice.post("/api/v1/tone", {"text": gentler}, content_type="application/json")
    assert again.json()["flagged"] is False
    sent = alice.post(
        f"/api/v1/threads/{thread_id}/messages", {"body": gentler}, content_type="application/json"
    )
    assert sent.status_code == 201

    health = alice.get(f"/api/v1/clients/{world.acme.pk}/health").json()
    keys = [reason["key"] for reason in health["reasons"]]
    assert "sentiment" in keys and "overdue_decisions" in keys
    assert health["score"] < 100
    mood = alice.get(f"/api/v1/clients/{world.acme.pk}/sentiment").json()
    assert mood["latest"][0]["label"] == "negative"

    note = alice.post(
        f"/api/v1/clients/{world.acme.pk}/meeting-notes",
        {
            "title": "Banner catch-up call",
            "held_on": "2026-12-01",
            "attendees": "Carol, Alice",
            "body": "- The banner keeps the green background.",
        },
        content_type="application/json",
    )
    assert note.status_code == 201, note.content
    note_id, digest = note.json()["id"], note.json()["sha256"]
    confirmed = carol.post(
        f"/api/v1/meeting-notes/{note_id}/confirm",
        {"sha256": digest},
        content_type="application/json",
    )
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    agreed = alice.get(f"/api/v1/clients/{world.acme.pk}/agreements").json()["items"]
    entry = next(item for item in agreed if item["kind"] == "meeting_note")
    assert (
        entry["title"].endswith("Banner catch-up call") or "Banner catch-up call" in entry["title"]
    )
    assert entry["sha256"] == digest and entry["agreed_by"]["id"] == world.carol.pk
    assert carol.get(f"/api/v1/clients/{world.acme.pk}/agreements").status_code == 200

    # Carol never learns her own health, sentiment, nor what the tone check said.
    for path in ("health", "health/history", "sentiment"):
        assert carol.get(f"/api/v1/clients/{world.acme.pk}/{path}").status_code == 403
    refused = carol.post("/api/v1/tone", {"text": HARSH}, content_type="application/json")
    assert refused.status_code == 403
