"""The main paths of the foundation, in a real Chromium, with an axe-core check on each page."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _link_in_last_email(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path  # the live server's address, not ACCORD_BASE_URL


def test_account_manager_sets_up_a_client(page: Page, live_world: World) -> None:
    sign_in(page, "alice@northwind.test")
    expect(page.get_by_role("main")).to_contain_text("Acme Foods")
    expect(page.get_by_role("main")).not_to_contain_text("Globex Bank")
    assert_accessible(page, "AM home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Clients")
    assert_accessible(page, "clients list")
    screenshot(page, "clients")

    page.get_by_role("link", name=re.compile("New client")).first.click()
    page.get_by_label("Client name").fill("Initech Labs")
    page.get_by_label("Industry").fill("Software")
    assert_accessible(page, "new client form")
    page.get_by_role("button", name=re.compile("(Create|Add|Save)")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Initech Labs")
    assert_accessible(page, "client detail")

    # Duplicate names are refused with a clear message and nothing typed is lost.
    page.goto("/clients/new/")
    page.get_by_label("Client name").fill("initech labs")
    page.get_by_label("Industry").fill("Still software")
    page.get_by_role("button", name=re.compile("(Create|Add|Save)")).click()
    expect(page.get_by_text(re.compile("already a client called"))).to_be_visible()
    expect(page.get_by_label("Industry")).to_have_value("Still software")

    initech = live_world.acme.__class__.objects.get(name="Initech Labs")
    page.goto(f"/clients/{initech.pk}/brand/")
    page.get_by_label("Voice and tone").fill("Dry, clever, engineer-to-engineer.")
    page.get_by_label(re.compile("Colours")).fill("#112233, #AABBCC")
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.get_by_role("main")).to_contain_text("engineer-to-engineer")

    page.goto(f"/clients/{initech.pk}/team/")
    page.get_by_label("Person to add").select_option(label="Dan Northwind — Designer")
    page.get_by_role("button", name="Add to team").click()
    expect(page.get_by_role("button", name="Remove Dan Northwind")).to_be_visible()
    assert_accessible(page, "team")

    page.goto(f"/clients/{initech.pk}/contacts/")
    page.get_by_label("Email").fill("bill@initech.test")
    page.get_by_label("Name").fill("Bill Lumbergh")
    page.get_by_label("Role").select_option("approver")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("main")).to_contain_text("Bill Lumbergh")
    assert_accessible(page, "contacts")
    assert any("bill@initech.test" in m.to for m in mail.outbox)

    page.goto(f"/clients/{initech.pk}/activity/")
    expect(page.get_by_role("main")).to_contain_text("Bill Lumbergh")
    assert_accessible(page, "activity")

    page.goto(f"/clients/{live_world.globex.pk}/")
    expect(page.get_by_role("main")).not_to_contain_text("Globex Bank")


def test_client_contact_signs_in_with_an_emailed_link(page: Page, live_world: World) -> None:
    page.goto("/magic/")
    assert_accessible(page, "magic link request")
    page.get_by_label("Email").fill("carol@acme.test")
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("main")).to_contain_text(re.compile("on its way", re.I))

    link = _link_in_last_email("carol@acme.test")
    page.goto(link)
    assert_accessible(page, "magic link confirm")
    page.get_by_role("button", name=re.compile("Sign in")).click()
    expect(page.get_by_role("main")).to_contain_text("Acme Foods")
    expect(page.get_by_role("main")).not_to_contain_text("Globex")
    assert_accessible(page, "client portal")
    screenshot(page, "portal")

    # The link worked once; opening it again does not sign anyone in.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("main")).to_contain_text(re.compile("already used", re.I))

    sign_in(page, "carol@acme.test")
    page.goto(f"/clients/{live_world.acme.pk}/")
    expect(page.get_by_role("main")).not_to_contain_text("internal")
    response = page.goto(f"/clients/{live_world.globex.pk}/")
    assert response is not None and response.status == 404


def test_admin_invites_a_designer_who_sets_a_password(page: Page, live_world: World) -> None:
    sign_in(page, "erin@northwind.test")
    page.goto("/team/invite/")
    assert_accessible(page, "invite staff")
    page.get_by_label("Email").fill("nina@northwind.test")
    page.get_by_label("Name").fill("Nina Park")
    page.get_by_label("Role").select_option("creative")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("main")).to_contain_text("Nina Park")

    link = _link_in_last_email("nina@northwind.test")
    page.context.clear_cookies()
    page.goto(link)
    assert_accessible(page, "accept invitation")
    page.get_by_label("New password", exact=False).first.fill("a-long-Secret-42")
    page.get_by_label(re.compile("(Confirm|again)", re.I)).fill("a-long-Secret-42")
    page.get_by_role("button", name="Set password and continue").click()
    expect(page.get_by_role("main")).to_contain_text(re.compile("Nina|work", re.I))


def test_phone_width_navigation(phone: Page, live_world: World) -> None:
    sign_in(phone, "alice@northwind.test")
    toggle = phone.get_by_role("button", name="Menu")
    expect(toggle).to_be_visible()
    toggle.click()
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    expect(phone.get_by_role("main")).to_contain_text("Acme Foods")
    assert_accessible(phone, "clients on a phone")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide on a 375px phone"


def test_keyboard_skip_link_and_sign_in(page: Page, live_world: World) -> None:
    page.goto("/login/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.get_by_label("Email").focus()
    page.keyboard.type("alice@northwind.test")
    page.keyboard.press("Tab")
    page.keyboard.type("accord-demo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_contain_text("Acme Foods")


def test_wrong_password_is_refused_kindly(page: Page, live_world: World) -> None:
    sign_in(page, "alice@northwind.test", password="not-the-password")
    expect(page.get_by_role("main")).to_contain_text(re.compile("(incorrect|didn)", re.I))
    expect(page.get_by_label("Email")).to_have_value("alice@northwind.test")
    assert_accessible(page, "sign-in error")
