"""Existing templates and briefs get their key facts.

The starting templates' questions are mapped to facts by the keys they have always had (and a
template someone wrote with those keys too, where the kind fits); each brief's snapshot of its
questions learns the same mapping, and its fact columns are filled from its current answers.
A budget without a currency takes its client's; an answer that does not read as its fact (a
free-text budget, a date that is not one, an approver who no longer exists) leaves that column
empty rather than failing.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

from accord.core import money

# Key → (fact, the kind of question it needs, or None for any).
BY_KEY = {
    "objective": ("objective", None),
    "success_measure": ("success_measure", None),
    "audience": ("audience", None),
    "key_message": ("key_message", None),
    "channels": ("channel", None),
    "deliverables": ("format", None),
    "budget": ("budget", "money"),
    "deadline": ("deadline", "date"),
    "approver": ("approver", "approver"),
}
BATCH = 500
MAX_BUDGET = Decimal(10) ** 12


def _fact(key: str, kind: str, taken: set[str]) -> str:
    fact, needs = BY_KEY.get(key, ("", None))
    if not fact or fact in taken or (needs is not None and kind != needs):
        return ""
    taken.add(fact)
    return fact


def map_template_questions(apps, schema_editor):
    TemplateQuestion = apps.get_model("intake", "TemplateQuestion")
    taken: dict[int, set[str]] = {}
    changed = []
    for question in TemplateQuestion.objects.order_by("template_id", "position", "pk"):
        fact = _fact(question.key, question.kind, taken.setdefault(question.template_id, set()))
        if fact and question.fact != fact:
            question.fact = fact
            changed.append(question)
    TemplateQuestion.objects.bulk_update(changed, ["fact"], batch_size=BATCH)


def _answer(answers: dict, question: dict | None) -> str:
    if question is None:
        return ""
    value = answers.get(question.get("key"))
    return value.strip() if isinstance(value, str) else ""


def _fill(brief, user_ids: set[int]) -> None:
    taken: set[str] = set()
    questions = []
    for question in brief.questions if isinstance(brief.questions, list) else []:
        if isinstance(question, dict) and "fact" not in question:
            question = {
                **question,
                "fact": _fact(str(question.get("key")), str(question.get("kind")), taken),
            }
        elif isinstance(question, dict) and question.get("fact"):
            taken.add(question["fact"])
        questions.append(question)
    brief.questions = questions
    by_fact: dict[str, dict] = {}
    for question in questions:
        if isinstance(question, dict) and question.get("fact"):
            by_fact.setdefault(question["fact"], question)
    answers = brief.answers if isinstance(brief.answers, dict) else {}
    try:
        brief.deadline = date.fromisoformat(_answer(answers, by_fact.get("deadline")))
    except ValueError:
        brief.deadline = None
    raw_budget = _answer(answers, by_fact.get("budget"))
    budget = None
    if raw_budget:
        try:
            budget = money.read_budget(raw_budget, default_currency=brief.client.currency)
        except ValueError:
            budget = None
    if budget is not None and budget.high < MAX_BUDGET:
        brief.budget_low, brief.budget_high = budget.low, budget.high
        brief.budget_currency = budget.currency
    approver = _answer(answers, by_fact.get("approver"))
    if approver.isascii() and approver.isdigit() and len(approver) < 16:
        brief.approver_id = int(approver) if int(approver) in user_ids else None
    brief.channel = _answer(answers, by_fact.get("channel"))
    brief.format = _answer(answers, by_fact.get("format"))


def fill_brief_facts(apps, schema_editor):
    Brief = apps.get_model("intake", "Brief")
    User = apps.get_model("accounts", "User")
    user_ids = set(User.objects.values_list("pk", flat=True))
    fields = [
        "questions",
        "deadline",
        "budget_low",
        "budget_high",
        "budget_currency",
        "approver",
        "channel",
        "format",
    ]
    batch = []
    for brief in Brief.objects.select_related("client").order_by("pk").iterator(BATCH):
        _fill(brief, user_ids)
        batch.append(brief)
        if len(batch) >= BATCH:
            Brief.objects.bulk_update(batch, fields)
            batch = []
    if batch:
        Brief.objects.bulk_update(batch, fields)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("intake", "0008_brief_key_facts"),
    ]

    operations = [
        migrations.RunPython(map_template_questions, migrations.RunPython.noop),
        migrations.RunPython(fill_brief_facts, migrations.RunPython.noop),
    ]
