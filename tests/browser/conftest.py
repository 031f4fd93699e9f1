"""Playwright driving Debian's Chromium against a live Accord server."""

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import PASSWORD, World, build_world

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make here
# are still plain synchronous calls between requests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(os.environ.get("ACCORD_SCREENSHOTS", "var/screenshots"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is required at {CHROMIUM} (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_world(transactional_db: None) -> World:
    return build_world()


_axe = Axe()
# What Playwright says when the document under a script went away with a navigation.
_NAVIGATED = re.compile(
    r"reading 'documentElement'|Execution context was destroyed|axe is not defined"
)


def assert_accessible(page: Page, label: str = "") -> None:
    """No serious or critical axe-core violations on the page as it is now.

    A click that navigates can return before the new page has replaced the old one: the check
    waits for the page to load, and runs again when a navigation replaced the document while
    axe was reading it (the script then fails, or the address has changed). A test still waits
    for something only the new page shows before calling this.
    """
    for attempt in range(3):
        page.wait_for_load_state("load")
        address = page.url
        try:
            results = _axe.run(page)
        except PlaywrightError as error:
            if attempt == 2 or not _NAVIGATED.search(str(error)):
                raise
            continue
        if page.url == address:
            break
    else:
        raise AssertionError(f"{label or page.url} kept navigating during the accessibility check")
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
            for n in v["nodes"][:5]
        )
        for v in bad
    )
    assert not bad, f"accessibility violations on {label or page.url}:\n{details}"


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
