"""The pure rules of a brief: lead time and word-level comparison (the coach: test_coach)."""

import html
import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from accord.intake import rules
from tests.intake.brief_answers import MONDAY, QUESTIONS, good_answers, q

# --- working days -----------------------------------------------------------------------------


def test_working_day_helpers():
    assert rules.working_days_between(MONDAY, MONDAY) == 0
    assert rules.working_days_between(MONDAY, MONDAY - timedelta(days=3)) == 0
    assert rules.working_days_between(MONDAY, MONDAY + timedelta(days=7)) == 5
    assert rules.add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 8)


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
