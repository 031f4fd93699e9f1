"""What a guest reviewer reaches through `access`: on their one deliverable, the versions sent
to the client and their pages, the client rounds they sit on and the client comments; anything
else is not found, as for a client contact."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from accord.reviews import access
from accord.reviews.models import VersionPage
from accord.reviews.services import comments, guests

from .helpers import sent
from .review_data import banner_job, internal_round, png, upload


@pytest.fixture
def guest_world(world, settings, tmp_path):
    """Version 1 sent to Acme with Pat as a guest approver on its round; version 2 uploaded
    but not sent; another deliverable sent without Pat."""
    settings.MEDIA_ROOT = tmp_path
    deliverable = banner_job(world)
    v1, round1 = sent(world, deliverable)
    guest, _ = guests.invite_guest(
        by=world.alice, deliverable=deliverable, email="pat@partner.test", role="approver"
    )
    v2 = upload(world, deliverable)
    other_version, other_round = sent(world, banner_job(world))
    guest.deliverable.managing = False
    return {
        "guest": guest,
        "v1": v1,
        "round1": round1,
        "v2": v2,
        "internal2": internal_round(world, v2),
        "other_version": other_version,
        "other_round": other_round,
    }


def _page(version, number=1):
    page = VersionPage(version=version, number=number, width=64, height=40)
    page.image.save(f"page-{number}.png", ContentFile(png().read()), save=False)
    page.save()
    return page


def test_a_guest_gets_the_versions_sent_to_the_client_of_their_deliverable(guest_world):
    g = guest_world
    found = access.guest_version_for(g["guest"], g["v1"].pk)
    assert found == g["v1"] and found.deliverable is g["guest"].deliverable
    for hidden in g["v2"], g["other_version"]:
        with pytest.raises(Http404):
            access.guest_version_for(g["guest"], hidden.pk)
    with pytest.raises(Http404):
        access.guest_version_for(g["guest"], 999_999)


def test_a_guest_gets_the_pages_of_those_versions_once_made(guest_world):
    g = guest_world
    with pytest.raises(Http404):
        access.guest_page_for(g["guest"], g["v1"].pk, 1)
    made = _page(g["v1"])
    assert access.guest_page_for(g["guest"], g["v1"].pk, 1) == made
    _page(g["v2"])
    with pytest.raises(Http404):
        access.guest_page_for(g["guest"], g["v2"].pk, 1)


def test_a_guest_gets_only_the_client_rounds_they_sit_on(world, guest_world):
    g = guest_world
    assert access.guest_round_for(g["guest"], g["round1"].pk) == g["round1"]
    for hidden in g["internal2"], g["other_round"]:
        with pytest.raises(Http404):
            access.guest_round_for(g["guest"], hidden.pk)
    seatless, _ = guests.invite_guest(
        by=world.alice, deliverable=g["other_round"].deliverable, email="vic@partner.test"
    )
    with pytest.raises(Http404):
        access.guest_round_for(seatless, g["round1"].pk)


def test_a_guest_answers_only_client_comments_on_the_version_they_review(world, guest_world):
    g = guest_world
    said = comments.add_comment(by=world.ray, version=g["v1"], body="Love the colours")
    internal = comments.add_comment(
        by=world.alice, version=g["v1"], body="Ours to fix", managing=True
    )
    elsewhere = comments.add_comment(by=world.ray, version=g["other_version"], body="Hm")
    assert (said.audience, internal.audience) == ("client", "internal")
    v1 = access.guest_version_for(g["guest"], g["v1"].pk)
    assert access.guest_comment_for(g["guest"], said.pk, version=v1) == said
    for hidden in internal, elsewhere:
        with pytest.raises(Http404):
            access.guest_comment_for(g["guest"], hidden.pk, version=v1)


def test_the_account_manager_lists_a_deliverables_guests_newest_first(world, guest_world):
    g = guest_world
    other = g["other_round"].deliverable
    first, _ = guests.invite_guest(by=world.alice, deliverable=other, email="q@partner.test")
    later, _ = guests.invite_guest(by=world.alice, deliverable=other, email="r@partner.test")
    assert list(access.guests_of(other)) == [later, first]
    assert list(access.guests_of(g["guest"].deliverable)) == [g["guest"]]
