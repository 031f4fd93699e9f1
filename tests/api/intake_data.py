"""Intake objects for API tests and the access matrix: good answers, briefs at each stage."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from accord.intake import services
from accord.intake.models import Brief, BriefTemplate

STAGES = ["draft", "submitted", "proposed", "signed_off"]


def good_answers(world: Any) -> dict[str, str]:
    """Every question of the social campaign template, answered well."""
    deadline = timezone.localdate() + timedelta(days=60)
    return {
        "background": "Spring launch of the plant-based range in 40 stores.",
        "objective": "2,000 voucher redemptions in April.",
        "success_measure": "Redemptions counted at the till.",
        "audience": "Commuters aged 25-40 in Leeds who buy coffee on the way to work.",
        "key_message": "Tastes as good as the one you love.",
        "channels": "Instagram, TikTok",
        "deliverables": "8 posts, 12 stories",
        "tone": "Warm and a little witty.",
        "mandatories": "The Acme logo; no health claims.",
        "budget": "£12,000",
        "deadline": deadline.isoformat(),
        "approver": str(world.carol.pk),
    }


def social_template() -> BriefTemplate:
    return BriefTemplate.objects.get(name="Social campaign")


def brief_at(world: Any, stage: str, *, title: str = "Summer") -> Brief:
    """An Acme brief, fully answered, walked through the services up to `stage`."""
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=social_template(), title=title
    )
    services.save_answers(by=world.alice, brief=brief, answers=good_answers(world))
    advance(world, brief, to=stage)
    brief.refresh_from_db()
    return brief


def advance(world: Any, brief: Brief, *, to: str, since: str = "draft") -> None:
    """Move a brief on from stage `since` to stage `to`, as Alice and Carol would."""
    for stage in STAGES[STAGES.index(since) + 1 : STAGES.index(to) + 1]:
        if stage == "submitted":
            services.submit_brief(by=world.alice, brief=brief)
        elif stage == "proposed":
            services.propose_for_sign_off(by=world.alice, brief=brief)
        else:
            services.sign_off(by=world.carol, brief=brief, version_number=1)
