"""Hostile input to intake costs a bounded amount: word diffs and template formsets."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts.services import create_api_token
from accord.core.errors import InvalidInput
from accord.intake import rules, services
from accord.intake.models import Brief, BriefTemplate, BriefVersion, ClarifyingQuestion
from accord.intake.services.briefs import MAX_ANSWER, MAX_ANSWERS_TOTAL
from accord.intake.services.clarifications import MAX_CLARIFICATION, MAX_CLARIFICATIONS
from accord.intake.services.templates import MAX_GUIDANCE, MAX_QUESTIONS
from tests.intake.view_helpers import submitted_brief, url


def _maximal(seed: int) -> str:
    """The most words an answer may hold: 5,000 one-letter words in under 10,000 characters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join(letters[(i * i * seed + i) % 26] for i in range(5000))


def _with_two_maximal_versions(world) -> Brief:
    brief = submitted_brief(world)
    for base, seed in ((1, 3), (2, 5)):
        services.save_answers(
            by=world.alice, brief=brief, answers={"background": _maximal(seed)}, base_version=base
        )
    return Brief.objects.get(pk=brief.pk)


def test_maximal_answers_are_accepted_and_fit_the_limit():
    assert len(_maximal(3).split()) == 5000
    assert len(_maximal(3)) < MAX_ANSWER


def test_a_new_version_stores_its_diff_against_the_previous_one(world):
    brief = _with_two_maximal_versions(world)
    first, second, third = BriefVersion.objects.filter(brief=brief).order_by("number")
    assert first.changes is None
    assert [c["key"] for c in second.changes] == ["background"]
    expected = rules.diff_words(second.answers["background"], third.answers["background"])
    assert expected.replaced  # two unrelated 5,000-word answers: past the budget
    assert third.changes == [
        {"key": "background", "label": "What's the background?", "html": expected.html}
    ]


def test_the_versions_page_shows_the_stored_diff_rather_than_working_it_out(client, world):
    brief = _with_two_maximal_versions(world)
    third = brief.versions.get(number=3)
    third.changes = [{**third.changes[0], "html": "<ins>as stored</ins>"}]
    third.save(update_fields=["changes"])
    client.force_login(world.carol)
    page = client.get(url("brief_versions", brief_id=brief.pk), {"a": 2, "b": 3}).text
    assert "<ins>as stored</ins>" in page
    api = client.get(f"/api/v1/briefs/{brief.pk}/compare", {"a": 2, "b": 3}).json()
    assert api["changes"][0]["html"] == "<ins>as stored</ins>"
    assert api["changes"][0]["old"] == brief.versions.get(number=2).answers["background"]


def test_any_two_versions_compare_at_a_bounded_cost(client, world):
    brief = _with_two_maximal_versions(world)
    client.force_login(world.carol)
    response = client.get(url("brief_versions", brief_id=brief.pk), {"a": 1, "b": 3})
    assert response.status_code == 200
    # Version 1's short background and the maximal one share nothing: shown as replaced.
    assert re.search(r"<del>Spring launch[^<]*</del><ins>[a-z ]{9000,}</ins>", response.text)
    newest_first = client.get(url("brief_versions", brief_id=brief.pk), {"a": 3, "b": 1})
    assert newest_first.status_code == 200


# --- The template editor's formset has a ceiling -------------------------------------------


def _template_post(total: int, filled: int, *, adding: bool = False) -> dict[str, str]:
    data = {
        "name": "Podcast ad",
        "min_lead_days": "5",
        "is_active": "on",
        "questions-TOTAL_FORMS": str(total),
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for i in range(filled):
        data |= {
            f"questions-{i}-key": f"q{i}",
            f"questions-{i}-label": f"Question {i}?",
            f"questions-{i}-kind": "long_text",
        }
    if adding:
        data["add_question"] = "1"
    return data


@pytest.mark.parametrize("total", [MAX_QUESTIONS + 1, 999_999_999])
def test_a_huge_question_count_is_a_form_error_not_a_long_wait(client, world, total):
    client.force_login(world.erin)
    response = client.post(url("template_create"), _template_post(total, filled=2))
    assert response.status_code == 422
    assert f"Please submit at most {MAX_QUESTIONS} forms." in response.text
    # The page built no more forms than the ceiling, whatever the count claimed.
    assert response.text.count('name="questions-') <= MAX_QUESTIONS * 10 + 4
    assert not BriefTemplate.objects.filter(name="Podcast ad").exists()


def test_adding_past_the_ceiling_builds_no_more_forms(client, world):
    client.force_login(world.erin)
    response = client.post(url("template_create"), _template_post(999_999_999, 1, adding=True))
    assert response.status_code == 200
    assert f'name="questions-{MAX_QUESTIONS}-key"' not in response.text


def test_a_template_with_the_most_questions_is_saved(client, world):
    client.force_login(world.erin)
    data = _template_post(MAX_QUESTIONS, filled=MAX_QUESTIONS)
    assert client.post(url("template_create"), data).status_code == 302
    assert BriefTemplate.objects.get(name="Podcast ad").questions.count() == MAX_QUESTIONS


def test_the_service_refuses_more_questions_than_the_ceiling(world):
    questions = [{"key": f"q{i}", "label": f"Q{i}?"} for i in range(MAX_QUESTIONS + 1)]
    with pytest.raises(InvalidInput, match=f"at most {MAX_QUESTIONS} questions"):
        services.save_template(by=world.erin, template=None, name="Big", questions=questions)


def test_guidance_longer_than_its_limit_is_refused(world):
    questions = [{"key": "q", "label": "Q?", "help_text": "x" * (MAX_GUIDANCE + 1)}]
    with pytest.raises(InvalidInput, match="help text and the example"):
        services.save_template(by=world.erin, template=None, name="Big", questions=questions)


# --- Each kind of answer has its own limit -------------------------------------------------


def test_all_answers_together_are_bounded(world):
    brief = submitted_brief(world)
    long = rules.max_length("long_text")
    keys = [q["key"] for q in brief.questions if q["kind"] == "long_text"]
    fits = MAX_ANSWERS_TOTAL // long - 1  # room left for the short answers already there
    services.save_answers(
        by=world.alice, brief=brief, answers=dict.fromkeys(keys[:fits], "x" * long)
    )
    with pytest.raises(InvalidInput, match=f"up to {MAX_ANSWERS_TOTAL:,} characters"):
        services.save_answers(by=world.alice, brief=brief, answers=dict.fromkeys(keys, "y" * long))
    assert brief.versions.count() == 2  # the refused save wrote nothing


def test_questions_to_the_client_and_their_answers_are_bounded(world):
    brief = submitted_brief(world)
    with pytest.raises(InvalidInput, match="under 2,000 characters"):
        services.ask_question(by=world.alice, brief=brief, text="x" * (MAX_CLARIFICATION + 1))
    question = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    with pytest.raises(InvalidInput, match="under 2,000 characters"):
        services.answer_question(
            by=world.carol, question=question, answer="y" * (MAX_CLARIFICATION + 1)
        )


def test_each_kind_of_answer_is_bounded_by_its_own_limit(world):
    template = services.save_template(
        by=world.erin,
        template=None,
        name="Bounded",
        questions=[
            {"key": "tagline", "label": "Tagline?", "kind": "text"},
            {"key": "story", "label": "Story?", "kind": "long_text"},
            {"key": "budget", "label": "Budget?", "kind": "money"},
        ],
    )
    brief = services.start_brief(by=world.alice, client=world.acme, template=template)
    short, long = rules.max_length("text"), rules.max_length("long_text")
    services.save_answers(
        by=world.alice, brief=brief, answers={"tagline": "x" * short, "story": "y" * long}
    )
    for key, value, limit in (
        ("tagline", "x" * (short + 1), short),
        ("story", "y" * (long + 1), long),
        ("budget", "1" * 5_000, rules.max_length("money")),
    ):
        with pytest.raises(InvalidInput, match=f"keep it under {limit:,} characters") as caught:
            services.save_answers(by=world.alice, brief=brief, answers={key: value})
        assert caught.value.field == key


def test_a_brief_holds_a_bounded_number_of_questions_to_the_client(world):
    brief = submitted_brief(world)
    ClarifyingQuestion.objects.bulk_create(
        ClarifyingQuestion(brief=brief, text=f"Question {n}?", asked_by=world.alice)
        for n in range(MAX_CLARIFICATIONS)
    )
    with pytest.raises(InvalidInput, match=f"at most {MAX_CLARIFICATIONS} questions"):
        services.ask_question(by=world.alice, brief=brief, text="One more?")
    assert brief.clarifications.count() == MAX_CLARIFICATIONS


# --- Line breaks are bounded too: a PDF's cost follows its lines ----------------------------


def test_an_answer_of_too_many_lines_is_refused(world):
    brief = submitted_brief(world)
    long = rules.MAX_LINE_BREAKS["long_text"]
    services.save_answers(by=world.alice, brief=brief, answers={"background": "x\n" * long})
    with pytest.raises(InvalidInput, match=f"at most {long + 1} lines") as caught:
        services.save_answers(
            by=world.alice, brief=brief, answers={"background": "x\n" * (long + 1) + "x"}
        )
    assert caught.value.field == "background"
    template = services.save_template(
        by=world.erin,
        template=None,
        name="Short",
        questions=[{"key": "tagline", "label": "Tagline?", "kind": "text"}],
    )
    brief = services.start_brief(by=world.alice, client=world.acme, template=template)
    with pytest.raises(InvalidInput, match="Tagline\\?: keep it to at most 21 lines"):
        lines = "x\n" * (rules.MAX_SHORT_LINE_BREAKS + 1) + "x"
        services.save_answers(by=world.alice, brief=brief, answers={"tagline": lines})


def test_all_answers_together_have_a_bounded_number_of_lines(world):
    brief = submitted_brief(world)
    keys = [q["key"] for q in brief.questions if q["kind"] == "long_text"]
    each = rules.MAX_LINE_BREAKS["long_text"]
    fits = rules.MAX_LINE_BREAKS_TOTAL // each
    assert len(keys) > fits  # the template lets the total be reached
    assert fits * each == rules.MAX_LINE_BREAKS_TOTAL
    services.save_answers(
        by=world.alice, brief=brief, answers=dict.fromkeys(keys[:fits], "x\n" * each + "x")
    )
    with pytest.raises(InvalidInput, match="up to 1,000 line breaks"):
        services.save_answers(by=world.alice, brief=brief, answers={keys[fits]: "y\ny"})
    assert brief.versions.count() == 2


def test_printed_text_is_cheap_to_lay_out_whatever_was_stored():
    from accord.intake.templatetags.intake_tags import PRINT_LINE_BREAKS, printable

    printed = printable("x\n" * 5000 + "<b>")
    assert printed.count("\n") == PRINT_LINE_BREAKS
    assert printed.endswith("x x x &lt;b&gt;")
    word = printable("y" * 10_000)
    assert word.count("\u200b") == 10_000 // 60
    assert printable("ordinary words stay as they are") == "ordinary words stay as they are"


# --- Many versions: the list is paged, only the two compared load in full --------------------


VERSION_ANSWERS = '"intake_briefversion"."answers"'


def _loading_answers(queries: CaptureQueriesContext) -> list[str]:
    """Queries that load versions in full, but for the brief's own (its current version)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if VERSION_ANSWERS in q["sql"] and not q["sql"].endswith("LIMIT 1")
    ]


def _many_versions(world, count: int) -> Brief:
    brief = submitted_brief(world)
    for n in range(2, count + 1):
        services.save_answers(
            by=world.alice,
            brief=brief,
            answers={"background": _maximal(n)[: 2000 + n]},
            base_version=n - 1,
        )
    return Brief.objects.get(pk=brief.pk)


def test_the_versions_page_pages_the_list_and_loads_two_versions_in_full(
    client, world, django_assert_max_num_queries
):
    brief = _many_versions(world, 40)
    client.force_login(world.carol)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url("brief_versions", brief_id=brief.pk)).text
    fewer = len(queries.captured_queries)
    full = _loading_answers(queries)
    assert len(full) == 1 and '"number" IN (39, 40)' in full[0]  # the two compared only
    assert "From version 39" in page and "Showing 1–25 of 40" in page
    assert page.count('people__name">Version') == 25
    second = client.get(url("brief_versions", brief_id=brief.pk), {"page": 2}).text
    assert "Showing 26–40 of 40" in second and 'people__name">Version 1<' in second
    brief = _many_versions(world, 2)
    with django_assert_max_num_queries(fewer):
        client.get(url("brief_versions", brief_id=brief.pk))


def test_the_versions_api_is_paged_and_leaves_the_answers_out(client, world):
    brief = _many_versions(world, 30)
    _, token = create_api_token(user=world.carol, name="versions")
    bearer = {"Authorization": f"Bearer {token}"}
    with CaptureQueriesContext(connection) as queries:
        first = client.get(f"/api/v1/briefs/{brief.pk}/versions", headers=bearer).json()
    assert (first["count"], len(first["items"])) == (30, 25)
    assert [v["number"] for v in first["items"]][:2] == [1, 2]
    assert not _loading_answers(queries)
    rest = client.get(f"/api/v1/briefs/{brief.pk}/versions", {"offset": 25}, headers=bearer).json()
    assert [v["number"] for v in rest["items"]] == [26, 27, 28, 29, 30]
