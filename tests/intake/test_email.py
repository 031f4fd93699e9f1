"""Who is emailed on the intake side, with what subject, and a link to the right page."""

import asyncio
import socket
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Contact
from accord.core.models import OutboundEmail
from accord.core.policy import ContactRole, Kind
from accord.intake import services
from accord.intake.models import Brief, BriefTemplate

BASE = "http://127.0.0.1:8000"


def answers_for(world: Any) -> dict[str, str]:
    return {
        "background": "Spring launch of the plant-based range in 40 stores.",
        "objective": "2,000 voucher redemptions in April.",
        "success_measure": "Redemptions counted at the till.",
        "audience": "Commuters aged 25-40 in Leeds who buy coffee on the way to work.",
        "key_message": "Tastes as good as the one you love.",
        "channels": "Instagram, TikTok",
        "deliverables": "8 posts, 12 stories",
        "budget": "12000",
        "deadline": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "approver": str(world.carol.pk),
    }


@pytest.fixture(autouse=True)
def base_url(settings: Any) -> None:
    settings.BASE_URL = BASE


@pytest.fixture
def submitted(world: Any) -> Brief:
    """An Acme brief the AM started and submitted herself (so nobody was emailed yet)."""
    template = BriefTemplate.objects.get(name="Social campaign")
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=template, title="Oat latte launch"
    )
    brief = services.save_answers(by=world.alice, brief=brief, answers=answers_for(world))
    return services.submit_brief(by=world.alice, brief=brief)


def _link(brief: Brief) -> str:
    return f"{BASE}/intake/briefs/{brief.pk}/"


def _contact(world: Any, name: str, role: str, *, active: bool = True) -> User:
    person = User.objects.create_user(
        f"{name.lower()}@acme.test",
        "accord-demo",
        name=f"{name} Acme",
        kind=Kind.CONTACT,
        staff_role="",
        is_active=active,
    )
    Contact.objects.create(client=world.acme, user=person, role=role)
    return person


# --- to the client ---------------------------------------------------------------------------


def test_a_question_emails_every_contact_who_can_answer(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    _contact(world, "Vera", ContactRole.VIEWER)
    _contact(world, "Olga", ContactRole.APPROVER, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_question(by=world.alice, brief=submitted, text="Which stores are in it?")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["carol@acme.test", "ray@acme.test"]  # no viewer, nobody inactive
    assert mail.subject == "A question about your brief: Oat latte launch"
    assert "Which stores are in it?" in mail.body
    assert "Alice Northwind has a question" in mail.body
    assert f"Answer in Accord: {_link(submitted)}" in mail.body


def test_sign_off_request_emails_approvers_only(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    _contact(world, "Olga", ContactRole.APPROVER)
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_for_sign_off(by=world.alice, brief=submitted)
    assert [m.to for m in mailoutbox] == [["carol@acme.test", "olga@acme.test"]]
    mail = mailoutbox[0]
    assert mail.subject == "Please sign off the brief: Oat latte launch"
    assert "ready for your sign-off (version 1, fingerprint " in mail.body
    assert f"{_link(submitted)}sign-off/" in mail.body


def test_another_clients_people_hear_nothing(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = services.ask_question(by=world.alice, brief=submitted, text="Which stores?")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(by=world.carol, question=question, answer="Leeds.")
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_for_sign_off(by=world.alice, brief=submitted)
    assert len(mailoutbox) == 3
    everyone = {address for mail in mailoutbox for address in mail.to}
    assert "gus@globex.test" not in everyone and "max@northwind.test" not in everyone


def test_the_person_who_asked_hears_why_their_request_was_declined(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    request = services.submit_request(
        by=world.ray, client=world.acme, title="Menu cards", what="New menu cards."
    )
    reason = "Thank you, Ray: print is outside our retainer, but we can recommend a printer."
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_request(by=world.alice, request=request, decision="decline", reason=reason)
    assert [m.to for m in mailoutbox] == [["ray@acme.test"]]
    assert mailoutbox[0].subject == "About your request: Menu cards"
    assert reason in mailoutbox[0].body
    assert f"{BASE}/intake/requests/{request.pk}/" in mailoutbox[0].body


# --- to the account manager ------------------------------------------------------------------


def test_a_request_from_the_client_emails_the_am(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.submit_request(
            by=world.carol,
            client=world.acme,
            title="Spring launch posts",
            what="Posts for the plant-based launch.",
            needed_by=timezone.localdate() + timedelta(days=30),
        )
    assert [m.to for m in mailoutbox] == [["alice@northwind.test"]]
    mail = mailoutbox[0]
    assert mail.subject == "New request from Acme Foods: Spring launch posts"
    assert "Acme Foods sent a new request (Carol Acme)" in mail.body
    assert "Posts for the plant-based launch." in mail.body
    assert f"{BASE}/intake/requests/{request.pk}/" in mail.body


def test_a_request_the_am_logs_emails_nobody(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_request(
            by=world.alice, client=world.acme, title="Menu", what="A menu.", source="phone"
        )
    assert mailoutbox == []


def test_submitting_and_signing_off_email_the_am(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    template = BriefTemplate.objects.get(name="Social campaign")
    brief = services.start_brief(
        by=world.carol, client=world.acme, template=template, title="Oat latte launch"
    )
    brief = services.save_answers(by=world.carol, brief=brief, answers=answers_for(world))
    with django_capture_on_commit_callbacks(execute=True):
        brief = services.submit_brief(by=world.carol, brief=brief)
    assert [m.to for m in mailoutbox] == [["alice@northwind.test"]]
    assert mailoutbox[-1].subject == "Acme Foods: brief submitted — Oat latte launch"
    assert _link(brief) in mailoutbox[-1].body

    brief = services.propose_for_sign_off(by=world.alice, brief=brief)
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_off(by=world.carol, brief=brief, version_number=1)
    assert mailoutbox[-1].to == ["alice@northwind.test"]
    assert mailoutbox[-1].subject == "Acme Foods: brief signed off — Oat latte launch"
    assert _link(brief) in mailoutbox[-1].body


def test_the_am_hears_when_the_last_question_is_answered(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    first = services.ask_question(by=world.alice, brief=submitted, text="Which stores?")
    second = services.ask_question(by=world.alice, brief=submitted, text="Vegan claims?")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(by=world.carol, question=first, answer="Leeds and York.")
    assert mailoutbox == []  # one is still open
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(by=world.carol, question=second, answer="Yes, certified.")
    assert [m.to for m in mailoutbox] == [["alice@northwind.test"]]
    assert mailoutbox[0].subject == "Acme Foods: brief answered — Oat latte launch"


def test_mail_is_stored_with_the_change_and_sent_after_the_commit(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.ask_question(by=world.alice, brief=submitted, text="Which stores?")
    assert callbacks and mailoutbox == []
    email = OutboundEmail.objects.latest("id")
    assert email.subject == "A question about your brief: Oat latte launch"
    assert email.sent_at is None and email.message_id.endswith("@127.0.0.1>")


def test_plain_text_mail_is_not_html_escaped(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    submitted = services.save_answers(
        by=world.alice, brief=submitted, answers={}, title="Salt & Pepper <launch>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_question(by=world.alice, brief=submitted, text='Is "R&D" in or out?')
    body = mailoutbox[0].body
    assert "“Salt & Pepper <launch>”" in body and 'Is "R&D" in or out?' in body
    assert "&amp;" not in body and "&quot;" not in body


# --- through a real SMTP session -------------------------------------------------------------


class Collector:
    """An aiosmtpd handler that keeps every envelope it is given."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        await asyncio.sleep(0)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_a_question_is_delivered_over_smtp(
    world, submitted, settings, django_capture_on_commit_callbacks
):
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 10
        with django_capture_on_commit_callbacks(execute=True):
            services.ask_question(by=world.alice, brief=submitted, text="Which stores?")
    finally:
        controller.stop()
    assert len(collector.envelopes) == 1
    envelope = collector.envelopes[0]
    assert sorted(envelope.rcpt_tos) == ["carol@acme.test", "ray@acme.test"]
    message = message_from_bytes(envelope.original_content or envelope.content)
    subject = str(make_header(decode_header(message["Subject"])))
    assert subject == "A question about your brief: Oat latte launch"
    assert message["To"] == "carol@acme.test, ray@acme.test"
    body = message.get_payload(decode=True).decode()
    assert "Which stores?" in body and _link(submitted) in body
    stored = OutboundEmail.objects.latest("id")
    assert stored.sent_at is not None and stored.attempts == 1 and stored.last_error == ""
