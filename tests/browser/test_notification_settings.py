"""Notification settings in a real Chromium: Carol, a client approver, follows her bell to her
settings and chooses a daily digest for review requests; Ray, a reviewer, opens the unsubscribe
link of an email he was sent and stops those emails without signing in. Both pages stay
accessible."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from accord.core import notification_settings as choices
from accord.core.models import Notification, OutboundEmail
from accord.core.notify import notify
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _ask_review(w: World, people: list) -> None:
    notify(
        people=people,
        kind="review.requested",
        text="Please review “Spring posters” (version 2).",
        url="/notifications/",
        actor=w.alice,
        client_id=w.acme.pk,
    )


def test_carol_chooses_a_daily_digest_for_review_requests(page: Page, live_world: World) -> None:
    w = live_world
    notify(people=[w.carol], kind="review.comment", text="Alice replied.", email=False)

    sign_in(page, "carol@acme.test")
    bell = page.get_by_role("link", name="Notifications: 1 unread")
    expect(bell).to_be_visible()
    bell.click()
    page.get_by_role("link", name="Notification settings").click()
    expect(page.get_by_role("heading", name="Notification settings", level=1)).to_be_visible()
    expect(page.get_by_text("A task is given to you")).to_have_count(0)  # not hers to choose
    assert_accessible(page, "Notification settings")

    requests = page.get_by_role("group", name="Your review is asked for")
    expect(requests.get_by_role("radio", name="Right away")).to_be_checked()
    requests.get_by_role("radio", name="In a daily digest").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()
    expect(requests.get_by_role("radio", name="In a daily digest")).to_be_checked()
    screenshot(page, "notification-settings")
    assert choices.choices_of(w.carol)["review.requested"] == "digest"

    # The next review request waits for her digest: listed at once, no email of its own.
    _ask_review(w, [w.carol])
    assert not OutboundEmail.objects.filter(to=[w.carol.email]).exists()
    assert Notification.objects.get(user=w.carol, kind="review.requested").digest_due_at


def test_ray_unsubscribes_from_a_link_in_an_email(page: Page, live_world: World) -> None:
    w = live_world
    _ask_review(w, [w.ray])
    email = OutboundEmail.objects.get(to=[w.ray.email])
    link = email.headers["List-Unsubscribe"].strip("<>")
    assert link in email.text

    page.goto(urlsplit(link).path)  # not signed in: the link is enough
    expect(page.get_by_role("heading", name="Unsubscribe?")).to_be_visible()
    expect(page.get_by_text("Your review is asked for")).to_be_visible()
    assert_accessible(page, "Unsubscribe")
    assert choices.choices_of(w.ray)["review.requested"] == "immediate"  # a look changes nothing

    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="Unsubscribed")).to_be_visible()
    expect(page.get_by_role("link", name="Notification settings")).to_be_visible()
    assert choices.choices_of(w.ray)["review.requested"] == "off"

    _ask_review(w, [w.ray])
    assert OutboundEmail.objects.filter(to=[w.ray.email]).count() == 1
    assert Notification.objects.filter(user=w.ray, kind="review.requested").count() == 2
