"""Fitting the tone check's weights (accord/insights/train_tone.py): which words get a weight,
that the fit is deterministic and learns from the labels, and that the sets kept for measuring
are never trained on."""

from pathlib import Path

from accord.insights import train_tone
from accord.insights.eval_tone import Case


def cases(prefix: str, harsh: list[str], kind: list[str]) -> list[Case]:
    return [Case(f"{prefix}-h{i}", t, True, ("sarcasm",)) for i, t in enumerate(harsh)] + [
        Case(f"{prefix}-k{i}", t, False) for i, t in enumerate(kind)
    ]


HARSH = [
    "Riveting stuff, the procurement portal.",
    "Riveting, another round of comments.",
    "Riveting as the invoice queue is, we'd like paying.",
]
KIND = [
    "The portal is open and the invoice is in.",
    "Another round of comments is welcome.",
    "The invoice queue is moving.",
]


def test_a_word_gets_a_weight_only_when_several_messages_of_several_sets_use_it():
    one = train_tone.examples(cases("a", HARSH, KIND), "a.jsonl")
    two = train_tone.examples(cases("b", HARSH[:1], KIND[:1]), "b.jsonl")
    alone = train_tone.vocabulary(one)
    assert alone == {}  # one writer's words: their habit, not the tone
    both = train_tone.vocabulary(one + two)
    assert "riveting" in both and "~rivet" in both  # and its plain form
    assert "procurement" not in both  # in two messages only


def test_the_fit_is_deterministic_and_learns_which_words_are_harsh():
    train = train_tone.examples(cases("a", HARSH, KIND), "a.jsonl") + train_tone.examples(
        cases("b", HARSH, KIND), "b.jsonl"
    )
    first = train_tone.fit(train, iterations=60)
    assert first == train_tone.fit(train, iterations=60)
    words = first.words()
    assert words["riveting"] > 0
    assert train_tone.kinds_of(first, train).get("riveting") == "sarcasm"
    harsh, kind = train[0], train[len(HARSH)]
    assert train_tone.top_logit(first, harsh) > train_tone.top_logit(first, kind)


def test_the_sets_kept_for_measuring_are_refused(tmp_path: Path, capsys):
    blind = tmp_path / "heldout5a.jsonl"
    blind.write_text('{"id": "x-1", "text": "Fine.", "flag": false}\n')
    assert train_tone.main([str(blind), "--no-cv"]) == 2
    assert "for measuring only" in capsys.readouterr().err


def test_a_threshold_is_not_chosen_from_sets_with_nothing_to_flag(tmp_path: Path, capsys):
    files = []
    for name in ("a", "b"):
        path = tmp_path / f"train-{name}.jsonl"
        path.write_text(
            "".join(
                f'{{"id": "{name}-{i}", "text": "{text}", "flag": false}}\n'
                for i, text in enumerate(KIND)
            )
        )
        files.append(str(path))
    assert train_tone.main([*files, "--write"]) == 2
    assert "the threshold cannot be chosen" in capsys.readouterr().err
