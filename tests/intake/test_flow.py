"""The whole intake path through the services, as Carol and Alice would walk it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.core.errors import DomainError, IllegalTransition, InvalidInput
from accord.intake import services
from accord.intake.models import Brief, BriefTemplate, Request, WaitingOn
from accord.intake.services.briefs import MissingAnswers, StaleBrief
from accord.work.services import start_job_from_brief


def _answers(world):
    deadline = (timezone.localdate() + timedelta(days=60)).isoformat()
    return {
        "background": "Spring launch of the plant-based range in 40 stores.",
        "objective": "2,000 voucher redemptions in April.",
        "success_measure": "Redemptions counted at the till.",
        "audience": "Commuters aged 25-40 in Leeds who buy coffee on the way to work.",
        "key_message": "Tastes as good as the one you love.",
        "channels": "Instagram, TikTok",
        "deliverables": "8 posts, 12 stories",
        "budget": "£12,000",
        "deadline": deadline,
        "approver": str(world.carol.pk),
    }


def test_from_request_to_job(world, django_capture_on_commit_callbacks, mailoutbox):
    template = BriefTemplate.objects.get(name="Social campaign")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.submit_request(
            by=world.carol,
            client=world.acme,
            title="Spring launch posts",
            what="Posts for the plant-based launch.",
            why="New range in April.",
        )
    assert request.source == Request.Source.PORTAL
    assert [m.to for m in mailoutbox] == [["alice@northwind.test"]]

    brief = services.start_brief(
        by=world.carol, client=world.acme, template=template, request=request
    )
    assert brief.waiting_on == WaitingOn.CLIENT
    assert brief.answers["background"].startswith("Posts for the plant-based launch.")
    with pytest.raises(MissingAnswers) as missing:
        services.submit_brief(by=world.carol, brief=brief)
    assert "objective" in missing.value.keys

    brief = services.save_answers(by=world.carol, brief=brief, answers=_answers(world))
    assert brief.answers["budget"] == "£12,000"
    assert brief.versions.count() == 0  # a draft saves in place
    brief = services.submit_brief(by=world.carol, brief=brief)
    assert brief.current_version.number == 1
    assert brief.waiting_on == WaitingOn.AGENCY

    with django_capture_on_commit_callbacks(execute=True):
        question = services.ask_question(
            by=world.alice, brief=brief, text="Which stores are in the launch?"
        )
    brief.refresh_from_db()
    assert brief.waiting_on == WaitingOn.CLIENT
    assert "carol@acme.test" in mailoutbox[-1].to

    services.answer_question(by=world.carol, question=question, answer="Leeds and York.")
    brief.refresh_from_db()
    assert brief.waiting_on == WaitingOn.AGENCY

    with django_capture_on_commit_callbacks(execute=True):
        brief = services.propose_for_sign_off(by=world.alice, brief=brief)
    assert mailoutbox[-1].to == ["carol@acme.test"]

    with pytest.raises(DomainError):
        services.sign_off(by=world.ray, brief=brief, version_number=1)
    with pytest.raises(IllegalTransition):
        start_job_from_brief(by=world.alice, brief=brief)

    signed = services.sign_off(
        by=world.carol, brief=brief, version_number=1, sha256=brief.proposed_version.sha256
    )
    assert signed.sha256 == brief.proposed_version.sha256

    job = start_job_from_brief(by=world.alice, brief=brief)
    brief.refresh_from_db()
    assert brief.status == Brief.Status.CONVERTED
    assert job.title == "Spring launch posts"


def test_change_after_sign_off_needs_a_new_sign_off(world):
    template = BriefTemplate.objects.get(name="Social campaign")
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=template, title="Summer"
    )
    services.save_answers(by=world.alice, brief=brief, answers=_answers(world))
    services.submit_brief(by=world.alice, brief=brief)
    services.propose_for_sign_off(by=world.alice, brief=brief)
    services.sign_off(by=world.carol, brief=brief, version_number=1)
    with pytest.raises(InvalidInput) as no_reason:
        services.save_answers(
            by=world.alice, brief=brief, answers={"key_message": "Better."}, base_version=1
        )
    assert no_reason.value.field == "reason"
    brief = services.save_answers(
        by=world.alice,
        brief=brief,
        answers={"key_message": "Even better than you remember."},
        base_version=1,
        reason="Carol's team asked for a warmer message.",
    )
    assert brief.status == Brief.Status.SUBMITTED
    assert brief.current_version.number == 2
    with pytest.raises(IllegalTransition):
        start_job_from_brief(by=world.alice, brief=brief)
    services.propose_for_sign_off(by=world.alice, brief=brief)
    with pytest.raises(StaleBrief) as stale:
        services.sign_off(by=world.carol, brief=brief, version_number=1)
    assert [c.key for c in stale.value.changes] == ["key_message"]
    assert "<ins>" in stale.value.changes[0].html
