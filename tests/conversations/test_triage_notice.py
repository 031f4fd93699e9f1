"""Mail that lands in triage is brought to the account manager's attention."""

from accord.conversations.services import inbound
from accord.core.models import Notification

RAW = (
    b"From: Hannah Legal <hannah@acme.test>\r\nTo: {to}\r\nSubject: Contract question\r\n"
    b"Message-ID: <h1@acme.test>\r\n\r\nWho signs the new terms?\r\n"
)


def test_the_clients_account_manager_hears_of_mail_to_sort(world):
    to = inbound.mailbox_address(world.acme)
    email = inbound.store(
        raw=RAW.replace(b"{to}", to.encode()), peer="127.0.0.1", mail_from="hannah@acme.test",
        rcpt_to=[to],
    )  # fmt: skip
    assert inbound.process(email_id=email.pk) == "triage"
    (notice,) = Notification.objects.filter(kind="mail.triage")
    assert notice.user == world.alice and "Contract question" in notice.text
    assert notice.url.endswith(f"/conversations/triage/{email.pk}/")


def test_mail_for_no_known_client_goes_to_the_admins(world):
    to = "reply+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@reply.localhost"
    email = inbound.store(
        raw=RAW.replace(b"{to}", to.encode()).replace(b"acme.test", b"nowhere.test"),
        peer="127.0.0.1", mail_from="hannah@nowhere.test", rcpt_to=[to],
    )  # fmt: skip
    assert inbound.process(email_id=email.pk) == "triage"
    assert list(Notification.objects.values_list("user__email", flat=True)) == [
        "erin@northwind.test"
    ]


def test_no_new_notice_while_one_to_sort_email_is_unread(world):
    from django.utils import timezone

    to = inbound.mailbox_address(world.acme)
    for number in range(3):
        raw = RAW.replace(b"{to}", to.encode()).replace(b"<h1@", f"<h{number}@".encode())
        email = inbound.store(raw=raw, peer="127.0.0.1", mail_from="hannah@acme.test", rcpt_to=[to])
        assert inbound.process(email_id=email.pk) == "triage"
        if number == 1:
            Notification.objects.filter(kind="mail.triage").update(read_at=timezone.now())
    assert Notification.objects.filter(kind="mail.triage", user=world.alice).count() == 2
