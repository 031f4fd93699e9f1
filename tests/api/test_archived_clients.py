"""An archived client takes no new work through any door: portal, pages or API, staff or contact."""

from typing import Any

import pytest
from django.urls import reverse

from accord.clients.models import Client
from accord.core.models import Event
from accord.intake.models import Brief, Request
from accord.intake.services import requests
from accord.work.models import Job
from tests.intake.view_helpers import signed_brief, social, url

ARCHIVED = "Acme Foods is archived, so it takes no new work. Restore the client first."


def _archive(world: Any) -> None:
    Client.objects.filter(pk=world.acme.pk).update(status=Client.Status.ARCHIVED)


def _nothing_new(world: Any) -> None:
    assert not Request.objects.filter(client=world.acme).exists()
    assert not Brief.objects.filter(client=world.acme, status="draft").exists()
    assert not Event.objects.filter(verb__in=["request.submitted", "brief.started"]).exists()


def _request_body(world: Any, persona: str) -> dict[str, Any]:
    body = {"client_id": world.acme.pk, "title": "Posters", "what": "Posters for May."}
    return body if persona == "carol" else {**body, "source": "phone"}


@pytest.mark.parametrize("persona", ["carol", "alice", "erin"])
def test_the_api_takes_no_request_or_brief_for_an_archived_client(world, as_persona, persona):
    _archive(world)
    caller = as_persona(persona)
    filed = caller.post("/requests", _request_body(world, persona))
    assert filed.status_code == 422
    assert filed.json() == {"detail": ARCHIVED, "field": "client_id"}  # as the body names it
    started = caller.post("/briefs", {"client_id": world.acme.pk, "template_id": social().pk})
    assert started.status_code == 422
    assert started.json() == {"detail": ARCHIVED, "field": "client_id"}
    _nothing_new(world)


@pytest.mark.parametrize("persona", ["carol", "alice"])
@pytest.mark.parametrize("page", ["request_create", "brief_create"])
def test_the_pages_take_no_new_work_for_an_archived_client(client, world, persona, page):
    """Carol and Alice have no other client: the pages say why, with the API's status."""
    _archive(world)
    client.force_login(world.persona(persona))
    assert client.get(url(page)).status_code == 422
    data = {"client": world.acme.pk, "title": "Posters", "what": "Posters.", "source": "phone"}
    response = client.post(url(page), {**data, "template": social().pk})
    assert response.status_code == 422
    assert ARCHIVED in response.text
    _nothing_new(world)


@pytest.mark.parametrize("page", ["request_create", "brief_create"])
def test_archived_while_typing_the_form_comes_back_with_what_was_typed(client, world, page):
    client.force_login(world.carol)
    assert client.get(url(page)).status_code == 200
    _archive(world)  # by the account manager, while Carol types
    typed = "A long and careful description of the leaflets we need for May"
    data = {"client": world.acme.pk, "title": "Leaflets for May", "what": typed}
    response = client.post(url(page), {**data, "template": social().pk})
    assert response.status_code == 422
    assert ARCHIVED in response.text
    assert 'value="Leaflets for May"' in response.text
    if page == "request_create":
        assert typed in response.text
    _nothing_new(world)


def test_an_admin_is_not_offered_an_archived_client(client, world):
    _archive(world)
    client.force_login(world.erin)
    form = client.get(url("request_create")).text
    assert "Globex Bank" in form and "Acme Foods" not in form
    data = {"client": world.acme.pk, "title": "Posters", "what": "Posters.", "source": "phone"}
    assert client.post(url("request_create"), data).status_code == 422
    _nothing_new(world)


def test_no_job_starts_for_an_archived_client_on_the_page_or_the_api(client, world, as_persona):
    brief = signed_brief(world)
    _archive(world)
    client.force_login(world.alice)
    page = client.post(reverse("work:start_job", kwargs={"brief_id": brief.pk}))
    assert page.status_code == 422
    assert ARCHIVED in page.text
    api = as_persona("alice").post(f"/briefs/{brief.pk}/convert")
    assert (api.status_code, api.json()["detail"]) == (422, ARCHIVED)
    assert not Job.objects.exists()
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.SIGNED_OFF


@pytest.mark.parametrize("decision", ["park", "decline"])
def test_a_parked_or_declined_request_is_not_reopened_for_an_archived_client(
    client, world, as_persona, decision
):
    item = requests.submit_request(by=world.carol, client=world.acme, title="Posters", what="May.")
    requests.decide_request(
        by=world.alice,
        request=item,
        decision=decision,
        reason="Not this quarter, sorry: we will come back to it in June.",
    )
    _archive(world)
    client.force_login(world.alice)
    page = client.post(url("request_reopen", request_id=item.pk))
    assert (page.status_code, ARCHIVED in page.text) == (422, True)
    api = as_persona("alice").post(f"/requests/{item.pk}/reopen")
    assert (api.status_code, api.json()["detail"]) == (422, ARCHIVED)
    item.refresh_from_db()
    assert item.status == decision.replace("park", "parked").replace("decline", "declined")


def test_restored_the_client_takes_work_again(world, as_persona):
    _archive(world)
    Client.objects.filter(pk=world.acme.pk).update(status=Client.Status.ACTIVE)
    assert as_persona("carol").post("/requests", _request_body(world, "carol")).status_code == 201
