"""What an answer means: each kind of question's answer checked and stored in one spelling."""

import re
from decimal import Decimal
from typing import Any

from accord.clients.models import Client, Contact
from accord.core.errors import InvalidInput
from accord.core.policy import ContactRole
from accord.core.text import one_line
from accord.intake import rules
from accord.intake.models import Brief

MAX_AMOUNT = Decimal(10) ** 12  # far beyond any brief's budget; keeps Decimal arithmetic exact


# A budget is an amount or a range of two, in the client's own spelling within reason: a
# currency sign or code, thousands separators, and k or m for thousands or millions. Nothing
# else is dropped, so "12,5" or "1e5" is refused rather than read as something else.
_CURRENCY = r"(?:[£$€]|gbp|eur|usd)"
_AMOUNT = re.compile(
    rf"{_CURRENCY}?\s*(?P<whole>\d{{1,3}}(?:(?:,|[ \u2009\u202f])\d{{3}})+|\d+)"
    rf"(?:\.(?P<cents>\d{{1,2}}))?\s*(?P<scale>[km])?\s*{_CURRENCY}?",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(?P<low>.+?)\s*(?:-|–|—|\bto\b)\s*(?P<high>.+)", re.IGNORECASE)
_SCALES = {"": 1, "k": 1_000, "m": 1_000_000}


def _amount(text: str) -> Decimal | None:
    match = _AMOUNT.fullmatch(text.strip())
    if match is None:
        return None
    whole = re.sub(r"[^\d]", "", match["whole"])
    amount = Decimal(f"{whole}.{match['cents'] or '0'}") * _SCALES[(match["scale"] or "").lower()]
    return amount if amount < MAX_AMOUNT else None


def _spelled(amount: Decimal) -> str:
    if amount == amount.to_integral_value():
        return str(amount.quantize(Decimal(1)))
    return str(amount.quantize(Decimal("0.01")))


def clean_budget(value: str) -> str | None:
    """`value` as a plain amount ("15000", "1500.50") or range ("10000–15000"), or None.

    Accepted: £ $ € or GBP/EUR/USD, thousands separated by commas or (thin) spaces, up to two
    decimals, "15k" and "1.5m", and two amounts joined by -, –, — or "to" (low first).
    """
    value = value.strip()
    if (amount := _amount(value)) is not None:
        return _spelled(amount)
    if (parts := _RANGE.fullmatch(value)) is None:
        return None
    low, high = _amount(parts["low"]), _amount(parts["high"])
    if low is None or high is None or low > high:
        return None
    return _spelled(low) if low == high else f"{_spelled(low)}–{_spelled(high)}"


def as_stored(question: dict[str, Any] | None, raw: Any) -> str:
    """A value as it would be stored, unchecked: the title (`question` None) on one line, an
    answer trimmed, an amount as a number. What was typed compares with what is stored so."""
    if question is None:
        return one_line(str(raw))[:160]
    value = ("" if raw is None else str(raw)).replace("\x00", "").strip()
    if value and question.get("kind") == "money":
        return clean_budget(value) or value
    return value


def _clean_value(question: dict[str, Any], raw: Any, client: Client) -> str:
    value = "" if raw is None else str(raw)
    value = value.replace("\x00", "").strip()
    rules.check_answer_size(question, value)
    if not value:
        return ""
    kind = question.get("kind")
    if kind == "date" and rules.parse_date(value) is None:
        raise InvalidInput(
            f"{question['label']}: use a date like 2027-03-31.", field=question["key"]
        )
    if kind == "money":
        if (budget := clean_budget(value)) is None:
            shown = value if len(value) <= 40 else f"{value[:40]}…"
            raise InvalidInput(
                f"{question['label']}: “{shown}” is not an amount we can read. Write it like "
                "15000, £15,000, 15k or a range like 10,000–15,000.",
                field=question["key"],
            )
        return budget
    if (
        kind == "approver"
        and not Contact.objects.filter(
            client=client,
            # An id too long for the database is nobody, not an error.
            user_id=value if value.isascii() and value.isdigit() and len(value) < 16 else 0,
            role=ContactRole.APPROVER,
        ).exists()
    ):
        raise InvalidInput(
            f"{question['label']}: choose one of {client.name}'s approvers.", field=question["key"]
        )
    return value


def clean_answers(brief: Brief, answers: dict[str, Any]) -> dict[str, str]:
    by_key = {q["key"]: q for q in brief.questions}
    unknown = sorted(set(answers) - set(by_key))
    if unknown:
        raise InvalidInput(
            f"This brief has no question called {', '.join(unknown)}.", field=unknown[0]
        )
    cleaned = {key: _clean_value(by_key[key], v, brief.client) for key, v in answers.items()}
    rules.check_answers_size({**brief.answers, **cleaned}, field=next(iter(cleaned), "answers"))
    return cleaned
