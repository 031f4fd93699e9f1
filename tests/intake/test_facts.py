"""Typed key facts: the brief's columns follow its mapped answers, and budgets keep their
currency on every page, diff and print."""

import importlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone

from accord.clients import services as client_services
from accord.core.errors import InvalidInput
from accord.intake import pdf, services
from accord.intake.models import Brief, BriefTemplate, TemplateQuestion
from tests.intake.test_pdf import _text as laid_out_text
from tests.intake.view_helpers import (
    draft_brief,
    good_answers,
    new_request,
    social,
    submitted_brief,
    url,
)

F = TemplateQuestion.Fact


def test_saving_answers_fills_the_key_facts(world):
    brief = draft_brief(world)
    brief = services.save_answers(
        by=world.carol,
        brief=brief,
        answers={
            **good_answers(world),
            "budget": "£8,000–10,000",
            "deadline": "2027-06-30",
            "channels": "Instagram, TikTok",
            "deliverables": "8 posts, 12 stories",
        },
    )
    stored = Brief.objects.get(pk=brief.pk)
    assert stored.answers["budget"] == "£8,000–10,000"
    assert (stored.budget_low, stored.budget_high, stored.budget_currency) == (
        Decimal("8000"),
        Decimal("10000"),
        "GBP",
    )
    assert stored.budget_display == "£8,000–10,000"
    assert stored.deadline == date(2027, 6, 30)
    assert stored.approver == world.carol
    assert (stored.channel, stored.format) == ("Instagram, TikTok", "8 posts, 12 stories")


def test_the_facts_follow_a_new_version_and_a_cleared_answer(world):
    brief = submitted_brief(world)
    services.save_answers(
        by=world.alice, brief=brief, answers={"budget": "$15k", "deadline": ""}, base_version=1
    )
    stored = Brief.objects.get(pk=brief.pk)
    assert (stored.budget_low, stored.budget_currency, stored.deadline) == (
        Decimal("15000"),
        "USD",
        None,
    )
    version = stored.current_version
    assert version.answers["budget"] == "$15,000"
    budget_change = next(c for c in version.changes if c["key"] == "budget")
    assert "£12,000" in budget_change["html"] and "$15,000" in budget_change["html"]


def test_a_budget_without_a_currency_takes_the_client_s(world):
    client_services.update_client(by=world.alice, client=world.acme, currency="eur")
    world.acme.refresh_from_db()
    assert world.acme.currency == "EUR"
    brief = draft_brief(world)
    brief = services.save_answers(by=world.carol, brief=brief, answers={"budget": "12000"})
    assert brief.answers["budget"] == "€12,000"
    assert Brief.objects.get(pk=brief.pk).budget_currency == "EUR"


def test_with_no_currency_anywhere_the_coach_asks_for_one(client, world):
    client_services.update_client(by=world.alice, client=world.acme, currency="")
    brief = draft_brief(world)
    brief = services.save_answers(by=world.carol, brief=brief, answers={"budget": "12000"})
    assert brief.answers["budget"] == "12,000"
    assert Brief.objects.get(pk=brief.pk).budget_currency == ""
    client.force_login(world.carol)
    assert "The budget has no currency" in client.get(brief.get_absolute_url()).text


def test_an_unknown_currency_is_refused_by_name_and_nothing_is_stored(client, world):
    brief = draft_brief(world)
    brief = services.save_answers(by=world.carol, brief=brief, answers=good_answers(world))
    with pytest.raises(InvalidInput) as refused:
        services.save_answers(by=world.carol, brief=brief, answers={"budget": "15000 XYZ"})
    assert refused.value.field == "budget"
    assert "(XYZ)" in refused.value.message and "£15,000" in refused.value.message
    stored = Brief.objects.get(pk=brief.pk)
    assert (stored.answers["budget"], stored.budget_low) == ("£12,000", Decimal("12000"))
    client.force_login(world.carol)
    page = client.post(url("brief_edit", brief_id=brief.pk) + "?step=3", {"q_budget": "15000 XYZ"})
    assert page.status_code == 422
    assert "a currency we don&#x27;t know (XYZ)" in page.text
    assert 'value="15000 XYZ"' in page.text  # what was typed is kept


def test_the_facts_come_from_the_mapped_questions_not_their_keys(world):
    questions = [
        {"key": "goal", "label": "Goal?", "kind": "long_text", "fact": F.OBJECTIVE},
        {"key": "live_on", "label": "Live on?", "kind": "date", "fact": F.DEADLINE},
        {"key": "spend", "label": "Spend?", "kind": "money", "fact": F.BUDGET},
        {"key": "deadline", "label": "Notes on timing", "kind": "text"},
    ]
    template = services.save_template(
        by=world.erin, template=None, name="Renamed", questions=questions
    )
    request = new_request(world)
    request.needed_by = timezone.localdate() + timedelta(days=40)
    request.save(update_fields=["needed_by"])
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=template, request=request
    )
    assert brief.answers["live_on"] == request.needed_by.isoformat()
    assert "deadline" not in brief.answers
    brief = services.save_answers(
        by=world.carol, brief=brief, answers={"spend": "5k", "deadline": "2030-01-01"}
    )
    stored = Brief.objects.get(pk=brief.pk)
    assert (stored.deadline, stored.budget_high) == (request.needed_by, Decimal("5000"))


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ({"key": "when", "kind": "text", "fact": "deadline"}, "needs a question of the kind"),
        ({"key": "cost", "kind": "long_text", "fact": "budget"}, "“Amount of money”"),
        ({"key": "who", "kind": "text", "fact": "approver"}, "“Client approver”"),
        ({"key": "x", "kind": "text", "fact": "mood"}, "unknown fact “mood”"),
        ({"key": "x", "kind": "text", "fact": "channel"}, "question 1 already supplies"),
    ],
)
def test_a_template_maps_each_fact_once_to_a_question_that_can_hold_it(world, question, message):
    questions = [
        {"key": "where", "label": "Where?", "kind": "text", "fact": "channel"},
        {"label": "Q", **question},
    ]
    with pytest.raises(InvalidInput) as refused:
        services.save_template(by=world.erin, template=None, name="Bad", questions=questions)
    assert message in refused.value.message
    assert not BriefTemplate.objects.filter(name="Bad").exists()


def test_the_seeded_templates_map_their_questions_to_facts(world):
    for template in BriefTemplate.objects.prefetch_related("questions"):
        facts = {q.key: q.fact for q in template.questions.all()}
        assert facts["budget"] == F.BUDGET and facts["deadline"] == F.DEADLINE
        assert facts["approver"] == F.APPROVER and facts["objective"] == F.OBJECTIVE
        assert facts["deliverables"] == F.FORMAT
        assert facts.get("channels", F.CHANNEL) == F.CHANNEL
        assert facts["background"] == F.NONE


def test_the_admin_maps_a_question_to_a_fact_in_the_template_editor(client, world):
    template = social()
    client.force_login(world.erin)
    page = client.get(url("template_edit", template_id=template.pk)).text
    assert 'name="questions-0-fact"' in page
    assert '<option value="budget" selected>Budget</option>' in page
    data = {
        "name": "Podcast ad",
        "min_lead_days": "5",
        "is_active": "on",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-key": "air_date",
        "questions-0-label": "When does it air?",
        "questions-0-kind": "text",
        "questions-0-fact": "deadline",
    }
    refused = client.post(url("template_create"), data)
    assert refused.status_code == 422
    assert "needs a question of the kind “Date”" in refused.text
    saved = client.post(url("template_create"), {**data, "questions-0-kind": "date"})
    assert saved.status_code == 302
    assert TemplateQuestion.objects.get(key="air_date").fact == F.DEADLINE


def test_the_brief_page_and_print_show_the_budget_with_its_sign(client, world):
    brief = draft_brief(world)
    services.save_answers(by=world.carol, brief=brief, answers={"budget": "£8,000–10,000"})
    brief = Brief.objects.select_related("client").get(pk=brief.pk)
    client.force_login(world.alice)
    assert "£8,000–10,000" in client.get(brief.get_absolute_url()).text
    assert "£8,000–10,000" in pdf.render_print_html(brief=brief, show_internal=False)


def test_the_pdf_keeps_the_pound_sign(world):
    brief = draft_brief(world)
    services.save_answers(by=world.carol, brief=brief, answers={"budget": "£8,000–10,000"})
    brief = Brief.objects.select_related("client").get(pk=brief.pk)
    document = pdf.render_document(brief=brief, show_internal=False)
    assert "£8,000–10,000" in laid_out_text(document)


def test_an_old_budget_without_a_sign_is_shown_in_the_client_s_currency(client, world):
    brief = draft_brief(world)
    Brief.objects.filter(pk=brief.pk).update(answers={**brief.answers, "budget": "8000–10000"})
    brief = Brief.objects.select_related("client").get(pk=brief.pk)
    client.force_login(world.alice)
    assert "£8,000–10,000" in client.get(brief.get_absolute_url()).text
    assert "£8,000–10,000" in pdf.render_print_html(brief=brief, show_internal=False)


def _migration():
    return importlib.import_module("accord.intake.migrations.0009_key_facts_from_answers")


def test_the_migration_maps_old_templates_and_fills_old_briefs(world):
    """Briefs from before facts: snapshots without them, budgets stored as bare numbers."""
    migration = _migration()
    TemplateQuestion.objects.update(fact="")
    brief = draft_brief(world)
    old_questions = [{k: v for k, v in q.items() if k != "fact"} for q in brief.questions]
    bad = draft_brief(world, title="Old and odd")
    odd = {
        **good_answers(world),
        "budget": "about ten grand",
        "deadline": "ASAP",
        "approver": "999999",
    }
    Brief.objects.filter(pk=brief.pk).update(
        questions=old_questions,
        answers={**good_answers(world), "budget": "8000–10000", "deadline": "2027-06-30"},
        deadline=None,
        budget_low=None,
        budget_high=None,
        budget_currency="",
        approver=None,
        channel="",
        format="",
    )
    Brief.objects.filter(pk=bad.pk).update(questions=old_questions, answers=odd)

    migration.map_template_questions(apps, None)
    migration.fill_brief_facts(apps, None)

    assert TemplateQuestion.objects.get(template=social(), key="budget").fact == F.BUDGET
    converted = Brief.objects.get(pk=brief.pk)
    assert {q["key"]: q["fact"] for q in converted.questions}["deliverables"] == F.FORMAT
    assert (converted.budget_low, converted.budget_high, converted.budget_currency) == (
        Decimal("8000"),
        Decimal("10000"),
        "GBP",
    )
    assert converted.deadline == date(2027, 6, 30)
    assert converted.approver == world.carol
    assert converted.answers["budget"] == "8000–10000"  # answers and versions are not rewritten
    left_empty = Brief.objects.get(pk=bad.pk)
    assert (left_empty.budget_low, left_empty.deadline, left_empty.approver) == (None, None, None)
