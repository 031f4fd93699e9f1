"""Mail to a client's own address opens a request only when it is believably from the contact:
the envelope sender is theirs (or their domain's), and the receiving server did not find the
From forged. Anything else waits in triage for the client's account manager."""

import pytest

from accord.conversations.inbound import authentication
from accord.conversations.models import InboundEmail
from accord.conversations.services import inbound
from accord.intake.models import Request
from tests.conversations.test_inbound import raw_mail, receive

S = InboundEmail.Status


@pytest.fixture
def to(world):
    return inbound.mailbox_address(world.acme)


def test_a_forged_from_sent_through_another_domain_waits_in_triage(world, to):
    email = receive(raw_mail(to=to), to=to, envelope="bounce@mailer.evil.test")
    assert (email.status, email.client) == (S.TRIAGE, world.acme)
    assert "evil.test" in email.reason
    assert not Request.objects.exists()


def test_the_contacts_own_domain_may_send_on_their_behalf(world, to):
    email = receive(raw_mail(to=to), to=to, envelope="bounces+123@acme.test")
    assert email.status == S.REQUEST


@pytest.mark.parametrize(
    "results",
    [
        "mx.reply.localhost; dmarc=fail (p=reject) header.from=acme.test",
        "mx.reply.localhost; spf=fail smtp.mailfrom=carol@acme.test",
        "mx.reply.localhost; dkim=fail header.d=acme.test; spf=pass smtp.mailfrom=acme.test",
    ],
)
def test_a_failed_check_for_the_from_domain_waits_in_triage_saying_why(world, to, results):
    email = receive(raw_mail(to=to, Authentication_Results=results), to=to)
    assert (email.status, email.client) == (S.TRIAGE, world.acme)
    assert "fail" in email.reason and "acme.test" in email.reason


def test_passing_checks_and_other_domains_failures_still_open_a_request(world, to):
    results = "mx.reply.localhost; dmarc=pass header.from=acme.test; dkim=fail header.d=esp.test"
    email = receive(raw_mail(to=to, Authentication_Results=results), to=to)
    assert email.status == S.REQUEST


def test_results_below_the_receiving_servers_received_line_are_not_read(world, to):
    raw = raw_mail(
        to=to,
        Received="from mx.acme.test by mx.reply.localhost",
        Authentication_Results="mx.acme.test; dmarc=fail header.from=acme.test",
    )
    assert receive(raw, to=to).status == S.REQUEST


def test_an_unreadable_results_header_is_no_failure():
    from email import message_from_bytes, policy

    message = message_from_bytes(
        b"From: a@b.test\r\nAuthentication-Results: ;;; = ( dmarc\r\n\r\nHi", policy=policy.default
    )
    assert authentication.failure(message, sender="a@b.test") is None
