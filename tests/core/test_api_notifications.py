"""Notification settings over the API: GET and PUT /me/notification-settings, as everyone."""

import pytest

from accord.accounts.services import create_api_token
from accord.api import api
from accord.core import notification_settings as choices
from accord.core.models import NotificationPreference
from tests.api.conftest import Caller
from tests.conftest import PERSONAS

PATH = "/me/notification-settings"
CONTACTS = {"carol", "ray", "gus"}


@pytest.fixture
def as_persona(world, client):
    """`as_persona("carol")`: the API with Carol's bearer token."""

    def make(name):
        _, plaintext = create_api_token(user=world.persona(name), name="tests")
        return Caller(client, plaintext)

    return make


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_reads_their_own_settings(
    world,
    as_persona,
    persona,
    django_assert_max_num_queries,
):
    caller = as_persona(persona)
    with django_assert_max_num_queries(6):
        response = caller.get(PATH)
    assert response.status_code == 200
    body = response.json()
    assert body["digest_hour"] == 8 and body["time_zone"] == "UTC"
    by_kind = {k["kind"]: k for k in body["kinds"]}
    assert by_kind["review.requested"]["email"] == "immediate"
    assert by_kind["review.requested"]["label"] == "Your review is asked for"
    assert ("task.assigned" in by_kind) is (persona not in CONTACTS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_chooses_for_themselves(world, as_persona, persona):
    response = as_persona(persona).put(PATH, {"email": {"review.comment": "digest"}})
    assert response.status_code == 200
    by_kind = {k["kind"]: k["email"] for k in response.json()["kinds"]}
    assert by_kind["review.comment"] == "digest"
    assert choices.choices_of(world.persona(persona))["review.comment"] == "digest"
    assert NotificationPreference.objects.count() == 1


def test_a_value_that_is_not_a_choice_is_422_with_the_reason(world, as_persona):
    response = as_persona("carol").put(PATH, {"email": {"review.comment": "weekly"}})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"][-1] == "review.comment" and "'immediate'" in problem["msg"]


def test_a_kind_i_cannot_get_is_422_naming_it_and_nothing_changes(world, as_persona):
    response = as_persona("carol").put(
        PATH, {"email": {"review.comment": "off", "task.assigned": "off"}}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "task.assigned"
    assert "task.assigned" in response.json()["detail"]
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize(
    "body", [{}, {"email": []}, {"email": {"review.comment": 1}}, {"email": {}, "other": 1}]
)
def test_a_body_of_the_wrong_shape_is_422(world, as_persona, body):
    assert as_persona("dan").put(PATH, body).status_code == 422


def test_without_credentials_it_is_401(client, db):
    assert client.get("/api/v1" + PATH).status_code == 401
    assert client.put("/api/v1" + PATH, "{}", content_type="application/json").status_code == 401


def test_every_answer_is_documented():
    paths = api.get_openapi_schema()["paths"]["/api/v1/me/notification-settings"]
    assert {"200", "401", "422"} <= set(map(str, paths["get"]["responses"]))
    assert {"200", "400", "401", "413", "422"} <= set(map(str, paths["put"]["responses"]))
    assert paths["put"]["operationId"] == "update_notification_settings"
