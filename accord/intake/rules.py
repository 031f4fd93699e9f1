"""Pure rules for briefs: completeness, word-level comparison, lead time. No ORM here."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any

from django.utils.html import escape

Question = dict[str, Any]  # {"key", "label", "section", "kind", "required", "help_text", ...}
Answers = dict[str, str]

BROAD_AUDIENCES = {
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "all",
    "all people",
    "the public",
    "general public",
    "the general public",
    "all ages",
    "the whole world",
    "the world",
    "all customers",
    "any customer",
    "people",
    "consumers",
    "mass market",
    "all consumers",
}
MEASURE_WORDS = re.compile(
    r"\d|%|percent|per cent|\bkpi\b|\broi\b|\bctr\b|\bcpa\b|\bcpc\b|increase|decrease|reduce|"
    r"grow|double|triple|sign-?ups?|leads?|conversions?|sales|revenue|clicks|downloads|"
    r"visits|bookings|registrations|followers|engagement rate|reach|impressions",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    key: str
    message: str
    severity: str = "missing"  # "missing" (required, unanswered) or "weak" (answered, but vague)


@dataclass(frozen=True)
class Completeness:
    score: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def missing_required(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "missing"]


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


def _objective(answers: Answers) -> list[Finding]:
    objective = answered(answers, "objective")
    measure = answered(answers, "success_measure")
    if objective and not MEASURE_WORDS.search(f"{objective} {measure}"):
        return [
            Finding(
                "objective",
                "The objective has no measurable outcome: say what number should "
                "change, by how much and by when (e.g. “2,000 newsletter sign-ups by June”).",
                "weak",
            )
        ]
    return []


def _audience(answers: Answers) -> list[Finding]:
    audience = answered(answers, "audience")
    if audience and audience.lower().strip(" .!") in BROAD_AUDIENCES:
        return [
            Finding(
                "audience",
                f"“{audience}” is not an audience we can write for: describe who they "
                "are, where they are and what they care about.",
                "weak",
            )
        ]
    return []


def _deadline(answers: Answers, *, today: date, min_lead_days: int) -> list[Finding]:
    raw = answered(answers, "deadline")
    deadline = parse_date(raw)
    if not raw:
        return [Finding("deadline", "There is no deadline yet.")]
    if deadline is None:
        return [Finding("deadline", "The deadline is not a date.", "weak")]
    if deadline < today:
        return [Finding("deadline", "The deadline is in the past.", "weak")]
    days = working_days_between(today, deadline)
    if days < min_lead_days:
        earliest = add_working_days(today, min_lead_days)
        return [
            Finding(
                "deadline",
                f"The deadline is {days} working day{'s' if days != 1 else ''} away; "
                f"this kind of work needs at least {min_lead_days}. The earliest realistic date "
                f"is {earliest.day} {earliest:%B %Y}.",
                "weak",
            )
        ]
    return []


PRESENCE = {
    "budget": "No budget is given, so we cannot size the work.",
    "approver": "No approver is named: who signs this work off?",
}


def completeness(
    *, questions: list[Question], answers: Answers, today: date, min_lead_days: int
) -> Completeness:
    """How ready a brief is (0–100), and what is weak or missing, in plain words.

    Every question is worth one point, a required one two; a weak answer earns half.
    """
    keys = {q["key"] for q in questions}
    findings = [
        Finding(q["key"], f"{q['label']}: not answered yet.")
        for q in questions
        if q.get("required")
        and not answered(answers, q["key"])
        and q["key"] not in PRESENCE
        and q["key"] != "deadline"
    ]
    findings += _objective(answers) + _audience(answers)
    if "deadline" in keys:
        findings += _deadline(answers, today=today, min_lead_days=min_lead_days)
    findings += [
        Finding(key, message)
        for key, message in PRESENCE.items()
        if key in keys and not answered(answers, key)
    ]
    weak = {f.key for f in findings if f.severity == "weak"}
    possible = earned = 0.0
    for question in questions:
        worth = 2.0 if question.get("required") else 1.0
        possible += worth
        if answered(answers, question["key"]):
            earned += worth / 2 if question["key"] in weak else worth
    score = round(100 * earned / possible) if possible else 0
    return Completeness(score=score, findings=findings)


def words_diff(old: str, new: str) -> str:
    """HTML of `new` against `old`, word by word: removals in <del>, additions in <ins>.

    A lone space between two changes joins them, so "as good as" → "better than" reads as
    one change rather than four.
    """
    old_words, new_words = re.findall(r"\S+|\s+", old or ""), re.findall(r"\S+|\s+", new or "")
    chunks: list[tuple[bool, str, str]] = []  # (changed, old text, new text)
    matcher = SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        chunks.append((op != "equal", "".join(old_words[a1:a2]), "".join(new_words[b1:b2])))
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
    """Field-by-field changes between two versions of a brief, in question order."""
    changes: list[FieldChange] = []
    if old_title != new_title:
        changes.append(
            FieldChange("title", "Title", old_title, new_title, words_diff(old_title, new_title))
        )
    keys = [q["key"] for q in questions]
    labels = {q["key"]: q["label"] for q in questions}
    extra = sorted((set(old_answers) | set(new_answers)) - set(keys))
    for key in keys + extra:
        old, new = old_answers.get(key, "") or "", new_answers.get(key, "") or ""
        if old != new:
            changes.append(FieldChange(key, labels.get(key, key), old, new, words_diff(old, new)))
    return changes


def version_content(*, title: str, questions: list[Question], answers: Answers) -> dict[str, Any]:
    """Exactly what a sign-off covers: the title and each question with its answer."""
    return {
        "title": title,
        "answers": [
            {"key": q["key"], "question": q["label"], "answer": answers.get(q["key"], "") or ""}
            for q in questions
        ],
    }
