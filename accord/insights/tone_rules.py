"""The tone check's shared pieces (sentences, candidates, VADER, the guards every rule uses) and
its rules for blame and absolutes. Pure: no Django.

A rule looks for a grammatical shape — the reader as the subject of a fault, a sweeping "always"
aimed at them — and gives way to what makes the same words harmless: first person ("we missed"),
the reader as an object ("we sent you"), hedges and conditionals ("if you missed it"), negation
("not your fault"), warmth ("you always send lovely notes")."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from accord.insights.tone_words import words

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


_TAG_QUESTION = re.compile(
    r",\s*(?:did|didn't|do|don't|does|doesn't|have|haven't|has|hasn't|were|weren't|was|wasn't"
    r"|are|aren't|is|isn't|can|can't|will|won't|would|wouldn't)\s+(?:you|they|it|we)\s*\?$",
    re.I,
)


@dataclass
class Sentence:
    start: int  # offset of the sentence in the text
    text: str  # masked (markup as spaces, straight quotes)
    source: str  # as written
    previous: "Sentence | None" = None
    following: "Sentence | None" = None
    _compound: float | None = field(default=None, repr=False)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def compound(self) -> float:
        if self._compound is None:
            self._compound = polarity(self.text)
        return self._compound

    @cached_property
    def polite(self) -> bool:
        return bool(SOFTENER.search(self.text))

    @cached_property
    def question(self) -> bool:
        """A real question ("…, did you?" is not one: it asserts)."""
        text = self.text.rstrip(" \"')")
        return text.endswith("?") and not _TAG_QUESTION.search(text)

    @cached_property
    def negated(self) -> bool:
        return bool(NEGATION.search(self.text))

    @cached_property
    def to_reader(self) -> bool:
        return bool(re.search(r"\byou|\byour", self.text, re.I))

    def candidate(
        self, start: int, end: int, kind: str, why: str, rewrite: Rewrite, **extra: Any
    ) -> Candidate:
        """A candidate for [start, end) of the sentence; `why` may name {p}, the phrase."""
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
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


_TOKEN = re.compile(r"[A-Za-z][A-Za-z']*|[^\x00-\x7f]|[:;=8xX]['-]?[()\[\]DPpOo/\\|*]")


# Words VADER reads as feelings that are plain business terms here ("an outstanding invoice").
_TRADE_TERMS = re.compile(
    r"\boutstanding(?=\s+(?:invoices?|balances?|payments?|amounts?|items?|issues?|questions?"
    r"|actions?|points?|tasks?|work|feedback|fees?|queries))|\bfree(?=\s+of\s+charge)",
    re.I,
)


@lru_cache(maxsize=4096)
def polarity(text: str) -> float:
    """VADER's compound polarity of one sentence (0.0 when none of its words carries any)."""
    text = _TRADE_TERMS.sub("open", text)
    lexicon = analyzer().lexicon
    tokens = _TOKEN.findall(text)
    if not any(t.lower() in lexicon or t in lexicon or ord(t[0]) > 0x7F for t in tokens):
        return 0.0
    return float(analyzer().polarity_scores(text)["compound"])


# --- Shared fragments and guards ------------------------------------------------------------

SOFTENER = re.compile(
    r"\b(?:please|pls|kindly|could|would|can\s+(?:you|we|i)|will\s+you|if\s+(?:possible|you\s+can"
    r"|that\s+works|that's\s+ok|you\s+don't\s+mind|it\s+helps)|when\s+(?:you|it)\s+(?:can|get|have"
    r"|are|'re|suits)|when\s+you're|whenever|at\s+your\s+convenience|no\s+(?:rush|hurry|pressure)"
    r"|thanks|thank\s+you|appreciate|grateful|let\s+(?:me|us)\s+know|feel\s+free|when\s+convenient"
    r"|suits\s+you|do\s+let|ideally|hoping|hope|mind\b|any\s*time|happy\s+to|if\s+you'd\s+like"
    r"|in\s+your\s+own\s+time)\b",
    re.I,
)
NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|cannot|without)\b|n't\b|\b(?:wrong|still|yet|again"
    r"|late|missing|failed|broken)\b",
    re.I,
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
HEDGE = re.compile(
    r"\b(?:if|in\s+case|whether|unless|perhaps|maybe|possibly|might|may|not\s+sure|don't\s+worry"
    r"|no\s+worries|sorry|wonder|think|guess|hope|understand|appreciate|shame|pity|worried"
    r"|concerned|seems?|appears?|looks\s+like|suspect|imagine|assume|chance|possible|likely"
    r"|probably|sure|believe)\b",
    re.I,
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
_LEAD_PHRASE = re.compile(
    r"(?:(?:the|our|my|one)\s+(?:\w+\s+)?(?:problem|issue|reason|thing|truth|fact|trouble|answer"
    r"|point)\s+(?:is|was)(?:\s+that)?|(?:this|that|it)(?:'s|\s+is|\s+was)\s+because"
    r"|(?:it\s+)?(?:feels|felt)\s+like|which\s+means|\b(?:is|was)\s+that"
    r"|I(?:'m|\s+am)\s+afraid(?:\s+that)?|to\s+be\s+(?:honest|frank|fair))$",
    re.I,
)
_CLAUSE = re.compile(r"[,;:()\u2014\u2013\"]|\s-\s")


def clause_subject(s: Sentence, pos: int) -> bool:
    """Whether the word at `pos` starts its clause (after a conjunction or a sentence adverb at
    most), so that it is the subject and not an object ("sent you"), with no hedge or
    conditional before it in the sentence."""
    prefix = s.text[:pos]
    if HEDGE.search(prefix):
        return False
    clause = _CLAUSE.split(prefix)[-1].strip()
    if not clause:
        return True
    lowered = clause.lower().split()
    if lowered[-1] in _CONJ or _LEAD_PHRASE.search(clause):
        return True
    return len(lowered) <= 3 and all(w in _LEAD_WORDS for w in lowered)


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
    low = subject.lower()
    return low.startswith("you") or low.endswith(("people", "colleagues", "s"))


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


# --- Blame ------------------------------------------------------------------------------------

PARTICIPLES = words(
    """told sent read known seen done made said got gotten given taken written spoken been let
    paid brought thought kept left heard found put set come caught shown"""
)
_PAST = words(
    """sent gave took made left forgot lost chose wrote brought came went got put kept said sold
    spent broke told let began read"""
)
_FAULT = re.compile(
    rf"\b(?P<subj>{YOU}){HAVE}\s+(?:{ADV}\s+)?(?:been\s+)?"
    r"(?P<verb>failed|forgot(?:ten)?|forgets?|neglected|omitted|missed|misses|miss|ignored"
    r"|ignores?|ignoring|overlooked|overlooks?|misunderstood|misunderstands?|misread"
    r"|misinterpreted|messed\s+up|screwed\s+up|botched|broke|broken|ruined|lost"
    r"|let\s+(?:us|me|the\s+team|everyone)\s+down|dropped\s+the\s+ball"
    r"|(?:didn't|did\s+not|couldn't|could\s+not)\s+(?:even\s+)?bother|couldn't\s+be\s+bothered"
    r"|got\s+(?P<obj>it|this|that|them|(?:the|your|our|these|those)\s+[\w-]+(?:\s+[\w-]+)?)"
    r"\s+wrong|(?:sent|gave|supplied|provided|approved|used)\s+(?:us\s+|me\s+)?the\s+"
    r"(?P<bad>wrong|old|outdated|incorrect)(?:\s+[\w-]+){0,2})\b(?P<to>\s+to\b)?",
    re.I,
)
_DIDNT = re.compile(
    rf"\b(?P<subj>{YOU})\s+(?:{ADV}\s+)?(?:didn't|did\s+not|don't|do\s+not|doesn't|does\s+not"
    r"|never\s+even)\s+(?:even\s+|bother\s+to\s+|actually\s+|properly\s+|really\s+)?"
    r"(?=(?:read|check|follow|look|listen|reply|respond|answer|send|provide|supply|approve"
    r"|sign|tell|inform|mention|proofread|review|update|confirm|pay|deliver|book|test|share"
    r"|return|give|let)\b)",
    re.I,
)
_OUGHT = re.compile(
    rf"\b(?P<subj>{YOU})\s+(?:(?P<modal>should|could|ought\s+to)\s+have|(?:were|was)\s+"
    r"(?:supposed|meant|asked|told|expected|due|required)\s+to|had\s+to|needed\s+to"
    r"|had\s+one\s+job)\b",
    re.I,
)
_YOUR_FAULT = re.compile(
    r"(?P<cop>\b(?:this|that|it)(?:'s|\s+is|\s+was|\s+were)\s+(?:(?:entirely|all|completely"
    r"|totally|clearly|obviously|purely|really)\s+)?)?\byour(?:\s+(?:team|side|company|designer"
    r"|developer|department|printer|supplier|agency|staff|office))?(?:'s)?\s+(?:own\s+)?"
    r"(?P<n>fault|mistake|error|oversight|screw-?up|mess|blunder|doing|problem)\b"
    r"(?P<tail>,?\s+not\s+(?:ours|mine|our\s+\w+))?",
    re.I,
)
_WRONG = re.compile(
    r"\b(?P<subj>you)(?:'re|\s+are|\s+were)\s+(?:(?:simply|just|completely|totally|clearly"
    r"|obviously|quite|plain|dead)\s+)?(?:wrong|mistaken|incorrect|confused)\b",
    re.I,
)
_WHY = re.compile(
    r"\b(?:why\s+(?:on\s+earth\s+)?(?P<aux>didn't|did\s+not|haven't|have\s+not|hasn't|has\s+not"
    r"|weren't|wasn't|won't|can't|couldn't|aren't|isn't|wouldn't|would|did)|how\s+(?P<how>could))"
    rf"\s+(?P<subj>{YOU})\b",
    re.I,
)
# "…, because you sent the copy three days after the deadline": the reader as the cause of
# something that went wrong.
_CAUSE = re.compile(
    rf"\b(?P<subj>{YOU}){HAVE}\s+(?:{ADV}\s+)?(?P<verb>(?:couldn't|didn't|wouldn't|weren't"
    r"|wasn't|haven't|hadn't|won't|can't)\s+\w+|[a-z]+ed|" + "|".join(sorted(_PAST)) + r")\b",
    re.I,
)
_WENT_WRONG = re.compile(
    r"\b(?:late|later|delay(?:ed|s)?|wrong|incorrect|missed|overdue|too\s+late|after\s+the"
    r"\s+deadline|past\s+the\s+deadline|which\s+is\s+why|that's\s+why|that\s+is\s+why"
    r"|as\s+a\s+result|held\s+up|holding\s+up|cost\s+us|failed|start\s+(?:over|again)"
    r"|from\s+scratch|wasted?|extra\s+work|couldn't|can't|had\s+to\s+(?:redo|start|reprint)"
    r"|underperformed|flopped|backfired|stalled|slipped|suffered|crashed|lost|in\s+this\s+"
    r"(?:position|situation|mess))\b",
    re.I,
)
_BLAME_PHRASES: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"\b(?:please\s+)?stop\s+ignoring\b", re.I),
        "{p} accuses the reader of ignoring you.",
        "could you look at",
    ),
    (
        re.compile(r"\bchasing\s+(?:you|your\s+team)(?:\s+up)?\b", re.I),
        "{p} tells the reader they are the hold-up.",
        "following up",
    ),
    (
        re.compile(
            r"\b(?:nobody|no\s+one|no-one)\s+(?:on|from|in|at)\s+your\s+(?:side|team|end"
            r"|company)\b",
            re.I,
        ),
        "{p} points at the reader's side as the cause.",
        "it looks like no one",
    ),
    (
        re.compile(
            r"\b(?:is|was|'s)\s+(?:all\s+|entirely\s+|completely\s+)?on\s+(?:you|your\s+(?:team"
            r"|side))\b|\b(?:that's|that\s+is)\s+on\s+them\b",
            re.I,
        ),
        "{p} hands the reader the blame.",
        "is something to talk through",
    ),
    (
        re.compile(
            r"\b(?:caused\s+by|because\s+of|thanks\s+to|down\s+to)\s+(?:you|your\s+team"
            r"|your\s+side)\b(?!r)",
            re.I,
        ),
        "{p} hands the reader the blame.",
        "because of a mix-up",
    ),
    (
        re.compile(
            r"^\s*had\s+(?:you|your\s+(?:team|side|company))\s+(?=(?:not\s+|only\s+|just\s+)?"
            r"(?:\w+ed|told|sent|read|given|taken|done|made|kept|let|paid|been)\b)",
            re.I,
        ),
        "{p} tells the reader it is their fault.",
        "if we had all ",
    ),
    (
        re.compile(
            rf"\b{YOU}(?:'re|\s+are|\s+were|\s+was|\s+is)\s+(?:always\s+|often\s+|so\s+)?"
            r"(?:late|slow|behind)(?=\s+(?:with|on|in|sending|getting|replying|again)\b|\s*[.!,])",
            re.I,
        ),
        "{p} makes the reader the culprit.",
        "things ran late",
    ),
    (
        re.compile(
            rf"\b{YOU}(?:'re|\s+are|\s+were|\s+was|\s+is)\s+(?:the\s+)?(?:reason|cause"
            r"|problem|bottleneck|hold-?up)\b(?:\s+(?:that|why))?",
            re.I,
        ),
        "{p} makes the reader the culprit.",
        "there was a mix-up, and",
    ),
    (
        re.compile(
            r"\b(?:it|this|that)\s+was\s+(?:your|your\s+team's)\s+(?:decision|choice|call"
            r"|idea)\s+to\b",
            re.I,
        ),
        "{p} hands the reader the blame.",
        "the decision was made to",
    ),
    (
        re.compile(
            r"\byou(?:'ve|\s+have)\s+had\s+(?P<obj>(?:the|it|them|this|that|these|those)"
            r"[\w\s-]{0,30}?)\s+for\s+(?P<dur>(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?"
            r"(?:two|three|four|five|six|several|a\s+few|\d+)\s+(?:days|weeks|months)|ages)\b",
            re.I,
        ),
        "{p} makes the wait the reader's fault.",
        "",  # built from the match below
    ),
    (
        re.compile(
            r"\bif\s+you\s+(?:won't|will\s+not|refuse\s+to|can't\s+be\s+bothered\s+to"
            r"|don't\s+bother\s+to)(?:\s+even)?\b",
            re.I,
        ),
        "{p} accuses the reader of not trying.",
        "if there isn't time to",
    ),
    (
        re.compile(
            r"(?<!\bat\s)(?<!\bby\s)(?<!\buntil\s)(?<!\baround\s)\b(?P<span>this\s+time)"
            r"(?=\s*[?!.]+\s*$)",
            re.I,
        ),
        "{p} implies the reader got it wrong before.",
        "",
    ),
    (
        re.compile(
            r"\bdon't\s+blame\s+(?:us|me|the\s+team)(?:\s+for\s+[\w\s-]{1,30}?(?=[.!,;]|$))?", re.I
        ),
        "{p} pushes the blame back at the reader.",
        "let's look at what we can do now",
    ),
    (
        re.compile(
            r"\bif\s+(?:you|your\s+(?:team|side|company))(?:'d|\s+had)\s+(?=(?:not\s+|only\s+"
            r"|just\s+)?(?:\w+ed|told|sent|read|given|taken|done|made|kept|let|paid|been)\b)",
            re.I,
        ),
        "{p} tells the reader it is their fault.",
        "if we had all ",
    ),
    (
        re.compile(
            r"\b(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+not\s+(?:my|our)\s+problem\b", re.I
        ),
        "{p} dismisses the reader's concern.",
        "let's work out how to handle this",
    ),
    (
        re.compile(
            r"\b(?:it's|it\s+is|that's|that\s+is)\s+(?:your|your\s+team's)\s+(?:job"
            r"|responsibility|role)\s+to\b",
            re.I,
        ),
        "{p} lectures the reader on their duties.",
        "it would help if you could",
    ),
    (
        re.compile(
            r"\b(?:right|correctly|properly|time|full|carefully|correct|file|version|one"
            r"|size|sizes)\s+(?P<span>this\s+time)\b",
            re.I,
        ),
        "{p} implies the reader got it wrong before.",
        "",
    ),
]
_CHASE = re.compile(r"\b(?P<aux>had|have|having)\s+to\s+chase\s+(?:you|your\s+\w+)(?:\s+up)?", re.I)
_SEND = re.compile(
    r"(?:send|supply|provide|upload|share|deliver|give|forward|attach|include|return|submit"
    r"|pass)\b(?:\s+(?:us|me|on))?(?:\s+over)?",
    re.I,
)
_REPLY = re.compile(
    r"(?:reply|respond|answer|get\s+back|call\s+back|come\s+back|call)\b(?:\s+back)?(?P<to>\s+to)?",
    re.I,
)
_TELL = re.compile(
    r"(?:tell|inform|mention|let\s+(?:us|me)\s+know|warn|notify|update)\b(?:\s+(?:us|me|the\s+team))?",
    re.I,
)
_READ = re.compile(r"(?:read|check|review|look(?:\s+at)?|proofread|test)\b", re.I)
_NOT_DONE = {
    "approve": "we don't yet have approval for",
    "sign": "we don't yet have a signature on",
    "confirm": "we haven't yet had confirmation of",
    "pay": "we haven't yet received payment for",
    "book": "it looks like no one has booked",
    "follow": "it looks like we crossed wires on",
}
_ABOUT = words("that about of when how why what if")


def _not_done(s: Sentence, pos: int) -> tuple[str, int]:
    """The rewrite of "you failed to / didn't VERB …" from the verb at `pos`, and where the
    words it replaces end: what has not happened yet, said from our side."""
    text = s.text
    pos += len(text[pos:]) - len(text[pos:].lstrip())
    if m := _SEND.match(text, pos):
        return "we haven't yet received", m.end()
    if m := _REPLY.match(text, pos):
        return (
            "we haven't heard back about" if m.group("to") else "we haven't heard back"
        ), m.end()
    if m := _TELL.match(text, pos):
        after, _ = next_words(s, m.end())
        about = "" if not after or after[0] in _ABOUT else " about"
        return "we hadn't heard" + about, m.end()
    if m := _READ.match(text, pos):
        return "it may be worth another look at", m.end()
    found, ends = next_words(s, pos)
    if found and found[0] == "sign" and len(found) > 1 and found[1] == "off":
        return "we don't yet have sign-off on", ends[1]
    if found and found[0] in _NOT_DONE:
        return _NOT_DONE[found[0]], ends[0]
    if found:
        return f"it looks like there wasn't a chance to {found[0]}", ends[0]
    return "it looks like this was missed", pos


def blame(s: Sentence) -> Iterator[Candidate]:
    yield from _why(s)
    if s.question:
        return
    yield from _reader_did_wrong(s)
    yield from _your_fault(s)
    for m in _CHASE.finditer(s.text):
        aux = m.group("aux").lower()
        chased = {"had": "followed up", "have": "follow up"}.get(aux, "following up")
        yield s.candidate(
            m.start(), m.end(), "blame", "{p} tells the reader they are the hold-up.", chased
        )
    for pattern, why, rewrite in _BLAME_PHRASES:
        for m in pattern.finditer(s.text):
            span = "span" if "span" in pattern.groupindex else 0
            text = rewrite
            if "dur" in pattern.groupindex:
                text = f"{m.group('obj')} went over {m.group('dur')} ago"
            yield s.candidate(m.start(span), m.end(span), "blame", why, text)


def _reader_did_wrong(s: Sentence) -> Iterator[Candidate]:
    """The reader as the subject of a fault: "you failed to…", "you didn't read…", "you should
    have…", "you sent it late, so…", "you're wrong"."""
    why = "{p} makes the reader the culprit."
    for m in _FAULT.finditer(s.text):
        if clause_subject(s, m.start("subj")):
            yield _fault(s, m, why)
    for m in _DIDNT.finditer(s.text):
        if clause_subject(s, m.start("subj")):
            text, end = _not_done(s, m.end())
            yield s.candidate(m.start(), end, "blame", why, text)
    for m in _OUGHT.finditer(s.text):
        if clause_subject(s, m.start("subj")) and (rewrite := _ought(s, m)) is not None:
            yield s.candidate(
                m.start(), m.end(), "blame", "{p} tells the reader they fell short.", rewrite
            )
    for m in _CAUSE.finditer(s.text):
        if not clause_subject(s, m.start("subj")) or s.compound() > 0.3:
            continue
        if _WENT_WRONG.search(s.text[m.end() :]) or _WENT_WRONG.search(s.text[: m.start()]):
            phrase = s.source[m.start() : m.end()]
            yield s.candidate(
                m.start(),
                m.end(),
                "blame",
                "{p} makes the reader the cause of the problem.",
                "it seems " + phrase[:1].lower() + phrase[1:],
            )
    for m in _WRONG.finditer(s.text):
        if clause_subject(s, m.start("subj")):
            yield s.candidate(
                m.start(),
                m.end(),
                "blame",
                "{p} tells the reader they are wrong.",
                "there may be a misunderstanding",
            )


def _why(s: Sentence) -> Iterator[Candidate]:
    for m in _WHY.finditer(s.text):
        aux = " ".join((m.group("aux") or "").lower().split())
        if aux == "did" and not re.search(r"n't\b|\bnot\b|\bnever\b", s.text[m.end() :], re.I):
            continue  # "Why did you choose blue?" can be curiosity
        subj = m.group("subj").lower()
        if m.group("how"):
            text = f"could you help me understand how {subj} could"
        else:
            text = f"could you help me understand why {subj} {aux}"
        yield s.candidate(m.start(), m.end(), "blame", "{p} reads as an accusation.", text)


def _fault(s: Sentence, m: re.Match[str], why: str) -> Candidate:
    verb = " ".join(m.group("verb").lower().split())
    first = verb.split()[0]
    if m.group("to") and first in {
        "failed",
        "forgot",
        "forgotten",
        "forget",
        "forgets",
        "neglected",
        "omitted",
        "didn't",
        "did",
        "couldn't",
        "could",
    }:
        text, end = _not_done(s, m.end())
        return s.candidate(m.start(), end, "blame", why, text)
    end = m.end("verb") if m.group("to") else m.end()
    follows = object_follows(s, end)
    if verb.startswith("got "):
        text = f"we crossed wires on {m.group('obj')}"
    elif first in {"sent", "gave", "supplied", "provided", "approved", "used"}:
        text = f"we were working from the {m.group()[m.start('bad') - m.start() :]}"
    elif first == "let":
        text = "things didn't go as planned"
    elif first.startswith("forg"):
        text = "it looks like we're missing" if follows else "it looks like this was missed"
    elif first in {"lost", "broke", "broken", "ruined", "botched", "messed", "screwed"}:
        text = "something went wrong with" if follows else "something went wrong"
    elif first == "dropped":
        text = "we crossed wires"
    elif first in {"didn't", "did", "couldn't", "could", "failed"}:
        text = "it looks like this was missed"
    else:
        text = "it looks like we crossed wires on" if follows else "it looks like we crossed wires"
    return s.candidate(m.start(), end, "blame", why, text)


def _ought(s: Sentence, m: re.Match[str]) -> str | None:
    if m.group("modal"):
        after, _ = next_words(s, m.end())
        if not after or not (after[0].endswith("ed") or after[0] in PARTICIPLES):
            return None  # "you could have a look"
        return "it would have helped to have"
    return "" if "one job" in m.group().lower() else "the plan was to"


def _your_fault(s: Sentence) -> Iterator[Candidate]:
    for m in _YOUR_FAULT.finditer(s.text):
        own = m.end("cop") if m.group("cop") else m.start()
        if negated_before(s, own) or HEDGE.search(s.text[: m.start()]):
            continue
        if not m.group("cop") and m.group("n").lower() in {"problem", "doing", "mess"}:
            continue  # "we'll fix your problem"
        text = "this was a mix-up we can sort out together" if m.group("cop") else "the mix-up"
        yield s.candidate(m.start(), m.end(), "blame", "{p} puts the fault on the reader.", text)
