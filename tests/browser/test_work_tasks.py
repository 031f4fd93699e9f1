"""Deliverables and tasks in a real Chromium: Alice plans, Dan works from his task with the
brief and Carol's files at hand, Carol sees where the work stands in her words only."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from accord.intake import services as intake_services
from accord.intake.models import Brief
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World
from tests.intake.view_helpers import job_of, new_request

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_alice_plans_dan_works_carol_follows(
    page: Page, live_world: World, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = live_world
    intake_services.seed_templates()  # a transactional test starts from an empty database
    job = job_of(world)
    Brief.objects.filter(pk=job.brief_id).update(request=new_request(world))
    job_url = f"/jobs/{job.pk}/"

    # Alice adds a deliverable (due after the deadline: she is asked, and saves anyway)...
    sign_in(page, "alice@northwind.test")
    page.goto(job_url)
    add = page.get_by_role("form", name="Add a deliverable")
    add.get_by_label("Title").fill("Launch post")
    add.get_by_label("Kind").select_option(label="Social post")
    add.get_by_label("Channel").fill("Instagram")
    add.get_by_label("Due").fill((job.due_on + timedelta(days=3)).isoformat())
    add.get_by_role("button", name="Add the deliverable").click()
    expect(page.get_by_text(re.compile("after the job's deadline"))).to_be_visible()
    expect(page.get_by_role("form", name="Add a deliverable").get_by_label("Title")).to_have_value(
        "Launch post"
    )
    page.get_by_role("button", name="Save anyway").click()
    expect(page.get_by_role("heading", name="Launch post")).to_be_visible()

    # ...and a task for Dan on it.
    task = page.get_by_role("form", name="Add a task")
    task.get_by_label("Title").fill("Design the key visual")
    task.get_by_label("Deliverable").select_option(label="Launch post")
    task.get_by_label("Discipline").select_option(label="Design")
    task.get_by_label("Assignee").select_option(label="Dan Northwind")
    task.get_by_label("Estimate (hours)").fill("6")
    task.get_by_role("button", name="Add the task").click()
    row = page.locator("#job-work tr", has_text="Design the key visual")
    expect(row).to_contain_text("Dan Northwind")
    expect(row).to_contain_text("To do")
    assert_accessible(page, "job page, planned")
    screenshot(page, "job-work")
    page.get_by_role("link", name="Design the key visual").click()
    expect(page.get_by_role("heading", name="Assignment")).to_be_visible()
    assert_accessible(page, "task page, account manager")
    _sign_out(page)

    # Dan opens his task: the brief is one click away, Carol's files are listed; he starts it.
    sign_in(page, "dan@northwind.test")
    page.goto(job_url)
    page.get_by_role("link", name="Design the key visual").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Design the key visual")
    brief_link = page.get_by_role("link", name="Open the brief")
    expect(brief_link).to_have_attribute("href", f"/intake/briefs/{job.brief_id}/")
    expect(page.get_by_role("link", name=re.compile("brief-notes.pdf"))).to_be_visible()
    assert_accessible(page, "task page")
    page.get_by_role("button", name="Doing").click()
    expect(page.locator("h1 + .badge")).to_have_text("Doing")
    screenshot(page, "task-detail")

    # On the job's page he takes the deliverable into production.
    page.goto(job_url)
    deliverable = page.locator("article", has=page.get_by_role("heading", name="Launch post"))
    deliverable.get_by_role("button", name="In production").click()
    expect(deliverable.locator(".work__head .badge")).to_have_text("In production")
    _sign_out(page)

    # Carol sees the deliverable in her words, and no task.
    sign_in(page, "carol@acme.test")
    page.goto(job_url)
    section = page.locator("#job-work")
    expect(section).to_contain_text("Launch post")
    expect(section).to_contain_text("In production")
    expect(section).not_to_contain_text("Design the key visual")
    expect(section).not_to_contain_text("Dan Northwind")
    assert_accessible(page, "job page, client")
