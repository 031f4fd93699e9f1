"""Intake as agencies use it, in a real Chromium: Carol's request with an image becomes a brief
she first sends back with a request for changes, then signs off; the job starts, and then the
plan changes. Dan, the designer, opens her image from the job; the PDF keeps the budget in
pounds."""

import io
import re
import time
from datetime import timedelta
from pathlib import Path

import pypdfium2
import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from accord.intake import services
from accord.intake.models import Attachment, Brief
from accord.work.models import Job
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World
from tests.work.helpers import put_on_job

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BUDGET = "£8,000–10,000"
NOTE = "Could the key message name the new range? Shoppers won't know it yet."
REASON = "Legal wants the launch on Instagram only; TikTok waits for the summer."


def _as(page: Page, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email)


def _saved(page: Page) -> None:
    expect(page.locator("#autosave-status")).to_contain_text("Saved", timeout=5_000)


def _mood_board(path: Path) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (122, 158, 126)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def _pdf_text(page: Page, url: str) -> str:
    """The text of the brief's PDF, once the worker has made it."""
    deadline = time.monotonic() + 20
    while True:
        response = page.request.get(url)
        if response.headers.get("content-type") == "application/pdf":
            document = pypdfium2.PdfDocument(response.body())
            return " ".join(p.get_textpage().get_text_range() for p in document)
        assert time.monotonic() < deadline, f"no PDF yet: {response.status}"
        time.sleep(0.3)


def test_a_request_with_an_image_goes_through_changes_sign_off_and_a_change_of_plan(
    page: Page, live_world: World, tmp_path: Path
) -> None:
    services.seed_templates()
    image = tmp_path / "mood-board.png"
    sent = _mood_board(image)

    # Carol asks for spring posts and sends her mood board with the request.
    sign_in(page, "carol@acme.test")
    page.get_by_role("link", name="New request").click()
    # A title over the limit is counted, not cut: the counter says so as she types.
    page.get_by_label("Title").fill("x" * 170)
    expect(page.locator(".counter")).to_have_text("170 / 160 — too long")
    page.get_by_label("Title").fill("Spring launch posts")
    expect(page.locator(".counter")).to_have_text("19 / 160")
    page.get_by_label("What do you need?").fill("Posts for the plant-based launch in April.")
    page.get_by_label("Attachments").set_input_files(str(image))
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("link", name=re.compile("mood-board.png"))).to_be_visible()

    # Alice starts a brief from it; Carol fills it in, budget in pounds.
    _as(page, "alice@northwind.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Intake").click()
    page.get_by_role("link", name="Spring launch posts").click()
    page.get_by_label("Kind of work").select_option(label="Social campaign (10 working days)")
    page.get_by_role("button", name="Start the brief").click()
    brief = Brief.objects.get()

    _as(page, "carol@acme.test")
    page.goto(f"/intake/briefs/{brief.pk}/edit/?step=1")
    page.get_by_label(re.compile("What should this work achieve")).fill(
        "2,000 voucher redemptions in April."
    )
    page.get_by_label(re.compile("How will we know it worked")).fill("Redemptions at the till.")
    _saved(page)
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
    expect(page.get_by_text(re.compile("Step 3 of 4"))).to_be_visible()
    page.get_by_label(re.compile("What's the budget")).fill(BUDGET)
    deadline = (timezone.localdate() + timedelta(days=60)).isoformat()
    page.get_by_label(re.compile("When must it be live")).fill(deadline)
    page.get_by_label(re.compile("Who signs it off")).select_option(label="Carol Acme")
    _saved(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Send the brief").click()
    expect(page.get_by_role("main")).to_contain_text("Submitted")

    # Alice sees the client's file on the brief and proposes it for sign-off.
    _as(page, "alice@northwind.test")
    page.goto(brief.get_absolute_url())
    expect(page.locator("#files")).to_contain_text("mood-board.png")
    expect(page.get_by_role("main")).to_contain_text(BUDGET)
    page.get_by_role("button", name="Propose for sign-off").click()
    expect(page.get_by_role("main")).to_contain_text("Awaiting sign-off")

    # Carol asks for changes instead of signing: a note is needed.
    _as(page, "carol@acme.test")
    page.goto(brief.get_absolute_url())
    page.get_by_role("link", name="Request changes").click()
    expect(page).to_have_url(re.compile(r"/sign-off/"))
    expect(page.get_by_text(re.compile(r"Fingerprint [0-9A-F]{4}-[0-9A-F]{4}"))).to_be_visible()
    assert_accessible(page, "sign-off page")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_text("Say what should change")).to_be_visible()
    page.get_by_label("What should change?").fill(NOTE)
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator("body")).to_contain_text("Your note is sent")

    # Alice reads the note, makes the change and proposes version 2; Carol signs it off.
    _as(page, "alice@northwind.test")
    page.goto(brief.get_absolute_url())
    expect(page.locator("#changes-requested")).to_contain_text(NOTE)
    page.get_by_role("link", name="Edit", exact=True).first.click()
    page.get_by_label(re.compile("one thing they should take away")).fill(
        "The new plant range tastes as good as the one you love."
    )
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("body")).to_contain_text("Saved as version 2")
    page.goto(brief.get_absolute_url())
    page.get_by_role("button", name="Propose for sign-off").click()
    _as(page, "carol@acme.test")
    page.goto(brief.get_absolute_url())
    page.get_by_role("link", name="Read exactly what you sign").click()
    page.get_by_role("button", name="Sign off version 2").click()
    expect(page.locator("body")).to_contain_text("You signed off version 2")

    # Alice starts the job; the request now reads "In work" for Carol too.
    _as(page, "alice@northwind.test")
    page.goto(brief.get_absolute_url())
    page.get_by_role("button", name="Start the job").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spring launch posts")
    job = Job.objects.get(brief=brief)
    put_on_job(job, live_world.dan)  # Alice puts Dan, the designer, on the job

    # The plan changes after the work started: Carol is warned, and gives a reason.
    _as(page, "carol@acme.test")
    page.goto(brief.get_absolute_url())
    page.get_by_role("link", name="Change the plan").first.click()
    expect(page.locator("#change-of-plan")).to_contain_text("change of plan")
    page.get_by_label(re.compile("Which platforms")).fill("Instagram only")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Say in one line why the plan changes")).to_be_visible()
    page.get_by_label("Why does the plan change?").fill(REASON)
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("body")).to_contain_text("Changed since sign-off (v2 → v3)")

    # The job says so, and Alice sees the word-level changes one click away.
    _as(page, "alice@northwind.test")
    page.goto(f"/jobs/{job.pk}/")
    expect(page.locator("#brief-changed-heading")).to_have_text(
        "Brief changed since the work started"
    )
    page.get_by_role("link", name="See the changes").click()
    expect(page.locator("body")).to_contain_text("Instagram only")

    # Dan, the designer on the job, opens Carol's image from it, thumbnail and all.
    _as(page, "dan@northwind.test")
    page.goto(f"/jobs/{job.pk}/")
    files = page.locator("#files")
    link = files.get_by_role("link", name=re.compile("mood-board.png"))
    expect(link).to_be_visible()
    attachment = Attachment.objects.get()
    for _ in range(40):  # the worker makes the thumbnail after the upload commits
        if Attachment.objects.get(pk=attachment.pk).thumbnail_state == "ready":
            break
        time.sleep(0.25)
    page.reload()
    expect(files.locator("img.files__thumb")).to_be_visible()
    assert_accessible(page, "job (designer)")
    screenshot(page, "job-files-designer")
    href = link.get_attribute("href")
    assert href is not None
    download = page.request.get(href)
    assert (download.status, download.body()) == (200, sent)

    # The brief's PDF keeps the budget in pounds.
    _as(page, "alice@northwind.test")
    assert BUDGET in _pdf_text(page, f"/intake/briefs/{brief.pk}/pdf/")
