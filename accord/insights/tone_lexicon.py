"""The tone check's learned wording: words and word pairs (and "^ word", a sentence's opening
word; "~…", the same with the reader and the writer as one word each and endings cut) with their
weights, and the kind each harsh one points to. Stored in data/tone_lexicon.json, written by
`python -m accord.insights.train_tone --write`; read once, on first use. Pure: no Django."""

import json
from functools import cache
from pathlib import Path

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


def render(wording: dict[str, float], kinds: dict[str, str], sources: list[str]) -> str:
    """The lexicon file's text: one entry a line, sorted, so a refit's diff reads."""
    data = {
        "written_by": "python -m accord.insights.train_tone --write",
        "from": sources,
        "wording": {g: round(w, 4) for g, w in sorted(wording.items())},
        "kinds": dict(sorted(kinds.items())),
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
