"""The tone check's evaluation runner (accord/insights/eval_tone.py) and the dev set it reads."""

import io
import json
from datetime import date
from pathlib import Path

import pytest

from accord.insights import eval_tone
from accord.insights.eval_tone import EVALS, MalformedSet, load, main, parse_case


def write(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


CASES = [
    {
        "id": "t-1",
        "text": "As I already told you, this is obviously not possible!!!",
        "flag": True,
        "kinds": ["condescension", "shouting"],
    },
    {"id": "t-2", "text": "Please send the logo when you can.", "flag": False},
    {
        "id": "t-3",
        "text": "The proofs are attached.",
        "flag": True,
        "kinds": ["blame"],
        "note": "labelled wrongly on purpose: a miss",
    },
    {"id": "t-4", "text": "This is NOT what we agreed.", "flag": False, "note": "a false alarm"},
    {
        "id": "t-5",
        "text": "You'll have the files by tomorrow.",
        "flag": True,
        "kinds": ["promise"],
        "context": {"today": "2026-12-02", "due_on": "2026-12-18"},
    },
]


def test_a_set_is_scored_with_its_misses_and_false_alarms_listed(tmp_path):
    path = write(tmp_path / "tiny.jsonl", CASES)
    out = io.StringIO()
    assert main([str(path)], out) == 1  # precision 2/3, recall 2/3: below the bar
    report = out.getvalue()
    assert "tiny.jsonl: 5 messages, TP 2  FP 1  FN 1  TN 1  precision 0.667  recall 0.667" in report
    assert "missed      t-3  (blame)  The proofs are attached." in report
    assert "false alarm t-4  This is NOT what we agreed." in report
    assert "found: shouting “NOT”" in report
    assert "FAILED: needs precision ≥ 0.90 and recall ≥ 0.85." in report


def test_a_set_above_the_bar_passes_and_context_reaches_the_check(tmp_path):
    path = write(tmp_path / "good.jsonl", [CASES[0], CASES[1], CASES[4], ""])
    out = io.StringIO()
    assert main([str(path)], out) == 0
    assert "good.jsonl: 3 messages, TP 2  FP 0  FN 0  TN 1  precision 1.000  recall 1.000" in (
        out.getvalue()
    )
    assert load(path)[2].context is not None
    assert load(path)[2].context.due_on == date(2026, 12, 18)


def test_the_metrics():
    tally = eval_tone.Tally(tp=8, fp=2, fn=2, tn=5)
    assert (tally.count, tally.precision, tally.recall) == (17, 0.8, 0.8)
    assert tally.f1 == pytest.approx(0.8)
    assert eval_tone.Tally().precision == 1.0 and eval_tone.Tally().recall == 1.0


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "a case is a JSON object"),
        ('{"id": "x", "text": "t"}', "'flag' must be true or false"),
        ('{"id": "", "text": "t", "flag": false}', "'id' must be a non-empty string"),
        ('{"id": "x", "text": 3, "flag": false}', "'text' must be a string"),
        ('{"id": "x", "text": "t", "flag": true, "kinds": ["rude"]}', "'kinds' must be a list of"),
        ('{"id": "x", "text": "t", "flag": false, "colour": 1}', "unknown field(s) colour"),
        (
            '{"id": "x", "text": "t", "flag": false, "context": {"today": "soon"}}',
            "context 'today' must be an ISO date",
        ),
        (
            '{"id": "x", "text": "t", "flag": false, "context": {"rounds_used": -1}}',
            "context 'rounds_used' must be a whole number",
        ),
        (
            '{"id": "x", "text": "t", "flag": false, "context": {"due": "2026-12-01"}}',
            "unknown context field(s) due",
        ),
    ],
)
def test_a_malformed_line_is_refused_naming_its_file_and_line(line, reason):
    with pytest.raises(MalformedSet) as refused:
        parse_case(line, "set.jsonl:7")
    assert str(refused.value).startswith("set.jsonl:7: ")
    assert reason in str(refused.value)


def test_a_malformed_file_stops_the_run_with_the_line_named(tmp_path):
    path = write(tmp_path / "bad.jsonl", [CASES[1], CASES[1]])
    out = io.StringIO()
    assert main([str(path)], out) == 2
    assert f"error: {path}:2: id 't-2' appears twice" in out.getvalue()
    broken = write(tmp_path / "broken.jsonl", [CASES[1], "{oops"])
    out = io.StringIO()
    assert main([str(broken)], out) == 2
    assert f"{broken}:2: not valid JSON" in out.getvalue()


def test_the_dev_set_holds_180_valid_messages_with_both_labels():
    cases = load(EVALS / "dev.jsonl")
    assert len(cases) >= 180
    flagged = [c for c in cases if c.flag]
    assert 0.35 <= len(flagged) / len(cases) <= 0.55
    assert all(c.kinds for c in flagged)
    assert all(c.id.startswith("dev-") for c in cases)


def test_the_unseen_sets_are_what_the_run_is_judged_on(tmp_path):
    seen = write(tmp_path / "dev.jsonl", [CASES[0], CASES[1], CASES[2], CASES[3]])
    unseen = write(tmp_path / "heldout5x.jsonl", [CASES[0], CASES[1]])
    out = io.StringIO()
    assert main([str(seen), str(unseen)], out) == 0  # the unseen set passes, the other does not
    report = out.getvalue()
    assert "unseen (heldout5*, never trained on): 2 messages, TP 1  FP 0  FN 0  TN 1" in report
    out = io.StringIO()
    assert main([str(unseen), str(write(tmp_path / "heldout5y.jsonl", CASES[2:4]))], out) == 1
    assert "and recall ≥ 0.85 on the unseen sets." in out.getvalue()
