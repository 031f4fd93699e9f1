"""Template helpers for the intake pages."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince

from accord.intake.rules import FieldChange

register = template.Library()


@register.filter
def age(since: datetime | None) -> str:
    """How long something has waited, in its largest unit: “3 days”, “5 hours”."""
    if since is None:
        return ""
    if timezone.now() - since < timedelta(minutes=1):
        return "just now"
    return timesince(since, depth=1)


@register.filter
def change_html(change: FieldChange) -> SafeString:
    """The word-level difference of one field. `rules.words_diff` escapes every word itself."""
    return mark_safe(change.html)  # noqa: S308 — built from escaped text and <ins>/<del> only
