"""The tone check's shared pieces: sentences, candidates, VADER, rule keys and tables, and the
guards every rule uses. Pure: no Django.

A rule looks for a grammatical shape — the reader as the subject of a fault, a sweeping "always"
aimed at them — and gives way to what makes the same words harmless: first person ("we missed"),
the reader as an object ("we sent you"), hedges and conditionals ("if you missed it"), negation
("not your fault"), warmth ("you always send lovely notes").

Speed: the patterns read the sentence in lower case (`rx` compiles them for it: Python's re.I is
several times slower), and each runs only on sentences holding one of its keys (`keys`, `table`,
`Sentence.has`): most patterns have nothing to match in most sentences."""

import re
import string
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, TypeVar

from vaderSentiment.vaderSentiment import N_SCALAR, SentimentIntensityAnalyzer, normalize

from accord.insights.tone_words import WORD_KEPT, keep, words

_READER = re.compile(r"\byou")
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_TOKENS = re.compile(r"[a-z][a-z']*")
_MARKS = ("!!", "??", "?!", "!?", '"', "'", "101")


def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A case-insensitive pattern compiled for lower-case text: its letters lowered (not those of
    escapes or group names), without re.I, which makes Python's matching several times slower."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern.startswith("(?P<", i):
            end = pattern.index(">", i) + 1
            out.append(pattern[i:end])
            i = end
        else:
            out.append(pattern[i].lower())
            i += 1
    return re.compile("".join(out), flags)


T = TypeVar("T")
KIND_ORDER = ("blame", "sarcasm", "condescension", "absolute", "command", "shouting", "promise")
Rewrite = str | Callable[[str], str]


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    why: str
    rewrite: Rewrite  # text, or a function of the span's text (with findings inside applied)
    source: str = ""  # the span's original text
    phrase: str = ""  # the key's phrase when not the span's own words
    wide: bool = False  # a sentence-wide finding that takes in those inside it

    @property
    def rank(self) -> int:
        return KIND_ORDER.index(self.kind)


_TAG_QUESTION = rx(
    r",\s*(?:did|didn't|do|don't|does|doesn't|have|haven't|has|hasn't|were|weren't|was|wasn't"
    r"|are|aren't|is|isn't|can|can't|will|won't|would|wouldn't)\s+(?:you|they|it|we)\s*\?$"
)


_BY_START: dict[str, set[str]] = {}  # every rule key of three letters or more, by its first three
# The rule keys each word seen so far begins with, kept within tone_words' bounds (a word longer
# than KEY_WORD_MAX — rule keys are far shorter — is looked up, not kept).
_KEYS_OF: dict[str, tuple[str, ...]] = {}
KEY_WORD_MAX = WORD_KEPT
_INDEXES: dict[int, tuple[frozenset[str], dict[str, list[int]]]] = {}


def keys(*wanted: str) -> frozenset[str]:
    """The words (or word beginnings, three letters or more) a rule needs one of before its
    pattern is worth running; registered, so that a sentence's words are found with them."""
    found: set[str] = set()
    for given in wanted:
        key = given.strip().lower()
        if key in _MARKS or key == "n't":
            found.add(key)
        elif word := _TOKENS.search(key):
            found.add(word.group())
            if len(word.group()) >= 3:
                _BY_START.setdefault(word.group()[:3], set()).add(word.group())
                _KEYS_OF.clear()  # a word's keys are looked up again with this one
    return frozenset(found)


def words_of(lower: str, tokens: list[str] | None = None) -> set[str]:
    """The words of a lower-case text, the rule keys they begin with, and the marks rules look
    for: what a rule's keys are looked up in."""
    found = set(_TOKENS.findall(lower) if tokens is None else tokens)
    known = _KEYS_OF
    extra: list[str] = []
    for token in found:
        begun = known.get(token)
        if begun is None:
            keys_here = _BY_START.get(token[:3])
            begun = tuple(k for k in keys_here if token.startswith(k)) if keys_here else ()
            keep(known, token, begun)
        if begun:
            extra.extend(begun)
    found.update(extra)
    if "'" in lower or '"' in lower or "!" in lower or "?" in lower or "101" in lower:
        if "n't" in lower:
            found.add("n't")
        found.update(mark for mark in _MARKS if mark in lower)
    return found


def table(entries: list[T]) -> list[T]:
    """A rule table whose entries are (keys, pattern, …), keys as a tuple of strings: its keys
    registered and indexed by word, so a sentence finds the entries worth trying at once."""
    by_word: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        for word in keys(*entry[0]):  # type: ignore[index]
            by_word.setdefault(word, []).append(i)
    _INDEXES[id(entries)] = (frozenset(by_word), by_word)
    return entries


def lazy(compute: Callable[[Any], Any]) -> Any:
    """A property computed once, on first use (functools.cached_property takes a lock on each
    first read, which costs more than most of these computations)."""
    name = "_" + compute.__name__

    def get(self: Any) -> Any:
        try:
            return self.__dict__[name]
        except KeyError:
            value = self.__dict__[name] = compute(self)
            return value

    return property(get, doc=compute.__doc__)


@dataclass
class Sentence:
    start: int  # offset of the sentence in the text
    cased: str  # masked (markup as spaces, straight quotes), as written
    source: str  # as written
    previous: "Sentence | None" = None
    following: "Sentence | None" = None
    _compound: float | None = field(default=None, repr=False)
    # The masked sentence in lower case (ASCII letters only, so offsets stay): what the rules'
    # patterns (made by rx) read; its words; and those with the rule keys they begin.
    text: str = field(init=False, repr=False)
    tokens: list[str] = field(init=False, repr=False)
    words: set[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        cased = self.cased
        # str.lower() is the same on ASCII text, and faster than the table.
        self.text = cased.lower() if cased.isascii() else cased.translate(ASCII_LOWER)
        self.tokens = _TOKENS.findall(self.text)
        self.words = words_of(self.text, self.tokens)

    def has(self, wanted: frozenset[str]) -> bool:
        """Whether the sentence holds one of a rule's `keys`: the cheap test before its pattern."""
        return not wanted.isdisjoint(self.words)

    def entries(self, rules: "list[T]") -> "list[T]":
        """The entries of a rule table (made by `table`) worth trying on this sentence: those
        whose words it holds, in the table's order."""
        words, by_word = _INDEXES[id(rules)]
        if words.isdisjoint(self.words):
            return []  # most sentences: no set to build
        found = self.words & words
        return [rules[i] for i in sorted({i for word in found for i in by_word[word]})]

    def finditer(
        self, pattern: re.Pattern[str], wanted: frozenset[str] | None = None
    ) -> Iterator[re.Match[str]]:
        """`pattern`'s matches in this sentence when it holds one of `wanted` (if given)."""
        if wanted is not None and wanted.isdisjoint(self.words):
            return iter(())
        return pattern.finditer(self.text)

    def original(self, m: re.Match[str], group: str | int = 0) -> str:
        """What a match's group covers, as written (its case kept)."""
        return self.source[m.start(group) : m.end(group)]

    @property
    def end(self) -> int:
        return self.start + len(self.cased)

    def compound(self) -> float:
        if self._compound is None:
            self._compound = polarity(self.cased)
        return self._compound

    @lazy
    def polite(self) -> bool:
        return bool(SOFTENER.search(self.text))

    @lazy
    def question(self) -> bool:
        """A real question ("…, did you?" is not one: it asserts)."""
        text = self.text.rstrip(" \"')")
        return text.endswith("?") and not _TAG_QUESTION.search(text)

    @lazy
    def negated(self) -> bool:
        return bool(NEGATION.search(self.text))

    @lazy
    def to_reader(self) -> bool:
        return bool(_READER.search(self.text))

    def candidate(
        self, start: int, end: int, kind: str, why: str, rewrite: Rewrite, **extra: Any
    ) -> Candidate:
        """A candidate for [start, end) of the sentence, its ends trimmed of spaces (a rewrite
        meant to end in one loses it too); `why` may name {p}, the phrase."""
        trimmed = self.source[start:end]
        start += len(trimmed) - len(trimmed.lstrip())
        end -= len(trimmed) - len(trimmed.rstrip())
        if end - start < len(trimmed) and isinstance(rewrite, str):
            rewrite = rewrite.strip(" ")
        phrase = self.source[start:end]
        return Candidate(
            self.start + start,
            self.start + end,
            kind,
            why.format(p=quoted(phrase)),
            rewrite,
            source=phrase,
            **extra,
        )


def quoted(phrase: str) -> str:
    phrase = " ".join(phrase.split()).strip(" ,;:")
    return f"“{phrase[:1].upper()}{phrase[1:]}”"


# --- VADER ----------------------------------------------------------------------------------


@cache
def analyzer() -> Any:
    return SentimentIntensityAnalyzer()


_TOKEN = re.compile(r"[A-Za-z][A-Za-z']*|[^\x00-\x7f]|[:;=8xX]['-]?[()\[\]DPpOo/\\|*]")


# Words VADER reads as feelings that are plain business terms here ("an outstanding invoice").
_TRADE_TERMS = rx(
    r"\boutstanding(?=\s+(?:invoices?|balances?|payments?|amounts?|items?|issues?|questions?"
    r"|actions?|points?|tasks?|work|feedback|fees?|queries))|\bfree(?=\s+of\s+charge)"
)


POLARITY_CHARS = 600


@lru_cache(maxsize=4096)
def polarity(text: str) -> float:
    """VADER's compound polarity of one sentence (0.0 when none of its words carries any), read
    on its first POLARITY_CHARS characters: VADER's negation check grows with the square of a
    sentence's length, and a sentence longer than that is a run-on, not a feeling to weigh."""
    text = _TRADE_TERMS.sub("open", text[:POLARITY_CHARS])
    lexicon = analyzer().lexicon
    tokens = _TOKEN.findall(text)
    if not any(t.lower() in lexicon or t in lexicon or ord(t[0]) > 0x7F for t in tokens):
        return 0.0
    return float(analyzer().polarity_scores(text)["compound"])


_WORDS = re.compile(r"[a-z][a-z']*")
_NEGATING = frozenset(("not", "no", "never", "none", "nothing", "nobody", "without", "cannot"))


def valence(text: str, tokens: list[str] | None = None) -> float:
    """VADER's lexicon valence of a text, negation-flipped and normalised as VADER does, without
    its per-word rules: what the score uses for every sentence, where running the whole analyser
    on each would cost more than the check's budget. `tokens`: its lower-case words, if known."""
    lexicon = analyzer().lexicon
    if tokens is None or "outstanding" in tokens or "free" in tokens:
        tokens = _WORDS.findall(_TRADE_TERMS.sub("open", text.lower()))
    total = 0.0
    for i, token in enumerate(tokens):
        value = lexicon.get(token)
        if value is None:
            continue
        if any(t in _NEGATING or t.endswith("n't") for t in tokens[max(0, i - 3) : i]):
            value *= N_SCALAR
        total += value
    return float(normalize(total)) if total else 0.0


# --- Shared fragments and guards ------------------------------------------------------------

SOFTENER = rx(
    r"\b(?:please|pls|kindly|could|would|can\s+(?:you|we|i)|will\s+you|if\s+(?:possible|you\s+can"
    r"|that\s+works|that's\s+ok|you\s+don't\s+mind|it\s+helps)|when\s+(?:you|it)\s+(?:can|get|have"
    r"|are|'re|suits)|when\s+you're|whenever|at\s+your\s+convenience|no\s+(?:rush|hurry|pressure)"
    r"|thanks|thank\s+you|appreciate|grateful|let\s+(?:me|us)\s+know|feel\s+free|when\s+convenient"
    r"|suits\s+you|do\s+let|ideally|hoping|hope|mind\b|any\s*time|happy\s+to|if\s+you'd\s+like"
    r"|in\s+your\s+own\s+time)\b"
)
NEGATION = rx(
    r"\b(?:not|no|never|nothing|nobody|none|cannot|without)\b|n't\b|\b(?:wrong|still|yet|again"
    r"|late|missing|failed|broken)\b"
)
YOU = (
    r"(?:you\s+guys|you\s+all|y'all|you|your\s+(?:team|side|colleagues|people|designers?"
    r"|developers?|department|company|staff|board|lawyers|legal\s+team|it\s+team|marketing\s+team"
    r"|boss|manager|office|printers?|suppliers?|agency|ceo|director))"
)
HAVE = r"(?:\s+(?:have|has|had)|'ve|'d)?"
ADV = (
    r"(?:clearly|obviously|evidently|apparently|simply|just|completely|totally|again|also|still"
    r"|somehow|even|entirely|then|once\s+again|actually|basically|conveniently|never"
    r"|consistently|routinely|repeatedly)"
)
HEDGE = rx(
    r"\b(?:if|in\s+case|whether|unless|perhaps|maybe|possibly|might|may|not\s+sure|don't\s+worry"
    r"|no\s+worries|sorry|wonder|think|guess|hope|understand|appreciate|shame|pity|worried"
    r"|concerned|seems?|appears?|looks\s+like|suspect|imagine|assume|chance|possible|likely"
    r"|probably|sure|believe)\b"
)
_LEAD_WORDS = words(
    """and but so because since as yet then now which cause when while though although
    unfortunately sadly again clearly obviously evidently apparently frankly honestly also plus
    still even once basically well look listen ok okay hi hey right after until or whereas
    instead meanwhile otherwise really seriously"""
)
_CONJ = words(
    """and but so because since as when while after until though although yet or which cause
    whereas then now"""
)
_LEAD_PHRASE = rx(
    r"(?:(?:the|our|my|one)\s+(?:\w+\s+)?(?:problem|issue|reason|thing|truth|fact|trouble|answer"
    r"|point)\s+(?:is|was)(?:\s+that)?|(?:this|that|it)(?:'s|\s+is|\s+was)\s+because"
    r"|(?:it\s+)?(?:feels|felt)\s+like|which\s+means|\b(?:is|was)\s+that"
    r"|I(?:'m|\s+am)\s+afraid(?:\s+that)?|to\s+be\s+(?:honest|frank|fair))$"
)
_CLAUSE = re.compile(r"[,;:()\u2014\u2013\"]|\s-\s")


def clause_subject(s: Sentence, pos: int) -> bool:
    """Whether the word at `pos` starts its clause (after a conjunction or a sentence adverb at
    most), so that it is the subject and not an object ("sent you"), with no hedge or
    conditional before it in the sentence."""
    if _hedged_before(s, pos):
        return False
    ends = s.__dict__.get("_clause_ends")
    if ends is None:
        ends = s.__dict__["_clause_ends"] = [m.end() for m in _CLAUSE.finditer(s.text)]
    start = ends[bisect_right(ends, pos) - 1] if ends and ends[0] <= pos else 0
    clause = s.text[start:pos].strip()
    if not clause:
        return True
    tail = clause[-_LEAD_REACH:]  # what the lead phrases and words can reach: a bounded scan
    lowered = tail.lower().split()
    if lowered[-1] in _CONJ or _LEAD_PHRASE.search(tail):
        return True
    return (
        len(clause) <= _LEAD_REACH and len(lowered) <= 3 and all(w in _LEAD_WORDS for w in lowered)
    )


_LEAD_REACH = 80
_NO_MATCH = object()


def _hedged_before(s: Sentence, pos: int) -> bool:
    """Whether a hedge or conditional comes before `pos`: the sentence's first one, found once
    (not a search of every prefix, which grows with the square of a run-on sentence)."""
    first = s.__dict__.get("_first_hedge", _NO_MATCH)
    if first is _NO_MATCH:
        first = s.__dict__["_first_hedge"] = HEDGE.search(s.text)
    if first is None:
        return False
    if first.end() <= pos:
        return True
    if first.start() >= pos:
        return False
    return bool(HEDGE.search(s.text[:pos]))  # one straddling `pos`: look at the prefix


def negated_before(s: Sentence, pos: int) -> bool:
    before = s.text[:pos]
    return bool(re.search(r"(?:\bnot|n't|\bnever|\bno)\s+(?:(?:entirely|all|really)\s+)?$", before))


def base_form(verb: str) -> str:
    """'reads' → 'read', 'replies' → 'reply' (the form after "don't")."""
    low = verb.lower()
    special = {"has": "have", "does": "do", "is": "be", "goes": "go"}
    if low in special:
        return special[low]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss"):
        return low[:-1]
    return low


def plural_subject(subject: str) -> bool:
    """ "you", "you guys", "your designers" take "have"; "your team" takes "has"."""
    low = " ".join(subject.lower().split())
    if low.startswith("your "):
        return low.endswith(("people", "colleagues", "s"))
    return True


_NEXT = re.compile(r"\s*([A-Za-z']+)(?:\s+([A-Za-z']+))?")


def next_words(s: Sentence, pos: int) -> tuple[list[str], list[int]]:
    """The (up to two) words after `pos` and where each ends."""
    m = _NEXT.match(s.text, pos)
    if not m:
        return [], []
    found = [g for g in m.groups() if g]
    return [w.lower() for w in found], [m.end(i + 1) for i in range(len(found))]


def object_follows(s: Sentence, pos: int) -> bool:
    rest = s.text[pos:].lstrip()
    return bool(rest) and rest[0].isalnum()


K_READER = keys("you", "y'all")
