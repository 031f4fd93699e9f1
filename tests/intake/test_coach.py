"""The completeness coach: each finding by example, then properties over any brief."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from accord.intake import coach, rules
from tests.intake.brief_answers import MONDAY, QUESTIONS, REQUIRED_KEYS, good_answers, q


def check(answers, *, questions=QUESTIONS, today=MONDAY, lead=10, currency=""):
    return coach.completeness(
        questions=questions, answers=answers, today=today, min_lead_days=lead, currency=currency
    )


def finding(result: coach.Completeness, key: str) -> coach.Finding:
    matches = [f for f in result.findings if f.key == key]
    assert matches, f"no finding about {key}: {result.findings}"
    return matches[0]


def findings_about(result: coach.Completeness, key: str) -> list[coach.Finding]:
    return [f for f in result.findings if f.key == key]


# --- examples: a complete brief, then each finding -------------------------------------------


def test_complete_brief_scores_100_with_no_findings():
    result = check(good_answers())
    assert result.score == 100
    assert result.findings == []


def test_empty_brief_names_every_missing_required_question_in_plain_words():
    result = check({})
    assert result.score == 0
    keys = [f.key for f in result.findings]
    for key in [*REQUIRED_KEYS, "budget", "deadline", "approver"]:
        assert key in keys
    assert "mandatories" not in keys  # optional: not a finding
    assert finding(result, "objective").message == (
        "There is no objective yet: say what this work should achieve."
    )
    # A question without a fact is named at the end, never spliced into the sentence.
    assert finding(result, "background").message == "Still to answer: “What's the background?”"
    assert all(f.severity == "missing" and f.code == "missing" for f in result.findings)
    assert len(result.missing_required) == len(result.findings)


def test_no_finding_reads_like_a_label_glued_to_a_message():
    for result in (check({}), check(good_answers(objective="Sales", audience="people"))):
        for found in result.findings:
            assert "?:" not in found.message and "?”:" not in found.message
            assert "not answered yet" not in found.message


@pytest.mark.parametrize(
    ("objective", "code"),
    [
        ("Make people love our coffee.", "objective_no_number"),
        ("Raise awareness", "objective_no_number"),
        ("Be the best brand in the north by summer", "objective_no_number"),
        ("Increase sales by 10%", "objective_no_time_frame"),
        ("Double the bookings", "objective_no_time_frame"),
    ],
)
def test_objective_without_a_number_or_a_time_frame_is_weak(objective, code):
    result = check(good_answers(objective=objective, success_measure="We'll see how it goes."))
    weak = finding(result, "objective")
    assert (weak.severity, weak.code) == ("weak", code)
    assert "e.g. “2,000 newsletter sign-ups by the end of June”" in weak.message
    assert weak.example == "2,000 newsletter sign-ups by the end of June"
    assert result.score < 100


def test_the_objective_finding_says_what_is_lacking():
    both = finding(
        check(good_answers(objective="Raise awareness", success_measure="")), "objective"
    )
    assert both.message.startswith("The objective needs a number or a time frame")
    when = finding(check(good_answers(objective="10% more sales", success_measure="")), "objective")
    assert when.message.startswith("The objective needs a time frame")


def test_the_objective_example_is_the_question_s_own_when_it_is_a_good_one():
    own = "Get 2,000 people to try the new oat latte in the first month."
    questions = [{**x, "example": own} if x["key"] == "objective" else x for x in QUESTIONS]
    weak = finding(
        check(good_answers(objective="Sell more", success_measure=""), questions=questions),
        "objective",
    )
    assert weak.example == own
    vague_example = [
        {**x, "example": "Sell more coffee"} if x["key"] == "objective" else x for x in QUESTIONS
    ]
    weak = finding(
        check(good_answers(objective="Sell more", success_measure=""), questions=vague_example),
        "objective",
    )
    assert weak.example == coach.EXAMPLES["objective"]


@pytest.mark.parametrize(
    "objective",
    [
        "Grow newsletter sign-ups by 20% by June.",
        "2,000 leads by June",
        "Double the bookings in Q3",
    ],
)
def test_measurable_objective_with_a_time_frame_is_not_a_finding(objective):
    result = check(good_answers(objective=objective, success_measure="Counted weekly."))
    assert findings_about(result, "objective") == []


def test_a_measurable_success_measure_rescues_a_vague_objective():
    result = check(
        good_answers(
            objective="Make people love us.", success_measure="15% more repeat visits by June."
        )
    )
    assert findings_about(result, "objective") == []


@pytest.mark.parametrize(
    "audience",
    [
        "everyone",
        "Everyone.",
        "EVERYBODY!",
        "the general public",
        "General public",
        "  all customers  ",
        "young people",
        "everyone who likes food",
        "customers",
    ],
)
def test_vague_audiences_ask_who_where_and_what_they_care_about(audience):
    weak = finding(check(good_answers(audience=audience)), "audience")
    assert (weak.severity, weak.code) == ("weak", "audience_vague")
    assert f"“{audience.strip()}” is too broad to write for" in weak.message
    assert "who they are, where they are and what they care about" in weak.message


@pytest.mark.parametrize(
    "audience",
    [
        "Everyone who commutes through Leeds station before 9am.",
        "Home brewers who care about taste but don't know the jargon.",
        "Parents of under-5s in Bristol",
    ],
)
def test_a_described_audience_is_fine(audience):
    assert findings_about(check(good_answers(audience=audience)), "audience") == []


def test_a_key_message_too_short_to_act_on():
    weak = finding(check(good_answers(key_message="Soup")), "key_message")
    assert weak.code == "key_message_too_short"
    assert weak.message.startswith("“Soup” is too short to act on")


@pytest.mark.parametrize(
    ("channel", "vague"),
    [
        ("Stores", True),
        ("Online", True),
        ("Instagram", False),
        ("Posters in 40 Leeds stores", False),
    ],
)
def test_a_channel_must_say_where_the_work_runs(channel, vague):
    found = findings_about(check(good_answers(channels=channel)), "channels")
    assert [f.code for f in found] == (["channel_vague"] if vague else [])
    if vague:
        # The question's own example is a good one, so it is the one shown.
        assert found[0].example == "Instagram (feed + stories), TikTok"


@pytest.mark.parametrize(
    ("formats", "vague"),
    [
        ("banners", True),
        ("Posters and flyers", True),
        ("3 banners, 300×250 and 728×90", False),
        ("A 30-second radio ad", False),
    ],
)
def test_formats_need_sizes_or_quantities(formats, vague):
    found = findings_about(check(good_answers(deliverables=formats)), "deliverables")
    assert [f.code for f in found] == (["format_no_quantity"] if vague else [])
    if vague:
        assert "e.g. “3 banners, 300×250 and 728×90”" in found[0].message


def test_a_budget_without_a_currency_is_weak_only_when_no_client_currency_applies():
    weak = finding(check(good_answers(budget="12,000")), "budget")
    assert weak.code == "budget_no_currency"
    assert findings_about(check(good_answers(budget="12,000"), currency="GBP"), "budget") == []
    assert findings_about(check(good_answers(budget="EUR 12,000")), "budget") == []


def test_an_old_budget_that_is_not_an_amount_is_weak():
    weak = finding(check(good_answers(budget="about ten grand")), "budget")
    assert weak.code == "budget_unreadable"


def test_no_deadline():
    missing = finding(check(good_answers(deadline="")), "deadline")
    assert missing.severity == "missing"
    assert missing.message == "There is no deadline yet."


def test_deadline_that_is_not_a_date():
    weak = finding(check(good_answers(deadline="ASAP")), "deadline")
    assert (weak.message, weak.code) == ("The deadline is not a date.", "deadline_not_a_date")


def test_deadline_in_the_past():
    result = check(good_answers(deadline=(MONDAY - timedelta(days=1)).isoformat()))
    weak = finding(result, "deadline")
    assert weak.severity == "weak"
    assert "in the past" in weak.message


def test_deadline_shorter_than_the_lead_time_says_the_earliest_realistic_date():
    friday = MONDAY + timedelta(days=4)  # Tue–Fri: four working days
    weak = finding(check(good_answers(deadline=friday.isoformat()), lead=10), "deadline")
    assert (weak.severity, weak.code) == ("weak", "deadline_too_soon")
    assert "4 working days away" in weak.message
    assert "needs at least 10" in weak.message
    # Ten working days after Monday 1 March 2027 is Monday 15 March (two weekends skipped).
    assert "earliest realistic date is 15 March 2027" in weak.message


def test_lead_time_counts_working_days_not_calendar_days():
    friday = date(2027, 3, 5)
    monday = friday + timedelta(days=3)
    weak = finding(
        check(good_answers(deadline=monday.isoformat()), today=friday, lead=2), "deadline"
    )
    assert "1 working day away" in weak.message
    assert "9 March 2027" in weak.message  # Mon 8 and Tue 9


def test_deadline_exactly_at_the_lead_time_is_fine():
    deadline = rules.add_working_days(MONDAY, 10)
    result = check(good_answers(deadline=deadline.isoformat()), lead=10)
    assert findings_about(result, "deadline") == []
    one_short = check(good_answers(deadline=(deadline - timedelta(days=1)).isoformat()), lead=10)
    assert finding(one_short, "deadline").severity == "weak"


def test_no_budget():
    missing = finding(check(good_answers(budget="")), "budget")
    assert missing.message == "No budget is given, so we cannot size the work."


def test_no_approver():
    missing = finding(check(good_answers(approver="  ")), "approver")
    assert missing.message == "No approver is named: who signs this work off?"


def test_questions_a_template_does_not_ask_are_not_findings():
    questions = [q("objective"), q("key_message")]
    result = check(
        {"objective": "10% more sales by May", "key_message": "Fresh every single morning."},
        questions=questions,
    )
    assert result.findings == []
    assert result.score == 100


def test_the_coach_reads_facts_not_keys():
    """A question keyed `goal` that supplies the objective is checked as one; a question
    keyed `objective` that supplies nothing is not."""
    renamed = [q("goal", "Your goal?", fact="objective"), q("objective", "Notes", fact="")]
    result = check({"goal": "Raise awareness", "objective": "Raise awareness"}, questions=renamed)
    assert [(f.key, f.code) for f in result.findings] == [("goal", "objective_no_number")]


# --- properties ------------------------------------------------------------------------------

ANSWER_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60)
KEYS = st.sampled_from(
    [
        *REQUIRED_KEYS,
        "mandatories",
        "budget",
        "deadline",
        "approver",
        "channels",
        "deliverables",
        "tone",
    ]
)


@st.composite
def briefs(draw):
    keys = draw(st.lists(KEYS, min_size=0, max_size=11, unique=True))
    questions = [q(k, required=draw(st.booleans())) for k in keys]
    answers = {
        k: draw(
            st.one_of(
                ANSWER_TEXT,
                st.sampled_from(["everyone", "2027-01-01", "2030-06-30", "10% more sales", ""]),
            )
        )
        for k in keys
        if draw(st.booleans())
    }
    today = draw(st.dates(min_value=date(2026, 1, 1), max_value=date(2029, 12, 31)))
    lead = draw(st.integers(min_value=0, max_value=40))
    return questions, answers, today, lead


@given(briefs())
def test_score_is_always_between_0_and_100(brief):
    questions, answers, today, lead = brief
    result = check(answers, questions=questions, today=today, lead=lead)
    assert 0 <= result.score <= 100


@given(briefs(), ANSWER_TEXT.filter(lambda t: t.strip()), st.data())
def test_answering_a_missing_required_question_never_lowers_the_score(brief, text, data):
    questions, answers, today, lead = brief
    missing = [
        x["key"] for x in questions if x["required"] and not rules.answered(answers, x["key"])
    ]
    assume(missing)
    key = data.draw(st.sampled_from(missing))
    before = check(answers, questions=questions, today=today, lead=lead).score
    after = check({**answers, key: text}, questions=questions, today=today, lead=lead).score
    assert after >= before


@given(briefs())
def test_findings_name_each_missing_required_question(brief):
    questions, answers, today, lead = brief
    result = check(answers, questions=questions, today=today, lead=lead)
    by_key = {f.key: f for f in result.findings}
    for question in questions:
        if question["required"] and not rules.answered(answers, question["key"]):
            found = by_key[question["key"]]
            assert found.severity == "missing"
            if not question["fact"]:
                assert found.message == f"Still to answer: “{question['label']}”"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=80))
def test_a_weak_objective_scores_less_than_a_measurable_one(vague):
    assume(vague.strip() and not coach.measurable(vague))
    weak = check(good_answers(objective=vague, success_measure="We will see."))
    measurable = check(
        good_answers(objective=f"{vague} by 20% in May", success_measure="We will see.")
    )
    assert weak.score < measurable.score
