"""The completeness coach: how ready a brief is, and what would make it better. Pure, no ORM.

It reads each question by the fact it supplies (`question["fact"]`: objective, audience,
key_message, channel, format, budget, deadline…), never by its key, and says in plain words
what is missing or too vague to act on, each time with an example of a good answer: the
question's own example when it is a good one, else a built-in one.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from accord.core import money
from accord.intake.facts import fact_of, fact_questions
from accord.intake.rules import add_working_days, answered, parse_date, working_days_between

if TYPE_CHECKING:
    from accord.intake.models import Brief

Question = dict[str, Any]
Answers = dict[str, str]
Check = Callable[[str], bool]  # whether an answer is good enough for its fact


@dataclass(frozen=True)
class Finding:
    key: str  # the question it is about
    message: str
    severity: str = "missing"  # "missing" (required, unanswered) or "weak" (answered, but vague)
    code: str = "missing"  # what kind of finding: "missing", "audience_vague", …
    example: str = ""  # a good answer, when there is one to show


@dataclass(frozen=True)
class Completeness:
    score: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def missing_required(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "missing"]


# What a missing fact means, in plain words; a question without a fact is named instead.
MISSING = {
    "objective": "There is no objective yet: say what this work should achieve.",
    "success_measure": "Say how we will know it worked: the number to look at afterwards.",
    "audience": "There is no audience yet: say who the work is for.",
    "key_message": "There is no key message yet: the one thing people should take away.",
    "channel": "Say where the work will run.",
    "format": "Say what is to be made, and how many.",
    "budget": "No budget is given, so we cannot size the work.",
    "deadline": "There is no deadline yet.",
    "approver": "No approver is named: who signs this work off?",
}
# Facts worth asking for even when the template left the question optional.
ALWAYS_ASKED = {"budget", "deadline", "approver"}
EXAMPLES = {
    "objective": "2,000 newsletter sign-ups by the end of June",
    "audience": "Commuters aged 25–40 in Leeds who buy coffee on the way to work",
    "key_message": "The oat latte tastes as good as the one you already love.",
    "channel": "Instagram feed and stories, TikTok",
    "format": "3 banners, 300×250 and 728×90",
    "budget": "£12,000, or EUR 10,000–15,000",
}

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
UNIVERSAL_WORDS = {
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "all",
    "people",
    "consumers",
    "customers",
    "the",
}
NUMBER = re.compile(
    r"\d|%|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|hundred|"
    r"thousand|million|half|double|triple|twice|percent|per cent)\b",
    re.IGNORECASE,
)
TIME_FRAME = re.compile(
    r"\b(?:by (?:the )?end|within|before|until|days?|weeks?|months?|quarters?|years?|"
    r"q[1-4]|h[12]|weekly|monthly|yearly|annually|january|february|march|april|june|"
    r"july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|"
    r"oct|nov|dec|spring|summer|autumn|fall|winter|christmas|easter|season|"
    r"minutes?|hours?|today|tomorrow|tonight|(?:19|20)\d\d)\b"
    # "May" and "Mar" are months only when written as names: "people may return" is not.
    r"|\b(?-i:May|Mar)\b",
    re.IGNORECASE,
)
QUANTITY = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
    r"single|pair|couple)\b",
    re.IGNORECASE,
)
# Names that say where work runs even alone ("Instagram", "radio"); "Stores" or "Online" alone
# does not.
CHANNEL_NAMES = re.compile(
    r"\b(?:instagram|tiktok|facebook|youtube|linkedin|twitter|x\.com|pinterest|snapchat|"
    r"threads|reddit|twitch|spotify|google|bing|meta|whatsapp|email|e-mail|newsletter|sms|"
    r"tv|television|radio|podcasts?|cinema|press|newspapers?|magazines?|billboards?|"
    r"posters?|out-of-home|ooh|dooh|jcdecaux|clear channel|display|search|website|app)\b",
    re.IGNORECASE,
)
SHORT_WORDS = 3  # fewer words than this is too short for a key message or a channel


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit].rstrip() + '…'}”"


def _example(question: Question, fact: str, good: Check) -> str:
    """The question's own example when it passes `good`, else the built-in one."""
    own = str(question.get("example") or "").strip()
    return own if own and good(own) else EXAMPLES.get(fact, "")


@dataclass(frozen=True)
class ByFact:
    """The questions and answers by fact, as the checks read them."""

    questions: dict[str, Question]
    answers: dict[str, str]


def measurable(answer: str) -> bool:
    return bool(NUMBER.search(answer) and TIME_FRAME.search(answer))


def specific_audience(answer: str) -> bool:
    words = _words(answer)
    if answer.lower().strip(" .!") in BROAD_AUDIENCES or not words:
        return False
    if re.search(r"\d", answer):
        return True
    if words[0].lower() in UNIVERSAL_WORDS:
        # "Everyone who commutes through Leeds": a named place or brand makes it someone.
        return any(w[0].isupper() for w in words[1:])
    return len(words) > SHORT_WORDS


def long_enough(answer: str) -> bool:
    return len(_words(answer)) >= SHORT_WORDS


def named_channel(answer: str) -> bool:
    return bool(CHANNEL_NAMES.search(answer)) or len(_words(answer)) >= SHORT_WORDS


def counted(answer: str) -> bool:
    return bool(QUANTITY.search(answer))


def _objective(facts: ByFact) -> list[Finding]:
    question = facts.questions.get("objective")
    objective = facts.answers.get("objective", "")
    if question is None or not objective:
        return []
    both = f"{objective} {facts.answers.get('success_measure', '')}"
    number, when = NUMBER.search(both), TIME_FRAME.search(both)
    if number and when:
        return []
    example = _example(question, "objective", measurable)
    lacks = (
        "a number or a time frame"
        if not number and not when
        else ("a number to aim for" if not number else "a time frame")
    )
    code = "objective_no_number" if not number else "objective_no_time_frame"
    return [
        Finding(
            question["key"],
            f"The objective needs {lacks}: say what should change, by how much and by when, "
            f"e.g. “{example.rstrip('.')}”.",
            "weak",
            code,
            example,
        )
    ]


def _plain_check(facts: ByFact, fact: str, good: Check, code: str, complaint: str) -> list[Finding]:
    """A finding when the answer for `fact` fails `good`: `complaint` follows the quote."""
    question = facts.questions.get(fact)
    answer = facts.answers.get(fact, "")
    if question is None or not answer or good(answer):
        return []
    example = _example(question, fact, good)
    return [
        Finding(
            question["key"],
            f"{_quoted(answer)} {complaint}, e.g. “{example.rstrip('.')}”.",
            "weak",
            code,
            example,
        )
    ]


def _budget(facts: ByFact, currency: str) -> list[Finding]:
    question = facts.questions.get("budget")
    answer = facts.answers.get("budget", "")
    if question is None or not answer:
        return []
    try:
        budget = money.read_budget(answer, default_currency=currency)
    except ValueError:
        return [
            Finding(
                question["key"],
                f"The budget {_quoted(answer)} is not an amount we can read: write it like "
                f"“{EXAMPLES['budget']}”.",
                "weak",
                "budget_unreadable",
                EXAMPLES["budget"],
            )
        ]
    if budget.currency:
        return []
    return [
        Finding(
            question["key"],
            f"The budget has no currency: write it with its sign or code, e.g. "
            f"“{EXAMPLES['budget']}”.",
            "weak",
            "budget_no_currency",
            EXAMPLES["budget"],
        )
    ]


def _deadline(facts: ByFact, *, today: date, min_lead_days: int) -> list[Finding]:
    question = facts.questions.get("deadline")
    if question is None:
        return []
    key, raw = question["key"], facts.answers.get("deadline", "")
    if not raw:
        return [Finding(key, MISSING["deadline"])]
    deadline = parse_date(raw)
    if deadline is None:
        return [Finding(key, "The deadline is not a date.", "weak", "deadline_not_a_date")]
    if deadline < today:
        return [Finding(key, "The deadline is in the past.", "weak", "deadline_past")]
    days = working_days_between(today, deadline)
    if days < min_lead_days:
        earliest = add_working_days(today, min_lead_days)
        return [
            Finding(
                key,
                f"The deadline is {days} working day{'s' if days != 1 else ''} away; "
                f"this kind of work needs at least {min_lead_days}. The earliest realistic date "
                f"is {earliest.day} {earliest:%B %Y}.",
                "weak",
                "deadline_too_soon",
            )
        ]
    return []


def _missing(questions: list[Question], answers: Answers) -> list[Finding]:
    findings = []
    for question in questions:
        fact = fact_of(question)
        if fact == "deadline" or answered(answers, question["key"]):
            continue
        if question.get("required") or fact in ALWAYS_ASKED:
            message = MISSING.get(fact) or f"Still to answer: “{question['label']}”"
            findings.append(Finding(question["key"], message))
    return findings


def completeness(
    *,
    questions: list[Question],
    answers: Answers,
    today: date,
    min_lead_days: int,
    currency: str = "",
) -> Completeness:
    """How ready a brief is (0–100), and what is weak or missing, in plain words.

    Every question is worth one point, a required one two; a weak answer earns half.
    `currency` is the client's: a budget written without one is in it.
    """
    by_fact = fact_questions(questions)
    facts = ByFact(by_fact, {f: answered(answers, q["key"]) for f, q in by_fact.items()})
    findings = _missing(questions, answers)
    findings += _objective(facts)
    findings += _plain_check(
        facts,
        "audience",
        specific_audience,
        "audience_vague",
        "is too broad to write for: say who they are, where they are and what they care about",
    )
    findings += _plain_check(
        facts,
        "key_message",
        long_enough,
        "key_message_too_short",
        "is too short to act on: write the one sentence people should remember",
    )
    findings += _plain_check(
        facts,
        "channel",
        named_channel,
        "channel_vague",
        "does not say where the work will run: name the platforms, places or media",
    )
    findings += _plain_check(
        facts,
        "format",
        counted,
        "format_no_quantity",
        "gives no sizes or quantities: say how many of each, and their sizes or lengths",
    )
    findings += _budget(facts, currency)
    findings += _deadline(facts, today=today, min_lead_days=min_lead_days)
    weak = {f.key for f in findings if f.severity == "weak"}
    possible = earned = 0.0
    for question in questions:
        worth = 2.0 if question.get("required") else 1.0
        possible += worth
        if answered(answers, question["key"]):
            earned += worth / 2 if question["key"] in weak else worth
    score = round(100 * earned / possible) if possible else 0
    return Completeness(score=score, findings=findings)


def of_brief(brief: "Brief", *, today: date) -> Completeness:
    """`completeness` of a brief as it stands, a budget without a currency in its client's."""
    return completeness(
        questions=brief.questions,
        answers=brief.answers,
        today=today,
        min_lead_days=brief.min_lead_days,
        currency=brief.client.currency,
    )
