"""Account health pages and API: for those who run the client, bounded queries, and never a
word of it to the client's people."""

import pytest
from django.urls import reverse

from accord.clients.models import Client
from accord.insights.services import health
from tests.insights.health_data import annoyed_message, overdue_decision

pytestmark = pytest.mark.django_db


def _api(client, user):
    from accord.accounts import services as people

    _, secret = people.create_api_token(user=user, name="t")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def test_alice_reads_acmes_health_with_its_reasons_chart_and_sentiment(client, world) -> None:
    overdue_decision(world)
    annoyed_message(world)
    health.store(client_ids=[world.acme.pk])
    client.force_login(world.alice)
    page = client.get(reverse("insights:client_health", args=[world.acme.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Client sentiment" in html and "Client decisions overdue" in html
    assert "still waiting" in html  # the phrase that moved the score
    assert 'alt="A line chart' in html and "The points as a table" in html
    svg = client.get(reverse("insights:health_chart", args=[world.acme.pk]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<script" not in svg.content and b"<svg" in svg.content


def test_a_stale_health_is_shown_as_computed_now(client, world) -> None:
    health.store(client_ids=[world.acme.pk])
    annoyed_message(world)  # marks it stale; the worker has not run
    client.force_login(world.alice)
    html = client.get(reverse("insights:client_health", args=[world.acme.pk])).content.decode()
    assert "Worked out just now; updated within a minute." in html and "Client sentiment" in html
    assert "the worker" not in html


def test_the_chart_has_a_phone_version_and_names_read_as_people_write_them(client, world) -> None:
    health.store(client_ids=[world.acme.pk])
    client.force_login(world.alice)
    html = client.get(reverse("insights:client_health", args=[world.acme.pk])).content.decode()
    chart_url = reverse("insights:health_chart", args=[world.acme.pk])
    assert f'<source media="(max-width: 62rem)" srcset="{chart_url}?size=narrow"' in html
    assert 'alt="A line chart of Acme Foods’ account health' in html
    assert "Acme Foods’ people never see this page" in html and "Foods's" not in html
    assert "The points as a table" in html  # the same points for screen readers
    narrow = client.get(f"{chart_url}?size=narrow")
    assert b'viewBox="0 0 380 330"' in narrow.content and b"<script" not in narrow.content


def test_a_client_with_no_history_yet_says_when_it_comes_in_users_words(client, world) -> None:
    client.force_login(world.erin)
    html = client.get(reverse("insights:client_health", args=[world.globex.pk])).content.decode()
    assert "No history yet: the first point is kept when Globex Bank’s health is recomputed" in html
    assert "automatically within a minute and then every day" in html
    assert "the worker" not in html


def test_recompute_says_it_is_done_and_refuses_a_get(client, world) -> None:
    client.force_login(world.alice)
    url = reverse("insights:health_recompute", args=[world.acme.pk])
    html = client.post(url, follow=True).content.decode()
    assert "Recomputed just now." in html
    assert client.get(url).status_code == 405


def test_the_client_page_shows_health_to_its_manager_only(client, world) -> None:
    health.store(client_ids=[world.acme.pk])
    client.force_login(world.alice)
    assert "Account health" in client.get(world.acme.get_absolute_url()).content.decode()
    for person in (world.carol, world.dan):
        client.force_login(person)
        html = client.get(world.acme.get_absolute_url()).content.decode()
        assert "Account health" not in html and "sentiment" not in html.lower()


def test_carol_never_reads_acmes_health_nor_sentiment(client, world) -> None:
    annoyed_message(world)
    client.force_login(world.carol)
    for name in ("insights:client_health", "insights:health_chart"):
        assert client.get(reverse(name, args=[world.acme.pk])).status_code == 403
    assert client.get(reverse("insights:health")).status_code == 403
    api = _api(client, world.carol)
    for path in ("health", "health/history", "sentiment"):
        answer = api.get(f"/api/v1/clients/{world.acme.pk}/{path}")
        assert answer.status_code == 403, path
        assert "disappointed" not in answer.content.decode()


def test_the_health_list_is_sorted_by_risk_in_constant_queries(
    client, world, django_assert_max_num_queries
) -> None:
    overdue_decision(world)
    annoyed_message(world)
    health.store(client_ids=[world.acme.pk, world.globex.pk])
    client.force_login(world.erin)
    url = reverse("insights:health")
    with django_assert_max_num_queries(12) as first:
        page = client.get(url)
    html = page.content.decode()
    assert html.index("Acme Foods") < html.index("Globex")
    for n in range(30):
        Client.objects.create(name=f"Client {n}", account_manager=world.max)
    health.sweep()
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200
    client.force_login(world.alice)
    assert "Globex" not in client.get(url).content.decode()  # Alice's clients only


def test_the_api_gives_health_history_and_sentiment(client, world) -> None:
    overdue_decision(world)
    annoyed_message(world)
    api = _api(client, world.alice)
    live = api.get(f"/api/v1/clients/{world.acme.pk}/health").json()
    assert live["live"] is True and live["band"] in ("healthy", "watch", "at_risk")
    stored = api.post(f"/api/v1/clients/{world.acme.pk}/health/recompute").json()
    assert stored["live"] is False and stored["score"] == live["score"]
    assert [r["key"] for r in stored["reasons"]] == ["sentiment", "overdue_decisions"]
    history = api.get(f"/api/v1/clients/{world.acme.pk}/health/history?days=30").json()
    assert [point["score"] for point in history] == [stored["score"]]
    mood = api.get(f"/api/v1/clients/{world.acme.pk}/sentiment").json()
    assert mood["latest"][0]["label"] == "negative" and mood["weeks"][0]["unhappy"] == 1
    listed = api.get("/api/v1/health").json()
    assert [row["client"] for row in listed["items"]] == ["Acme Foods"]
    assert api.get("/api/v1/health?band=nonsense").status_code == 422
    assert api.get(f"/api/v1/clients/{world.acme.pk}/health/history?days=9999").status_code == 422
