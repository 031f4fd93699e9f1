"""Client endpoints: who sees which clients, what they see, who may change them."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts.models import User
from accord.clients.models import BrandProfile, Client
from accord.core.models import Event
from tests.api.conftest import Caller

Persona = Callable[[str], Caller]


def _names(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [c["name"] for c in response.json()["items"]]


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("erin", ["Acme Foods", "Globex Bank"]),
        ("alice", ["Acme Foods"]),
        ("max", ["Globex Bank"]),
        ("dan", ["Acme Foods"]),
        ("cora", ["Acme Foods", "Globex Bank"]),
        ("sam", ["Globex Bank"]),
        ("carol", ["Acme Foods"]),
        ("ray", ["Acme Foods"]),
        ("gus", ["Globex Bank"]),
    ],
)
def test_each_persona_lists_exactly_their_clients(
    as_persona: Persona, persona: str, visible: list[str]
) -> None:
    assert _names(as_persona(persona).get("/clients")) == visible


def test_list_clients_carries_counts_and_manager(as_persona: Persona) -> None:
    acme = as_persona("alice").get("/clients").json()["items"][0]
    assert (acme["team_count"], acme["contact_count"]) == (2, 2)
    assert acme["account_manager"]["name"] == "Alice Northwind"
    assert "internal_notes" not in acme


@pytest.mark.parametrize("contact", ["carol", "gus"])
def test_contacts_list_their_clients_without_the_agency_team_size(
    as_persona: Persona, contact: str
) -> None:
    [client] = as_persona(contact).get("/clients").json()["items"]
    assert "team_count" not in client
    assert "internal_notes" not in client
    assert client["contact_count"] >= 1


def test_list_clients_filters(as_persona: Persona, globex: Client, world: Any) -> None:
    erin = as_persona("erin")
    assert _names(erin.get("/clients", q="bank")) == ["Globex Bank"]
    assert _names(erin.get("/clients", q="food")) == ["Acme Foods"]  # industry
    assert _names(erin.get("/clients", account_manager_id=world.alice.pk)) == ["Acme Foods"]
    Client.objects.filter(pk=globex.pk).update(status="archived")
    assert _names(erin.get("/clients")) == ["Acme Foods"]
    assert _names(erin.get("/clients", status="archived")) == ["Globex Bank"]
    assert _names(erin.get("/clients", status="all")) == ["Acme Foods", "Globex Bank"]
    assert erin.get("/clients", status="gone").status_code == 422


def test_list_clients_pagination_bounds(as_persona: Persona, world: Any) -> None:
    for n in range(5):
        Client.objects.create(name=f"Client {n}", account_manager=world.erin)
    erin = as_persona("erin")
    first = erin.get("/clients", limit=3).json()
    assert (first["count"], first["limit"], first["offset"], len(first["items"])) == (7, 3, 0, 3)
    last = erin.get("/clients", limit=3, offset=6).json()
    assert [c["name"] for c in last["items"]] == ["Globex Bank"]
    assert erin.get("/clients", offset=7).json()["items"] == []
    assert erin.get("/clients").json()["limit"] == 25
    assert erin.get("/clients", limit=100).status_code == 200
    for bad in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "ten"}):
        assert erin.get("/clients", **bad).status_code == 422


def _queries(call: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert call().status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["erin", "alice", "carol"])
def test_list_clients_takes_the_same_queries_for_3_or_30_clients(
    as_persona: Persona, persona: str, world: Any, django_assert_max_num_queries: Any
) -> None:
    caller = as_persona(persona)
    caller.get("/me")  # the token's first use is recorded once; leave it out of the count
    Client.objects.create(name="Third", account_manager=world.alice)
    three = _queries(lambda: caller.get("/clients"))
    for n in range(27):
        Client.objects.create(name=f"More {n:02}", account_manager=world.alice)
    with django_assert_max_num_queries(three):
        assert caller.get("/clients", limit=100).status_code == 200
    assert three <= 3  # authentication, count, page


# --- One client ---------------------------------------------------------------------------


def test_get_client_for_staff_has_terms_brand_and_notes(as_persona: Persona, acme: Client) -> None:
    Client.objects.filter(pk=acme.pk).update(internal_notes="Slow to pay.")
    body = as_persona("dan").get(f"/clients/{acme.pk}").json()
    assert body["internal_notes"] == "Slow to pay."
    assert body["revision_rounds_included"] == 2
    assert body["brand"]["voice_and_tone"].startswith("Warm")
    assert body["brand"]["logo_url"] is None


def test_logo_url_is_the_access_checked_logo_download(
    as_persona: Persona, acme: Client, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    brand = BrandProfile.objects.get(client=acme)
    brand.logo.save("logo.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    brand.logo_display.save("logo.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    url = as_persona("carol").get(f"/clients/{acme.pk}").json()["brand"]["logo_url"]
    assert url.startswith(f"http://testserver/api/v1/clients/{acme.pk}/logo?v=")
    assert brand.logo.name not in url


@pytest.mark.parametrize("contact", ["carol", "ray"])
def test_contacts_never_receive_internal_notes(
    as_persona: Persona, acme: Client, contact: str
) -> None:
    Client.objects.filter(pk=acme.pk).update(internal_notes="Slow to pay.")
    response = as_persona(contact).get(f"/clients/{acme.pk}")
    assert response.status_code == 200
    assert "internal_notes" not in response.json()
    assert b"Slow to pay" not in response.content
    assert response.json()["my_role"] in {"approver", "reviewer"}


@pytest.mark.parametrize(
    ("persona", "client_name"),
    [
        ("alice", "globex"),
        ("max", "acme"),
        ("dan", "globex"),
        ("sam", "acme"),
        ("gus", "acme"),
        ("carol", "globex"),
    ],
)
def test_other_peoples_clients_are_not_found(
    as_persona: Persona, world: Any, persona: str, client_name: str
) -> None:
    other = getattr(world, client_name)
    caller = as_persona(persona)
    assert caller.get(f"/clients/{other.pk}").status_code == 404
    assert caller.patch(f"/clients/{other.pk}", {"name": "Mine"}).status_code == 404
    assert caller.get(f"/clients/{other.pk}/contacts").status_code == 404
    assert caller.get(f"/clients/{other.pk}/activity").status_code == 404


@pytest.mark.parametrize("path_id", ["99999999999999999999", "9007199254740993", "0", "-1", "x"])
def test_impossible_ids_are_refused_not_crashed(as_persona: Persona, path_id: str) -> None:
    assert as_persona("erin").get(f"/clients/{path_id}").status_code == 422


def test_large_unknown_id_is_not_found(as_persona: Persona) -> None:
    assert as_persona("erin").get(f"/clients/{2**53}").status_code == 404


# --- Creating and changing ----------------------------------------------------------------


def test_account_manager_creates_a_client_they_run(as_persona: Persona, alice: User) -> None:
    response = as_persona("alice").post(
        "/clients",
        {
            "name": "Initech",
            "industry": "Software",
            "website": "https://initech.example",
            "revision_rounds_included": 3,
            "internal_notes": "Referred by Acme.",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["account_manager"]["id"] == alice.pk
    assert body["revision_rounds_included"] == 3
    assert body["brand"]["dos"] == []
    client = Client.objects.get(name="Initech")
    assert BrandProfile.objects.filter(client=client).exists()
    assert Event.objects.filter(verb="client.created", client_id=client.pk).exists()


def test_admin_creates_a_client_for_an_account_manager(as_persona: Persona, max: User) -> None:
    response = as_persona("erin").post(
        "/clients", {"name": "Umbrella", "account_manager_id": max.pk}
    )
    assert response.status_code == 201
    assert response.json()["account_manager"]["id"] == max.pk


def test_admin_cannot_give_a_client_to_a_creative(as_persona: Persona, dan: User) -> None:
    response = as_persona("erin").post(
        "/clients", {"name": "Umbrella", "account_manager_id": dan.pk}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "account_manager_id"  # as the body names it


def test_duplicate_client_name_is_refused_with_the_field(as_persona: Persona) -> None:
    response = as_persona("alice").post("/clients", {"name": "acme foods"})
    assert response.status_code == 422
    assert response.json()["field"] == "name"
    assert "already a client" in response.json()["detail"]


@pytest.mark.parametrize("persona", ["carol", "gus", "dan"])
def test_contacts_and_creatives_cannot_create_clients(as_persona: Persona, persona: str) -> None:
    assert as_persona(persona).post("/clients", {"name": "Hooli"}).status_code == 403
    assert not Client.objects.filter(name="Hooli").exists()


def test_create_client_validates_input(as_persona: Persona) -> None:
    alice = as_persona("alice")
    assert alice.post("/clients", {"name": "X", "website": "not a url"}).status_code == 422
    assert alice.post("/clients", {"name": "X", "revision_rounds_included": 21}).status_code == 422
    assert alice.post("/clients", {"name": "X", "revision_rounds_included": "2"}).status_code == 422
    assert alice.post("/clients", {"name": "   "}).json()["field"] == "name"
    assert alice.post("/clients", {"name": "Nul\x00"}).status_code == 422
    assert alice.post("/clients", ["name"]).status_code == 422


def test_account_manager_updates_their_client(as_persona: Persona, acme: Client) -> None:
    response = as_persona("alice").patch(
        f"/clients/{acme.pk}", {"response_target_hours": 16, "internal_notes": "Prefers calls."}
    )
    assert response.status_code == 200
    acme.refresh_from_db()
    assert (acme.response_target_hours, acme.internal_notes) == (16, "Prefers calls.")


@pytest.mark.parametrize("persona", ["carol", "ray", "dan", "cora"])
def test_contacts_and_creatives_cannot_edit(
    as_persona: Persona, acme: Client, persona: str
) -> None:
    caller = as_persona(persona)
    assert caller.patch(f"/clients/{acme.pk}", {"name": "Mine"}).status_code == 403
    assert caller.patch(f"/clients/{acme.pk}/brand", {"voice_and_tone": "x"}).status_code == 403
    assert caller.post(f"/clients/{acme.pk}/archive").status_code == 403
    acme.refresh_from_db()
    assert acme.name == "Acme Foods"


def test_only_admins_hand_a_client_to_another_manager(
    as_persona: Persona, acme: Client, max: User
) -> None:
    handover = {"account_manager_id": max.pk}
    refused = as_persona("alice").patch(f"/clients/{acme.pk}", handover)
    assert refused.status_code == 403  # not allowed, as on the web
    assert refused.json()["detail"] == "Only an admin can hand a client to another account manager."
    response = as_persona("erin").patch(f"/clients/{acme.pk}", handover)
    assert response.json()["account_manager"]["id"] == max.pk


def test_rename_to_an_existing_name_is_refused(as_persona: Persona, acme: Client) -> None:
    response = as_persona("erin").patch(f"/clients/{acme.pk}", {"name": "GLOBEX BANK"})
    assert (response.status_code, response.json()["field"]) == (422, "name")


def test_archive_and_restore(as_persona: Persona, acme: Client) -> None:
    alice = as_persona("alice")
    archived = alice.post(f"/clients/{acme.pk}/archive")
    assert (archived.status_code, archived.json()["status"]) == (200, "archived")
    again = alice.post(f"/clients/{acme.pk}/archive")
    assert again.status_code == 409
    assert "already archived" in again.json()["detail"]
    assert alice.get("/clients").json()["count"] == 0
    restored = alice.post(f"/clients/{acme.pk}/restore")
    assert (restored.status_code, restored.json()["status"]) == (200, "active")
    assert alice.post(f"/clients/{acme.pk}/restore").status_code == 409


def test_update_brand(as_persona: Persona, acme: Client) -> None:
    response = as_persona("alice").patch(
        f"/clients/{acme.pk}/brand",
        {"dos": ["Say 'fresh'", "  "], "donts": ["Use slang"], "colours": ["#ff0000", "#00FF00"]},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["dos"] == ["Say 'fresh'"]
    assert body["colours"] == ["#FF0000", "#00FF00"]
    assert body["voice_and_tone"].startswith("Warm")  # untouched
    carol_view = as_persona("carol").get(f"/clients/{acme.pk}").json()["brand"]
    assert carol_view["donts"] == ["Use slang"]


def test_update_brand_refuses_bad_colours(as_persona: Persona, acme: Client) -> None:
    response = as_persona("alice").patch(f"/clients/{acme.pk}/brand", {"colours": ["red"]})
    assert (response.status_code, response.json()["field"]) == (422, "colours")
