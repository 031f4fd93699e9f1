"""Erasing a creative: their notes, calendar addresses and notifications go; the hours stay."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accord.accounts import erasure
from accord.core.models import Notification
from accord.work.models import CalendarFeed, Job, TimeEntry, TimeOff
from accord.work.services import tasks


def test_erasing_dan_removes_his_free_text_and_feeds_but_keeps_his_hours(world):
    job = Job.objects.create(client=world.acme, title="Menu", owner=world.alice)
    task = tasks.add_task(by=world.alice, job=job, title="Layout", assignee=world.dan)
    tasks.add_task(by=world.dan, job=job, title="Copy", assignee=world.cora)  # names Dan
    today = timezone.localdate()
    TimeOff.objects.create(
        user=world.dan, starts_on=today, ends_on=today, note="Dan's wedding in Kraków"
    )
    TimeEntry.objects.create(
        user=world.dan,
        job=job,
        task=task,
        on=today - timedelta(days=1),
        hours=Decimal("3"),
        note="Dan redid the crops",
    )
    CalendarFeed.objects.create(user=world.dan, prefix="abc", token_hash="0" * 64)
    assert Notification.objects.filter(actor=world.dan).exists()

    erasure.erase_person(person=world.dan, by=world.erin)

    assert list(TimeOff.objects.values_list("note", flat=True)) == [""]
    entry = TimeEntry.objects.get()
    assert (entry.note, entry.hours) == ("", Decimal("3.00"))
    assert not CalendarFeed.objects.exists()
    assert not Notification.objects.filter(actor=world.dan).exists()
    assert not Notification.objects.filter(user=world.dan).exists()
