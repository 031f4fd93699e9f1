"""Two people fill one brief at once: each save carries what it was based on, and nobody's words
are overwritten by a copy that did not see them."""

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.intake import services
from accord.intake.models import Brief
from accord.intake.services.briefs import MAX_ANSWER
from accord.intake.services.edits import EditConflict, FieldConflict, same_text, settle
from accord.intake.views import coediting
from tests.api.conftest import as_persona, as_user  # noqa: F401 (fixtures)
from tests.intake.view_helpers import draft_brief, good_answers, social, submitted_brief, url

HTMX = {"HX-Request": "true"}
LABELS = {"objective": "Objective", "audience": "Audience"}


# --- The rule ---------------------------------------------------------------------------


def test_an_edit_is_written_when_the_stored_value_is_still_its_base():
    write, conflicts = settle(
        stored={"objective": "Old."},
        yours={"objective": "New."},
        bases={"objective": "Old."},
        labels=LABELS,
    )
    assert (write, conflicts) == ({"objective": "New."}, [])


def test_an_edit_over_someone_elses_change_is_a_conflict():
    write, conflicts = settle(
        stored={"objective": "Theirs."},
        yours={"objective": "Mine."},
        bases={"objective": "Old."},
        labels=LABELS,
    )
    assert write == {}
    assert conflicts == [
        FieldConflict("answer", "objective", "Objective", "Old.", "Theirs.", "Mine.")
    ]


def test_an_unchanged_field_is_not_written_and_the_same_words_are_no_conflict():
    write, conflicts = settle(
        stored={"objective": "Theirs.", "audience": "Same."},
        yours={"objective": "Old.", "audience": "Same.\r\n"},
        bases={"objective": "Old.", "audience": "Old."},
        labels=LABELS,
    )
    assert (write, conflicts) == ({"audience": "Same.\r\n"}, [])


def test_any_of_several_bases_will_do():
    # An earlier save of the field may or may not have landed: both are what the person saw.
    for stored in ("Seen first.", "Sent next."):
        write, _ = settle(
            stored={"objective": stored},
            yours={"objective": "Typed last."},
            bases={"objective": ["Seen first.", "Sent next."]},
            labels=LABELS,
        )
        assert write == {"objective": "Typed last."}


@given(stored=st.text(max_size=8), base=st.text(max_size=8), yours=st.text(max_size=8))
def test_nothing_stored_by_someone_else_is_ever_overwritten(stored, base, yours):
    write, conflicts = settle(
        stored={"k": stored}, yours={"k": yours}, bases={"k": base}, labels={}
    )
    if "k" in write:
        assert same_text(stored, base) or same_text(stored, yours)
    assert len(write) + len(conflicts) <= 1


# --- The service ------------------------------------------------------------------------


def test_two_people_save_different_fields_and_both_are_kept(world):
    brief = draft_brief(world)
    loaded = dict(Brief.objects.get(pk=brief.pk).answers)  # both open the page
    services.save_answers(
        by=world.alice,
        brief=brief,
        answers={"objective": "Alice's objective."},
        bases={"objective": loaded.get("objective", "")},
        only_draft=True,
    )
    services.save_answers(
        by=world.carol,
        brief=brief,
        answers={"audience": "Carol's audience."},
        bases={"audience": loaded.get("audience", "")},
        only_draft=True,
    )
    answers = Brief.objects.get(pk=brief.pk).answers
    assert answers["objective"] == "Alice's objective."
    assert answers["audience"] == "Carol's audience."


def test_the_second_save_of_one_field_is_a_conflict_and_the_rest_of_it_is_saved(world):
    brief = draft_brief(world)
    services.save_answers(
        by=world.alice,
        brief=brief,
        answers={"objective": "Alice's."},
        bases={"objective": ""},
        only_draft=True,
    )
    with pytest.raises(EditConflict) as refused:
        services.save_answers(
            by=world.carol,
            brief=brief,
            answers={"objective": "Carol's.", "audience": "Carol's audience."},
            bases={"objective": "", "audience": ""},
            title="Carol's title",
            title_base="Spring launch",
            only_draft=True,
        )
    assert refused.value.status == 409
    assert [(c.key, c.base, c.current, c.yours) for c in refused.value.conflicts] == [
        ("objective", "", "Alice's.", "Carol's.")
    ]
    brief.refresh_from_db()
    assert brief.answers["objective"] == "Alice's."
    assert brief.answers["audience"] == "Carol's audience."
    assert brief.title == "Carol's title"


def test_the_title_has_a_base_too(world):
    brief = draft_brief(world)
    services.save_answers(by=world.alice, brief=brief, answers={}, title="Alice's title")
    with pytest.raises(EditConflict) as refused:
        services.save_answers(
            by=world.carol, brief=brief, answers={}, title="Carol's", title_base="Spring launch"
        )
    assert refused.value.conflicts[0].field == "title"
    assert Brief.objects.get(pk=brief.pk).title == "Alice's title"


def test_a_submitted_brief_gets_a_version_for_the_fields_without_conflict(world):
    brief = submitted_brief(world)
    before = dict(Brief.objects.get(pk=brief.pk).answers)
    services.save_answers(
        by=world.carol,
        brief=brief,
        answers={"objective": "Carol's."},
        bases={"objective": before["objective"]},
    )
    with pytest.raises(EditConflict) as refused:
        services.save_answers(
            by=world.alice,
            brief=brief,
            answers={"objective": "Alice's.", "channels": "Instagram"},
            bases={"objective": before["objective"], "channels": before["channels"]},
        )
    assert refused.value.saved == ["channels"]
    assert refused.value.brief.current_version.number == 3
    brief.refresh_from_db()
    assert brief.current_version.number == 3
    assert brief.answers["objective"] == "Carol's."
    assert brief.answers["channels"] == "Instagram"


# --- The same story through the API -----------------------------------------------------


def test_the_api_saves_what_does_not_conflict_and_answers_409_with_the_conflicts(
    world,
    as_persona,  # noqa: F811
):
    brief = draft_brief(world)
    alice, carol = as_persona("alice"), as_persona("carol")
    path = f"/briefs/{brief.pk}"
    loaded = alice.get(path).json()["answers"]
    assert carol.get(path).json()["answers"] == loaded

    # Different fields: both kept.
    base = {"objective": loaded.get("objective", ""), "audience": loaded.get("audience", "")}
    saved = alice.patch(path, {"answers": {"objective": "Alice's."}, "bases": base})
    assert saved.status_code == 200
    saved = carol.patch(path, {"answers": {"audience": "Carol's."}, "bases": base})
    assert saved.status_code == 200
    assert saved.json()["answers"]["objective"] == "Alice's."

    # The same field, from what both read: the second is refused with the conflict.
    read = saved.json()["answers"]
    both = {"key_message": read.get("key_message", "")}
    saved = alice.patch(path, {"answers": {"key_message": "Alice's."}, "bases": both})
    assert saved.status_code == 200
    refused = carol.patch(
        path,
        {
            "answers": {"key_message": "Carol's.", "channels": "TikTok"},
            "bases": {**both, "channels": read.get("channels", "")},
        },
    )
    assert refused.status_code == 409
    body = refused.json()
    assert body["conflicts"] == [
        {
            "field": "answer",
            "key": "key_message",
            "label": body["conflicts"][0]["label"],
            "base": both["key_message"],
            "current": "Alice's.",
            "yours": "Carol's.",
        }
    ]
    assert (body["saved"], body["current_version"]) == (["channels"], None)
    now = carol.get(path).json()["answers"]
    assert (now["key_message"], now["channels"]) == ("Alice's.", "TikTok")

    # Carol chooses hers: based on what she was shown, it is written.
    mine = carol.patch(
        path, {"answers": {"key_message": "Carol's."}, "bases": {"key_message": "Alice's."}}
    )
    assert mine.status_code == 200
    assert mine.json()["answers"]["key_message"] == "Carol's."


def test_a_partly_refused_api_save_names_the_version_it_made(
    world,
    as_persona,  # noqa: F811
):
    brief = submitted_brief(world)
    path = f"/briefs/{brief.pk}"
    read = as_persona("alice").get(path).json()
    bases = {"objective": read["answers"]["objective"], "channels": read["answers"]["channels"]}
    assert (
        as_persona("carol")
        .patch(path, {"answers": {"objective": "Carol's."}, "bases": bases})
        .status_code
        == 200
    )
    refused = as_persona("alice").patch(
        path, {"answers": {"objective": "Alice's.", "channels": "Instagram"}, "bases": bases}
    )
    assert refused.status_code == 409
    body = refused.json()
    assert (body["saved"], body["current_version"]) == (["channels"], 3)


def test_the_conflict_is_declared_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    patch = schema["paths"]["/api/v1/briefs/{brief_id}"]["patch"]
    ref = patch["responses"]["409"]["content"]["application/json"]["schema"]["$ref"]
    stale = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert "conflicts" in stale["properties"]
    conflict = schema["components"]["schemas"]["ConflictOut"]
    assert {"key", "base", "current", "yours"} <= set(conflict["properties"])
    body = patch["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert "bases" in schema["components"]["schemas"][body.rsplit("/", 1)[1]]["properties"]


# --- The guided brief's pages -----------------------------------------------------------


def _alice_saves_the_objective(world, brief):
    services.save_answers(
        by=world.alice, brief=brief, answers={"objective": "Alice's."}, bases={"objective": ""}
    )


def test_an_autosave_over_someone_elses_words_shows_both_and_saves_the_rest(client, world):
    brief = draft_brief(world)
    _alice_saves_the_objective(world, brief)
    client.force_login(world.carol)
    response = client.post(
        url("brief_autosave", brief_id=brief.pk),
        {
            "q_objective": "Carol's.",
            "base_q_objective": "",
            "q_audience": "Carol's audience.",
            "base_q_audience": "",
        },
        headers=HTMX,
    )
    assert response.status_code == 409
    page = response.text
    assert 'id="conflict-q_objective"' in page
    assert "Alice&#x27;s." in page
    assert "Carol&#x27;s." in page
    assert 'name="choose_q_objective" value="mine"' in page
    # The saved field's new base goes back to the page; the one in conflict keeps its own.
    assert 'name="base_q_audience" value="Carol&#x27;s audience."' in page
    assert 'name="base_q_objective"' not in page
    answers = Brief.objects.get(pk=brief.pk).answers
    assert (answers["objective"], answers["audience"]) == ("Alice's.", "Carol's audience.")


def test_the_step_page_carries_each_fields_base(client, world):
    brief = draft_brief(world)
    _alice_saves_the_objective(world, brief)
    client.force_login(world.carol)
    page = client.get(url("brief_edit", brief_id=brief.pk) + "?step=1").text
    assert (
        '<input type="hidden" id="base-q_objective" name="base_q_objective" value="Alice&#x27;s.">'
        in page
    )
    assert 'name="base_title" value="Spring launch"' in page


def test_a_step_posted_without_the_script_shows_the_conflict_and_takes_the_choice(client, world):
    brief = draft_brief(world)
    _alice_saves_the_objective(world, brief)
    client.force_login(world.carol)
    step = url("brief_edit", brief_id=brief.pk) + "?step=1"
    loaded = {"title": "Spring launch", "base_title": "Spring launch", "base_q_objective": ""}
    loaded |= {"q_background": "", "base_q_background": "", "q_success_measure": ""}
    sent = {**loaded, "q_objective": "Carol's.", "base_q_success_measure": ""}
    refused = client.post(step, sent)
    assert refused.status_code == 409
    assert "changed by someone else" in refused.text
    assert Brief.objects.get(pk=brief.pk).answers["objective"] == "Alice's."

    kept = client.post(step, {**sent, "choose_q_objective": "theirs"})
    assert kept.status_code == 302
    assert kept["Location"].endswith("?step=1")  # back to the step, to see the result
    assert Brief.objects.get(pk=brief.pk).answers["objective"] == "Alice's."

    mine = client.post(
        step, {**sent, "choose_q_objective": "mine", "theirs_q_objective": "Alice's."}
    )
    assert mine.status_code == 302
    assert Brief.objects.get(pk=brief.pk).answers["objective"] == "Carol's."


def test_a_step_posted_with_fields_left_as_loaded_does_not_write_them(client, world):
    brief = draft_brief(world)
    client.force_login(world.carol)
    step = url("brief_edit", brief_id=brief.pk) + "?step=1"
    _alice_saves_the_objective(world, brief)  # after Carol's page was loaded
    response = client.post(
        step,
        {
            "title": "Spring launch",
            "base_title": "Spring launch",
            "q_objective": "",
            "base_q_objective": "",
            "q_background": "Carol's background.",
            "base_q_background": "",
        },
    )
    assert response.status_code == 302
    answers = Brief.objects.get(pk=brief.pk).answers
    assert (answers["objective"], answers["background"]) == ("Alice's.", "Carol's background.")


def test_sending_from_the_review_step_keeps_an_answer_given_meanwhile(client, world):
    brief = draft_brief(world)
    answers = {k: v for k, v in good_answers(world).items() if k != "budget"}
    services.save_answers(by=world.carol, brief=brief, answers=answers)
    client.force_login(world.carol)
    review = client.get(url("brief_edit", brief_id=brief.pk) + "?step=4").text
    assert 'name="base_q_budget" value=""' in review
    # Alice gives the budget while Carol's review page still shows it unanswered.
    services.save_answers(by=world.alice, brief=brief, answers={"budget": "12000"})
    sent = client.post(
        url("brief_submit", brief_id=brief.pk), {"q_budget": "", "base_q_budget": ""}
    )
    assert sent.status_code == 302
    brief.refresh_from_db()
    assert (brief.status, brief.answers["budget"]) == (Brief.Status.SUBMITTED, "£12,000")


def test_a_conflict_on_the_review_step_is_shown_there(client, world):
    brief = draft_brief(world)
    answers = {k: v for k, v in good_answers(world).items() if k != "budget"}
    services.save_answers(by=world.carol, brief=brief, answers=answers)
    services.save_answers(by=world.alice, brief=brief, answers={"budget": "12000"})
    client.force_login(world.carol)
    refused = client.post(
        url("brief_submit", brief_id=brief.pk), {"q_budget": "9000", "base_q_budget": ""}
    )
    assert refused.status_code == 409
    assert 'id="conflict-q_budget"' in refused.text
    assert "12,000" in refused.text
    brief.refresh_from_db()
    assert (brief.status, brief.answers["budget"]) == (Brief.Status.DRAFT, "£12,000")


def test_the_save_sent_as_the_page_unloads_may_name_two_bases(client, world):
    # The page's script sends a field whose earlier save is still on its way with both the
    # base it had and the value on its way: whichever the server holds, the save applies.
    brief = draft_brief(world)
    client.force_login(world.carol)
    autosave = url("brief_autosave", brief_id=brief.pk)
    page = {"autosave_page": "Zq3-page_01"}
    client.post(
        autosave,
        {**page, "autosave_seq": "1", "q_objective": "On its way.", "base_q_objective": ""},
        headers=HTMX,
    )
    last = client.post(
        autosave,
        {
            **page,
            "autosave_seq": "2",
            "q_objective": "Typed last.",
            "base_q_objective": ["", "On its way."],
        },
        headers=HTMX,
    )
    assert last.status_code == 200
    assert Brief.objects.get(pk=brief.pk).answers["objective"] == "Typed last."


# --- What was typed and what is stored differ only by cleaning ----------------------------


class _Page:
    """One person's guided-brief page as its script behaves: each field has a box and a base;
    an autosave sends the fields whose box differs from its base, and takes the bases it is
    answered with."""

    def __init__(self, client, brief, boxes):
        self.client, self.brief = client, brief
        self.boxes = dict(boxes)
        self.bases = dict(boxes)
        self.seq = 0

    def type(self, name, text):
        self.boxes[name] = text
        self.seq += 1
        data = {"autosave_page": "Alicepage01", "autosave_seq": str(self.seq)}
        for field, box in self.boxes.items():
            if box != self.bases[field]:
                data |= {field: box, f"base_{field}": self.bases[field]}
        response = self.client.post(
            url("brief_autosave", brief_id=self.brief.pk), data, headers=HTMX
        )
        for field, value in re.findall(r'name="base_(\w+)" value="([^"]*)"', response.text):
            self.bases[field] = html.unescape(value)
        return response


@pytest.mark.parametrize(
    "case",
    [
        ("q_objective", "Alice's objective.\n", "Alice's objective.", "Carol's objective."),
        ("q_budget", "12000", "£12,000", "£5,000"),
        ("title", "  Spring   launch, again ", "Spring launch, again", "Carol's title"),
    ],
)
def test_words_cleaned_on_saving_never_go_back_over_someone_elses_change(client, world, case):
    """What Alice typed is stored cleaned (trimmed, an amount as a number, the title on one
    line); Carol then changes it, having seen it. Alice typing elsewhere keeps Carol's words."""
    name, typed, stored, theirs = case
    brief = draft_brief(world)
    client.force_login(world.alice)
    alice = _Page(client, brief, {name: "", "q_background": ""} | {"title": "Spring launch"})
    assert alice.type(name, typed).status_code == 200
    brief.refresh_from_db()
    assert coediting.stored_value(brief, name) == stored

    key = name.removeprefix("q_")
    if name == "title":
        services.save_answers(
            by=world.carol, brief=brief, answers={}, title=theirs, title_base=stored
        )
    else:
        services.save_answers(
            by=world.carol, brief=brief, answers={key: theirs}, bases={key: stored}
        )

    for text in ("B", "Be", "Ben"):
        assert alice.type("q_background", text).status_code == 200
    brief.refresh_from_db()
    assert coediting.stored_value(brief, name) == theirs
    assert brief.answers["background"] == "Ben"


def test_a_base_as_typed_counts_as_the_value_it_was_stored_as(world):
    """A base is compared as it would be stored: "12000" is the £12,000 stored, so a change
    from it saves; a change from it after someone else's is a conflict."""
    brief = draft_brief(world)
    services.save_answers(by=world.alice, brief=brief, answers={"budget": "£12,000"})
    services.save_answers(
        by=world.alice, brief=brief, answers={"budget": "£13,000"}, bases={"budget": "12000"}
    )
    assert Brief.objects.get(pk=brief.pk).answers["budget"] == "£13,000"
    services.save_answers(
        by=world.carol, brief=brief, answers={"budget": "5000"}, bases={"budget": "13000"}
    )
    with pytest.raises(EditConflict):
        services.save_answers(
            by=world.alice, brief=brief, answers={"budget": "£14,000"}, bases={"budget": "£13,000"}
        )
    assert Brief.objects.get(pk=brief.pk).answers["budget"] == "£5,000"


def test_a_save_that_settles_a_field_clears_its_conflict(client, world):
    """A conflict shown for a field is moot once a save stores what the person sent there."""
    brief = draft_brief(world)
    _alice_saves_the_objective(world, brief)
    client.force_login(world.carol)
    autosave = url("brief_autosave", brief_id=brief.pk)
    sent = {"q_objective": "Carol's.", "base_q_objective": ""}
    assert client.post(autosave, sent, headers=HTMX).status_code == 409
    # Carol takes Alice's words into her own and types on from them.
    saved = client.post(
        autosave, {"q_objective": "Alice's. Carol's.", "base_q_objective": "Alice's."}, headers=HTMX
    )
    assert saved.status_code == 200
    assert '<div id="conflict-q_objective" class="conflict-slot" hx-swap-oob="true"></div>' in (
        saved.text
    )


def test_a_background_from_a_long_request_fits_an_answer_and_can_be_a_base(
    world,
    as_persona,  # noqa: F811
):
    """The background a brief takes from its request is cut to fit an answer, so the page and
    the API can send it back as what an edit was based on."""
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Long", what="w" * 9_000, why="y" * 9_000
    )
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=social(), request=request
    )
    background = brief.answers["background"]
    assert len(background) <= MAX_ANSWER
    assert background.endswith("… (the rest is in the request)")
    saved = as_persona("alice").patch(
        f"/briefs/{brief.pk}",
        {"answers": {"background": "Shorter."}, "bases": {"background": background}},
    )
    assert saved.status_code == 200
    assert Brief.objects.get(pk=brief.pk).answers["background"] == "Shorter."
