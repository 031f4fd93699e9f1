"""The workload page in a real Chromium: Alice sees Dan over-booked in a week."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accord.work import rules
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World
from tests.work.capacity_data import away, job_for, task

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_alice_sees_dan_overbooked_and_the_tasks_behind_it(page: Page, live_world: World) -> None:
    w = live_world
    monday = rules.week_of(timezone.localdate()) + timedelta(weeks=1)
    job = job_for(w.acme, w.alice)
    task(job, w.dan, 30, monday + timedelta(days=1), title="Key visual")
    task(job, w.dan, "11.5", monday + timedelta(days=3), title="Shelf wobbler")
    away(w.cora, monday, monday + timedelta(days=4))

    sign_in(page, "alice@northwind.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workload")
    over = page.get_by_role("link", name="Dan Northwind, Over-booked: 41.5 h booked of 37.5 h")
    expect(over).to_be_visible()
    expect(
        page.get_by_role(
            "link", name="Cora Northwind, Away all week: 0 h booked of 0 h, away 5 days"
        )
    ).to_be_visible()
    assert_accessible(page, "workload")
    screenshot(page, "workload")

    over.click()  # htmx: the week's tasks appear below the grid
    week = page.locator("#workload-week")
    expect(week).to_contain_text("Key visual")
    expect(week).to_contain_text("Shelf wobbler")
    expect(week).to_contain_text("41.5 h")
    assert_accessible(page, "workload with a week's tasks")
