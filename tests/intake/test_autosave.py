"""Autosaves arrive out of order; the newest from a page wins."""

import re

import pytest

from accord.intake import services
from accord.intake.models import Brief
from accord.intake.services.briefs import Autosave
from tests.intake.view_helpers import draft_brief, url

HTMX = {"HX-Request": "true"}


def _save(world, brief, text, autosave):
    return services.save_answers(
        by=world.carol,
        brief=brief,
        answers={"background": text},
        only_draft=True,
        autosave=autosave,
    )


def test_an_older_autosave_from_the_same_page_is_ignored(world):
    brief = draft_brief(world)
    _save(world, brief, "Newer words.", Autosave("page-one-aa", 2))
    _save(world, brief, "Older words.", Autosave("page-one-aa", 1))
    _save(world, brief, "Older words.", Autosave("page-one-aa", 2))  # the same one, twice
    brief.refresh_from_db()
    assert brief.answers["background"] == "Newer words."
    assert brief.autosave_mark == "page-one-aa:2"


def test_autosaves_of_another_page_and_plain_saves_apply_in_turn(world):
    brief = draft_brief(world)
    _save(world, brief, "From the first tab.", Autosave("page-one-aa", 9))
    _save(world, brief, "From another tab.", Autosave("page-two-bb", 1))
    assert Brief.objects.get(pk=brief.pk).answers["background"] == "From another tab."
    _save(world, brief, "Saved with the button.", None)
    assert Brief.objects.get(pk=brief.pk).answers["background"] == "Saved with the button."


@pytest.mark.parametrize(
    ("newest_applied", "ignored"),
    [
        ("", False),  # none applied yet
        ("page-one-aa:2", False),
        ("page-one-aa:3", True),  # the same one again
        ("page-one-aa:4", True),
        ("page-two-bb:9", False),  # another page's numbers say nothing about this one
    ],
)
def test_which_autosave_is_older(newest_applied, ignored):
    assert Autosave("page-one-aa", 3).is_older_than(newest_applied) is ignored


def test_the_editing_page_names_itself_for_its_autosaves(client, world):
    brief = draft_brief(world)
    client.force_login(world.carol)
    pages = set()
    for _ in range(2):
        page = client.get(url("brief_edit", brief_id=brief.pk)).text
        found = re.search(r'<input type="hidden" name="autosave_page" value="([\w-]+)">', page)
        assert found
        pages.add(found.group(1))
    assert len(pages) == 2, "each load of the page is its own sequence"


def test_a_late_autosave_over_http_does_not_overwrite_newer_answers(client, world):
    brief = draft_brief(world)
    client.force_login(world.carol)
    autosave = url("brief_autosave", brief_id=brief.pk)
    page = {"autosave_page": "Zq3-page_01"}
    newer = client.post(autosave, {**page, "autosave_seq": "2", "q_background": "v2"}, headers=HTMX)
    older = client.post(autosave, {**page, "autosave_seq": "1", "q_background": "v1"}, headers=HTMX)
    assert newer.status_code == older.status_code == 200
    assert "Saved" in older.text  # nothing to tell the person: their newer words are stored
    assert Brief.objects.get(pk=brief.pk).answers["background"] == "v2"


@pytest.mark.parametrize(
    "marks",
    [
        {"autosave_page": "short", "autosave_seq": "1"},
        {"autosave_page": "<script>x</script>", "autosave_seq": "1"},
        {"autosave_page": "Zq3-page_01", "autosave_seq": "-1"},
        {"autosave_page": "Zq3-page_01", "autosave_seq": "lots"},
        {},
    ],
)
def test_an_autosave_without_a_sound_mark_still_saves(client, world, marks):
    brief = draft_brief(world)
    client.force_login(world.carol)
    response = client.post(
        url("brief_autosave", brief_id=brief.pk),
        {**marks, "q_background": "Still saved."},
        headers=HTMX,
    )
    assert response.status_code == 200
    brief.refresh_from_db()
    assert brief.answers["background"] == "Still saved."
    assert brief.autosave_mark == ""
