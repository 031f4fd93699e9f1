"""Alice and Carol fill one guided brief at the same time, each in their own browser."""

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from accord.intake import services
from accord.intake.models import Brief, BriefTemplate
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BACKGROUND = re.compile("What's the background")
OBJECTIVE = re.compile("What should this work achieve")
MEASURE = re.compile("How will we know it worked")


def _signed_in(browser: Browser, live_server: Any, email: str) -> Page:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, email)
    return page


@pytest.fixture
def alice_and_carol(browser: Browser, live_server: Any, live_world: World) -> Iterator[tuple]:
    alice = _signed_in(browser, live_server, "alice@northwind.test")
    carol = _signed_in(browser, live_server, "carol@acme.test")
    yield alice, carol
    alice.context.close()
    carol.context.close()


def _saved(page: Page) -> None:
    expect(page.locator("#autosave-status")).to_contain_text("Saved", timeout=5_000)


def _stored(brief: Brief, key: str, value: str) -> None:
    deadline = time.monotonic() + 5
    while Brief.objects.get(pk=brief.pk).answers.get(key) != value:
        assert time.monotonic() < deadline, (
            f"{key!r} is {Brief.objects.get(pk=brief.pk).answers.get(key)!r}, not {value!r}"
        )
        time.sleep(0.05)


def _draft(world: World) -> Brief:
    services.seed_templates()  # a transactional test starts from an empty database
    template = BriefTemplate.objects.get(name="Social campaign")
    return services.start_brief(
        by=world.alice, client=world.acme, template=template, title="Spring launch"
    )


def test_alice_and_carol_type_in_one_brief_and_nothing_is_lost(
    alice_and_carol: tuple[Page, Page], live_world: World
) -> None:
    alice, carol = alice_and_carol
    brief = _draft(live_world)
    for page in (alice, carol):
        page.goto(f"/intake/briefs/{brief.pk}/edit/?step=1")

    # Different fields: each keeps the other's words.
    alice.get_by_label(OBJECTIVE).fill("2,000 voucher redemptions in April.")
    _saved(alice)
    carol.get_by_label(MEASURE).fill("Redemptions counted at the till.")
    _saved(carol)
    _stored(brief, "objective", "2,000 voucher redemptions in April.")
    _stored(brief, "success_measure", "Redemptions counted at the till.")

    # The same field: Alice's words are saved first; Carol's save does not write over them,
    # and her page shows both, in place, to choose from.
    alice.get_by_label(BACKGROUND).fill("Alice: a new range in 40 stores.")
    _saved(alice)
    carol.get_by_label(BACKGROUND).fill("Carol: the plant-based range launches in April.")
    conflict = carol.get_by_role("group", name=re.compile("changed by someone else"))
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Alice: a new range in 40 stores.")
    expect(conflict).to_contain_text("Carol: the plant-based range launches in April.")
    expect(carol.locator("#autosave-status")).to_contain_text("Someone else changed")
    _stored(brief, "background", "Alice: a new range in 40 stores.")
    assert_accessible(carol, "guided brief with a conflict")
    screenshot(carol, "guided-brief-conflict")

    # Carol reads both and, by keyboard, uses hers: it is saved over Alice's, seen.
    conflict.get_by_label("Use mine").focus()
    carol.keyboard.press("Space")
    expect(conflict).to_have_count(0)
    _saved(carol)
    _stored(brief, "background", "Carol: the plant-based range launches in April.")

    # Alice, who has not seen Carol's words, types on: now she sees the conflict and keeps
    # Carol's version, which comes into her field.
    alice.get_by_label(BACKGROUND).fill("Alice: a new range in 40 stores, from April.")
    theirs = alice.get_by_role("group", name=re.compile("changed by someone else"))
    expect(theirs).to_contain_text("Carol: the plant-based range launches in April.")
    theirs.get_by_label("Keep theirs").click()
    expect(theirs).to_have_count(0)
    expect(alice.get_by_label(BACKGROUND)).to_have_value(
        "Carol: the plant-based range launches in April."
    )
    # Her next edit of the field is based on Carol's words, so it saves.
    alice.get_by_label(BACKGROUND).fill("Carol: the plant-based range launches in April. Alice.")
    _saved(alice)
    _stored(brief, "background", "Carol: the plant-based range launches in April. Alice.")
    answers = Brief.objects.get(pk=brief.pk).answers
    assert answers["objective"] == "2,000 voucher redemptions in April."
    assert answers["success_measure"] == "Redemptions counted at the till."


def test_a_step_saved_with_the_button_keeps_the_other_persons_words(
    alice_and_carol: tuple[Page, Page], live_world: World
) -> None:
    """Save and continue carries every field of the step with its base: a field the person
    did not touch is not written over what someone else saved meanwhile."""
    alice, carol = alice_and_carol
    brief = _draft(live_world)
    carol.goto(f"/intake/briefs/{brief.pk}/edit/?step=1")
    alice.goto(f"/intake/briefs/{brief.pk}/edit/?step=1")
    alice.get_by_label(OBJECTIVE).fill("Alice's objective.")
    _saved(alice)
    # Carol never touched the objective: sending her step leaves Alice's words in place.
    carol.get_by_label(MEASURE).fill("Carol's measure.")
    carol.get_by_role("button", name="Save and continue").click()
    expect(carol.get_by_text(re.compile("Step 2 of"))).to_be_visible()
    _stored(brief, "objective", "Alice's objective.")
    _stored(brief, "success_measure", "Carol's measure.")


CONFLICT = re.compile("changed by someone else")


def _step_of(brief: Brief, section: str) -> int:
    return 1 + list(dict.fromkeys(q.get("section") for q in brief.questions)).index(section)


def _stored_as(brief: Brief, key: str) -> str:
    fresh = Brief.objects.get(pk=brief.pk)
    return fresh.title if key == "title" else fresh.answers.get(key, "")


@pytest.mark.parametrize(
    "case",
    [
        (
            "The why",
            OBJECTIVE,
            "objective",
            "Alice's objective.\n",
            "Alice's objective.",
            MEASURE,
        ),
        (
            "Practicalities",
            re.compile("What's the budget"),
            "budget",
            "12k",
            "£12,000",
            re.compile("Anything that must"),
        ),
        (
            "The why",
            re.compile("Title of the brief"),
            "title",
            "  Spring   launch, again ",
            "Spring launch, again",
            MEASURE,
        ),
    ],
    ids=["text", "budget", "title"],
)
def test_words_cleaned_on_saving_never_go_back_over_someone_elses_change(
    alice_and_carol: tuple[Page, Page], live_world: World, case: tuple
) -> None:
    """What Alice typed is stored cleaned (trimmed, an amount as a number, the title on one
    line); Carol then changes it. Alice typing in another field keeps Carol's words."""
    section, label, key, typed, stored, elsewhere = case
    alice, carol = alice_and_carol
    brief = _draft(live_world)
    step = f"/intake/briefs/{brief.pk}/edit/?step={_step_of(brief, section)}"
    alice.goto(step)
    alice.get_by_label(label).fill(typed)
    _saved(alice)
    assert _stored_as(brief, key) == stored
    carol.goto(step)
    carol.get_by_label(label).fill("5000" if key == "budget" else "Carol's words.")
    _saved(carol)
    theirs = _stored_as(brief, key)
    assert theirs != stored
    alice.get_by_label(elsewhere).fill("One.")
    _saved(alice)
    alice.get_by_label(elsewhere).fill("Two.")
    expect(alice.locator("#autosave-status")).to_contain_text("Saving")
    _saved(alice)
    assert _stored_as(brief, key) == theirs


def test_a_field_settled_once_shows_its_next_conflict_too(
    alice_and_carol: tuple[Page, Page], live_world: World
) -> None:
    """Alice keeps Carol's words and edits on; Carol, not having seen that, goes back to her
    own. When Alice types again she sees the new conflict, and nothing is saved unseen."""
    alice, carol = alice_and_carol
    brief = _draft(live_world)
    for page in (alice, carol):
        page.goto(f"/intake/briefs/{brief.pk}/edit/?step=1")
    carol.get_by_label(BACKGROUND).fill("T.")
    _saved(carol)
    _stored(brief, "background", "T.")
    alice.get_by_label(BACKGROUND).fill("A.")
    box = alice.get_by_role("group", name=CONFLICT)
    expect(box).to_be_visible()
    box.get_by_label("Keep theirs").click()
    expect(box).to_have_count(0)
    expect(alice.locator("#autosave-status")).to_have_text(
        "Kept their version of “What's the background?”."
    )
    alice.get_by_label(BACKGROUND).fill("T. plus Alice.")
    _saved(alice)
    _stored(brief, "background", "T. plus Alice.")

    # Carol goes back to her own words: the very text Alice once kept.
    carol.get_by_label(BACKGROUND).fill("T. x")
    theirs = carol.get_by_role("group", name=CONFLICT)
    expect(theirs).to_be_visible()
    carol.get_by_label(BACKGROUND).fill("T.")
    theirs.get_by_label("Use mine").click()
    _saved(carol)
    _stored(brief, "background", "T.")

    alice.get_by_label(BACKGROUND).fill("T. plus Alice, more.")
    again = alice.get_by_role("group", name=CONFLICT)
    expect(again).to_be_visible()
    expect(alice.locator("#autosave-status")).to_contain_text("Someone else changed")
    _stored(brief, "background", "T.")
    again.get_by_label("Use mine").click()
    _saved(alice)
    _stored(brief, "background", "T. plus Alice, more.")


def test_a_date_or_approver_the_page_cannot_show_is_left_as_stored(
    alice_and_carol: tuple[Page, Page], live_world: World
) -> None:
    """A stored deadline the date box cannot show, and an approver no longer offered, read
    empty on the page: saving the step without touching them leaves them as stored."""
    alice, _ = alice_and_carol
    brief = _draft(live_world)
    stored = {"deadline": "20270331", "approver": "999999"}
    Brief.objects.filter(pk=brief.pk).update(answers={**brief.answers, **stored})
    sections = list(dict.fromkeys(q.get("section") for q in brief.questions))
    step = 1 + sections.index("Practicalities")
    alice.goto(f"/intake/briefs/{brief.pk}/edit/?step={step}")
    alice.get_by_label(re.compile("What's the budget")).fill("15k")
    _saved(alice)
    _stored(brief, "budget", "£15,000")
    alice.get_by_role("button", name="Save and continue").click()
    expect(alice.locator("#autosave-status")).to_have_count(0)
    answers = Brief.objects.get(pk=brief.pk).answers
    assert (answers["deadline"], answers["approver"]) == ("20270331", "999999")


def test_leaving_with_a_conflict_not_settled_asks_first(
    alice_and_carol: tuple[Page, Page], live_world: World
) -> None:
    """Closing the page while a conflict is open would drop "yours": the browser asks."""
    alice, carol = alice_and_carol
    brief = _draft(live_world)
    for page in (alice, carol):
        page.goto(f"/intake/briefs/{brief.pk}/edit/?step=1")
    carol.get_by_label(BACKGROUND).fill("Carol's.")
    _saved(carol)
    alice.get_by_label(BACKGROUND).fill("Alice's.")
    expect(alice.get_by_role("group", name=CONFLICT)).to_be_visible()
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    alice.on("dialog", answer)
    alice.close(run_before_unload=True)
    deadline = time.monotonic() + 5
    while not asked and time.monotonic() < deadline:
        carol.wait_for_timeout(50)
    assert asked == ["beforeunload"]
    expect(alice.get_by_label(BACKGROUND)).to_have_value("Alice's.")  # still there to choose
