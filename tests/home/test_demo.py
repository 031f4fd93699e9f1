"""The demo agency loads completely, twice without duplicates, with an intact event chain."""

import calendar
from collections import Counter
from datetime import datetime, time, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q, Sum
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client
from accord.core.events import verify_chain
from accord.core.models import Event, Notification
from accord.intake import access as intake_access
from accord.intake import queries
from accord.intake.models import Attachment, Brief, BriefVersion, Request, SignOff
from accord.intake.services import thumbnails
from accord.work import capacity
from accord.work import queries as work
from accord.work.models import (
    Deliverable,
    Job,
    PublicHoliday,
    Task,
    TimeEntry,
    TimeOff,
)
from accord.work.rules import week_of, weeks_from


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
    assert Job.objects.exclude(brief=None).count() == 2
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


@pytest.mark.parametrize("weekday", range(7), ids=calendar.day_abbr)
def test_the_demo_builds_on_every_day_of_the_week(db, settings, tmp_path, monkeypatch, weekday):
    """Its story lands on working days counted back from today, so a weekend folds onto the
    Friday before: the steps still happen in the story's order whatever today is."""
    settings.MEDIA_ROOT = tmp_path
    real = timezone.localdate()
    today = real - timedelta(days=(real.weekday() - weekday) % 7)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    assert Job.objects.filter(title="Spring plant-based launch").exclude(brief=None).exists()
    assert Task.objects.count() > 40
    events = list(Event.objects.order_by("id").values_list("created_at", flat=True))
    assert events == sorted(events)
    for at in events:
        local = timezone.localtime(at)
        assert local.date() > today or (local.weekday() < 5 and 8 <= local.hour < 19), local
    assert verify_chain().intact


@pytest.mark.parametrize(
    "clock",
    [(2, 20, 30), (0, 7, 0), (6, 12, 0), (3, 11, 15)],
    ids=["Wed evening", "Mon early", "Sun noon", "Thu morning"],
)
def test_the_demo_keeps_office_hours_whenever_it_is_loaded(
    db, settings, tmp_path, monkeypatch, clock
):
    """What the story tells as happening today (health, Carol's message, the conflict) lands in
    office hours: now during them, else the last working evening, after the story before it."""
    settings.MEDIA_ROOT = tmp_path
    weekday, hour, minute = clock
    real = timezone.localtime()
    day = real.date() - timedelta(days=(real.weekday() - weekday) % 7)
    moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    events = list(Event.objects.order_by("id").values_list("created_at", flat=True))
    assert events == sorted(events)
    for at in events:
        local = timezone.localtime(at)
        assert at <= moment and local.weekday() < 5 and 8 <= local.hour < 19, local
    latest = timezone.localtime(max(events))
    if weekday < 5 and 8 <= hour < 19:
        assert latest == moment
    else:
        assert (latest.hour, latest.minute) == (18, 45)
        evening = day if weekday < 5 and hour >= 19 else day - timedelta(days=1)
        while evening.weekday() >= 5:
            evening -= timedelta(days=1)
        assert latest.date() == evening
    assert Event.objects.filter(verb="conflict.detected").exists()
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
        ("sam@northwind.test", {spring}),
    ]:
        person = User.objects.get(email=email)
        on = set(
            Job.objects.filter(Q(members__user=person) | Q(tasks__assignee=person)).values_list(
                "title", flat=True
            )
        )
        assert set(work.visible_to(person).values_list("title", flat=True)) == on, email
        briefs = set(intake_access.visible_briefs(person).values_list("title", flat=True))
        assert briefs == titles, email


def test_the_demo_work_is_lived_in(db, settings, tmp_path):
    """Jobs in every state for the clients, Dan over-booked next week, a blocked task with
    its reason, Cora away, and a month of time logged by every creative, none of it ahead."""
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    jobs = Counter(Job.objects.values_list("client__name", flat=True))
    assert len(jobs) == Client.objects.count() and min(jobs.values()) >= 2, jobs
    assert set(Job.objects.values_list("status", flat=True)) == {
        "open",
        "on_hold",
        "done",
        "cancelled",
    }
    assert Job.objects.exclude(template=None).count() >= 4
    assert {
        "not_started",
        "in_production",
        "internal_review",
        "client_review",
        "changes_requested",
        "approved",
        "delivered",
    } <= set(Deliverable.objects.values_list("status", flat=True))
    blocked = Task.objects.get(status="blocked")
    assert "pack shots" in blocked.blocked_reason
    dan, cora = (User.objects.get(email=f"{n}@northwind.test") for n in ("dan", "cora"))
    weeks = weeks_from(week_of(timezone.localdate()), 3)
    cells = capacity.grid([dan], weeks).row(dan.pk)
    assert cells[1].state == "over", cells
    assert TimeOff.objects.filter(user=cora, starts_on__gt=timezone.localdate()).exists()
    assert PublicHoliday.objects.count() >= 8
    today = timezone.localdate()
    for email in ("dan@northwind.test", "cora@northwind.test", "sam@northwind.test"):
        entries = TimeEntry.objects.filter(user__email=email)
        days = set(entries.values_list("on", flat=True))
        assert len(days) >= 10, email
        assert max(days) < today and min(days) > today - timedelta(days=45)
        assert entries.filter(billable=False).exists() and entries.filter(billable=True).exists()
        for day, total in entries.values_list("on").annotate(total=Sum("hours")):
            assert Decimal(0) < total <= Decimal("7.5"), (email, day, total)
    # Time follows the estimates: one task ran over (its job's overview flags it), no other.
    over = [
        t.title
        for t in Task.objects.annotate(logged=Sum("time_entries__hours"))
        if t.logged and t.logged > (t.estimate_hours or Decimal(4))
    ]
    assert over == ["Recipe card copy: three recipes"], over
    assert Notification.objects.filter(user=dan).exists()
    # Older news was read; the last days' is still waiting, as on any Monday morning.
    assert Notification.objects.exclude(read_at=None).exists()
    assert Notification.objects.filter(read_at=None).exists()
    assert verify_chain().intact
