"""Pure rules for briefs: answer sizes, word-level comparison, lead time. No ORM here.

The completeness coach is in `coach.py`."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.html import escape

from accord.core.diff import difference
from accord.core.errors import InvalidInput

Question = dict[str, Any]  # {"key", "label", "section", "kind", "required", "help_text", ...}
Answers = dict[str, str]

# The longest answer each kind of question takes, so that every page, diff and PDF of a
# brief is bounded by its template. Dates, amounts and people are checked by format too.
MAX_LENGTH = {"text": 1_000, "long_text": 10_000, "date": 40, "money": 100, "approver": 20}


def max_length(kind: str | None) -> int:
    """The longest answer a question of `kind` takes (an unknown kind: a long answer's)."""
    return MAX_LENGTH.get(kind or "", MAX_LENGTH["long_text"])


# A PDF's cost follows its lines more than its characters ("x" and a line break, repeated,
# is a page every 45 characters): answers are bounded in line breaks too, each and together.
MAX_LINE_BREAKS = {"long_text": 200}
MAX_SHORT_LINE_BREAKS = 20
MAX_ANSWERS_TOTAL = 60_000  # characters in all of a brief's answers together
MAX_LINE_BREAKS_TOTAL = 1_000  # line breaks in all of a brief's answers together


def check_answer_size(question: dict[str, Any], value: str) -> None:
    """Refuse an answer longer than its kind takes, in characters or in line breaks."""
    kind, label, key = question.get("kind"), question["label"], question["key"]
    if len(value) > (limit := max_length(kind)):
        raise InvalidInput(f"{label}: keep it under {limit:,} characters.", field=key)
    breaks = MAX_LINE_BREAKS.get(kind or "", MAX_SHORT_LINE_BREAKS)
    if value.count("\n") > breaks:
        raise InvalidInput(f"{label}: keep it to at most {breaks + 1:,} lines.", field=key)


def check_answers_size(answers: dict[str, str], field: str) -> None:
    """Refuse a brief whose answers together are too long, in characters or in lines."""
    total = sum(len(v or "") for v in answers.values())
    if total > MAX_ANSWERS_TOTAL:
        raise InvalidInput(
            f"All the answers together can be up to {MAX_ANSWERS_TOTAL:,} characters; these "
            f"come to {total:,}. Shorten the longest, or attach the detail to the request.",
            field=field,
        )
    lines = sum((v or "").count("\n") for v in answers.values())
    if lines > MAX_LINE_BREAKS_TOTAL:
        raise InvalidInput(
            f"All the answers together can have up to {MAX_LINE_BREAKS_TOTAL:,} line breaks; "
            f"these have {lines:,}. Join short lines, or attach the detail to the request.",
            field=field,
        )


def answered(answers: Answers, key: str) -> str:
    return (answers.get(key) or "").strip()


def parse_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except (ValueError, AttributeError):
        return None


def add_working_days(start: date, days: int) -> date:
    current, added = start, 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Weekdays after `start` up to and including `end`. Whole weeks are counted at once, so
    a deadline in the year 9999 costs no more than one next week."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    tail = sum((start + timedelta(days=i)).weekday() < 5 for i in range(1, rest + 1))
    return weeks * 5 + tail


# The most work one word diff may do: steps of `core.diff`'s edit-distance search. Past it, the
# part of a field that differs is shown as replaced as a whole, so a diff costs at most this
# much whatever two answers it compares (5,000 words each take ~10,000 steps when a sentence
# changed, and stop at this bound when everything did). Comparing two versions shares
# COMPARE_BUDGET among the fields that changed.
DIFF_BUDGET = 100_000
COMPARE_BUDGET = 300_000


@dataclass(frozen=True)
class WordDiff:
    html: str
    steps: int  # work done: at most the budget plus one pass over both texts
    replaced: bool  # the budget ran out: the differing middle is shown as replaced


def diff_words(old: str, new: str, *, budget: int = DIFF_BUDGET) -> WordDiff:
    """`new` against `old`, word by word, at a bounded cost (see `words_diff`)."""
    old_words, new_words = re.findall(r"\S+|\s+", old or ""), re.findall(r"\S+|\s+", new or "")
    found = difference(old_words, new_words, budget=budget)
    chunks = [  # (changed, old text, new text)
        (s.changed, "".join(old_words[s.i1 : s.i2]), "".join(new_words[s.j1 : s.j2]))
        for s in found.stretches
    ]
    return WordDiff(_marked(chunks), found.steps, replaced=found.replaced)


def _marked(chunks: list[tuple[bool, str, str]]) -> str:
    merged: list[tuple[bool, str, str]] = []
    for i, (changed, before, after) in enumerate(chunks):
        between_changes = 0 < i < len(chunks) - 1 and chunks[i - 1][0] and chunks[i + 1][0]
        joins = changed or (between_changes and not before.strip())
        if joins and merged and merged[-1][0]:
            merged[-1] = (True, merged[-1][1] + before, merged[-1][2] + after)
        else:
            merged.append((joins, before, after))
    parts: list[str] = []
    for changed, before, after in merged:
        if not changed:
            parts.append(escape(before))
            continue
        if before:
            parts.append(f"<del>{escape(before)}</del>")
        if after:
            parts.append(f"<ins>{escape(after)}</ins>")
    return "".join(parts)


def words_diff(old: str, new: str) -> str:
    """HTML of `new` against `old`, word by word: removals in <del>, additions in <ins>.

    A lone space between two changes joins them, so "as good as" → "better than" reads as
    one change rather than four. The cost is bounded (`DIFF_BUDGET`): two long answers that
    differ throughout show their differing middle as replaced, in one <del> and one <ins>.
    """
    return diff_words(old, new).html


@dataclass(frozen=True)
class FieldChange:
    key: str
    label: str
    old: str
    new: str
    html: str


def compare(
    *,
    old_title: str,
    old_answers: Answers,
    new_title: str,
    new_answers: Answers,
    questions: list[Question],
) -> list[FieldChange]:
    """Field-by-field changes between two versions of a brief, in question order. All the
    fields' word diffs share `COMPARE_BUDGET`, so a brief of many long answers costs no more."""
    pairs: list[tuple[str, str, str, str]] = []  # key, label, old, new
    if old_title != new_title:
        pairs.append(("title", "Title", old_title, new_title))
    keys = [q["key"] for q in questions]
    labels = {q["key"]: q["label"] for q in questions}
    extra = sorted((set(old_answers) | set(new_answers)) - set(keys))
    for key in keys + extra:
        old, new = old_answers.get(key, "") or "", new_answers.get(key, "") or ""
        if old != new:
            pairs.append((key, labels.get(key, key), old, new))
    budget = min(DIFF_BUDGET, COMPARE_BUDGET // max(1, len(pairs)))
    return [
        FieldChange(key, label, old, new, diff_words(old, new, budget=budget).html)
        for key, label, old, new in pairs
    ]


def stored_changes(
    stored: list[dict[str, str]],
    *,
    old_title: str,
    old_answers: Answers,
    new_title: str,
    new_answers: Answers,
) -> list[FieldChange]:
    """Changes as `compare` made them and a version stored them, with the old and new text
    taken from the two versions again (the stored diff keeps only the marked-up words)."""
    changes = []
    for number, change in enumerate(stored):
        key = change["key"]
        if number == 0 and key == "title" and old_title != new_title:
            old, new = old_title, new_title
        else:
            old, new = old_answers.get(key, "") or "", new_answers.get(key, "") or ""
        changes.append(FieldChange(key, change["label"], old, new, change["html"]))
    return changes


def storable(changes: list[FieldChange]) -> list[dict[str, str]]:
    """What a version keeps of its changes: enough for `stored_changes` to rebuild them."""
    return [{"key": c.key, "label": c.label, "html": c.html} for c in changes]


def version_content(*, title: str, questions: list[Question], answers: Answers) -> dict[str, Any]:
    """Exactly what a sign-off covers: the title and each question with its answer."""
    return {
        "title": title,
        "answers": [
            {"key": q["key"], "question": q["label"], "answer": answers.get(q["key"], "") or ""}
            for q in questions
        ],
    }


def short_fingerprint(sha256: str) -> str:
    """A SHA-256 as people read it out: its first 8 hex digits, upper case, as 4-4."""
    head = (sha256 or "")[:8].upper()
    return f"{head[:4]}-{head[4:]}" if len(head) == 8 else head


MAX_TITLE = 160
MAX_REASON = 200
