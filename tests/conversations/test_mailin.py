"""`accord mail-in`'s listener, through real SMTP sessions on loopback: it stores before it
accepts, refuses what is not for it, and asks the sender to retry when it cannot store."""

import smtplib
from collections.abc import Iterator

import pytest
from django.db import OperationalError

from accord.conversations import addresses, mailin
from accord.conversations.models import InboundEmail, Message
from accord.conversations.services import inbound
from tests.conversations.talk import carol_asks
from tests.conversations.test_inbound import raw_mail
from tests.core.smtp import free_port

pytestmark = pytest.mark.django_db(transaction=True)
# A reply address by its form (its token unknown: processing puts it in triage).
SOME_REPLY = addresses.address_for("a" * 32)


@pytest.fixture
def queued(monkeypatch) -> list[int]:
    """The emails handed to the worker (processed by the test, as the worker would)."""
    asked: list[int] = []
    monkeypatch.setattr(inbound, "_enqueue", asked.extend)
    return asked


@pytest.fixture
def listening(queued) -> Iterator[int]:
    port = free_port()
    controller = mailin.listener(host="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        mailin.stop(controller)


def send(port: int, to: list[str], raw: bytes, sender: str = "carol@acme.test") -> dict:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        return smtp.sendmail(sender, to, raw)


def test_a_reply_sent_over_smtp_is_stored_then_processed_into_its_thread(
    world, listening, queued, carol
):
    thread = carol_asks(world)
    to = addresses.issue(thread=thread, user=carol, message_id="<n-1@accord.test>")
    assert send(listening, [to], raw_mail(to=to)) == {}
    email = InboundEmail.objects.get()
    assert (email.status, email.mail_from, email.rcpt_to) == ("received", "carol@acme.test", [to])
    assert email.peer == "127.0.0.1" and email.size == len(bytes(email.raw)) > 0
    assert queued == [email.pk]
    assert inbound.process(email_id=email.pk) == "threaded"
    message = thread.messages.latest("id")
    assert (message.author, message.via, message.body) == (
        carol,
        Message.Via.EMAIL,
        "Yes, twice as big.",
    )


def test_mail_for_another_domain_is_refused_and_nothing_stored(listening):
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(listening, ["someone@example.test"], raw_mail())
    assert refused.value.recipients["someone@example.test"][0] == 550
    assert not InboundEmail.objects.exists()


def test_some_recipients_refused_the_others_stored(listening):
    failed = send(listening, [SOME_REPLY, "b@example.test"], raw_mail())
    assert failed["b@example.test"][0] == 550
    assert InboundEmail.objects.get().rcpt_to == [SOME_REPLY]


def test_only_reply_addresses_and_clients_own_addresses_are_taken(world, listening):
    mailbox = inbound.mailbox_address(world.acme)
    to = [mailbox, SOME_REPLY, "sales@reply.localhost", "reply+short@reply.localhost"]
    failed = send(listening, to, raw_mail())
    assert {address: answer[0] for address, answer in failed.items()} == {
        "sales@reply.localhost": 550,
        "reply+short@reply.localhost": 550,
    }
    assert InboundEmail.objects.get().rcpt_to == [mailbox, SOME_REPLY]


def test_a_recipient_is_checked_in_one_query(world, django_assert_num_queries):
    mailbox = inbound.mailbox_address(world.acme)
    with django_assert_num_queries(1):
        assert inbound.takes(mailbox)
    with django_assert_num_queries(1):
        assert not inbound.takes("sales@reply.localhost")
    with django_assert_num_queries(0):
        assert inbound.takes(SOME_REPLY) and not inbound.takes("x@example.test")


def test_an_email_over_the_size_limit_is_refused(settings, queued):
    settings.INBOUND_MAX_BYTES = 2000
    port = free_port()
    controller = mailin.listener(host="127.0.0.1", port=port)
    controller.start()
    try:
        with pytest.raises(smtplib.SMTPException) as refused:
            send(port, [SOME_REPLY], raw_mail(body="x" * 5000))
        assert refused.value.smtp_code == 552
    finally:
        mailin.stop(controller)
    assert not InboundEmail.objects.exists()


def test_when_the_database_cannot_store_the_sender_is_asked_to_retry(monkeypatch, listening):
    def database_down(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(inbound, "store", database_down)
    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(listening, [SOME_REPLY], raw_mail())
    assert refused.value.smtp_code == 451
    monkeypatch.undo()


def test_the_listener_stops_and_the_port_is_freed(queued):
    port = free_port()
    controller = mailin.listener(host="127.0.0.1", port=port)
    controller.start()
    send(port, [SOME_REPLY], raw_mail())
    mailin.stop(controller)
    with pytest.raises(OSError):
        send(port, [SOME_REPLY], raw_mail())
    assert InboundEmail.objects.count() == 1
