"""Erasing a contact removes the raw emails they sent and their reply addresses; the messages
stay in their threads under the erased name."""

from accord.accounts.erasure import erase_person
from accord.conversations import addresses
from accord.conversations.models import InboundEmail, Message, ReplyAddress
from accord.conversations.services import inbound

from .talk import carol_asks

RAW = (
    b"From: Carol Acme <carol@acme.test>\r\nTo: {to}\r\nSubject: Re: Logo size\r\n"
    b"Message-ID: <c1@acme.test>\r\n\r\nYes, twice as big.\r\n\r\n--\r\nCarol Acme, +1 555 0100\r\n"
)


def test_erasing_carol_removes_her_raw_email_but_keeps_her_words(world):
    thread = carol_asks(world)
    to = addresses.issue(thread=thread, user=world.carol, message_id="<n-1@accord.test>")
    email = inbound.store(
        raw=RAW.replace(b"{to}", to.encode()),
        peer="127.0.0.1",
        mail_from="carol@acme.test",
        rcpt_to=[to],
    )
    assert inbound.process(email_id=email.pk) == "threaded"
    erase_person(person=world.carol, by=world.erin)
    email.refresh_from_db()
    assert b"555 0100" not in bytes(email.raw) and "carol@acme.test" not in email.sender
    assert not ReplyAddress.objects.filter(user=world.carol).exists()
    assert Message.objects.filter(thread=thread, body__startswith="Yes, twice as big").exists()
    assert InboundEmail.objects.count() == 1


def test_erasing_carol_removes_her_email_waiting_in_triage_too(world):
    to = inbound.mailbox_address(world.globex)  # not her client's: it waits in triage
    email = inbound.store(
        raw=RAW.replace(b"{to}", to.encode()),
        peer="127.0.0.1",
        mail_from="carol@acme.test",
        rcpt_to=[to],
    )
    assert inbound.process(email_id=email.pk) == "triage"
    erase_person(person=world.carol, by=world.erin)
    email.refresh_from_db()
    assert b"555 0100" not in bytes(email.raw) and "carol@acme.test" not in email.sender
