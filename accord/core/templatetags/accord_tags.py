"""Small template helpers shared by every page."""

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from accord.core import feed
from accord.core.models import Event
from accord.core.pagination import query_without_page
from accord.core.text import possessive as possessive_of

register = template.Library()


@register.filter
def describe(event: Event) -> str:
    """`{{ event|describe }}`: the event as a human sentence."""
    return feed.describe(event)


@register.filter
def possessive(name: Any) -> str:
    """`{{ client.name|possessive }}`: "Globex Bank’s", "Acme Foods’"."""
    return possessive_of(str(name or ""))


@register.filter
def initials(person: Any) -> str:
    """Up to two initials for an avatar, from a name or an email address."""
    name = str(getattr(person, "name", "") or getattr(person, "email", "") or person or "?")
    parts = [p for p in name.replace("@", " ").split() if p]
    return "".join(p[0] for p in parts[:2]).upper() or "?"


@register.simple_tag(takes_context=True)
def page_query(context: Any, page: int) -> str:
    """The current query string with another page number, for pagination links."""
    request: HttpRequest = context["request"]
    rest = query_without_page(request)
    return f"?{rest}&page={page}" if rest else f"?page={page}"


@register.simple_tag(takes_context=True)
def nav_current(context: Any, *prefixes: str) -> SafeString:
    """`aria-current="page"` when the current path starts with one of `prefixes` and with none
    of those written `!prefix` (a section with pages of its own in the menu)."""
    path = context["request"].path
    if any(p[1:] and path.startswith(p[1:]) for p in prefixes if p.startswith("!")):
        return mark_safe("")
    for prefix in (p for p in prefixes if not p.startswith("!")):
        if (prefix == "/" and path == "/") or (prefix != "/" and path.startswith(prefix)):
            return mark_safe('aria-current="page"')
    return mark_safe("")
