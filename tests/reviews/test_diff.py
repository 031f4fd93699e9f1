"""The word diff of copy: faithful to both texts whatever they are, word by word where it can
afford it, and never slow."""

import random
import time
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from accord.reviews import diff
from accord.reviews.diff import Piece, word_diff

# Text that looks like copy (words, spaces, punctuation, line breaks, accents) and text that
# does not (any character at all).
COPYISH = st.text(alphabet=st.sampled_from(list("ab cd\n\n.,'’-éß\t")), max_size=300)
ANYTHING = st.text(max_size=200)


def old_of(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "insert")


def new_of(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "delete")


@given(COPYISH | ANYTHING, COPYISH | ANYTHING)
def test_the_pieces_give_back_both_texts_exactly(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert old_of(pieces) == old
    assert new_of(pieces) == new
    assert all(p.text for p in pieces)
    assert all(a.op != b.op for a, b in pairwise(pieces))


@given(COPYISH, COPYISH)
def test_with_the_smallest_caps_the_texts_still_come_back(old: str, new: str) -> None:
    pieces = word_diff(old, new, cap=1, budget=150, paragraph_cap=1)
    assert (old_of(pieces), new_of(pieces)) == (old, new)


@given(COPYISH)
def test_the_same_text_is_all_equal(text: str) -> None:
    assert word_diff(text, text) == ([Piece("equal", text)] if text else [])


def test_a_changed_word_is_marked_and_the_rest_left_alone() -> None:
    pieces = word_diff("Spring is here, don't miss it.", "Summer is here, don't miss it!")
    assert pieces == [
        Piece("delete", "Spring "),
        Piece("insert", "Summer "),
        Piece("equal", "is here, don't miss it"),
        Piece("delete", "."),
        Piece("insert", "!"),
    ]


def test_paragraphs_are_matched_before_words() -> None:
    old = "Fresh bread daily.\nOpen every day.\nFind us in Leeds."
    new = "Fresh bread daily.\nA new paragraph.\nOpen every day.\nFind us in York."
    pieces = word_diff(old, new)
    assert Piece("insert", "A new paragraph.\n") in pieces
    assert Piece("delete", "Leeds") in pieces and Piece("insert", "York") in pieces
    assert pieces[0] == Piece("equal", "Fresh bread daily.\n")


def _random_words(rng: random.Random, count: int) -> str:
    words = ["the", "and", "of", "spring", "bread", "fresh", "daily"]
    return " ".join(rng.choice(words) + rng.choice(["", ",", "."]) for _ in range(count))


def _hostile(seed: int) -> str:
    """50,000 characters of one paragraph: few distinct words, so a word-by-word match is at
    its most expensive."""
    return _random_words(random.Random(seed), 12_000)[:50_000]


def test_two_hostile_50000_character_texts_diff_in_well_under_a_second() -> None:
    old, new = _hostile(1), _hostile(2)
    assert len(old) == len(new) == 50_000
    started = time.perf_counter()
    pieces = word_diff(old, new)
    assert time.perf_counter() - started < 0.5  # loosely: a few hundredths here
    assert (old_of(pieces), new_of(pieces)) == (old, new)


def test_thousands_of_changed_paragraphs_diff_in_well_under_a_second() -> None:
    old, new = "a b\n" * 12_500, "b a\n" * 12_500
    started = time.perf_counter()
    pieces = word_diff(old, new)
    assert time.perf_counter() - started < 0.5
    assert (old_of(pieces), new_of(pieces)) == (old, new)


def test_a_paragraph_too_big_to_diff_by_words_is_replaced_whole() -> None:
    old = _hostile(1)
    new = "Intro. " + old[:30_000] + " changed " + old[30_000:] + " Outro."
    assert len(diff.tokens(old)) * len(diff.tokens(new)) > diff.WORD_CAP
    assert word_diff(old, new) == [Piece("delete", old), Piece("insert", new)]
    # The same change in a shorter text is found word by word.
    short = old[:2_000]
    at = short.index(" ", 1_000) + 1
    pieces = word_diff(short, short[:at] + "changed " + short[at:])
    assert pieces == [
        Piece("equal", short[:at]),
        Piece("insert", "changed "),
        Piece("equal", short[at:]),
    ]


def test_once_the_budget_is_spent_the_rest_is_replaced_whole() -> None:
    old = "".join(f"line {n} old words here\n" for n in range(40))
    new = "".join(f"line {n} new words here\n" for n in range(40))
    pieces = word_diff(old, new, budget=10 * diff.COMPARISON_COST)
    assert pieces[:3] == [
        Piece("equal", "line 0 "),
        Piece("delete", "old "),
        Piece("insert", "new "),
    ]
    assert pieces[-2:] == [
        Piece("delete", "".join(f"line {n} old words here\n" for n in range(10, 40))),
        Piece("insert", "".join(f"line {n} new words here\n" for n in range(10, 40))),
    ]
