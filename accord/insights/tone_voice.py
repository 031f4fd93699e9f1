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
from functools import partial

from accord.insights.tone_rules import (
    Candidate,
    Sentence,
    analyzer,
    keys,
    polarity,
    rx,
    table,
)
from accord.insights.tone_words import ACRONYMS, ENGLISH, SHOUTED, words

# --- Shouting -------------------------------------------------------------------------------

_EXCLAIM = re.compile(r"[!?]*(?:!{2,}|\?{2,}|\?!|!\?)[!?]*")
_PRESSING = rx(
    r"n't\b|\b(?:not|no|never|need|needs|must|now|today|asap|immediately|again|why|still|yet"
    r"|wrong|urgent|urgently|seriously|what|where|how|late|missing|really|nothing|nobody|none"
    r"|anything|anyone|anybody|hello|deadline|overdue|problem|issue|mistake|error|delay|broken"
    r"|ever)\b"
)
_COMPLAINT = rx(
    r"n't\b|\b(?:not|no|never|need|needs|must|now|asap|immediately|again|why|still|yet|wrong"
    r"|urgent|late|missing|read|stop)\b"
)
_GLAD = rx(
    r"\b(?:can't\s+wait|couldn't\s+be\s+(?:happier|prouder|more\s+pleased)|no\s+worries|not\s+bad"
    r"|never\s+(?:been\s+)?better)\b"
)
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z]")
_K_ANOTHER = keys("another")
_K_EXCLAIM = keys("!!", "??", "?!", "!?")
_K_LOVE = keys("love", "adore")
_K_FINALLY = keys("finally", "eventually", "last")
_K_THANKS = keys("thank")
_K_QUOTES = keys('"', "'")
_CAPS_RUN = re.compile(
    r"(?<![\w'&])(?:[A-Z][A-Z'&-]*[A-Z]|[AI])(?:[ \t]+(?:[A-Z][A-Z'&-]*[A-Z]|[AI]))*(?![\w'&])"
)


def _is_word(token: str) -> bool:
    low = token.lower().strip("'-")
    if low in ACRONYMS or len(low) < 2:
        return False
    return low in SHOUTED or low in ENGLISH or low in analyzer().lexicon


def _heading(s: Sentence) -> bool:
    line = s.cased.strip()
    letters = [c for c in line if c.isalpha()]
    return (
        bool(letters)
        and all(c.isupper() for c in letters)
        and len(line.split()) <= 8
        and not line.endswith((".", "!", "?"))
    )


def shouting(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    if s.has(_K_EXCLAIM):
        yield from _exclamations(s)
    if not _TWO_CAPITALS.search(s.cased):
        return
    runs = [c for m in _CAPS_RUN.finditer(s.cased) for c in _caps(s, m)]
    if not runs or _heading(s):
        return
    demanding = any(c.source.lower().strip(" ,") in _DEMAND_WORDS for c in runs)
    warm = s.compound() >= 0.5 and not _COMPLAINT.search(_GLAD.sub(" ", text))
    if runs and (demanding or not warm):
        yield from runs


def _exclamations(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    pressing = _PRESSING.search(_GLAD.sub(" ", text))
    for m in s.finditer(_EXCLAIM):
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


# Words in capitals that press even in a friendly sentence ("Can you please, PLEASE, send it?").
_DEMAND_WORDS = words("please now asap today urgent urgently need must read stop send immediately")
# A word in capitals that names a label, not a raised voice ("the URGENT label").
_LABEL = re.compile(
    r"\s+(?i:label|button|tag|field|stamp|sign|heading|status|flag|sticker|banner)\b"
)


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
        if shouted and _LABEL.match(s.cased, m.start() + shouted[-1].end()):
            shouted = []
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


_NAMES = words(
    """i monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december"""
)


def _lower(text: str) -> str:
    """Shouted words in lower case; acronyms kept, and "I", days and months capitalised."""
    return re.sub(r"[A-Za-z'&-]+", _lower_word, text)


def _lower_word(w: re.Match[str]) -> str:
    word = w.group()
    if word.lower() in ACRONYMS:
        return word
    return word.capitalize() if word.lower() in _NAMES else word.lower()


# --- Curt commands ------------------------------------------------------------------------

_LEAD = re.compile(
    r"(?:(?:(?i:hi|hey|hello|dear)\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*,\s*"
    r"|(?i:and|so|now|ok|okay|right|then|also|well|again)\s*,?\s+)*"
)
_DEMANDING = words(
    """send fix stop do tell give get make read check change update remove delete call reply
    respond answer approve sign confirm finish deliver provide pay resend return submit upload
    correct sort move drop cancel explain listen follow complete email forward bring decide
    stick hurry quit chase book arrange print publish post choose pick review proofread supply
    share transfer settle deal look"""
)
# Verbs whose bare imperative orders the reader to do their part, whatever else is said.
_OBLIGATION = words("decide answer fix stop sort resend correct hurry stick explain listen deal")
_SHORT = words(
    """fix stop send reply respond answer explain sort stick read listen call sign pay decide
    hurry approve confirm change do deal get look"""
)
_SAFE_DONT = words(
    """worry hesitate mind panic stress feel apologise apologize rush thank fret be forget
    hold"""
)
_OFFER = rx(
    r"\b(?:if|whenever|anytime|any\s+time|in\s+case|should\s+you|what\s+you\s+think"
    r"|when\s+you(?:'re|\s+are)?\s+(?:free|ready|back|able))\b"
)
_NOT_ORDERS = rx(
    r"(?:check|find|see|have|take|enjoy)\s+(?:out|attached|below|a\s+look|a\s+great|a\s+lovely)"
    r"|(?:tell|give)\s+(?:me|us)\s+(?:what\s+you\s+think|a\s+(?:shout|ring|call|bell))"
)
URGENT = rx(
    r"\b(?:now|right\s+now|immediately|right\s+away|straight\s+away|at\s+once|asap|a\.s\.a\.p"
    r"|today|tonight|this\s+(?:morning|afternoon|evening)|by\s+(?:the\s+)?end\s+of\s+(?:the\s+)?"
    r"day|eod|cob|close\s+of\s+(?:business|play)|by\s+(?:noon|lunchtime|midday|tonight"
    r"|\d{1,2}(?::\d\d)?\s*(?:am|pm))|urgently|without\s+delay|no\s+later\s+than|this\s+instant"
    r"|first\s+thing|no\s+excuses|no\s+exceptions|end\s+of\s+story|and\s+that's\s+final"
    r"|as\s+soon\s+as\s+you\s+(?:read|get|see|receive)\s+this|any\s+longer|this\s+week)\b"
)
_SOON = rx(
    r"\b(?:right\s+now|now|immediately|right\s+away|straight\s+away|at\s+once|asap|a\.s\.a\.p"
    r"|urgently|without\s+delay|this\s+instant|as\s+soon\s+as\s+you\s+(?:read|get|see|receive)"
    r"\s+this)\b"
)
_FINAL = rx(
    r",?\s*(?:no\s+excuses|no\s+exceptions|end\s+of\s+(?:story|discussion)|and\s+that's\s+final"
    r"|or\s+else)\b"
)
_MUST = rx(
    r"you\s*(?:need\s+to|must|have\s+to|'ve\s+got\s+to|have\s+got\s+to|'ll\s+just\s+have\s+to"
    r"|will\s+just\s+have\s+to|will(?=\s+(?:send|pay|approve|sign|confirm|reply|respond|provide"
    r"|deliver|give|fix|stop|get|tell|call|answer|decide|make|have\s+(?:to|it|them|this)\b)))\s+"
)
_I_WANT = rx(r"I\s+(?P<v>need|want|expect|demand|require|insist)\b(?P<you>\s+you\s+to)?")
_NEEDS_DOING = rx(
    r"(?P<subj>this|it|that|these|those|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:needs|need|has|have)"
    r"\s+to\s+be\b"
)
_CURT_PHRASES: list[tuple[tuple[str, ...], re.Pattern[str], str]] = table(
    [
        (
            (
                "later",
                "excuses",
                "exceptions",
                "story",
                "discussion",
                "final",
                "leave",
                "deal",
                "chop",
                "hurry",
                "get",
            ),
            rx(
                r",?\s*\b(?:no\s+later|no\s+excuses|no\s+exceptions|end\s+of\s+(?:story|discussion)"
                r"|and\s+that's\s+final|take\s+it\s+or\s+leave\s+it|deal\s+with\s+it|chop\s+chop"
                r"|get\s+on\s+with\s+it|hurry\s+up)\b"
            ),
            "",
        ),
        (("sort it out",), rx(r"\bsort\s+it\s+out\b"), "could you look into it"),
        (
            ("hold", "holdup", "long"),
            rx(r"\bwhat(?:'s|\s+is)\s+(?:the\s+hold-?up|taking\s+so\s+long)\b\??"),
            "is there anything I can help unblock?",
        ),
        (
            ("now", "today", "immediately", "asap", "instant"),
            rx(r"^\s*(?:now|today|immediately|right\s+now|asap|this\s+instant)\s*[.!]+\s*$"),
            "",
        ),
    ]
)
_TELL_THEM = re.compile(r"tell\s+(?:your|the)\s+[\w\s-]{1,25}?\s+to\s+\w+")
_JUST = re.compile(r"^(?:just|simply)\s+")
_NOTHING = re.compile("")
_DONT_OPENING = re.compile(r"(?:do\s+not|don't|never)\s+", re.I)
_MUST_OPENING = re.compile(
    r"you\s*(?:need\s+to|must|have\s+to|'ve\s+got\s+to|have\s+got\s+to|'ll\s+just\s+have\s+to"
    r"|will\s+just\s+have\s+to|will)\s+",
    re.I,
)
_WANT_OPENING = re.compile(
    r"I\s+(?:need|want|expect|demand|require|insist)\b(?:\s+you\s+to)?\s*", re.I
)
_NEEDS_OPENING = re.compile(
    r"(?:this|it|that|these|those|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:needs|need|has|have)\s+to\s+be\s*",
    re.I,
)
_STOP_OPENING = re.compile(r"(?:(?:please|kindly)\s+)?stop\s+", re.I)
_STOP = re.compile(r"(?:(?:please|kindly)\s+)?stop\s+(?=\w+ing\b)")
_DONT = re.compile(r"(?:do\s+not|don't|never)\s+(\w+)")
_BODY_WORDS = re.compile(r"[a-z'-]+")
_CLAUSE_END = re.compile(r"[:;\u2014]")
# The first words an order other than a bare imperative starts with.
_OPENERS = words("do don't never you you'll you've i this it that these those the please kindly")
_WHY_ORDER = "{p} reads as an order, not a request."


def _soften(span: str, lead: str, tail: str) -> str:
    body = span.rstrip().rstrip(".!?").rstrip(" ,;:")
    body = _FINAL.sub("", body)
    body = _SOON.sub("as soon as possible", body)
    body = re.sub(r"^(?:just|simply|kindly)\s+", "", body, flags=re.I)
    if re.match(r"(?:could|would|can)\s+(?:you|I|we)\b|is\s+there\b|please\b", body, re.I):
        lead = ""  # a rewrite inside it already asks
    return f"{lead}{body[:1].lower()}{body[1:]}{tail}"


def command(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    for _keys, pattern, rewrite in s.entries(_CURT_PHRASES):
        for m in pattern.finditer(text):
            start = m.start() + len(m.group()) - len(m.group().lstrip(" ,"))
            yield s.candidate(start, m.end(), "command", "{p} shuts the reader down.", rewrite)
    start = _LEAD.match(s.cased).end()  # type: ignore[union-attr]
    body = _JUST.sub("", text[start:], count=1)  # "Just send it now." orders as much
    if _STOP.match(body):
        yield s.candidate(
            start,
            len(text),
            "command",
            _WHY_ORDER,
            partial(_reworded, _STOP_OPENING, "could you avoid ", "?"),
            wide=True,
        )
        return
    order = _order(s, start, body)
    if order is not None and not s.polite and s.compound() < 0.5:
        yield order


def _order(s: Sentence, start: int, body: str) -> Candidate | None:
    """The sentence as an order, if it is one: an imperative, "do not…", "you must…", "I need
    this now", "this needs to be done today"."""
    text = s.text
    lead, tail, opening = "could you ", "?", _NOTHING
    first = body[: body.find(" ")] if " " in body else body
    if first not in _OPENERS and first.rstrip(".!,") not in _DEMANDING:
        return None  # no order starts this way
    if _imperative(s, body):
        pass
    elif (dont := _DONT.match(body)) and (dont.group(1).lower() not in _SAFE_DONT):
        lead, tail, opening = "please don't ", ".", _DONT_OPENING
    elif (must := _MUST.match(body)) and not re.match(
        r"(?:be|admit|love|see|try|come|visit)\b", body[must.end() :], re.I
    ):
        opening = _MUST_OPENING
    elif (want := _I_WANT.match(body)) and _wants(want, text):
        return _i_want(s, start, want)
    elif (needs := _NEEDS_DOING.match(body)) and URGENT.search(text):
        lead, opening = f"could {needs.group('subj').lower()} be ", _NEEDS_OPENING
    else:
        return None
    return s.candidate(
        start, len(text), "command", _WHY_ORDER, partial(_reworded, opening, lead, tail), wide=True
    )


def _reworded(opening: re.Pattern[str], lead: str, tail: str, span: str) -> str:
    """The order asked instead: its opening ("you must", "do not") replaced by `lead`. A span
    whose opening a finding inside it already rewrote keeps that rewrite as it is."""
    if not (cut := opening.match(span)):
        return span
    return _soften(span[cut.end() :], lead, tail)


def _imperative(s: Sentence, body: str) -> bool:
    found = _BODY_WORDS.findall(body)
    clause = _CLAUSE_END.split(body, maxsplit=1)[0]
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
    if _TELL_THEM.match(body):
        return True  # "Tell your designer to use the template."
    short = len(body.split()) <= 5  # "Fix it." "Read the brief." "Answer me."
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
        partial(_reworded, _WANT_OPENING, lead, tail),
        wide=True,
    )


# --- Sarcasm --------------------------------------------------------------------------------

_SARCASTIC: list[tuple[tuple[str, ...], re.Pattern[str], str]] = table(
    [
        (("nothing",), rx(r"\bthanks\s+for\s+nothing\b[.!]?"), ""),
        (
            ("notice", "wasting", "ignoring", "delay", "mess", "confusion", "chaos", "headache"),
            rx(
                r"\b(?:thanks|thank\s+you)\s+(?:so\s+much\s+|a\s+lot\s+|a\s+bunch\s+|again\s+)?"
                r"for\s+(?:the\s+|your\s+|all\s+the\s+)?(?:very\s+)?(?:late|last-minute|last"
                r"\s+minute|short)\s+notice|\bthanks\s+for\s+(?:wasting|ignoring|the\s+delay"
                r"|the\s+mess|the\s+confusion|the\s+chaos|the\s+headache)\b"
            ),
            "thanks for letting me know",
        ),
        (("gee",), rx(r"\bgee,?\s+thanks\b[,.!]?"), ""),
        (
            ("oh", "ah"),
            rx(
                r"(?:^|(?<=[,;]\s))\s*(?:oh|ah)\s*,?\s+(?:great|wonderful|fantastic|brilliant"
                r"|perfect|lovely|joy|good|super|marvellous|terrific|splendid|sure|right|yes"
                r"|how\s+(?:nice|lovely|wonderful))\b[,.!]*"
            ),
            "",
        ),
        (("right",), rx(r"\byeah,?\s+right\b[,.!]*"), ""),
        (("wow",), rx(r"\bjust\s+wow\b[.!]*"), ""),
        (("if",), rx(r"(?:^|(?<=[,;.]\s))as\s+if\b"), "I doubt"),
        (
            ("nice", "kind", "good", "thoughtful", "generous", "lovely", "sweet"),
            rx(
                r"\b(?:how|so)?\s*(?:nice|kind|good|thoughtful|generous|lovely|sweet)\s+of\s+you"
                r"\s+to\s+(?:finally|eventually|at\s+last|bother\s+to|bother|grace\s+us\s+with"
                r"|remember\s+to)\b"
            ),
            "thank you for taking the time to",
        ),
        (
            ("nice", "kind", "good", "thoughtful", "generous", "lovely", "sweet"),
            rx(
                r"\b(?:how|so)?\s*(?:nice|kind|good|thoughtful|generous|lovely|sweet)\s+of\s+you"
                r"\s+to\s+(?:finally\s+)?(?:show\s+up|turn\s+up|join\s+us(?:\s+at\s+last)?|make\s+it)\b"
            ),
            "thank you for coming",
        ),
        (
            ("luck",),
            rx(r"\bgood\s+luck\s+with\s+that\b"),
            "let's talk through the options",
        ),
        (
            ("nice", "kind", "good", "thoughtful", "lovely"),
            rx(r"^\s*how\s+(?:nice|kind|good|thoughtful|lovely)\s+of\s+you\s*[.!]+\s*$"),
            "",
        ),
        (
            ("sure you",),
            rx(
                r"\bI(?:'m|\s+am)\s+sure\s+you\s+(?:did|have|tried|meant\s+to|were|meant\s+well)"
                r"\b(?:\s+\w+){0,3}(?=\s*[.!]|\s*$)[.!]?"
            ),
            "",
        ),
        (
            ("surprise", "shock"),
            rx(r"\bwhat\s+a\s+(?:surprise|shock|shocker)\b[,.!]*|\bsurprise,?\s+surprise\b[,.!]*"),
            "",
        ),
        (
            ("who would", "who could", "who'd", "would've", "could've"),
            rx(
                r"\bwho\s+(?:would\s+have|could\s+have|'d\s+have|would've|could've)\s+(?:thought"
                r"|guessed)\b[,.!?]*"
            ),
            "",
        ),
        (
            ("lucky", "nice", "way", "without"),
            rx(
                r"\bmust\s+be\s+nice\b[.!]*|\blucky\s+(?:us|me)\b[.!]*|^\s*nice\s+try\b[.!]*"
                r"|(?:\bwell,?\s+)?\bthat's\s+one\s+way\s+(?:to|of)\s+(?:do(?:ing)?\s+it|look(?:ing)?\s+at"
                r"\s+it)\b[.!]*"
                r"|\bwhat\s+would\s+(?:we|I)\s+do\s+without\s+(?:you|your)\b[^.!?]*[?!.]*"
            ),
            "",
        ),
        (
            ("mind", "psychic", "magician", "miracle"),
            rx(
                r"\b(?:we're|we\s+are|I'm|I\s+am)\s+not\s+(?:mind[- ]?readers?|psychic|psychics"
                r"|magicians?|miracle[- ]workers?)\b"
            ),
            "it helps us to have this written down",
        ),
        (
            ("congrat", "well done", "bravo"),
            rx(
                r"\b(?:congratulations|congrats|well\s+done|bravo)\s+(?:on|for)\s+(?:finally\s+"
                r"|actually\s+|eventually\s+)?(?=(?:finding|opening|reading|replying|remembering"
                r"|managing|getting|answering|noticing)\b)"
            ),
            "thanks for ",
        ),
        (
            ("so are", "so is", "so am"),
            rx(r",?\s*but\s+so\s+(?:are|is|am)\s+(?:we|I|our\s+team|everyone(?:\s+else)?)\b"),
            "",
        ),
        (
            ("perfect timing",),
            rx(r"^\s*(?:oh\s*,?\s+)?perfect\s+timing(?:\s+as\s+(?:always|usual|ever))?\b[.!]*"),
            "",
        ),
        (
            (
                "losing",
                "breaking",
                "missing",
                "deleting",
                "forgetting",
                "ignoring",
                "ruining",
                "messing",
                "wrecking",
                "overlooking",
            ),
            rx(
                r"\b(?:great|good|nice|excellent|brilliant|fantastic|fine|super)\s+(?:job|work"
                r"|going|one)\s+(?:on\s+)?(?:losing|breaking|missing|deleting|forgetting"
                r"|ignoring|ruining|messing\s+up|wrecking|overlooking)\b"
            ),
            "it looks like something went wrong with",
        ),
        (
            ("best", "better"),
            rx(
                r"\b(?:clearly|obviously|evidently|apparently|I\s+guess|since|because|well,?)\s+"
                r"you\s+know\s+(?:best|better)\b"
            ),
            "I'll follow your lead",
        ),
        (
            ("eventually", "finally", "last"),
            rx(r"^\s*(?:eventually|finally|at\s+(?:long\s+)?last)\s*[.!]+\s*$"),
            "",
        ),
        (
            ("anyone", "anybody", "hello"),
            rx(r"(?:\bhello\?+\s*)?\b(?:is\s+)?(?:anyone|anybody)\s+(?:there|home|listening)\?+"),
            "",
        ),
        (("ever",), rx(r",?\s*said\s+no\s+one\s+ever\b[.!]*"), ""),
        (
            ("cheers", "thanks"),
            rx(
                r"^\s*(?:cheers|thanks)\s+for\s+that\s*,?\s+(?:really|very|super|so)\s+(?:helpful|useful)"
                r"\b[.!]*"
            ),
            "",
        ),
        (
            ("believe",),
            rx(
                r"\bI\s+can't\s+believe\s+(?:we're|we\s+are|I'm|I\s+am|you're|you\s+are)\s+still\s+"
                r"(?:talking|discussing|arguing)\s+about"
            ),
            "let's settle",
        ),
        (
            ("always", "something"),
            rx(r"\b(?:it's|it\s+is|there's)\s+always\s+something\s+with\s+(?:you|your\s+[\w-]+)"),
            "there's been another snag",
        ),
        (("called",), rx(r"\bso[- ]called\s+"), ""),
        (
            (
                "realistic",
                "reasonable",
                "possible",
                "fair",
                "likely",
                "feasible",
                "sensible",
                "doable",
            ),
            rx(
                r"\bbecause\s+(?:that's|that\s+is|it's|it\s+is)\s+(?:totally|completely|entirely"
                r"|so|very|really|perfectly)?\s*(?:realistic|reasonable|possible|fair|likely"
                r"|feasible|sensible|doable)\b"
            ),
            "though I'm not sure that's realistic",
        ),
        (("sure", "right"), rx(r"\b(?:sure|right),?\s+because\b[^.!?]*"), ""),
        (
            ("sure", "yeah", "right"),
            rx(r"^\s*(?:sure|yeah|right|oh\s+sure)\s*,\s*(?:let's|we'll)\s+just\b"),
            "I'm not sure we can",
        ),
        (
            ("sure", "yeah", "right"),
            rx(
                r"^\s*(?:sure|yeah|right|oh\s+sure)\s*,\s*(?:why\s+not|that'll\s+(?:work|happen))\b"
            ),
            "",
        ),
        (
            ("seriously", "really", "honestly", "come on", "whatever"),
            rx(r"^\s*(?:seriously|really|honestly|come\s+on|whatever)\s*[?!.]+\s*$"),
            "",
        ),
    ]
)
_ANOTHER = rx(r"\s*another\s+[\w-]+,\s+another\s+[\w\s-]{2,40}?(?=[.!]|$)")
_LOVE_HOW = rx(r"^\s*(?:I\s+)?(?:just\s+)?(?:love|adore)\s+(?:how|that|it\s+when)\b")
_FINALLY = rx(
    r"\b(?:(?:thanks|thank\s+you)\s+for|(?:nice|kind|good|glad|great|lovely|pleased)\s+(?:of\s+)?"
    r"(?:that\s+|to\s+see\s+(?:that\s+)?)?you(?:'ve|\s+have)?\s+(?:could\s+|to\s+)?|\byou(?:'ve"
    r"|\s+have)?)\s*(?P<w>finally|eventually|at\s+long\s+last)\b"
)
_LATE_THANKS = rx(
    r"\b(?:thanks|thank\s+you)\b.*(?:(?:\.\.\.|…).*\b(?:after|later|late|too\s+late)\b|\b(?:the"
    r"\s+)?(?:day|night|morning|evening|hours?|minutes?)\s+before\s+(?:the\s+)?(?:print|launch"
    r"|deadline|event|shoot|meeting|go-live|presentation)|\bat\s+the\s+(?:very\s+)?last\s+minute"
    r"|\bafter\s+the\s+(?:event|deadline|fact|shoot|launch|files\s+went)|\blast-minute\b.*\bas"
    r"\s+(?:always|usual|ever)\b)"
)
_THANKS = rx(r"\b(?:thanks|thank\s+you)\b")
_SCARE = re.compile(
    r"\b(?i:your|the|this|that|these|those|their|its|our|so-called)\s+(?P<q>\"(?P<w>[a-z][a-z-]*"
    r"(?:\s+[a-z][a-z-]*)?)\"|'(?P<w2>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)'(?=[\s,.;:!?]|$))"
    r"(?!\s+(?:page|button|tab|field|section|folder|menu|link|option|column|label|file"
    r"|document|heading|title|setting|template|sheet|box|icon)\b)"
)
_QUOTING_THEM = rx(
    r"\byou\s+(?:said|mentioned|asked\s+for|wrote|called|described|suggested|wanted|used)\b"
)
_INTERJECTION = rx(
    r"^\s*(?:oh\s*,?\s*)?(?:just\s+)?(?:great|wonderful|fantastic|brilliant|perfect|lovely|super"
    r"|terrific|marvellous|awesome|excellent|fabulous|splendid)\s*(?:[,.!…]+|\s+-+|$)\s*",
)
_PRAISE = rx(
    r"^\s*(?:well\s+done|bravo|congratulations|congrats|nice\s+one|good\s+job|great\s+job"
    r"|nice\s+work|great\s+work)\b[,!.]*\s*"
)
_SETBACK = rx(
    r"\b(?:another|again|more|yet|still|redo|redoing|start(?:ing)?\s+(?:over|again)|from\s+scratch"
    r"|back\s+to\s+square\s+one|late|delay(?:ed)?|lost|cancelled|broken)\b"
)
_WHY_SARCASM = "{p} reads as sarcasm."


def sarcasm(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    for _keys, pattern, rewrite in s.entries(_SARCASTIC):
        for m in pattern.finditer(text):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            if start >= m.end():
                continue
            yield s.candidate(start, m.end(), "sarcasm", _WHY_SARCASM, rewrite)
    if s.has(_K_ANOTHER) and (again := _ANOTHER.match(text)) and not _warm_around(s):
        yield s.candidate(again.start(), again.end(), "sarcasm", _WHY_SARCASM, "")
    if s.has(_K_LOVE) and (love := _LOVE_HOW.match(text)) and _setback(text[love.end() :]):
        yield s.candidate(
            love.start() + len(love.group()) - len(love.group().lstrip()),
            love.end(),
            "sarcasm",
            _WHY_SARCASM,
            "",
        )
    for m in s.finditer(_FINALLY, _K_FINALLY):
        yield s.candidate(
            m.start("w"), m.end("w"), "sarcasm", "{p} reads as a dig about the wait.", ""
        )
    if (
        s.has(_K_THANKS)
        and (first := _THANKS.search(text))
        and _LATE_THANKS.match(text, first.start())
    ):
        # Tried from the first thanks only: a later one could only match what it matches, and
        # trying each of 400 would cost a second on a hostile text.
        yield s.candidate(
            0,
            len(text),
            "sarcasm",
            "{p} reads as sarcasm about the timing.",
            "Thanks for letting us know. The timing is tight, so let's talk about what's possible.",
        )
    if s.has(_K_QUOTES) and not _QUOTING_THEM.search(text):
        for m in _SCARE.finditer(s.cased):
            word = m.group("w") or m.group("w2")
            yield s.candidate(
                m.start("q"),
                m.end("q"),
                "sarcasm",
                f"Quotation marks around “{word}” mock the word.",
                word,
            )
    yield from _interjection(s)


def _warm_around(s: Sentence) -> bool:
    """Whether the sentence or the next is warm ("Another week, another award. Congrats!")."""
    return s.compound() > 0.1 or (s.following is not None and s.following.compound() >= 0.3)


def _setback(rest: str) -> bool:
    return (bool(_SETBACK.search(rest)) and polarity(rest) <= 0.1) or polarity(rest) < -0.2


_EXCLAIMED = keys(
    "oh",
    "just",
    "great",
    "wonderful",
    "fantastic",
    "brilliant",
    "perfect",
    "lovely",
    "super",
    "terrific",
    "marvellous",
    "awesome",
    "excellent",
    "fabulous",
    "splendid",
    "well",
    "bravo",
    "congratulations",
    "congrats",
    "nice",
    "good",
)


def _interjection(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    if not s.has(_EXCLAIMED):
        return
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
