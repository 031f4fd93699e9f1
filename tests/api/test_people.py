"""People endpoints: me, the agency team, personal access tokens."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts.models import ApiToken, User
from accord.core.models import Event
from accord.core.policy import Kind, StaffRole
from tests.api.conftest import Caller

Persona = Callable[[str], Caller]


def test_me_is_the_token_owner(as_persona: Persona) -> None:
    response = as_persona("alice").get("/me")
    assert response.status_code == 200
    assert response.json()["email"] == "alice@northwind.test"
    assert response.json()["staff_role"] == "am"


def test_list_staff_lists_the_team_by_name(as_persona: Persona) -> None:
    response = as_persona("dan").get("/team")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 6
    assert [p["name"].split()[0] for p in body["items"]] == [
        "Alice",
        "Cora",
        "Dan",
        "Erin",
        "Max",
        "Sam",
    ]


@pytest.mark.parametrize("contact", ["carol", "ray", "gus"])
def test_client_contacts_cannot_list_staff(as_persona: Persona, contact: str) -> None:
    assert as_persona(contact).get("/team").status_code == 403


def test_list_staff_filters(as_persona: Persona) -> None:
    erin = as_persona("erin")
    assert [p["name"] for p in erin.get("/team", role="am").json()["items"]] == [
        "Alice Northwind",
        "Max Northwind",
    ]
    designers = erin.get("/team", discipline="design").json()["items"]
    assert [p["name"] for p in designers] == ["Dan Northwind"]
    assert erin.get("/team", q="SAM@").json()["count"] == 1
    assert erin.get("/team", role="boss").status_code == 422


def test_list_staff_pages(as_persona: Persona) -> None:
    erin = as_persona("erin")
    body = erin.get("/team", limit=2, offset=2).json()
    assert (body["count"], body["limit"], body["offset"]) == (6, 2, 2)
    assert [p["name"] for p in body["items"]] == ["Dan Northwind", "Erin Northwind"]
    assert erin.get("/team", offset=50).json()["items"] == []
    assert erin.get("/team", limit=0).status_code == 422
    assert erin.get("/team", limit=101).status_code == 422
    assert erin.get("/team", offset=-1).status_code == 422


def test_inactive_staff_are_listed_for_admins_only(
    as_persona: Persona, dan: User, world: Any
) -> None:
    User.objects.filter(pk=dan.pk).update(is_active=False)
    assert as_persona("erin").get("/team").json()["count"] == 6
    assert as_persona("alice").get("/team").json()["count"] == 5
    assert as_persona("alice").get(f"/team/{dan.pk}").status_code == 404


def _count_queries(call: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert call().status_code == 200
    return len(queries)


def test_list_staff_takes_the_same_queries_for_many_people(
    as_persona: Persona, django_assert_max_num_queries: Any
) -> None:
    erin = as_persona("erin")
    erin.get("/me")  # the token's first use is recorded once; leave it out of the count
    few = _count_queries(lambda: erin.get("/team"))
    for n in range(30):
        User.objects.create_user(f"p{n}@northwind.test", name=f"P {n}", staff_role="creative")
    with django_assert_max_num_queries(few):
        assert erin.get("/team").json()["count"] == 36


def test_get_staff(as_persona: Persona, cora: User, carol: User) -> None:
    response = as_persona("sam").get(f"/team/{cora.pk}")
    assert response.status_code == 200
    assert response.json()["disciplines"] == ["copywriting"]
    assert as_persona("sam").get(f"/team/{carol.pk}").status_code == 404  # not staff
    assert as_persona("carol").get(f"/team/{cora.pk}").status_code == 403


def test_admin_invites_staff(as_persona: Persona) -> None:
    response = as_persona("erin").post(
        "/team",
        {
            "email": "Nina@Northwind.test",
            "name": "Nina",
            "staff_role": "creative",
            "disciplines": ["video"],
            "weekly_capacity_hours": "30",
        },
    )
    assert response.status_code == 201
    nina = User.objects.get(email="nina@northwind.test")
    assert (nina.kind, nina.staff_role, nina.disciplines) == (Kind.STAFF, "creative", ["video"])
    assert response.json()["has_accepted_invitation"] is False
    assert Event.objects.filter(verb="staff.invited", target_id=str(nina.pk)).exists()


def test_invite_staff_refuses_a_taken_email(as_persona: Persona) -> None:
    response = as_persona("erin").post(
        "/team", {"email": "dan@northwind.test", "name": "Dan 2", "staff_role": "creative"}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "email"


@pytest.mark.parametrize(("persona", "status"), [("alice", 403), ("dan", 403), ("carol", 403)])
def test_only_admins_invite_staff(as_persona: Persona, persona: str, status: int) -> None:
    body = {"email": "x@northwind.test", "name": "X", "staff_role": "creative"}
    assert as_persona(persona).post("/team", body).status_code == status
    assert not User.objects.filter(email="x@northwind.test").exists()


def test_admin_updates_staff(as_persona: Persona, dan: User) -> None:
    response = as_persona("erin").patch(
        f"/team/{dan.pk}", {"job_title": "Senior designer", "weekly_capacity_hours": 30}
    )
    assert response.status_code == 200
    dan.refresh_from_db()
    assert (dan.job_title, str(dan.weekly_capacity_hours)) == ("Senior designer", "30.0")


def test_update_staff_refusals(as_persona: Persona, dan: User, erin: User) -> None:
    assert as_persona("alice").patch(f"/team/{dan.pk}", {"job_title": "x"}).status_code == 403
    assert as_persona("erin").patch(f"/team/{dan.pk}", {"staff_role": "boss"}).status_code == 422
    demote_self = as_persona("erin").patch(f"/team/{erin.pk}", {"staff_role": "am"})
    assert demote_self.status_code == 403
    assert "admin rights" in demote_self.json()["detail"]
    unknown_field = as_persona("erin").patch(f"/team/{dan.pk}", {"salary": 1})
    assert unknown_field.status_code == 422
    assert User.objects.get(pk=erin.pk).staff_role == StaffRole.ADMIN


def test_update_staff_refuses_to_orphan_clients(as_persona: Persona, alice: User) -> None:
    response = as_persona("erin").patch(f"/team/{alice.pk}", {"is_active": False})
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Alice Northwind is the account manager of 1 client and cannot be "
        "deactivated. Hand over Acme Foods first.",
        "field": "is_active",
    }


def test_admin_resends_an_invitation(as_persona: Persona) -> None:
    invited = as_persona("erin").post(
        "/team", {"email": "nina@northwind.test", "name": "Nina", "staff_role": "creative"}
    )
    nina_id = invited.json()["id"]
    response = as_persona("erin").post(f"/team/{nina_id}/invitation")
    assert response.status_code == 202
    assert response.json()["has_accepted_invitation"] is False
    assert Event.objects.filter(verb="invitation.resent", target_id=str(nina_id)).exists()


def test_resending_to_someone_with_a_password_is_a_conflict(as_persona: Persona, dan: User) -> None:
    response = as_persona("erin").post(f"/team/{dan.pk}/invitation")
    assert response.status_code == 409
    assert "already accepted" in response.json()["detail"]
    assert as_persona("alice").post(f"/team/{dan.pk}/invitation").status_code == 403


# --- Tokens -------------------------------------------------------------------------------


def test_create_token_shows_the_secret_once(as_persona: Persona, world: Any) -> None:
    carol = as_persona("carol")
    created = carol.post("/me/tokens", {"name": "Zapier"})
    assert created.status_code == 201
    secret = created.json()["token"]
    assert secret.startswith(created.json()["prefix"])
    listed = carol.get("/me/tokens").json()
    assert {t["name"] for t in listed} == {"Zapier", "tests"}
    assert all("token" not in t for t in listed)
    assert Caller(carol.http, secret).get("/me").json()["email"] == "carol@acme.test"


def test_tokens_are_personal(as_persona: Persona, world: Any) -> None:
    alice_token = ApiToken.objects.create(
        user=world.alice, name="alice's", prefix="acc_x", token_hash="0" * 64
    )
    max_ = as_persona("max")
    assert all(t["name"] != "alice's" for t in max_.get("/me/tokens").json())
    assert max_.delete(f"/me/tokens/{alice_token.pk}").status_code == 404


def test_revoked_token_is_refused(as_persona: Persona) -> None:
    alice = as_persona("alice")
    token_id = alice.get("/me/tokens").json()[0]["id"]
    assert alice.delete(f"/me/tokens/{token_id}").status_code == 204
    response = alice.get("/me")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_unknown_or_missing_token_is_refused(client: Any, world: Any) -> None:
    assert client.get("/api/v1/me").status_code == 401
    bad = client.get("/api/v1/clients", headers={"Authorization": "Bearer acc_nope"})
    assert bad.status_code == 401


def test_token_name_is_required(as_persona: Persona) -> None:
    assert as_persona("dan").post("/me/tokens", {"name": ""}).status_code == 422
    assert as_persona("dan").post("/me/tokens", {}).status_code == 422
