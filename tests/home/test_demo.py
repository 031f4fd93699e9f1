"""The demo agency loads completely, twice without duplicates, with an intact event chain."""

from io import StringIO

from django.core.management import call_command

from accord.accounts.models import User
from accord.clients.models import Client
from accord.core.events import verify_chain
from accord.intake import queries
from accord.intake.models import Brief, Request
from accord.work.models import Job


def test_demo_loads_every_stage_and_is_idempotent(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    counts = (Client.objects.count(), Request.objects.count(), Brief.objects.count())
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    assert (Client.objects.count(), Request.objects.count(), Brief.objects.count()) == counts
    assert counts[0] >= 5
    statuses = set(Brief.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "proposed", "signed_off", "converted"} <= statuses
    assert {"new", "briefing", "parked", "declined"} <= set(
        Request.objects.values_list("status", flat=True)
    )
    assert Job.objects.count() == 1
    # Every section of the intake queue has something in it, for Alice or for Max.
    counts = [
        queries.intake_queue(User.objects.get(email=email)).counts
        for email in ("alice@northwind.test", "max@northwind.test")
    ]
    assert all(counts[0][section] or counts[1][section] for section in counts[0]), counts
    assert verify_chain().intact
