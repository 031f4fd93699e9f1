"""Outbound email: rendered and stored in the transaction that causes it, delivered by the worker.

The row is the outbox: it commits or rolls back with the change. Delivery is queued after commit
(the fast path) and by the worker's periodic sweep (a process that died between the commit and the
queueing). The worker claims a row for a lease in one short transaction, sends with no transaction
open (its heartbeat renewing the lease), and records the outcome in another: SMTP is
at-least-once, each message with one Message-ID. A task that comes before the message is due
does nothing, so extra tasks never shorten the pauses between retries.
"""

import logging
import os
import re
import socket
import threading
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.template import Context, TemplateDoesNotExist, engines
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.html import escape, format_html

from accord.core import events
from accord.core.models import OutboundEmail
from accord.core.text import one_line

REDACTED = "[This message carried a private sign-in link and was redacted after delivery.]"
REDACTED_UNSENT = "[This message carried a private sign-in link; it was never delivered.]"
# After a failed delivery the worker tries again after each of these pauses, then gives up.
RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
EXPIRED = "Not sent: the link it carried expired before it could be delivered."
GAVE_UP = "Given up after {attempts} attempts. Last error: {error}"
WORKER_DIED = "the worker stopped while sending it (killed, or out of memory)."
# A task may run this early by its own machine's clock: clocks are NTP-synced, not identical.
CLOCK_TOLERANCE = timedelta(seconds=5)
# Pauses between tries to record a sent message when the database fails (seconds, ~1 minute
# in all: well under the lease, after which the message would be sent again).
RECORD_SENT_PAUSES = (0.5, 1, 2, 4, 8, 15, 30)

log = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return f"{settings.BASE_URL}{path}"


def render_text(template_name: str, context: dict[str, Any]) -> str:
    """Render a plain-text template with autoescape off: “Harbor & Pine”, not “&amp;”.

    Through the engine itself rather than `{% autoescape off %}` in each template, so a
    new .txt template cannot forget it.
    """
    template = engines["django"].engine.get_template(template_name)  # type: ignore[attr-defined]
    return template.render(Context(context, autoescape=False))


def queue_email(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: dict[str, Any],
    sensitive: bool = False,
    expires_in: timedelta | None = None,
    headers: Mapping[str, str] | None = None,
    reply_to: str = "",
    message_id: str = "",
    unsubscribe_link: str = "",
) -> OutboundEmail:
    """Render `<template>.txt` (and `.html` if it exists) and store it for delivery.

    Call it inside the writing transaction: the email commits or rolls back with the change,
    and a template error rolls the change back. `sensitive`: the body carries a secret and is
    redacted once delivered. `expires_in`: what the message offers (a link) expires then, so
    it is not worth sending after. `headers`: extra headers (In-Reply-To, References…), each
    value made one line; `reply_to`: where replies go; `message_id`: this Message-ID rather
    than a new one (a thread's own). `unsubscribe_link`: a one-click unsubscribe address
    (RFC 8058), sent as `List-Unsubscribe` and written in the body if the template did not.
    """
    context = {"agency_name": settings.AGENCY_NAME, **context}
    # A line break in a header makes the message undeliverable on every retry.
    subject = one_line(subject)
    extra = clean_headers(headers or {}, strict=True)
    if unsubscribe_link:
        extra["List-Unsubscribe"] = f"<{one_line(unsubscribe_link)}>"
        extra["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    text = render_text(f"{template}.txt", context)
    html: str
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:  # the HTML part is optional
        html = ""
    if unsubscribe_link:
        text, html = _with_unsubscribe(text, html, unsubscribe_link)
    email = OutboundEmail.objects.create(
        to=list(to),
        subject=subject,
        text=text,
        html=html,
        sensitive=sensitive,
        expires_at=timezone.now() + expires_in if expires_in else None,
        message_id=_message_id(message_id) if message_id else new_message_id(),
        headers=extra,
        reply_to=one_line(reply_to),
    )
    # The fast path; if the process dies before it runs, or queueing fails (a locked SQLite, a
    # dropped connection), the worker's sweep queues the email: the saved change is no 500.
    transaction.on_commit(lambda: _enqueue_or_leave_to_sweep([email.pk]))
    return email


def db_now() -> datetime:
    """The database's clock, shared by every machine (on SQLite, the one machine's clock)."""
    if connection.vendor != "postgresql":
        return timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement_timestamp()")
        now: datetime = cursor.fetchone()[0]
    return now


def new_message_id() -> str:
    """A Message-ID on the domain of Accord's address (ACCORD_BASE_URL)."""
    return make_msgid(domain=urlsplit(settings.BASE_URL).hostname or "localhost")


def _message_id(given: str) -> str:
    """A caller's Message-ID as one line in angle brackets: `<id@host>`."""
    line = one_line(given).strip("<>")
    if not line:
        raise ValueError("A Message-ID cannot be empty.")
    return f"<{line}>"


# Set by `deliver` itself, never by a caller's `headers`.
OWN_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "subject",
        "date",
        "message-id",
        "reply-to",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
    }
)
HEADER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,75}")


def clean_headers(headers: Mapping[str, Any], *, strict: bool) -> dict[str, str]:
    """Extra headers as sent: each value one line (a line break would inject a header, and
    makes the message undeliverable). A bad or reserved name is refused (`strict`, when the
    email is stored) or left out (when it is sent)."""
    cleaned: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not HEADER_NAME.fullmatch(name):
            bad = f"Not a header name: {name!r}."
        elif name.lower() in OWN_HEADERS:
            bad = f"{name} is set by queue_email's own arguments, not as an extra header."
        else:
            cleaned[name] = one_line(str(value))
            continue
        if strict:
            raise ValueError(bad)
        log.warning("Header left out of an email: %s", bad)
    return cleaned


def _with_unsubscribe(text: str, html: str, link: str) -> tuple[str, str]:
    """The body with its unsubscribe link: a notification email always carries one."""
    if link not in text:
        text = f"{text.rstrip()}\n\nTo stop these emails: {link}\n"
    if html and escape(link) not in html:
        footer = format_html('<p>To stop these emails: <a href="{}">{}</a></p>', link, link)
        at = html.rfind("</body>")
        html = f"{html[:at]}{footer}{html[at:]}" if at >= 0 else html + footer
    return text, html


def _enqueue(email_id: int, *, at: datetime | None = None) -> None:
    from accord.core.tasks import deliver_email

    if at is None:
        deliver_email.enqueue(email_id)
    elif deliver_email.get_backend().supports_defer:
        deliver_email.using(run_after=at).enqueue(email_id)
    else:  # a backend that runs tasks at once (tests) would retry in a tight loop
        log.info("Email %s left to the worker's sweep: the task backend cannot defer.", email_id)


def _enqueue_or_leave_to_sweep(email_ids: Sequence[int], *, at: datetime | None = None) -> None:
    """Queue after commit; a queue that cannot take the task now (a locked SQLite, a dropped
    connection) is expected now and then: one line, and the worker's sweep queues the email."""
    for email_id in email_ids:
        try:
            _enqueue(email_id, at=at)
        except Exception as exc:
            log.warning(
                "Email %s not queued (%s: %s); the worker's sweep will queue it.",
                email_id,
                type(exc).__name__,
                exc,
            )


def masked(addresses: Sequence[str]) -> str:
    """Recipients for a log line, without writing their addresses out: `c…@acme.test`."""
    shown = []
    for address in addresses:
        local, _, domain = parseaddr(address)[1].rpartition("@")
        shown.append(f"{local[:1]}…@{domain}" if local else "…")
    return ", ".join(shown)


def _at(moment: datetime, now: datetime) -> str:
    """`17:42 UTC`, with the date when it is not today's."""
    moment, now = moment.astimezone(UTC), now.astimezone(UTC)
    return f"{moment:%H:%M} UTC" if moment.date() == now.date() else f"{moment:%Y-%m-%d %H:%M} UTC"


GIVE_UP_FIELDS = ["abandoned_at", "last_error", "text", "html"]


def _give_up(email: OutboundEmail, reason: str) -> None:
    email.abandoned_at = timezone.now()
    email.last_error = reason[:2000]
    if email.sensitive:
        email.text, email.html = REDACTED_UNSENT, ""


def deliver(email_id: int) -> bool:
    """Send one stored email unless it was sent, is being sent or is not due. Returns whether it
    was sent now.

    No transaction may be open while the mail server is talked to: calling it inside an atomic
    block raises RuntimeError (its own transactions are durable). The row is claimed for a lease
    (`MAIL_LEASE_SECONDS`, renewed by the worker's heartbeat while the send lasts) in one short
    transaction and the outcome recorded in another. A failure is expected now and then (the
    mail server is down): it is recorded, a retry scheduled after the next pause of
    `RETRY_AFTER` (or the message given up on), and logged in one line, not raised; so is a
    database too busy or unreachable to claim the row (the sweep queues the message again).
    """
    try:
        email = _claim(email_id)
    except (OperationalError, InterfaceError) as exc:  # busy or unreachable: expected at times
        log.warning(
            "Email %s not claimed (%s: %s); the worker's sweep will try it again.",
            email_id,
            type(exc).__name__,
            one_line(str(exc))[:300],
        )
        return False
    if email is None:
        return False
    message = EmailMultiAlternatives(
        email.subject,
        email.text,
        settings.DEFAULT_FROM_EMAIL,
        email.to,
        reply_to=[one_line(email.reply_to)] if email.reply_to else None,
        headers={
            # Accord's mail is sent by a machine: auto-replies (out of office) are suppressed.
            "Auto-Submitted": "auto-generated",
            **clean_headers(email.headers if isinstance(email.headers, dict) else {}, strict=False),
            "Message-ID": email.message_id,
        },
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    with _held_lock:
        _held.add(email.claimed_by)
    try:
        try:
            message.send()
        except Exception as exc:  # any transport failure: keep it for the retry
            _record_failure(email, exc)
            return False
        _record_sent(email)
    finally:
        with _held_lock:
            _held.discard(email.claimed_by)
    return True


# The claims this process holds while it talks to the mail server; the heartbeat renews them.
_held: set[str] = set()
_held_lock = threading.Lock()


def renew_leases() -> int:
    """Extend the lease of every message this process is sending, so a slow send that outlives
    `MAIL_LEASE_SECONDS` is not taken over (and sent twice) while its worker is alive."""
    with _held_lock:
        held = list(_held)
    if not held:
        return 0
    return OutboundEmail.objects.filter(claimed_by__in=held, sent_at__isnull=True).update(
        claimed_at=db_now()
    )


def _lease_start(now: datetime) -> datetime:
    """Claims made (or renewed) before this have lapsed: their worker died or hung."""
    return now - timedelta(seconds=settings.MAIL_LEASE_SECONDS)


def _claim(email_id: int) -> OutboundEmail | None:
    with transaction.atomic(durable=True):  # not inside a caller's transaction: SMTP follows
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None or email.abandoned_at is not None:
            return None
        now = db_now()
        if email.claimed_at is not None and email.claimed_at > _lease_start(now):
            return None  # another worker is sending it
        if email.expires_at is not None and now >= email.expires_at:
            _give_up(email, EXPIRED)
            email.save(update_fields=GIVE_UP_FIELDS)
            return None
        if email.next_attempt_at > now + CLOCK_TOLERANCE:
            return None  # a duplicate task during a retry pause: the retry's own task comes later
        if email.attempts > len(RETRY_AFTER):  # only lapsed claims get here: workers that died
            _give_up(email, GAVE_UP.format(attempts=email.attempts, error=WORKER_DIED))
            email.claimed_at, email.claimed_by = None, ""
            email.save(update_fields=[*GIVE_UP_FIELDS, "claimed_at", "claimed_by"])
            return None
        email.attempts += 1
        email.claimed_at = now
        email.claimed_by = f"{socket.gethostname()[:60]}:{os.getpid()}:{get_random_string(12)}"
        email.message_id = email.message_id or new_message_id()
        email.save(update_fields=["attempts", "claimed_at", "claimed_by", "message_id"])
    return email


def _record_sent(email: OutboundEmail) -> None:
    """Record the send, trying again while the database fails (for at most half the lease):
    a message not recorded is sent again once its lease lapses."""
    started = time.monotonic()
    for pause in (*RECORD_SENT_PAUSES, None):
        try:
            with transaction.atomic(durable=True):
                changes: dict[str, Any] = {
                    "sent_at": db_now(),
                    "last_error": "",
                    "claimed_at": None,
                    "claimed_by": "",
                }
                if email.sensitive:
                    changes.update(text=REDACTED, html="")
                # Recorded even if the lease lapsed meanwhile: the message did go out.
                OutboundEmail.objects.filter(pk=email.pk, sent_at__isnull=True).update(**changes)
            return
        except DatabaseError as exc:
            elapsed = time.monotonic() - started
            if pause is None or elapsed + pause > settings.MAIL_LEASE_SECONDS / 2:
                log.error(
                    "Email %s was sent but could not be recorded: it will be sent again "
                    "once its lease lapses.",
                    email.pk,
                )
                raise
            log.warning(
                "Email %s was sent but not recorded (%s: %s); trying again in %s s.",
                email.pk,
                type(exc).__name__,
                exc,
                pause,
            )
            if not connection.in_atomic_block:
                connection.close()  # a dropped connection: the next try opens a new one
            time.sleep(pause)


def _record_failure(email: OutboundEmail, exc: Exception) -> None:
    error = f"{type(exc).__name__}: {exc}"
    what = f"Email {email.pk} to {masked(email.to)} not sent ({one_line(error)[:300]})"
    with transaction.atomic(durable=True):
        current = OutboundEmail.objects.select_for_update().filter(pk=email.pk).first()
        if current is None or current.claimed_by != email.claimed_by or current.sent_at:
            log.warning("%s; its lease lapsed and another worker has taken it over.", what)
            return
        current.last_error = error[:2000]
        current.claimed_at, current.claimed_by = None, ""
        now = db_now()
        if current.attempts > len(RETRY_AFTER):
            _give_up(current, GAVE_UP.format(attempts=current.attempts, error=error))
            outcome = (logging.ERROR, f"{what}; given up after {current.attempts} attempts.")
        else:
            retry_at = now + RETRY_AFTER[current.attempts - 1]
            current.next_attempt_at = retry_at
            transaction.on_commit(lambda: _enqueue_or_leave_to_sweep([current.pk], at=retry_at))
            outcome = (logging.WARNING, f"{what}; next attempt at {_at(retry_at, now)}.")
        current.save(
            update_fields=[
                "last_error",
                "abandoned_at",
                "text",
                "html",
                "claimed_at",
                "claimed_by",
                "next_attempt_at",
            ]
        )
    log.log(*outcome)


def sweep(*, limit: int = 100) -> list[int]:
    """Queue delivery of stored mail that is overdue: never queued, or its worker died.

    A message is overdue once `MAIL_SWEEP_SECONDS` past its due time and not claimed by a
    live lease; queueing it makes it due again, so each is queued at most once a sweep, even
    by two workers sweeping at once (rows another sweep holds are skipped).
    """
    with transaction.atomic(durable=True):
        now = db_now()
        overdue = now - timedelta(seconds=settings.MAIL_SWEEP_SECONDS)
        email_ids = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, abandoned_at__isnull=True, next_attempt_at__lte=overdue)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lte=_lease_start(now)))
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
        OutboundEmail.objects.filter(pk__in=email_ids).update(next_attempt_at=now)
    if email_ids:
        log.warning("Queueing %d overdue email(s): %s", len(email_ids), email_ids)
    # After the commit: a backend that runs tasks at once would send inside the transaction.
    for email_id in email_ids:
        _enqueue(email_id)
    return email_ids


def undelivered(*, limit: int = 20) -> tuple[dict[str, int], list[OutboundEmail]]:
    """How many messages wait or were given up on, and the oldest `limit` of them."""
    unsent = OutboundEmail.objects.filter(sent_at__isnull=True)
    counts = {
        "waiting": unsent.filter(abandoned_at__isnull=True).count(),
        "given_up": unsent.filter(abandoned_at__isnull=False).count(),
    }
    return counts, list(unsent.order_by("created_at")[:limit])


def retry(email_ids: Sequence[int]) -> tuple[list[int], dict[int, str]]:
    """Send given-up messages again, from the first attempt (after an outage, say).

    Returns the ids queued again and, for the others, why not: only a message given up on is
    sent again, and not one whose link expired or whose secret was dropped when given up.
    """
    queued: list[int] = []
    refused: dict[int, str] = {}
    with transaction.atomic():
        now = db_now()
        found = {
            e.pk: e for e in OutboundEmail.objects.select_for_update().filter(pk__in=email_ids)
        }
        for email_id in email_ids:
            email = found.get(email_id)
            if email is None:
                refused[email_id] = "no such message"
            elif email.sent_at is not None:
                refused[email_id] = "already sent"
            elif email.abandoned_at is None:
                refused[email_id] = (
                    "it is being sent"
                    if email.claimed_at is not None
                    else "it is still waiting: the worker will try it again"
                )
            elif email.expires_at is not None and now >= email.expires_at:
                refused[email_id] = "its link has expired"
            elif email.sensitive and email.abandoned_at is not None:
                refused[email_id] = "it carried a link, dropped when it was given up"
            else:
                given_up_after = email.attempts
                email.abandoned_at, email.attempts, email.last_error = None, 0, ""
                email.next_attempt_at = now
                email.save(
                    update_fields=["abandoned_at", "attempts", "last_error", "next_attempt_at"]
                )
                events.record(
                    actor=None,
                    verb="email.retried",
                    target=email,
                    data={"given_up_after": given_up_after},
                )
                queued.append(email.pk)
        transaction.on_commit(lambda: _enqueue_or_leave_to_sweep(queued))
    return queued, refused
