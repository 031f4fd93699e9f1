"""The job board in a real Chromium: a card dragged with the mouse stays where it was dropped,
the keyboard's "Move" form moves another, blocking asks why, and a stale drop is refused."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from accord.work.models import Task
from accord.work.services import tasks as task_services
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World
from tests.work.board_data import board_job, deliverable, task, today

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _column(page: Page, status: str) -> Locator:
    return page.locator(f'ul.board__cards[data-kind="task"][data-status="{status}"]')


def _card(page: Page, title: str) -> Locator:
    return page.locator("li[data-card]", has=page.get_by_text(title, exact=True))


def _drag(page: Page, card: Locator, target: Locator) -> None:
    """Press on the card's title, move in steps onto the column, release: a person's drag."""
    card.scroll_into_view_if_needed()
    source = card.locator(".board-card__title").bounding_box()
    goal = target.bounding_box()
    assert source and goal
    page.mouse.move(source["x"] + 10, source["y"] + source["height"] / 2)
    page.mouse.down()
    page.mouse.move(source["x"] + 30, source["y"] + 20, steps=5)
    page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + 20, steps=15)
    # The columns passed over on the way may have grown: aim at where the target is now.
    goal = target.bounding_box()
    assert goal
    page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + goal["height"] / 2, steps=10)
    page.mouse.move(goal["x"] + goal["width"] / 2 + 5, goal["y"] + goal["height"] / 2, steps=5)
    page.mouse.up()


def test_cards_move_by_drag_and_drop_and_by_keyboard(page: Page, live_world: World) -> None:
    w = live_world
    job = board_job(w)
    shoot = task(job, "Shoot the dishes", assignee=w.dan)
    captions = task(job, "Write the captions", assignee=w.cora)
    edit = task(job, "Edit the photos", assignee=w.dan)
    blurb = task(job, "Write the blurb", assignee=w.cora)
    deliverable(job, "Launch post", owner=w.cora)
    deliverable(job, "Menu leaflet", status="in_production", due_on=today() + timedelta(days=9))
    task(job, "Brief the printer", assignee=w.dan, due_on=today() - timedelta(days=1))

    sign_in(page, "alice@northwind.test")
    page.goto(f"/jobs/{job.pk}/board/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Board")
    assert_accessible(page, "job board")

    # Drag "Shoot the dishes" from To do to Doing with the mouse; it stays there after reload.
    _drag(page, _card(page, "Shoot the dishes"), _column(page, "doing"))
    expect(page.locator("#board-status")).to_contain_text("“Shoot the dishes” is now “Doing”")
    page.reload()
    expect(_column(page, "doing")).to_contain_text("Shoot the dishes")
    expect(_column(page, "todo")).not_to_contain_text("Shoot the dishes")
    shoot.refresh_from_db()
    assert shoot.status == "doing"

    # The keyboard alternative: choose where the card goes and press its Move button.
    page.get_by_label("Move “Write the captions” to").select_option(label="Done")
    page.get_by_label("Move “Write the captions” to").focus()
    page.keyboard.press("Tab")  # past the reason, asked only when blocking
    expect(page.locator(f"#reason-{captions.pk}")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Move “Write the captions”")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("main")).to_contain_text("“Write the captions” is now “Done”")
    expect(_column(page, "done")).to_contain_text("Write the captions")
    captions.refresh_from_db()
    assert captions.status == "done"

    # Blocking asks for the reason in a small dialog.
    _drag(page, _card(page, "Write the blurb"), _column(page, "blocked"))
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Reason").fill("Waiting for the client's menu")
    dialog.get_by_role("button", name="Mark blocked").click()
    expect(page.locator("#board-status")).to_contain_text("is now “Blocked”")
    expect(_column(page, "blocked")).to_contain_text("Blocked: Waiting for the client's menu")
    blurb.refresh_from_db()
    assert (blurb.status, blurb.blocked_reason) == ("blocked", "Waiting for the client's menu")
    screenshot(page, "job-board")

    # Someone else moves "Edit the photos" meanwhile: the stale drop is refused, the card
    # goes back, and the board says why.
    task_services.move_task(
        by=w.dan, task=Task.objects.get(pk=edit.pk), to="doing", base_status="todo"
    )
    _drag(page, _card(page, "Edit the photos"), _column(page, "done"))
    expect(page.locator("#board-status")).to_contain_text(
        re.compile("Not moved: “Edit the photos” was moved to “Doing” meanwhile")
    )
    expect(_column(page, "todo")).to_contain_text("Edit the photos")
    expect(_column(page, "done")).not_to_contain_text("Edit the photos")
    edit.refresh_from_db()
    assert edit.status == "doing"

    page.goto(f"/jobs/{job.pk}/timeline/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    assert_accessible(page, "timeline")
    screenshot(page, "job-timeline")
    page.goto(f"/jobs/{job.pk}/overview/")
    expect(page.get_by_role("main")).to_contain_text("Waiting for the client's menu")
    assert_accessible(page, "job overview")
    page.goto("/jobs/overview/")
    assert_accessible(page, "overview of my jobs")
    screenshot(page, "jobs-overview")
