"""Conflicting feedback on the pages: at the top of the review page and above the to-dos for
the account manager, a client's list and a conflict's page, settling it — and nobody else ever
sees any of it."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accord.insights.models import FeedbackConflict
from accord.insights.services import conflicts as services

from .conflicts_data import say, sent_banner


@pytest.fixture
def sent(world: Any, settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    version, _ = sent_banner(world)
    return version


@pytest.fixture
def conflict(world: Any, sent: Any) -> FeedbackConflict:
    say(world.ray, sent, "Can the logo be bigger?")
    say(world.carol, sent, "The logo is too big, smaller please")
    return FeedbackConflict.objects.get()


def _as(client: Client, person: Any) -> Client:
    client.force_login(person)
    return client


def _review_page(deliverable_id: int) -> str:
    return reverse("reviews:deliverable", args=[deliverable_id])


SUMMARY = "Ray asks for a bigger logo; Carol for a smaller one."


def test_alice_sees_both_sides_at_the_top_of_the_review_page(client, world, conflict):
    page = _as(client, world.alice).get(_review_page(conflict.deliverable_id)).content.decode()
    assert SUMMARY in page
    panel = page.index('id="conflicts"')
    assert panel < page.index('id="version-heading"')  # above the work and its comments
    assert "Can the logo be bigger?" in page[panel:] and "smaller please" in page[panel:]
    assert reverse("insights:conflict_settle", args=[conflict.pk]) in page
    todos = page[page.index('id="todos"') :]
    assert "not settled yet: settle it with the client before writing to-dos" in todos


@pytest.mark.parametrize("persona", ["dan", "carol", "ray"])
def test_the_team_and_the_client_never_see_it(client, world, conflict, persona):
    page = _as(client, getattr(world, persona)).get(_review_page(conflict.deliverable_id))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="conflicts"' not in text and SUMMARY not in text and "not settled" not in text


def test_settling_on_the_review_page_goes_on_to_the_to_dos(client, world, conflict):
    answer = _as(client, world.alice).post(
        reverse("insights:conflict_settle", args=[conflict.pk]),
        {"resolution": "Carol decides: logo as is.", "revision": 1, "back": "deliverable"},
    )
    assert answer.status_code == 302
    assert answer["Location"].endswith(f"?version={conflict.version_id}#todos")
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution) == ("settled", "Carol decides: logo as is.")
    page = client.get(_review_page(conflict.deliverable_id)).content.decode()
    assert 'id="conflicts"' not in page and "not settled yet" not in page


def test_settling_without_saying_what_was_agreed_is_refused_on_the_field(client, world, conflict):
    url = reverse("insights:conflict_settle", args=[conflict.pk])
    answer = _as(client, world.alice).post(url, {"resolution": "   ", "revision": 1})
    assert answer.status_code == 422
    assert answer.context["form"].errors["resolution"] == ["Say what was agreed with the client."]
    huge = client.post(url, {"resolution": "x" * 2_001, "revision": 1})
    assert huge.status_code == 422
    assert "under 2,000 characters" in huge.context["form"].errors["resolution"][0]
    conflict.refresh_from_db()
    assert conflict.status == "open"


def test_a_settling_meanwhile_shows_what_was_agreed(client, world, conflict):
    services.settle(by=world.erin, conflict=conflict, resolution="Logo as is.", revision=1)
    answer = _as(client, world.alice).post(
        reverse("insights:conflict_settle", args=[conflict.pk]),
        {"resolution": "Bigger.", "revision": 1},
    )
    assert answer.status_code == 409
    text = answer.content.decode()
    assert "settled this already" in text and "Logo as is." in text
    assert "Please correct the highlighted fields" not in text  # none is: it was not theirs
    assert "stays to settle" not in text
    assert answer.context["form"]["resolution"].value() == "Bigger."


def test_the_conflict_page_quotes_both_and_says_a_resolved_comment_settles_nothing(
    client, world, conflict
):
    from accord.reviews.services import comments

    comments.resolve_comment(by=world.alice, comment=conflict.first_comment, resolved=True)
    page = _as(client, world.alice).get(reverse("insights:conflict", args=[conflict.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert SUMMARY in text and "Can the logo be bigger?" in text and "resolved since" in text
    assert "does not settle this" in text
    assert page.context["form"]["revision"].value() == 1


@pytest.mark.parametrize("persona", ["dan", "cora", "max", "carol", "ray", "gus"])
def test_only_who_runs_the_client_opens_its_conflicts(client, world, conflict, persona):
    _as(client, getattr(world, persona))
    for url in (
        reverse("insights:conflicts", args=[world.acme.pk]),
        reverse("insights:conflict", args=[conflict.pk]),
    ):
        assert client.get(url).status_code == 404
    answer = client.post(
        reverse("insights:conflict_settle", args=[conflict.pk]), {"resolution": "x", "revision": 1}
    )
    assert answer.status_code == 404


def test_the_lists_show_the_open_ones_first(client, world, conflict):
    services.settle(by=world.alice, conflict=conflict, resolution="As is.", revision=1)
    say(world.ray, conflict.version, "Warmer colours please")
    say(world.carol, conflict.version, "Cooler colours")
    _as(client, world.alice)
    for url in (
        reverse("insights:conflicts", args=[world.acme.pk]),
        reverse("insights:my_conflicts"),
    ):
        rows = client.get(url).context["rows"]
        assert [r["status"] for r in rows] == ["open", "settled"]
    settled = client.get(reverse("insights:my_conflicts") + "?status=settled").context["rows"]
    assert [r["summary"] for r in settled] == [SUMMARY]
    assert client.get(reverse("insights:my_conflicts")).status_code == 200


def test_the_desk_is_for_account_managers_and_admins(client, world):
    for persona, status in (("max", 200), ("erin", 200), ("dan", 404), ("carol", 404)):
        assert (
            _as(client, getattr(world, persona)).get(reverse("insights:my_conflicts")).status_code
            == status
        )


def _conflicts(world: Any, version: Any, spots: range) -> None:
    """A bigger and a smaller at each spot (spots 0.1 apart: each pair is one conflict)."""
    for i in spots:
        pin = {"anchor": "point", "x": (i % 10) / 10, "y": (i // 10) / 10}
        say(world.ray, version, f"Spot {i}: bigger please", anchor=pin)
        say(world.carol, version, f"Spot {i}: smaller", anchor=pin)


def test_the_pages_read_as_many_rows_whatever_the_conflicts(
    client, world, sent, django_assert_max_num_queries
):
    _as(client, world.alice)
    urls = [
        reverse("insights:conflicts", args=[world.acme.pk]),
        reverse("insights:my_conflicts"),
        _review_page(sent.deliverable_id),
    ]
    _conflicts(world, sent, range(1))
    counts = []
    for url in urls:
        with django_assert_max_num_queries(60) as seen:
            assert client.get(url).status_code == 200
        counts.append(len(seen.captured_queries))
    _conflicts(world, sent, range(1, 31))
    assert FeedbackConflict.objects.count() == 31
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)


def test_alices_today_lists_it_until_settled(world, conflict):
    from accord.home import today

    items = [i for i in today.of(world.alice).items if i.kind == "conflict"]
    assert [(i.title, i.client, i.action) for i in items] == [
        (f"Hero banner: {SUMMARY}", "Acme Foods", "Settle")
    ]
    assert items[0].url.endswith(f"?version={conflict.version_id}#conflicts")
    (section,) = [s for s in today.of(world.alice).sections if "client feedback" in s["label"]]
    assert (section["count"], section["label"]) == (1, "conflict in client feedback")
    assert section["url"] == reverse("insights:my_conflicts") + "?status=open"
    for other in (world.max, world.dan, world.carol):
        assert not [i for i in today.of(other).items if i.kind == "conflict"]
    services.settle(by=world.alice, conflict=conflict, resolution="As is.", revision=1)
    assert not [i for i in today.of(world.alice).items if i.kind == "conflict"]


def test_a_newer_version_leaves_the_older_ones_conflicts_to_their_version(client, world, conflict):
    from accord.home import today
    from tests.reviews.review_data import upload

    newer = upload(world, conflict.deliverable)
    _as(client, world.alice)
    page = client.get(_review_page(conflict.deliverable_id)).content.decode()
    assert 'id="conflicts"' not in page and "not settled yet" not in page
    older = client.get(f"{_review_page(conflict.deliverable_id)}?version={conflict.version_id}")
    assert SUMMARY in older.content.decode()
    at_newer = client.get(f"{_review_page(conflict.deliverable_id)}?version={newer.pk}")
    assert SUMMARY not in at_newer.content.decode()
    assert not [i for i in today.of(world.alice).items if i.kind == "conflict"]
    assert not [s for s in today.of(world.alice).sections if "client feedback" in s["label"]]
    rows = client.get(reverse("insights:conflicts", args=[world.acme.pk])).context["rows"]
    assert [(r["summary"], r["version__number"], r["status"]) for r in rows] == [
        (SUMMARY, 1, "open")
    ]


def test_an_account_manager_on_the_team_who_does_not_run_the_client_opens_none(
    client, world, conflict
):
    from accord.clients.services import add_team_member

    add_team_member(by=world.erin, client=world.acme, user=world.max)
    _as(client, world.max)
    for url in (
        reverse("insights:conflicts", args=[world.acme.pk]),
        reverse("insights:conflict", args=[conflict.pk]),
    ):
        assert client.get(url).status_code == 404
    page = client.get(_review_page(conflict.deliverable_id))
    assert page.status_code == 200 and 'id="conflicts"' not in page.content.decode()


def test_every_link_to_settle_it_is_the_review_page_at_its_version(client, world, conflict):
    from accord.core.models import Notification
    from accord.home import today
    from accord.insights import queries_conflicts

    at_version = f"{_review_page(conflict.deliverable_id)}?version={conflict.version_id}"
    url = queries_conflicts.review_url(conflict.deliverable_id, conflict.version_id)
    assert url == f"{at_version}#conflicts"
    assert Notification.objects.get(kind="insights.conflict").url == url
    (item,) = [i for i in today.of(world.alice).items if i.kind == "conflict"]
    assert item.url == url
    _as(client, world.alice)
    assert client.get(reverse("insights:conflict", args=[conflict.pk])).context["review_url"] == url
    (row,) = client.get(reverse("insights:conflicts", args=[world.acme.pk])).context["rows"]
    assert row["review_url"] == at_version
    sides = client.get(reverse("insights:conflict", args=[conflict.pk])).context["sides"]
    assert [s.url for s in sides] == [
        f"{at_version}#comment-{conflict.first_comment_id}",
        f"{at_version}#comment-{conflict.second_comment_id}",
    ]
