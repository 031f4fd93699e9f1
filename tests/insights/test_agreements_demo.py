"""The demo's record of what was agreed: the story's sign-offs and client approvals, Alice's
kick-off notes confirmed by Carol's reply by email, the workshop notes Ray corrected, the
barbecue notes waiting; Globex's compliance notes confirmed by Gus. It loads once, and the
audit verifies it all."""

from io import StringIO

import pytest
from django.core.management import call_command

from accord.clients.models import Client
from accord.core.events import verify_chain
from accord.insights.models import Agreement, MeetingNote

S = MeetingNote.Status


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("demo", "--yes-create-demo-accounts", stdout=out)
    return out.getvalue()


def test_the_demo_has_a_record_of_what_each_client_agreed(demo):
    assert "Demo record of what was agreed:" in demo
    acme = Client.objects.get(name="Acme Foods")
    record = Agreement.objects.filter(client=acme)
    assert {"sign_off", "meeting_note"} <= set(record.values_list("kind", flat=True))
    # The story's client approvals (Globex's emails, Harbor & Pine's…) are there by themselves.
    assert Agreement.objects.filter(kind="approval").count() >= 2
    kickoff = MeetingNote.objects.get(client=acme, title="Spring launch kick-off")
    assert (kickoff.status, kickoff.answered_by.email) == (S.CONFIRMED, "carol@acme.test")
    entry = record.get(kind="meeting_note")
    assert entry.event.data["via"] == "email" and entry.sha256 == kickoff.sha256
    assert kickoff.recorded_at < kickoff.answered_at <= entry.agreed_at
    statuses = set(MeetingNote.objects.filter(client=acme).values_list("status", flat=True))
    assert statuses == {S.CONFIRMED, S.CORRECTED, S.AWAITING}
    globex = Agreement.objects.get(client__name="Globex Bank", kind="meeting_note")
    assert globex.agreed_by.email == "gus@globex.test"
    counts = (Agreement.objects.count(), MeetingNote.objects.count())
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    assert (Agreement.objects.count(), MeetingNote.objects.count()) == counts
    assert verify_chain().intact
    out = StringIO()
    call_command("audit", "verify", stdout=out, stderr=StringIO())
    assert f"What was agreed: {counts[0]} verified." in out.getvalue()
