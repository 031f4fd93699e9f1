"""How a client's message reads: VADER plus the agency's own phrases."""

from hypothesis import given
from hypothesis import strategies as st

from accord.insights.sentiment import MAX_CHARS, score


def test_an_annoyed_client_reads_unhappy_with_the_phrases_that_said_so() -> None:
    reading = score("We are still waiting for the proofs. Not what we asked for, again?")
    assert reading.label == "negative"
    assert [cue.phrase for cue in reading.cues] == [
        "still waiting",
        "Not what we asked for",
        "again?",
    ]


def test_praise_reads_happy_and_logistics_neutral() -> None:
    assert score("Thanks so much, the new layout is spot on!").label == "positive"
    assert score("Please send the invoice to our accounts team.").label == "neutral"


def test_quoted_history_is_not_the_clients_words() -> None:
    text = "Lovely, thank you!\n\nOn 2 Dec, Alice wrote:\n> Sorry, the proofs are late again."
    reading = score(text)
    assert reading.label == "positive" and reading.cues == ()
    assert score("Great.\n> we are still waiting, frankly disappointed").cues == ()


def test_empty_text_is_neutral() -> None:
    assert score("   ").score == 0 and score("").label == "neutral"


@given(st.text(max_size=MAX_CHARS + 50))
def test_any_text_scores_within_bounds(text: str) -> None:
    reading = score(text)
    assert -1 <= reading.score <= 1
    assert all(0 <= c.start < c.end <= len(text) for c in reading.cues)
