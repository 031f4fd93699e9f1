"""Conflicting feedback through the API: a client's and a deliverable's lists, one conflict
with both sides, settling it; the client and the team get 404, as if there were none."""

import json
from typing import Any

import pytest
from django.test import Client as HttpClient

from accord.accounts.services import create_api_token
from accord.insights.models import FeedbackConflict

from .conflicts_data import say, sent_banner

API = "/api/v1"


class Caller:
    def __init__(self, person: Any) -> None:
        _, token = create_api_token(user=person, name="tests")
        self.http = HttpClient(headers={"Authorization": f"Bearer {token}"})

    def get(self, path: str, **params: Any) -> Any:
        return self.http.get(API + path, params)

    def post(self, path: str, body: Any) -> Any:
        return self.http.post(API + path, json.dumps(body), content_type="application/json")


@pytest.fixture
def conflict(world: Any, settings: Any, tmp_path: Any) -> FeedbackConflict:
    settings.MEDIA_ROOT = tmp_path
    version, _ = sent_banner(world)
    say(world.ray, version, "Can the logo be bigger?")
    say(world.carol, version, "The logo is too big, smaller please")
    return FeedbackConflict.objects.get()


def test_alice_lists_reads_and_settles_a_conflict(world, conflict):
    alice = Caller(world.alice)
    listed = alice.get(f"/clients/{world.acme.pk}/conflicts").json()
    assert listed["count"] == 1
    (item,) = listed["items"]
    assert (item["id"], item["status"], item["kind"], item["element"]) == (
        conflict.pk,
        "open",
        "comments",
        "logo",
    )
    assert item["summary"] == "Ray asks for a bigger logo; Carol for a smaller one."
    on_deliverable = alice.get(f"/deliverables/{conflict.deliverable_id}/conflicts").json()
    assert [i["id"] for i in on_deliverable["items"]] == [conflict.pk]
    one = alice.get(f"/conflicts/{conflict.pk}").json()
    assert [(s["who"], s["said"], s["resolved"]) for s in one["sides"]] == [
        ("Ray Acme", "Can the logo be bigger?", False),
        ("Carol Acme", "The logo is too big, smaller please", False),
    ]
    settled = alice.post(
        f"/conflicts/{conflict.pk}/settle", {"resolution": "Logo as is.", "revision": 1}
    )
    assert settled.status_code == 200
    assert (settled.json()["status"], settled.json()["resolution"]) == ("settled", "Logo as is.")
    assert settled.json()["settled_by"] == "Alice Northwind"
    open_only = alice.get(f"/clients/{world.acme.pk}/conflicts", status="open").json()
    assert open_only["count"] == 0


def test_settling_refusals_say_why(world, conflict):
    alice = Caller(world.alice)
    url = f"/conflicts/{conflict.pk}/settle"
    empty = alice.post(url, {"resolution": "   ", "revision": 1})
    assert empty.status_code == 422
    assert empty.json() == {"detail": "Say what was agreed with the client.", "field": "resolution"}
    assert alice.post(url, {"resolution": "x" * 2_001, "revision": 1}).status_code == 422
    assert alice.post(url, {"resolution": "Fine."}).status_code == 422
    assert alice.post(url, {"resolution": "Fine.", "revision": "1"}).status_code == 422
    assert alice.post(url, {"resolution": "Fine.", "revision": 1, "extra": 1}).status_code == 422
    assert alice.post(url, {"resolution": "Fine.", "revision": 1}).status_code == 200
    again = alice.post(url, {"resolution": "Bigger after all.", "revision": 2})
    assert again.status_code == 409
    assert "settled this already" in again.json()["detail"]
    assert "Fine." in again.json()["detail"]
    stale = Caller(world.erin).post(url, {"resolution": "Bigger.", "revision": 1})
    assert stale.status_code == 409


def test_a_bad_status_filter_is_a_422(world, conflict):
    answer = Caller(world.alice).get(f"/clients/{world.acme.pk}/conflicts", status="closed")
    assert answer.status_code == 422


@pytest.mark.parametrize("persona", ["dan", "cora", "max", "carol", "ray", "gus"])
def test_nobody_else_knows_there_is_a_conflict(world, conflict, persona):
    caller = Caller(getattr(world, persona))
    for path in (
        f"/clients/{world.acme.pk}/conflicts",
        f"/deliverables/{conflict.deliverable_id}/conflicts",
        f"/conflicts/{conflict.pk}",
    ):
        assert caller.get(path).status_code == 404
    answer = caller.post(f"/conflicts/{conflict.pk}/settle", {"resolution": "Mine.", "revision": 1})
    assert answer.status_code == 404


def test_the_list_reads_as_many_rows_whatever_the_conflicts(
    world, conflict, django_assert_max_num_queries
):
    alice = Caller(world.alice)
    path = f"/clients/{world.acme.pk}/conflicts"
    with django_assert_max_num_queries(20) as seen:
        alice.get(path)
    for i in range(9):  # nine spots apart, each with a bigger and a smaller
        pin = {"anchor": "point", "x": 0.1 * i, "y": 0.9}
        say(world.ray, conflict.version, f"{i}: bigger here", anchor=pin)
        say(world.carol, conflict.version, f"{i}: smaller here", anchor=pin)
    with django_assert_max_num_queries(len(seen.captured_queries)):
        assert alice.get(path, limit=100).json()["count"] == 10
