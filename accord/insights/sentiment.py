"""How a client's message reads: VADER's general lexicon, plus the phrases that carry an
agency client's mood ("still waiting", "not what we asked for", "spot on"). Pure and
deterministic, no Django imports; English only, like the tone check.

Quoted history ("> …" lines, "On … wrote:" and below) is not the client's new words and is left
out. The score is in −1 (unhappy) … +1 (happy); the label is what the agency sees.
"""

import re
from dataclasses import dataclass
from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# What is scored: the start of the client's new words (the gist of a message; a longer one is
# scored on its first 3,000 characters).
MAX_CHARS = 3_000
# VADER's cost grows with the square of a text's words (negations, capitals and emoji, which it
# spells out as words, make it worse), and a message is scored in the transaction that posts it:
# VADER reads the first 200 words, in pieces of at most PIECE_WORDS (a few milliseconds at worst
# each), emoji and other pictographs left out. The agency phrases are looked for in all of it.
PIECE_WORDS = 25
PIECES = 8
VADER_CHARS = 2_000
NEGATIVE_BELOW = -0.2
POSITIVE_FROM = 0.3


@dataclass(frozen=True)
class Cue:
    phrase: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True)
class Sentiment:
    score: float
    label: str  # "negative", "neutral" or "positive"
    cues: tuple[Cue, ...]


# The agency's own lexicon: what a client writes when a job is slipping, or going well. Weights
# add to VADER's compound (−1…+1) and the sum is clamped; each phrase counts once per message.
_PHRASES: tuple[tuple[str, float], ...] = (
    (r"still (?:waiting|haven'?t|have not|not|no)\b", -0.35),
    (r"not what (?:we|i) (?:asked|wanted|briefed|agreed)(?: for)?", -0.45),
    (r"(?:yet|once) again|again\?|(?:for )?the (?:second|third|fourth|fifth|umpteenth) time", -0.3),
    (r"\blate(?:r than (?:agreed|promised|planned))?\b|\boverdue\b|behind schedule", -0.25),
    (r"missed (?:the |our |another )?(?:deadline|date|slot)", -0.35),
    (r"disappoint(?:ed|ing|ment)", -0.4),
    (r"frustrat(?:ed|ing|ion)", -0.4),
    (r"unacceptable|not acceptable|not good enough|expected (?:better|more)", -0.45),
    (r"\bchas(?:e|ing|ed)\b", -0.25),
    (r"(?:no ?one|nobody) (?:has )?(?:got|gotten|come|replied|responded)", -0.35),
    (r"any (?:update|news)\b|where (?:are we|is it|are things) (?:with|on)", -0.15),
    (r"\bconcern(?:ed|ing|s)?\b|\bworr(?:ied|ying)\b", -0.2),
    (r"not (?:happy|pleased|impressed|convinced)", -0.4),
    (r"\blet down\b|\bescalat(?:e|ing)\b|\bwaste of\b", -0.4),
    (r"over (?:the )?budget|more than (?:we )?(?:agreed|quoted)", -0.3),
    (r"\burgent(?:ly)?\b|\basap\b", -0.15),
    (r"\bspot on\b|\bnailed it\b|\bexactly what we (?:wanted|needed|asked for)\b", 0.35),
    (r"\blove (?:it|this|them|the)\b|\bdelighted\b|\bthrilled\b", 0.3),
    (r"\b(?:great|brilliant|fantastic|excellent|superb) (?:work|job)\b|\bwell done\b", 0.3),
    (r"\bthank(?:s| you) (?:so much|again|for (?:turning|getting|all))\b", 0.2),
    (r"\bahead of schedule\b|\bearly\b", 0.15),
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_PICTOGRAPHS = re.compile(r"[^\u0000-\u2bff\u3000-\uffff]|[\u2190-\u2bff]")
_CUES = tuple((re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in _PHRASES)
_QUOTED = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_HISTORY = re.compile(
    r"^[ \t]*(?:On .{0,200}wrote:|-{2,} ?Original Message ?-{2,}"
    r"|From: .+\n[ \t]*(?:Sent|Date|To): )",
    re.MULTILINE,
)


@cache
def analyzer() -> SentimentIntensityAnalyzer:
    """VADER, loaded once (its lexicon takes a few milliseconds to read)."""
    return SentimentIntensityAnalyzer()


def new_words(text: str) -> str:
    """The client's own words: the text before any quoted history, with quoted lines blanked
    (same length, so offsets stay those of the original)."""
    text = text[:MAX_CHARS]
    history = _HISTORY.search(text)
    if history is not None:
        text = text[: history.start()]
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def pieces(words: str) -> list[str]:
    """The text in pieces VADER reads quickly: its sentences, cut at PIECE_WORDS words, at most
    PIECES of them."""
    found: list[str] = []
    for sentence in _SENTENCE_END.split(_PICTOGRAPHS.sub(" ", words[:VADER_CHARS])):
        tokens = sentence.split()
        for start in range(0, len(tokens), PIECE_WORDS):
            found.append(" ".join(tokens[start : start + PIECE_WORDS]))
            if len(found) == PIECES:
                return found
    return [piece for piece in found if piece]


def _general(words: str) -> float:
    """VADER's compound score of the whole, as the words-weighted mean of its pieces'."""
    scored = [(len(p.split()), analyzer().polarity_scores(p)["compound"]) for p in pieces(words)]
    total = sum(n for n, _ in scored)
    return sum(n * value for n, value in scored) / total if total else 0.0


def score(text: str) -> Sentiment:
    """How `text` reads, with the agency phrases that moved it."""
    words = new_words(text)
    if not words.strip():
        return Sentiment(score=0.0, label="neutral", cues=())
    cues = tuple(
        Cue(phrase=found.group(), start=found.start(), end=found.end(), weight=weight)
        for pattern, weight in _CUES
        if (found := pattern.search(words)) is not None
    )
    general = _general(words)
    total = max(-1.0, min(1.0, general * 0.7 + sum(cue.weight for cue in cues)))
    total = round(total, 2)
    if total < NEGATIVE_BELOW:
        label = "negative"
    elif total >= POSITIVE_FROM:
        label = "positive"
    else:
        label = "neutral"
    return Sentiment(score=total, label=label, cues=tuple(sorted(cues, key=lambda c: c.start)))
