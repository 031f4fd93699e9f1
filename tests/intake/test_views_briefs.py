"""Brief pages: who sees what, the guided brief, questions, versions, sign-off and conversion."""

import hashlib
import re

import pytest
from django.urls import reverse

from accord.clients.models import Contact
from accord.core.policy import ContactRole
from accord.intake import pdf, services
from accord.intake.models import Brief, BriefPdf, ClarifyingQuestion, Request, SignOff
from accord.work.models import Job
from tests.intake.view_helpers import (
    as_fields,
    draft_brief,
    good_answers,
    job_of,
    new_request,
    pdf_file,
    proposed_brief,
    signed_brief,
    social,
    submitted_brief,
    url,
)
from tests.work.helpers import give_task, start_job

HTMX = {"HX-Request": "true"}

# --- Who sees which brief -----------------------------------------------------------------


# Creatives see a brief once signed off, and only when they are on its job: Dan on its team,
# Cora with a task on it; Sam is on neither (nor on Acme's team).
@pytest.mark.parametrize(
    ("persona", "unsigned", "signed_and_in_work"),
    [
        ("erin", 200, (200, 200)),
        ("alice", 200, (200, 200)),
        ("max", 404, (404, 404)),
        ("dan", 404, (404, 200)),
        ("cora", 404, (404, 200)),
        ("sam", 404, (404, 404)),
        ("carol", 200, (200, 200)),
        ("ray", 200, (200, 200)),
        ("gus", 404, (404, 404)),
    ],
)
def test_brief_pages_by_persona(client, world, persona, unsigned, signed_and_in_work):
    signed, in_work = signed_and_in_work
    draft = draft_brief(world, title="Unsigned")
    done = signed_brief(world, title="Signed")
    job = job_of(world, title="In work", team=(world.dan,))
    give_task(job, world.cora)
    client.force_login(world.persona(persona))
    for name in ["brief_detail", "brief_versions"]:
        assert client.get(url(name, brief_id=draft.pk)).status_code == unsigned
        assert client.get(url(name, brief_id=done.pk)).status_code == signed
        assert client.get(url(name, brief_id=job.brief_id)).status_code == in_work


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("alice", {"Unsigned", "Signed", "In work"}),
        ("dan", {"In work"}),
        ("cora", set()),
        ("gus", set()),
        ("ray", {"Unsigned", "Signed", "In work"}),
    ],
)
def test_brief_list_by_persona(client, world, persona, sees):
    draft_brief(world, title="Unsigned")
    signed_brief(world, title="Signed")
    job_of(world, title="In work", team=(world.dan,))
    client.force_login(world.persona(persona))
    response = client.get(url("brief_list"))
    assert response.status_code == 200
    titles = ["Unsigned", "Signed", "In work"]
    shown = {title for title in titles if f">{title}</a>" in response.text}
    assert shown == sees


def test_brief_list_filters_and_queries_do_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.erin)
    submitted_brief(world)
    with django_assert_max_num_queries(8):
        client.get(url("brief_list"))
    for i in range(30):
        draft_brief(world, title=f"Draft {i:02d}")
    with django_assert_max_num_queries(8):
        response = client.get(url("brief_list"))
    assert "Showing 1\u201325 of 31" in response.text
    page = client.get(url("brief_list"), {"status": "submitted", "waiting_on": "agency"}).text
    assert "Spring launch" in page
    assert "Draft 01" not in page


def test_internal_notes_are_for_staff_only(client, world):
    brief = submitted_brief(world)
    Brief.objects.filter(pk=brief.pk).update(internal_notes="Carol prefers calls on Fridays.")
    client.force_login(world.alice)
    assert "Carol prefers calls" in client.get(brief.get_absolute_url()).text
    client.force_login(world.carol)
    assert "Carol prefers calls" not in client.get(brief.get_absolute_url()).text


def test_brief_page_shows_completeness_findings_and_ball(client, world):
    brief = draft_brief(world)
    services.save_answers(
        by=world.alice, brief=brief, answers={"audience": "Everyone", "objective": "Be loved."}
    )
    client.force_login(world.alice)
    page = client.get(brief.get_absolute_url()).text
    assert "How complete it is" in page
    assert "“Everyone” is too broad to write for" in page
    assert "The objective needs a number or a time frame" in page
    assert "No budget is given" in page
    assert "Waiting on the client since" in page
    assert "The client is filling it in." in page


# --- Starting a brief ---------------------------------------------------------------------


def test_alice_starts_a_brief_from_a_request(client, world):
    request = new_request(world)
    client.force_login(world.alice)
    page = client.get(url("brief_create"), {"request": request.pk}).text
    assert "Social campaign" in page
    assert "At least 10 working days" in page
    response = client.post(
        url("brief_create"),
        {"client": world.acme.pk, "request": request.pk, "template": social().pk, "title": ""},
    )
    brief = Brief.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("brief_edit", brief_id=brief.pk)
    assert brief.request == request
    assert brief.title == "Spring launch posts"
    request.refresh_from_db()
    assert request.status == Request.Status.BRIEFING


def test_choosing_no_template_is_a_clear_error(client, world):
    client.force_login(world.carol)
    response = client.post(url("brief_create"), {"client": world.acme.pk, "title": "Kept title"})
    assert response.status_code == 422
    assert "Choose the kind of work" in response.text
    assert 'value="Kept title"' in response.text


@pytest.mark.parametrize(
    ("persona", "status"), [("carol", 200), ("ray", 200), ("dan", 403), ("gus", 200)]
)
def test_who_may_start_a_brief(client, world, persona, status):
    client.force_login(world.persona(persona))
    assert client.get(url("brief_create")).status_code == status


def test_gus_cannot_start_a_brief_for_acme(client, world):
    client.force_login(world.gus)
    response = client.post(url("brief_create"), {"client": world.acme.pk, "template": social().pk})
    assert response.status_code == 422
    assert not Brief.objects.exists()


# --- The guided brief ---------------------------------------------------------------------


def test_guided_brief_steps_help_examples_and_inputs(client, world):
    brief = draft_brief(world)
    client.force_login(world.carol)
    first = client.get(url("brief_edit", brief_id=brief.pk)).text
    assert 'aria-current="step"' in first
    assert "<legend>Step 1 of" in first
    assert "See an example" in first
    assert "<details" in first
    assert 'hx-post="' + url("brief_autosave", brief_id=brief.pk) + '"' in first
    assert 'hx-trigger="input changed delay:800ms, change"' in first
    assert 'aria-live="polite"' in first
    practical = client.get(url("brief_edit", brief_id=brief.pk), {"step": 3}).text
    assert 'type="date" name="q_deadline"' in practical
    assert 'type="text" name="q_budget"' in practical  # "£12,000" and "10k–15k" too
    assert f'<option value="{world.carol.pk}">Carol Acme</option>' in practical
    assert "Ray Acme" not in practical  # a reviewer is not an approver


def test_autosave_saves_a_draft_and_refreshes_the_score(client, world):
    brief = draft_brief(world)
    client.force_login(world.carol)
    response = client.post(
        url("brief_autosave", brief_id=brief.pk),
        {"title": "Spring launch", "q_background": "New range in 40 stores."},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Saved" in response.text
    assert 'hx-swap-oob="true"' in response.text
    assert 'id="completeness"' in response.text
    brief.refresh_from_db()
    assert brief.answers["background"] == "New range in 40 stores."


def test_autosave_refuses_a_bad_date_without_losing_anything(client, world):
    brief = draft_brief(world)
    services.save_answers(by=world.alice, brief=brief, answers={"budget": "5000"})
    client.force_login(world.carol)
    response = client.post(
        url("brief_autosave", brief_id=brief.pk), {"q_deadline": "next spring"}, headers=HTMX
    )
    assert response.status_code == 422
    assert "Not saved" in response.text
    brief.refresh_from_db()
    assert brief.answers["budget"] == "£5,000"


def test_autosave_after_submission_says_to_use_save_changes(client, world):
    brief = submitted_brief(world)
    client.force_login(world.alice)
    response = client.post(
        url("brief_autosave", brief_id=brief.pk), {"q_channels": "TikTok"}, headers=HTMX
    )
    assert response.status_code == 409
    assert "Save changes" in response.text


def test_step_save_moves_on_and_a_bad_value_is_kept(client, world):
    brief = draft_brief(world)
    client.force_login(world.carol)
    step1 = client.post(
        url("brief_edit", brief_id=brief.pk) + "?step=1",
        {"title": "Spring launch", "q_background": "A new range."},
    )
    assert step1.status_code == 302
    assert step1["Location"].endswith("?step=2")
    bad = client.post(
        url("brief_edit", brief_id=brief.pk) + "?step=3",
        {"q_deadline": "soon-ish", "q_budget": "9000", "q_approver": ""},
    )
    assert bad.status_code == 422
    assert "use a date like" in bad.text
    assert 'value="soon-ish"' in bad.text
    assert 'value="9000"' in bad.text


def test_missing_answers_are_listed_marked_and_typed_ones_kept(client, world):
    brief = draft_brief(world)
    answers = good_answers(world)
    del answers["objective"], answers["audience"]
    services.save_answers(by=world.carol, brief=brief, answers=answers)
    client.force_login(world.carol)
    review = client.get(url("brief_edit", brief_id=brief.pk), {"step": 99}).text
    assert "Review and send" in review
    assert "Still to answer before sending" in review
    response = client.post(
        url("brief_submit", brief_id=brief.pk), {"q_objective": "", "q_audience": "Leeds commuters"}
    )
    assert response.status_code == 422
    page = response.text
    assert "Before sending, answer: “What should this work achieve?”" in page
    assert 'id="question-objective"' in page
    assert re.search(r'id="question-objective">.*?field-error', page, re.S)
    assert "Answer this before sending the brief." in page
    brief.refresh_from_db()
    assert brief.status == Brief.Status.DRAFT
    assert brief.answers["audience"] == "Leeds commuters"  # typed on the review step: kept
    assert brief.answers["background"] == answers["background"]


def test_save_changes_after_submission_writes_a_version(client, world):
    brief = submitted_brief(world)
    client.force_login(world.alice)
    form = client.get(url("brief_edit", brief_id=brief.pk)).text
    assert "Save changes" in form
    assert 'name="base_version" value="1"' in form
    data = {"base_version": "1", "title": brief.title, **as_fields(good_answers(world))}
    data["q_key_message"] = "Even better than you remember."
    response = client.post(url("brief_edit", brief_id=brief.pk), data)
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.current_version.number == 2
    stale = client.post(url("brief_edit", brief_id=brief.pk), {**data, "q_channels": "Radio"})
    assert stale.status_code == 409
    assert "saved a newer version (v2)" in stale.text
    assert re.search(r"<ins>[^<]*remember\.</ins>", stale.text)
    assert "Radio</textarea>" in stale.text  # their input is kept
    brief.refresh_from_db()
    assert brief.current_version.number == 2


# --- Questions ----------------------------------------------------------------------------


def test_alice_asks_and_carol_answers_inline(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    brief = submitted_brief(world)
    client.force_login(world.alice)
    empty = client.post(url("brief_ask", brief_id=brief.pk), {"text": ""})
    assert empty.status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(url("brief_ask", brief_id=brief.pk), {"text": "Which stores?"})
    assert asked.status_code == 302
    assert "carol@acme.test" in mailoutbox[-1].to
    question = ClarifyingQuestion.objects.get()
    assert (
        client.post(url("question_answer", question_id=question.pk), {"answer": "x"}).status_code
        == 403
    )
    client.force_login(world.carol)
    page = client.get(brief.get_absolute_url()).text
    assert "Which stores?" in page
    assert "Waiting on you since" in page
    assert 'hx-post="' + url("question_answer", question_id=question.pk) + '"' in page
    blank = client.post(
        url("question_answer", question_id=question.pk), {"answer": " "}, headers=HTMX
    )
    assert blank.status_code == 422
    assert "This field is required" in blank.text
    answered = client.post(
        url("question_answer", question_id=question.pk), {"answer": "Leeds and York."}, headers=HTMX
    )
    assert answered.status_code == 200
    assert "Leeds and York." in answered.text
    assert "<html" not in answered.text
    brief.refresh_from_db()
    assert brief.waiting_on == "agency"


def test_a_nul_in_an_answer_comes_back_in_place_with_the_words_kept(client, world):
    brief = submitted_brief(world)
    question = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    client.force_login(world.carol)
    response = client.post(
        url("question_answer", question_id=question.pk),
        {"answer": "Leeds and York\x00, then Hull."},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "<html" not in response.text
    assert "Null characters are not allowed." in response.text
    assert "then Hull." in response.text
    question.refresh_from_db()
    assert not question.answer


def test_gus_cannot_reach_acme_questions(client, world):
    brief = submitted_brief(world)
    question = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    client.force_login(world.gus)
    assert (
        client.post(url("question_answer", question_id=question.pk), {"answer": "x"}).status_code
        == 404
    )
    assert client.post(url("brief_ask", brief_id=brief.pk), {"text": "x"}).status_code == 404


# --- Sign-off -----------------------------------------------------------------------------


def test_only_an_approver_signs_off(client, world):
    brief = proposed_brief(world)
    for persona in ["ray", "alice", "erin"]:
        client.force_login(world.persona(persona))
        # A reviewer reads what is up for sign-off (to request changes); the agency does not.
        expected = 200 if persona == "ray" else 403
        assert client.get(url("brief_sign_off", brief_id=brief.pk)).status_code == expected
        assert (
            client.post(
                url("brief_sign_off", brief_id=brief.pk), {"version_number": "1"}
            ).status_code
            == 403
        )
    client.force_login(world.ray)
    page = client.get(brief.get_absolute_url()).text
    assert "ready for your review" in page
    assert "Sign off version 1" not in page
    assert not SignOff.objects.exists()


def test_sign_off_confirm_page_shows_the_exact_version_and_fingerprint(client, world):
    brief = proposed_brief(world)
    client.force_login(world.carol)
    page = client.get(url("brief_sign_off", brief_id=brief.pk)).text
    sha = brief.proposed_version.sha256
    assert sha in page
    assert f'name="sha256" value="{sha}"' in page
    assert "Sign off version 1" in page
    assert "Tastes as good as the one you love." in page
    assert "Carol Acme" in page  # the approver's name, not their id


def test_a_stale_sign_off_is_refused_showing_what_changed(client, world):
    brief = proposed_brief(world)
    old_sha = brief.proposed_version.sha256
    services.save_answers(
        by=world.alice,
        brief=brief,
        answers={"key_message": "Even better than you remember."},
        base_version=1,
    )
    services.propose_for_sign_off(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    client.force_login(world.carol)
    response = client.post(
        url("brief_sign_off", brief_id=brief.pk), {"version_number": "1", "sha256": old_sha}
    )
    assert response.status_code == 409
    page = response.text
    assert "The brief changed since you opened it" in page
    assert re.search(r"<del>[^<]*love\.</del>", page)
    assert re.search(r"<ins>[^<]*remember\.</ins>", page)
    assert "Sign off version 2" in page
    assert not SignOff.objects.exists()


def test_signing_a_brief_that_is_not_proposed_is_a_clear_message(client, world):
    brief = submitted_brief(world)
    client.force_login(world.carol)
    assert "Nothing to sign right now" in client.get(url("brief_sign_off", brief_id=brief.pk)).text
    response = client.post(url("brief_sign_off", brief_id=brief.pk), {"version_number": "1"})
    assert response.status_code == 409
    assert "not waiting for sign-off" in response.text


# --- Moves on the brief -------------------------------------------------------------------


def test_proposing_with_an_open_question_is_a_clear_message(client, world):
    brief = submitted_brief(world)
    services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    client.force_login(world.alice)
    response = client.post(url("brief_propose", brief_id=brief.pk))
    assert response.status_code == 409
    assert "still open" in response.text


@pytest.mark.parametrize(
    "name", ["intake:brief_propose", "work:start_job", "intake:brief_cancel", "intake:brief_ask"]
)
def test_contacts_cannot_make_the_ams_moves(client, world, name):
    brief = signed_brief(world)
    client.force_login(world.carol)
    response = client.post(reverse(name, kwargs={"brief_id": brief.pk}), {"text": "Hi"})
    assert response.status_code == 403


def test_cancel_a_brief(client, world):
    brief = submitted_brief(world)
    client.force_login(world.alice)
    assert client.post(url("brief_cancel", brief_id=brief.pk)).status_code == 302
    brief.refresh_from_db()
    assert brief.status == Brief.Status.CANCELLED
    edit = client.get(url("brief_edit", brief_id=brief.pk))
    assert edit.status_code == 302


@pytest.mark.parametrize("reason", ["x" * 501, "Over\x00budget"])
def test_a_refused_cancel_reason_cancels_nothing(client, world, reason):
    brief = submitted_brief(world)
    client.force_login(world.alice)
    response = client.post(url("brief_cancel", brief_id=brief.pk), {"reason": reason})
    assert response.status_code == 422
    assert "Not cancelled. Why:" in response.text
    brief.refresh_from_db()
    assert brief.status == Brief.Status.SUBMITTED


def test_versions_compare_two_versions_word_by_word(client, world):
    brief = submitted_brief(world)
    services.save_answers(
        by=world.alice,
        brief=brief,
        answers={"channels": "Instagram, TikTok, Pinterest"},
        base_version=1,
    )
    client.force_login(world.carol)
    page = client.get(url("brief_versions", brief_id=brief.pk), {"a": 1, "b": 2}).text
    assert "Which platforms?" in page
    assert re.search(r"<ins>[^<]*Pinterest</ins>", page)
    same = client.get(url("brief_versions", brief_id=brief.pk), {"a": 2, "b": 2}).text
    assert "say the same thing" in same


def test_print_and_pdf(client, world):
    brief = signed_brief(world)
    client.force_login(world.carol)
    printed = client.get(url("brief_print", brief_id=brief.pk))
    assert printed.status_code == 200
    assert "Spring launch" in printed.text
    document = client.get(url("brief_pdf", brief_id=brief.pk))
    assert document.status_code in (200, 503)
    if document.status_code == 200:
        assert document["Content-Type"] == "application/pdf"
        assert b"".join(document.streaming_content).startswith(b"%PDF")


# --- The whole portal path ----------------------------------------------------------------


def test_carol_and_alice_from_request_to_job(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    http = client
    # Carol files a request with a real PDF.
    http.force_login(world.carol)
    with django_capture_on_commit_callbacks(execute=True):
        http.post(
            url("request_create"),
            {
                "client": world.acme.pk,
                "title": "Spring launch posts",
                "what": "Posts for the plant-based launch.",
                "attachments": [pdf_file()],
            },
        )
    request = Request.objects.get()
    assert request.attachments.count() == 1
    # Alice sees it in her queue and starts a brief from it.
    http.force_login(world.alice)
    assert "Spring launch posts" in http.get(url("queue")).text
    http.post(
        url("brief_create"),
        {"client": world.acme.pk, "request": request.pk, "template": social().pk},
    )
    brief = Brief.objects.get()
    # Carol fills it in: it saves as she types.
    http.force_login(world.carol)
    fields = as_fields(good_answers(world))
    for key, value in fields.items():
        saved = http.post(url("brief_autosave", brief_id=brief.pk), {key: value}, headers=HTMX)
        assert saved.status_code == 200, saved.text
    review = http.get(url("brief_edit", brief_id=brief.pk), {"step": 99}).text
    assert "Every required question is answered" in review
    with django_capture_on_commit_callbacks(execute=True):
        sent = http.post(url("brief_submit", brief_id=brief.pk))
    assert sent.status_code == 302
    # Alice asks; Carol answers.
    http.force_login(world.alice)
    queue = http.get(url("queue")).text
    assert "Ready for sign-off" in queue
    with django_capture_on_commit_callbacks(execute=True):
        http.post(url("brief_ask", brief_id=brief.pk), {"text": "Which stores are in it?"})
    question = ClarifyingQuestion.objects.get()
    http.force_login(world.carol)
    assert "Your answer is needed" in http.get(reverse("home:index")).text
    http.post(
        url("question_answer", question_id=question.pk), {"answer": "Leeds and York."}, headers=HTMX
    )
    # Alice proposes; Carol signs off exactly version 1.
    http.force_login(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        assert http.post(url("brief_propose", brief_id=brief.pk)).status_code == 302
    assert mailoutbox[-1].to == ["carol@acme.test"]
    http.force_login(world.carol)
    detail = http.get(brief.get_absolute_url()).text
    assert "Sign off version 1" in detail
    brief.refresh_from_db()
    signed = http.post(
        url("brief_sign_off", brief_id=brief.pk),
        {"version_number": "1", "sha256": brief.proposed_version.sha256},
    )
    assert signed.status_code == 302
    sign_off = SignOff.objects.get()
    assert sign_off.signed_by == world.carol
    # Alice turns it into a job.
    http.force_login(world.alice)
    assert "Signed off, ready to start" in http.get(url("queue")).text
    converted = http.post(reverse("work:start_job", kwargs={"brief_id": brief.pk}))
    job = Job.objects.get()
    assert converted["Location"] == reverse("work:job_detail", kwargs={"job_id": job.pk})
    page = http.get(converted["Location"]).text
    assert "Spring launch posts" in page
    assert sign_off.sha256 in page
    assert "Deliverables and tasks will appear here" in page


def test_converted_brief_links_to_its_job(client, world):
    job = job_of(world)
    client.force_login(world.alice)
    page = client.get(job.brief.get_absolute_url()).text
    assert reverse("work:job_detail", kwargs={"job_id": job.pk}) in page


def test_a_reviewer_added_later_still_cannot_sign(client, world):
    Contact.objects.filter(user=world.ray).update(role=ContactRole.REVIEWER)
    brief = proposed_brief(world)
    client.force_login(world.ray)
    assert "Sign off version" not in client.get(url("brief_sign_off", brief_id=brief.pk)).text
    response = client.post(url("brief_sign_off", brief_id=brief.pk), {"version_number": "1"})
    assert response.status_code == 403


# --- fixes: issue 3 review -----------------------------------------------------------------

SENT_MEANWHILE = "This brief was sent while you were editing"


def test_a_step_saved_after_the_brief_was_sent_wipes_nothing_and_writes_no_version(client, world):
    brief = draft_brief(world)
    services.save_answers(by=world.alice, brief=brief, answers=good_answers(world))
    client.force_login(world.carol)
    step_one = client.get(url("brief_edit", brief_id=brief.pk), {"step": 1}).text
    assert "base_version" not in step_one
    services.submit_brief(by=world.alice, brief=brief)  # sent while Carol types
    response = client.post(
        f"{url('brief_edit', brief_id=brief.pk)}?step=1",
        {"title": "Spring launch", "q_objective": "3,000 redemptions in April."},
    )
    assert response.status_code == 409
    assert SENT_MEANWHILE in response.text
    assert "3,000 redemptions in April.</textarea>" in response.text  # what she typed
    assert "Tastes as good as the one you love.</textarea>" in response.text  # the rest
    assert 'name="base_version" value="1"' in response.text
    brief.refresh_from_db()
    assert brief.versions.count() == 1
    assert brief.answers == {**good_answers(world)}  # nothing wiped, nothing changed


def test_a_change_without_the_version_it_edited_is_refused_and_kept(client, world):
    brief = submitted_brief(world)
    client.force_login(world.alice)
    data = {"title": brief.title, **as_fields(good_answers(world)), "base_version": ""}
    data["q_tone"] = "Bolder."
    response = client.post(url("brief_edit", brief_id=brief.pk), data)
    assert response.status_code == 422
    assert SENT_MEANWHILE in response.text
    assert "Bolder.</textarea>" in response.text
    brief.refresh_from_db()
    assert brief.versions.count() == 1 and brief.answers.get("tone", "") == ""


def test_sending_a_brief_twice_writes_no_version(client, world):
    brief = draft_brief(world)
    services.save_answers(by=world.alice, brief=brief, answers=good_answers(world))
    client.force_login(world.carol)
    data = {"q_tone": "Warm."}
    assert client.post(url("brief_submit", brief_id=brief.pk), data).status_code == 302
    again = client.post(url("brief_submit", brief_id=brief.pk), {"q_tone": "Bolder."})
    assert again.status_code == 409
    assert "already sent" in again.text
    brief.refresh_from_db()
    assert brief.versions.count() == 1
    assert brief.answers["tone"] == "Warm."


def test_a_budget_is_typed_as_text_and_a_bad_one_is_named(client, world):
    brief = draft_brief(world)
    client.force_login(world.carol)
    ok = client.post(
        url("brief_autosave", brief_id=brief.pk), {"q_budget": "10,000 – 15,000"}, headers=HTMX
    )
    assert ok.status_code == 200
    brief.refresh_from_db()
    assert brief.answers["budget"] == "£10,000–15,000"
    assert "£10,000–15,000" in client.get(brief.get_absolute_url()).text
    bad = client.post(url("brief_autosave", brief_id=brief.pk), {"q_budget": "12,5"}, headers=HTMX)
    assert bad.status_code == 422
    assert "“12,5” is not an amount" in bad.text
    brief.refresh_from_db()
    assert brief.answers["budget"] == "£10,000–15,000"


@pytest.mark.parametrize("step", ["²", "٣", "9" * 5000, "-1", "x"])
def test_an_odd_step_number_is_the_first_step(client, world, step):
    brief = draft_brief(world)
    client.force_login(world.carol)
    response = client.get(url("brief_edit", brief_id=brief.pk), {"step": step})
    assert response.status_code == 200
    assert "<legend>Step 1 of" in response.text


@pytest.mark.parametrize("number", ["²", "9" * 5000, "99999999999"])
def test_odd_version_numbers_compare_nothing(client, world, number):
    brief = submitted_brief(world)
    client.force_login(world.carol)
    response = client.get(url("brief_versions", brief_id=brief.pk), {"a": number, "b": number})
    assert response.status_code == 200


@pytest.mark.parametrize("raw", ["²", "9" * 5000])
def test_an_odd_request_number_starting_a_brief_is_not_found(client, world, raw):
    client.force_login(world.alice)
    assert client.get(url("brief_create"), {"request": raw}).status_code == 404
    response = client.post(
        url("brief_create"), {"client": world.acme.pk, "template": social().pk, "request": raw}
    )
    assert response.status_code == 404
    assert not Brief.objects.exists()


def test_alice_chooses_who_fills_the_brief_in(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.alice)
    form = client.get(url("brief_create")).text
    assert "Who fills it in?" in form and "I&#x27;ll write it" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("brief_create"),
            {"client": world.acme.pk, "template": social().pk, "title": "For them"},
        )
    assert response.status_code == 302
    theirs = Brief.objects.get(title="For them")
    assert theirs.waiting_on == "client"
    assert [m.to for m in mailoutbox] == [["carol@acme.test", "ray@acme.test"]]
    page = client.get(theirs.get_absolute_url()).text
    assert "Waiting on the client since" in page and "The client is filling it in." in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("brief_create"),
            {
                "client": world.acme.pk,
                "template": social().pk,
                "title": "Mine",
                "filled_by": "agency",
            },
        )
    mine = Brief.objects.get(title="Mine")
    assert mine.waiting_on == "agency"
    assert len(mailoutbox) == 1
    page = client.get(mine.get_absolute_url()).text
    assert "Your court</span> since" in page and "You're writing this brief." in page
    assert "The client is filling it in." not in page


def test_carol_is_not_asked_who_fills_her_brief_in(client, world):
    client.force_login(world.carol)
    assert "Who fills it in?" not in client.get(url("brief_create")).text


def test_a_cancelled_briefs_request_can_be_briefed_again(client, world):
    request = new_request(world)
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=social(), request=request
    )
    client.force_login(world.alice)
    assert client.post(url("brief_cancel", brief_id=brief.pk)).status_code == 302
    page = client.get(request.get_absolute_url()).text
    assert "Start the brief" in page
    request.refresh_from_db()
    assert request.status == Request.Status.NEW


def test_alice_writes_internal_notes_on_the_brief_page(client, world):
    brief = submitted_brief(world)
    client.force_login(world.alice)
    page = client.get(brief.get_absolute_url()).text
    assert "Save the notes" in page
    response = client.post(url("brief_notes", brief_id=brief.pk), {"notes": "Margin is thin."})
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.internal_notes == "Margin is thin."
    too_long = client.post(url("brief_notes", brief_id=brief.pk), {"notes": "x" * 10_001})
    assert too_long.status_code == 422
    assert "x" * 10_001 in too_long.text  # kept to shorten


def test_a_creative_reads_internal_notes_but_cannot_write_them(client, world):
    brief = signed_brief(world)
    services.save_internal_notes(by=world.alice, brief=brief, notes="Margin is thin.")
    start_job(brief, team=(world.dan,))
    client.force_login(world.dan)
    page = client.get(brief.get_absolute_url()).text
    assert "Margin is thin." in page and "Save the notes" not in page
    assert client.post(url("brief_notes", brief_id=brief.pk), {"notes": "Hi"}).status_code == 403


def test_contacts_never_see_internal_notes(client, world):
    brief = signed_brief(world)
    services.save_internal_notes(by=world.alice, brief=brief, notes="Margin is thin.")
    for persona in ("carol", "ray"):
        client.force_login(world.persona(persona))
        assert "Margin is thin." not in client.get(brief.get_absolute_url()).text
        assert "Internal notes" not in client.get(brief.get_absolute_url()).text
        assert "Margin is thin." not in client.get(url("brief_print", brief_id=brief.pk)).text
        asked = client.get(url("brief_print", brief_id=brief.pk), {"internal": "1"}).text
        assert "Margin is thin." not in asked  # asking is not enough
        assert client.get(url("brief_pdf", brief_id=brief.pk)).status_code in (200, 503)
        notes = client.post(url("brief_notes", brief_id=brief.pk), {"notes": "Mine now."})
        assert notes.status_code == 403
    # What each PDF is made from: the clients' one without the notes, the agency's with them.
    made = {p.audience: p for p in BriefPdf.objects.filter(brief=brief)}
    assert set(made) == {"client"}
    client.force_login(world.alice)
    client.get(url("brief_pdf", brief_id=brief.pk), {"internal": "1"})
    made = {p.audience: p for p in BriefPdf.objects.filter(brief=brief)}
    assert set(made) == {"client", "agency"}
    brief = Brief.objects.get(pk=brief.pk)
    for audience, notes in (("client", False), ("agency", True)):
        source = pdf.pdf_source(brief=brief, show_internal=notes)
        assert made[audience].fingerprint == hashlib.sha256(source.encode()).hexdigest()
        assert ("Margin is thin." in source) is notes


def _approver_changed_to_ray(world) -> Brief:
    """A proposed Acme brief whose version 2 names Ray, not Carol, as its approver."""
    Contact.objects.filter(user=world.ray).update(role=ContactRole.APPROVER)
    brief = proposed_brief(world)
    services.save_answers(
        by=world.alice, brief=brief, answers={"approver": str(world.ray.pk)}, base_version=1
    )
    return services.propose_for_sign_off(by=world.alice, brief=Brief.objects.get(pk=brief.pk))


def _names_not_ids(world, page: str) -> None:
    assert "<del>Carol</del><ins>Ray</ins> Acme" in page
    for person in (world.carol, world.ray):
        assert f"<del>{person.pk}</del>" not in page and f"<ins>{person.pk}</ins>" not in page


def test_comparing_versions_names_the_approver(client, world):
    brief = _approver_changed_to_ray(world)
    client.force_login(world.carol)
    page = client.get(url("brief_versions", brief_id=brief.pk), {"a": 1, "b": 2}).text
    _names_not_ids(world, page)


def test_a_stale_sign_off_names_the_approver_that_changed(client, world):
    brief = _approver_changed_to_ray(world)
    client.force_login(world.carol)
    response = client.post(url("brief_sign_off", brief_id=brief.pk), {"version_number": "1"})
    assert response.status_code == 409
    _names_not_ids(world, response.text)


def test_a_stale_save_names_the_approver_that_changed(client, world):
    brief = _approver_changed_to_ray(world)
    client.force_login(world.alice)
    data = {"base_version": "1", "title": brief.title, **as_fields(good_answers(world))}
    response = client.post(url("brief_edit", brief_id=brief.pk), data)
    assert response.status_code == 409
    _names_not_ids(world, response.text)


def test_brief_page_lists_the_newest_ten_versions(client, world, django_assert_max_num_queries):
    brief = submitted_brief(world)
    answers = good_answers(world)
    for n in range(11):
        answers["background"] = f"Background, take {n + 2}."
        brief = services.save_answers(by=world.alice, brief=brief, answers=answers)
    assert brief.current_version.number == 12
    client.force_login(world.alice)
    with django_assert_max_num_queries(12):
        page = client.get(url("brief_detail", brief_id=brief.pk)).text
    assert ">Version 12</a>" in page and ">Version 3</a>" in page
    assert ">Version 2</a>" not in page
    assert "The latest 10 of 12." in page
