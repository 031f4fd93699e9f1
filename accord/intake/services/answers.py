"""What an answer means: each kind of question's answer checked and stored in one spelling."""

from typing import Any

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.core import money
from accord.core.errors import InvalidInput
from accord.core.policy import ContactRole
from accord.core.text import one_line
from accord.intake import facts, rules
from accord.intake.models import Brief

FACT_FIELDS = [
    "deadline",
    "budget_low",
    "budget_high",
    "budget_currency",
    "approver",
    "channel",
    "format",
]


def read_budget(value: str, *, currency: str, field: str) -> money.Budget:
    """`value` read as a budget in its own currency or `currency`; a clear refusal otherwise."""
    shown = value if len(value) <= 40 else f"{value[:40]}…"
    try:
        return money.read_budget(value, default_currency=currency)
    except money.UnknownCurrency as exc:
        raise InvalidInput(
            f"The budget “{shown}” is in a currency we don't know ({exc.code[:3]}). Use £, $, "
            f"€ or ¥, or an ISO 4217 code: write {money.ACCEPTED}.",
            field=field,
        ) from exc
    except money.Unreadable as exc:
        raise InvalidInput(
            f"The budget “{shown}” is not an amount we can read. Write {money.ACCEPTED}.",
            field=field,
        ) from exc


def _plain(text: str) -> str:
    """Text as stored: no NUL, line breaks as one "\n" whatever the browser sent ("\r\n"
    from a form would otherwise read as a change to every line), trimmed."""
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def as_stored(question: dict[str, Any] | None, raw: Any, *, currency: str = "") -> str:
    """A value as it would be stored, unchecked: the title (`question` None) on one line, an
    answer trimmed, an amount in its one spelling (in `currency` when it names none). What
    was typed compares with what is stored so."""
    if question is None:
        return one_line(str(raw))[:160]
    value = _plain("" if raw is None else str(raw))
    if value and question.get("kind") == "money":
        try:
            return money.read_budget(value, default_currency=currency).display
        except ValueError:
            return value
    return value


def _clean_value(question: dict[str, Any], raw: Any, client: Client) -> str:
    value = _plain("" if raw is None else str(raw))
    rules.check_answer_size(question, value)
    if not value:
        return ""
    kind = question.get("kind")
    if kind == "date" and rules.parse_date(value) is None:
        raise InvalidInput(
            f"{question['label']}: use a date like 2027-03-31.", field=question["key"]
        )
    if kind == "money":
        return read_budget(value, currency=client.currency, field=question["key"]).display
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
    for key, value in cleaned.items():
        # An answer stored in an older spelling that means the same ("12000" from before
        # budgets kept their currency, "\r\n" line breaks) is kept as it is: re-saving it
        # is no change, and no new version.
        stored = brief.answers.get(key)
        if (
            stored
            and stored != value
            and as_stored(by_key[key], stored, currency=brief.client.currency) == value
        ):
            cleaned[key] = stored
    rules.check_answers_size({**brief.answers, **cleaned}, field=next(iter(cleaned), "answers"))
    return cleaned


def fill_facts(brief: Brief) -> None:
    """Set the brief's key-fact columns from its answers (the caller saves them, in the same
    transaction as the answers: `FACT_FIELDS`). A budget without a currency takes the
    client's; an approver who is no longer a person Accord knows is left out."""
    found = facts.key_facts(brief.questions, brief.answers, default_currency=brief.client.currency)
    brief.deadline = found.deadline
    budget = found.budget
    brief.budget_low = budget.low if budget else None
    brief.budget_high = budget.high if budget else None
    brief.budget_currency = budget.currency if budget else ""
    approver_id = found.approver_id
    if (
        approver_id is not None
        and approver_id != brief.approver_id
        and not User.objects.filter(pk=approver_id).exists()
    ):
        approver_id = None
    brief.approver_id = approver_id
    brief.channel, brief.format = found.channel, found.format
