"""Text copy as reviewers see it: HTML cut down to what copy needs (nh3), and its plain text,
which passages (comments on a range) and the word diff count in."""

import html
import re

import nh3

MAX_COPY_CHARS = 50_000
TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "a",
}
ATTRIBUTES = {"a": {"href", "title"}}
_BLOCK_END = re.compile(r"</(p|li|h2|h3|h4|blockquote)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n{3,}")


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|br|strong|em|b|i|u|ul|ol|li|h[2-4]|blockquote|a)\b", text, re.I))


def sanitised(text: str) -> str:
    """Safe HTML of the copy: markup kept to `TAGS`, links made `rel="noopener noreferrer"`;
    plain text becomes paragraphs."""
    if not looks_like_html(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        text = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain(safe_html: str) -> str:
    """The words of sanitised copy, a line per paragraph."""
    text = _BLOCK_END.sub("\n", safe_html)
    text = html.unescape(_TAG.sub("", text))
    return _BLANKS.sub("\n\n", text).strip()
