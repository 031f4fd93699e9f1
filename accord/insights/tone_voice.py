"""The tone check's rules for the voice of a message: shouting (capitals, "!!", "?!"), curt
commands and sarcasm. Pure: no Django.

Capitals are shouting when they are words (PLEASE, NOT, THREE), not names of things (PDF, CMYK,
IKEA): a capitalised token is a word when it is in the lists or VADER's lexicon, or when most of
its run is. A run of exclamation marks is shouting in a sentence that is not warm and presses
("Where are the files??"), not in praise ("Congratulations on the launch!!"). A command is an
imperative with a demanding verb and no courtesy: "Send it now." is one, "Send it over whenever
suits." and "Call me if anything's unclear." are not."""

import re
from collections.abc import Iterator

from accord.insights.tone_rules import Candidate, Sentence, analyzer, polarity
from accord.insights.tone_words import ACRONYMS, ENGLISH, SHOUTED, words

# --- Shouting -------------------------------------------------------------------------------

_EXCLAIM = re.compile(r"[!?]*(?:!{2,}|\?{2,}|\?!|!\?)[!?]*")
_PRESSING = re.compile(
    r"n't\b|\b(?:not|no|never|need|needs|must|now|today|asap|immediately|again|why|still|yet"
    r"|wrong|urgent|urgently|seriously|what|where|how|late|missing|really|nothing|nobody|none"
    r"|anything|anyone|deadline|overdue|problem|issue|mistake|error|delay|broken|ever)\b",
    re.I,
)
_COMPLAINT = re.compile(
    r"n't\b|\b(?:not|no|never|need|needs|must|now|asap|immediately|again|why|still|yet|wrong"
    r"|urgent|late|missing|read|stop)\b",
    re.I,
)
_GLAD = re.compile(
    r"\b(?:can't\s+wait|couldn't\s+be\s+(?:happier|prouder|more\s+pleased)|no\s+worries|not\s+bad"
    r"|never\s+(?:been\s+)?better)\b",
    re.I,
)
_CAPS_RUN = re.compile(
    r"(?<![\w'&])(?:[A-Z][A-Z'&-]*[A-Z]|[AI])(?:[ \t]+(?:[A-Z][A-Z'&-]*[A-Z]|[AI]))*(?![\w'&])"
)


def _is_word(token: str) -> bool:
    low = token.lower().strip("'-")
    if low in ACRONYMS or len(low) < 2:
        return False
    return low in SHOUTED or low in ENGLISH or low in analyzer().lexicon


def _heading(s: Sentence) -> bool:
    line = s.text.strip()
    letters = [c for c in line if c.isalpha()]
    return (
        bool(letters)
        and all(c.isupper() for c in letters)
        and len(line.split()) <= 8
        and not line.endswith((".", "!", "?"))
    )


def shouting(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    pressing = _PRESSING.search(_GLAD.sub(" ", text))
    for m in _EXCLAIM.finditer(text):
        run = m.group()
        mixed = "?" in run and "!" in run
        warmth = s.compound()
        if mixed and warmth >= 0.5:
            continue
        if not mixed and (warmth >= 0.3 or (warmth > -0.05 and not pressing)):
            continue
        phrase = "?!" if mixed else ("??" if "?" in run else "!!")
        yield s.candidate(
            m.start(),
            m.end(),
            "shouting",
            "{p} raises your voice at the reader.",
            "?" if "?" in run else ".",
            phrase=phrase,
        )
    if _heading(s) or (s.compound() >= 0.5 and not _COMPLAINT.search(_GLAD.sub(" ", text))):
        return
    for m in _CAPS_RUN.finditer(text):
        yield from _caps(s, m)


def _caps(s: Sentence, m: re.Match[str]) -> Iterator[Candidate]:
    """The shouted words in a run of capitals (names and acronyms in it are kept; in a run that
    is mostly words, an unknown word is taken for a word too)."""
    tokens = list(re.finditer(r"\S+", m.group()))
    known = [_is_word(t.group()) for t in tokens]
    names = [t.group().lower() in ACRONYMS for t in tokens]
    mostly_words = sum(known) >= 2 and sum(known) * 2 >= len(tokens) - sum(names)
    group: list[re.Match[str]] = []
    for i, token in enumerate([*tokens, None]):
        if token is not None and (
            known[i] or token.group() in {"I", "A"} or (mostly_words and not names[i])
        ):
            group.append(token)
            continue
        shouted = [t for t in group if len(t.group()) >= 2]
        if shouted:
            start, end = m.start() + shouted[0].start(), m.start() + shouted[-1].end()
            yield s.candidate(
                start,
                end,
                "shouting",
                "{p} in capitals reads as shouting.",
                _lower(s.source[start:end]),
            )
        group = []


def _lower(text: str) -> str:
    return re.sub(
        r"[A-Za-z'&-]+",
        lambda w: (
            w.group() if w.group() == "I" or w.group().lower() in ACRONYMS else w.group().lower()
        ),
        text,
    )


# --- Curt commands ------------------------------------------------------------------------

_LEAD = re.compile(
    r"(?:(?:(?i:hi|hey|hello|dear)\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*,\s*"
    r"|(?i:and|so|now|ok|okay|right|then|also|just|well|again|simply)\s*,?\s+)*"
)
_DEMANDING = words(
    """send fix stop do tell give get make read check change update remove delete call reply
    respond answer approve sign confirm finish deliver provide pay resend return submit upload
    correct sort move drop cancel explain listen follow complete email forward bring decide
    stick hurry quit chase book arrange print publish post choose pick review proofread supply
    share transfer settle deal"""
)
# Verbs whose bare imperative orders the reader to do their part, whatever else is said.
_OBLIGATION = words(
    """pay approve sign confirm decide reply respond answer fix stop sort resend correct hurry
    finish stick explain listen deal"""
)
_SHORT = words(
    """fix stop send reply respond answer explain sort stick read listen call sign pay decide
    hurry approve confirm change do deal get"""
)
_SAFE_DONT = words(
    """worry hesitate mind panic stress feel apologise apologize rush thank fret be forget
    hold miss"""
)
_OFFER = re.compile(
    r"\b(?:if|whenever|anytime|any\s+time|in\s+case|should\s+you|what\s+you\s+think"
    r"|when\s+you(?:'re|\s+are)?\s+(?:free|ready|back|able))\b",
    re.I,
)
_NOT_ORDERS = re.compile(
    r"(?:check|find|see|have|take|enjoy)\s+(?:out|attached|below|a\s+look|a\s+great|a\s+lovely)"
    r"|(?:tell|give)\s+(?:me|us)\s+(?:what\s+you\s+think|a\s+(?:shout|ring|call|bell))",
    re.I,
)
URGENT = re.compile(
    r"\b(?:now|right\s+now|immediately|right\s+away|straight\s+away|at\s+once|asap|a\.s\.a\.p"
    r"|today|tonight|this\s+(?:morning|afternoon|evening)|by\s+(?:the\s+)?end\s+of\s+(?:the\s+)?"
    r"day|eod|cob|close\s+of\s+(?:business|play)|by\s+(?:noon|lunchtime|midday|tonight"
    r"|\d{1,2}(?::\d\d)?\s*(?:am|pm))|urgently|without\s+delay|no\s+later\s+than|this\s+instant"
    r"|first\s+thing|no\s+excuses|no\s+exceptions|end\s+of\s+story|and\s+that's\s+final"
    r"|as\s+soon\s+as\s+you\s+(?:read|get|see|receive)\s+this|any\s+longer)\b",
    re.I,
)
_SOON = re.compile(
    r"\b(?:right\s+now|now|immediately|right\s+away|straight\s+away|at\s+once|asap|a\.s\.a\.p"
    r"|urgently|without\s+delay|this\s+instant|as\s+soon\s+as\s+you\s+(?:read|get|see|receive)"
    r"\s+this)\b",
    re.I,
)
_FINAL = re.compile(
    r",?\s*(?:no\s+excuses|no\s+exceptions|end\s+of\s+(?:story|discussion)|and\s+that's\s+final"
    r"|or\s+else)\b",
    re.I,
)
_MUST = re.compile(
    r"you\s*(?:need\s+to|must|have\s+to|'ve\s+got\s+to|have\s+got\s+to|'ll\s+just\s+have\s+to"
    r"|will\s+just\s+have\s+to)\s+",
    re.I,
)
_I_WANT = re.compile(
    r"I\s+(?P<v>need|want|expect|demand|require|insist)\b(?P<you>\s+you\s+to)?", re.I
)
_NEEDS_DOING = re.compile(
    r"(?P<subj>this|it|that|these|those|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:needs|need|has|have)"
    r"\s+to\s+be\b",
    re.I,
)
_CURT_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r",?\s*\b(?:no\s+later|no\s+excuses|no\s+exceptions|end\s+of\s+(?:story|discussion)"
            r"|and\s+that's\s+final|take\s+it\s+or\s+leave\s+it|deal\s+with\s+it|chop\s+chop"
            r"|get\s+on\s+with\s+it|hurry\s+up)\b[.!]?",
            re.I,
        ),
        "",
    ),
    (re.compile(r"\bsort\s+it\s+out\b", re.I), "could you look into it"),
    (
        re.compile(r"\bwhat(?:'s|\s+is)\s+(?:the\s+hold-?up|taking\s+so\s+long)\b\??", re.I),
        "is there anything I can help unblock?",
    ),
    (
        re.compile(
            r"^\s*(?:now|today|immediately|right\s+now|asap|this\s+instant)\s*[.!]+\s*$", re.I
        ),
        "",
    ),
]
_WHY_ORDER = "{p} reads as an order, not a request."


def _soften(span: str, lead: str, tail: str) -> str:
    body = span.rstrip().rstrip(".!?").rstrip()
    body = _FINAL.sub("", body)
    body = _SOON.sub("as soon as possible", body)
    body = re.sub(r"^(?:just|simply|kindly)\s+", "", body, flags=re.I)
    if re.match(r"(?:could|would|can)\s+(?:you|I|we)\b|is\s+there\b|please\b", body, re.I):
        lead = ""  # a rewrite inside it already asks
    return f"{lead}{body[:1].lower()}{body[1:]}{tail}"


def command(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    for pattern, rewrite in _CURT_PHRASES:
        for m in pattern.finditer(text):
            start = m.start() + len(m.group()) - len(m.group().lstrip(" ,"))
            yield s.candidate(start, m.end(), "command", "{p} shuts the reader down.", rewrite)
    start = _LEAD.match(text).end()  # type: ignore[union-attr]
    body = text[start:]
    if stop := re.match(r"(?:(?:please|kindly)\s+)?stop\s+(?=\w+ing\b)", body, re.I):
        cut = stop.end()
        yield s.candidate(
            start,
            len(text),
            "command",
            _WHY_ORDER,
            lambda span: _soften(span[cut:], "could you avoid ", "?"),
            wide=True,
        )
        return
    if s.polite or s.compound() >= 0.4:
        return
    if _imperative(s, body):
        yield s.candidate(
            start,
            len(text),
            "command",
            _WHY_ORDER,
            lambda span: _soften(span, "could you ", "?"),
            wide=True,
        )
    elif (dont := re.match(r"(?:do\s+not|don't|never)\s+(\w+)", body, re.I)) and (
        dont.group(1).lower() not in _SAFE_DONT
    ):
        yield s.candidate(
            start,
            len(text),
            "command",
            _WHY_ORDER,
            lambda span: _soften(
                re.sub(r"^(?:do\s+not|don't|never)\s+", "", span, flags=re.I), "please don't ", "."
            ),
            wide=True,
        )
    elif (must := _MUST.match(body)) and not re.match(
        r"(?:be|admit|love|see|try|come|visit)\b", body[must.end() :], re.I
    ):
        cut = must.end()
        yield s.candidate(
            start,
            len(text),
            "command",
            _WHY_ORDER,
            lambda span: _soften(span[cut:], "could you ", "?"),
            wide=True,
        )
    elif (want := _I_WANT.match(body)) and _wants(want, text):
        yield _i_want(s, start, want)
    elif (needs := _NEEDS_DOING.match(body)) and URGENT.search(text):
        subj, cut = needs.group("subj").lower(), needs.end()
        yield s.candidate(
            start,
            len(text),
            "command",
            _WHY_ORDER,
            lambda span: _soften(span[cut:], f"could {subj} be", "?"),
            wide=True,
        )


def _imperative(s: Sentence, body: str) -> bool:
    found = re.findall(r"[A-Za-z'-]+", body)
    clause = re.split(r"[:;\u2014]", body)[0]
    if not found or "?" in clause or _NOT_ORDERS.match(body):
        return False
    verb = found[0].lower()
    if re.match(
        r"make\s+(?:a|your|the)\s+(?:decision|choice|call)|make\s+up\s+your\s+mind", body, re.I
    ):
        verb = "decide"
    if verb not in _DEMANDING or (
        len(found) > 1 and found[1].lower() in {"is", "are", "was", "were", "of", "has"}
    ):
        return False
    if URGENT.search(body):
        return True
    if _OFFER.search(body):
        return False  # "Call me if anything's unclear."
    short = len(re.split(r"[,]", clause)[0].split()) <= 5
    return bool(
        verb in _OBLIGATION
        or (verb in _SHORT and short)
        or (body.rstrip().endswith("!") and s.compound() <= 0)
    )


def _wants(m: re.Match[str], text: str) -> bool:
    verb = m.group("v").lower()
    if verb in {"demand", "insist"}:
        return True
    if verb == "expect":
        return bool(URGENT.search(text) or re.search(r"\b(?:by|within)\b", text, re.I))
    return bool(URGENT.search(text) or re.search(r"\bby\s+the\s+end\s+of\b", text, re.I))


def _i_want(s: Sentence, start: int, m: re.Match[str]) -> Candidate:
    verb = m.group("v").lower()
    cut = m.end()
    if m.group("you"):
        lead, tail = "could you ", "?"
    elif verb in {"need", "want", "require"}:
        lead, tail = "could I have ", "?"
    elif verb == "expect":
        lead, tail = "I'm hoping for ", "."
    else:
        lead, tail = "I'd like to ask ", "."
    return s.candidate(
        start,
        len(s.text),
        "command",
        _WHY_ORDER,
        lambda span: _soften(span[cut:].lstrip(), lead, tail),
        wide=True,
    )


# --- Sarcasm --------------------------------------------------------------------------------

_SARCASTIC: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bthanks\s+for\s+nothing\b[.!]?", re.I), ""),
    (
        re.compile(
            r"\b(?:thanks|thank\s+you)\s+(?:so\s+much\s+|a\s+lot\s+|a\s+bunch\s+|again\s+)?"
            r"for\s+(?:the\s+|your\s+|all\s+the\s+)?(?:very\s+)?(?:late|last-minute|last"
            r"\s+minute|short)\s+notice|\bthanks\s+for\s+(?:wasting|ignoring|the\s+delay"
            r"|the\s+mess|the\s+confusion|the\s+chaos|the\s+headache)\b",
            re.I,
        ),
        "thanks for letting me know",
    ),
    (re.compile(r"\bgee,?\s+thanks\b[,.!]?", re.I), ""),
    (
        re.compile(
            r"(?:^|(?<=[,;]\s))\s*(?:oh|ah)\s*,?\s+(?:great|wonderful|fantastic|brilliant"
            r"|perfect|lovely|joy|good|super|marvellous|terrific|splendid|how\s+(?:nice"
            r"|lovely|wonderful))\b[,.!]*",
            re.I,
        ),
        "",
    ),
    (re.compile(r"\byeah,?\s+right\b[,.!]*", re.I), ""),
    (re.compile(r"(?:^|(?<=[,;.]\s))as\s+if\b", re.I), "I doubt"),
    (
        re.compile(
            r"\b(?:how|so)?\s*(?:nice|kind|good|thoughtful|generous|lovely|sweet)\s+of\s+you"
            r"\s+to\s+(?:finally|eventually|at\s+last|bother\s+to|bother|grace\s+us\s+with"
            r"|remember\s+to|show\s+up|turn\s+up|join\s+us\s+at\s+last|make\s+it)\b",
            re.I,
        ),
        "thank you for taking the time to",
    ),
    (re.compile(r"\bgood\s+luck\s+with\s+that\b", re.I), "let's talk through the options"),
    (
        re.compile(
            r"\bI(?:'m|\s+am)\s+sure\s+you\s+(?:did|have|tried|meant\s+to|were|meant\s+well)"
            r"\b(?:\s+\w+){0,3}(?=\s*[.!]|\s*$)[.!]?",
            re.I,
        ),
        "",
    ),
    (
        re.compile(
            r"\bwhat\s+a\s+(?:surprise|shock|shocker)\b[,.!]*|\bsurprise,?\s+surprise\b[,.!]*", re.I
        ),
        "",
    ),
    (
        re.compile(
            r"\bwho\s+(?:would\s+have|could\s+have|'d\s+have|would've|could've)\s+(?:thought"
            r"|guessed)\b[,.!?]*",
            re.I,
        ),
        "",
    ),
    (
        re.compile(
            r"\bmust\s+be\s+nice\b[.!]*|\blucky\s+(?:us|me)\b[.!]*|^\s*nice\s+try\b[.!]*"
            r"|\bthat's\s+one\s+way\s+(?:to|of)\s+(?:do(?:ing)?\s+it|look(?:ing)?\s+at\s+it)\b[.!]*"
            r"|\bwhat\s+would\s+(?:we|I)\s+do\s+without\s+(?:you|your)\b[^.!?]*[?!.]*",
            re.I,
        ),
        "",
    ),
    (
        re.compile(
            r"\b(?:we're|we\s+are|I'm|I\s+am)\s+not\s+(?:mind[- ]?readers?|psychic|psychics"
            r"|magicians?)\b",
            re.I,
        ),
        "it helps us to have this written down",
    ),
    (
        re.compile(
            r"\b(?:congratulations|congrats|well\s+done|bravo)\s+(?:on|for)\s+(?:finally\s+"
            r"|actually\s+|eventually\s+)?(?=(?:finding|opening|reading|replying|remembering"
            r"|managing|getting|answering|noticing)\b)",
            re.I,
        ),
        "thanks for ",
    ),
    (
        re.compile(
            r",?\s*but\s+so\s+(?:are|is|am)\s+(?:we|I|our\s+team|everyone(?:\s+else)?)\b", re.I
        ),
        "",
    ),
    (
        re.compile(
            r"^\s*(?:oh\s*,?\s+)?perfect\s+timing(?:\s+as\s+(?:always|usual|ever))?\b[.!]*", re.I
        ),
        "",
    ),
    (
        re.compile(
            r"\b(?:great|good|nice|excellent|brilliant|fantastic|fine|super)\s+(?:job|work"
            r"|going|one)\s+(?:on\s+)?(?:losing|breaking|missing|deleting|forgetting"
            r"|ignoring|ruining|messing\s+up|wrecking|overlooking)\b",
            re.I,
        ),
        "it looks like something went wrong with",
    ),
    (
        re.compile(
            r"\b(?:clearly|obviously|evidently|apparently|I\s+guess|since|because|well,?)\s+"
            r"you\s+know\s+(?:best|better)\b",
            re.I,
        ),
        "I'll follow your lead",
    ),
    (re.compile(r"\bso[- ]called\s+", re.I), ""),
    (
        re.compile(
            r"\bbecause\s+(?:that's|that\s+is|it's|it\s+is)\s+(?:totally|completely|entirely"
            r"|so|very|really|perfectly)?\s*(?:realistic|reasonable|possible|fair|likely"
            r"|feasible|sensible|doable)\b",
            re.I,
        ),
        "though I'm not sure that's realistic",
    ),
    (re.compile(r"\b(?:sure|right),?\s+because\b[^.!?]*", re.I), ""),
    (
        re.compile(
            r"^\s*(?:sure|yeah|right|oh\s+sure)\s*,\s*(?:let's\s+just|why\s+not|we'll\s+just"
            r"|that'll\s+(?:work|happen))\b",
            re.I,
        ),
        "",
    ),
    (re.compile(r"^\s*(?:seriously|really|honestly|come\s+on|whatever)\s*[?!.]+\s*$", re.I), ""),
]
_LOVE_HOW = re.compile(r"^\s*(?:I\s+)?(?:just\s+)?(?:love|adore)\s+(?:how|that|it\s+when)\b", re.I)
_FINALLY = re.compile(
    r"\b(?:(?:thanks|thank\s+you)\s+for|(?:nice|kind|good|glad|great|lovely|pleased)\s+(?:of\s+)?"
    r"(?:that\s+|to\s+see\s+(?:that\s+)?)?you(?:'ve|\s+have)?\s+(?:could\s+|to\s+)?|\byou(?:'ve"
    r"|\s+have)?)\s*(?P<w>finally|eventually|at\s+long\s+last)\b",
    re.I,
)
_LATE_THANKS = re.compile(
    r"\b(?:thanks|thank\s+you)\b.*(?:(?:\.\.\.|…).*\b(?:after|later|late|too\s+late)\b|\b(?:the"
    r"\s+)?(?:day|night|morning|evening|hours?|minutes?)\s+before\s+(?:the\s+)?(?:print|launch"
    r"|deadline|event|shoot|meeting|go-live|presentation)|\bat\s+the\s+(?:very\s+)?last\s+minute"
    r"|\bafter\s+the\s+(?:event|deadline|fact|shoot|launch|files\s+went))",
    re.I,
)
_SCARE = re.compile(
    r"\b(?i:your|the|this|that|these|those|their|its|our|so-called)\s+(?P<q>\"(?P<w>[a-z][a-z-]*"
    r"(?:\s+[a-z][a-z-]*)?)\"|'(?P<w2>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)'(?=[\s,.;:!?]|$))"
    r"(?!\s+(?:page|button|tab|field|section|folder|menu|link|option|column|label|file"
    r"|document|heading|title|setting|template|sheet|box|icon)\b)"
)
_QUOTING_THEM = re.compile(
    r"\byou\s+(?:said|mentioned|asked\s+for|wrote|called|described|suggested|wanted|used)\b", re.I
)
_INTERJECTION = re.compile(
    r"^\s*(?:oh\s*,?\s*)?(?:just\s+)?(?:great|wonderful|fantastic|brilliant|perfect|lovely|super"
    r"|terrific|marvellous|awesome|excellent|fabulous|splendid)\s*(?:[,.!…]+|\s+-+|$)\s*",
    re.I,
)
_PRAISE = re.compile(
    r"^\s*(?:well\s+done|bravo|congratulations|congrats|nice\s+one|good\s+job|great\s+job"
    r"|nice\s+work|great\s+work)\b[,!.]*\s*",
    re.I,
)
_SETBACK = re.compile(
    r"\b(?:another|again|more|yet|still|redo|redoing|start(?:ing)?\s+(?:over|again)|from\s+scratch"
    r"|back\s+to\s+square\s+one|late|delay(?:ed)?|lost|cancelled|broken)\b",
    re.I,
)
_WHY_SARCASM = "{p} reads as sarcasm."


def sarcasm(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    for pattern, rewrite in _SARCASTIC:
        for m in pattern.finditer(text):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            if start >= m.end():
                continue
            yield s.candidate(start, m.end(), "sarcasm", _WHY_SARCASM, rewrite)
    if (love := _LOVE_HOW.match(text)) and _setback(text[love.end() :]):
        yield s.candidate(
            love.start() + len(love.group()) - len(love.group().lstrip()),
            love.end(),
            "sarcasm",
            _WHY_SARCASM,
            "",
        )
    for m in _FINALLY.finditer(text):
        yield s.candidate(
            m.start("w"), m.end("w"), "sarcasm", "{p} reads as a dig about the wait.", ""
        )
    if _LATE_THANKS.search(text):
        yield s.candidate(
            0,
            len(text),
            "sarcasm",
            "{p} reads as sarcasm about the timing.",
            "Thanks for letting us know. The timing is tight, so let's talk about what's possible.",
        )
    if not _QUOTING_THEM.search(text):
        for m in _SCARE.finditer(text):
            word = m.group("w") or m.group("w2")
            yield s.candidate(
                m.start("q"),
                m.end("q"),
                "sarcasm",
                f"Quotation marks around “{word}” mock the word.",
                word,
            )
    yield from _interjection(s)


def _setback(rest: str) -> bool:
    return (bool(_SETBACK.search(rest)) and polarity(rest) <= 0.1) or polarity(rest) < -0.2


def _interjection(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    if m := _INTERJECTION.match(text):
        rest = text[m.end() :]
        if rest.strip():
            setback = _setback(rest)
        else:
            setback = any(
                near is not None and (near.compound() < -0.1 or bool(_SETBACK.search(near.text)))
                for near in (s.previous, s.following)
            )
        if setback:
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            yield s.candidate(
                start, m.end() if rest.strip() else len(text), "sarcasm", _WHY_SARCASM, ""
            )
    if (m := _PRAISE.match(text)) and text[m.end() :].strip() and polarity(text[m.end() :]) < -0.25:
        yield s.candidate(m.start(), m.end(), "sarcasm", _WHY_SARCASM, "")
