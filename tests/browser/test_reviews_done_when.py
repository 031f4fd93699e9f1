"""The reviews' "Done when", in a real Chromium, each person in their own browser: Dan uploads
a version and Alice approves it and sends it to Acme; Ray pins a comment on the picture, Carol
asks for changes; Alice turns Ray's comment into a to-do, Dan's second version answers it, and
Carol approves that one. Carol never reads the agency's own comments, Dan never reads Ray's, and
Gus at Globex finds nothing."""

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from accord.reviews.models import Version
from accord.reviews.services import previews
from tests.browser.conftest import screenshot, sign_in
from tests.conftest import World
from tests.reviews.review_data import banner_job

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

INTERNAL = "Agency only: the orange is a touch loud, keep it for now."
RAY = "The logo sits too close to the edge here."
CAROL = "Please move the logo in, as Ray says."
TODO = "Move the logo away from the edge"


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    # override_settings (not the `settings` fixture) so the live server's thread sees it too.
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield tmp_path / "media"


class People:
    """One browser context per persona, each signed in once; console errors are collected."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.pages: dict[str, Page] = {}
        self.errors: list[str] = []

    def __call__(self, email: str) -> Page:
        if email not in self.pages:
            context = self.browser.new_context(
                base_url=self.base_url, viewport={"width": 1280, "height": 900}
            )
            context.set_default_timeout(10_000)
            page = context.new_page()
            page.on("pageerror", lambda error: self.errors.append(f"{email}: {error}"))
            page.on(
                "console",
                lambda message: (
                    self.errors.append(f"{email}: {message.text}")
                    if message.type == "error"
                    else None
                ),
            )
            sign_in(page, email)
            self.pages[email] = page
        return self.pages[email]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture
def people(browser: Browser, live_server: Any) -> Iterator[People]:
    crowd = People(browser, live_server.url)
    yield crowd
    crowd.close()


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _upload(page: Page, url: str, name: str, colour: str, *, answers: str = "") -> Version:
    page.goto(url)
    form = page.get_by_role("region", name=re.compile(r"Upload version"))
    form.get_by_label("A file").set_input_files(
        files=[{"name": name, "mimeType": "image/png", "buffer": _png(colour)}]
    )
    if answers:
        form.get_by_role("group", name="This version answers").get_by_label(answers).check()
    expect(form.get_by_label("Ask the account manager to review it now")).to_be_checked()
    form.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"Version \d+ is uploaded\."))
    version = Version.objects.get(original_name=name)
    expect(page).to_have_url(re.compile(rf"\?version={version.pk}$"))
    previews.make(version.pk)  # what the worker does
    page.reload()
    expect(page.get_by_role("img", name=f"Version {version.number}")).to_be_visible()
    return version


def _decide(page: Page, verdict: str, note: str = "") -> None:
    form = page.locator("form.review-decision")
    form.get_by_label(verdict, exact=True).check()
    if note:
        form.get_by_label(re.compile(r"^Note")).fill(note)
    form.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_role("main")).to_contain_text(
        f"Your decision is recorded: {verdict.lower()}."
    )


def _send(page: Page, number: int) -> None:
    send = page.locator("details.review-open", has_text=f"Send v{number} to Acme Foods")
    expect(send).to_have_attribute("open", "")
    send.get_by_role("group", name="Approvers (decide)").get_by_label(
        re.compile("Carol Acme")
    ).check()
    send.get_by_role("group", name="Reviewers (comment only)").get_by_label(
        re.compile("Ray Acme")
    ).check()
    send.get_by_role("button", name="Send to the client").click()
    expect(page.get_by_role("main")).to_contain_text(f"Version {number} is sent to the client.")


def test_a_banner_reviewed_twice_and_approved_by_the_client(
    people: People, live_world: World, media: Path
) -> None:
    w = live_world
    deliverable = banner_job(w)
    url = f"/reviews/deliverables/{deliverable.pk}/"

    # Dan uploads the first version; Alice is asked to review it.
    dan = people("dan@northwind.test")
    v1 = _upload(dan, url, "banner-v1.png", "orange")
    expect(dan.locator("#rounds")).to_contain_text("Alice Northwind")

    # Alice notes something for the agency only, approves v1 and sends it to Acme.
    alice = people("alice@northwind.test")
    alice.goto(url)
    comment_form = alice.locator("#comment-form")
    comment_form.get_by_label("Your comment").fill(INTERNAL)
    comment_form.get_by_label("Agency only").check()
    comment_form.get_by_role("button", name="Comment").click()
    expect(alice.locator(".review-threads")).to_contain_text(INTERNAL)
    _decide(alice, "Approved")
    _send(alice, 1)

    # Ray pins a comment on the picture.
    ray = people("ray@acme.test")
    ray.goto(url)
    picture = ray.get_by_role("img", name="Version 1")
    box = picture.bounding_box()
    assert box is not None
    picture.click(position={"x": box["width"] * 0.95, "y": box["height"] * 0.1})
    expect(ray.locator("[data-anchor-label]")).to_contain_text("Pinned on the image")
    ray.locator("#comment-form").get_by_label("Your comment").fill(RAY)
    ray.locator("#comment-form").get_by_role("button", name="Comment").click()
    thread = ray.locator(".review-thread", has_text=RAY)
    expect(thread).to_contain_text("page 1")
    assert float(thread.get_attribute("data-x") or 0) > 0.9
    expect(ray.locator(".review-pin")).to_have_count(1)

    # Carol asks for changes, and never reads the agency's own comment.
    carol = people("carol@acme.test")
    carol.goto(url)
    expect(carol.get_by_role("main")).to_contain_text(RAY)
    expect(carol.get_by_role("main")).not_to_contain_text(INTERNAL)
    _decide(carol, "Changes required", CAROL)

    # Alice turns Ray's comment into a to-do, in her words.
    alice.goto(url)
    expect(alice.get_by_role("main")).to_contain_text(CAROL)
    todos = alice.get_by_role("region", name="To-dos")
    todos.locator("summary", has_text="Add a to-do").click()
    todos.get_by_label("To-do, in your words").fill(TODO)
    sources = todos.get_by_label("From the client's comments")
    ray_option = sources.locator("option", has_text=RAY[:40]).get_attribute("value")
    sources.select_option(value=[ray_option or ""])
    todos.get_by_role("button", name="Add the to-do").click()
    expect(todos.locator(".review-todo")).to_contain_text(TODO)

    # Dan sees the to-do but not Ray's words, and uploads v2 answering it.
    dan.goto(url)
    expect(dan.get_by_role("region", name="To-dos")).to_contain_text(TODO)
    expect(dan.get_by_role("main")).not_to_contain_text(RAY)
    v2 = _upload(dan, url, "banner-v2.png", "gold", answers=TODO)
    expect(dan.get_by_role("main")).to_contain_text("This version answers")
    expect(dan.get_by_role("main")).not_to_contain_text(RAY)

    # Alice approves v2 and sends it; Carol approves it.
    alice.goto(url)
    _decide(alice, "Approved")
    _send(alice, 2)
    carol.goto(url)
    expect(carol.get_by_role("img", name="Version 2")).to_be_visible()
    _decide(carol, "Approved")

    # The deliverable is approved, and v2 says what it answers and where that came from.
    alice.goto(f"{url}?version={v2.pk}")
    expect(alice.locator("[data-status]")).to_have_text("Approved")
    answers = alice.locator(".review-answers")
    expect(answers).to_contain_text("This version answers")
    expect(answers).to_contain_text(TODO)
    expect(answers).to_contain_text(RAY)
    for page in (carol, dan):
        page.goto(url)
        expect(page.locator("[data-status]")).to_have_text("Approved")
    expect(dan.get_by_role("main")).not_to_contain_text(RAY)
    carol.goto(f"{url}?version={v1.pk}")
    expect(carol.get_by_role("main")).to_contain_text(RAY)
    expect(carol.get_by_role("main")).not_to_contain_text(INTERNAL)
    dan.goto(f"{url}?version={v1.pk}")
    expect(dan.get_by_role("main")).to_contain_text(INTERNAL)
    expect(dan.get_by_role("main")).not_to_contain_text(RAY)

    for page, name in ((alice, "alice"), (dan, "dan"), (carol, "carol")):
        page.goto(url)
        screenshot(page, f"reviews-done-when-{name}")

    assert not people.errors, people.errors  # nothing went wrong in anyone's browser

    # Gus at Globex finds nothing of it.
    gus = people("gus@globex.test")
    for address in (url, f"/reviews/versions/{v2.pk}/file/", f"/reviews/versions/{v2.pk}/pages/1/"):
        response = gus.goto(address)
        assert response is not None and response.status == 404, address
