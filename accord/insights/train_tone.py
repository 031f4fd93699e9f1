"""`python -m accord.insights.train_tone [--write] [files…]` (make train-tone): fits the tone
check's sentence weights (tone_sentence.FEATURES) and its learned wording (words and word pairs)
on labelled sets and, with --write, commits them to tone_weights.py and data/tone_lexicon.json.
Deterministic (no randomness, fixed iterations). A development tool: it uses numpy (a dev
dependency); the check itself reads the committed weights in plain Python.

The labels are on messages, not sentences: a message is harsh when one of its sentences is.
So the model is a logistic regression over a sentence's features whose message score is the
smooth maximum (log-sum-exp) of its sentences' logits (multiple-instance learning); at check
time a sentence is harsh when its own logit reaches the threshold and the check can say why
(tone_sentence.harsh).

The wording is fitted beside the features, on every sentence, with a stronger L2 penalty, on
the words and word pairs found in at least WORD_MIN_MESSAGES messages of at least WORD_MIN_SETS
sets (sets are written by different people: a word only one writer uses is their habit, not the
tone). Before fitting on everything it reports how the whole generalises: each set scored by a
model fitted on the others (the threshold is chosen on these), then five folds over them all.
By default it trains on TRAIN_SETS and every file in evals/tone/train/, never on the sets kept
for measuring (BLIND).
"""

import argparse
import math
import sys
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from accord.insights import tone, tone_grams, tone_lexicon, tone_sentence
from accord.insights.eval_tone import BLIND, EVALS, Case, load

TRAIN_SETS = (
    "dev.jsonl",
    "heldout.jsonl",
    "heldout2.jsonl",
    "heldout3.jsonl",
    "heldout4a.jsonl",
    "heldout4b.jsonl",
    "heldout4c.jsonl",
)
TRAIN_DIR = EVALS / "train"
ITERATIONS = 500
L2 = 0.02
L2_WORDS = 0.1
WORD_MIN_MESSAGES, WORD_MIN_SETS = 3, 2
WORD_KEEP = 0.02  # wording weights smaller than this are left out of the lexicon
TARGET_PRECISION = 0.90  # the threshold: the lowest whose cross-validated precision reaches it
WORDING = tone_sentence.INDEX["wording"]  # set to 1.0: its value is the words' fitted weights
WEIGHTS_FILE = Path(tone_sentence.__file__).with_name("tone_weights.py")
LEXICON_FILE = tone_lexicon.FILE

Sparse = list[tuple[int, float]]


@dataclass(frozen=True)
class Example:
    id: str
    source: str  # the set it comes from
    flag: bool
    kinds: tuple[str, ...]
    sentences: tuple[Sparse, ...]  # each sentence's features, as (index, value)
    grams: tuple[frozenset[str], ...]  # each sentence's words and word pairs
    promised: bool  # a finding kept whatever the score (an unsupported promise, an insult)


@dataclass(frozen=True)
class Model:
    weights: list[float]  # the features' weights, then the vocabulary's
    vocabulary: dict[str, int]  # word or pair → its index in weights

    def words(self) -> dict[str, float]:
        return {g: self.weights[i] for g, i in self.vocabulary.items()}


def examples(cases: list[Case], source: str) -> list[Example]:
    """Each case's sentences as features, through the check's own masking, split and rules."""
    out = []
    for case in cases:
        found = tone.sentence_features(case.text, case.context)
        sentences = tuple(
            [(tone_sentence.INDEX[name], value) for name, value in f.items()] for f, _, _ in found
        )
        out.append(
            Example(
                case.id,
                source,
                case.flag,
                case.kinds,
                sentences,
                tuple(frozenset(g) for _, _, g in found),
                any(p for _, p, _ in found),
            )
        )
    return out


def vocabulary(train: list[Example]) -> dict[str, int]:
    """The words and pairs worth a weight: in enough messages of enough sets."""
    messages: Counter[str] = Counter()
    sources: defaultdict[str, set[str]] = defaultdict(set)
    for e in train:
        for g in frozenset().union(*e.grams):
            messages[g] += 1
            sources[g].add(e.source)
    kept = sorted(
        g
        for g, n in messages.items()
        if n >= WORD_MIN_MESSAGES and len(sources[g]) >= WORD_MIN_SETS
    )
    base = len(tone_sentence.NAMES)
    return {g: base + i for i, g in enumerate(kept)}


def _vectors(e: Example, vocab: dict[str, int]) -> list[Sparse]:
    return [
        s + [(vocab[g], 1.0) for g in sorted(grams) if g in vocab]
        for s, grams in zip(e.sentences, e.grams, strict=True)
    ]


@dataclass(frozen=True)
class _Design:
    """The fitted messages' sentences as one sparse matrix (COO: entry → sentence, column,
    value), each sentence's message, and each message's label."""

    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray
    starts: np.ndarray  # the first sentence of each message (sentences are in message order)
    owner: np.ndarray  # sentence → message
    labels: np.ndarray
    width: int


def _design(train: list[Example], vocab: dict[str, int]) -> _Design:
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    starts: list[int] = []
    owner: list[int] = []
    labels: list[float] = []
    for e in train:
        if (e.promised and e.flag) or not e.sentences:
            continue  # kept whatever the score: the score is not what flags it
        starts.append(len(owner))
        for vector in _vectors(e, vocab):
            for i, value in vector:
                rows.append(len(owner))
                columns.append(i)
                values.append(value)
            owner.append(len(labels))
        labels.append(1.0 if e.flag else 0.0)
    return _Design(
        np.array(rows, dtype=np.int64),
        np.array(columns, dtype=np.int64),
        np.array(values, dtype=np.float64),
        np.array(starts, dtype=np.int64),
        np.array(owner, dtype=np.int64),
        np.array(labels, dtype=np.float64),
        len(tone_sentence.NAMES) + len(vocab),
    )


def fit(train: list[Example], iterations: int = ITERATIONS) -> Model:
    """Weights minimising the log-loss of log-sum-exp pooled sentence logits, with L2 (not on
    the bias; far stronger on the wording), by Adam on the full set. The wording feature
    stands for the words' own weights, fitted here one by one. Every sentence is fitted: the
    wording learns which words make a sentence harsh whatever else is in it."""
    vocab = vocabulary(train)
    d = _design(train, vocab)
    base = len(tone_sentence.NAMES)
    n, sentences = d.width, len(d.owner)
    weights = np.zeros(n)
    weights[0] = -2.0
    penalty = np.full(n, L2 * 10)
    penalty[base:] = L2_WORDS * 10
    penalty[0] = 0.0
    frozen = np.zeros(n, dtype=bool)
    frozen[WORDING] = True
    m, v = np.zeros(n), np.zeros(n)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    count = max(len(d.labels), 1)
    for step in range(1, iterations + 1):
        logits = np.bincount(d.rows, d.values * weights[d.columns], minlength=sentences)
        top = np.maximum.reduceat(logits, d.starts) if sentences else np.zeros(0)
        exps = np.exp(logits - top[d.owner])
        total = np.bincount(d.owner, exps, minlength=len(d.labels))
        pooled = top + np.log(total)
        error = 1 / (1 + np.exp(-np.clip(pooled, -30, 30))) - d.labels
        share = error[d.owner] * exps / total[d.owner]
        grad = (
            np.bincount(d.columns, d.values * share[d.rows], minlength=n) + penalty * weights
        ) / count
        grad[frozen] = 0.0
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        weights -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    weights[WORDING] = 0.0  # its value is counted through the words themselves here
    return Model([float(w) for w in weights], vocab)


def top_logit(model: Model, e: Example) -> float:
    """The message's score as assess() reads it (tone_sentence.harsh): its harshest sentence
    that a feature with a kind explains (tone_sentence.explained) or that holds a word or pair
    weighing tone_grams.HARSH_WORD or more; an unsupported promise flags it whatever."""
    if e.promised:
        return math.inf
    named = dict(zip(tone_sentence.NAMES, model.weights, strict=False))
    named["wording"] = 1.0
    best = -math.inf
    for s, grams, vector in zip(e.sentences, e.grams, _vectors(e, model.vocabulary), strict=True):
        worded = any(
            model.weights[model.vocabulary[g]] >= tone_grams.HARSH_WORD
            for g in grams
            if g in model.vocabulary
        )
        if worded or tone_sentence.explained({tone_sentence.NAMES[i]: v for i, v in s}, named):
            best = max(best, _logit(model.weights, vector))
    return best


def _logit(weights: list[float], sentence: Sparse) -> float:
    return sum(weights[i] * v for i, v in sentence)


def tally(scored: list[tuple[float, bool]], threshold: float) -> tuple[int, int, int, int]:
    tp = sum(1 for z, y in scored if z >= threshold and y)
    fp = sum(1 for z, y in scored if z >= threshold and not y)
    fn = sum(1 for z, y in scored if z < threshold and y)
    tn = len(scored) - tp - fp - fn
    return tp, fp, fn, tn


def line(name: str, scored: list[tuple[float, bool]], threshold: float) -> str:
    tp, fp, fn, tn = tally(scored, threshold)
    if not tp + fn:  # courteous messages only: nothing to find, only false alarms
        return f"{name}: threshold {threshold:+.2f}  false alarms {fp} of {fp + tn}"
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return (
        f"{name}: threshold {threshold:+.2f}  TP {tp}  FP {fp}  FN {fn}  TN {tn}  "
        f"precision {p:.3f}  recall {r:.3f}"
    )


def choose_threshold(scored: list[tuple[float, bool]]) -> float:
    """The lowest threshold (in steps of 0.05) from which on the precision of every set scored
    by a model fitted on the others (all sets together) stays at TARGET_PRECISION or above."""
    steps = [step / 20 for step in range(-40, 81)]
    chosen = 4.0
    for threshold in reversed(steps):
        tp, fp, _, _ = tally(scored, threshold)
        if tp + fp and tp / (tp + fp) < TARGET_PRECISION:
            break
        chosen = threshold
    return chosen


def cross_validate(sets: dict[str, list[Example]], out: list[str]) -> list[tuple[float, bool]]:
    """Each set scored by a model fitted on the others (how a new writer's messages fare: what
    the threshold is chosen on, returned), then five folds over all of them."""
    names = list(sets)
    thresholds = (0.0, 0.5, 1.0, 1.5)
    by_writer: list[tuple[float, bool]] = []
    for name in names:
        model = fit([e for other in names if other != name for e in sets[other]])
        scored = [(top_logit(model, e), e.flag) for e in sets[name]]
        if any(flag for _, flag in scored):
            by_writer += scored
        # A set of courteous messages only is training data, not a sample of the mix the check
        # is measured on (about 45 % to flag): its false alarms are shown, not pooled.
        for threshold in thresholds:
            out.append(line(f"fitted on the others, scored on {name}", scored, threshold))
    for threshold in thresholds:
        out.append(line("each set fitted on the others, together", by_writer, threshold))
    everything = [e for name in names for e in sets[name]]
    unseen: list[tuple[float, bool]] = [(0.0, False)] * len(everything)
    for fold in range(5):
        model = fit([e for i, e in enumerate(everything) if i % 5 != fold])
        for i, e in enumerate(everything):
            if i % 5 == fold:
                unseen[i] = (top_logit(model, e), e.flag)
    for threshold in thresholds:
        out.append(line("five folds, scored unseen", unseen, threshold))
    return by_writer


def kinds_of(model: Model, train: list[Example]) -> dict[str, str]:
    """For each harsh word or pair: the kind most often named on the flagged messages that
    hold it (promises aside: the score does not judge them)."""
    harsh = {g for g, w in model.words().items() if w >= WORD_KEEP}
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for e in train:
        if not e.flag:
            continue
        for g in harsh & frozenset().union(*e.grams):
            counts[g].update(k for k in e.kinds if k != "promise")
    return {g: max(sorted(c), key=lambda k: c[k]) for g, c in sorted(counts.items()) if c}


def render_weights(weights: list[float], threshold: float, sources: list[str]) -> str:
    rows = "\n".join(
        f"    {w:+.4f},  # {name}"
        for name, w in zip(tone_sentence.NAMES, weights[: len(tone_sentence.NAMES)], strict=True)
    )
    return (
        '"""The tone check\'s sentence weights (tone_sentence.FEATURES, in order) and threshold,\n'
        "written by `python -m accord.insights.train_tone --write` from\n"
        f"{_wrapped(', '.join(sources))}.\n"
        'Do not edit by hand: change the features or the sets and train again."""\n\n'
        f"THRESHOLD = {threshold:.2f}\n"
        f"WEIGHTS: tuple[float, ...] = (\n{rows}\n)\n"
    )


def _wrapped(text: str, width: int = 96) -> str:
    return "\n".join(textwrap.wrap(text, width))


def default_files() -> list[Path]:
    return [EVALS / name for name in TRAIN_SETS] + sorted(TRAIN_DIR.glob("*.jsonl"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m accord.insights.train_tone")
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--write", action="store_true", help="write the weights and lexicon")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    if any(path.name.startswith(BLIND) for path in files):
        sys.stderr.write(f"{BLIND}* sets are for measuring only: not trained on.\n")
        return 2
    if args.write and args.no_cv:
        sys.stderr.write("--write needs the cross-validation: the threshold is chosen on it.\n")
        return 2
    sets = {path.name: examples(load(path), path.name) for path in files}
    report: list[str] = []
    unseen = None if args.no_cv else cross_validate(sets, report)
    if unseen is not None and not unseen:
        sys.stderr.write("No set has a message to flag: the threshold cannot be chosen.\n")
        return 2
    everything = [e for examples_ in sets.values() for e in examples_]
    model = fit(everything)
    threshold = choose_threshold(unseen) if unseen else tone_sentence.THRESHOLD
    if unseen:
        report.append(line("chosen threshold, each set fitted on the others", unseen, threshold))
    report.append(
        line(
            "all sets, fitted on them (not a measure)",
            [(top_logit(model, e), e.flag) for e in everything],
            threshold,
        )
    )
    for name, w in sorted(
        zip(tone_sentence.NAMES, model.weights, strict=False), key=lambda x: -abs(x[1])
    ):
        report.append(f"  {name:<22} {w:+.3f}")
    ranked = sorted(model.words().items(), key=lambda x: -x[1])
    report.append("  harshest wording: " + ", ".join(f"{g} {w:+.2f}" for g, w in ranked[:20]))
    report.append("  warmest wording: " + ", ".join(f"{g} {w:+.2f}" for g, w in ranked[-10:]))
    sys.stdout.write("\n".join(report) + "\n")
    if args.write:
        sources = [p.name for p in files]
        weights = list(model.weights)
        weights[WORDING] = 1.0
        WEIGHTS_FILE.write_text(render_weights(weights, threshold, sources))
        kept = {g: w for g, w in model.words().items() if abs(w) >= WORD_KEEP}
        named = {g: k for g, k in kinds_of(model, everything).items() if g in kept}
        LEXICON_FILE.write_text(tone_lexicon.render(kept, named, sources), encoding="utf-8")
        sys.stdout.write(f"wrote {WEIGHTS_FILE} and {LEXICON_FILE} (threshold {threshold:+.2f})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
