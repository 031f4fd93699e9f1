"""Comparing two versions in a browser: one zoom for both panes, their scrolling kept together,
the overlay's opacity slider, and a page that breaks no rule of the CSP nor of accessibility."""

from typing import Any

from playwright.sync_api import Page, expect

from accord.reviews.models import Version
from accord.reviews.services import previews
from tests.browser.conftest import assert_accessible, sign_in
from tests.reviews.review_data import banner_job, png, upload


def _two_pictures(world: Any, settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    banner = banner_job(world)
    for colour in ("orange", "teal"):
        version = upload(world, banner, png(size=(1600, 1200), colour=colour))
        previews.make(version.pk)
    assert Version.objects.filter(deliverable=banner, preview_state="ready").count() == 2
    return banner


def test_both_panes_zoom_and_scroll_together(page: Page, live_world, settings, tmp_path):
    banner = _two_pictures(live_world, settings, tmp_path)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    sign_in(page, live_world.alice.email)
    page.goto(f"/reviews/deliverables/{banner.pk}/")
    page.get_by_role("link", name="Compare versions").click()
    expect(page.get_by_role("heading", name="Compare versions")).to_be_visible()
    panes = page.locator("[data-compare-pane]")
    expect(panes).to_have_count(2)
    fit = panes.nth(0).locator("img").bounding_box()["width"]
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    expect(page.locator("[data-zoom-level]")).to_have_text("200%")
    widths = [panes.nth(i).locator("img").bounding_box()["width"] for i in range(2)]
    assert widths[0] == widths[1] and widths[0] > fit * 1.9
    panes.nth(1).evaluate("el => { el.scrollLeft = (el.scrollWidth - el.clientWidth) / 2; }")
    page.wait_for_function(
        "() => { const p = document.querySelectorAll('[data-compare-pane]');"
        " return Math.abs(p[1].scrollLeft - p[0].scrollLeft) < 2 && p[0].scrollLeft > 0; }"
    )
    assert_accessible(page, "compare, side by side")
    page.get_by_label("Overlay").check()  # applied at once
    page.wait_for_url("**mode=overlay**")
    slider = page.locator("[data-opacity]")
    slider.fill("80")
    assert page.locator("[data-top]").evaluate("el => el.style.opacity") == "0.8"
    expect(page.locator("[data-opacity-level]")).to_have_text("80%")
    assert_accessible(page, "compare, overlay")
    assert problems == []
