"""What a person typed, made safe to search with: words, never the engine's query syntax.

Pure functions (no database): the text is cut into words the way both engines cut documents
(runs of letters and digits; everything else separates), and each word becomes a quoted
term, so `NEAR`, `*`, quotes, parentheses or a column name typed into the box are searched
for as words, or ignored as punctuation. The last word also matches as a prefix (search as
you type), once it has two characters: a one-letter prefix would read every word that starts
with it.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from accord.core.errors import DomainError

MAX_CHARS = 200
MAX_WORDS = 10
MIN_PREFIX = 2
# A word as FTS5's unicode61 tokenizer and PostgreSQL's parser see one: letters and digits.
WORD = re.compile(r"[^\W_]+")


class BadSearch(DomainError):
    """A search that cannot be run as typed; the message says why."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message, field="q")


@dataclass(frozen=True)
class Terms:
    """The words to find, lower-cased; `prefix`: the last one also matches as a prefix."""

    words: tuple[str, ...]
    prefix: bool

    def __bool__(self) -> bool:
        return bool(self.words)


def parse(text: str) -> Terms:
    """The words of `text`, at most MAX_WORDS of them from at most MAX_CHARS characters.

    No words (empty, or punctuation only) is an empty `Terms`: nothing to search for. Longer
    text is refused rather than cut, so the person knows what was searched."""
    if len(text) > MAX_CHARS:
        raise BadSearch(f"Search for at most {MAX_CHARS} characters.")
    words = tuple(
        dict.fromkeys(w.lower() for w in WORD.findall(unicodedata.normalize("NFC", text)))
    )
    if len(words) > MAX_WORDS:
        raise BadSearch(f"Search with at most {MAX_WORDS} words.")
    return Terms(words, prefix=bool(words) and len(words[-1]) >= MIN_PREFIX)


def fts5_match(terms: Terms, scope_tokens: list[str] | None) -> str:
    """The FTS5 MATCH expression: every word in the title or body, and (unless unrestricted)
    one of the scope tokens. Words are double-quoted strings of letters and digits only."""
    quoted = [f'"{word}"' for word in terms.words]
    if terms.prefix:
        quoted[-1] += "*"
    expression = "{title body} : (" + " AND ".join(quoted) + ")"
    if scope_tokens is not None:
        expression += " AND tokens : (" + " OR ".join(scope_tokens) + ")"
    return expression


def tsquery(terms: Terms, scope_tokens: list[str] | None) -> str:
    """The same for PostgreSQL's `to_tsquery('simple', …)`: words weighted A or B (title or
    body), scope tokens weighted D (see the generated `document` column)."""
    quoted = [f"'{word}':AB" for word in terms.words]
    if terms.prefix:
        quoted[-1] = f"'{terms.words[-1]}':*AB"
    expression = " & ".join(quoted)
    if scope_tokens is not None:
        expression += " & (" + " | ".join(f"'{token}':D" for token in scope_tokens) + ")"
    return expression


def scope_token(kind: str, key: str) -> str:
    """The indexed word for scope `key` of `kind`: letters only, so both engines keep it whole,
    and qualified by the kind, so a key one app hands out never opens another's documents."""
    digest = hashlib.blake2b(f"{kind}\x1f{key}".encode(), digest_size=8).hexdigest()
    return "s" + digest.translate(_HEX_AS_LETTERS)


def kind_token(kind: str) -> str:
    """The indexed word every document of `kind` carries (an admin's filter by kind)."""
    return scope_token(kind, "")


_HEX_AS_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
