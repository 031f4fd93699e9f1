"""The search page and GET /api/v1/search, as the personas use them."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.accounts.services import create_api_token
from tests.core.search_story import Story, tell

pytestmark = pytest.mark.django_db
PAGE = "/search/"


@pytest.fixture
def story(world: Any) -> Story:
    return tell(world)


def page(client: Any, person: Any, **params: str) -> Any:
    client.force_login(person)
    return client.get(reverse("search:page"), params)


def api(person: Any, **params: Any) -> Any:
    _, token = create_api_token(user=person, name="tests")
    return HttpClient().get("/api/v1/search", params, headers={"Authorization": f"Bearer {token}"})


def test_the_header_has_a_search_box_for_everyone_signed_in(client: Any, world: Any) -> None:
    for person in (world.erin, world.dan, world.carol):
        client.force_login(person)
        html = client.get(reverse("accounts:profile")).content.decode()
        assert 'role="search" method="get" action="/search/"' in html


def test_the_page_lists_what_the_person_may_open(client: Any, world: Any, story: Story) -> None:
    response = page(client, world.carol, q="wombat")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>wombat</mark>" in html
    assert "Acme Foods" in html and "Review comment" in html
    assert f"#comment-{story.to_client.pk}" in html
    assert (
        "quokka" not in page(client, world.carol, q="quokka").content.decode().split("</form>")[-1]
    )


def test_the_page_escapes_what_documents_say(client: Any, world: Any, story: Story) -> None:
    html = page(client, world.alice, q="summer").content.decode()
    assert "&lt;b&gt;<mark>summer</mark>&lt;/b&gt; &amp; fun" in html


def test_the_page_explains_a_search_it_cannot_run(client: Any, world: Any) -> None:
    response = page(client, world.alice, q="x" * 10_000)
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()
    assert page(client, world.alice, q="").status_code == 200
    assert page(client, world.alice, q="logo", before="nonsense").status_code == 200


def test_the_page_pages_back_through_older_results(client: Any, world: Any, story: Story) -> None:
    from accord.intake import services as intake

    for n in range(25):
        intake.start_brief(
            by=world.alice, client=world.acme, template=story.draft.template, title=f"Heron {n}"
        )
    first = page(client, world.alice, q="heron").content.decode()
    # Titles read "<mark>Heron</mark> 24": the newest 20 first.
    assert "</mark> 24<" in first and "</mark> 4<" not in first and "Older results" in first
    cursor = first.split("before=")[1].split('"')[0]
    older = page(client, world.alice, q="heron", before=cursor).content.decode()
    assert "</mark> 4<" in older and "</mark> 24<" not in older and "Newest" in older


def test_the_page_narrows_to_one_kind(client: Any, world: Any, story: Story) -> None:
    html = page(client, world.alice, q="zephyr", kind="comment").content.decode()
    assert "Nothing found" in html


def test_the_api_answers_the_same(world: Any, story: Story) -> None:
    response = api(world.carol, q="wombat")
    assert response.status_code == 200
    body = response.json()
    (item,) = body["items"]
    assert item["kind"] == "comment" and item["id"] == story.to_client.pk
    assert item["client"] == "Acme Foods"
    assert "<mark>wombat</mark>" in item["snippet_html"]
    assert body["next_before"] is None
    assert api(world.carol, q="quokka").json()["items"] == []


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"q": ""}, "at least one word"),
        ({"q": "()*"}, "at least one word"),
        ({"q": "x" * 10_000}, "200 characters"),
        ({"q": " ".join("abcdefghijkl")}, "10 words"),
        ({"q": "logo", "kind": "invoice"}, "no kind"),
    ],
)
def test_the_api_refuses_a_bad_search_with_a_reason(
    world: Any, params: dict[str, str], reason: str
) -> None:
    response = api(world.alice, **params)
    assert response.status_code == 400
    assert reason in response.json()["detail"]
    assert response.json()["field"] == "q"


def test_the_api_refuses_bad_parameters(world: Any) -> None:
    assert api(world.alice, q="logo", limit=0).status_code == 422
    assert api(world.alice, q="logo", before=-1).status_code == 422
    assert HttpClient().get("/api/v1/search", {"q": "logo"}).status_code == 401


def test_the_page_costs_a_bounded_number_of_queries(client: Any, world: Any, story: Story) -> None:
    client.force_login(world.alice)
    client.get(PAGE, {"q": "launch"})
    with CaptureQueriesContext(connection) as queries:
        client.get(PAGE, {"q": "launch"})
    # One scope read per kind of document (briefs, comments, messages, what was agreed), the
    # engine, the checks and the page's own.
    assert len(queries) <= 13 + (4 if connection.vendor == "postgresql" else 0)
