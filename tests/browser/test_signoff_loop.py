"""The sign-off loop in a real Chromium: a request for changes, a second proposal, the sign-off,
the job, then a change of plan that flags the job; and the coach on a phone-sized editor."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from accord.intake import services
from accord.intake.models import Brief
from accord.work.models import Job
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World
from tests.intake.view_helpers import draft_brief, submitted_brief

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NOTE = "Please make it feel warmer: less corporate, more neighbourly."
REASON = "Manchester drops out; the launch is Leeds only."


def _as(page: Page, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email)


def _propose(page: Page, brief: Brief) -> None:
    page.goto(brief.get_absolute_url())
    page.get_by_role("button", name="Propose for sign-off").click()
    expect(page.locator(".messages")).to_contain_text("sent for sign-off")


def test_changes_requested_then_signed_off_then_a_change_of_plan(
    page: Page, live_world: World
) -> None:
    services.seed_templates()
    brief = submitted_brief(live_world)

    # Alice proposes version 1.
    _as(page, "alice@northwind.test")
    _propose(page, brief)

    # Carol asks for changes instead of signing; an empty note is refused, with a message.
    _as(page, "carol@acme.test")
    page.goto(brief.get_absolute_url())
    page.get_by_role("link", name="Request changes").click()
    expect(page).to_have_url(re.compile(r"/sign-off/"))
    expect(page.get_by_text("Fingerprint", exact=False).first).to_be_visible()
    assert_accessible(page, "sign-off page")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_text("Say what should change")).to_be_visible()
    page.get_by_label("What should change?").fill(NOTE)
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator("body")).to_contain_text("Your note is sent")

    # Alice reads the note, edits the brief and proposes version 2.
    _as(page, "alice@northwind.test")
    page.goto(brief.get_absolute_url())
    expect(page.locator("#changes-requested")).to_contain_text(NOTE)
    page.get_by_role("link", name="Edit", exact=True).first.click()
    page.get_by_label("How should it feel?").fill("Warm and neighbourly, never corporate")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("body")).to_contain_text("Saved as version 2")
    _propose(page, brief)

    # Carol signs off version 2.
    _as(page, "carol@acme.test")
    page.goto(brief.get_absolute_url())
    page.get_by_role("button", name="Sign off version 2").click()
    expect(page.locator("body")).to_contain_text("You signed off version 2")

    # Alice starts the job.
    _as(page, "alice@northwind.test")
    page.goto(brief.get_absolute_url())
    page.get_by_role("button", name="Start the job").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    job = Job.objects.get(brief=brief)

    # Carol changes the plan: warned first, and a reason is needed.
    _as(page, "carol@acme.test")
    page.goto(brief.get_absolute_url())
    page.get_by_role("link", name="Change the plan").first.click()
    expect(page.locator("#change-of-plan")).to_contain_text("change of plan")
    page.get_by_label("Which platforms?").fill("Instagram only")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Say in one line why the plan changes")).to_be_visible()
    page.get_by_label("Why does the plan change?").fill(REASON)
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("body")).to_contain_text("Changed since sign-off (v2 → v3)")

    # The job shows the flag; Alice opens the changes.
    _as(page, "alice@northwind.test")
    page.goto(f"/jobs/{job.pk}/")
    expect(page.locator("#brief-changed-heading")).to_have_text(
        "Brief changed since the work started"
    )
    assert_accessible(page, "job with a changed brief")
    page.get_by_role("link", name="See the changes").click()
    expect(page.locator("body")).to_contain_text("Instagram only")
    screenshot(page, "signoff-loop-changes")
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.CONVERTED


def test_the_coach_stays_in_view_while_typing_on_a_phone(
    browser: Browser, live_server: Any, live_world: World
) -> None:
    services.seed_templates()
    brief = draft_brief(live_world)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    try:
        sign_in(page, "alice@northwind.test")
        page.goto(f"/intake/briefs/{brief.pk}/edit/?step=2")
        last = page.locator("textarea, input[type=text]").last
        last.scroll_into_view_if_needed()
        last.click()
        last.type("Commuters in Leeds")
        coach = page.locator("#completeness")
        box = coach.bounding_box()
        assert box is not None
        assert 0 <= box["y"] < 844 and box["y"] + min(box["height"], 80) <= 844
        screenshot(page, "brief-editor-phone-coach")
        # The typing autosaves: let that request finish before the database is emptied (on
        # PostgreSQL the flush deadlocked with it).
        expect(page.locator("#autosave-status")).to_contain_text("Saved", timeout=10_000)
    finally:
        context.close()
