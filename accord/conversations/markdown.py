"""Messages are written in Markdown and shown as sanitised HTML: raw HTML in a message is text,
never markup, and what the renderer makes is cut down again (nh3) to what a message needs."""

import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

from accord.reviews.copy import plain

MAX_BODY_CHARS = 20_000
TAGS = {
    "p", "br", "strong", "em", "s", "del", "code", "pre", "ul", "ol", "li",
    "blockquote", "a", "h1", "h2", "h3", "h4", "hr",
}  # fmt: skip
# Bounded by construction: nesting deeper than this is rendered as text.
_RENDERER = MarkdownIt("commonmark", {"html": False, "maxNesting": 20}).enable("strikethrough")
MENTION = re.compile(r"(?<![\w@.])@([a-z0-9][a-z0-9._-]{0,39})", re.IGNORECASE)


@dataclass(frozen=True)
class Rendered:
    html: str
    text: str


def render(body: str) -> Rendered:
    """Safe HTML of a message and its plain text (for email, search and previews)."""
    html = nh3.clean(
        _RENDERER.render(body),
        tags=TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Rendered(html=html, text=plain(html))


def handles(body: str) -> list[str]:
    """The @handles a message names (an email's local part: @dan for dan@northwind.test),
    lower-cased, first ten, each once."""
    found: list[str] = []
    for match in MENTION.finditer(body):
        handle = match.group(1).rstrip(".").lower()
        if handle not in found:
            found.append(handle)
    return found[:10]
