"""The word-level difference between two versions of copy, at a bounded cost whatever the input.

Copy is diffed paragraph by paragraph first, then word by word inside the paragraphs that
changed. `difflib.SequenceMatcher` is quadratic at worst, so each comparison is bounded: a pair
of passages whose token counts multiply past `WORD_CAP`, or once `BUDGET` is spent over the
whole diff, is shown as replaced whole; copy with too many paragraphs to match them up keeps
its common start and end and shows the middle as replaced. Joining the `equal` and `delete`
pieces gives the old text back exactly, `equal` and `insert` the new one.

Pure: no Django, so it is tested alone (with hypothesis).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete"]

# Word tokens: a word (with its apostrophes: "don't") or one other character, each with the
# whitespace after it, or whitespace at the very start. Every character falls in one of them,
# so the tokens join back into the text; spaces ride with their word rather than being tokens
# of their own, which would swamp the matching (half the tokens, all alike).
_TOKEN = re.compile(r"\w+(?:['’]\w+)*\s*|[^\w\s]\s*|\s+")
# A paragraph is a line with its line break: copy's plain text has a line per paragraph.
_PARAGRAPH = re.compile(r"[^\n]*\n|[^\n]+")

# The cost of comparing two passages word by word is counted as their token counts multiplied
# (SequenceMatcher's worst case, under a microsecond a unit here) plus a fixed amount for each
# comparison. Two passages costing more than WORD_CAP are shown as replaced whole, and so is
# everything left once one diff has spent BUDGET: at worst a few tenths of a second.
WORD_CAP = 100_000
BUDGET = 300_000
COMPARISON_COST = 100
# Paragraph counts multiplied: above this the paragraphs are not matched up.
PARAGRAPH_CAP = 1_000_000


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def paragraphs(text: str) -> list[str]:
    return _PARAGRAPH.findall(text)


class _Pieces:
    """Pieces as they are found: neighbouring equal text joined, and each run of changes
    between two equal stretches given as one deletion then one insertion."""

    def __init__(self) -> None:
        self.items: list[Piece] = []
        self.equal: list[str] = []
        self.deleted: list[str] = []
        self.inserted: list[str] = []

    def _flush_equal(self) -> None:
        if self.equal:
            self.items.append(Piece("equal", "".join(self.equal)))
            self.equal = []

    def _flush_changes(self) -> None:
        if deleted := "".join(self.deleted):
            self.items.append(Piece("delete", deleted))
        if inserted := "".join(self.inserted):
            self.items.append(Piece("insert", inserted))
        self.deleted, self.inserted = [], []

    def same(self, text: str) -> None:
        if text:
            self._flush_changes()
            self.equal.append(text)

    def replaced(self, old: str, new: str) -> None:
        if old or new:
            self._flush_equal()
            self.deleted.append(old)
            self.inserted.append(new)

    def done(self) -> list[Piece]:
        self._flush_changes()
        self._flush_equal()
        return self.items


def word_diff(
    old: str,
    new: str,
    *,
    cap: int = WORD_CAP,
    budget: int = BUDGET,
    paragraph_cap: int = PARAGRAPH_CAP,
) -> list[Piece]:
    """What changed from `old` to `new`, word by word where that is affordable."""
    out = _Pieces()
    spent = 0

    def by_words(a: str, b: str) -> None:
        nonlocal spent
        if not a or not b or spent + COMPARISON_COST > budget:
            out.replaced(a, b)
            return
        spent += COMPARISON_COST
        a_tokens, b_tokens = tokens(a), tokens(b)
        # What both share at the start and the end costs one pass: only the middle is matched.
        head, tail = _common_ends(a_tokens, b_tokens)
        a_mid, b_mid = a_tokens[head : len(a_tokens) - tail], b_tokens[head : len(b_tokens) - tail]
        out.same("".join(a_tokens[:head]))
        cost = len(a_mid) * len(b_mid)
        if cost > cap or spent + cost > budget or set(a_mid).isdisjoint(b_mid):
            out.replaced("".join(a_mid), "".join(b_mid))
        else:
            spent += cost
            matcher = SequenceMatcher(None, a_mid, b_mid, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "equal":
                    out.same("".join(a_mid[i1:i2]))
                else:
                    out.replaced("".join(a_mid[i1:i2]), "".join(b_mid[j1:j2]))
        out.same("".join(a_tokens[len(a_tokens) - tail :]))

    a_paras, b_paras = paragraphs(old), paragraphs(new)
    for tag, i1, i2, j1, j2 in _paragraph_opcodes(a_paras, b_paras, paragraph_cap):
        if tag == "equal":
            out.same("".join(a_paras[i1:i2]))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for a, b in zip(a_paras[i1:i2], b_paras[j1:j2], strict=True):
                by_words(a, b)
        elif tag == "replace":
            # Paragraphs split or joined: the passages are compared as a whole.
            by_words("".join(a_paras[i1:i2]), "".join(b_paras[j1:j2]))
        else:
            out.replaced("".join(a_paras[i1:i2]), "".join(b_paras[j1:j2]))
    return out.done()


def _paragraph_opcodes(
    a: list[str], b: list[str], cap: int
) -> Sequence[tuple[str, int, int, int, int]]:
    if len(a) * len(b) <= cap:
        return SequenceMatcher(None, a, b).get_opcodes()
    # Too many paragraphs to match up: the common start and end, and the middle replaced.
    head, tail = _common_ends(a, b)
    opcodes = [("equal", 0, head, 0, head)] if head else []
    if head < len(a) - tail or head < len(b) - tail:
        opcodes.append(("replace", head, len(a) - tail, head, len(b) - tail))
    if tail:
        opcodes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return opcodes


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    """How many items `a` and `b` share at their start, and then at their end."""
    shortest = min(len(a), len(b))
    head = 0
    while head < shortest and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shortest - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail
