"""Labels from the reader's side: the queue, the status a contact reads, the header after an
answer, titles that are too long."""

import json

import pytest

from accord.core.errors import InvalidInput
from accord.intake import services
from accord.intake.models import Brief
from tests.intake.view_helpers import draft_brief, proposed_brief, social, submitted_brief, url

HTMX = {"HX-Request": "true"}
TOO_LONG = "Spring launch " * 12  # 168 characters


def test_the_queue_says_what_the_account_manager_does_next(client, world):
    submitted_brief(world, title="Oat latte launch")
    signed = proposed_brief(world, title="Summer menu")
    services.sign_off(by=world.carol, brief=signed, version_number=1)
    client.force_login(world.alice)
    page = client.get(url("queue")).content.decode()
    assert "Submitted — send for sign-off" in page
    assert "Signed off — start the job" in page


def test_a_request_for_changes_reads_as_such_until_a_new_version_takes_it_in(client, world):
    brief = proposed_brief(world, title="Oat latte launch")
    services.request_changes(by=world.carol, brief=brief, version_number=1, note="Warmer.")
    client.force_login(world.alice)
    queue = client.get(url("queue")).content.decode()
    assert "Changes requested — edit, then propose again" in queue
    assert "Warmer." in client.get(url("brief_detail", brief_id=brief.pk)).content.decode()
    services.save_answers(
        by=world.alice, brief=Brief.objects.get(pk=brief.pk), answers={"tone": "Warm."}
    )
    queue = client.get(url("queue")).content.decode()
    assert "Changes requested" not in queue and "Submitted — send for sign-off" in queue
    assert "Warmer." not in client.get(url("brief_detail", brief_id=brief.pk)).content.decode()


@pytest.mark.parametrize(
    ("persona", "label", "home"),
    [
        ("carol", "Awaiting your sign-off", "ready for your sign-off"),
        ("ray", "Ready for your review", "ready for your review"),
    ],
)
def test_a_contact_reads_the_status_as_what_it_asks_of_them(client, world, persona, label, home):
    brief = proposed_brief(world)
    client.force_login(world.persona(persona))
    page = client.get(url("brief_detail", brief_id=brief.pk)).content.decode()
    assert label in page
    assert label in client.get(url("brief_list")).content.decode()
    assert home in client.get("/").content.decode()


def test_an_answer_refreshes_the_page_header_too(client, world):
    brief = submitted_brief(world)
    question = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    client.force_login(world.carol)
    response = client.post(
        url("question_answer", question_id=question.pk), {"answer": "Leeds."}, headers=HTMX
    )
    page = response.content.decode()
    assert 'id="question-' in page
    assert 'id="brief-ball" hx-swap-oob="true"' in page
    assert "Waiting on" in page.split('id="brief-ball"')[1]
    assert Brief.objects.get(pk=brief.pk).waiting_on == "agency"


def test_a_title_over_160_characters_is_refused_not_cut(world):
    with pytest.raises(InvalidInput) as refused:
        services.start_brief(by=world.alice, client=world.acme, template=social(), title=TOO_LONG)
    assert refused.value.field == "title"
    brief = draft_brief(world)
    with pytest.raises(InvalidInput):
        services.save_answers(by=world.alice, brief=brief, answers={}, title=TOO_LONG)
    assert Brief.objects.get(pk=brief.pk).title == "Spring launch"


def test_title_inputs_carry_a_counter_and_the_api_refuses_long_titles(client, world):
    brief = draft_brief(world)
    client.force_login(world.alice)
    step = client.get(url("brief_edit", brief_id=brief.pk), {"step": 1}).content.decode()
    assert 'data-counter="160"' in step
    assert 'data-counter="160"' in client.get(url("request_create")).content.decode()
    patched = client.patch(
        f"/api/v1/briefs/{brief.pk}", json.dumps({"title": TOO_LONG}), "application/json"
    )
    assert patched.status_code == 422
