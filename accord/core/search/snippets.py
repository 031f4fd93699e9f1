"""Snippets: the words found marked with <mark>, everything else HTML-escaped.

Pure functions, the same on both databases (the engines' own highlighters differ, and
PostgreSQL's `ts_headline` re-parses every document it is given). Only the rows of the page
are highlighted. Matches are marked with two control characters first (removed from the text
beforehand, so no text can forge them); the text is escaped; then the markers become tags.
"""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accord.core.search.terms import WORD, Terms

OPEN, CLOSE = "\x02", "\x03"
WIDTH = 200  # characters of body around the first match
LEAD = 60  # of them, before it


def fold(word: str) -> str:
    """A word as the index compares it: lower case, accents removed (as FTS5's unicode61)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _matches(word: str, folded: set[str], prefix: str) -> bool:
    key = fold(word)
    return key in folded or bool(prefix and key.startswith(prefix))


def _marked(text: str, terms: Terms) -> tuple[str, int]:
    """`text` with every matching word between OPEN and CLOSE; where the first one starts."""
    folded = {fold(word) for word in terms.words}
    prefix = fold(terms.words[-1]) if terms.prefix else ""
    parts: list[str] = []
    last, first = 0, -1
    for found in WORD.finditer(text):
        if not _matches(found.group(), folded, prefix):
            continue
        if first < 0:
            first = found.start()
        parts += [text[last : found.start()], OPEN, found.group(), CLOSE]
        last = found.end()
    parts.append(text[last:])
    return "".join(parts), first


def _as_html(marked: str) -> SafeString:
    html = escape(marked).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added


def highlight(text: str, terms: Terms) -> SafeString:
    """All of `text` (a title), escaped, with the words found marked."""
    clean = text.replace(OPEN, "").replace(CLOSE, "")
    return _as_html(_marked(clean, terms)[0] if terms else clean)


def snippet(text: str, terms: Terms, *, width: int = WIDTH) -> SafeString:
    """About `width` characters of `text` (a body) around the first word found, escaped, with
    the words found marked; "…" where it was cut. The start when nothing matches there."""
    clean = " ".join(text.replace(OPEN, "").replace(CLOSE, "").split())
    start = 0
    if terms:
        first = _marked(clean, terms)[1]
        start = max(0, first - LEAD) if first >= 0 else 0
    if start:  # begin on a word
        space = clean.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(clean), start + width)
    if end < len(clean):
        space = clean.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    piece = clean[start:end]
    marked = _marked(piece, terms)[0] if terms else piece
    return _as_html(("…" if start else "") + marked + ("…" if end < len(clean) else ""))
