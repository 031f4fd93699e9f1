"""A brief's key facts: what its mapped questions' answers say, typed. Pure, no ORM.

Each question of a template may supply one fact (`TemplateQuestion.fact`, snapshotted into
`Brief.questions`). The services write these into the brief's columns whenever they save
answers; jobs, reviews and reports read the columns, never the JSON.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from accord.core import money

Question = dict[str, Any]

# The kind of question a fact needs: a deadline is a date, a budget an amount, an approver a
# person. The other facts take text of any kind.
FACT_KINDS: dict[str, str] = {"deadline": "date", "budget": "money", "approver": "approver"}


def fact_of(question: Question) -> str:
    return str(question.get("fact") or "")


def fact_questions(questions: list[Question]) -> dict[str, Question]:
    """The question supplying each fact (the first, should a snapshot name one twice)."""
    found: dict[str, Question] = {}
    for question in questions:
        if (fact := fact_of(question)) and fact not in found:
            found[fact] = question
    return found


@dataclass(frozen=True)
class KeyFacts:
    deadline: date | None = None
    budget: money.Budget | None = None
    approver_id: int | None = None
    channel: str = ""
    format: str = ""


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _budget(raw: str, currency: str) -> money.Budget | None:
    try:
        return money.read_budget(raw, default_currency=currency) if raw else None
    except ValueError:  # an old answer we cannot read stays out of the columns
        return None


def key_facts(
    questions: list[Question], answers: dict[str, str], *, default_currency: str
) -> KeyFacts:
    """The brief's key facts from its answers; an answer that does not read as its fact
    (an old free-text budget, say) leaves that fact empty rather than failing."""
    by_fact = fact_questions(questions)

    def answer(fact: str) -> str:
        question = by_fact.get(fact)
        return (answers.get(question["key"]) or "").strip() if question else ""

    approver = answer("approver")
    return KeyFacts(
        deadline=_date(answer("deadline")),
        budget=_budget(answer("budget"), default_currency),
        approver_id=int(approver)
        if approver.isascii() and approver.isdigit() and len(approver) < 16
        else None,
        channel=answer("channel"),
        format=answer("format"),
    )
