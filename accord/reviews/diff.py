"""The word-level difference between two versions of copy, at a bounded cost whatever the input.

Copy is diffed paragraph by paragraph first, then word by word inside the paragraphs that
changed, both with `accord.core.diff` (Myers' search, bounded in steps). Each comparison is
bounded: a pair of passages whose differing middles' token counts multiply past `WORD_CAP`, or
that need more steps than `WORD_CAP` or than is left of `BUDGET` over the whole diff, is shown
as replaced whole; copy with too many paragraphs to match them up (`PARAGRAPH_CAP`) keeps its
common start and end and shows the middle as replaced. Joining the `equal` and `delete` pieces
gives the old text back exactly, `equal` and `insert` the new one.

Pure: no Django, so it is tested alone (with hypothesis).
"""

import re
from dataclasses import dataclass
from typing import Literal

from accord.core.diff import difference

Op = Literal["equal", "insert", "delete"]

# Word tokens: a word (with its apostrophes: "don't") or one other character, each with the
# whitespace after it, or whitespace at the very start. Every character falls in one of them,
# so the tokens join back into the text; spaces ride with their word rather than being tokens
# of their own, which would swamp the matching (half the tokens, all alike).
_TOKEN = re.compile(r"\w+(?:['’]\w+)*\s*|[^\w\s]\s*|\s+")
# A paragraph is a line with its line break: copy's plain text has a line per paragraph.
_PARAGRAPH = re.compile(r"[^\n]*\n|[^\n]+")

# The cost of comparing two passages word by word is the steps of the search (each under a
# microsecond here) plus a fixed amount for each comparison. Two passages whose differing
# middles' token counts multiply past WORD_CAP, or that need more steps than it, are shown as
# replaced whole, and so is everything left once one diff has spent BUDGET: at worst a few
# tenths of a second.
WORD_CAP = 100_000
BUDGET = 300_000
COMPARISON_COST = 100
# Paragraph counts multiplied: above this the paragraphs are not matched up; and the steps that
# matching them up may take.
PARAGRAPH_CAP = 1_000_000
PARAGRAPH_STEPS = 100_000


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
        found = difference(a_tokens, b_tokens, budget=min(cap, budget - spent), max_product=cap)
        spent += min(found.steps, budget - spent)
        for s in found.stretches:
            if s.changed:
                out.replaced("".join(a_tokens[s.i1 : s.i2]), "".join(b_tokens[s.j1 : s.j2]))
            else:
                out.same("".join(a_tokens[s.i1 : s.i2]))

    a_paras, b_paras = paragraphs(old), paragraphs(new)
    matched = difference(a_paras, b_paras, budget=PARAGRAPH_STEPS, max_product=paragraph_cap)
    for s in matched.stretches:
        if not s.changed:
            out.same("".join(a_paras[s.i1 : s.i2]))
        elif s.i2 - s.i1 == s.j2 - s.j1:
            for a, b in zip(a_paras[s.i1 : s.i2], b_paras[s.j1 : s.j2], strict=True):
                by_words(a, b)
        else:
            # Paragraphs added, removed, split or joined: the passages are compared as a whole.
            by_words("".join(a_paras[s.i1 : s.i2]), "".join(b_paras[s.j1 : s.j2]))
    return out.done()
