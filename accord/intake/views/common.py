"""What the intake pages share: the signed-in person, and a brief laid out for reading."""

from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accord.accounts.models import User
from accord.clients.models import Client
from accord.core import money
from accord.core.text import one_line
from accord.intake import approvers, rules
from accord.intake.forms import CLIENT_SEARCH_RESULTS


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def me(request: HttpRequest) -> User:
    return cast(User, request.user)


@dataclass(frozen=True)
class ClientPicker:
    """The first step of a form for someone with too many clients for a drop-down."""

    q: str
    results: list[Client]


def client_picker(request: HttpRequest, clients: QuerySet[Client]) -> ClientPicker:
    """Clients whose name contains `?client_q=` (the first few by name without one)."""
    q = one_line(request.GET.get("client_q"))[:100]
    found = clients.filter(name__icontains=q) if q else clients
    return ClientPicker(q, list(found.order_by("name")[:CLIENT_SEARCH_RESULTS]))


@dataclass(frozen=True)
class Line:
    """One question of a brief with its answer, ready to show."""

    key: str
    label: str
    kind: str
    required: bool
    help_text: str
    example: str
    answer: str
    shown: str


@dataclass
class Section:
    name: str
    lines: list[Line] = field(default_factory=list)


def shown_answer(
    question: dict[str, Any], answer: str, names: dict[str, str], *, currency: str = ""
) -> str:
    """An answer as a reader wants it: a name for an approver, a long date, a budget in its
    one spelling (in `currency`, the client's, when it names none)."""
    if not answer:
        return ""
    kind = question.get("kind")
    if kind == "approver":
        return names.get(answer, approvers.GONE)
    if kind == "date" and (day := rules.parse_date(answer)):
        return f"{day.day} {day:%B %Y}"
    if kind == "money":
        return money.shown(answer, default_currency=currency)
    return answer


def sections_of(
    questions: list[dict[str, Any]], answers: dict[str, str], *, currency: str = ""
) -> list[Section]:
    """The questions grouped by section, in the order the template asks them, approvers by
    name, budgets in `currency` (the client's) when they name none."""
    names = approvers.names_for(questions, answers)
    sections: dict[str, Section] = {}
    for question in questions:
        name = question.get("section") or "Questions"
        answer = (answers.get(question["key"]) or "").strip()
        sections.setdefault(name, Section(name)).lines.append(
            Line(
                key=question["key"],
                label=question["label"],
                kind=question.get("kind", "long_text"),
                required=bool(question.get("required")),
                help_text=question.get("help_text", ""),
                example=question.get("example", ""),
                answer=answer,
                shown=shown_answer(question, answer, names, currency=currency),
            )
        )
    return list(sections.values())


def uses_approver(questions: list[dict[str, Any]]) -> bool:
    return any(q.get("kind") == "approver" for q in questions)


def asks_internal(request: HttpRequest) -> bool:
    """Whether the print or PDF was asked for with the internal notes (`?internal=1`); who
    may have them is the caller's to check."""
    return request.GET.get("internal", "").lower() in ("1", "true", "on", "yes")
