"""Outbound email: stored first, delivered after commit, exactly once."""

import io
import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail as django_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db import DatabaseBackend

from accord.clients import services as clients
from accord.core import mail
from accord.core.models import Event, OutboundEmail, WorkerHeartbeat
from accord.core.tasks import deliver_email
from accord.core.worker import beat

FAILING_BACKEND = "tests.core.test_mail.RefusingSMTPBackend"


class RefusingSMTPBackend(BaseEmailBackend):
    """Stands in for an SMTP server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("smtp.example.com:25 refused the connection")


class UnreachableQueue(DatabaseBackend):
    """Stands in for a task queue that cannot take a task right now (a locked database)."""

    def enqueue(self, task, args, kwargs):
        raise OperationalError("database is locked")


def _queue(*, sensitive: bool = False) -> OutboundEmail:
    return mail.queue_email(
        to=["carol@acme.test"],
        subject="Your sign-in link",
        template="accounts/email/magic_link",
        context={"user": None, "minutes": 30, "link": "https://accord.example.com/m/secret"},
        sensitive=sensitive,
    )


def test_an_email_is_stored_at_once_and_sent_only_after_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = _queue()
        assert OutboundEmail.objects.filter(pk=email.pk, sent_at__isnull=True).exists()
        assert django_mail.outbox == []
    assert len(callbacks) == 1
    assert len(django_mail.outbox) == 1
    sent = django_mail.outbox[0]
    assert sent.to == ["carol@acme.test"]
    assert sent.subject == "Your sign-in link"
    assert "https://accord.example.com/m/secret" in sent.body
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1


def test_an_email_is_never_sent_if_its_transaction_rolls_back(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _queue()
    # The callback never runs: the surrounding transaction did not commit.
    assert django_mail.outbox == []
    assert len(callbacks) == 1


def test_delivering_twice_sends_one_email(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    assert mail.deliver(email.pk) is True
    assert mail.deliver(email.pk) is False
    assert len(django_mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1


def test_delivering_an_unknown_email_does_nothing(db):
    assert mail.deliver(987654) is False
    assert django_mail.outbox == []


def test_a_sensitive_email_is_redacted_once_delivered(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(sensitive=True)
    assert "https://accord.example.com/m/secret" in django_mail.outbox[0].body
    email.refresh_from_db()
    assert email.text == mail.REDACTED
    assert email.html == ""
    assert "secret" not in email.text


def test_an_ordinary_email_keeps_its_body(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(sensitive=False)
    email.refresh_from_db()
    assert "https://accord.example.com/m/secret" in email.text


def _mail_log(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "accord.core.mail"]


def test_a_failed_delivery_is_recorded_and_can_be_retried(
    db, settings, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue(sensitive=True)
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with caplog.at_level(logging.INFO, logger="accord.core.mail"):
        assert mail.deliver(email.pk) is False, "a failure is recorded, not raised"
    email.refresh_from_db()
    [record] = [r for r in _mail_log(caplog) if "not sent" in r.getMessage()]
    assert record.levelno == logging.WARNING and record.exc_info is None, "one line, no traceback"
    assert record.getMessage() == (
        f"Email {email.pk} to c…@acme.test not sent (ConnectionRefusedError: "
        "smtp.example.com:25 refused the connection); next attempt at "
        f"{email.next_attempt_at.astimezone(UTC):%H:%M} UTC."
    )
    assert "carol" not in caplog.text, "the address is not written out in the log"
    assert email.sent_at is None
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    assert "refused the connection" in email.last_error
    assert "https://accord.example.com/m/secret" in email.text, "not redacted before it is sent"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _due(email)
    assert mail.deliver(email.pk) is True
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 2
    assert email.last_error == ""
    assert len(django_mail.outbox) == 1


def test_a_failure_after_commit_leaves_the_email_pending(
    db, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue()
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.last_error.startswith("ConnectionRefusedError")


def test_plain_text_email_is_not_html_escaped(db, django_capture_on_commit_callbacks):
    email = mail.queue_email(
        to=["wendy@harbor.test"],
        subject="Welcome",
        template="accounts/email/invitation",
        context={"user": None, "client_name": "Harbor & Pine's", "link": "https://x.test/?a=1&b=2"},
    )
    assert "Harbor & Pine's" in email.text
    assert "https://x.test/?a=1&b=2" in email.text
    assert "&amp;" not in email.text
    assert "&#x27;" not in email.text


def test_an_invitation_to_a_client_with_an_ampersand_reads_as_typed(
    alice, django_capture_on_commit_callbacks
):
    client = clients.create_client(by=alice, name="Harbor & Pine's")
    with django_capture_on_commit_callbacks(execute=True):
        clients.invite_contact(by=alice, client=client, email="wendy@harbor.test", name="Wendy")
    [message] = django_mail.outbox
    assert "to work together on Harbor & Pine's." in message.body


def test_a_line_break_in_a_subject_cannot_make_an_email_undeliverable(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = mail.queue_email(
            to=["carol@acme.test"],
            subject="A question about your brief: Spring\r\nlaunch\n posts",
            template="accounts/email/magic_link",
            context={"user": None, "minutes": 30, "link": "https://accord.example.com/m/x"},
        )
    email.refresh_from_db()
    assert email.subject == "A question about your brief: Spring launch posts"
    assert email.sent_at is not None and email.last_error == ""
    assert django_mail.outbox[0].subject == "A question about your brief: Spring launch posts"


def test_every_attempt_carries_the_message_id_given_when_it_was_stored(
    db, settings, django_capture_on_commit_callbacks
):
    settings.BASE_URL = "https://accord.agency.example"
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    assert email.message_id.startswith("<") and email.message_id.endswith("@accord.agency.example>")
    _fail(email, settings, django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _due(email)
    assert mail.deliver(email.pk) is True
    [sent] = django_mail.outbox
    assert sent.message()["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert email.attempts == 2


def test_a_message_being_sent_is_left_to_its_worker_until_the_lease_lapses(
    db, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    claimed_at = timezone.now() - timedelta(seconds=settings.MAIL_LEASE_SECONDS - 5)
    OutboundEmail.objects.filter(pk=email.pk).update(
        claimed_at=claimed_at, claimed_by="another-worker", attempts=1
    )
    assert mail.deliver(email.pk) is False, "another worker is sending it"
    assert django_mail.outbox == []
    OutboundEmail.objects.filter(pk=email.pk).update(claimed_at=claimed_at - timedelta(seconds=10))
    assert mail.deliver(email.pk) is True, "that worker died: send it again"
    email.refresh_from_db()
    assert email.attempts == 2 and email.claimed_at is None and email.claimed_by == ""


def test_a_message_whose_workers_keep_dying_while_sending_it_is_given_up(
    db, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue(sensitive=True)
    lapsed = timezone.now() - timedelta(seconds=settings.MAIL_LEASE_SECONDS + 1)
    OutboundEmail.objects.filter(pk=email.pk).update(
        claimed_at=lapsed, claimed_by="killed", attempts=len(mail.RETRY_AFTER) + 1
    )
    assert mail.deliver(email.pk) is False
    email.refresh_from_db()
    assert email.abandoned_at is not None and email.claimed_at is None
    assert email.last_error == mail.GAVE_UP.format(attempts=6, error=mail.WORKER_DIED)
    assert "secret" not in email.text
    assert django_mail.outbox == []


def test_the_sweep_queues_overdue_mail_once_a_sweep(
    db, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()  # committed, but the process died before queueing it
    assert mail.sweep() == [], "not overdue yet"
    OutboundEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=settings.MAIL_SWEEP_SECONDS + 1)
    )
    assert mail.sweep() == [email.pk]
    assert mail.sweep() == [], "queued: due again only after another sweep interval"
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs["args"] == [email.pk]


# --- Retries, expiry, giving up ------------------------------------------------------------

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _due(email):
    """The retry pause is over (as if its time had come)."""
    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())


def _fail(email, settings, django_capture_on_commit_callbacks):
    _due(email)
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.deliver(email.pk) is False
    email.refresh_from_db()


def _logged_time(record: logging.LogRecord) -> str:
    found = re.search(r"next attempt at ([-\d]{10} )?(\d\d:\d\d) UTC\.$", record.getMessage())
    assert found, record.getMessage()
    return found.group(2)  # the date, shown past midnight, is `_at`'s own test's


def test_a_failed_delivery_is_retried_after_growing_pauses_then_given_up(
    db, settings, django_capture_on_commit_callbacks, caplog
):
    from django_tasks_db.models import DBTaskResult

    caplog.set_level(logging.INFO, logger="accord.core.mail")
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue(sensitive=True)
    settings.TASKS = DB_TASKS
    pauses = []
    for _ in mail.RETRY_AFTER:
        before = timezone.now()
        caplog.clear()
        _fail(email, settings, django_capture_on_commit_callbacks)
        retry = DBTaskResult.objects.order_by("-enqueued_at").first()
        assert retry.task_path == "accord.core.tasks.deliver_email"
        assert retry.args_kwargs["args"] == [email.pk]
        assert retry.run_after == email.next_attempt_at, "retried when the row says"
        [record] = _mail_log(caplog)
        assert record.levelno == logging.WARNING and record.exc_info is None
        assert _logged_time(record) == f"{retry.run_after.astimezone(UTC):%H:%M}", (
            "the log says when it is retried"
        )
        pauses.append(retry.run_after - before)
        assert email.abandoned_at is None
    assert [round(p.total_seconds() / 60) for p in pauses] == [
        round(p.total_seconds() / 60) for p in mail.RETRY_AFTER
    ]
    assert pauses == sorted(pauses)
    retries = DBTaskResult.objects.count()
    caplog.clear()
    _fail(email, settings, django_capture_on_commit_callbacks)  # the last attempt
    [record] = _mail_log(caplog)
    assert record.levelno == logging.ERROR and record.exc_info is None
    assert record.getMessage() == (
        f"Email {email.pk} to c…@acme.test not sent (ConnectionRefusedError: "
        "smtp.example.com:25 refused the connection); given up after 6 attempts."
    )
    assert email.attempts == len(mail.RETRY_AFTER) + 1
    assert email.abandoned_at is not None
    assert email.last_error.startswith("Given up after 6 attempts")
    assert "secret" not in email.text, "a message given up on keeps no secret"
    assert DBTaskResult.objects.count() == retries, "no retry after giving up"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _due(email)
    assert mail.deliver(email.pk) is False
    assert django_mail.outbox == []


def test_an_extra_task_during_a_retry_pause_uses_no_attempt(
    db, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue(sensitive=True)
    _fail(email, settings, django_capture_on_commit_callbacks)
    assert email.attempts == 1 and email.next_attempt_at > timezone.now()
    settings.EMAIL_BACKEND = FAILING_BACKEND  # a second sweep, a retry, a requeued task…
    for _ in range(len(mail.RETRY_AFTER) + 1):
        assert mail.deliver(email.pk) is False
    email.refresh_from_db()
    assert email.attempts == 1 and email.abandoned_at is None, "the pauses are kept"
    assert "secret" in email.text, "the sign-in link is not dropped"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _due(email)
    assert mail.deliver(email.pk) is True
    email.refresh_from_db()
    assert email.attempts == 2 and len(django_mail.outbox) == 1


def test_delivering_inside_a_transaction_is_refused(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        mail.deliver(email.pk)  # would talk SMTP while holding the caller's locks
    email.refresh_from_db()
    assert email.attempts == 0 and email.sent_at is None
    assert django_mail.outbox == []
    assert mail.deliver(email.pk) is True, "outside any transaction it sends"


@pytest.mark.django_db(transaction=True)
def test_a_saved_change_is_not_lost_when_queueing_its_email_fails(client, world, settings, caplog):
    settings.TASKS = {"default": {"BACKEND": "tests.core.test_mail.UnreachableQueue"}}
    response = client.post(reverse("accounts:magic_link_request"), {"email": world.carol.email})
    assert response.status_code == 200, "the change was saved: no 500"
    email = OutboundEmail.objects.get()
    assert email.to == [world.carol.email] and email.sent_at is None
    [record] = [r for r in caplog.records if "not queued" in r.getMessage()]
    assert record.getMessage() == (
        f"Email {email.pk} not queued (OperationalError: database is locked); "
        "the worker's sweep will queue it."
    )
    assert not [r for r in caplog.records if r.exc_info], "one line, no traceback"
    settings.TASKS, settings.MAIL_SWEEP_SECONDS = DB_TASKS, 0
    assert mail.sweep() == [email.pk], "the sweep queues it"


def test_a_link_is_not_sent_after_it_expires(db, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = mail.queue_email(
            to=["carol@acme.test"],
            subject="Your sign-in link",
            template="accounts/email/magic_link",
            context={"user": None, "minutes": 30, "link": "https://accord.example.com/m/secret"},
            sensitive=True,
            expires_in=timedelta(minutes=30),
        )
    assert email.expires_at is not None
    OutboundEmail.objects.filter(pk=email.pk).update(expires_at=timezone.now())
    assert mail.deliver(email.pk) is False
    email.refresh_from_db()
    assert django_mail.outbox == []
    assert email.sent_at is None and email.abandoned_at is not None
    assert email.last_error == mail.EXPIRED
    assert "secret" not in email.text


def test_sign_in_links_expire_with_their_email(db, world, django_capture_on_commit_callbacks):
    from accord.accounts import services as accounts

    with django_capture_on_commit_callbacks(execute=False):
        assert accounts.request_magic_link(email=world.carol.email, ip="192.0.2.1")
    email = OutboundEmail.objects.get()
    lifetime = email.expires_at - email.created_at
    assert abs(lifetime - timedelta(minutes=settings.MAGIC_LINK_MINUTES)) < timedelta(seconds=5)


# --- `accord mail`: what was not delivered, and sending it again ---------------------------


def _given_up(settings, django_capture_on_commit_callbacks, *, sensitive=False):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue(sensitive=sensitive)
    OutboundEmail.objects.filter(pk=email.pk).update(attempts=5)
    _fail(email, settings, django_capture_on_commit_callbacks)  # the sixth: given up
    assert email.abandoned_at is not None
    return email


def test_accord_mail_lists_what_waits_and_what_was_given_up(
    db, settings, django_capture_on_commit_callbacks
):
    given_up = _given_up(settings, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):
        waiting = _queue()
    out = io.StringIO()
    call_command("mail", stdout=out)
    text = out.getvalue()
    assert text.startswith("1 waiting to be delivered, 1 given up on.")
    assert f"#{given_up.pk} " in text and "given up, 6 attempt(s)" in text
    assert "Given up after 6 attempts" in text and "to carol@acme.test" in text
    assert f"#{waiting.pk} " in text and "waiting, 0 attempt(s)" in text
    assert "No worker is alive (last seen: never)" in text


def test_accord_mail_and_healthz_say_whether_a_worker_is_alive(db, client, settings):
    body = client.get("/healthz").json()
    assert body["worker"] == "missing"
    assert set(body) == {"status", "database", "vendor", "worker"}, "public: no counts or times"
    beat("w1", started_at=timezone.now() - timedelta(hours=1))
    out = io.StringIO()
    call_command("mail", stdout=out)
    assert "1 worker(s) alive." in out.getvalue()
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["worker"] == "ok"

    stale = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS + 1)

    WorkerHeartbeat.objects.update(seen_at=stale)
    response = client.get("/healthz")
    assert response.status_code == 200, "a missing worker does not take the web out of rotation"
    assert response.json()["worker"] == "missing"
    out = io.StringIO()
    call_command("mail", stdout=out)
    assert f"No worker is alive (last seen: {stale.isoformat()})" in out.getvalue()


def test_accord_mail_retry_sends_a_given_up_message_again(
    db, settings, django_capture_on_commit_callbacks
):
    email = _given_up(settings, django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mail", "--retry", str(email.pk), stdout=out)
    assert out.getvalue() == f"#{email.pk}: queued again.\n"
    email.refresh_from_db()
    assert email.sent_at is not None and email.abandoned_at is None and email.attempts == 1
    assert len(django_mail.outbox) == 1
    retried = Event.objects.get(verb="email.retried")
    assert (retried.target_id, retried.data) == (str(email.pk), {"given_up_after": 6})


def test_accord_mail_retry_refuses_what_cannot_be_sent_again(
    db, settings, django_capture_on_commit_callbacks
):
    dropped = _given_up(settings, django_capture_on_commit_callbacks, sensitive=True)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("mail", "--retry", str(dropped.pk), "999999", stderr=err)
    assert "it carried a link, dropped when it was given up" in err.getvalue()
    assert "#999999: not sent again: no such message." in err.getvalue()
    dropped.refresh_from_db()
    assert dropped.abandoned_at is not None
    assert not Event.objects.filter(verb="email.retried").exists()


def test_accord_mail_retry_refuses_messages_waiting_or_being_sent(
    db, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        waiting = _queue()
    _fail(waiting, settings, django_capture_on_commit_callbacks)  # in a retry pause
    with django_capture_on_commit_callbacks(execute=False):
        sending = _queue()
    OutboundEmail.objects.filter(pk=sending.pk).update(
        claimed_at=timezone.now(), claimed_by="another-worker", attempts=1
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("mail", "--retry", str(waiting.pk), str(sending.pk), stderr=err)
    assert f"#{waiting.pk}: not sent again: it is still waiting" in err.getvalue()
    assert f"#{sending.pk}: not sent again: it is being sent." in err.getvalue()
    waiting.refresh_from_db()
    assert waiting.attempts == 1 and waiting.next_attempt_at > timezone.now(), "pause kept"
    assert not Event.objects.filter(verb="email.retried").exists()


# --- Quiet logs ---------------------------------------------------------------------------------


def test_a_refused_delivery_leaves_its_task_successful_not_failed(
    db, settings, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    settings.EMAIL_BACKEND = FAILING_BACKEND
    result = deliver_email.enqueue(email.pk)  # the tests' backend runs it at once
    assert result.status.name == "SUCCESSFUL", "an expected failure is no failed task"
    assert result.return_value is False
    assert not [r for r in caplog.records if r.exc_info], "no traceback anywhere"
    email.refresh_from_db()
    assert email.attempts == 1 and email.next_attempt_at > timezone.now()


def test_log_lines_name_recipients_without_writing_their_addresses_out():
    assert mail.masked(["carol@acme.test", "Ray Reviewer <ray@acme.test>"]) == (
        "c…@acme.test, r…@acme.test"
    )
    assert mail.masked(["not an address"]) == "…"


def test_a_retry_on_another_day_says_the_date():
    now = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)
    assert mail._at(now + timedelta(minutes=5), now) == "22:35 UTC"
    assert mail._at(now + timedelta(hours=2), now) == "2026-03-02 00:30 UTC"
