"""Processing stored email: replies into their threads, requests from a client's address, the
triage queue for everything doubtful, automatic mail kept aside, and nothing ever lost."""

from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.utils import timezone

from accord.conversations import addresses
from accord.conversations.models import InboundEmail, Message, MessageAttachment
from accord.conversations.services import inbound, threads
from accord.core.errors import Conflict, InvalidInput, NotAllowed
from accord.core.models import Event
from accord.core.policy import Audience
from accord.intake.models import Request
from tests.conversations.talk import acme_job, carol_asks

S = InboundEmail.Status
QUOTED = (
    "\n"
    "\n"
    "On Mon, 3 Mar 2025 at 10:00, Alice Northwind <alice@northwind.test> wrote:\n"
    "> Can the logo be bigger?\n"
)


def raw_mail(
    *,
    sender: str = "Carol Acme <carol@acme.test>",
    to: str = "someone@reply.localhost",
    subject: str = "Re: Logo size",
    body: str = "Yes, twice as big." + QUOTED,
    files: tuple[tuple[str, bytes], ...] = (),
    **headers: str,
) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Message-ID"] = "<c-1@acme.test>"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    for name, data in files:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()


def receive(raw: bytes, *, to: str, envelope: str = "carol@acme.test") -> InboundEmail:
    email = inbound.store(raw=raw, peer="127.0.0.1", mail_from=envelope, rcpt_to=[to])
    inbound.process(email_id=email.pk)
    email.refresh_from_db()
    return email


@pytest.fixture
def thread(world):
    return carol_asks(world)


@pytest.fixture
def carols_address(thread, carol):
    return addresses.issue(thread=thread, user=carol, message_id="<n-1@accord.test>")


def test_a_reply_lands_in_its_thread_as_its_person_without_the_quoted_history(
    thread, carol, carols_address
):
    email = receive(raw_mail(to=carols_address), to=carols_address)
    assert (email.status, email.thread, email.client) == (S.THREADED, thread, thread.client)
    message = thread.messages.latest("id")
    assert (message.author, message.via, message.inbound) == (carol, Message.Via.EMAIL, email)
    assert message.body == "Yes, twice as big."
    assert (email.sender, email.subject, email.message_id) == (
        "carol@acme.test",
        "Re: Logo size",
        "<c-1@acme.test>",
    )
    assert bytes(email.raw) == raw_mail(to=carols_address)


def test_processing_twice_makes_one_message(thread, carols_address):
    email = receive(raw_mail(to=carols_address), to=carols_address)
    before = thread.messages.count()
    assert inbound.process(email_id=email.pk) == S.THREADED
    assert thread.messages.count() == before


def test_the_sender_is_compared_without_case(thread, carols_address):
    raw = raw_mail(to=carols_address, sender="CAROL@Acme.TEST")
    assert receive(raw, to=carols_address, envelope="Carol@ACME.test").status == S.THREADED


def test_a_reply_that_lost_its_address_finds_its_thread_by_its_headers(thread, carols_address):
    raw = raw_mail(In_Reply_To="<n-1@accord.test>", References="<x@y> <n-1@accord.test>")
    email = receive(raw, to="carol-forwarded@reply.localhost")
    assert (email.status, email.thread) == (S.THREADED, thread)


def test_someone_else_replying_with_carols_address_goes_to_triage(thread, carols_address):
    email = receive(
        raw_mail(to=carols_address, sender="Ray <ray@acme.test>"),
        to=carols_address,
        envelope="ray@acme.test",
    )
    assert (email.status, email.reason) == (S.TRIAGE, inbound.NOT_THE_PERSON)
    assert (email.thread, email.client) == (thread, thread.client)
    assert not thread.messages.filter(via=Message.Via.EMAIL).exists()


def test_a_forged_from_with_another_servers_envelope_goes_to_triage(thread, carols_address):
    email = receive(raw_mail(to=carols_address), to=carols_address, envelope="x@spammer.test")
    assert email.status == S.TRIAGE


@pytest.mark.parametrize(
    "token", ["a" * 32, "not-a-token", ""], ids=["unknown", "garbled", "empty"]
)
def test_a_forged_or_unknown_reply_token_goes_to_triage_with_the_senders_client(
    world, thread, token
):
    to = f"reply+{token}@reply.localhost"
    email = receive(raw_mail(to=to), to=to)
    assert (email.status, email.reason, email.client) == (S.TRIAGE, inbound.FORGED, world.acme)


def test_a_revoked_reply_address_goes_to_triage(thread, carols_address):
    from accord.conversations.models import ReplyAddress

    ReplyAddress.objects.update(revoked_at=timezone.now())
    assert receive(raw_mail(to=carols_address), to=carols_address).status == S.TRIAGE


def test_mail_from_an_unknown_sender_to_nowhere_goes_to_triage_without_a_client(db):
    to = "hello@reply.localhost"
    email = receive(raw_mail(to=to, sender="stranger@example.test"), to=to, envelope="s@e.test")
    assert (email.status, email.reason, email.client) == (S.TRIAGE, inbound.NOWHERE, None)


def test_a_creative_replying_into_a_client_thread_goes_to_triage(world, dan):
    thread = carol_asks(world, job=acme_job(world))
    to = addresses.issue(thread=thread, user=dan, message_id="<n-2@accord.test>")
    email = receive(
        raw_mail(to=to, sender="dan@northwind.test"), to=to, envelope="dan@northwind.test"
    )
    assert email.status == S.TRIAGE
    assert "account manager" in email.reason


def test_automatic_replies_and_bounces_are_kept_but_not_posted(thread, carols_address):
    raw = raw_mail(to=carols_address, Auto_Submitted="auto-replied", subject="Out of office")
    email = receive(raw, to=carols_address)
    assert email.status == S.AUTOMATIC and "Auto-Submitted" in email.reason
    bounce = receive(raw_mail(to=carols_address), to=carols_address, envelope="")
    assert bounce.status == S.AUTOMATIC
    assert thread.messages.count() == 1


def test_malformed_mail_goes_to_triage_with_the_reason(db):
    email = receive(b"\x00\x01 not an email", to="x@reply.localhost")
    assert email.status == S.TRIAGE
    assert email.reason.startswith("The email cannot be read")


def test_attachments_are_kept_and_a_huge_one_named_in_the_message(settings, thread, carols_address):
    settings.ATTACHMENT_MAX_BYTES = 1000
    files = (("brief.pdf", b"%PDF-1.4 small"), ("film.mov", b"\x00" * 5000))
    email = receive(raw_mail(to=carols_address, files=files), to=carols_address)
    message = thread.messages.latest("id")
    assert [a.name for a in MessageAttachment.objects.filter(message=message)] == ["brief.pdf"]
    assert "“film.mov”" in message.body and "too large" in message.body
    assert email.status == S.THREADED


def test_a_message_keeps_a_bounded_number_of_an_emails_files(monkeypatch, thread, carols_address):
    monkeypatch.setattr(inbound, "FILES_PER_EMAIL", 2)
    files = tuple((f"page-{n}.pdf", b"%PDF-1.4 " + bytes([n])) for n in range(4))
    email = receive(raw_mail(to=carols_address, files=files), to=carols_address)
    message = thread.messages.latest("id")
    assert [a.name for a in message.attachments.order_by("id")] == ["page-0.pdf", "page-1.pdf"]
    assert "“page-2.pdf”, “page-3.pdf”" in message.body
    assert email.status == S.THREADED and b"page-3.pdf" in bytes(email.raw)


def test_html_with_scripts_becomes_plain_words(thread, carols_address):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "carol@acme.test", carols_address, "Re"
    message.set_content(
        "<p>Fine.</p><script>alert(1)</script><img src=x onerror=alert(2)>", subtype="html"
    )
    receive(message.as_bytes(), to=carols_address)
    posted = thread.messages.latest("id")
    assert posted.body == "Fine." and "<script" not in posted.html


# --- Nothing lost ----------------------------------------------------------------------------


def test_a_failure_leaves_the_raw_email_for_another_attempt_then_triage(
    monkeypatch, thread, carols_address
):
    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(threads, "post", broken)
    email = inbound.store(
        raw=raw_mail(to=carols_address),
        peer="",
        mail_from="carol@acme.test",
        rcpt_to=[carols_address],
    )
    assert inbound.process(email_id=email.pk) == S.RECEIVED
    email.refresh_from_db()
    assert (email.status, email.attempts) == (S.RECEIVED, 1)
    assert "disk on fire" in email.reason and bytes(email.raw)
    for _ in range(inbound.MAX_ATTEMPTS):
        inbound.process(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == S.TRIAGE
    assert email.reason.startswith(f"Could not be processed after {inbound.MAX_ATTEMPTS} attempts")
    assert "disk on fire" in email.reason


def test_the_sweep_processes_emails_left_received(thread, carols_address):
    email = InboundEmail.objects.create(
        raw=raw_mail(to=carols_address),
        mail_from="carol@acme.test",
        rcpt_to=[carols_address],
        sha256="x",
        queued_at=timezone.now() - inbound.SWEEP_AFTER - timedelta(seconds=1),
    )
    fresh = InboundEmail.objects.create(raw=b"x", rcpt_to=[], sha256="y", queued_at=timezone.now())
    assert inbound.sweep() == [email.pk]  # the task backend in tests runs it at once
    email.refresh_from_db()
    fresh.refresh_from_db()
    assert (email.status, fresh.status) == (S.THREADED, S.RECEIVED)


def test_the_sweep_waits_while_processing_tasks_are_queued(monkeypatch, thread, carols_address):
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(inbound, "_enqueue", lambda ids: None)
    long_ago = timezone.now() - inbound.SWEEP_AFTER - timedelta(seconds=1)
    email = InboundEmail.objects.create(raw=b"x", rcpt_to=[], sha256="x", queued_at=long_ago)
    queued = DBTaskResult.objects.create(
        task_path="accord.conversations.tasks.process_inbound_email",
        args_kwargs={"args": [email.pk], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=timezone.now() - timedelta(minutes=1),
        return_value=None,
    )
    assert inbound.sweep() == []  # a backlog: the email is late, not lost
    queued.delete()
    assert inbound.sweep() == [email.pk]


def test_storing_asks_the_worker_once_committed(django_capture_on_commit_callbacks, carols_address):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = inbound.store(
            raw=raw_mail(to=carols_address),
            peer="",
            mail_from="carol@acme.test",
            rcpt_to=[carols_address],
        )
    assert callbacks  # the processing, then the notifications it stores
    email.refresh_from_db()
    assert email.status == S.THREADED and email.queued_at is not None


# --- A client's own address ------------------------------------------------------------------


def test_a_clients_address_is_made_once_from_its_name(world):
    from accord.clients.models import Client

    first = inbound.mailbox_of(world.acme)
    assert first.local_part == "acme-foods"
    assert inbound.mailbox_of(world.acme) == first
    twin = Client.objects.create(name="Acme Foods!", account_manager=world.alice)
    assert inbound.mailbox_of(twin).local_part == "acme-foods-2"
    assert inbound.mailbox_address(world.acme) == "acme-foods@reply.localhost"


def test_mail_from_a_contact_to_the_clients_address_opens_a_request(world, carol):
    to = inbound.mailbox_address(world.acme)
    raw = raw_mail(to=to, subject="Fwd: Summer campaign", body="We need three posts.\n\n-- \nCarol",
                   files=(("brief.pdf", b"%PDF-1.4 brief"),))  # fmt: skip
    email = receive(raw, to=to)
    assert email.status == S.REQUEST
    request = email.request
    assert (request.client, request.title, request.requested_by) == (
        world.acme,
        "Summer campaign",
        carol,
    )
    assert request.source == Request.Source.EMAIL
    assert request.what.startswith("We need three posts.")
    assert [a.original_name for a in request.attachments.all()] == ["brief.pdf"]
    assert Event.objects.filter(verb="mail.request", data__request=request.pk).exists()


def test_a_forwarded_email_to_the_clients_address_keeps_what_was_forwarded(world):
    to = inbound.mailbox_address(world.acme)
    body = (
        "Over to you.\n"
        "\n"
        "From: Boss <boss@acme.test>\n"
        "Sent: Monday\n"
        "To: Carol\n"
        "Subject: Summer\n"
        "\n"
        "Three posts please."
    )
    email = receive(raw_mail(to=to, subject="FW: Summer", body=body), to=to)
    assert "Three posts please." in email.request.what


@pytest.mark.parametrize(
    ("sender", "why"),
    [("gus@globex.test", "another client's contact"), ("stranger@example.test", "unknown")],
)
def test_mail_to_the_clients_address_from_others_goes_to_triage_for_that_client(world, sender, why):
    to = inbound.mailbox_address(world.acme)
    email = receive(raw_mail(to=to, sender=sender), to=to, envelope=sender)
    assert (email.status, email.client) == (S.TRIAGE, world.acme)
    assert not Request.objects.exists()


def test_a_viewer_cannot_open_a_request_by_email(world, ray):
    from accord.clients.models import Contact
    from accord.core.policy import ContactRole

    Contact.objects.filter(user=ray).update(role=ContactRole.VIEWER)
    to = inbound.mailbox_address(world.acme)
    email = receive(raw_mail(to=to, sender="ray@acme.test"), to=to, envelope="ray@acme.test")
    assert email.status == S.TRIAGE


# --- Triage ----------------------------------------------------------------------------------


@pytest.fixture
def waiting(world):
    to = "hello@reply.localhost"
    return receive(raw_mail(to=to, subject="About the logo"), to=to)


def test_the_account_manager_posts_an_email_from_triage_into_a_thread(
    waiting, thread, alice, carol
):
    assert (waiting.status, waiting.client) == (S.TRIAGE, thread.client)
    message = inbound.assign(by=alice, email=waiting, thread=thread, as_person=carol)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.thread, waiting.triaged_by) == (S.THREADED, thread, alice)
    assert (message.author, message.body, message.via) == (carol, "Yes, twice as big.", "email")
    assert Event.objects.filter(verb="mail.triaged", data__outcome="thread").exists()
    with pytest.raises(Conflict):
        inbound.dismiss(by=alice, email=waiting, reason="twice")


def test_only_those_who_run_the_client_triage_its_email(waiting, thread, max, carol):
    with pytest.raises(NotAllowed):
        inbound.assign(by=max, email=waiting, thread=thread, as_person=carol)
    with pytest.raises(NotAllowed):
        inbound.dismiss(by=max, email=waiting, reason="not mine")


def test_an_email_is_posted_only_as_someone_of_the_threads_audience(waiting, thread, alice, gus):
    with pytest.raises(InvalidInput):
        inbound.assign(by=alice, email=waiting, thread=thread, as_person=gus)


def test_the_account_manager_opens_a_request_from_triage(waiting, world, alice, carol):
    request = inbound.open_request(by=alice, email=waiting, client=world.acme, contact=carol)
    assert (request.source, request.requested_by, request.logged_by) == ("email", carol, alice)
    assert request.title == "About the logo"
    waiting.refresh_from_db()
    assert (waiting.status, waiting.request) == (S.REQUEST, request)


def test_a_request_from_triage_is_asked_by_one_of_the_clients_contacts(waiting, world, alice, gus):
    with pytest.raises(InvalidInput) as refused:
        inbound.open_request(by=alice, email=waiting, client=world.acme, contact=gus)
    assert refused.value.field == "contact"
    waiting.refresh_from_db()
    assert waiting.status == S.TRIAGE and not Request.objects.exists()


def test_dismissing_keeps_the_email_with_the_reason(waiting, alice):
    with pytest.raises(InvalidInput):
        inbound.dismiss(by=alice, email=waiting, reason="  ")
    inbound.dismiss(by=alice, email=waiting, reason="Spam")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.reason, waiting.triaged_by) == (S.DISMISSED, "Spam", alice)
    assert bytes(waiting.raw)


def test_an_unreadable_email_can_still_be_dismissed_or_posted(world, thread, alice, carol):
    email = receive(b"\x00\x01 not an email from carol", to="x@reply.localhost")
    shown = inbound.display(email)
    assert shown.problem and shown.text == ""
    message = inbound.assign(by=alice, email=email, thread=thread, as_person=carol)
    assert "not an email from carol" in message.body


def test_the_triage_display_shows_sender_subject_words_and_files(world, alice):
    to = "hello@reply.localhost"
    email = receive(raw_mail(to=to, files=(("brief.pdf", b"%PDF-1.4"),)), to=to)
    shown = inbound.display(email)
    assert (shown.sender, shown.sender_name, shown.subject) == (
        "carol@acme.test",
        "Carol Acme",
        "Re: Logo size",
    )
    assert shown.text == "Yes, twice as big."
    assert shown.attachments == ["brief.pdf (8 bytes)"]


def test_the_triage_display_does_not_read_a_large_email_again(monkeypatch, world):
    to = "hello@reply.localhost"
    email = receive(raw_mail(to=to, files=(("film.mov", b"\x00" * 4000),)), to=to)
    monkeypatch.setattr(inbound, "DISPLAY_MAX_BYTES", 2000)
    monkeypatch.setattr(inbound.parse, "read", None)  # reading it again would fail
    shown = inbound.display(email)
    assert "download the original" in shown.problem and shown.text == ""
    assert (shown.sender, shown.subject) == ("carol@acme.test", "Re: Logo size")


def test_internal_threads_take_staff_only(world, alice, carol, dan, waiting):
    team = threads.start_thread(
        by=alice, client=world.acme, audience=Audience.INTERNAL, subject="Team", body="Hi",
        people=[dan],
    )  # fmt: skip
    with pytest.raises(InvalidInput):
        inbound.assign(by=alice, email=waiting, thread=team, as_person=carol)
    message = inbound.assign(by=alice, email=waiting, thread=team, as_person=alice)
    assert message.thread == team
