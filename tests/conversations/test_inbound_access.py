"""Who reads an email that came in: mail waiting in triage is the account managers' desk; once
sorted (or set aside as automatic), only those who run its client read it, raw included."""

import pytest
from django.http import Http404

from accord.conversations import access
from accord.conversations.models import InboundEmail
from tests.conversations.test_inbound import raw_mail, receive

S = InboundEmail.Status


@pytest.fixture
def out_of_office(world):
    from accord.conversations import addresses
    from tests.conversations.talk import carol_asks

    thread = carol_asks(world)
    to = addresses.issue(thread=thread, user=world.carol, message_id="<n-1@accord.test>")
    email = receive(raw_mail(to=to, Auto_Submitted="auto-replied", subject="Away"), to=to)
    assert email.status == S.AUTOMATIC
    return email, thread


def test_an_automatic_reply_is_kept_with_the_client_and_thread_it_answers(out_of_office):
    email, thread = out_of_office
    assert (email.client, email.thread) == (thread.client, thread)


def test_only_those_who_run_the_client_read_its_automatic_mail(out_of_office, alice, erin, max):
    email, _ = out_of_office
    assert access.inbound_for(alice, email.pk) == email
    assert access.inbound_for(erin, email.pk) == email
    with pytest.raises(Http404):
        access.inbound_for(max, email.pk)


def test_mail_without_a_client_is_the_desks_only_while_it_waits_in_triage(db, alice, erin):
    to = "hello@reply.localhost"
    email = receive(raw_mail(to=to, sender="x@nowhere.test"), to=to, envelope="x@nowhere.test")
    assert (email.status, email.client) == (S.TRIAGE, None)
    assert access.inbound_for(alice, email.pk) == email
    InboundEmail.objects.filter(pk=email.pk).update(status=S.AUTOMATIC)
    with pytest.raises(Http404):
        access.inbound_for(alice, email.pk)
    assert access.inbound_for(erin, email.pk) == email


def test_an_email_not_processed_yet_is_the_admins_only(db, alice, erin):
    from accord.conversations.services import inbound

    to = "hello@reply.localhost"
    email = inbound.store(raw=raw_mail(to=to), peer="127.0.0.1", mail_from="c@x.test", rcpt_to=[to])
    with pytest.raises(Http404):
        access.inbound_for(alice, email.pk)
    assert access.inbound_for(erin, email.pk) == email
