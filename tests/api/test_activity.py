"""A client's activity feed: staff see everything, contacts only what is meant for them."""

from collections.abc import Callable
from typing import Any

from accord.clients import services
from accord.clients.models import Client
from accord.core import events
from accord.core.models import Event
from accord.intake import services as intake
from tests.api.conftest import Caller
from tests.intake.view_helpers import new_request, signed_brief, submitted_brief
from tests.work.helpers import start_job

Persona = Callable[[str], Caller]


def _feed(caller: Caller, client: Client, **params: Any) -> Any:
    response = caller.get(f"/clients/{client.pk}/activity", **params)
    assert response.status_code == 200, response.content
    return response.json()


def test_staff_see_both_audiences_newest_first(
    as_persona: Persona, acme: Client, world: Any
) -> None:
    services.update_client(by=world.alice, client=acme, internal_notes="Slow to pay.")
    services.update_brand(by=world.alice, client=acme, voice_and_tone="Sunny.")
    feed = _feed(as_persona("dan"), acme)
    assert [e["verb"] for e in feed["items"]] == ["brand.updated", "client.updated"]
    assert [e["audience"] for e in feed["items"]] == ["client", "internal"]
    newest = feed["items"][0]
    assert newest["actor_name"] == "Alice Northwind"
    assert newest["data"] == {"fields": ["voice_and_tone"]}
    assert set(newest) == {"id", "at", "actor_name", "verb", "audience", "data"}


def test_contacts_see_only_client_audience(as_persona: Persona, acme: Client, world: Any) -> None:
    services.update_client(by=world.alice, client=acme, internal_notes="Slow to pay.")
    services.update_brand(by=world.alice, client=acme, voice_and_tone="Sunny.")
    feed = _feed(as_persona("carol"), acme)
    assert [e["verb"] for e in feed["items"]] == ["brand.updated"]
    assert feed["count"] == 1


def test_activity_of_another_client_is_not_found(
    as_persona: Persona, globex: Client, world: Any
) -> None:
    services.update_brand(by=world.max, client=globex, voice_and_tone="Calm.")
    assert as_persona("carol").get(f"/clients/{globex.pk}/activity").status_code == 404
    assert as_persona("alice").get(f"/clients/{globex.pk}/activity").status_code == 404


def test_activity_pages(as_persona: Persona, acme: Client, world: Any) -> None:
    for n in range(7):
        events.record(
            actor=None,
            verb="brand.updated",
            target=acme,
            client=acme,
            audience="client",
            data={"fields": [f"f{n}"]},
        )
    erin = as_persona("erin")
    page = _feed(erin, acme, limit=3, offset=3)
    assert (page["count"], page["limit"], page["offset"]) == (7, 3, 3)
    assert [e["data"]["fields"] for e in page["items"]] == [["f3"], ["f2"], ["f1"]]
    assert page["items"][0]["actor_name"] is None
    assert _feed(erin, acme, offset=7)["items"] == []
    assert erin.get(f"/clients/{acme.pk}/activity", limit=101).status_code == 422


def test_activity_queries_do_not_grow_with_events(
    as_persona: Persona, acme: Client, world: Any, django_assert_max_num_queries: Any
) -> None:
    carol = as_persona("carol")
    carol.get("/me")
    services.update_brand(by=world.alice, client=acme, voice_and_tone="Sunny.")
    with django_assert_max_num_queries(4):  # authentication, client, count, page
        _feed(carol, acme)
    for n in range(30):
        services.update_brand(by=world.alice, client=acme, voice_and_tone=f"Tone {n}.")
    with django_assert_max_num_queries(4):
        assert len(_feed(carol, acme)["items"]) == 25


def test_feed_reads_through_the_client_index(acme: Client, world: Any) -> None:
    from accord.clients.queries import activity_of

    sql = str(activity_of(acme, world.carol).query)
    assert '"client_id" =' in sql
    assert '"audience" IN' in sql
    assert Event._meta.indexes[0].fields == ["client_id", "audience", "-id"]


def test_creatives_read_no_request_or_unsigned_brief_in_a_clients_feed(
    as_persona: Persona, world: Any, client: Any
) -> None:
    """Dan is on the job of a signed brief: he reads its sign-off, not requests, questions,
    drafts, or the sign-off of a brief whose job he is not on."""
    new_request(world, title="Secret launch request")
    draft = submitted_brief(world, title="Draft brief")
    intake.ask_question(by=world.alice, brief=draft, text="Which secret stores?")
    start_job(signed_brief(world, title="Signed brief"), team=(world.dan,))
    signed_brief(world, title="Someone else's brief")
    path = f"/clients/{world.acme.pk}/activity"
    alice = {e["verb"] for e in as_persona("alice").get(path).json()["items"]}
    assert {"request.submitted", "brief.started", "brief.question_asked"} <= alice
    dan = as_persona("dan").get(path).json()["items"]
    assert [e["verb"] for e in dan if e["verb"].startswith(("request.", "brief."))] == [
        "brief.signed_off"
    ]
    assert "Secret launch" not in str(dan) and "secret stores" not in str(dan)
    assert "Someone else" not in str(dan)
    client.force_login(world.dan)
    page = client.get(f"/clients/{world.acme.pk}/activity/").content.decode()
    assert "signed off version 1" in page
    assert "Secret launch" not in page and "Draft brief" not in page
    assert "Someone else" not in page
