"""Small rules for text that every app applies the same way."""

from accord.core.errors import InvalidInput


def one_line(text: str | None) -> str:
    """`text` with every run of whitespace, line breaks included, as one space.

    For titles: they end up in email subjects, where a line break is refused.
    """
    return " ".join((text or "").split())


def short_line(text: str | None, *, limit: int, what: str, field: str) -> str:
    """`text` as one line, refused when longer than `limit`: a title or a reason is never
    cut silently, and the person keeps what they typed to shorten it."""
    line = one_line(text)
    if len(line) > limit:
        raise InvalidInput(f"Keep {what} to {limit} characters; it has {len(line)}.", field=field)
    return line


KB = 1024
MB = 1024 * KB


def size_in_words(size: int) -> str:
    """A byte count as a limit is told to people: "5 MB", "1.5 MB", "512 KB", never "0 MB".

    Rounded down, so "at most" that many is always within the limit."""
    if size >= MB:
        tenths = size * 10 // MB
        return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"
    if size >= KB:
        return f"{size // KB} KB"
    return f"{size} bytes"


def possessive(name: str) -> str:
    """`name` owning something, as people write it: "Globex Bank’s", "Acme Foods’"."""
    name = name.strip()
    if not name:
        return name
    return f"{name}’" if name[-1] in "sS" else f"{name}’s"
