"""Jobs in a real Chromium: Alice sets up a job from a template and sees its open deliverables
and tasks in the jobs list; Carol sees the job in her words, with nothing internal."""

import re

import pytest
from playwright.sync_api import Page, expect

from accord.work.services.templates import seed_job_templates
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_alice_sets_up_a_job_from_a_template(page: Page, live_world: World) -> None:
    seed_job_templates()  # a transactional test starts from an empty database
    sign_in(page, "alice@northwind.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobs")
    assert_accessible(page, "jobs list, empty")

    page.get_by_role("link", name="Set up a job").first.click()
    page.get_by_label("Client").select_option(label="Acme Foods")
    page.get_by_label("Title").fill("Spring posts")
    page.get_by_label("Deadline").fill("2027-03-31")
    page.get_by_label("Plan from a template").select_option(label="Social campaign — 6 posts")
    page.get_by_label("Internal notes").fill("Carol prefers calls to email.")
    assert_accessible(page, "new job form")
    page.get_by_role("button", name="Set up the job").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Spring posts")
    team = page.get_by_role("region", name="Team")
    expect(team).to_contain_text("Dan Northwind")
    expect(page.get_by_role("region", name="Internal notes")).to_contain_text("prefers calls")
    assert_accessible(page, "job page")
    screenshot(page, "job-planned")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    row = page.get_by_role("row", name=re.compile("Spring posts"))
    expect(row.locator('[data-label="Open deliverables"]')).to_have_text("6")
    expect(row.locator('[data-label="Open tasks"]')).to_have_text("12")
    assert_accessible(page, "jobs list")
    screenshot(page, "jobs-list")

    page.get_by_role("link", name="Job templates").click()
    page.get_by_role("link", name="Print ad campaign").click()
    expect(page.get_by_role("main")).to_contain_text("Press-ready files and preflight")
    assert_accessible(page, "job template")

    page.context.clear_cookies()
    sign_in(page, "carol@acme.test")
    page.goto("/jobs/")
    row = page.get_by_role("row", name=re.compile("Spring posts"))
    expect(row).to_contain_text("In progress")
    expect(page.get_by_role("main")).not_to_contain_text("Open tasks")
    row.get_by_role("link", name="Spring posts").click()
    expect(page.get_by_role("main")).not_to_contain_text("prefers calls")
    expect(page.get_by_role("main")).not_to_contain_text("Dan Northwind")


def test_erin_writes_a_job_template(page: Page, live_world: World) -> None:
    sign_in(page, "erin@northwind.test")
    page.goto("/jobs/templates/new/")
    page.get_by_label("Name").fill("Podcast episode")
    page.get_by_label("Deliverable", exact=True).fill("Episode")
    page.get_by_role("group", name="Task 1").get_by_label("Task", exact=True).fill("Script")
    page.get_by_role("group", name="Task 1").get_by_label("Estimate (hours)").fill("4")
    page.get_by_role("button", name="Add a task").click()
    task_two = page.get_by_role("group", name="Task 2")
    task_two.get_by_label("Task", exact=True).fill("Edit")
    task_two.get_by_label("Estimate (hours)").fill("6")
    task_two.get_by_label("For deliverable no.").fill("1")
    task_two.get_by_label("After task no.").fill("1")
    assert_accessible(page, "job template editor")
    page.get_by_role("button", name="Save the template").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Podcast episode")
    tasks = page.get_by_role("region", name="Tasks")
    expect(tasks.get_by_role("row", name=re.compile("Edit"))).to_contain_text("Script")
