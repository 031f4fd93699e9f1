"""The demo's conversations: threads on every client, relays with to-dos, a job opened to its
team, replies that came by email through the inbound pipeline, an out-of-office answer kept
aside, a triage item, a request opened by email, courts of every kind with one breach on
Alice's Today, and never an internal thread in a contact's sight."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.http import Http404

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.conversations import access
from accord.conversations.models import (
    Court,
    CreativeVoice,
    InboundEmail,
    Mention,
    Message,
    MessageAttachment,
    Thread,
    Todo,
)
from accord.core.events import verify_chain
from accord.core.models import OutboundEmail
from accord.core.policy import Audience
from accord.home import today
from accord.intake.models import Request

S = InboundEmail.Status


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("demo", "--yes-create-demo-accounts", stdout=out)
    return out.getvalue()


def _user(email: str) -> User:
    return User.objects.get(email=email)


def test_the_demo_talks_with_every_client_and_loads_once(demo):
    assert "Demo conversations created:" in demo
    counts = (Thread.objects.count(), Message.objects.count(), InboundEmail.objects.count())
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    assert (
        Thread.objects.count(),
        Message.objects.count(),
        InboundEmail.objects.count(),
    ) == counts
    for client in Client.objects.all():
        assert client.threads.filter(audience=Audience.CLIENT).exists(), client.name
    assert set(Thread.objects.values_list("audience", flat=True)) == {"client", "internal"}
    assert {"job", "brief", "deliverable"} <= {t.anchor for t in Thread.objects.all()}
    assert verify_chain().intact
    _relays_between_the_client_and_the_team()


def _relays_between_the_client_and_the_team() -> None:
    relays = Message.objects.filter(todos__isnull=False).distinct()
    assert relays.count() >= 3
    for relay in relays:
        assert relay.thread.is_internal
        assert relay.relayed_from is not None and not relay.relayed_from.thread.is_internal
    assert (
        Todo.objects.exclude(done_at=None).exists() and Todo.objects.filter(done_at=None).exists()
    )
    # The team's answer went back to the client in the account manager's words.
    replies = Message.objects.filter(relayed_from__thread__audience=Audience.INTERNAL)
    assert replies.count() >= 2
    for answer in replies:
        assert answer.thread.audience == Audience.CLIENT
        assert answer.author == answer.thread.client.account_manager
        assert answer.body != answer.relayed_from.body
    # A job opened to its team: its creative writes to the client there.
    opened = CreativeVoice.objects.get()
    assert (
        Message.objects.filter(
            thread__job=opened.job, thread__audience=Audience.CLIENT, author__kind="staff"
        )
        .exclude(author=opened.job.client.account_manager)
        .exists()
    )
    assert Mention.objects.count() >= 3
    edited = Message.objects.exclude(edited_at=None).get()
    assert edited.revision == 2 and "APRC" in edited.body and edited.edits.count() == 1
    assert MessageAttachment.objects.count() >= 3


def test_the_demo_email_came_through_the_inbound_pipeline(demo):
    """And its courts, Alice's breach, and what contacts see, on the same demo."""
    emails = InboundEmail.objects.all()
    assert {S.THREADED, S.AUTOMATIC, S.TRIAGE, S.REQUEST} <= set(
        emails.values_list("status", flat=True)
    )
    by_email = Message.objects.filter(via=Message.Via.EMAIL).select_related("inbound", "author")
    assert by_email.count() >= 3
    for message in by_email:
        raw = bytes(message.inbound.raw).decode()
        # A reply to the notification email: to the reply address it carried, answering it.
        sent = OutboundEmail.objects.get(reply_to__in=message.inbound.rcpt_to)
        assert sent.to == [message.author.email] and sent.message_id in raw
        assert "wrote:" in raw or "From: " in raw.split("\n\n", 1)[1]  # the quoted history
        # The parser took off the quoted history and the signature.
        assert "wrote in" not in message.body and "Write your reply" not in message.body
        assert "-- " not in message.body and "Sent from my iPhone" not in message.body
        assert message.author.kind == "contact" and message.inbound.thread == message.thread
    assert by_email.filter(attachments__isnull=False).exists()
    automatic = emails.get(status=S.AUTOMATIC)
    assert not automatic.messages.exists()  # kept with its thread, never turned into a message
    waiting = emails.get(status=S.TRIAGE)
    assert not User.objects.filter(email=waiting.sender).exists()
    opened = emails.get(status=S.REQUEST)
    assert opened.request is not None and opened.request.source == Request.Source.EMAIL
    assert opened.request.attachments.exists()
    _courts_and_alices_breach()
    _contacts_never_see_the_internal_threads()


def _courts_and_alices_breach() -> None:
    courts = set(
        Thread.objects.filter(audience=Audience.CLIENT).values_list("waiting_on", flat=True)
    )
    assert courts == {Court.AGENCY, Court.CLIENT, Court.NOBODY}
    alice = today.of(_user("alice@northwind.test"))
    breached = [i for i in alice.items if i.kind == "message" and i.state == "breached"]
    assert [i.client for i in breached] == ["Acme Foods"]
    assert any(i.kind == "triage" for i in alice.items)
    assert any(i.kind == "todo" for i in today.of(_user("sam@northwind.test")).items)
    assert any(i.kind == "reply" for i in today.of(_user("carol@acme.test")).items)


def _contacts_never_see_the_internal_threads() -> None:
    internal = list(Thread.objects.filter(audience=Audience.INTERNAL))
    assert internal
    for contact in Contact.objects.select_related("user", "client"):
        person = contact.user
        visible = access.visible_to(person)
        assert not visible.filter(audience=Audience.INTERNAL).exists(), person.email
        assert not visible.exclude(client=contact.client).exists(), person.email
        for thread in internal:
            with pytest.raises(Http404):
                access.thread_for(person, thread.pk)
        # Nor by email: what contacts were sent is never the team's side.
        for sent in OutboundEmail.objects.filter(reply_to__startswith="reply+"):
            if sent.to == [person.email]:
                assert "[Agency only]" not in sent.text
