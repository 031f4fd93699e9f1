"""The pure rules of a brief: completeness, lead time and word-level comparison."""

import html
import re
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from accord.intake import rules

MONDAY = date(2027, 3, 1)
REQUIRED_KEYS = ["background", "objective", "success_measure", "audience", "key_message"]


def q(key: str, label: str = "", *, required: bool = True, kind: str = "long_text") -> dict:
    return {
        "key": key,
        "label": label or key.replace("_", " ").title(),
        "required": required,
        "kind": kind,
        "section": "S",
    }


QUESTIONS = [
    q("background", "What's the background?"),
    q("objective", "What should this work achieve?"),
    q("success_measure", "How will we know it worked?"),
    q("audience", "Who is it for?"),
    q("key_message", "What's the one thing they should take away?"),
    q("mandatories", "Anything that must appear?", required=False),
    q("budget", "What's the budget?", kind="money"),
    q("deadline", "When must it be delivered?", kind="date"),
    q("approver", "Who signs it off?", kind="approver"),
]


def good_answers(**overrides: str) -> dict[str, str]:
    answers = {
        "background": "New plant-based range in 40 stores.",
        "objective": "2,000 voucher redemptions in April.",
        "success_measure": "Redemptions counted at the till.",
        "audience": "Commuters aged 25-40 in Leeds who buy coffee on the way to work.",
        "key_message": "Tastes as good as the one you love.",
        "mandatories": "Logo on every frame.",
        "budget": "12000",
        "deadline": (MONDAY + timedelta(days=60)).isoformat(),
        "approver": "7",
    }
    answers.update(overrides)
    return answers


def check(answers: dict[str, str], *, questions=QUESTIONS, today=MONDAY, lead=10):
    return rules.completeness(questions=questions, answers=answers, today=today, min_lead_days=lead)


def finding(result: rules.Completeness, key: str) -> rules.Finding:
    matches = [f for f in result.findings if f.key == key]
    assert matches, f"no finding about {key}: {result.findings}"
    return matches[0]


# --- examples: a complete brief, then each finding -------------------------------------------


def test_complete_brief_scores_100_with_no_findings():
    result = check(good_answers())
    assert result.score == 100
    assert result.findings == []


def test_empty_brief_names_every_missing_required_question():
    result = check({})
    assert result.score == 0
    keys = [f.key for f in result.findings]
    for key in [*REQUIRED_KEYS, "budget", "deadline", "approver"]:
        assert key in keys
    assert "mandatories" not in keys  # optional: not a finding
    assert (
        finding(result, "objective").message
        == "“What should this work achieve?” is not answered yet."
    )
    assert all(f.severity == "missing" for f in result.findings)
    assert len(result.missing_required) == len(result.findings)


@pytest.mark.parametrize(
    "objective",
    ["Make people love our coffee.", "Raise awareness", "Be the best brand in the north"],
)
def test_objective_without_a_measurable_outcome_is_weak(objective):
    result = check(good_answers(objective=objective, success_measure="We'll see how it goes."))
    weak = finding(result, "objective")
    assert weak.severity == "weak"
    assert "no measurable outcome" in weak.message
    assert result.score < 100


@pytest.mark.parametrize(
    "objective",
    [
        "Grow newsletter sign-ups by 20%.",
        "2,000 leads by June",
        "Increase sales in Leeds stores",
        "Double the bookings",
    ],
)
def test_measurable_objective_is_not_a_finding(objective):
    result = check(good_answers(objective=objective, success_measure="Counted weekly."))
    assert [f for f in result.findings if f.key == "objective"] == []


def test_a_measurable_success_measure_rescues_a_vague_objective():
    result = check(
        good_answers(
            objective="Make people love us.", success_measure="15% more repeat visits by June."
        )
    )
    assert [f for f in result.findings if f.key == "objective"] == []


@pytest.mark.parametrize(
    "audience",
    [
        "everyone",
        "Everyone.",
        "EVERYBODY!",
        "the general public",
        "General public",
        "  all customers  ",
    ],
)
def test_everyone_is_not_an_audience(audience):
    weak = finding(check(good_answers(audience=audience)), "audience")
    assert weak.severity == "weak"
    assert "not an audience we can write for" in weak.message
    assert audience.strip() in weak.message


def test_a_described_audience_that_mentions_everyone_is_fine():
    answers = good_answers(audience="Everyone who commutes through Leeds station before 9am.")
    assert [f for f in check(answers).findings if f.key == "audience"] == []


def test_no_deadline():
    result = check(good_answers(deadline=""))
    missing = finding(result, "deadline")
    assert missing.severity == "missing"
    assert missing.message == "There is no deadline yet."


def test_deadline_that_is_not_a_date():
    assert finding(check(good_answers(deadline="ASAP")), "deadline").message == (
        "The deadline is not a date."
    )


def test_deadline_in_the_past():
    result = check(good_answers(deadline=(MONDAY - timedelta(days=1)).isoformat()))
    weak = finding(result, "deadline")
    assert weak.severity == "weak"
    assert "in the past" in weak.message


def test_deadline_shorter_than_the_lead_time_says_the_earliest_realistic_date():
    friday = MONDAY + timedelta(days=4)  # Tue–Fri: four working days
    weak = finding(check(good_answers(deadline=friday.isoformat()), lead=10), "deadline")
    assert weak.severity == "weak"
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
    assert [f for f in result.findings if f.key == "deadline"] == []
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
    result = check({"objective": "10% more sales", "key_message": "Fresh."}, questions=questions)
    assert result.findings == []
    assert result.score == 100


def test_working_day_helpers():
    assert rules.working_days_between(MONDAY, MONDAY) == 0
    assert rules.working_days_between(MONDAY, MONDAY - timedelta(days=3)) == 0
    assert rules.working_days_between(MONDAY, MONDAY + timedelta(days=7)) == 5
    assert rules.add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 8)


# --- properties ------------------------------------------------------------------------------

ANSWER_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60)
KEYS = st.sampled_from(
    [*REQUIRED_KEYS, "mandatories", "budget", "deadline", "approver", "channels", "tone"]
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
            if question["key"] not in ("budget", "approver", "deadline"):
                assert question["label"] in found.message
                assert found.message.endswith("not answered yet.")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=80))
def test_a_weak_objective_scores_less_than_a_measurable_one(vague):
    assume(vague.strip() and not rules.MEASURE_WORDS.search(vague))
    weak = check(good_answers(objective=vague, success_measure="We will see."))
    measurable = check(good_answers(objective=f"{vague} by 20%", success_measure="We will see."))
    assert weak.score < measurable.score


# --- comparison ------------------------------------------------------------------------------


def test_words_diff_marks_words_not_characters():
    diff = rules.words_diff(
        "Tastes as good as the one you love.", "Tastes better than the one you love."
    )
    assert diff == ("Tastes <del>as good as</del><ins>better than</ins> the one you love.")


def test_words_diff_escapes_html():
    diff = rules.words_diff("Hello", "Hello <script>alert(1)</script>")
    assert "<script>" not in diff
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in diff
    assert diff.startswith("Hello<ins>")


def test_words_diff_of_equal_text_has_no_marks():
    assert rules.words_diff("same & same", "same & same") == "same &amp; same"


def test_compare_lists_only_changed_fields_in_question_order():
    old = good_answers()
    new = good_answers(
        key_message="Even better than you remember.", audience=old["audience"], budget="15000"
    )
    changes = rules.compare(
        old_title="Spring",
        old_answers=old,
        new_title="Spring",
        new_answers=new,
        questions=QUESTIONS,
    )
    assert [c.key for c in changes] == ["key_message", "budget"]
    assert changes[0].label == "What's the one thing they should take away?"
    assert changes[0].old == old["key_message"] and changes[0].new == new["key_message"]
    assert "<ins>" in changes[0].html and "<del>" in changes[0].html


def test_compare_includes_the_title_and_answers_without_a_question():
    changes = rules.compare(
        old_title="Spring",
        old_answers={},
        new_title="Spring launch",
        new_answers={"legacy": "<b>x</b>"},
        questions=QUESTIONS,
    )
    assert [c.key for c in changes] == ["title", "legacy"]
    assert changes[0].html == "Spring<ins> launch</ins>"
    assert changes[1].html == "<ins>&lt;b&gt;x&lt;/b&gt;</ins>"


def test_compare_of_identical_versions_is_empty():
    answers = good_answers()
    assert (
        rules.compare(
            old_title="A",
            old_answers=answers,
            new_title="A",
            new_answers=dict(answers),
            questions=QUESTIONS,
        )
        == []
    )


def _side(diff: str, drop: str) -> str:
    keep = "ins" if drop == "del" else "del"
    text = re.sub(rf"<{drop}>.*?</{drop}>", "", diff, flags=re.DOTALL)
    text = re.sub(rf"</?{keep}>", "", text)
    return html.unescape(text)


WORDS = st.text(alphabet=st.sampled_from([*"ab <>&\"'\n\t", "c", "é"]), max_size=40)


@given(WORDS, WORDS)
def test_the_new_side_of_a_diff_is_the_new_text(old, new):
    diff = rules.words_diff(old, new)
    assert _side(diff, drop="del") == new
    assert _side(diff, drop="ins") == old


def test_version_content_is_exactly_title_and_answers_in_question_order():
    content = rules.version_content(
        title="T", questions=QUESTIONS[:2], answers={"objective": "Grow", "unrelated": "x"}
    )
    assert content == {
        "title": "T",
        "answers": [
            {"key": "background", "question": "What's the background?", "answer": ""},
            {"key": "objective", "question": "What should this work achieve?", "answer": "Grow"},
        ],
    }


# --- Bounded cost: a word diff never does more than DIFF_BUDGET steps ------------------------


def _words(count: int, seed: int) -> str:
    # Few distinct words, as in real prose, so the edit-distance search has many near-matches.
    return " ".join(f"w{(i * i * seed + i * 7919) % 53}" for i in range(count))


def test_two_5000_word_answers_that_differ_throughout_stop_at_the_budget():
    old, new = _words(5000, 1), _words(5000, 2)
    diff = rules.diff_words(old, new)
    tokens = len(re.findall(r"\S+|\s+", old)) + len(re.findall(r"\S+|\s+", new))
    assert diff.replaced
    assert diff.steps <= rules.DIFF_BUDGET + tokens
    # Shown as replaced: past what both share at the start, the old text struck through and
    # the new one added, each whole.
    assert diff.html.count("<del>") == diff.html.count("<ins>") == 1
    assert diff.html.endswith(f"{old[-20:]}</del><ins>{new[diff.html.index('<del>') :]}</ins>")


def test_a_few_changed_words_in_5000_are_marked_word_by_word_cheaply():
    words = _words(5000, 1).split(" ")
    changed = list(words)
    changed[10], changed[2500], changed[4990] = "spring", "summer", "autumn"
    diff = rules.diff_words(" ".join(words), " ".join(changed))
    assert not diff.replaced
    assert diff.steps < rules.DIFF_BUDGET // 5
    assert re.findall(r"<ins>(.*?)</ins>", diff.html) == ["spring", "summer", "autumn"]
    assert _side(diff.html, drop="del") == " ".join(changed)


def test_the_budget_bounds_the_work_whatever_the_texts():
    old, new = "x " * 5000, "y " * 5000
    small = rules.diff_words(old, new, budget=1_000)
    assert small.replaced and small.steps <= 1_000 + 20_000
    assert _side(small.html, drop="ins") == old and _side(small.html, drop="del") == new


@given(WORDS, WORDS)
def test_a_diff_over_budget_still_reads_as_both_texts(old, new):
    diff = rules.diff_words(old, new, budget=3)
    assert _side(diff.html, drop="del") == new
    assert _side(diff.html, drop="ins") == old


def test_stored_changes_rebuild_what_compare_found():
    old, new = {"objective": "Grow sales"}, {"objective": "Grow sign-ups"}
    changes = rules.compare(
        old_title="A", old_answers=old, new_title="B", new_answers=new, questions=QUESTIONS
    )
    rebuilt = rules.stored_changes(
        rules.storable(changes), old_title="A", old_answers=old, new_title="B", new_answers=new
    )
    assert rebuilt == changes


def test_the_fields_of_one_comparison_share_its_budget():
    words = _words(5000, 1).split(" ")
    changed = list(words)
    changed[10], changed[2500], changed[4990] = "spring", "summer", "autumn"
    old, new = " ".join(words), " ".join(changed)
    needs = rules.diff_words(old, new).steps
    many = [q(f"f{i}") for i in range(rules.COMPARE_BUDGET // (needs // 2))]

    def compared(questions):
        keys = [x["key"] for x in questions]
        return rules.compare(
            old_title="T",
            old_answers=dict.fromkeys(keys, old),
            new_title="T",
            new_answers=dict.fromkeys(keys, new),
            questions=questions,
        )

    alone = compared(many[:1])[0].html
    assert re.findall(r"<ins>(.*?)</ins>", alone) == ["spring", "summer", "autumn"]
    # With so many fields changed, each gets too small a share for a word-by-word diff.
    shared = compared(many)
    assert all(c.html.count("<del>") == 1 and "<ins>spring</ins>" not in c.html for c in shared)
