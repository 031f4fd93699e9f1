"""Files added to a request after it was sent: by its client's approvers and reviewers or its
account manager, on the page and in the API alike, checked like the first ones."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient

from accord.accounts.services import create_api_token
from accord.core.errors import InvalidInput
from accord.core.events import Event
from accord.intake import services
from accord.intake.services.attachments import RequestClosed
from tests.intake.test_uploads import EXE
from tests.intake.view_helpers import new_request, pdf_file, url


def _api(person, path: str, files: list[SimpleUploadedFile]):
    _, token = create_api_token(user=person, name="files")
    return HttpClient().post(
        path, {"attachments": files}, headers={"Authorization": f"Bearer {token}"}
    )


def test_the_client_adds_a_forgotten_file_on_the_request_page(client, world):
    request = new_request(world)
    client.force_login(world.carol)
    page = client.get(request.get_absolute_url()).text
    assert url("request_attach", request_id=request.pk) in page
    response = client.post(
        url("request_attach", request_id=request.pk), {"attachments": [pdf_file("stores.pdf")]}
    )
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    assert sorted(request.attachments.values_list("original_name", flat=True)) == [
        "brief-notes.pdf",
        "stores.pdf",
    ]
    event = Event.objects.filter(verb="request.files_added").get()
    assert event.data == {"title": request.title, "files": 1}
    assert event.actor_id == world.carol.pk


def test_the_api_adds_files_and_answers_with_the_request(world):
    request = new_request(world)
    answer = _api(
        world.alice,
        f"/api/v1/requests/{request.pk}/attachments",
        [pdf_file("plan.pdf"), pdf_file("stores.pdf")],
    )
    assert answer.status_code == 201
    body = answer.json()
    assert body["attachment_count"] == 3
    assert [a["name"] for a in body["attachments"]][-2:] == ["plan.pdf", "stores.pdf"]


def test_a_file_we_do_not_accept_is_refused_by_name_and_nothing_is_added(client, world):
    request = new_request(world)
    client.force_login(world.carol)
    response = client.post(
        url("request_attach", request_id=request.pk),
        {"attachments": [pdf_file("fine.pdf"), SimpleUploadedFile("invoice.pdf", EXE)]},
    )
    assert response.status_code == 422
    assert "“invoice.pdf” is not a file type we accept" in response.text
    assert request.attachments.count() == 1
    answer = _api(
        world.carol,
        f"/api/v1/requests/{request.pk}/attachments",
        [SimpleUploadedFile("invoice.pdf", EXE)],
    )
    assert answer.status_code == 422
    assert answer.json()["field"] == "attachments"


def test_a_request_takes_at_most_ten_files_in_all(world, settings):
    settings.ATTACHMENTS_PER_REQUEST = 2
    request = new_request(world)
    with pytest.raises(InvalidInput, match=r"at most 2 files \(it has 1: add at most 1\)"):
        services.add_attachments(
            by=world.carol, request=request, files=[pdf_file("a.pdf"), pdf_file("b.pdf")]
        )
    services.add_attachments(by=world.carol, request=request, files=[pdf_file("a.pdf")])
    assert request.attachments.count() == 2


def test_no_files_is_a_message_not_an_event(world):
    request = new_request(world)
    with pytest.raises(InvalidInput, match="Choose at least one file"):
        services.add_attachments(by=world.carol, request=request, files=[])
    assert not Event.objects.filter(verb="request.files_added").exists()


def test_a_declined_request_takes_no_more_files(world):
    request = new_request(world)
    services.decide_request(
        by=world.alice,
        request=request,
        decision="decline",
        reason="Thank you, but this is outside what we do for Acme.",
    )
    with pytest.raises(RequestClosed, match="declined: it takes no more files"):
        services.add_attachments(by=world.carol, request=request, files=[pdf_file()])
    answer = _api(world.carol, f"/api/v1/requests/{request.pk}/attachments", [pdf_file()])
    assert answer.status_code == 409
    assert request.attachments.count() == 1
