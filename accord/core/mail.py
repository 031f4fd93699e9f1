"""Outbound email: rendered now, stored, delivered by the worker after the transaction commits."""

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, TemplateDoesNotExist, engines
from django.template.loader import render_to_string
from django.utils import timezone

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
) -> OutboundEmail:
    """Render `<template>.txt` (and `.html` if it exists) and deliver after commit.

    `sensitive`: the body carries a secret and is redacted once delivered. `expires_in`: what
    the message offers (a link) expires then, so it is not worth sending after.
    """
    context = {"agency_name": settings.AGENCY_NAME, **context}
    # A line break in a header makes the message undeliverable on every retry.
    subject = one_line(subject)
    text = render_text(f"{template}.txt", context)
    html: str
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:  # the HTML part is optional
        html = ""
    email = OutboundEmail.objects.create(
        to=list(to),
        subject=subject,
        text=text,
        html=html,
        sensitive=sensitive,
        expires_at=timezone.now() + expires_in if expires_in else None,
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id: int, *, at: datetime | None = None) -> None:
    from accord.core.tasks import deliver_email

    if at is None:
        deliver_email.enqueue(email_id)
    elif deliver_email.get_backend().supports_defer:
        deliver_email.using(run_after=at).enqueue(email_id)
    else:  # a backend that runs tasks at once (tests) would retry in a tight loop
        log.warning("Email %s not retried: the task backend cannot defer.", email_id)


def _give_up(email: OutboundEmail, reason: str) -> None:
    email.abandoned_at = timezone.now()
    email.last_error = reason[:2000]
    if email.sensitive:
        email.text, email.html = REDACTED_UNSENT, ""


def deliver(email_id: int) -> bool:
    """Send one stored email unless it was already sent. Returns whether it was sent now.

    The row stays locked while sending, so two workers never send the same message. A
    failure is recorded (and committed), a retry is scheduled after the next pause of
    `RETRY_AFTER` (or the message is given up on), and the error is raised again so the
    task's result shows it.
    """
    failure: Exception | None = None
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None or email.abandoned_at is not None:
            return False
        if email.expires_at is not None and timezone.now() >= email.expires_at:
            _give_up(email, EXPIRED)
            email.save(update_fields=["abandoned_at", "last_error", "text", "html"])
            return False
        message = EmailMultiAlternatives(
            email.subject, email.text, settings.DEFAULT_FROM_EMAIL, email.to
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        email.attempts += 1
        try:
            message.send()
        except Exception as exc:  # any transport failure: keep it for the retry
            failure = exc
            error = f"{type(exc).__name__}: {exc}"
            email.last_error = error[:2000]
            if email.attempts > len(RETRY_AFTER):
                _give_up(email, GAVE_UP.format(attempts=email.attempts, error=error))
            else:
                retry_at = timezone.now() + RETRY_AFTER[email.attempts - 1]
                transaction.on_commit(lambda: _enqueue(email.pk, at=retry_at))
            email.save(update_fields=["attempts", "last_error", "abandoned_at", "text", "html"])
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
            fields = ["attempts", "sent_at", "last_error"]
            if email.sensitive:
                email.text, email.html = REDACTED, ""
                fields += ["text", "html"]
            email.save(update_fields=fields)
    if failure is not None:
        raise failure
    return True


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

    Returns the ids queued again and, for the others, why not: a message whose link expired,
    or whose secret was dropped when it was given up, cannot be sent again.
    """
    queued: list[int] = []
    refused: dict[int, str] = {}
    now = timezone.now()
    with transaction.atomic():
        found = {
            e.pk: e for e in OutboundEmail.objects.select_for_update().filter(pk__in=email_ids)
        }
        for email_id in email_ids:
            email = found.get(email_id)
            if email is None:
                refused[email_id] = "no such message"
            elif email.sent_at is not None:
                refused[email_id] = "already sent"
            elif email.expires_at is not None and now >= email.expires_at:
                refused[email_id] = "its link has expired"
            elif email.sensitive and email.abandoned_at is not None:
                refused[email_id] = "it carried a link, dropped when it was given up"
            else:
                given_up_after = email.attempts
                email.abandoned_at, email.attempts, email.last_error = None, 0, ""
                email.save(update_fields=["abandoned_at", "attempts", "last_error"])
                events.record(
                    actor=None,
                    verb="email.retried",
                    target=email,
                    data={"given_up_after": given_up_after},
                )
                queued.append(email.pk)
        transaction.on_commit(lambda: _enqueue_all(queued))
    return queued, refused


def _enqueue_all(email_ids: list[int]) -> None:
    for email_id in email_ids:
        _enqueue(email_id)
