"""The tone check's rules for condescension: talking down to the reader ("obviously", "as I
already told you", "simply click…", "it's not rocket science", insults to their work). Pure:
no Django.

"Obviously" and "clearly" are condescending when they tell the reader a fact they should have
known; not when they describe how something is done ("clearly labelled"), the writer's own
feelings ("we're obviously delighted"), a reassurance ("obviously, if the budget changes, we'll
adjust") or praise ("clearly the strongest design"). "Simply" is condescending in an
instruction to the reader, not as an adverb of degree ("simply lovely")."""

import re
from collections.abc import Iterator

from accord.insights.tone_phrases import PHRASES, WHY_KNOWN, WHY_LISTENED
from accord.insights.tone_rules import Candidate, Rewrite, Sentence, keys, next_words, rx

_OBVIOUS = rx(r"\b(?P<w>obviously|clearly|evidently|patently)\b")
_MANNER = rx(
    r"\s+(?:labell?ed|marked|visible|legible|written|set\s+out|shown|laid\s+out|signposted"
    r"|defined|readable|presented|displayed|communicated|described|identified|separated"
    r"|organi[sz]ed|named|structured|see|seen|understand|understood|explained|outlined"
    r"|enjoy|enjoyed|love|loved|like|liked|proud|worked|put|made|thought|delighted|thrilled"
    r"|pleased|happy|excited|keen|grateful|better|stronger|the\s+(?:best|strongest|right"
    r"|winner|favourite))\b"
)
_FIRST_PERSON_BEFORE = rx(
    r"\b(?:we|i|we're|i'm|we've|i've|we'll|i'll|we'd|i'd|our\s+team|everyone)(?:\s+(?:are|am"
    r"|were|was|will|would|all|both))?\s*$"
)
_REASSURANCE = rx(r"(?:if|when)\b|(?:we|I)(?:'ll|'d|'re|'m|\s+will|\s+would|\s+are|\s+am)\b")
_SURELY = rx(
    r"\bsurely\s+(?:you|your\s+team)\s+(?P<v>can|could|know|understand|reali[sz]e|remember|see"
    r"|agree|must|will|are\s+aware|don't|didn't|can't)\b(?P<that>\s+that)?"
)
_SIMPLY = rx(
    r"\bsimply\s+(?!put\b|put\s+it\b|say\b)(?=(?:click|send|go|open|read|follow|use|reply|log|sign|fill|upload|download"
    r"|check|select|press|type|drag|attach|forward|scroll|visit|enter|copy|paste|refresh"
    r"|restart|look|tap|hit|choose|pick|update|print|save|approve|tell|call|email|add|put"
    r"|make|do|ask|let)\b)"
)
_SIMPLY_LEAD = rx(
    r"(?:^|[,;:]|\bplease|\band|\bthen|\byou\s+(?:can|could|need\s+to|have\s+to|must|should"
    r"|will|'ll|just|only\s+need\s+to))\s*$|^\s*you\s*$"
)
_REPEATED = (
    r"(?:\s+(?:already|before|earlier|previously|above|again|twice|three\s+times|several\s+times"
    r"|many\s+times|multiple\s+times|numerous\s+times|countless\s+times|so\s+many\s+times"
    r"|repeatedly|more\s+than\s+once|over\s+and\s+over|a\s+(?:few|couple\s+of)\s+times"
    r"|(?:on|last)\s+(?:monday|tuesday|wednesday|thursday|friday)\s+and\s+again\s+on\s+\w+"
    r"|(?:\w+\s+)?(?:weeks?|days?|months?)\s+ago))"
)
_BACK_THEN = (
    r"(?:\s+(?:last\s+week|yesterday|in\s+my\s+(?:last|previous|earlier|first)\s+(?:email|e-mail"
    r"|message|note|reply|mail)|(?:on|last)\s+(?:monday|tuesday|wednesday|thursday|friday)))"
)
_AS_SAID = rx(
    r"\b(?:as|like)\s+(?:(?P<who>I|we)(?:'ve|\s+have|\s+had)?\s+)?(?P<rep>(?:already|previously"
    r"|clearly|just|repeatedly)\s+)?(?P<v>said|told\s+you|explained|mentioned|stated|pointed\s+out"
    r"|noted|wrote|outlined|made\s+clear|indicated|advised|emphasi[sz]ed|highlighted|flagged"
    r"|set\s+out|discussed)(?:\s+(?:this|it|that))?(?:\s+to\s+you)?(?P<tail>(?:"
    + _REPEATED
    + "|"
    + _BACK_THEN
    + r")*)"
)
_I_TOLD_YOU = rx(
    r"\b(?:I|we)(?:'ve|\s+have|\s+had|'d|\s+did)?\s+(?:(?P<already>already)\s+)?(?:told\s+you|explained"
    r"|said|mentioned|stated|pointed\s+out|asked\s+you|reminded\s+you|warned\s+you)"
    r"(?:\s+(?:this|that|it))?(?:\s+to\s+you)?(?:(?:\s+(?!and\b|but\b)[\w']+){0,6}?"
    r"(?P<tail>" + _REPEATED + r"+))?"
)
_INSULT = (
    r"ridiculous|absurd|nonsense|pathetic|unacceptable|unprofessional|amateurish|lazy|sloppy"
    r"|careless|silly|stupid|ludicrous|laughable|a\s+joke|childish|useless|pointless|worthless"
    r"|incompetent|clueless|rubbish|garbage|shoddy|impossible\s+to\s+(?:work|deal)\s+with"
    r"|impossible\s+to\s+please"
)
_INSULT_YOURS = (
    r"terrible|awful|horrible|hopeless|a\s+mess|a\s+nightmare|embarrassing|unreasonable"
    r"|unrealistic|naive|na\u00efve"
)
_JUDGED = rx(
    r"\b(?:is|was|are|were|'s|'re|sounds|seems|looks|feels|getting|becoming|gets)\s+(?P<adv>(?:(?:just"
    r"|frankly|honestly|really|quite|totally|completely|utterly|absolutely|a\s+bit|pretty|very"
    r"|simply|so)\s+)*)"
    rf"(?P<adj>{_INSULT}|(?P<yours>{_INSULT_YOURS}))\b"
)


_OWNING = rx(
    r"\b(?:on\s+(?:us|me)|our\s+(?:fault|mistake|error)|my\s+(?:fault|mistake)|sorry|apologi[sz]e"
    r"|apologies)\b"
)
_CLAUSES = re.compile(r"[,;:.!?\u2014]")
_THEIRS = re.compile(r"\b(?:you|your|yours)\b")
_OURS = re.compile(r"\b(?:our|my|we|i)\b")
_AGAIN = re.compile(r"\s*again\s*,\s*")
_K_OBVIOUS = keys("obvious", "clearly", "evident", "patent")
_K_SIMPLY = keys("simply")
_K_SURELY = keys("surely")
_SAID = keys(
    *[
        "said",
        "told",
        "explain",
        "mention",
        "stated",
        "pointed",
        "noted",
        "wrote",
        "outlined",
        "clear",
        "indicated",
        "advised",
        "emphasi",
        "highlight",
        "flagged",
        "set",
        "out",
        "discussed",
        "asked",
        "remind",
        "warned",
    ]
)
_INSULTS = keys(
    *[
        "ridiculous",
        "absurd",
        "nonsense",
        "pathetic",
        "unacceptable",
        "unprofessional",
        "amateur",
        "lazy",
        "sloppy",
        "careless",
        "silly",
        "stupid",
        "ludicrous",
        "laughable",
        "joke",
        "childish",
        "useless",
        "pointless",
        "worthless",
        "incompetent",
        "clueless",
        "rubbish",
        "garbage",
        "shoddy",
        "impossible",
        "terrible",
        "awful",
        "horrible",
        "hopeless",
        "mess",
        "nightmare",
        "embarrassing",
        "unreasonable",
        "unrealistic",
        "naive",
    ]
)


def condescension(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    for m in s.finditer(_OBVIOUS, _K_OBVIOUS):
        yield from _obviously(s, m)
    for m in s.finditer(_SIMPLY, _K_SIMPLY):
        if _SIMPLY_LEAD.search(text[: m.start()]) or not text[: m.start()].strip():
            yield s.candidate(
                m.start(),
                m.start() + len("simply"),
                "condescension",
                "{p} implies the task is trivial.",
                "",
            )
    for m in s.finditer(_AS_SAID, _SAID):
        if _pointed(m):
            at_start = not text[: m.start()].strip(" ,")
            yield s.candidate(
                m.start(),
                m.end(),
                "condescension",
                WHY_LISTENED,
                "to recap" if at_start else "as mentioned",
            )
    for m in s.finditer(_I_TOLD_YOU, _SAID):
        if m.group("already") or (m.group("tail") or "") or " did " in m.group():
            yield _recap(s, m)
    for m in s.finditer(_SURELY, _K_SURELY):
        verb = m.group("v").lower()
        if verb in {"know", "understand", "realise", "realize", "remember", "are aware"}:
            softer = "as you may know," if m.group("that") else f"I'm sure you {verb}"
        else:
            softer = f"I hope you {verb}"
        yield s.candidate(
            m.start(), m.end(), "condescension", "{p} talks down to the reader.", softer
        )
    if s.has(_INSULTS):
        yield from _judged(s)
    yield from _recaps(s)


def _recaps(s: Sentence) -> Iterator[Candidate]:
    """ "Again, …", and the phrases of the table."""
    text = s.text
    if (again := _AGAIN.match(text)) and s.compound() <= 0.1:
        end = again.end()
        yield s.candidate(text.index(text.strip()[0]), end, "condescension", WHY_LISTENED, "")
    for _keys, pattern, why, rewrite in s.entries(PHRASES):
        for m in pattern.finditer(text):
            yield _phrase(s, m, pattern, why, rewrite)


def _pointed(m: re.Match[str]) -> bool:
    """ "As I already said", "as mentioned several times", "as I told you", "as I said in my last
    email" point back at the reader's lapse; a plain "as mentioned" or "as discussed" does not."""
    verb = " ".join(m.group("v").lower().split())
    if m.group("rep") or re.search(_REPEATED, m.group("tail"), re.I) or verb == "told you":
        return True
    pointed_verbs = {"said", "explained", "stated", "made clear", "pointed out"}
    return bool(m.group("tail")) and bool(m.group("who")) and verb in pointed_verbs


def _obviously(s: Sentence, m: re.Match[str]) -> Iterator[Candidate]:
    text = s.text
    if _MANNER.match(text, m.end()) or _FIRST_PERSON_BEFORE.search(text[: m.start()]):
        return
    if _REASSURANCE.match(text[m.end() :].lstrip(" ,")):
        return  # "Obviously, if the budget changes, we'll…"
    if re.search(r"\bas\s*$", text[: m.start()], re.I):
        return  # "as clearly stated" is its own phrase
    if s.compound() >= 0.5 and not s.negated:
        return  # "This is clearly the strongest design."
    negative = re.match(r"\s*(?:not|isn't|can't|won't|cannot)\b", text[m.end() :], re.I)
    yield s.candidate(
        m.start(), m.end(), "condescension", WHY_KNOWN, "unfortunately" if negative else ""
    )


def _recap(s: Sentence, m: re.Match[str]) -> Candidate:
    rest = s.text[m.end() :]
    if follow := re.match(r"\s*(?:that\b|,\s*but\b|,|:)\s*", rest):
        return s.candidate(
            m.start(), m.end() + follow.end(), "condescension", WHY_LISTENED, "to recap, "
        )
    if re.match(r"\s*(?:why|how|what|where|when)\b", rest, re.I):
        return s.candidate(m.start(), m.end(), "condescension", WHY_LISTENED, "let me recap")
    if not rest.strip(" .!?"):
        return s.candidate(m.start(), m.end(), "condescension", WHY_LISTENED, "")
    return s.candidate(
        m.start(), m.end(), "condescension", WHY_LISTENED, "I may not have been clear"
    )


def _judged(s: Sentence) -> Iterator[Candidate]:
    """Insults to the reader's work or request ("this feedback is useless"); not about our own
    work, and the milder words only about theirs."""
    if _OWNING.search(s.text):
        return  # "the timeline you were given was unrealistic, and that's on us"
    for m in s.finditer(_JUDGED):
        subject = " ".join(_CLAUSES.split(s.text[: m.start()])[-1].split()[-4:])
        theirs = bool(_THEIRS.search(subject))
        if (_OURS.search(subject) and not theirs) or (m.group("yours") and not theirs):
            continue
        yield s.candidate(
            m.start("adv"),
            m.end("adj"),
            "condescension",
            "{p} insults the reader's work or request.",
            "hard for us to work with",
        )


def _phrase(
    s: Sentence, m: re.Match[str], pattern: re.Pattern[str], why: str, rewrite: Rewrite
) -> Candidate:
    if "span" in pattern.groupindex:
        return s.candidate(m.start("span"), m.end("span"), "condescension", why, rewrite)
    text = _phrase_rewrite(s, m, pattern, rewrite)
    if text in {"to recap", "to confirm", "to put it another way"} and not s.text[m.end() :].strip(
        " .!?"
    ):
        text = ""  # the phrase was the whole sentence
    start = m.start() + len(m.group()) - len(m.group().lstrip())
    return s.candidate(start, m.end(), "condescension", why, text)


def _phrase_rewrite(
    s: Sentence, m: re.Match[str], pattern: re.Pattern[str], rewrite: Rewrite
) -> Rewrite:
    """A phrase's rewrite, made to fit what it matched."""
    groups = pattern.groupindex
    if "many" in groups:
        if m.group().rstrip()[-1:] in ".!?" or not s.text[m.end() :].strip():
            return ""
        return "could I ask again" if m.group("many").lower() in {"ask", "remind"} else "to recap"
    if "what" in groups:
        what = s.original(m, "what").strip()
        return f"here's a quick recap of {what}" if what else "here's a quick recap"
    if "obj" in groups:
        return f"did {s.original(m, 'obj')} come through"
    if "that" in groups and m.group("that"):
        return "it's worth noting that"
    if rewrite == "as set out in":
        after, _ = next_words(s, m.end())
        if not after or after[0] not in {"the", "my", "our", "your", "this", "that"}:
            return "it may help to know"
    return rewrite
