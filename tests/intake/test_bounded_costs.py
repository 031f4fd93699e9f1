"""Hostile input to intake costs a bounded amount: word diffs of maximal answers."""

import re

from accord.intake import rules, services
from accord.intake.models import Brief, BriefVersion
from accord.intake.services.briefs import MAX_ANSWER
from tests.intake.view_helpers import submitted_brief, url


def _maximal(seed: int) -> str:
    """The most words an answer may hold: 5,000 one-letter words in under 10,000 characters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join(letters[(i * i * seed + i) % 26] for i in range(5000))


def _with_two_maximal_versions(world) -> Brief:
    brief = submitted_brief(world)
    for base, seed in ((1, 3), (2, 5)):
        services.save_answers(
            by=world.alice, brief=brief, answers={"background": _maximal(seed)}, base_version=base
        )
    return Brief.objects.get(pk=brief.pk)


def test_maximal_answers_are_accepted_and_fit_the_limit():
    assert len(_maximal(3).split()) == 5000
    assert len(_maximal(3)) < MAX_ANSWER


def test_a_new_version_stores_its_diff_against_the_previous_one(world):
    brief = _with_two_maximal_versions(world)
    first, second, third = BriefVersion.objects.filter(brief=brief).order_by("number")
    assert first.changes is None
    assert [c["key"] for c in second.changes] == ["background"]
    expected = rules.diff_words(second.answers["background"], third.answers["background"])
    assert expected.replaced  # two unrelated 5,000-word answers: past the budget
    assert third.changes == [
        {"key": "background", "label": "What's the background?", "html": expected.html}
    ]


def test_the_versions_page_shows_the_stored_diff_rather_than_working_it_out(client, world):
    brief = _with_two_maximal_versions(world)
    third = brief.versions.get(number=3)
    third.changes = [{**third.changes[0], "html": "<ins>as stored</ins>"}]
    third.save(update_fields=["changes"])
    client.force_login(world.carol)
    page = client.get(url("brief_versions", brief_id=brief.pk), {"a": 2, "b": 3}).text
    assert "<ins>as stored</ins>" in page
    api = client.get(f"/api/v1/briefs/{brief.pk}/compare", {"a": 2, "b": 3}).json()
    assert api["changes"][0]["html"] == "<ins>as stored</ins>"
    assert api["changes"][0]["old"] == brief.versions.get(number=2).answers["background"]


def test_any_two_versions_compare_at_a_bounded_cost(client, world):
    brief = _with_two_maximal_versions(world)
    client.force_login(world.carol)
    response = client.get(url("brief_versions", brief_id=brief.pk), {"a": 1, "b": 3})
    assert response.status_code == 200
    # Version 1's short background and the maximal one share nothing: shown as replaced.
    assert re.search(r"<del>Spring launch[^<]*</del><ins>[a-z ]{9000,}</ins>", response.text)
    newest_first = client.get(url("brief_versions", brief_id=brief.pk), {"a": 3, "b": 1})
    assert newest_first.status_code == 200
