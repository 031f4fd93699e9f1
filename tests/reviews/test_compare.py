"""Comparing two versions of a deliverable, on the page and through the API: who compares what,
the word diff of copy (escaped), pictures side by side, overlaid or blended, PDF pages picked,
and a query count that does not grow with the versions."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.accounts.services import create_api_token
from accord.reviews.models import Version
from accord.reviews.services import previews, versions
from accord.work.models import Deliverable

from .helpers import approved_internally, sent
from .review_data import banner_job, client_round, pdf, png, upload

API = "/api/v1"


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def banner(world: Any, media: None) -> Deliverable:
    return banner_job(world)


def _add_copy(world: Any, deliverable: Deliverable, text: str) -> Version:
    return versions.add_version(by=world.dan, deliverable=deliverable, copy_text=text)


def _previewed(version: Version) -> Version:
    previews.make(version.pk)
    return Version.objects.get(pk=version.pk)


def _compare(deliverable: Deliverable, **query: Any) -> str:
    url = reverse("reviews:compare", args=[deliverable.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _as(client: Client, person: Any) -> Client:
    client.force_login(person)
    return client


def _api(world: Any, name: str) -> dict[str, str]:
    _, token = create_api_token(user=world.persona(name), name="tests")
    return {"Authorization": f"Bearer {token}"}


# --- The page ---------------------------------------------------------------------------------


def test_copy_is_compared_word_by_word_the_latest_against_the_one_before(client, world, banner):
    _add_copy(world, banner, "Fresh bread daily.")
    _add_copy(world, banner, "Fresh bread & cakes daily.")
    _add_copy(world, banner, "Warm bread & <cakes> daily.")
    page = _as(client, world.alice).get(_compare(banner))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Version 2 and version 3" in html
    assert "<del>Fresh </del><ins>Warm </ins>bread &amp; " in html
    assert "<del>cakes </del><ins>&lt;cakes&gt; </ins>daily." in html
    assert "<cakes>" not in html


def test_any_two_versions_are_compared_as_asked(client, world, banner):
    v1 = _add_copy(world, banner, "One two three.")
    _add_copy(world, banner, "One two four.")
    v3 = _add_copy(world, banner, "One five three.")
    html = _as(client, world.dan).get(_compare(banner, a=v1.pk, b=v3.pk)).content.decode()
    assert "Version 1 and version 3" in html
    assert "<del>two </del><ins>five </ins>" in html


def test_one_version_has_nothing_to_compare_with(client, world, banner):
    _add_copy(world, banner, "Fresh bread daily.")
    html = _as(client, world.alice).get(_compare(banner)).content.decode()
    assert "Nothing to compare yet" in html


def test_contacts_compare_only_versions_sent_to_them(client, world, banner):
    v1, _ = sent(world, banner)
    v2, _ = sent(world, banner)
    v3 = upload(world, banner)  # not sent
    carol = _as(client, world.carol)
    page = carol.get(_compare(banner))
    assert page.status_code == 200
    assert page.context["compared"].a.version == v1
    assert page.context["compared"].b.version == v2
    assert f'value="{v3.pk}"' not in page.content.decode()
    assert carol.get(_compare(banner, b=v3.pk)).status_code == 404
    assert carol.get(_compare(banner, a=v3.pk, b=v2.pk)).status_code == 404


def test_a_version_of_another_deliverable_is_not_found(client, world, banner):
    upload(world, banner)
    mine = upload(world, banner)
    other = Deliverable.objects.create(job=banner.job, title="Poster")
    theirs = upload(world, other)
    alice = _as(client, world.alice)
    assert alice.get(_compare(banner, a=theirs.pk, b=mine.pk)).status_code == 404
    assert alice.get(_compare(banner, a=mine.pk, b=999_999)).status_code == 404


def test_nobody_off_the_job_compares(client, world, banner):
    upload(world, banner)
    upload(world, banner)
    for name in ("max", "sam", "gus", "carol"):  # Carol: nothing was sent to Acme yet
        page = _as(Client(), world.persona(name)).get(_compare(banner))
        assert (name, page.status_code) in {
            ("max", 404),
            ("sam", 404),
            ("gus", 404),
            ("carol", 200),
        }
    assert client.get(_compare(banner)).status_code == 302  # to sign in


def test_odd_parameters_fall_back_to_the_defaults(client, world, banner):
    upload(world, banner)
    upload(world, banner)
    page = _as(client, world.alice).get(
        _compare(banner, a="x", b="1e9", page="-3", mode="<script>")
    )
    assert page.status_code == 200
    assert page.context["compared"].mode == "side"
    assert page.context["compared"].page == 1


def test_images_side_by_side_with_one_zoom_for_both(client, world, banner):
    v1 = _previewed(upload(world, banner, png(size=(64, 40))))
    v2 = _previewed(upload(world, banner, png(size=(64, 40), colour="blue")))
    html = _as(client, world.alice).get(_compare(banner)).content.decode()
    for version in (v1, v2):
        assert reverse("reviews:page_image", args=[version.pk, 1]) in html
    assert html.count("data-compare-pane") == 2
    assert "data-compare-zoom" in html
    assert "compare.js" in html
    assert "<script>" not in html and 'style="' not in html  # the CSP allows neither


def test_the_overlay_puts_the_newer_on_top_and_difference_blends_it(client, world, banner):
    v1 = _previewed(upload(world, banner))
    v2 = _previewed(upload(world, banner, png(colour="blue")))
    alice = _as(client, world.alice)
    html = alice.get(_compare(banner, a=v2.pk, b=v1.pk, mode="overlay")).content.decode()
    top = reverse("reviews:page_image", args=[v2.pk, 1])
    assert f'class="compare-stack__top" src="{top}"' in html
    assert "data-opacity" in html
    html = alice.get(_compare(banner, mode="difference")).content.decode()
    assert "compare-stack--difference" in html
    assert "data-opacity" not in html


def test_pdf_pages_are_picked_and_those_of_the_longer_flagged(client, world, banner):
    v1 = _previewed(upload(world, banner, pdf(pages=2)))
    v2 = _previewed(upload(world, banner, pdf(pages=3)))
    alice = _as(client, world.alice)
    page = alice.get(_compare(banner, page=3))
    html = page.content.decode()
    assert "Page 3 (only in version 2)" in html
    assert "Page 2 (only" not in html
    assert reverse("reviews:page_image", args=[v2.pk, 3]) in html
    assert "Version 1 has no page 3: it has 2 pages." in html
    assert reverse("reviews:page_image", args=[v1.pk, 2]) not in html


def test_different_kinds_are_said_to_differ_and_shown_side_by_side(client, world, banner):
    upload(world, banner)
    _add_copy(world, banner, "Fresh bread daily.")
    html = _as(client, world.alice).get(_compare(banner)).content.decode()
    assert "Version 1 is image and version 2 is copy" in html
    assert "Fresh bread daily." in html
    assert html.count('class="compare-pane card"') == 2


def test_videos_and_links_are_side_by_side(client, world, banner):
    for url in ("https://acme.test/one", "https://acme.test/two"):
        versions.add_version(by=world.dan, deliverable=banner, link_url=url)
    html = _as(client, world.alice).get(_compare(banner)).content.decode()
    assert "https://acme.test/one" in html and "https://acme.test/two" in html
    assert "different kinds" not in html


def test_the_review_page_links_to_compare_once_there_are_two_versions(client, world, banner):
    alice = _as(client, world.alice)
    link = _compare(banner)
    upload(world, banner)
    assert link not in alice.get(reverse("reviews:deliverable", args=[banner.pk])).content.decode()
    upload(world, banner)
    assert link in alice.get(reverse("reviews:deliverable", args=[banner.pk])).content.decode()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_page_costs_the_same_queries_whatever_the_versions(client, world, banner):
    alice = _as(client, world.alice)
    for _ in range(2):
        _previewed(upload(world, banner, pdf(pages=2)))
    few = _queries(alice, _compare(banner))
    for _ in range(6):
        _previewed(upload(world, banner, pdf(pages=3)))
    assert _queries(alice, _compare(banner)) == few
    assert few <= 12


# --- The API ----------------------------------------------------------------------------------


def test_the_api_gives_both_versions_and_the_word_diff(client, world, banner):
    v1 = _add_copy(world, banner, "Fresh bread daily.")
    v2 = _add_copy(world, banner, "Warm bread daily.")
    answer = client.get(f"{API}/deliverables/{banner.pk}/compare", headers=_api(world, "alice"))
    assert answer.status_code == 200
    body = answer.json()
    assert (body["a"]["id"], body["b"]["id"]) == (v1.pk, v2.pk)
    assert body["a"]["uploaded_by"]["name"] == world.dan.name
    assert body["kinds_differ"] is False
    assert body["diff"] == [
        {"op": "delete", "text": "Fresh "},
        {"op": "insert", "text": "Warm "},
        {"op": "equal", "text": "bread daily."},
    ]


def test_the_api_gives_page_counts_and_no_diff_for_pictures(client, world, banner):
    v1 = _previewed(upload(world, banner, pdf(pages=2)))
    v2 = _previewed(upload(world, banner))
    answer = client.get(
        f"{API}/deliverables/{banner.pk}/compare?a={v1.pk}&b={v2.pk}", headers=_api(world, "dan")
    )
    body = answer.json()
    assert (body["a"]["page_count"], body["b"]["page_count"]) == (2, 1)
    assert body["diff"] is None
    assert body["kinds_differ"] is False


def test_the_api_shows_contacts_only_what_was_sent_without_the_agencys_words(client, world, banner):
    v1, _ = sent(world, banner)
    v2 = upload(world, banner, note="Logo bigger, as Ray asked")
    approved_internally(world, v2)
    client_round(world, v2, confirm=True)
    v3 = upload(world, banner)
    carol = _api(world, "carol")
    body = client.get(f"{API}/deliverables/{banner.pk}/compare", headers=carol).json()
    assert (body["a"]["id"], body["b"]["id"]) == (v1.pk, v2.pk)
    assert "note" not in body["b"] and "uploaded_by" not in body["b"]
    path = f"{API}/deliverables/{banner.pk}/compare?b={v3.pk}"
    assert client.get(path, headers=carol).status_code == 404


def test_the_api_refuses_what_it_cannot_compare(client, world, banner):
    only = upload(world, banner)
    alice = _api(world, "alice")
    base = f"{API}/deliverables/{banner.pk}/compare"
    assert client.get(base, headers=alice).status_code == 404  # one version: nothing before it
    upload(world, banner)
    other = upload(world, Deliverable.objects.create(job=banner.job, title="Poster"))
    assert client.get(f"{base}?a={other.pk}", headers=alice).status_code == 404
    assert client.get(f"{base}?a=0", headers=alice).status_code == 422
    assert client.get(f"{base}?a=x", headers=alice).status_code == 422
    assert client.get(f"{base}?a={only.pk}", headers=_api(world, "max")).status_code == 404
    assert client.get(base).status_code == 401


def test_the_api_costs_the_same_queries_whatever_the_versions(client, world, banner):
    alice = _api(world, "alice")
    url = f"{API}/deliverables/{banner.pk}/compare"
    for text in ("One.", "Two."):
        _add_copy(world, banner, text)
    client.get(url, headers=alice)  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as few:
        client.get(url, headers=alice)
    for n in range(8):
        _add_copy(world, banner, f"Version {n}.")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, headers=alice).status_code == 200
    assert len(many) == len(few)
