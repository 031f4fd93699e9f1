"""The demo agency loads completely, twice without duplicates, with an intact event chain."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client
from accord.core.events import verify_chain
from accord.core.models import Event
from accord.intake import access as intake_access
from accord.intake import queries
from accord.intake.models import Attachment, Brief, BriefVersion, Request, SignOff
from accord.intake.services import thumbnails
from accord.work import queries as work
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
    assert {"new", "briefing", "signed_off", "in_work", "delivered", "parked", "declined"} <= set(
        Request.objects.values_list("status", flat=True)
    )
    assert Job.objects.count() == 2
    assert any(r.is_overdue for r in Request.objects.all())
    # Every section of the intake queue has something in it, for Alice or for Max.
    counts = [
        queries.intake_queue(User.objects.get(email=email)).counts
        for email in ("alice@northwind.test", "max@northwind.test")
    ]
    assert all(counts[0][section] or counts[1][section] for section in counts[0]), counts
    assert verify_chain().intact


def test_the_demo_history_is_spread_over_past_working_days(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    events = list(Event.objects.order_by("id").values_list("created_at", flat=True))
    assert events == sorted(events)  # the chain's order is the order things happened
    days = {timezone.localtime(at).date() for at in events}
    assert len(days) >= 15
    assert max(events) - min(events) > timedelta(weeks=8)
    for at in events:
        local = timezone.localtime(at)
        assert local.weekday() < 5 and 8 <= local.hour < 19, local
    # The domain rows tell the same story as the events.
    assert timezone.now() - Request.objects.order_by("created_at")[0].created_at > timedelta(
        weeks=5
    )
    versions = BriefVersion.objects.values_list("created_at", flat=True)
    assert len({at.date() for at in versions}) >= 5
    assert SignOff.objects.filter(signed_at__lt=timezone.now() - timedelta(days=14)).exists()
    assert verify_chain().intact


def test_the_demo_requests_carry_real_files(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    kinds = set(Attachment.objects.values_list("content_type", flat=True))
    assert {"image/png", "image/jpeg", "application/pdf"} <= kinds
    assert set(Attachment.objects.values_list("thumbnail_state", flat=True)) == {"pending"}
    first = Attachment.objects.get(original_name="spring-mood-board.png")
    assert thumbnails.make(first.pk) == "ready"  # the worker makes them from real files


def test_the_demo_creatives_see_the_jobs_they_are_on(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    spring, copy = "Spring plant-based launch", "Single-origin product descriptions"
    for email, titles in [
        ("dan@northwind.test", {spring}),
        ("cora@northwind.test", {spring, copy}),
        ("sam@northwind.test", set()),
    ]:
        person = User.objects.get(email=email)
        assert set(work.visible_to(person).values_list("title", flat=True)) == titles, email
        briefs = set(intake_access.visible_briefs(person).values_list("title", flat=True))
        assert briefs == titles, email
