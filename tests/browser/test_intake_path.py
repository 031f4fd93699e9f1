"""Intake in a real Chromium: Carol's request becomes a signed-off brief and Alice's job.

Each page is checked with axe-core; the guided brief is also checked on a 375 px phone.
"""

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accord.intake import services
from accord.intake.models import Brief, BriefTemplate, Request
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _sign_in_as(page: Page, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email)


def _saved(page: Page) -> None:
    expect(page.locator("#autosave-status")).to_contain_text("Saved", timeout=5_000)


def _wait_for_answer(brief: Brief, key: str, value: str) -> None:
    """The answer reaches the database within a few seconds (it is sent as the page unloads)."""
    deadline = time.monotonic() + 5
    while Brief.objects.get(pk=brief.pk).answers.get(key) != value:
        assert time.monotonic() < deadline, f"{key!r} was never saved"
        time.sleep(0.05)


def test_carol_and_alice_take_a_request_to_a_job(
    page: Page, live_world: World, tmp_path: Path
) -> None:
    services.seed_templates()  # a transactional test starts from an empty database
    attachment = tmp_path / "launch-notes.pdf"
    attachment.write_bytes(PDF)

    # Carol files a request in the portal.
    sign_in(page, "carol@acme.test")
    expect(page.get_by_role("link", name="New request")).to_be_visible()
    page.get_by_role("link", name="New request").click()
    expect(page.get_by_label("What do you need?")).to_be_visible()
    assert_accessible(page, "new request")
    page.get_by_label("Title").fill("Spring launch posts")
    page.get_by_label("What do you need?").fill("Posts for the plant-based launch.")
    page.get_by_label("Attachments").set_input_files(str(attachment))
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spring launch posts")
    expect(page.get_by_role("link", name="launch-notes.pdf")).to_be_visible()
    assert_accessible(page, "request detail (client)")

    # Alice finds it in her queue and starts a brief from it.
    _sign_in_as(page, "alice@northwind.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Intake").click()
    expect(page.get_by_role("main")).to_contain_text("Spring launch posts")
    assert_accessible(page, "intake queue")
    screenshot(page, "intake-queue")
    page.get_by_role("link", name="Spring launch posts").click()
    expect(page.get_by_role("button", name="Start the brief")).to_be_visible()
    assert_accessible(page, "request detail (AM)")
    page.get_by_label("Kind of work").select_option(label="Social campaign (10 working days)")
    page.get_by_role("button", name="Start the brief").click()
    expect(page.get_by_role("group", name=re.compile("Step 1 of"))).to_be_visible()
    brief = Brief.objects.get()
    assert Request.objects.get().status == Request.Status.BRIEFING

    # Carol fills in the guided brief; it saves as she types.
    _sign_in_as(page, "carol@acme.test")
    page.goto(f"/intake/briefs/{brief.pk}/edit/?step=1")
    assert_accessible(page, "guided brief, step 1")
    page.get_by_label(re.compile("What should this work achieve")).fill(
        "2,000 voucher redemptions in April."
    )
    _saved(page)
    page.get_by_text("See an example").first.click()
    page.get_by_label(re.compile("How will we know it worked")).fill("Redemptions at the till.")
    # From the first keystroke until the save carrying it lands, the page says it is saving.
    expect(page.locator("#autosave-status")).to_have_text("Saving…")
    _saved(page)
    # Leaving the page at once, before the autosave's pause is over, loses nothing either:
    # the answers go with the page as it unloads.
    page.get_by_label(re.compile("What's the background")).fill("A new range in 40 stores.")
    page.goto(f"/intake/briefs/{brief.pk}/")
    _wait_for_answer(brief, "background", "A new range in 40 stores.")
    # Every autosave, the one sent on the way out too, says which page and which in turn it is.
    assert re.fullmatch(r"[\w-]{8,32}:\d+", Brief.objects.get(pk=brief.pk).autosave_mark)
    page.goto(f"/intake/briefs/{brief.pk}/edit/?step=1")
    expect(page.get_by_label(re.compile("How will we know it worked"))).to_have_value(
        "Redemptions at the till."
    )
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label(re.compile("Who is it for")).fill(
        "Commuters aged 25-40 in Leeds who buy coffee on the way to work."
    )
    page.get_by_label(re.compile("one thing they should take away")).fill(
        "Tastes as good as the one you love."
    )
    page.get_by_label(re.compile("Which platforms")).fill("Instagram, TikTok")
    page.get_by_label(re.compile("What do you need, and how many")).fill("8 posts, 12 stories")
    page.get_by_role("button", name="Save and continue").click()
    # The submit waits for any autosave still on its way, then moves to the next step.
    expect(page.get_by_text(re.compile("Step 3 of 4"))).to_be_visible()
    assert_accessible(page, "guided brief, practicalities")
    screenshot(page, "guided-brief")
    page.get_by_label(re.compile("What's the budget")).fill("12000")
    deadline = (timezone.localdate() + timedelta(days=60)).isoformat()
    page.get_by_label(re.compile("When must it be live")).fill(deadline)
    page.get_by_label(re.compile("Who signs it off")).select_option(label="Carol Acme")
    _saved(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Review and send")).to_be_visible()
    assert_accessible(page, "review and send")
    page.get_by_role("button", name="Send the brief").click()
    expect(page.get_by_role("main")).to_contain_text("Submitted")

    # Alice asks a question; Carol answers it in place.
    _sign_in_as(page, "alice@northwind.test")
    page.goto(f"/intake/briefs/{brief.pk}/")
    page.get_by_label("Your question").fill("Which stores are in the launch?")
    page.get_by_role("button", name="Ask the client").click()
    expect(page.get_by_role("main")).to_contain_text("Which stores are in the launch?")
    assert_accessible(page, "brief (AM)")
    _sign_in_as(page, "carol@acme.test")
    expect(page.get_by_role("main")).to_contain_text("Your answer is needed")
    page.goto(f"/intake/briefs/{brief.pk}/")
    assert_accessible(page, "brief (client, question open)")
    screenshot(page, "brief-client")
    page.get_by_label("Your answer").fill("Leeds and York.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".thread__answer")).to_contain_text("Leeds and York.")

    # Alice proposes it; Carol signs off version 1; Alice starts the job.
    _sign_in_as(page, "alice@northwind.test")
    page.goto(f"/intake/briefs/{brief.pk}/")
    page.get_by_role("button", name="Propose for sign-off").click()
    expect(page.get_by_role("main")).to_contain_text("Awaiting sign-off")
    _sign_in_as(page, "carol@acme.test")
    page.goto(f"/intake/briefs/{brief.pk}/")
    page.get_by_role("link", name="Read exactly what you sign").click()
    expect(page.get_by_role("heading", level=1, name="Sign off version 1")).to_be_visible()
    assert_accessible(page, "sign-off confirmation")
    screenshot(page, "sign-off")
    page.get_by_role("button", name="Sign off version 1").click()
    expect(page.get_by_role("main")).to_contain_text("You signed off version 1")
    _sign_in_as(page, "alice@northwind.test")
    page.goto("/intake/")
    expect(page.get_by_role("main")).to_contain_text("Spring launch posts")
    page.goto(f"/intake/briefs/{brief.pk}/")
    page.get_by_role("button", name="Start the job").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spring launch posts")
    expect(page.get_by_role("main")).to_contain_text("Deliverables and tasks will appear here")
    assert_accessible(page, "job")
    screenshot(page, "job")


def test_guided_brief_on_a_phone(phone: Page, live_world: World) -> None:
    services.seed_templates()
    brief = services.start_brief(
        by=live_world.alice,
        client=live_world.acme,
        template=BriefTemplate.objects.get(name="Social campaign"),
        title="Phone brief",
    )
    sign_in(phone, "carol@acme.test")
    for path, label in [
        (f"/intake/briefs/{brief.pk}/edit/?step=3", "guided brief on a phone"),
        (f"/intake/briefs/{brief.pk}/", "brief on a phone"),
        ("/intake/requests/new/", "new request on a phone"),
    ]:
        phone.goto(path)
        assert_accessible(phone, label)
        screenshot(phone, label.replace(" ", "-"))
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{label}: the page is {width}px wide on a 375px phone"
