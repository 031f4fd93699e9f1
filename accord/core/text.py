"""Small rules for text that every app applies the same way."""


def one_line(text: str | None) -> str:
    """`text` with every run of whitespace, line breaks included, as one space.

    For titles: they end up in email subjects, where a line break is refused.
    """
    return " ".join((text or "").split())
