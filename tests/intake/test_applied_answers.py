"""Answers flow into the brief: a clarifying question about one field, its answer applied."""

import json

import pytest

from accord.core.errors import IllegalTransition, InvalidInput
from accord.core.models import Event
from accord.intake import services
from accord.intake.models import Brief
from accord.intake.services.clarifications import AnswerOverwrite
from accord.work.services import start_job_from_brief
from tests.intake.view_helpers import draft_brief, submitted_brief, url

ANSWER = "Warm, witty and a little cheeky."


def _asked_and_answered(world, brief):
    question = services.ask_question(
        by=world.alice, brief=brief, text="What tone do you want?", field_key="tone"
    )
    return services.answer_question(by=world.ray, question=question, answer=ANSWER)


def test_the_field_must_be_one_of_the_briefs_questions(world):
    brief = submitted_brief(world)
    with pytest.raises(InvalidInput) as refused:
        services.ask_question(by=world.alice, brief=brief, text="Which?", field_key="colour")
    assert refused.value.field == "field_key"


def test_an_applied_answer_is_a_new_version_in_the_answerers_name(world):
    brief = submitted_brief(world)
    question = services.apply_answer(by=world.alice, question=_asked_and_answered(world, brief))
    brief = Brief.objects.get(pk=brief.pk)
    assert brief.answers["tone"] == ANSWER
    assert brief.current_version.number == 2
    assert brief.current_version.created_by == world.ray
    assert question.applied_version == 2
    event = Event.objects.filter(verb="brief.changed").first()
    assert event.actor == world.alice
    assert event.data["question"] == question.pk
    assert event.personal["answered_by"] == world.ray.name
    with pytest.raises(IllegalTransition):
        services.apply_answer(by=world.alice, question=question)


def test_on_a_draft_the_answer_saves_in_place(world):
    brief = draft_brief(world)
    question = services.apply_answer(by=world.alice, question=_asked_and_answered(world, brief))
    brief.refresh_from_db()
    assert brief.answers["tone"] == ANSWER
    assert brief.versions.count() == 0
    assert question.applied_at is not None and question.applied_version is None


def test_a_field_changed_since_the_answer_is_not_overwritten_without_confirming(world):
    brief = submitted_brief(world)
    question = _asked_and_answered(world, brief)
    services.save_answers(by=world.alice, brief=brief, answers={"tone": "Calm."}, base_version=1)
    with pytest.raises(AnswerOverwrite) as refused:
        services.apply_answer(by=world.alice, question=question)
    assert "“Calm.”" in refused.value.message
    assert Brief.objects.get(pk=brief.pk).answers["tone"] == "Calm."
    services.apply_answer(by=world.alice, question=question, confirm=True)
    assert Brief.objects.get(pk=brief.pk).answers["tone"] == ANSWER


def test_applying_to_a_brief_in_work_is_a_change_of_plan_that_flags_the_job(world):
    brief = submitted_brief(world)
    question = _asked_and_answered(world, brief)
    services.propose_for_sign_off(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    services.sign_off(by=world.carol, brief=brief, version_number=1)
    job = start_job_from_brief(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    services.apply_answer(by=world.alice, question=question, reason="Ray settled the tone.")
    brief = Brief.objects.get(pk=brief.pk)
    assert brief.status == Brief.Status.CONVERTED
    assert brief.current_version.created_by == world.ray
    job.refresh_from_db()
    assert job.brief_changed_at is not None


def test_applying_on_a_signed_off_brief_needs_a_reason(world):
    brief = submitted_brief(world)
    question = _asked_and_answered(world, brief)
    services.propose_for_sign_off(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    services.sign_off(by=world.carol, brief=brief, version_number=1)
    with pytest.raises(InvalidInput) as refused:
        services.apply_answer(by=world.alice, question=question)
    assert refused.value.field == "reason"
    services.apply_answer(by=world.alice, question=question, reason="Ray settled the tone.")
    brief = Brief.objects.get(pk=brief.pk)
    assert brief.status == Brief.Status.SUBMITTED
    assert Event.objects.filter(verb="brief.replanned").get().data["question"] == question.pk


def test_the_page_offers_apply_and_asks_to_confirm_over_a_change(client, world):
    brief = submitted_brief(world)
    question = _asked_and_answered(world, brief)
    services.save_answers(by=world.alice, brief=brief, answers={"tone": "Calm."}, base_version=1)
    client.force_login(world.alice)
    page = client.get(url("brief_detail", brief_id=brief.pk)).content.decode()
    assert f"Apply to “{_label(brief, 'tone')}”" in page
    apply = url("question_apply", question_id=question.pk)
    refused = client.post(apply)
    assert refused.status_code == 409
    assert "“Calm.”" in refused.content.decode()
    assert "Apply anyway to" in refused.content.decode()
    assert client.post(apply, {"confirm": "on"}).status_code == 302
    assert Brief.objects.get(pk=brief.pk).answers["tone"] == ANSWER


def test_apply_through_the_api(client, world):
    brief = submitted_brief(world)
    client.force_login(world.alice)
    asked = client.post(
        f"/api/v1/briefs/{brief.pk}/questions",
        json.dumps({"text": "What tone?", "field_key": "tone"}),
        "application/json",
    )
    assert asked.status_code == 201
    question_id = asked.json()["clarifying_questions"][0]["id"]
    assert asked.json()["clarifying_questions"][0]["field_key"] == "tone"
    question = services.answer_question(
        by=world.ray, question=brief.clarifications.get(pk=question_id), answer=ANSWER
    )
    path = f"/api/v1/brief-questions/{question.pk}/apply"
    done = client.post(path, "{}", "application/json")
    assert done.status_code == 200
    assert done.json()["clarifying_questions"][0]["applied_version"] == 2
    assert client.post(path, "{}", "application/json").status_code == 409


def _label(brief, key):
    return next(q["label"] for q in brief.questions if q["key"] == key)
