"""A client's contacts and team through the API."""

from collections.abc import Callable
from typing import Any

import pytest

from accord.accounts.models import User
from accord.clients.models import Client, Contact, TeamMembership
from accord.core.models import OutboundEmail
from tests.api.conftest import Caller

Persona = Callable[[str], Caller]


def test_list_contacts(as_persona: Persona, acme: Client) -> None:
    for persona in ("alice", "dan", "carol"):
        response = as_persona(persona).get(f"/clients/{acme.pk}/contacts")
        assert response.status_code == 200
        assert [(c["name"], c["role"]) for c in response.json()] == [
            ("Carol Acme", "approver"),
            ("Ray Acme", "reviewer"),
        ]


def test_invite_a_new_contact(as_persona: Persona, acme: Client) -> None:
    response = as_persona("alice").post(
        f"/clients/{acme.pk}/contacts",
        {"email": "Wendy@Acme.test", "name": "Wendy Acme", "role": "viewer"},
    )
    assert response.status_code == 201, response.content
    assert (response.json()["email"], response.json()["role"]) == ("wendy@acme.test", "viewer")
    assert response.json()["has_accepted_invitation"] is False
    assert OutboundEmail.objects.filter(to=["wendy@acme.test"]).exists()


def test_an_existing_contact_joins_another_client(
    as_persona: Persona, globex: Client, carol: User
) -> None:
    response = as_persona("max").post(
        f"/clients/{globex.pk}/contacts", {"email": "carol@acme.test", "role": "viewer"}
    )
    assert response.status_code == 201
    assert Contact.objects.filter(client=globex, user=carol).exists()


@pytest.mark.parametrize("typed", ["", "Someone Else"])
def test_adding_someone_from_another_client_does_not_reveal_their_name(
    as_persona: Persona, globex: Client, typed: str
) -> None:
    response = as_persona("max").post(
        f"/clients/{globex.pk}/contacts",
        {"email": "carol@acme.test", "name": typed, "role": "viewer"},
    )
    assert response.status_code == 201
    assert response.json()["name"] == "carol@acme.test"
    assert "Carol Acme" not in response.content.decode()


def test_adding_someone_by_the_name_they_have_returns_it(
    as_persona: Persona, globex: Client
) -> None:
    response = as_persona("max").post(
        f"/clients/{globex.pk}/contacts",
        {"email": "carol@acme.test", "name": "Carol Acme", "role": "viewer"},
    )
    assert response.json()["name"] == "Carol Acme"


def test_invite_contact_refusals(as_persona: Persona, acme: Client) -> None:
    alice = as_persona("alice")
    path = f"/clients/{acme.pk}/contacts"
    again = alice.post(path, {"email": "ray@acme.test", "role": "viewer"})
    assert (again.status_code, again.json()["field"]) == (422, "email")
    staff = alice.post(path, {"email": "dan@northwind.test", "name": "Dan"})
    assert (staff.status_code, staff.json()["field"]) == (422, "email")
    nameless = alice.post(path, {"email": "new@acme.test"})
    assert (nameless.status_code, nameless.json()["field"]) == (422, "name")
    assert (
        alice.post(path, {"email": "x@acme.test", "name": "X", "role": "boss"}).status_code == 422
    )
    assert as_persona("carol").post(path, {"email": "z@acme.test", "name": "Z"}).status_code == 403
    assert as_persona("dan").post(path, {"email": "z@acme.test", "name": "Z"}).status_code == 403


def test_change_and_remove_a_contact(as_persona: Persona, acme: Client, ray: User) -> None:
    contact = Contact.objects.get(client=acme, user=ray)
    path = f"/clients/{acme.pk}/contacts/{contact.pk}"
    assert as_persona("carol").patch(path, {"role": "viewer"}).status_code == 403
    changed = as_persona("alice").patch(path, {"role": "approver"})
    assert (changed.status_code, changed.json()["role"]) == (200, "approver")
    assert as_persona("carol").delete(path).status_code == 403
    assert as_persona("alice").delete(path).status_code == 204
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert User.objects.filter(pk=ray.pk).exists()
    assert as_persona("alice").delete(path).status_code == 404


def test_a_contact_of_another_client_is_not_found_here(
    as_persona: Persona, acme: Client, globex: Client, gus: User
) -> None:
    gus_at_globex = Contact.objects.get(client=globex, user=gus)
    path = f"/clients/{acme.pk}/contacts/{gus_at_globex.pk}"
    assert as_persona("alice").patch(path, {"role": "viewer"}).status_code == 404


# --- Team ---------------------------------------------------------------------------------


def test_list_team(as_persona: Persona, acme: Client) -> None:
    response = as_persona("dan").get(f"/clients/{acme.pk}/team")
    assert response.status_code == 200
    assert [m["name"] for m in response.json()] == ["Cora Northwind", "Dan Northwind"]
    assert response.json()[1]["disciplines"] == ["design"]


@pytest.mark.parametrize("contact", ["carol", "ray"])
def test_contacts_do_not_see_the_team_list(as_persona: Persona, acme: Client, contact: str) -> None:
    assert as_persona(contact).get(f"/clients/{acme.pk}/team").status_code == 403


def test_add_and_remove_a_team_member(as_persona: Persona, acme: Client, sam: User) -> None:
    alice = as_persona("alice")
    added = alice.post(f"/clients/{acme.pk}/team", {"user_id": sam.pk})
    assert (added.status_code, added.json()["user_id"]) == (201, sam.pk)
    twice = alice.post(f"/clients/{acme.pk}/team", {"user_id": sam.pk})
    assert twice.status_code == 422
    assert "already on" in twice.json()["detail"]
    assert as_persona("sam").get(f"/clients/{acme.pk}").status_code == 200
    assert alice.delete(f"/clients/{acme.pk}/team/{sam.pk}").status_code == 204
    assert not TeamMembership.objects.filter(client=acme, user=sam).exists()
    assert as_persona("sam").get(f"/clients/{acme.pk}").status_code == 404
    assert alice.delete(f"/clients/{acme.pk}/team/{sam.pk}").status_code == 404


def test_add_team_member_refusals(
    as_persona: Persona, acme: Client, carol: User, sam: User
) -> None:
    path = f"/clients/{acme.pk}/team"
    contact = as_persona("alice").post(path, {"user_id": carol.pk})
    assert (contact.status_code, contact.json()["field"]) == (422, "user_id")
    assert as_persona("alice").post(path, {"user_id": 2**53}).status_code == 422
    assert as_persona("dan").post(path, {"user_id": sam.pk}).status_code == 403
    assert as_persona("carol").post(path, {"user_id": sam.pk}).status_code == 403
    assert as_persona("dan").delete(f"{path}/{sam.pk}").status_code == 403


def test_max_cannot_staff_acme(as_persona: Persona, acme: Client, sam: User, world: Any) -> None:
    assert (
        as_persona("max").post(f"/clients/{acme.pk}/team", {"user_id": sam.pk}).status_code == 404
    )
