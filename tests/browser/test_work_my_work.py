"""Dan's My work in a real Chromium: he starts and stops a timer on his task, logs time by
hand, and sees the week's total; the page stays accessible."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accord.work.models import Job, Task, TimeEntry
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_dan_times_his_task_logs_time_and_sees_the_week_total(
    page: Page, live_world: World
) -> None:
    w = live_world
    today = timezone.localdate()
    job = Job.objects.create(
        client=w.acme, title="Spring launch", owner=w.alice, due_on=today + timedelta(days=20)
    )
    task = Task.objects.create(
        job=job,
        title="Key visual",
        assignee=w.dan,
        estimate_hours=Decimal("6"),
        due_on=today + timedelta(days=3),
    )
    Task.objects.create(
        job=job, title="Moodboard", assignee=w.dan, due_on=today - timedelta(days=1)
    )

    sign_in(page, "dan@northwind.test")
    page.get_by_role("link", name="My work").first.click()
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    rows = page.locator(".my-tasks tbody tr")
    expect(rows.first).to_contain_text("Moodboard")  # overdue first
    expect(rows.first).to_contain_text("Overdue")
    assert_accessible(page, "My work")

    # He starts a timer on his task, then stops it: the time is booked.
    page.get_by_role("button", name="Start a timer on Key visual").click()
    expect(page.locator("#timer-running")).to_contain_text("Key visual")
    page.get_by_role("button", name="Stop and book the time").click()
    expect(page.locator("#timer-running")).to_have_count(0)
    timed = TimeEntry.objects.get(task=task)
    assert not timed.is_running and timed.hours >= Decimal("0.01")

    # He logs an hour and a half by hand on the same task.
    page.get_by_label("Hours").fill("1.5")
    page.get_by_role("combobox", name="Task").select_option(str(task.pk))
    page.get_by_label("Note").fill("Second round of sketches")
    page.get_by_role("button", name="Log time").click()
    total = Decimal("1.5") + timed.hours
    expect(page.locator("#week-total")).to_have_text(f"{total.normalize():f}")
    expect(page.locator(".week-entries")).to_contain_text("Second round of sketches")
    assert TimeEntry.objects.filter(user=w.dan).count() == 2
    screenshot(page, "my-work")
    assert_accessible(page, "My work with time")
