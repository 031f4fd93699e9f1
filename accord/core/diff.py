"""The difference between two sequences of tokens (words, paragraphs), at a bounded cost: what
every diff Accord shows is built on (a brief's answers, a version's copy).

What both share at the start and at the end costs one pass; only the middle is searched, with
Myers' algorithm, whose work grows with the size of the change (O((N+M)·D), D the number of
tokens added or removed) rather than with the texts. The search stops after `budget` steps, and
`max_product` (when given) refuses outright a middle whose token counts multiply past it: what
is left is then shown as replaced whole, so a diff costs at most about the budget plus one pass
whatever it is given.

Pure: no Django, so it is tested alone (with hypothesis).
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple


class Stretch(NamedTuple):
    """`a[i1:i2]` and `b[j1:j2]`: the same tokens (`changed` false), or the first replaced by
    the second (either may be empty: tokens only removed, or only added)."""

    changed: bool
    i1: int
    i2: int
    j1: int
    j2: int


@dataclass(frozen=True)
class Difference:
    stretches: list[Stretch]  # in order, changed and unchanged in turn, covering a and b
    steps: int  # the search's work: at most the budget plus one pass over both middles
    replaced: bool  # the budget or `max_product` stopped it: the middle is one change


def difference(
    a: Sequence[Hashable], b: Sequence[Hashable], *, budget: int, max_product: int | None = None
) -> Difference:
    """How `b` differs from `a`, token by token where `budget` steps suffice."""
    head, tail = common_ends(a, b)
    a_end, b_end = len(a) - tail, len(b) - tail
    a_mid, b_mid = a[head:a_end], b[head:b_end]
    script: list[str] | None = None
    steps = 0
    replaced = False
    if a_mid and b_mid and not set(a_mid).isdisjoint(b_mid):
        if max_product is not None and len(a_mid) * len(b_mid) > max_product:
            replaced = True
        else:
            ids: dict[Hashable, int] = {}
            script, steps = _edit_script(
                [ids.setdefault(t, len(ids)) for t in a_mid],
                [ids.setdefault(t, len(ids)) for t in b_mid],
                budget,
            )
            replaced = script is None
    stretches = [Stretch(False, 0, head, 0, head)] if head else []
    if script is None:  # nothing in common, or too costly to say: the middle is one change
        if a_mid or b_mid:
            stretches.append(Stretch(True, head, a_end, head, b_end))
    else:
        i, j = head, head
        for changed, run in groupby(script, key=lambda op: op != "="):
            ops = list(run)
            i2, j2 = i + len(ops) - ops.count("+"), j + len(ops) - ops.count("-")
            stretches.append(Stretch(changed, i, i2, j, j2))
            i, j = i2, j2
    if tail:
        stretches.append(Stretch(False, a_end, len(a), b_end, len(b)))
    return Difference(stretches, steps, replaced)


def common_ends(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[int, int]:
    """How many items `a` and `b` share at their start, and then at their end."""
    shortest = min(len(a), len(b))
    head = 0
    while head < shortest and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shortest - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    return head, tail


def _edit_script(a: list[int], b: list[int], budget: int) -> tuple[list[str] | None, int]:
    """Myers' shortest edit script of `a` into `b` ("=", "-", "+" per token), or None when it
    needs more than `budget` steps; and the steps taken. O((N+M)·D) with D the edit distance."""
    n, m = len(a), len(b)
    offset = n + m + 1
    v = [0] * (2 * offset + 1)
    trace: list[list[int]] = []
    steps = 0
    for d in range(n + m + 1):
        trace.append(v[offset - d - 1 : offset + d + 2])  # what round d reads, -d-1 … d+1
        steps += 2 * d + 3
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            start = x
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            steps += x - start + 1
            v[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, n, m), steps
            if steps > budget:
                return None, steps
    raise AssertionError("unreachable: n + m edits always suffice")  # pragma: no cover


def _backtrack(trace: list[list[int]], n: int, m: int) -> list[str]:
    script: list[str] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        row = trace[d]  # row[i] is v[k] for k = i - d - 1
        k = x - y
        down = k == -d or (k != d and row[k - 1 + d + 1] < row[k + 1 + d + 1])
        prev_k = k + 1 if down else k - 1
        prev_x = row[prev_k + d + 1] if d else 0
        prev_y = prev_x - prev_k if d else 0
        while x > prev_x and y > prev_y:
            script.append("=")
            x, y = x - 1, y - 1
        if d:
            script.append("+" if down else "-")
        x, y = prev_x, prev_y
    script.reverse()
    return script
