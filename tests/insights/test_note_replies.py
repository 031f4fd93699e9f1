"""How a reply to meeting notes is read: a confirmation only when it plainly is one and says
nothing more; a correction when it says what is wrong or should change; else neither."""

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
    "Looks good to me. Nothing wrong here.",
    "Confirmed, no changes from our side.",
    "Confirmed, thanks Alice!",
    "Looks good!\n\nCarol Reyes\nHead of Marketing, Acme Foods\n0113 496 0321",
    "Confirmed \u2014 thanks for sending these.",
    "Sounds good, speak soon.",
    "Confirmed.\n\nKind regards\nCarol\nIf you received this email by mistake, delete it.",
    "Agreed.\n\n> Tell me what to correct: not all of it may be right.",
]

CORRECTS = [
    "The budget was £12k, not £10k.",
    "Confirmed, but the launch is in May.",
    "Agreed, except the date: it was Tuesday.",
    "Looks good, however Ray was there too.",
    "Confirmed.\n\nOne thing: the deadline should be 4 April.",
    "Looks right, though the budget is wrong.",
    "Not confirmed: the date is wrong.",
    "Yes, but the logo stays as it is.",
    "All correct apart from the attendees.",
    "Looks good. Small change: Ray is the reviewer.",
    "Confirmed the budget was £10k, but the date was the 4th.",
    "Yes\n\nThe budget is £15,000, not £12,000.",
    "Agreed. Please change the date to 5 March.",
    "You left out the store list.",
]

# A message, nothing more: the notes still wait and the account manager reads it.
NEITHER = [
    "",
    "Thanks",
    "Hi Alice,",
    "Confirm what?",
    "Agreed?",
    "Yes please send the deck",
    "Approvedish",
    "Can you confirm the date?",
    "Did you get the store list?",
    "OK\nI'll read them tomorrow",
    "Confirmed, pending legal review",
    "Agreed in principle, let me check with Ray.",
    "Looks good. " + "We are also thinking about the summer campaign and the shop windows. " * 3,
    "I can't confirm these yet.",
    "Confirmation: the budget is £12k.",
    "Approved. Point 3: the budget is 25k.",
    "Confirmed, thanks Alice. Store list to follow on Friday as promised.",
    "Confirmed receipt, thanks.",
    "Confirm the venue with Ray please.",
    "Agreed, assuming legal is fine with it.",
    "Looks good so far.",
    "Agreed on the first two points.",
    "Looks good to me, Ray to confirm.",
    "Looks good. Carol signs off the final artwork, and the launch moves to June.",
    "Can we talk at 3pm?",
    "Is the budget 50k or 60k?",
    "Thanks, I will read them on the 5th.",
    "Got them, I have not had time to read yet.",
]

# Never a confirmation, whichever of the two it is read as.
NOT_CONFIRMING = [
    "Agreed with changes.",
    "Confirmed with amendments.",
    "Approved with one tweak: the headline is Spring Fresh.",
    "Looks good. Please also include the budget line.",
    "Agreed, as long as the budget stays at fifty thousand.",
    "Approved on condition that Ray signs off.",
    "Agreed with most of it.",
    "Agreed in part.",
    "Approved from marketing; legal still has to sign off.",
    "Agreed. See attached for my edits.",
    "Looks good, comments below",
    "Approved, minor edits in red.",
    "Approved. Minus the TV spot.",
    "Approved without the TV spot.",
    "Approved.\n\nMinus TV",
    "Looks good, just swap the headline and subhead.",
    "Confirmed, thanks for the notes, budget should be 20k",
]


@pytest.mark.parametrize("reply", CONFIRMS)
def test_a_plain_confirmation_confirms(reply):
    assert classify(reply) == Answer.CONFIRMS


@pytest.mark.parametrize("reply", CORRECTS)
def test_what_is_wrong_or_should_change_is_a_correction(reply):
    assert classify(reply) == Answer.CORRECTS


@pytest.mark.parametrize("reply", NEITHER)
def test_a_question_a_condition_or_a_later_answer_is_neither(reply):
    assert classify(reply) == Answer.NEITHER


@pytest.mark.parametrize("reply", NOT_CONFIRMING)
def test_a_confirmation_with_anything_more_than_thanks_does_not_confirm(reply):
    assert classify(reply) != Answer.CONFIRMS


def test_the_first_meaningful_line_skips_greetings_and_blank_lines():
    assert first_meaningful_line("Hi Alice,\n\n  Thanks,  \nConfirmed!") == "confirmed!"


@given(st.text(max_size=300))
def test_any_text_is_read_one_way_or_another(text):
    assert classify(text) in (Answer.CONFIRMS, Answer.CORRECTS, Answer.NEITHER)


@given(st.text(max_size=200))
def test_a_confirmation_followed_by_but_is_never_a_confirmation(rest):
    assert classify(f"Confirmed, but {rest}") == Answer.CORRECTS
