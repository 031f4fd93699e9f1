"""Searching from the header in a real Chromium: Carol finds the comment the account manager
wrote for Acme, opens it, and never finds the team's internal remark."""

import pytest
from playwright.sync_api import Page, expect

from accord.intake import services
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World
from tests.core.search_story import tell

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _search_from_the_header(page: Page, words: str) -> None:
    box = page.get_by_role("searchbox", name="Search briefs, comments and messages")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")


def test_carol_searches_from_the_header_and_opens_what_she_found(
    page: Page, live_world: World
) -> None:
    services.seed_templates()
    story = tell(live_world)
    sign_in(page, "carol@acme.test")

    _search_from_the_header(page, "wombat")
    results = page.get_by_role("list", name="Results")
    expect(results.get_by_role("listitem")).to_have_count(1)
    expect(results.locator("mark")).to_have_text("wombat")
    expect(results).to_contain_text("Acme Foods")
    assert_accessible(page, "search results")
    screenshot(page, "search-results")

    results.get_by_role("link").click()
    page.wait_for_url(f"**/reviews/**#comment-{story.to_client.pk}")

    _search_from_the_header(page, "quokka")
    expect(page.get_by_role("heading", name="Nothing found")).to_be_visible()

    # The box keeps the words on the results page, and a too-long search says why.
    _search_from_the_header(page, "platypus")
    expect(page.get_by_role("searchbox", name="Words to find")).to_have_value("platypus")
    expect(page.get_by_role("list", name="Results").locator("mark")).to_have_text("platypus")
