"""How a reply to meeting notes is read: a confirmation only when it plainly is one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.insights.note_replies import Answer, classify, first_meaningful_line

CONFIRMS = [
    "Confirmed",
    "confirmed.",
    "CONFIRMED!",
    "Confirm",
    "Confirmed, thanks!",
    "Confirmed — thanks Alice",
    "Agreed.",
    "Agreed, thank you",
    "Yes, that's right",
    "Yes, that’s right.",
    "yes that's right",
    "All correct",
    "All correct, thanks for sending these.",
    "Looks right to me",
    "Looks good!",
    "Looks good to me, thanks",
    "Approved",
    "I confirm",
    "We agree.",
    "Yes.",
    "Perfect",
    "👍",
    "Hi Alice,\n\nConfirmed.\n\nCarol",
    "Hi Alice,\nThanks, confirmed!",
    "Thanks Alice, all good.",
    "\n\n  Confirmed  \n",
    "Good morning,\n\nLooks good, speak soon.",
]

CORRECTS = [
    "",
    "Thanks",
    "Hi Alice,",
    "The budget was £12k, not £10k.",
    "Confirmed, but the launch is in May.",
    "Agreed, except the date: it was Tuesday.",
    "Looks good, however Ray was there too.",
    "Confirmed.\n\nOne thing: the deadline should be 4 April.",
    "Looks right, though the budget is wrong.",
    "Not confirmed: the date is wrong.",
    "I can't confirm these yet.",
    "Confirm what?",
    "Agreed?",
    "Confirmation: the budget is £12k.",
    "Yes, but the logo stays as it is.",
    "Yes please send the deck",
    "Approvedish",
    "Can you confirm the date?",
    "All correct apart from the attendees.",
    "Looks good. Small change: Ray is the reviewer.",
    "Confirmed the budget was £10k, but the date was the 4th.",
]


@pytest.mark.parametrize("reply", CONFIRMS)
def test_a_plain_confirmation_confirms(reply):
    assert classify(reply) == Answer.CONFIRMS


@pytest.mark.parametrize("reply", CORRECTS)
def test_anything_else_is_what_to_correct(reply):
    assert classify(reply) == Answer.CORRECTS


def test_the_first_meaningful_line_skips_greetings_and_blank_lines():
    assert first_meaningful_line("Hi Alice,\n\n  Thanks,  \nConfirmed!") == "confirmed!"


@given(st.text(max_size=300))
def test_any_text_is_read_one_way_or_the_other(text):
    assert classify(text) in (Answer.CONFIRMS, Answer.CORRECTS)


@given(st.text(max_size=200))
def test_a_confirmation_followed_by_but_is_never_a_confirmation(rest):
    assert classify(f"Confirmed, but {rest}") == Answer.CORRECTS
