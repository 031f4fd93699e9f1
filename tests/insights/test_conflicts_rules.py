"""What a reviewer's comment asks to change, read by the pure rules, and when two asks pull the
same thing two ways."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.insights import conflicts as rules
from accord.insights.conflicts import Ask, Place, Remark

# (comment, medium, [(element, axis, direction, negated)])
ASKS = [
    ("Make the logo bigger please", "visual", [("logo", "size", 1, False)]),
    ("Can the logo be larger?", "visual", [("logo", "size", 1, False)]),
    ("Enlarge the logo", "visual", [("logo", "size", 1, False)]),
    ("Scale the logo up a bit", "visual", [("logo", "size", 1, False)]),
    ("The logo should be more prominent", "visual", [("logo", "size", 1, False)]),
    ("Make the CTA pop", "visual", [("CTA", "size", 1, False)]),
    ("The call to action gets lost", "visual", [("CTA", "size", 1, False)]),
    ("Logo feels tiny", "visual", [("logo", "size", 1, False)]),
    ("The logo isn't big enough", "visual", [("logo", "size", 1, False)]),
    ("The button is hard to see", "visual", [("button", "size", 1, False)]),
    ("Shrink the logo", "visual", [("logo", "size", -1, False)]),
    ("The logo is too big", "visual", [("logo", "size", -1, False)]),
    ("Logo's huge", "visual", [("logo", "size", -1, False)]),
    ("Please scale the logo down", "visual", [("logo", "size", -1, False)]),
    ("Make the logo less prominent", "visual", [("logo", "size", -1, False)]),
    ("Tone down the logo", "visual", [("logo", "size", -1, False)]),
    ("Reduce the logo", "visual", [("logo", "size", -1, False)]),
    ("Increase the font size", "visual", [("type", "size", 1, False)]),
    ("Warmer colours please", "visual", [("colours", "warmth", 1, False)]),
    ("The colors feel a bit cold", "visual", [("colours", "warmth", 1, False)]),
    ("Cooler background", "visual", [("background", "warmth", -1, False)]),
    ("The photo is too dark", "visual", [("photo", "brightness", 1, False)]),
    ("Brighten up the picture", "visual", [("photo", "brightness", 1, False)]),
    ("Make the background moodier", "visual", [("background", "brightness", -1, False)]),
    ("Less text in the second paragraph", "copy", [("second paragraph", "text", -1, False)]),
    ("More detail in the intro please", "copy", [("intro", "text", 1, False)]),
    ("The body copy is too wordy", "copy", [("body copy", "text", -1, False)]),
    ("Can we trim the copy?", "copy", [("copy", "text", -1, False)]),
    ("Fewer words in the headline", "visual", [("headline", "text", -1, False)]),
    ("The tone is too formal", "copy", [("tone", "formality", -1, False)]),
    ("Make the copy more professional", "copy", [("copy", "formality", 1, False)]),
    ("Warmer tone please", "copy", [("tone", "formality", -1, False)]),
    ("The intro drags", "video", [("intro", "pace", 1, False)]),
    ("Speed up the ending", "video", [("ending", "pace", 1, False)]),
    ("A shorter intro", "video", [("intro", "pace", 1, False)]),
    ("A shorter intro", "copy", [("intro", "text", -1, False)]),
    ("Slow the transitions down", "video", [("transitions", "pace", -1, False)]),
    ("The music is too loud", "video", [("music", "volume", -1, False)]),
    ("Turn up the voiceover", "video", [("voiceover", "volume", 1, False)]),
    ("I can't hear the voiceover", "video", [("voiceover", "volume", 1, False)]),
    ("Softer music", "video", [("music", "volume", -1, False)]),
    ("Softer colours", "visual", [("colours", "saturation", -1, False)]),
    ("More contrast on the headline", "visual", [("headline", "saturation", 1, False)]),
    ("The colours look washed out", "visual", [("colours", "saturation", 1, False)]),
    ("The palette is garish", "visual", [("colours", "saturation", -1, False)]),
    ("Give the logo more space", "visual", [("logo", "spacing", 1, False)]),
    ("The layout feels cramped", "visual", [("layout", "spacing", 1, False)]),
    ("Tighten the spacing", "visual", [("", "spacing", -1, False)]),
    ("Too much white space around the headline", "visual", [("headline", "spacing", -1, False)]),
    ("Remove the tagline", "visual", [("tagline", "presence", -1, False)]),
    ("Get rid of the border", "visual", [("border", "presence", -1, False)]),
    ("Can we lose the badge?", "visual", [("badge", "presence", -1, False)]),
    ("Take the sticker out", "visual", [("badge", "presence", -1, False)]),
    ("Love the tagline!", "visual", [("tagline", "presence", 1, False)]),
    ("Keep the photo as it is", "visual", [("photo", "presence", 1, False)]),
    ("Don't remove the tagline", "visual", [("tagline", "presence", 1, False)]),
    ("Move the logo up", "visual", [("logo", "vertical", 1, False)]),
    ("The headline should sit higher", "visual", [("headline", "vertical", 1, False)]),
    ("Push the headline down a little", "visual", [("headline", "vertical", -1, False)]),
    ("Move the logo to the left", "visual", [("logo", "horizontal", -1, False)]),
    ("Nudge the price right", "visual", [("price", "horizontal", 1, False)]),
    ("Move the left photo up", "visual", [("left photo", "vertical", 1, False)]),
    # Negation: a request turns against itself, a complaint is withdrawn.
    ("Don't make the logo bigger", "visual", [("logo", "size", -1, True)]),
    ("I don't think the logo needs to be bigger", "visual", [("logo", "size", -1, True)]),
    ("The logo isn't too big", "visual", []),
    ("Don't change the colours, but make the logo bigger", "visual", [("logo", "size", 1, False)]),
    # Elements: the nearest named; an "it" refers back; synonyms and plurals are one element.
    (
        "Make the logo bigger and the headline smaller",
        "visual",
        [("logo", "size", 1, False), ("headline", "size", -1, False)],
    ),
    ("The logo looks great. Make it bigger.", "visual", [("logo", "size", 1, False)]),
    ("Bigger heading", "visual", [("headline", "size", 1, False)]),
    ("The logos are too small", "visual", [("logo", "size", 1, False)]),
    ("Make it darker", "visual", [("", "brightness", -1, False)]),
    # Quoted words are the work's; a keep that frames another ask is that ask.
    ("The headline says “Bigger savings”, which is great", "visual", []),
    ("Keep it short", "copy", [("", "text", -1, False)]),
    ("I'd like the logo bigger", "visual", [("logo", "size", 1, False)]),
    ("a tiny bit bigger", "visual", [("", "size", 1, False)]),
    # No ask at all.
    ("The photo reads as curry, not toast: can we see the rye?", "visual", []),
    ("Allergens must be in bold, per our label rules.", "visual", []),
    ("Checked against the rate sheet for April: correct.", "copy", []),
    ("", "visual", []),
]


@pytest.mark.parametrize(("text", "medium", "expected"), ASKS, ids=[a[0][:40] for a in ASKS])
def test_what_a_comment_asks(text, medium, expected):
    asks = rules.parse(text, medium=medium)
    assert [(a.element, a.axis, a.direction, a.negated) for a in asks] == expected


def test_an_ask_knows_the_words_that_ask():
    text = "Honestly the logo is too big for the space"
    (ask,) = rules.parse(text)
    assert text[ask.start : ask.end] == "too big"


def test_the_whole_piece_is_named_as_such():
    (ask,) = rules.parse("It's too dark overall")
    assert (ask.element, ask.whole, ask.axis, ask.direction) == ("", True, "brightness", 1)


def _ask(element="logo", axis="size", direction=1, negated=False, whole=False):
    return Ask(element, axis, direction, 0, 1, negated=negated, whole=whole)


NOWHERE = Place()
HERE = Place("point", page=1, x=0.5, y=0.5)
NEAR = Place("point", page=1, x=0.55, y=0.53)
FAR = Place("point", page=1, x=0.7, y=0.5)
OTHER_PAGE = Place("point", page=2, x=0.5, y=0.5)
AT_12, AT_13, AT_15 = (Place("moment", seconds=s) for s in (12.0, 13.5, 15.0))
WORDS_0_10, WORDS_9_20, WORDS_10_20 = (
    Place("range", start=a, end=b) for a, b in ((0, 10), (9, 20), (10, 20))
)

OPPOSED = [
    (_ask(), _ask(direction=-1), NOWHERE, NOWHERE, True),
    (_ask(), _ask(direction=1), NOWHERE, NOWHERE, False),
    (_ask(), _ask(axis="warmth", direction=-1), NOWHERE, NOWHERE, False),
    (_ask(), _ask(element="headline", direction=-1), NOWHERE, NOWHERE, False),
    # Against bigger meets bigger; two asks against (not bigger, not smaller) do not meet.
    (_ask(), _ask(direction=-1, negated=True), NOWHERE, NOWHERE, True),
    (_ask(negated=True), _ask(direction=-1, negated=True), NOWHERE, NOWHERE, False),
    # Naming nothing: the same spot, moment or passage, or both on the whole version.
    (_ask(""), _ask("", direction=-1), HERE, NEAR, True),
    (_ask(""), _ask("", direction=-1), HERE, FAR, False),
    (_ask(""), _ask("", direction=-1), HERE, OTHER_PAGE, False),
    (_ask(""), _ask("", direction=-1), NOWHERE, NOWHERE, True),
    (_ask(""), _ask("", direction=-1), HERE, NOWHERE, False),
    (_ask("", whole=True), _ask("", direction=-1), HERE, NOWHERE, True),
    (_ask(""), _ask("", direction=-1), AT_12, AT_13, True),
    (_ask(""), _ask("", direction=-1), AT_12, AT_15, False),
    (_ask(""), _ask("", direction=-1), WORDS_0_10, WORDS_9_20, True),
    (_ask(""), _ask("", direction=-1), WORDS_0_10, WORDS_10_20, False),
    # One names the element, the other is pinned on the same spot.
    (_ask("logo"), _ask("", direction=-1), HERE, NEAR, True),
    (_ask("logo"), _ask("", direction=-1), HERE, FAR, False),
    (_ask("logo"), _ask("", direction=-1), NOWHERE, NOWHERE, False),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b", "place_a", "place_b", "expected"), OPPOSED)
def test_when_two_asks_pull_two_ways(a, b, place_a, place_b, expected):
    assert rules.opposed(a, b, place_a=place_a, place_b=place_b) is expected
    assert rules.opposed(b, a, place_a=place_b, place_b=place_a) is expected


def test_a_reply_inherits_the_element_it_answers():
    parent = rules.parse("Love the tagline")
    (ask,) = rules.inherit(rules.parse("I'd remove it"), parent)
    assert (ask.element, ask.axis, ask.direction) == ("tagline", "presence", -1)


SUMMARIES = [
    ("Make the logo bigger", "The logo is too big", "for a bigger logo; Ray for a smaller one."),
    ("Warmer colours", "Cooler colours", "for warmer colours; Ray for cooler ones."),
    ("Louder music", "Quieter music", "for louder music; Ray for quieter music."),
    ("Remove the tagline", "Love the tagline", "to remove the tagline; Ray to keep it."),
    ("Move the logo up", "Move the logo down", "to move the logo up; Ray to move it down."),
    (
        "More space around the logo",
        "Less space around the logo",
        "for more space around the logo; Ray for less.",
    ),
    ("Bigger logo", "Don't make the logo bigger", "for a bigger logo; Ray not to make it bigger."),
    ("Make it brighter", "Make it darker", "for it to be brighter; Ray for it to be darker."),
    ("A more formal tone", "Friendlier tone", "for a more formal tone; Ray for a more casual one."),
]


@pytest.mark.parametrize(("first", "second", "said"), SUMMARIES)
def test_the_summary_says_who_asks_what(first, second, said):
    medium = "copy" if "tone" in first else "visual"
    pair = rules.clash(
        Remark(rules.parse(first, medium=medium)), Remark(rules.parse(second, medium=medium))
    )
    assert pair is not None
    assert rules.describe("Carol", pair[0], "Ray", pair[1]) == f"Carol asks {said}"


def test_decisions_clash_when_one_lets_it_go_and_the_other_does_not():
    assert rules.decisions_clash("approved", "changes_required")
    assert not rules.decisions_clash("changes_required", "approved_with_changes")
    assert not rules.decisions_clash("approved", "approved_with_changes")
    assert not rules.decisions_clash("changes_required", "changes_required")
    assert rules.describe_decisions("Carol", "approved", "Pat", "changes_required", 2) == (
        "Carol approved version 2; Pat asked for changes."
    )


def test_a_summary_stays_within_its_column():
    pair = rules.clash(Remark(rules.parse("Bigger logo")), Remark(rules.parse("Smaller logo")))
    assert pair is not None
    assert len(rules.describe("C" * 400, pair[0], "R" * 400, pair[1])) == rules.SUMMARY_LIMIT


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=5_000), st.sampled_from(["visual", "copy", "video", "other"]))
def test_any_text_is_read_without_failing(text, medium):
    asks = rules.parse(text, medium=medium)
    assert len(asks) <= rules.MAX_ASKS
    for ask in asks:
        assert ask.axis in rules.words.AXES and ask.direction in (1, -1)
        assert 0 <= ask.start < ask.end <= len(text)


WORDY = st.lists(
    st.sampled_from(
        sorted(
            rules.words.set_of(
                "the logo headline colours make bigger smaller too big not don't it more less "
                "space remove keep love move up down left right warmer , . and but tiny is feels "
                "a bit scale turn music louder quieter enough"
            )
        )
    ),
    max_size=400,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(WORDY, WORDY)
def test_asks_from_reviewers_words_compare_both_ways(first, second):
    a, b = Remark(rules.parse(first)), Remark(rules.parse(second))
    assert (rules.clash(a, b) is None) == (rules.clash(b, a) is None)


def test_a_long_comment_is_read_in_bounded_time():
    text = ("Make the logo bigger and the headline smaller, but don't move it up. " * 80)[:5_000]
    started = time.perf_counter()
    asks = rules.parse(text)
    assert time.perf_counter() - started < 0.5
    assert len(asks) <= rules.MAX_ASKS
