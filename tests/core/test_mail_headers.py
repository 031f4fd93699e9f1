"""Headers of outbound email: threading, replies, one-click unsubscribe, and auto-replies
suppressed; none can carry a line break."""

import pytest
from django.core import mail as django_mail

from accord.core import mail
from accord.core.models import OutboundEmail

MAGIC = {"user": None, "minutes": 30, "link": "https://accord.example.com/m/x"}


def _queue(**extra) -> OutboundEmail:
    return mail.queue_email(
        to=["carol@acme.test"],
        subject="About the posters",
        template="accounts/email/magic_link",
        context=MAGIC,
        **extra,
    )


def _sent(email: OutboundEmail):
    assert mail.deliver(email.pk) is True
    return django_mail.outbox[-1].message()


def test_every_email_says_it_was_sent_by_a_machine(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    assert _sent(email)["Auto-Submitted"] == "auto-generated"


def test_threading_headers_reply_address_and_message_id_are_sent_as_stored(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue(
            headers={
                "In-Reply-To": "<t1@accord.test>",
                "References": "<t0@accord.test> <t1@accord.test>",
            },
            reply_to="reply+abc123@reply.accord.test",
            message_id="m42@accord.test",
        )
    assert email.message_id == "<m42@accord.test>"
    message = _sent(email)
    assert message["Message-ID"] == "<m42@accord.test>"
    assert message["In-Reply-To"] == "<t1@accord.test>"
    assert message["References"] == "<t0@accord.test> <t1@accord.test>"
    assert message["Reply-To"] == "reply+abc123@reply.accord.test"


def test_no_header_can_carry_a_line_break(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue(
            headers={"References": "<a@x>\r\nBcc: eve@evil.test"},
            reply_to="reply@x.test\nBcc: eve@evil.test",
            message_id="<m@x>\r\nBcc: eve@evil.test",
        )
    email.refresh_from_db()
    assert "\n" not in email.headers["References"] and "\r" not in email.headers["References"]
    assert "\n" not in email.reply_to and "\n" not in email.message_id
    message = _sent(email)
    assert message["Bcc"] is None
    assert django_mail.outbox[-1].recipients() == ["carol@acme.test"]


def test_a_line_break_put_in_a_stored_header_later_is_still_sent_on_one_line(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    OutboundEmail.objects.filter(pk=email.pk).update(
        headers={"X-Thread": "a\nBcc: eve@evil.test", "Bad Name": "x"}
    )
    message = _sent(email)
    assert message["X-Thread"] == "a Bcc: eve@evil.test" and message["Bcc"] is None


@pytest.mark.parametrize("name", ["Subject", "message-id", "To", "Reply-To", "Bad Name", "X:Y"])
def test_a_reserved_or_malformed_header_name_is_refused_when_stored(db, name):
    with pytest.raises(ValueError, match=r"header|set by"):
        _queue(headers={name: "x"})


def test_an_unsubscribe_link_becomes_the_one_click_headers_and_is_in_the_body(
    db, django_capture_on_commit_callbacks
):
    link = "https://accord.example.com/notifications/unsubscribe/tok/"
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue(unsubscribe_link=link)
    assert link in email.text
    message = _sent(email)
    assert message["List-Unsubscribe"] == f"<{link}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
