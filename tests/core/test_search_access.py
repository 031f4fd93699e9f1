"""Who finds what: exactly what each person may open, never more, whatever they type.

Two layers, tested apart: the scope keys each app hands out, and the apps' own access checks
on every candidate (an entry indexed with a wrong key still shows nothing it should not).
"""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core import search
from accord.core.search.index import tokens_of
from accord.core.search.models import SearchEntry
from accord.intake import services as intake
from tests.core.search_story import Story, tell

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(world: Any) -> Story:
    return tell(world)


def found(person: Any, text: str, **more: Any) -> set[tuple[str, int]]:
    return {(hit.kind, hit.object_id) for hit in search.search(person, text, **more).hits}


def brief(b: Any) -> tuple[str, int]:
    return ("brief", b.pk)


def comment(c: Any) -> tuple[str, int]:
    return ("comment", c.pk)


def test_gus_never_finds_acmes_briefs(world: Any, story: Story) -> None:
    assert found(world.gus, "zephyr") == {brief(story.globex_brief)}
    assert found(world.gus, "kestrel launch") == set()
    assert found(world.gus, "summer") == set()


def test_alice_finds_acmes_briefs_and_never_globexs(world: Any, story: Story) -> None:
    assert found(world.alice, "zephyr") == {brief(story.draft)}
    assert found(world.max, "zephyr") == {brief(story.globex_brief)}
    assert found(world.erin, "zephyr") == {brief(story.draft), brief(story.globex_brief)}


def test_carol_never_finds_an_internal_comment_even_word_for_word(world: Any, story: Story) -> None:
    assert found(world.carol, "The quokka mascot needs more contrast") == set()
    assert found(world.ray, "quokka") == set()
    assert found(world.carol, "wombat") == {comment(story.to_client)}
    assert found(world.carol, "platypus") == {comment(story.carols)}


def test_dan_finds_only_what_his_job_shows_him(world: Any, story: Story) -> None:
    assert found(world.dan, "quokka") == {comment(story.internal)}
    assert found(world.dan, "kestrel") == {brief(story.signed)}
    assert found(world.dan, "zephyr") == set()  # a draft, and Globex's
    # The client's words reach creatives as the account manager's to-dos, never as such.
    assert found(world.dan, "wombat") == set()
    assert found(world.dan, "platypus") == set()


def test_a_creative_off_the_job_finds_none_of_it(world: Any, story: Story) -> None:
    for text in ("quokka", "kestrel", "wombat", "platypus", "zephyr"):
        assert found(world.cora, text) == set()
        assert found(world.sam, text) == set()


def test_the_account_manager_reads_both_audiences(world: Any, story: Story) -> None:
    everything = {comment(story.internal), comment(story.to_client), comment(story.carols)}
    for person in (world.alice, world.erin):
        assert (
            found(person, "quokka") | found(person, "wombat") | found(person, "platypus")
            == everything
        )
    assert found(world.max, "quokka") == set()


def test_a_brief_is_found_by_creatives_only_once_signed_off(world: Any, story: Story) -> None:
    intake.cancel_brief(by=world.alice, brief=story.draft)
    assert found(world.dan, "zephyr") == set()
    assert found(world.carol, "zephyr") == {brief(story.draft)}


def test_a_wrong_scope_key_still_shows_nothing(world: Any, story: Story) -> None:
    # Acme's internal comment indexed as if it were Globex's client comment.
    SearchEntry.objects.filter(kind="comment", object_id=story.internal.pk).update(
        tokens=tokens_of("comment", [f"client:{world.globex.pk}:client"])
    )
    SearchEntry.objects.filter(kind="brief", object_id=story.draft.pk).update(
        tokens=tokens_of("brief", [f"client:{world.globex.pk}:client"])
    )
    assert found(world.gus, "quokka") == set()
    assert found(world.gus, "zephyr") == {brief(story.globex_brief)}


def test_results_are_labelled_with_their_kind_client_and_link(world: Any, story: Story) -> None:
    (hit,) = search.search(world.carol, "wombat").hits
    assert (hit.label, hit.client_name) == ("Review comment", "Acme Foods")
    assert hit.url.endswith(f"#comment-{story.to_client.pk}")
    assert "<mark>wombat</mark>" in hit.snippet


def test_a_kind_narrows_the_search(world: Any, story: Story) -> None:
    assert found(world.erin, "zephyr", kinds=["comment"]) == set()
    assert found(world.alice, "quokka", kinds=["comment"]) == {comment(story.internal)}
    assert found(world.alice, "quokka", kinds=["brief"]) == set()


@pytest.mark.parametrize("persona", ["erin", "alice", "dan", "carol"])
def test_a_search_costs_the_same_few_queries_however_much_it_finds(
    world: Any, story: Story, persona: str
) -> None:
    person = world.persona(persona)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            search.search(person, "launch")
        return len(captured)

    few = queries()
    for n in range(30):  # 30 more briefs the person may or may not see, all with the word
        intake.start_brief(
            by=world.alice, client=world.acme, template=story.draft.template, title=f"Launch {n}"
        )
    # Never more (one check fewer when a kind's older hits fall off the first page).
    assert queries() <= few
    # The person's scope keys and the checks (a few per kind: briefs, comments, messages, what
    # was agreed), the engine, the clients' names; on PostgreSQL also the statement timeout, set
    # and put back in a savepoint of the test.
    assert few <= 10 + (4 if connection.vendor == "postgresql" else 0)


def test_the_index_follows_edits_of_a_brief(world: Any, story: Story) -> None:
    intake.save_answers(
        by=world.alice, brief=story.draft, answers={"background": "Now about a heron."}
    )
    assert found(world.alice, "heron") == {brief(story.draft)}
    assert found(world.alice, "summer") == set()


def test_reindex_rebuilds_every_kind_from_the_apps(world: Any, story: Story) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    before = found(world.alice, "zephyr") | found(world.alice, "quokka")
    SearchEntry.objects.all().delete()
    assert found(world.alice, "zephyr") == set()
    out = StringIO()
    call_command("search-reindex", stdout=out)
    assert "brief: 3 written" in out.getvalue()
    assert "comment: 3 written" in out.getvalue()
    assert found(world.alice, "zephyr") | found(world.alice, "quokka") == before
    assert found(world.carol, "quokka") == set()
    call_command("search-reindex", "--kind", "brief", stdout=out)
    assert "brief: 0 written, 3 unchanged, 0 removed." in out.getvalue()
    with pytest.raises(CommandError, match="No such kind: invoices"):
        call_command("search-reindex", "--kind", "invoices")
