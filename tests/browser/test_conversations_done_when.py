"""Issue 11's story, end to end in a real browser with real SMTP sessions both ways.

Alice writes to Carol about the spring posters; Carol answers by replying to the notification
email (an SMTP session to `accord mail-in` on loopback) and her reply appears in the right
thread; Alice relays it to Dan as to-dos; Dan answers in the team's thread; Alice replies to
Carol, who gets it by email (an SMTP session from Accord to a mail sink) — and Carol never sees
the internal exchange. Alice's Today shows each step as it happens.
"""

import smtplib
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Page, expect

from accord.conversations import mailin
from accord.conversations.models import Message, Thread
from accord.core.policy import Audience
from accord.work.models import Job, JobMember
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """A mail server that keeps what Accord sends it."""

    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[Any]:
        return [m for m in self.received if address in str(m["To"])]


@pytest.fixture
def mail(settings: Any) -> Any:
    """Accord's outgoing mail goes to a sink over SMTP; its mail-in listens on loopback."""
    sink = Sink()
    outgoing = Controller(sink, hostname="127.0.0.1", port=_free_port())
    outgoing.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", outgoing.port
    settings.EMAIL_USE_TLS = False
    incoming = mailin.listener(host="127.0.0.1", port=_free_port())
    incoming.start()
    yield sink, incoming.port
    mailin.stop(incoming)
    outgoing.stop()


def _reply_by_email(port: int, notification: Any, sender: str, words: str) -> None:
    """Carol's mail program: a reply quoting the notification, sent over SMTP."""
    reply = EmailMessage()
    reply["From"] = f"Carol Acme <{sender}>"
    reply["To"] = notification["Reply-To"]
    reply["Subject"] = f"Re: {notification['Subject']}"
    reply["In-Reply-To"] = notification["Message-ID"]
    reply["References"] = f"{notification['References']} {notification['Message-ID']}"
    quoted = "\n".join(
        f"> {line}" for line in notification.get_body(("plain",)).get_content().splitlines()
    )
    reply.set_content(
        f"{words}\n\nCarol\n--\nCarol Acme, Head of Marketing\n\nOn Tue, Alice wrote:\n{quoted}\n"
    )
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(reply, from_addr=sender, to_addrs=[notification["Reply-To"]])


def test_carol_alice_and_dan_talk_through_the_account_manager(page: Page, live_world, mail):
    sink, mailin_port = mail
    w = live_world
    job = Job.objects.create(client=w.acme, title="Spring posters", owner=w.alice)
    JobMember.objects.create(job=job, user=w.dan, added_by=w.alice)

    # Alice writes to Carol from the job's page.
    sign_in(page, w.alice.email)
    page.goto(f"/jobs/{job.pk}/")
    page.get_by_role("link", name="Write to the client").click()
    page.get_by_label("Subject").fill("First look at the spring posters")
    page.get_by_label("People").select_option(label="Carol Acme (client)")
    page.get_by_label("Message", exact=True).fill(
        "Hi Carol, the **first drafts** are ready. Thoughts on the logo?"
    )
    page.get_by_role("button", name="Start the conversation").click()
    expect(page.get_by_role("heading", name="First look at the spring posters")).to_be_visible()
    thread = Thread.objects.get(subject="First look at the spring posters")

    # Carol replies to the notification by email; it lands in the thread, quotes and all cut off.
    (notification,) = sink.to("carol@acme.test")
    assert notification["Reply-To"].startswith("reply+")
    _reply_by_email(
        mailin_port, notification, "carol@acme.test", "Love them! Could the logo be a bit bigger?"
    )
    reply = Message.objects.filter(thread=thread, author=w.carol).get()
    assert reply.via == "email"
    assert reply.text.startswith("Love them! Could the logo be a bit bigger?")
    assert "Head of Marketing" not in reply.text and "wrote" not in reply.text

    # Alice's Today shows Carol's message; she relays it to Dan as to-dos.
    page.goto("/")
    today = page.locator("#today")
    expect(today.get_by_role("link", name="First look at the spring posters").first).to_be_visible()
    assert_accessible(page, "alice-today")
    today.get_by_role("link", name="First look at the spring posters").first.click()
    expect(page.get_by_text("Could the logo be a bit bigger?")).to_be_visible()
    page.get_by_role("link", name="Relay to the team").click()
    page.get_by_label("Your words to the team").fill(
        "Carol likes the drafts and would like the logo larger."
    )
    page.get_by_role("textbox", name="To-dos").fill(
        "Make the logo 20% bigger\nSend a new version by Friday"
    )
    page.get_by_role("combobox", name="To-dos for").select_option(label="Dan Northwind")
    page.get_by_role("button", name="Relay to the team").click()
    expect(page.get_by_text("Agency only: the client never sees this")).to_be_visible()
    internal = Thread.objects.get(audience=Audience.INTERNAL)
    page.goto("/")  # Carol still waits for an answer: her message stays on Alice's Today
    expect(page.locator("#today").get_by_text("First look at the spring posters")).to_have_count(1)

    # Dan sees his to-dos on Today and answers in the team's thread.
    page.context.clear_cookies()
    sign_in(page, w.dan.email)
    today = page.locator("#today")
    expect(today.get_by_role("link", name="Make the logo 20% bigger")).to_be_visible()
    today.get_by_role("link", name="Make the logo 20% bigger").click()
    page.get_by_label("Message", exact=True).fill(
        "Done: logo at 120%, new version uploaded. The client is being picky!"
    )
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("logo at 120%")).to_be_visible()

    # Alice's Today shows Dan's answer; she answers Carol in her own words, from it.
    page.context.clear_cookies()
    sign_in(page, w.alice.email)
    today = page.locator("#today")
    expect(today.locator("li", has_text="From the team")).to_contain_text(internal.subject)
    today.locator("li", has_text="From the team").get_by_role("link").first.click()
    page.locator("article", has_text="logo at 120%").get_by_role(
        "link", name="Reply to the client"
    ).click()
    page.get_by_label("Your words to the client").fill(
        "Hi Carol, the logo is now larger in the new version. Have a look!"
    )
    page.get_by_role("button", name="Send to the client").click()
    expect(page.get_by_text("the logo is now larger")).to_be_visible()
    page.goto("/")  # nothing left waiting on Alice
    expect(page.locator("#today").get_by_text("First look at the spring posters")).to_have_count(0)

    # Carol gets it by email, without a word of the internal exchange.
    answer = sink.to("carol@acme.test")[-1]
    body = answer.get_body(("plain",)).get_content()
    assert "the logo is now larger" in body
    assert "picky" not in answer.as_string() and "120%" not in answer.as_string()
    assert answer["In-Reply-To"] and answer["References"].startswith(f"<thread.{thread.pk}@")

    # In the portal, Carol sees her conversation and never the team's.
    page.context.clear_cookies()
    sign_in(page, w.carol.email)
    page.goto("/conversations/")
    expect(page.get_by_role("link", name="First look at the spring posters")).to_be_visible()
    page.get_by_role("link", name="First look at the spring posters").click()
    expect(page.get_by_text("the logo is now larger")).to_be_visible()
    assert "picky" not in page.content() and "Relayed" not in page.content()
    assert page.goto(f"/conversations/{internal.pk}/").status == 404
