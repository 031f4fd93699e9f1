"""Issue 9's "Done when", in a real Chromium: Alice plans Carol's signed-off brief as a job from
a template and assigns Dan and Cora with the capacity view (Dan is over-booked one week and she
sees it); Dan is notified, opens Carol's file from his task, logs time and drags his task across
the board; Sam, not on the job, sees nothing of it; Carol sees only client-level status."""

import re

import pytest
from playwright.sync_api import Page, expect

from accord.work.models import Job, Task, TimeEntry
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.browser.test_work_board import _card, _column, _drag
from tests.conftest import World
from tests.intake.view_helpers import PDF
from tests.work.jobs_story_data import CORA_TASK, DAN_TASK, FILE, TEMPLATE, before_the_story

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NOTE = "Carol prefers calls to email."


def _as(page: Page, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email)


def _open_task(page: Page, job: Job, title: str) -> None:
    page.goto(f"/jobs/{job.pk}/")
    page.get_by_role("link", name=title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def _assign(page: Page, name: str) -> None:
    card = page.get_by_role("region", name="Assignment")
    card.get_by_label("Assignee").select_option(label=name)
    card.get_by_role("button", name="Assign").click()
    expect(page.locator("p.lede")).to_contain_text(name)


def test_a_job_planned_assigned_worked_on_and_seen_only_by_whom_it_concerns(
    page: Page, live_world: World
) -> None:
    w = live_world
    story = before_the_story(w)

    # Alice starts the job from Carol's signed-off brief, plans it from a template and notes
    # something for the team.
    sign_in(page, "alice@northwind.test")
    page.goto(f"/intake/briefs/{story.brief.pk}/")
    page.get_by_role("button", name="Start the job").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring launch posts")
    job = Job.objects.get(brief=story.brief)
    plan = page.get_by_role("region", name="Plan from a template")
    plan.get_by_label("Template").select_option(label=TEMPLATE)
    plan.get_by_role("button", name="Plan the job").click()
    expect(page.get_by_role("main")).to_contain_text("6 deliverables · 12 tasks")
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Internal notes").fill(NOTE)
    page.get_by_role("button", name="Save the job").click()
    expect(page.get_by_role("region", name="Internal notes")).to_contain_text(NOTE)

    # She opens the art direction: the candidates show Dan over-booked in its week.
    _open_task(page, job, DAN_TASK)
    candidates = page.get_by_role("region", name="Candidates")
    dan_row = candidates.locator(f'tr[data-person="{w.dan.pk}"]')
    expect(dan_row).to_contain_text(re.compile(r"Over-booked in the week of", re.I))
    expect(dan_row.locator(".workload__cell--over")).to_have_count(1)
    assert_accessible(page, "task with candidates")
    screenshot(page, "done-when-candidates")
    # She gives it to Dan all the same; he can start from Carol's notes, so it need not
    # wait for the content plan.
    _assign(page, "Dan Northwind")
    waits = page.get_by_role("region", name="Waits for")
    waits.get_by_label("Waits for").select_option(label="Nothing")
    waits.get_by_role("button", name="Save").click()
    facts = page.get_by_role("region", name="The task", exact=True).locator("dl.facts dd")
    expect(facts.last).to_have_text("Nothing")
    # And the captions to Cora.
    _open_task(page, job, CORA_TASK)
    _assign(page, "Cora Northwind")

    # Dan is notified; the notification takes him to his task.
    _as(page, "dan@northwind.test")
    page.get_by_role("link", name=re.compile(r"Notifications: 1 unread")).click()
    page.get_by_role("link", name=re.compile(re.escape(DAN_TASK))).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DAN_TASK)
    # From the task he opens Carol's file and the brief.
    file_link = page.get_by_role("region", name="The client's files").get_by_role(
        "link", name=re.compile(re.escape(FILE))
    )
    href = file_link.get_attribute("href")
    assert href
    got = page.request.get(href)
    assert (got.status, got.body()) == (200, PDF)
    task_url = page.url
    page.get_by_role("link", name="Open the brief").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spring launch posts")
    page.goto(task_url)

    # He logs an hour and a half on it in My work.
    page.get_by_role("link", name="My work").first.click()
    expect(page.locator(".my-tasks")).to_contain_text(DAN_TASK)
    dan_task = Task.objects.get(job=job, title=DAN_TASK)
    page.get_by_label("Hours").fill("1.5")
    page.get_by_role("combobox", name="Task").select_option(str(dan_task.pk))
    page.get_by_role("button", name="Log time").click()
    expect(page.locator("#week-total")).to_have_text("1.5")
    assert TimeEntry.objects.get(user=w.dan, task=dan_task).hours == 1.5

    # He drags his task from To do to Doing on the job's board; it stays there.
    page.goto(f"/jobs/{job.pk}/board/")
    _drag(page, _card(page, DAN_TASK), _column(page, "doing"))
    expect(page.locator("#board-status")).to_contain_text(f"“{DAN_TASK}” is now “Doing”")
    page.reload()
    expect(_column(page, "doing")).to_contain_text(DAN_TASK)
    dan_task.refresh_from_db()
    assert dan_task.status == "doing"
    screenshot(page, "done-when-board")

    # Sam, not on the job, sees nothing of it.
    _as(page, "sam@northwind.test")
    for url in (f"/jobs/{job.pk}/", f"/jobs/tasks/{dan_task.pk}/", f"/jobs/{job.pk}/board/"):
        response = page.goto(url)
        assert response is not None and response.status == 404, url
    for url in ("/jobs/my-work/", "/jobs/", "/notifications/"):
        page.goto(url)
        expect(page.get_by_role("main")).not_to_contain_text("Spring launch posts")
    assert page.request.get(href).status == 404

    # Carol sees the job and its deliverables in her words, and nothing internal.
    _as(page, "carol@acme.test")
    page.goto(f"/jobs/{job.pk}/")
    main = page.get_by_role("main")
    work = page.get_by_role("region", name="Deliverables")
    expect(work.get_by_role("row")).to_have_count(7)  # the header and six posts
    expect(work).to_contain_text(re.compile("Planned|In production"))
    for hidden in (DAN_TASK, CORA_TASK, "Dan Northwind", "Cora Northwind", NOTE, "Estimate"):
        expect(main).not_to_contain_text(hidden)
    expect(page.get_by_role("region", name="Team")).to_have_count(0)
    assert_accessible(page, "the job as Carol sees it")
    screenshot(page, "done-when-carol")
    assert page.goto(f"/jobs/tasks/{dan_task.pk}/").status == 404  # type: ignore[union-attr]
    assert page.goto(f"/jobs/{job.pk}/board/").status == 404  # type: ignore[union-attr]
