"""`python -m accord.insights.train_tone [--write] [files…]` (make train-tone): fits the tone
check's sentence weights (tone_sentence.FEATURES) on labelled sets and, with --write, commits
them to tone_weights.py. Pure Python, deterministic (no randomness, fixed iterations).

The labels are on messages, not sentences: a message is harsh when one of its sentences is.
So the model is a logistic regression over a sentence's features whose message score is the
smooth maximum (log-sum-exp) of its sentences' logits (multiple-instance learning); at check
time a sentence is harsh when its own logit reaches the threshold. Before fitting on everything
it reports how the features generalise: trained on one set and scored on the other, both ways,
and five folds over the two together. By default it trains on dev.jsonl and heldout.jsonl only.
"""

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

from accord.insights import tone, tone_sentence
from accord.insights.eval_tone import EVALS, Case, load

TRAIN_SETS = ("dev.jsonl", "heldout.jsonl")
ITERATIONS = 800
L2 = 0.02
TARGET_PRECISION = 0.92  # the threshold: the lowest whose cross-validated precision reaches it
# The rules' findings weigh the bias's opposite plus RULE_MARGIN, set rather than fitted: the
# rules were written to fit dev.jsonl, so fitted on it their weight would drown every other
# feature. A sentence with a rule's finding and nothing else scores RULE_MARGIN; the finding is
# dropped only when what softens the sentence (warmth, ownership, a hedge, "please") outweighs it.
RULE_MARGIN = 2.5
RULE = tone_sentence.INDEX["rule"]
WEIGHTS_FILE = Path(tone_sentence.__file__).with_name("tone_weights.py")

Sparse = list[tuple[int, float]]


@dataclass(frozen=True)
class Example:
    id: str
    flag: bool
    sentences: tuple[Sparse, ...]  # each sentence's features, as (index, value)
    promised: bool  # an unsupported promise is found: flagged whatever the score


def examples(cases: list[Case]) -> list[Example]:
    """Each case's sentences as features, through the check's own masking, split and rules."""
    out = []
    for case in cases:
        found = tone.sentence_features(case.text, case.context)
        sentences = tuple(
            [(tone_sentence.INDEX[name], value) for name, value in f.items()] for f, _ in found
        )
        out.append(Example(case.id, case.flag, sentences, any(p for _, p in found)))
    return out


def _logit(weights: list[float], sentence: Sparse) -> float:
    return sum(weights[i] * v for i, v in sentence)


def fit(train: list[Example], iterations: int = ITERATIONS) -> list[float]:
    """Weights minimising the log-loss of log-sum-exp pooled sentence logits, with L2 (not on
    the bias), by Adam on the full set. The rule feature weighs nothing while the others are
    fitted (they learn to find harsh sentences on their own), then RULE_MARGIN − bias."""
    n = len(tone_sentence.NAMES)
    weights = [0.0] * n
    weights[0] = -2.0
    m, v = [0.0] * n, [0.0] * n
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    usable = [e for e in train if e.sentences and not (e.promised and e.flag)]
    for step in range(1, iterations + 1):
        grad = [0.0] * n
        for e in usable:
            logits = [_logit(weights, s) for s in e.sentences]
            top = max(logits)
            exps = [math.exp(z - top) for z in logits]
            total = sum(exps)
            pooled = top + math.log(total)
            p = 1 / (1 + math.exp(-pooled)) if pooled > -30 else 0.0
            error = p - (1.0 if e.flag else 0.0)
            for s, x in zip(e.sentences, exps, strict=True):
                share = error * x / total
                for i, value in s:
                    grad[i] += share * value
        for i in range(n):
            if i == RULE:
                continue
            g = grad[i] / len(usable) + (L2 * weights[i] / len(usable) * 10 if i else 0.0)
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            m_hat = m[i] / (1 - beta1**step)
            v_hat = v[i] / (1 - beta2**step)
            weights[i] -= rate * m_hat / (math.sqrt(v_hat) + 1e-8)
    weights[RULE] = RULE_MARGIN - weights[0]
    return weights


def top_logit(weights: list[float], e: Example) -> float:
    if e.promised:
        return math.inf
    return max((_logit(weights, s) for s in e.sentences), default=-math.inf)


def tally(scored: list[tuple[float, bool]], threshold: float) -> tuple[int, int, int, int]:
    tp = sum(1 for z, y in scored if z >= threshold and y)
    fp = sum(1 for z, y in scored if z >= threshold and not y)
    fn = sum(1 for z, y in scored if z < threshold and y)
    tn = len(scored) - tp - fp - fn
    return tp, fp, fn, tn


def line(name: str, scored: list[tuple[float, bool]], threshold: float) -> str:
    tp, fp, fn, tn = tally(scored, threshold)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return (
        f"{name}: threshold {threshold:+.2f}  TP {tp}  FP {fp}  FN {fn}  TN {tn}  "
        f"precision {p:.3f}  recall {r:.3f}"
    )


def choose_threshold(parts: list[list[tuple[float, bool]]]) -> float:
    """The lowest threshold (in steps of 0.05) at which every set's cross-validated precision
    reaches TARGET_PRECISION."""
    for step in range(-40, 81):
        threshold = step / 20
        if all(_precision(part, threshold) >= TARGET_PRECISION for part in parts):
            return threshold
    return 4.0


def _precision(scored: list[tuple[float, bool]], threshold: float) -> float:
    tp, fp, _, _ = tally(scored, threshold)
    return tp / (tp + fp) if tp + fp else 1.0


def cross_validate(
    sets: dict[str, list[Example]], out: list[str]
) -> list[list[tuple[float, bool]]]:
    """Trained on each set and scored on the other, then five folds over all: each set's
    messages scored by models that did not see them."""
    names = list(sets)
    thresholds = (0.0, 0.5, 1.0, 1.5)
    if len(names) == 2:
        for train_name, test_name in (names, names[::-1]):
            w = fit(sets[train_name])
            scored = [(top_logit(w, e), e.flag) for e in sets[test_name]]
            for threshold in thresholds:
                out.append(
                    line(f"trained on {train_name}, scored on {test_name}", scored, threshold)
                )
    everything = [e for name in names for e in sets[name]]
    unseen: list[tuple[float, bool]] = [(0.0, False)] * len(everything)
    for fold in range(5):
        w = fit([e for i, e in enumerate(everything) if i % 5 != fold])
        for i, e in enumerate(everything):
            if i % 5 == fold:
                unseen[i] = (top_logit(w, e), e.flag)
    parts, start = [], 0
    for name in names:
        parts.append(unseen[start : start + len(sets[name])])
        start += len(sets[name])
    for threshold in thresholds:
        out.append(line("five folds, scored unseen", unseen, threshold))
        for name, part in zip(names, parts, strict=True):
            out.append(line(f"  of which {name}", part, threshold))
    return parts


def render(weights: list[float], threshold: float, sources: list[str]) -> str:
    rows = "\n".join(
        f"    {w:+.4f},  # {name}" for name, w in zip(tone_sentence.NAMES, weights, strict=True)
    )
    return (
        '"""The tone check\'s sentence weights (tone_sentence.FEATURES, in order) and threshold,\n'
        "written by `python -m accord.insights.train_tone --write` from "
        f"{', '.join(sources)}.\n"
        'Do not edit by hand: change the features or the sets and train again."""\n\n'
        f"THRESHOLD = {threshold:.2f}\n"
        f"WEIGHTS: tuple[float, ...] = (\n{rows}\n)\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m accord.insights.train_tone")
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--write", action="store_true", help="write tone_weights.py")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args(argv)
    files = args.files or [EVALS / name for name in TRAIN_SETS]
    sets = {path.name: examples(load(path)) for path in files}
    report: list[str] = []
    unseen = None if args.no_cv else cross_validate(sets, report)
    everything = [e for examples_ in sets.values() for e in examples_]
    weights = fit(everything)
    threshold = choose_threshold(unseen) if unseen else tone_sentence.THRESHOLD
    for name, part in zip(sets, unseen or [], strict=False):
        report.append(line(f"chosen threshold, five folds, {name}", part, threshold))
    report.append(
        line(
            "all sets, fitted on them (not a measure)",
            [(top_logit(weights, e), e.flag) for e in everything],
            threshold,
        )
    )
    for name, w in sorted(zip(tone_sentence.NAMES, weights, strict=True), key=lambda x: -abs(x[1])):
        report.append(f"  {name:<22} {w:+.3f}")
    sys.stdout.write("\n".join(report) + "\n")
    if args.write:
        WEIGHTS_FILE.write_text(render(weights, threshold, [p.name for p in files]))
        sys.stdout.write(f"wrote {WEIGHTS_FILE} (threshold {threshold:+.2f})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
