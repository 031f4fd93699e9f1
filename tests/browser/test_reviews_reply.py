"""The review page's comment form in a real Chromium: the button that undoes what the form is
set to says what it undoes ("Cancel reply" for a reply, "Unpin" for a pin)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from accord.reviews.services import comments, previews
from tests.browser.conftest import sign_in
from tests.conftest import World
from tests.reviews.review_data import banner_job, png, upload

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield tmp_path / "media"


def test_a_reply_is_cancelled_and_a_pin_unpinned(page: Page, live_world: World, media: Path):
    w = live_world
    deliverable = banner_job(w)
    version = upload(w, deliverable, png(size=(640, 400)))
    previews.make(version.pk)
    said = comments.add_comment(by=w.alice, version=version, body="Warmer orange?", managing=True)
    sign_in(page, "alice@northwind.test")
    page.goto(f"/reviews/deliverables/{deliverable.pk}/")
    form = page.locator("#comment-form")
    clear = form.locator("[data-anchor-clear]")
    expect(clear).to_be_hidden()

    page.locator(".review-thread", has_text="Warmer orange?").get_by_role(
        "link", name="Reply"
    ).click()
    expect(form.locator("[data-anchor-label]")).to_have_text("Replying to comment 1.")
    expect(clear).to_have_text("Cancel reply")
    clear.click()
    expect(form.locator("[data-anchor-label]")).to_have_text("On the whole version.")
    expect(clear).to_be_hidden()

    picture = page.get_by_role("img", name="Version 1")
    picture.click(position={"x": 20, "y": 20})
    expect(clear).to_have_text("Unpin")
    expect(clear).to_be_visible()

    # The Reply link without JavaScript's help: the page comes set to answer the comment.
    page.goto(f"/reviews/deliverables/{deliverable.pk}/?version={version.pk}&reply={said.pk}")
    expect(clear).to_have_text("Cancel reply")
    expect(clear).to_be_visible()
