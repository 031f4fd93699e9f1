"""Questions as a brief snapshots them, and good answers to them, for the pure rules' tests."""

from datetime import date, timedelta

MONDAY = date(2027, 3, 1)
REQUIRED_KEYS = ["background", "objective", "success_measure", "audience", "key_message"]
FACTS = {
    "objective": "objective",
    "success_measure": "success_measure",
    "audience": "audience",
    "key_message": "key_message",
    "channels": "channel",
    "deliverables": "format",
    "budget": "budget",
    "deadline": "deadline",
    "approver": "approver",
}


def q(
    key: str,
    label: str = "",
    *,
    required: bool = True,
    kind: str = "long_text",
    fact=None,
    example: str = "",
) -> dict:
    return {
        "key": key,
        "label": label or key.replace("_", " ").title(),
        "required": required,
        "kind": kind,
        "section": "S",
        "fact": FACTS.get(key, "") if fact is None else fact,
        "example": example,
    }


QUESTIONS = [
    q("background", "What's the background?"),
    q("objective", "What should this work achieve?"),
    q("success_measure", "How will we know it worked?"),
    q("audience", "Who is it for?"),
    q("key_message", "What's the one thing they should take away?"),
    q("channels", "Which platforms?", example="Instagram (feed + stories), TikTok"),
    q("deliverables", "What do you need, and how many?"),
    q("mandatories", "Anything that must appear?", required=False),
    q("budget", "What's the budget?", kind="money"),
    q("deadline", "When must it be delivered?", kind="date"),
    q("approver", "Who signs it off?", kind="approver"),
]


def good_answers(**overrides: str) -> dict[str, str]:
    answers = {
        "background": "New plant-based range in 40 stores.",
        "objective": "2,000 voucher redemptions in April.",
        "success_measure": "Redemptions counted at the till.",
        "audience": "Commuters aged 25-40 in Leeds who buy coffee on the way to work.",
        "key_message": "Tastes as good as the one you love.",
        "channels": "Instagram stories",
        "deliverables": "8 feed posts and 12 stories",
        "mandatories": "Logo on every frame.",
        "budget": "£12,000",
        "deadline": (MONDAY + timedelta(days=60)).isoformat(),
        "approver": "7",
    }
    answers.update(overrides)
    return answers
