"""Refusals are answers with a reason, never crashes: bad JSON, bad ids, CSRF, auth."""

from collections.abc import Callable
from typing import Any

from django.test import Client as HttpClient

from accord.clients.models import Client
from tests.api.conftest import API, Caller

Persona = Callable[[str], Caller]


def test_malformed_json_is_a_400_with_a_reason(as_persona: Persona, acme: Client) -> None:
    alice = as_persona("alice")
    for path, method in [
        ("/clients", "post"),
        (f"/clients/{acme.pk}", "patch"),
        ("/me/tokens", "post"),
    ]:
        response = getattr(alice.http, method)(
            API + path,
            data="{name: ",
            content_type="application/json",
            headers={"Authorization": f"Bearer {alice.token}"},
        )
        assert response.status_code == 400
        assert response.json()["detail"]


def test_a_json_body_that_is_not_an_object_is_refused(as_persona: Persona, acme: Client) -> None:
    alice = as_persona("alice")
    for body in ([None, None], "name", 3):
        assert alice.patch(f"/clients/{acme.pk}", body).status_code == 422


def test_unknown_body_fields_are_refused(as_persona: Persona, acme: Client) -> None:
    response = as_persona("alice").patch(f"/clients/{acme.pk}", {"nmae": "Typo"})
    assert response.status_code == 422


def test_session_auth_reads_without_csrf_but_writes_need_it(world: Any) -> None:
    browser = HttpClient(enforce_csrf_checks=True)
    browser.force_login(world.alice)
    assert browser.get(f"{API}/clients").status_code == 200
    refused = browser.post(
        f"{API}/clients", data={"name": "Initech"}, content_type="application/json"
    )
    assert refused.status_code == 403
    secret = "accordcsrf" * 3 + "ok"  # any 32 letters/digits make a well-formed secret
    browser.cookies["csrftoken"] = secret
    accepted = browser.post(
        f"{API}/clients",
        data={"name": "Initech"},
        content_type="application/json",
        headers={"X-CSRFToken": secret},
    )
    assert accepted.status_code == 201, accepted.content


def test_bearer_writes_need_no_csrf(as_persona: Persona) -> None:
    alice = as_persona("alice")
    alice.http = HttpClient(enforce_csrf_checks=True)
    assert alice.post("/clients", {"name": "Initech"}).status_code == 201


def test_oversized_ids_anywhere_are_refused(as_persona: Persona, acme: Client) -> None:
    erin = as_persona("erin")
    huge = "99999999999999999999"
    assert erin.get(f"/team/{huge}").status_code == 422
    assert erin.delete(f"/me/tokens/{huge}").status_code == 422
    assert erin.delete(f"/clients/{acme.pk}/team/{huge}").status_code == 422
    assert erin.get("/clients", account_manager_id=huge).status_code == 422
    assert erin.post(f"/clients/{acme.pk}/team", {"user_id": int(huge)}).status_code == 422


def test_errors_have_the_documented_shape(as_persona: Persona, globex: Client) -> None:
    response = as_persona("alice").get(f"/clients/{globex.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
