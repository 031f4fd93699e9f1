"""The web's one error path, and what every page answers whoever asks: the same status as the
API for the same refusal, private caching, and a 422 for a NUL character on every database."""

import json

import pytest
from django.urls import reverse

from accord.accounts.services import create_api_token
from accord.clients.models import Client
from accord.intake.models import Request
from tests.api.intake_data import brief_at

HTMX = {"HX-Request": "true"}


def _archive_url(client_obj: Client) -> str:
    return reverse("clients:archive", kwargs={"client_id": client_obj.pk})


def test_a_refused_move_answers_its_status_with_the_message(client, world):
    client.force_login(world.alice)
    client.post(_archive_url(world.acme))
    response = client.post(_archive_url(world.acme))
    assert response.status_code == 409  # as the API answers archiving an archived client
    assert "Acme Foods is already archived." in response.text
    assert "<html" in response.text


def test_the_refusal_page_leads_back_to_our_page_only(client, world):
    client.force_login(world.alice)
    client.post(_archive_url(world.acme))
    ours = f"http://testserver/clients/{world.acme.pk}/"
    back = client.post(_archive_url(world.acme), headers={"Referer": ours})
    assert f'href="{ours}">Go back' in back.text
    elsewhere = client.post(_archive_url(world.acme), headers={"Referer": "https://evil.test/"})
    assert "evil.test" not in elsewhere.text


def test_a_refusal_to_htmx_is_the_message_alone(client, world):
    client.force_login(world.alice)
    client.post(_archive_url(world.acme))
    response = client.post(_archive_url(world.acme), headers=HTMX)
    assert response.status_code == 409
    assert response.text.strip() == (
        '<p class="alert alert--error" role="alert">Acme Foods is already archived.</p>'
    )


def test_a_form_refused_by_its_service_shows_it_by_the_field(client, world):
    """What was typed stays too (tests/clients: the duplicate client name)."""
    client.force_login(world.alice)
    response = client.post(
        reverse("clients:edit", kwargs={"client_id": world.acme.pk}),
        {"name": "Globex Bank", "revision_rounds_included": "2", "response_target_hours": "24"},
    )
    assert response.status_code == 422
    assert "There is already a client called “Globex Bank”." in response.text
    assert 'value="Globex Bank"' in response.text


# --- Caching ---------------------------------------------------------------------------------


def test_pages_for_a_signed_in_person_are_never_stored(client, world):
    client.force_login(world.carol)
    for url in ("/", reverse("clients:detail", kwargs={"client_id": world.acme.pk})):
        cache = client.get(url)["Cache-Control"]
        assert "private" in cache and "no-store" in cache, url


def test_api_answers_to_a_token_are_never_stored(client, world):
    _, token = create_api_token(user=world.carol, name="t")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_public_page_is_not_marked_private(client, db):
    assert "private" not in client.get(reverse("accounts:password_reset")).get("Cache-Control", "")


# --- NUL characters ---------------------------------------------------------------------------


NUL_REFUSED = "Null characters are not allowed."  # Django's field error for every text field


def test_a_nul_in_the_sign_in_form_is_a_form_error_with_the_email_kept(client, world):
    response = client.post(
        reverse("accounts:login"), {"email": "alice@northwind.test\x00", "password": "x"}
    )
    assert response.status_code == 422
    assert NUL_REFUSED in response.text
    assert 'name="password"' in response.text
    assert "alice@northwind.test" in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("accounts:magic_link_request", {"email": "carol@acme.test\x00"}),
        ("accounts:password_reset", {"email": "\x00@acme.test"}),
        ("clients:create", {"name": "Nul\x00 Foods"}),
    ],
)
def test_a_nul_in_a_form_field_is_a_422_on_the_form(client, world, name, data):
    client.force_login(world.erin)
    response = client.post(reverse(name), data)
    assert response.status_code == 422
    assert NUL_REFUSED in response.text
    assert "<form" in response.text
    assert not Client.objects.filter(name__startswith="Nul").exists()


def test_a_nul_in_a_long_request_keeps_everything_typed(client, world):
    client.force_login(world.carol)
    why = "The spring range reaches the stores in May and the leaflets must be there first."
    response = client.post(
        reverse("intake:request_create"),
        {"client": world.acme.pk, "title": "Leaflets", "what": "Leaf\x00lets", "why": why},
    )
    assert response.status_code == 422
    assert NUL_REFUSED in response.text
    assert why in response.text
    assert 'value="Leaflets"' in response.text
    assert not Request.objects.exists()


def test_a_nul_in_an_autosave_is_a_small_fragment(client, world):
    brief = brief_at(world, "draft")
    client.force_login(world.carol)
    response = client.post(
        reverse("intake:brief_autosave", args=[brief.pk]),
        {"q_background": "Bold\x00er"},
        headers={**HTMX, "HX-Target": "autosave-status"},
    )
    assert response.status_code == 422
    assert "<html" not in response.text
    assert NUL_REFUSED in response.text
    brief.refresh_from_db()
    assert "\x00" not in brief.answers["background"]


def test_a_nul_in_a_field_name_is_a_422(client, world):
    client.force_login(world.erin)
    assert client.post(reverse("clients:create"), {"q\x00": "x"}).status_code == 422


def test_a_nul_in_a_query_to_htmx_is_the_message_alone(client, world):
    client.force_login(world.erin)
    response = client.get(reverse("clients:list"), {"q": "a\x00b"}, headers=HTMX)
    assert response.status_code == 422
    assert response.text.strip() == (
        '<p class="alert alert--error" role="alert">Text must not contain NUL characters.</p>'
    )


def test_a_nul_in_a_query_is_a_422(client, world):
    client.force_login(world.erin)
    assert client.get(reverse("clients:list"), {"q": "a\x00b"}).status_code == 422


def test_a_nul_in_an_api_query_or_body_is_a_json_422(client, world):
    _, token = create_api_token(user=world.erin, name="t")
    auth = {"Authorization": f"Bearer {token}"}
    query = client.get("/api/v1/clients", {"q": "a\x00b"}, headers=auth)
    assert query.status_code == 422
    assert query.json()["detail"] == "Text must not contain NUL characters."
    body = client.post(
        "/api/v1/clients",
        json.dumps({"name": "Nul\x00 Foods"}),
        content_type="application/json",
        headers=auth,
    )
    assert body.status_code == 422
    assert not Client.objects.filter(name__startswith="Nul").exists()
