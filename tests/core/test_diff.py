"""The bounded difference both apps' word diffs are built on: its stretches cover both sequences
in order, what it calls unchanged is the same in both, and its work stays within the budget."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from accord.core.diff import Stretch, difference

TOKENS = st.lists(st.sampled_from(["a", "b", "c", " ", "\n"]), max_size=40)


def _check(a: list[str], b: list[str], stretches: list[Stretch]) -> None:
    i = j = 0
    for s in stretches:
        assert (s.i1, s.j1) == (i, j) and (s.i2 > s.i1 or s.j2 > s.j1)
        if not s.changed:
            assert a[s.i1 : s.i2] == b[s.j1 : s.j2]
        i, j = s.i2, s.j2
    assert (i, j) == (len(a), len(b))
    assert all(x.changed != y.changed for x, y in pairwise(stretches))


@given(TOKENS, TOKENS, st.sampled_from([0, 3, 50, 100_000]))
def test_the_stretches_cover_both_sequences_whatever_the_budget(a, b, budget):
    found = difference(a, b, budget=budget)
    _check(a, b, found.stretches)


@given(TOKENS, TOKENS)
def test_an_affordable_difference_is_a_shortest_one(a, b):
    found = difference(a, b, budget=100_000)
    assert not found.replaced
    changed = sum((s.i2 - s.i1) + (s.j2 - s.j1) for s in found.stretches if s.changed)
    same = sum(s.i2 - s.i1 for s in found.stretches if not s.changed)
    assert changed == len(a) + len(b) - 2 * same  # every token kept is counted once on each side
    assert same == _longest_common(a, b)


def _longest_common(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for j, y in enumerate(b, start=1):
            previous, row[j] = row[j], previous + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def test_the_common_start_and_end_are_kept_and_the_middle_searched():
    a, b = list("abcxdef"), list("abcyydef")
    assert difference(a, b, budget=1_000).stretches == [
        Stretch(False, 0, 3, 0, 3),
        Stretch(True, 3, 4, 3, 5),
        Stretch(False, 4, 7, 5, 8),
    ]


def test_past_the_budget_or_the_product_the_middle_is_one_change():
    a = [f"w{i % 7}" for i in range(2_000)]
    b = [f"w{i % 5}" for i in range(2_000)]
    spent = difference(a, b, budget=1_000)
    assert spent.replaced and spent.steps <= 1_000 + len(a) + len(b)
    assert [s.changed for s in spent.stretches] == [False, True, False]  # w0… and …w4
    refused = difference(a, b, budget=10**9, max_product=1_000)
    assert refused.replaced and refused.steps == 0
    # Sequences with nothing in common are one change at once, which is the true answer.
    unlike = difference(["a"] * 500, ["b"] * 500, budget=1)
    assert unlike.stretches == [Stretch(True, 0, 500, 0, 500)] and not unlike.replaced
