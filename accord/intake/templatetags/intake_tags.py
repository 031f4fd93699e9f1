"""Template helpers for the intake pages."""

import re
from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from accord.intake.models import Brief
from accord.intake.rules import FieldChange, short_fingerprint
from accord.intake.services.requests import status_words

register = template.Library()

# Printed text is laid out at a bounded cost whatever was typed (or stored before the limits):
# lines past these are joined with spaces, and a word longer than a line gets a break chance
# (a zero-width space) every 60 characters: WeasyPrint wraps an unbroken word slowly.
PRINT_LINE_BREAKS = 200
_UNBROKEN = re.compile(r"\S{60}")


@register.filter
def overdue(brief: Brief) -> bool:
    """Past its deadline and not yet in work."""
    return brief.is_overdue(timezone.localdate())


@register.filter
def printable(text: object, line_breaks: int = PRINT_LINE_BREAKS) -> SafeString:
    """Text for the printed brief and its PDF, its line breaks shown by `white-space:
    pre-line` (print.css): at most `line_breaks` of them, long words breakable."""
    lines = str(text or "").splitlines()
    if len(lines) > line_breaks + 1:
        lines = [*lines[:line_breaks], " ".join(lines[line_breaks:])]
    return escape(_UNBROKEN.sub(lambda m: m.group(0) + "\u200b", "\n".join(lines)))


# Largest unit first; a month is 30 days and a year 365, as near as an age needs to be.
_AGE_UNITS = (
    (365 * 86400, "year"),
    (30 * 86400, "month"),
    (7 * 86400, "week"),
    (86400, "day"),
    (3600, "hour"),
    (60, "minute"),
)


@register.filter
def age(since: datetime | None) -> str:
    """How long something has waited, in its largest whole unit: “3 days”, “5 hours”.

    Plain arithmetic rather than `timesince`: queue and list pages show dozens of ages, and
    this is a tenth of the cost.
    """
    if since is None:
        return ""
    seconds = (timezone.now() - since).total_seconds()
    for size, unit in _AGE_UNITS:
        if seconds >= size:
            n = int(seconds // size)
            return f"{n}\xa0{unit}{'' if n == 1 else 's'}"
    return "just now"


@register.filter
def age_time(since: datetime | None, suffix: str = "") -> SafeString:
    """`<time datetime="…">3 days</time>`: the age, with the exact moment for machines.

    `suffix` follows the age ("ago"), except when the age is "just now".
    """
    if since is None:
        return mark_safe("")
    text = age(since)
    if suffix and text != "just now":
        text = f"{text} {suffix}"
    return format_html('<time datetime="{}">{}</time>', since.isoformat(), text)


@register.filter
def change_html(change: FieldChange) -> SafeString:
    """The word-level difference of one field. `rules.words_diff` escapes every word itself."""
    return mark_safe(change.html)  # noqa: S308 — built from escaped text and <ins>/<del> only


@register.filter
def fingerprint(sha256: str | None) -> str:
    """A SHA-256 as its short human code: "3E93-207D"."""
    return short_fingerprint(sha256 or "")


# A brief's state as the account manager reads it in the queue: what it is, and what is next.
_FOR_THE_AGENCY = {
    ("draft", "agency"): "Draft — yours to write",
    ("draft", "client"): "Draft — the client is filling it in",
    ("submitted", "agency"): "Submitted — send for sign-off",
    ("submitted", "client"): "Submitted — waiting for the client's answers",
    ("proposed", "client"): "Sent for sign-off — waiting on the client",
    ("signed_off", "agency"): "Signed off — start the job",
}


@register.filter
def agency_status(brief: Any) -> str:
    """ "Submitted — send for sign-off": the status with the agency's next step."""
    if brief.status == "submitted" and getattr(brief, "changes_requested", False):
        return "Changes requested — edit, then propose again"
    found = _FOR_THE_AGENCY.get((brief.status, brief.waiting_on))
    return found or brief.get_status_display()


@register.filter
def reader_status(brief: Any) -> str:
    """The status as a client contact reads it: a proposed brief awaits an approver's sign-off
    and is ready for a reviewer's review."""
    role = getattr(brief, "my_contact_role", None)
    if brief.status == "proposed" and role == "approver":
        return "Awaiting your sign-off"
    if brief.status == "proposed" and role == "reviewer":
        return "Ready for your review"
    return str(brief.get_status_display())


@register.filter
def request_status(status: str, for_client: bool) -> str:
    """A request's status in its reader's words: `{{ item.status|request_status:nav.contact }}`."""
    return status_words(status, for_client=bool(for_client))


FILE_KINDS = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/gif": "GIF image",
    "image/webp": "WebP image",
    "text/plain": "Text",
    "text/csv": "CSV table",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
}


@register.filter
def file_kind(content_type: str) -> str:
    """What a file is, in words: "PNG image", "Word document"…"""
    return FILE_KINDS.get(content_type, "File")
