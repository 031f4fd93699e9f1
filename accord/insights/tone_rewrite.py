"""The tone check's findings from the sentence score: a sentence that scores as harsh with no
rule's finding in it becomes a finding of its own — its kind is the kind of the feature that added
most (or of its harsh wording), its `why` names what was seen, and its rewrite is the sentence
softened: a condescending frame, intensifiers and minimisers dropped, shouting lowered, "!!" made
one mark, sweeping words narrowed, an order asked, an ironic opening taken out — never an edit
inside what the check masked (links, addresses, code, quotations). Pure: no Django."""

import re
from collections.abc import Callable

from accord.insights import tone_weights
from accord.insights.tone_grams import wording_kind
from accord.insights.tone_rules import Candidate, Sentence
from accord.insights.tone_sentence import (
    IMPERATIVE_VERBS,
    INDEX,
    KIND_OF,
    LEAD,
    SAYS,
    SCARE_QUOTES,
    Scored,
    explained,
)
from accord.insights.tone_words import ACRONYMS, ENGLISH, SHOUTED, words

WHY = {
    "blame": "makes the reader the culprit",
    "condescension": "talks down to the reader",
    "absolute": "reads as a sweeping charge at the reader",
    "shouting": "raises your voice at the reader",
    "command": "reads as an order, not a request",
    "sarcasm": "reads as sarcasm",
}


# How a finding only the learned wording explains says its kind.
WORDED = {
    "blame": "blaming the reader",
    "condescension": "talking down to the reader",
    "absolute": "a sweeping charge at the reader",
    "shouting": "raising your voice",
    "command": "an order rather than a request",
    "sarcasm": "sarcasm",
}


def strongest(scored: Scored, weights: tuple[float, ...] = tone_weights.WEIGHTS) -> list[str]:
    """The features that pushed the sentence up, the strongest first (those with a kind)."""
    pushing = [
        (weights[INDEX[name]] * value, name)
        for name, value in scored.features.items()
        if KIND_OF[name] and weights[INDEX[name]] * value > 0
    ]
    return [name for _, name in sorted(pushing, reverse=True)]


def candidate(s: Sentence, scored: Scored) -> Candidate:
    """The whole sentence as a finding: its kind is the strongest feature's, its `why` names what
    was seen (up to three features, the words that weigh most among them); when only the
    learned wording explains it, the kind its words point to, said as a likelihood. Its rewrite
    is the sentence softened."""
    names = strongest(scored)
    names = [n for n in names if _SAID_BY.get(n) not in names]
    kind = KIND_OF[names[0]] if names else ""
    worded = bool(scored.seen.get("wording")) and not explained(scored.features)
    if worded:
        # Only the learned wording explains it: the kind its words point to, said as a
        # likelihood — the words may be a topic the labelled complaints were about.
        kind = wording_kind(s.tokens) or kind or "blame"
        seen = list(dict.fromkeys(SAYS[n].format(w=scored.seen.get(n, "")) for n in names[:2]))
        also = f"; also {_listed(seen)}" if seen else ""
        why = f"Wording like {scored.seen['wording']} often reads as {WORDED[kind]}{also}."
    else:
        if scored.seen.get("wording"):
            names = [*names[:2], "wording"]  # the words that weigh most, after the features
        names = names or ["negative"]
        kind = kind or KIND_OF[names[0]] or "blame"
        seen = list(dict.fromkeys(SAYS[n].format(w=scored.seen.get(n, "")) for n in names[:3]))
        why = f"The sentence {WHY[kind]}: {_listed(seen)}."
    rewrite = soften(s.source, "imperative" in scored.features, kind, masked=s.cased)
    return s.candidate(0, len(s.text), kind, why, rewrite, wide=True)


_SAID_BY = {
    "intensifier": "intensifier_charge",
    "exclaim": "exclaim_negative",
    "negative": "reader_negative",
}


def _listed(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_DROP = re.compile(
    r"\b(?:obviously|clearly|literally|seriously|honestly|frankly|surely|evidently|simply|just"
    r"|actually|even|totally|(?:yet\s+|once\s+)?again|(?:for\s+)?(?:the\s+)?(?:second|third"
    r"|fourth|fifth|umpteenth|hundredth|nth)\s+time|this\s+time|at\s+all|already)\b,?\s*",
    re.I,
)


_COMPLEMENT = re.compile(r"(?:\bis|\bwas|'s)(?:\s+\w+ly)?(?:\s+the)?$", re.I)


def _dropped(m: re.Match[str]) -> str:
    """What a dropped word leaves: nothing, or the comma that ends the clause it closed ("went
    up again, the quote…" → "went up, the quote…")."""
    text, end = m.string, m.start()
    while end and text[end - 1].isspace():
        end -= 1
    # Only the words just before are read (a long text has many matches: never all of it).
    if "time" in m.group().lower() and _COMPLEMENT.search(text, max(0, end - 80), end):
        return m.group()  # "this is the third time I've asked": what the sentence says
    return ", " if "," in m.group() and text[end - 1 : end].isalnum() else ""


_MARKS = re.compile(r"[!?]*(?:!{2,}|\?{2,}|\?!|!\?)[!?]*")
_SHOUT = re.compile(r"\b[A-Z][A-Z']*[A-Z]\b")
_SWEEPING = {"always": "often", "never": "rarely", "constantly": "often", "every single": "each"}
_SWEEP = re.compile(r"\b(?:always|never|constantly|every\s+single)\b", re.I)
_SPACES = re.compile(r"[ \t]{2,}")


_FRAME = re.compile(
    r"^\W*(?:(?:just\s+)?so\s+we're\s+clear|to\s+be\s+clear|let\s+me\s+be\s+clear|for\s+the\s+record"
    r"|to\s+put\s+it\s+(?:in\s+[^,:]{0,60}|simply|plainly|another\s+way)|with\s+all\s+due\s+respect"
    r"|as\s+(?:i|we)(?:'ve|\s+have)?\s+(?:already\s+)?(?:said|mentioned|explained|told\s+you|noted"
    r"|stated)[^,:]{0,60}|as\s+(?:explained|mentioned|stated|discussed|noted)[^,:]{0,60}"
    r"|just\s+to\s+remind\s+you(?:\s*\(again\))?|i'm\s+going\s+to\s+be\s+honest)\s*[,:]\s*",
    re.I,
)
_HEDGED = {
    "blame": "It looks like ",
    "absolute": "It looks like ",
    "condescension": "It looks like ",
}


def soften(sentence: str, order: bool = False, kind: str = "", masked: str | None = None) -> str:
    """The sentence with what makes it harsh taken out: a condescending frame ("To be clear,",
    "As I explained,"), intensifiers and minimisers ("obviously", "just", "yet again"), shouted
    words lowered (acronyms kept), "!!" and "?!" made one mark, sweeping words narrowed
    ("always" → "often"), and an order asked ("Could you …?"). Sarcasm loses its scare quotes
    and its ironic opening ("Apparently", "Funny how", "Who knew", "Oh great,"); a sarcastic
    sentence that says nothing else (no figure, date, name, link or ask) is left out (""), one
    that does keeps all it says — as it is when there is no ironic phrase to take out. A charge
    nothing else softened is hedged ("It looks like …"), a pointed question becomes a plain one.

    `masked` is the sentence as the check reads it (tone.mask): what it blanked — links,
    addresses, code, quotations — is kept as written, byte for byte: no edit reaches into it;
    markup alone (a tag, "**") goes with the words around it when they go."""
    held, kept = _hold(sentence, masked)
    text = _unironic(held, kept) if kind == "sarcasm" else held
    if not text:
        return ""  # the dig goes; what the sentence says is said elsewhere or not needed
    text = _sub(_FRAME, "", text, kept)
    text = _sub(_DROP, _dropped, text, kept)
    text = _sub(_MARKS, lambda m: "?" if "?" in m.group() else ".", text, kept)
    text = _sub(
        _SHOUT,
        lambda m: m.group() if m.group().lower() in ACRONYMS else m.group().lower(),
        text,
        kept,
    )
    text = _sub(_SWEEP, lambda m: _SWEEPING[" ".join(m.group().lower().split())], text, kept)
    text = _SPACES.sub(" ", text).strip()
    if order and text:
        lead = LEAD.match(text)
        cut = lead.end() if lead else 0
        body = text[cut:].rstrip(".!?").rstrip()
        opening = "could you" if cut else "Could you"
        text = f"{text[:cut]}{opening} {_lowered(body)}?"
    text = _BEFORE_MARK.sub(r"\1", text)
    if text == held.strip() and kind in _HEDGED:
        if text.endswith("?"):
            return _restore(text, kept)  # no gentler question to offer: asked in own words
        lead = LEAD.match(text)
        cut = lead.end() if lead else 0
        hedge = _HEDGED[kind] if not cut else _HEDGED[kind].lower()
        text = f"{text[:cut]}{hedge}{_lowered(text[cut:])}"
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return _restore(text, kept)


_IRONIC_OPENING = re.compile(
    r"(?:oh,?\s+)?(?:(?:apparently|funny\s+how|who\s+knew|i'm\s+sure|yeah\s+right)\b[,.!]*"
    r"|(?:bless(?:\s+(?:them|him|her|you))?|oh)\s*[,!\u2014\u2013-]+"
    r"|(?:great|good|wonderful|joy|well|brilliant|fantastic|perfect|lovely|marvellous|super"
    r"|terrific|excellent|amazing|nice|wow)\s*[,!\u2014\u2013-]+)(?:\s+that\b)?[\s,]*",
    re.I,
)
_APPARENTLY = re.compile(r",?\s*\bapparently\b,?(?=\s)", re.I)
# What a sentence says besides its tone: a figure, a name or a date (a capital past its first
# word, "I" aside), something held (a link, an address, code), an ask, a deadline.
_FACT = re.compile(
    r"\d|[\ue000-\uf8ff]|(?<=\S)\s+(?!I\b|I')[A-Z]"
    r"|(?i:\b(?:need|needs|needed|please|sign|signed|signature|send|deadline|due|budget|quote"
    r"|invoice|tomorrow|today|tonight|next\s+week)\b)"
)


def _unironic(held: str, kept: dict[str, str]) -> str:
    """A sarcastic sentence without its dig: scare quotes off, its ironic opening taken out
    after any name or greeting ("Tom, apparently …" → "Tom, the …"). "" when it says nothing
    else; as it is when it does and there is no ironic phrase to take out."""
    if SCARE_QUOTES.search(held):
        return _sub(SCARE_QUOTES, lambda m: m.group()[1:-1], held, kept)
    lead = None if _IRONIC_OPENING.match(held) else LEAD.match(held)  # "Oh," is no name
    cut = lead.end() if lead else 0
    rest = held[cut:]
    if not _FACT.search(rest[1:]):
        return ""
    if (opening := _IRONIC_OPENING.match(rest)) and opening.end() < len(rest):
        rest = rest[opening.end() :]
        rest = rest[:1].upper() + rest[1:] if not cut else _lowered(rest)
        return held[:cut] + rest
    if _APPARENTLY.search(rest):
        return held[:cut] + _sub(_APPARENTLY, "", rest, kept)
    return held


_BEFORE_MARK = re.compile(r"\s+([,.;:!?])")
_HELD = re.compile("[\ue000-\uf8ff]")  # a held span: one character of Unicode's private use area
_CLOSING = ".,;:!?"
# A held span that is markup alone: tags, entities, emphasis marks.
_MARKUP = re.compile(r"(?:<[^<>]*>|&#?\w{1,10};|[\s*_~\[|])+")


def _hold(sentence: str, masked: str | None) -> tuple[str, dict[str, str]]:
    """The sentence with each span the check masked (`masked` blank where `sentence` is not;
    spans apart by spaces alone are one) held as one private-use character, and what each
    holds. No pattern here matches such a character as a word or a space, and `_sub` makes no
    edit that takes one in. A sentence's closing mark is not held: the URL pattern takes it in."""
    if masked is None or len(masked) != len(sentence):
        return sentence, {}
    blank = [m == " " and not c.isspace() for c, m in zip(sentence, masked, strict=True)]
    end = len(sentence)
    while end and sentence[end - 1] in _CLOSING and blank[end - 1]:
        blank[end - 1] = False
        end -= 1
    spans: list[list[int]] = []
    for i, held in enumerate(blank):
        if not held:
            continue
        if spans and not sentence[spans[-1][1] : i].strip():
            spans[-1][1] = i + 1  # this span, or one apart from it by spaces alone
        else:
            spans.append([i, i + 1])
    if not spans:
        return sentence, {}
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in sentence)
    out, kept, cursor = [], {}, 0
    for start, stop in spans:
        mark = next(free, None)
        if mark is None:  # the sentence holds every private-use character: nothing is held
            return sentence, {}
        kept[mark] = sentence[start:stop]
        out += [sentence[cursor:start], mark]
        cursor = stop
    out.append(sentence[cursor:])
    return "".join(out), kept


def _sub(
    pattern: re.Pattern[str],
    repl: "str | Callable[[re.Match[str]], str]",
    text: str,
    kept: dict[str, str],
) -> str:
    """`pattern.sub(repl, text)`, leaving as it is any match that takes in a held span other
    than markup alone."""
    if not kept:
        return pattern.sub(repl, text)

    def edit(m: re.Match[str]) -> str:
        if any(not _MARKUP.fullmatch(kept.get(c, c)) for c in _HELD.findall(m.group())):
            return m.group()
        return repl if isinstance(repl, str) else repl(m)

    return pattern.sub(edit, text)


def _restore(text: str, kept: dict[str, str]) -> str:
    """`text` with each held span put back as written."""
    if not kept:
        return text
    return _HELD.sub(lambda m: kept.get(m.group(), m.group()), text)


def _lowered(text: str) -> str:
    """`text` with its first letter lowered when its first word is a common word (not a name,
    not "I")."""
    first = text.split(" ", 1)[0].strip(",;:")
    if first in {"I", "I'm", "I've", "I'll", "I'd"} or first.lower() not in _COMMON:
        return text
    return text[:1].lower() + text[1:]


_COMMON = (
    SHOUTED | ENGLISH | IMPERATIVE_VERBS | words("the a an this that these those it its there here")
)
