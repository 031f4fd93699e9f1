"""Brief templates: six good ones to start from, and the admin's edits."""

import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import InvalidInput
from accord.intake import facts
from accord.intake.models import BriefTemplate, TemplateQuestion

Q = TemplateQuestion.Kind
F = TemplateQuestion.Fact
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# A template's size bounds every brief made from it: its pages, its PDF, its autosaves.
MAX_QUESTIONS = 60
MAX_GUIDANCE = 2_000  # a question's help text or example, and a template's description
# The fact each of the starting templates' questions supplies, by its key there.
SEEDED_FACTS = {
    "objective": F.OBJECTIVE,
    "success_measure": F.SUCCESS_MEASURE,
    "audience": F.AUDIENCE,
    "key_message": F.KEY_MESSAGE,
    "channels": F.CHANNEL,
    "deliverables": F.FORMAT,
    "budget": F.BUDGET,
    "deadline": F.DEADLINE,
    "approver": F.APPROVER,
}


def _q(
    key: str,
    section: str,
    label: str,
    help_text: str,
    example: str,
    *,
    kind: str = Q.LONG_TEXT,
    required: bool = True,
) -> dict[str, Any]:
    return {
        "key": key,
        "section": section,
        "label": label,
        "help_text": help_text,
        "example": example,
        "kind": kind,
        "required": required,
        "fact": SEEDED_FACTS.get(key, ""),
    }


def _core(
    example_objective: str, example_measure: str, example_audience: str, example_message: str
) -> list[dict[str, Any]]:
    return [
        _q(
            "background",
            "The why",
            "What's the background?",
            "What is happening in your business that makes this work necessary now?",
            "We're launching a plant-based range in 40 stores in April and nobody knows yet.",
        ),
        _q(
            "objective",
            "The why",
            "What should this work achieve?",
            "One business goal, as specific as you can make it. What should change?",
            example_objective,
        ),
        _q(
            "success_measure",
            "The why",
            "How will we know it worked?",
            "The number you'll look at afterwards: sales, sign-ups, bookings, reach…",
            example_measure,
        ),
        _q(
            "audience",
            "Who and what",
            "Who is it for?",
            "Describe real people: who they are, where they are, what they care about. "
            "“Everyone” is never the answer.",
            example_audience,
        ),
        _q(
            "key_message",
            "Who and what",
            "What's the one thing they should take away?",
            "If they remember only one sentence, which one?",
            example_message,
        ),
    ]


def _practical(example_mandatories: str, *, budget_example: str = "15000") -> list[dict[str, Any]]:
    return [
        _q(
            "mandatories",
            "Practicalities",
            "Anything that must (or must not) appear?",
            "Logos, legal lines, product shots, words to avoid.",
            example_mandatories,
            required=False,
        ),
        _q(
            "budget",
            "Practicalities",
            "What's the budget?",
            "A range is fine. It tells us what is realistic before we start.",
            budget_example,
            kind=Q.MONEY,
        ),
        _q(
            "deadline",
            "Practicalities",
            "When must it be live or delivered?",
            "The date the finished work is needed, not the date you'd like to see drafts.",
            "",
            kind=Q.DATE,
        ),
        _q(
            "approver",
            "Practicalities",
            "Who signs it off?",
            "The person at your company who gives the final yes.",
            "",
            kind=Q.APPROVER,
        ),
    ]


TEMPLATES: list[dict[str, Any]] = [
    {
        "name": "Social campaign",
        "lead": 10,
        "description": (
            "Organic or paid social: a run of posts, stories or short videos around one idea."
        ),
        "questions": [
            *_core(
                "Get 2,000 people to try the new oat latte in the first month.",
                "2,000 redemptions of the in-app voucher by 30 April; 5% engagement rate.",
                "Commuters aged 25–40 in Leeds and Manchester who already buy coffee on the "
                "way to work and follow food accounts on Instagram.",
                "The oat latte tastes as good as the one you already love.",
            ),
            _q(
                "channels",
                "Who and what",
                "Which platforms?",
                "Where does your audience actually spend time?",
                "Instagram (feed + stories), TikTok",
            ),
            _q(
                "deliverables",
                "Who and what",
                "What do you need, and how many?",
                "Number of posts, stories, reels; paid or organic.",
                "8 feed posts, 12 stories, 3 reels of 15 s; £3k paid boost",
            ),
            _q(
                "tone",
                "Who and what",
                "How should it feel?",
                "A few adjectives, or an account whose tone you admire.",
                "Playful and warm, never sarcastic",
                required=False,
            ),
            *_practical(
                "Logo end-frame on reels; #ad on paid posts; no competitor cups.",
                budget_example="12000",
            ),
        ],
    },
    {
        "name": "Display or print ad",
        "lead": 10,
        "description": "Banners, press, posters or out-of-home: one message, many sizes.",
        "questions": [
            *_core(
                "Fill the new Harbour Street branch with first-time diners in its opening month.",
                "600 table bookings through the landing page in May.",
                "Couples and friends aged 30–55 living within 5 km who eat out twice a month.",
                "A table by the water, ten minutes from home.",
            ),
            _q(
                "deliverables",
                "Who and what",
                "Which formats and sizes?",
                "List every size, with where it runs.",
                "MPU 300×250, leaderboard 728×90, 48-sheet poster, half-page press (Evening Post)",
            ),
            _q(
                "channels",
                "Who and what",
                "Where will it run?",
                "Media owner, site list or ad network.",
                "Google Display, JCDecaux Bristol sites",
            ),
            *_practical("Opening date and address on every size; legal line on offers."),
        ],
    },
    {
        "name": "Video",
        "lead": 20,
        "description": "From a 6-second bumper to a brand film: script, shoot and edit.",
        "questions": [
            *_core(
                "Make Globex's new savings app feel simple enough to open today.",
                "30,000 app installs from the campaign in 8 weeks; 40% view-through rate.",
                "First-time savers aged 22–30 who bank on their phone and distrust banks.",
                "Saving is one tap, not a chore.",
            ),
            _q(
                "deliverables",
                "Who and what",
                "What lengths and formats?",
                "Durations, aspect ratios, cut-downs, subtitles.",
                "1 × 30 s hero (16:9), 3 × 6 s bumpers (9:16), subtitles in English and Welsh",
            ),
            _q(
                "channels",
                "Who and what",
                "Where will people watch it?",
                "TV, YouTube, social, cinema, in-store screens…",
                "YouTube pre-roll, TikTok, Instagram",
            ),
            _q(
                "tone",
                "Who and what",
                "What should it feel like?",
                "Reference films or ads are very welcome.",
                "Calm, human, gently funny",
                required=False,
            ),
            *_practical(
                "FCA risk warning on screen for 3 s; real customers only (no actors).",
                budget_example="45000",
            ),
        ],
    },
    {
        "name": "Website or landing page",
        "lead": 15,
        "description": "A campaign landing page, a microsite or a new section of a site.",
        "questions": [
            *_core(
                "Turn campaign traffic into booked consultations.",
                "Landing page conversion rate of 6% or more; 400 bookings in the first quarter.",
                "Adults with a new diagnosis searching on mobile, often late at night, anxious.",
                "You can see a specialist this week, without a referral.",
            ),
            _q(
                "deliverables",
                "Who and what",
                "Which pages and features?",
                "Pages, forms, integrations, languages.",
                "1 landing page with booking form (connects to our Cliniko account), "
                "thank-you page",
            ),
            _q(
                "channels",
                "Who and what",
                "Where does the traffic come from?",
                "Ads, email, QR codes, search…",
                "Google Ads, email to existing patients",
            ),
            _q(
                "technical",
                "Practicalities",
                "Where will it live, and who maintains it?",
                "Platform, domain, analytics, access we'll need.",
                "WordPress on our host; GA4; we need an editor login",
                required=False,
            ),
            *_practical(
                "Cookie banner; accessibility to WCAG 2.2 AA; medical disclaimer in footer.",
                budget_example="20000",
            ),
        ],
    },
    {
        "name": "Email campaign",
        "lead": 7,
        "description": "A single send or a short sequence to your customers or prospects.",
        "questions": [
            *_core(
                "Bring lapsed members back for the spring season.",
                "12% of lapsed members rejoin within 3 weeks; open rate above 35%.",
                "Members who cancelled in the last 18 months, mostly road cyclists in their 40s.",
                "Your riding group missed you: come back with a free first month.",
            ),
            _q(
                "deliverables",
                "Who and what",
                "How many emails, and when?",
                "The sequence and its timing.",
                "3 emails over 10 days: invite, reminder, last chance",
            ),
            _q(
                "audience_list",
                "Who and what",
                "Which list or segment?",
                "Who exactly receives it, and how many people are on the list?",
                "'Lapsed 2025–26' segment in Mailchimp, about 8,400 contacts",
                required=False,
            ),
            *_practical(
                "Unsubscribe link; offer terms link; no more than one GIF.", budget_example="4000"
            ),
        ],
    },
    {
        "name": "Copywriting",
        "lead": 5,
        "description": (
            "Words on their own: web copy, brochures, product descriptions, scripts, naming."
        ),
        "questions": [
            *_core(
                "Help shoppers choose the right roast in under a minute.",
                "Fewer 'which coffee?' support emails (down 30%) and 10% more online sales of "
                "the single-origin range.",
                "Home brewers who care about taste but don't know the jargon.",
                "There's a coffee here that's exactly your taste.",
            ),
            _q(
                "deliverables",
                "Who and what",
                "What needs writing, and how long?",
                "Pieces, word counts, versions.",
                "12 product descriptions of 80–100 words, one 300-word range intro",
            ),
            _q(
                "tone",
                "Who and what",
                "What should it sound like?",
                "Link to writing you like, or describe it.",
                "Curious, crafty, never snobbish",
                required=False,
            ),
            *_practical(
                "Tasting notes from the roaster's sheet; no 'best coffee' claims.",
                budget_example="2500",
            ),
        ],
    },
]


@transaction.atomic
def seed_templates() -> list[BriefTemplate]:
    """Create the six starting templates that don't exist yet (safe to run again)."""
    created = []
    for position, spec in enumerate(TEMPLATES):
        template, made = BriefTemplate.objects.get_or_create(
            name=spec["name"],
            defaults={
                "description": spec["description"],
                "min_lead_days": spec["lead"],
                "position": position,
            },
        )
        if made:
            TemplateQuestion.objects.bulk_create(
                [
                    TemplateQuestion(template=template, position=i, **question)
                    for i, question in enumerate(spec["questions"])
                ]
            )
            created.append(template)
    return created


def _clean_questions(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not questions:
        raise InvalidInput("A template needs at least one question.", field="questions")
    if len(questions) > MAX_QUESTIONS:
        raise InvalidInput(
            f"A template holds at most {MAX_QUESTIONS} questions.", field="questions"
        )
    cleaned, seen = [], set()
    facts_taken: dict[str, int] = {}
    for number, raw in enumerate(questions, start=1):
        key = str(raw.get("key") or "").strip().lower()
        label = str(raw.get("label") or "").strip()
        if not KEY.match(key):
            raise InvalidInput(
                f"Question {number}: the key must be lower-case letters, digits "
                "or underscores, starting with a letter.",
                field="questions",
            )
        if key in seen:
            raise InvalidInput(
                f"Question {number}: the key “{key}” is used twice.", field="questions"
            )
        if not label:
            raise InvalidInput(
                f"Question {number}: the question needs a wording.", field="questions"
            )
        kind = str(raw.get("kind") or Q.LONG_TEXT)
        if kind not in Q.values:
            raise InvalidInput(f"Question {number}: unknown kind “{kind}”.", field="questions")
        guidance = [str(raw.get(name) or "").strip() for name in ("help_text", "example")]
        if any(len(text) > MAX_GUIDANCE for text in guidance):
            raise InvalidInput(
                f"Question {number}: keep the help text and the example under "
                f"{MAX_GUIDANCE:,} characters each.",
                field="questions",
            )
        fact = _clean_fact(raw.get("fact"), kind=kind, number=number, taken=facts_taken)
        seen.add(key)
        cleaned.append(
            {
                "key": key,
                "label": label[:200],
                "kind": kind,
                "section": (str(raw.get("section") or "").strip() or "Questions")[:80],
                "help_text": guidance[0],
                "example": guidance[1],
                "required": bool(raw.get("required", True)),
                "fact": fact,
            }
        )
    return cleaned


def _clean_fact(raw: Any, *, kind: str, number: int, taken: dict[str, int]) -> str:
    """The fact a question supplies: one question per fact, of a kind that can hold it."""
    fact = str(raw or "").strip()
    if fact not in F.values:
        raise InvalidInput(f"Question {number}: unknown fact “{fact[:40]}”.", field="questions")
    if not fact:
        return ""
    if fact in taken:
        raise InvalidInput(
            f"Question {number}: question {taken[fact]} already supplies the "
            f"{F(fact).label.lower()}.",
            field="questions",
        )
    needed = facts.FACT_KINDS.get(fact)
    if needed is not None and kind != needed:
        raise InvalidInput(
            f"Question {number}: the {F(fact).label.lower()} needs a question of the kind "
            f"“{Q(needed).label}”.",
            field="questions",
        )
    taken[fact] = number
    return fact


@transaction.atomic
def save_template(
    *,
    by: User,
    template: BriefTemplate | None,
    name: str,
    description: str = "",
    min_lead_days: int = 10,
    is_active: bool = True,
    questions: list[dict[str, Any]],
) -> BriefTemplate:
    """Create or replace a template. Briefs already started keep the questions they had."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput("A template needs a name.", field="name")
    taken = BriefTemplate.objects.filter(name__iexact=name)
    if template is not None:
        taken = taken.exclude(pk=template.pk)
    if taken.exists():
        raise InvalidInput(f"There is already a template called “{name}”.", field="name")
    if not 0 <= int(min_lead_days) <= 365:
        raise InvalidInput(
            "The lead time must be between 0 and 365 working days.", field="min_lead_days"
        )
    cleaned = _clean_questions(questions)
    if template is None:
        template = BriefTemplate(position=BriefTemplate.objects.count())
    description = (description or "").strip()
    if len(description) > MAX_GUIDANCE:
        raise InvalidInput(
            f"Keep the description under {MAX_GUIDANCE:,} characters.", field="description"
        )
    template.name, template.description = name[:120], description
    template.min_lead_days, template.is_active = int(min_lead_days), bool(is_active)
    template.updated_at = timezone.now()
    template.save()
    template.questions.all().delete()
    TemplateQuestion.objects.bulk_create(
        [TemplateQuestion(template=template, position=i, **q) for i, q in enumerate(cleaned)]
    )
    events.record(
        actor=by,
        verb="brief_template.saved",
        target=template,
        data={"name": template.name, "questions": len(cleaned)},
    )
    return template
