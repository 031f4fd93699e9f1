"""The demo's insights: Acme Foods sliding to watch with its reasons and Alice told, the weeks
before kept as history, Alice's answer to Carol flagged as a draft and rewritten before it went
out — and none of it in Carol's sight."""

from io import StringIO

import pytest
from django.core.management import call_command

from accord.accounts.models import User
from accord.clients.models import Client
from accord.core.models import Notification
from accord.insights.models import ClientHealth, HealthSnapshot, MessageSentiment, ToneRecord


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("demo", "--yes-create-demo-accounts", stdout=out)
    return out.getvalue()


def test_acme_slides_to_watch_with_its_reasons_and_alice_is_told(demo, client):
    assert "Demo insights created:" in demo
    acme = Client.objects.get(name="Acme Foods")
    now = ClientHealth.objects.get(client=acme)
    assert now.band == "watch"
    assert {"sentiment", "overdue_decisions"} <= {reason["key"] for reason in now.reasons}
    history = list(HealthSnapshot.objects.filter(client=acme).order_by("day"))
    assert len(history) >= 30 and history[0].score > history[-1].score == now.score
    alice = User.objects.get(email="alice@northwind.test")
    assert Notification.objects.filter(user=alice, kind="health.dropped").exists()
    assert MessageSentiment.objects.filter(client=acme, label="negative").exists()
    # Scored as of when each message was written, weeks back, not when the demo ran.
    scored = list(MessageSentiment.objects.select_related("message"))
    assert scored and all(row.sent_at == row.message.created_at for row in scored)
    assert len({row.sent_at.date() for row in scored}) > 3
    client.force_login(alice)
    page = client.get(f"/insights/health/clients/{acme.pk}/").content.decode()
    assert "still waiting" in page and "Client decisions overdue" in page


def test_a_draft_flagged_then_rewritten_and_carol_sees_no_insight(demo, client):
    record = ToneRecord.objects.get()
    assert record.draft_kinds and record.sent_kinds == []
    carol = User.objects.get(email="carol@acme.test")
    client.force_login(carol)
    acme = Client.objects.get(name="Acme Foods")
    html = client.get(acme.get_absolute_url()).content.decode()
    assert "Account health" not in html and "Tone" not in html
    assert client.get(f"/insights/health/clients/{acme.pk}/").status_code == 403
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    assert ToneRecord.objects.count() == 1  # loaded once
