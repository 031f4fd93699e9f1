"""The tone check's learned wording: words and word pairs (and "^ word", a sentence's opening
word; "~…", the same with the reader and the writer as one word each and endings cut) with their
weights, and the kind each harsh one points to. Stored in data/tone_lexicon.json, written by
`python -m accord.insights.train_tone --write`; read once, on first use. Pure: no Django."""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

FILE = Path(__file__).with_name("data") / "tone_lexicon.json"


@cache
def _load() -> tuple[dict[str, float], dict[str, str]]:
    data = json.loads(FILE.read_text(encoding="utf-8"))
    return (
        {str(g): float(w) for g, w in data["wording"].items()},
        {str(g): str(k) for g, k in data["kinds"].items()},
    )


def wording() -> dict[str, float]:
    """Word or pair → its weight in a sentence's logit."""
    return _load()[0]


def kinds() -> dict[str, str]:
    """Harsh word or pair → the kind of finding it points to."""
    return _load()[1]


@dataclass(frozen=True)
class Index:
    """The wording split by form, so that a sentence is weighed by looking its words up, without
    building every pair's string (tone_grams.weighed): a word, a pair as first word → second
    word → weight, an opening word, and the plain forms ("~…") the same way."""

    words: dict[str, float]
    pairs: dict[str, dict[str, float]]
    openings: dict[str, float]
    plain_words: dict[str, float]
    plain_pairs: dict[str, dict[str, float]]
    # What tone_grams.weighed has looked up for each word it read: kept with this index, so it
    # never outlives the weights it was read from.
    seen: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@cache
def index() -> Index:
    words: dict[str, float] = {}
    pairs: dict[str, dict[str, float]] = {}
    openings: dict[str, float] = {}
    plain_words: dict[str, float] = {}
    plain_pairs: dict[str, dict[str, float]] = {}
    for gram, weight in wording().items():
        plain = gram.startswith("~")
        body = gram[1:] if plain else gram
        if gram.startswith("^ "):
            openings[gram[2:]] = weight
        elif " " in body:
            first, second = body.split(" ", 1)
            (plain_pairs if plain else pairs).setdefault(first, {})[second] = weight
        else:
            (plain_words if plain else words)[body] = weight
    return Index(words, pairs, openings, plain_words, plain_pairs)


def render(wording: dict[str, float], kinds: dict[str, str], sources: list[str]) -> str:
    """The lexicon file's text: one entry a line, sorted, so a refit's diff reads."""
    data = {
        "written_by": "python -m accord.insights.train_tone --write",
        "from": sources,
        "wording": {g: round(w, 4) for g, w in sorted(wording.items())},
        "kinds": dict(sorted(kinds.items())),
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
