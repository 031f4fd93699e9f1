"""Outbound email: rendered now, stored, delivered by the worker after the transaction commits."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, TemplateDoesNotExist, engines
from django.template.loader import render_to_string
from django.utils import timezone

from accord.core.models import OutboundEmail
from accord.core.text import one_line

REDACTED = "[This message carried a private sign-in link and was redacted after delivery.]"


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
) -> OutboundEmail:
    """Render `<template>.txt` (and `.html` if it exists) and deliver after commit."""
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
        to=list(to), subject=subject, text=text, html=html, sensitive=sensitive
    )
    from accord.core.tasks import deliver_email

    transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


def deliver(email_id: int) -> bool:
    """Send one stored email unless it was already sent. Returns whether it was sent now.

    The row stays locked while sending, so two workers never send the same message. A
    failure is recorded (and committed) before it is raised again for the worker to retry.
    """
    failure: Exception | None = None
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
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
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.save(update_fields=["attempts", "last_error"])
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
