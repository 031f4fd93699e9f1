"""`python -m accord.insights.eval_tone [files…]` (make eval-tone): the tone check on labelled
messages (evals/tone/*.jsonl by default). Prints, per set and overall, TP/FP/FN/TN, precision,
recall and F1 with the misclassified messages, and exits 1 when the precision is below 0.90 or
the recall below 0.85 (2 when a file is malformed) — on the unseen sets (heldout5*.jsonl: no
weight was fitted and no feature written on them) when they are among the files, else on all."""

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from accord.insights.tone import KINDS, ToneContext, ToneReport, assess

EVALS = Path(__file__).resolve().parents[2] / "evals" / "tone"
MIN_PRECISION, MIN_RECALL = 0.90, 0.85
BLIND = "heldout5"  # the sets kept for measuring: never trained on, never read while tuning
FIELDS = {"id", "text", "flag", "kinds", "context", "note"}
CONTEXT_DATES = {"today", "due_on"}
CONTEXT_COUNTS = {"rounds_included", "rounds_used"}


class MalformedSet(Exception):
    """A line of an evaluation set that is not a valid case; the message names file:line."""


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    flag: bool
    kinds: tuple[str, ...] = ()
    context: ToneContext | None = None
    note: str = ""


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    missed: list[tuple[Case, ToneReport]] = field(default_factory=list)
    false_alarms: list[tuple[Case, ToneReport]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Tally") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn


def parse_case(line: str, where: str) -> Case:
    """One JSON line as a case, or MalformedSet saying what is wrong at `where` (file:line)."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedSet(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise MalformedSet(f"{where}: a case is a JSON object")
    if unknown := set(data) - FIELDS:
        raise MalformedSet(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if not isinstance(data.get("id"), str) or not data["id"].strip():
        raise MalformedSet(f"{where}: 'id' must be a non-empty string")
    if not isinstance(data.get("text"), str):
        raise MalformedSet(f"{where}: 'text' must be a string")
    if not isinstance(data.get("flag"), bool):
        raise MalformedSet(f"{where}: 'flag' must be true or false")
    kinds = data.get("kinds", [])
    if not isinstance(kinds, list) or any(k not in KINDS for k in kinds):
        raise MalformedSet(f"{where}: 'kinds' must be a list of {', '.join(KINDS)}")
    if not isinstance(data.get("note", ""), str):
        raise MalformedSet(f"{where}: 'note' must be a string")
    return Case(
        id=data["id"],
        text=data["text"],
        flag=data["flag"],
        kinds=tuple(kinds),
        context=_context(data.get("context"), where),
        note=data.get("note", ""),
    )


def _context(raw: Any, where: str) -> ToneContext | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise MalformedSet(f"{where}: 'context' must be an object")
    allowed = CONTEXT_DATES | CONTEXT_COUNTS | {"recipient_name"}
    if unknown := set(raw) - allowed:
        raise MalformedSet(f"{where}: unknown context field(s) {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for name in CONTEXT_DATES & set(raw):
        try:
            values[name] = date.fromisoformat(raw[name])
        except (TypeError, ValueError):
            raise MalformedSet(f"{where}: context '{name}' must be an ISO date") from None
    for name in CONTEXT_COUNTS & set(raw):
        if not isinstance(raw[name], int) or isinstance(raw[name], bool) or raw[name] < 0:
            raise MalformedSet(f"{where}: context '{name}' must be a whole number ≥ 0")
        values[name] = raw[name]
    if "recipient_name" in raw:
        if not isinstance(raw["recipient_name"], str):
            raise MalformedSet(f"{where}: context 'recipient_name' must be a string")
        values["recipient_name"] = raw["recipient_name"]
    return ToneContext(**values)


def load(path: Path) -> list[Case]:
    """Every case of a set, in order; ids are unique within it."""
    cases: list[Case] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = parse_case(line, f"{path}:{number}")
        if case.id in seen:
            raise MalformedSet(f"{path}:{number}: id {case.id!r} appears twice")
        seen.add(case.id)
        cases.append(case)
    return cases


def evaluate(cases: list[Case]) -> Tally:
    tally = Tally()
    for case in cases:
        report = assess(case.text, case.context)
        if report.flagged and case.flag:
            tally.tp += 1
        elif report.flagged:
            tally.fp += 1
            tally.false_alarms.append((case, report))
        elif case.flag:
            tally.fn += 1
            tally.missed.append((case, report))
        else:
            tally.tn += 1
    return tally


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_tally(name: str, tally: Tally, out: TextIO, *, details: bool = True) -> None:
    print(
        f"{name}: {tally.count} messages, TP {tally.tp}  FP {tally.fp}  FN {tally.fn}  "
        f"TN {tally.tn}  precision {tally.precision:.3f}  recall {tally.recall:.3f}  "
        f"F1 {tally.f1:.3f}",
        file=out,
    )
    if not details:
        return
    for case, _ in tally.missed:
        kinds = ", ".join(case.kinds) or "?"
        print(f"  missed      {case.id}  ({kinds})  {_short(case.text)}", file=out)
    for case, report in tally.false_alarms:
        found = "; ".join(f"{f.kind} “{case.text[f.start : f.end]}”" for f in report.findings)
        print(
            f"  false alarm {case.id}  {_short(case.text)}\n              found: {found}", file=out
        )


def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m accord.insights.eval_tone",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument(
        "files", nargs="*", type=Path, help="JSONL sets (default: every evals/tone/*.jsonl)"
    )
    args = parser.parse_args(argv)
    files = args.files or sorted(EVALS.glob("*.jsonl"))
    if not files:
        print(f"No evaluation sets in {EVALS}.", file=out)
        return 2
    overall = Tally()
    try:
        sets = [(path, load(path)) for path in files]
    except (MalformedSet, OSError) as exc:
        print(f"error: {exc}", file=out)
        return 2
    unseen = Tally()
    for path, cases in sets:
        tally = evaluate(cases)
        print_tally(path.name, tally, out)
        overall.add(tally)
        if path.name.startswith(BLIND):
            unseen.add(tally)
    print_tally("overall", overall, out, details=False)
    judged, where = overall, ""
    if unseen.count:
        print_tally(f"unseen ({BLIND}*, never trained on)", unseen, out, details=False)
        judged, where = unseen, " on the unseen sets"
    if judged.precision < MIN_PRECISION or judged.recall < MIN_RECALL:
        print(
            f"FAILED: needs precision ≥ {MIN_PRECISION:.2f} and recall ≥ {MIN_RECALL:.2f}{where}.",
            file=out,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
