"""The tone check's rules for blame: the reader (or their team) made the culprit — "you failed
to send…", "you didn't read the brief", "you should have checked", "this is your team's mistake",
"we're late because you sent the copy after the deadline". Pure: no Django.

The reader must be the subject of the fault at the start of a clause (so "the email we sent you
failed" is not blame), with no hedge or condition before it ("if you missed it, here it is").
Each rewrite says what has not happened yet from our side ("we haven't yet received…")."""

import re
from collections.abc import Iterator

from accord.insights.tone_rules import (
    ADV,
    HAVE,
    HEDGE,
    K_READER,
    YOU,
    Candidate,
    Sentence,
    clause_subject,
    keys,
    negated_before,
    next_words,
    object_follows,
    rx,
    table,
)
from accord.insights.tone_words import words

PARTICIPLES = words(
    """told sent read known seen done made said got gotten given taken written spoken been let
    paid brought thought kept left heard found put set come caught shown"""
)
_PAST = words(
    """sent gave took made left forgot lost chose wrote brought came went got put kept said sold
    spent broke told let began read sat held ran set thought caught hid found"""
)
_FAULT = rx(
    rf"\b(?P<subj>{YOU}){HAVE}\s+(?:{ADV}\s+)?(?:been\s+)?"
    r"(?P<verb>failed|forgot(?:ten)?|forgets?|neglected|omitted|missed|misses|miss|ignored"
    r"|ignores?|ignoring|overlooked|overlooks?|misunderstood|misunderstands?|misread"
    r"|misinterpreted|messed\s+up|screwed\s+up|botched|broke|broken|ruined|lost"
    r"|let\s+(?:us|me|the\s+team|everyone)\s+down|dropped\s+the\s+ball"
    r"|(?:didn't|did\s+not|couldn't|could\s+not)\s+(?:even\s+)?bother|couldn't\s+be\s+bothered"
    r"|got\s+(?P<obj>it|this|that|them|(?:the|your|our|these|those)\s+[\w-]+(?:\s+[\w-]+)?)"
    r"\s+wrong|(?:sent|gave|supplied|provided|approved|used)\s+(?:us\s+|me\s+)?the\s+"
    r"(?P<bad>wrong|old|outdated|incorrect)(?:\s+[\w-]+){0,2})\b(?P<to>\s+to\b)?"
)
_DIDNT = rx(
    rf"\b(?P<subj>{YOU})\s+(?:{ADV}\s+)?(?:didn't|did\s+not|don't|do\s+not|doesn't|does\s+not"
    r"|never\s+even)\s+(?:even\s+|bother\s+to\s+|actually\s+|properly\s+|really\s+)?"
    r"(?=(?:read|check|follow|look|listen|reply|respond|answer|send|provide|supply|approve"
    r"|sign|tell|inform|mention|proofread|review|update|confirm|pay|deliver|book|test|share"
    r"|return|give|let|open|click|attach)\b)"
)
_OUGHT = rx(
    rf"\b(?P<subj>{YOU})\s+(?:(?P<modal>should|could|ought\s+to)\s+have|(?:were|was)\s+"
    r"(?:supposed|meant|asked|told|expected|due|required)\s+to|had\s+to|needed\s+to"
    r"|had\s+one\s+job)\b"
)
_YOUR_FAULT = rx(
    r"(?P<cop>\b(?:this|that|it)(?:'s|\s+is|\s+was|\s+were)\s+(?:(?:entirely|all|completely"
    r"|totally|clearly|obviously|purely|really)\s+)?)?\byour(?:\s+(?:team|side|company|designer"
    r"|developer|department|printer|supplier|agency|staff|office))?(?:'s)?\s+(?:own\s+)?"
    r"(?P<n>fault|mistake|error|oversight|screw-?up|mess|blunder|doing|problem)\b"
    r"(?P<tail>,?\s+not\s+(?:ours|mine|our\s+\w+))?"
)
_WRONG = rx(
    r"\b(?P<subj>you)(?:'re|\s+are|\s+were)\s+(?:(?:simply|just|completely|totally|clearly"
    r"|obviously|quite|plain|dead)\s+)?(?:wrong|mistaken|incorrect|confused)\b"
)
_WHY = rx(
    r"\b(?:why\s+(?:on\s+earth\s+)?(?P<aux>didn't|did\s+not|haven't|have\s+not|hasn't|has\s+not"
    r"|weren't|wasn't|won't|can't|couldn't|aren't|isn't|wouldn't|would|did)|how\s+(?P<how>could))"
    rf"\s+(?P<subj>{YOU})\b"
)
# "…, because you sent the copy three days after the deadline": the reader as the cause of
# something that went wrong.
_CAUSE = rx(
    rf"\b(?P<subj>{YOU}){HAVE}\s+(?:{ADV}\s+)?(?P<verb>(?:couldn't|didn't|wouldn't|weren't|hasn't"
    r"|isn't|doesn't|aren't"
    r"|wasn't|haven't|hadn't|won't|can't)\s+\w+|(?![a-z]*eed\b)[a-z]+ed|"
    + "|".join(sorted(_PAST))
    + r")\b"
)
_WENT_WRONG = rx(
    r"\b(?:late|later|delay(?:ed|s)?|wrong|incorrect|missed|overdue|too\s+late|after\s+the"
    r"\s+deadline|past\s+the\s+deadline|held\s+up|holding\s+up|cost\s+us|failed|start\s+(?:over|again)"
    r"|from\s+scratch|wasted?|extra\s+work|couldn't|can't|had\s+to\s+(?:redo|start|reprint)"
    r"|underperformed|flopped|backfired|stalled|slipped|suffered|crashed|lost|in\s+this\s+"
    r"(?:position|situation|mess))\b"
)
_BLAME_PHRASES: list[tuple[tuple[str, ...], re.Pattern[str], str, str]] = table(
    [
        (
            ("stop ignor",),
            rx(r"\b(?:please\s+)?stop\s+ignoring\b"),
            "{p} accuses the reader of ignoring you.",
            "could you look at",
        ),
        (
            ("chasing",),
            rx(r"\bchasing\s+(?:you|your\s+team)(?:\s+up)?\b"),
            "{p} tells the reader they are the hold-up.",
            "following up",
        ),
        (
            ("side", "team", "end", "company"),
            rx(
                r"\b(?:nobody|no\s+one|no-one)\s+(?:on|from|in|at)\s+your\s+(?:side|team|end"
                r"|company)\b"
            ),
            "{p} points at the reader's side as the cause.",
            "it looks like no one",
        ),
        (
            (" on you", " on your", " on them"),
            rx(
                r"\b(?P<cop>is|was|'s|that's|that\s+is)\s+(?:all\s+|entirely\s+|completely\s+)?on\s+"
                r"(?:you|your\s+(?:team|side)|them)\b"
            ),
            "{p} hands the reader the blame.",
            " something to talk through",
        ),
        (
            ("caused by", "because of", "thanks to", "down to"),
            rx(
                r"\b(?:caused\s+by|because\s+of|down\s+to)\s+(?:you|your\s+team|your\s+side)\b(?!r)"
                r"|\bthanks\s+to\s+(?:you|your\s+team|your\s+side)\b(?!r)(?=[^.!?]*\b(?:late|delay"
                r"|missed|lost|wrong|again|stuck|behind|problem|mess)\b)"
            ),
            "{p} hands the reader the blame.",
            "because of a mix-up",
        ),
        (
            ("us", "fault"),
            rx(
                r"\b(?:it's|it\s+is|that's|that\s+is|this\s+is|this\s+isn't|it\s+isn't)\s+not\s+(?:on\s+us"
                r"|our\s+fault|down\s+to\s+us)\b|\b(?:it's|that's)\s+not\s+on\s+us\b"
            ),
            "{p} pushes the blame back at the reader.",
            "let's sort it out together",
        ),
        (
            ("did", "have", "do", "were"),
            rx(r"(?<=\w),\s*(?:did|have|do|were)\s+you\s*\?(?=\s*$)"),
            "{p} presses the point home.",
            ".",
        ),
        (
            ("position", "spot", "situation"),
            rx(
                rf"\b{YOU}(?:'ve|\s+have)?\s+put\s+(?:us|me)\s+in\s+(?:a|an)\s+(?:very\s+|really\s+)?"
                r"(?:difficult|awkward|tough|impossible|bad|tricky)\s+(?:position|spot|situation)"
            ),
            "{p} makes the reader the culprit.",
            "we're in a tricky position",
        ),
        (
            ("holding",),
            rx(
                rf"\b{YOU}(?:'re|\s+is|\s+are|'s|\s+has\s+been|\s+have\s+been)\s+holding\s+"
                r"(?:everything|things|us|it\s+all|the\s+[\w-]+)\s+up\b"
            ),
            "{p} makes the reader the culprit.",
            "things are held up",
        ),
        (
            ("inability", "failure", "refusal", "unwillingness", "reluctance", "lack"),
            rx(
                r"\byour(?:\s+team's)?\s+(?:inability|failure|refusal|unwillingness|reluctance"
                r"|lack\s+of\s+\w+)\s+to\b"
            ),
            "{p} makes the reader the culprit.",
            "the time it's taking to",
        ),
        (
            ("job",),
            rx(
                r"\b(?:it's|it\s+is|that's|that\s+is|this\s+isn't|it\s+isn't)\s+not\s+(?:our|my)\s+job"
                r"\s+to\b|\b(?:it's|it\s+is|that's|that\s+is)\s+not\s+(?:our|my)\s+job\b"
            ),
            "{p} pushes the work back at the reader.",
            "it isn't part of our brief to",
        ),
        (
            ("had you", "had your"),
            rx(
                r"^\s*had\s+(?:you|your\s+(?:team|side|company))\s+(?=(?:not\s+|only\s+|just\s+)?"
                r"(?:\w+ed|told|sent|read|given|taken|done|made|kept|let|paid|been)\b)"
            ),
            "{p} tells the reader it is their fault.",
            "if we had all ",
        ),
        (
            ("late", "slow", "behind"),
            rx(
                rf"\b{YOU}(?:'re|\s+are|\s+were|\s+was|\s+is)\s+(?:always\s+|often\s+|so\s+)?"
                r"(?:late|slow|behind)(?=\s+(?:with|on|in|sending|getting|replying|again)\b|\s*[.!,])"
            ),
            "{p} makes the reader the culprit.",
            "things ran late",
        ),
        (
            ("reason", "cause", "problem", "bottleneck", "hold"),
            rx(
                rf"\b{YOU}(?:'re|\s+are|\s+were|\s+was|\s+is)\s+(?:the\s+)?(?:reason|cause"
                r"|problem|bottleneck|hold-?up)\b(?:\s+(?:that|why))?"
            ),
            "{p} makes the reader the culprit.",
            "there was a mix-up, and",
        ),
        (
            ("decision", "choice", "call", "idea"),
            rx(
                r"\b(?:it|this|that)\s+was\s+(?:your|your\s+team's)\s+(?:decision|choice|call"
                r"|idea)\s+to\b"
            ),
            "{p} hands the reader the blame.",
            "the decision was made to",
        ),
        (
            (" had ",),
            rx(
                r"\byou(?:'ve|\s+have)\s+had\s+(?P<obj>(?:the|it|them|this|that|these|those)"
                r"[\w\s-]{0,30}?)\s+for\s+(?P<dur>(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?"
                r"(?:two|three|four|five|six|several|a\s+few|\d+)\s+(?:days|weeks|months)|ages)\b"
            ),
            "{p} makes the wait the reader's fault.",
            "",  # built from the match below
        ),
        (
            ("won't", "will not", "refuse", "bother"),
            rx(
                r"\bif\s+you\s+(?:won't|will\s+not|refuse\s+to|can't\s+be\s+bothered\s+to"
                r"|don't\s+bother\s+to)(?:\s+even)?\b"
            ),
            "{p} accuses the reader of not trying.",
            "if there isn't time to",
        ),
        (
            ("time",),
            rx(
                r"(?<!\bat\s)(?<!\bby\s)(?<!\buntil\s)(?<!\baround\s)\b(?P<span>this\s+time)"
                r"(?=\s*[?!.]+\s*$)"
            ),
            "{p} implies the reader got it wrong before.",
            "",
        ),
        (
            ("blame",),
            rx(r"\bdon't\s+blame\s+(?:us|me|the\s+team)(?:\s+for\s+[\w\s-]{1,30}?(?=[.!,;]|$))?"),
            "{p} pushes the blame back at the reader.",
            "let's look at what we can do now",
        ),
        (
            ("you'd", "had"),
            rx(
                r"\bif\s+(?:you|your\s+(?:team|side|company))(?:'d|\s+had)\s+(?=(?:not\s+|only\s+"
                r"|just\s+)?(?:\w+ed|told|sent|read|given|taken|done|made|kept|let|paid|been)\b)"
            ),
            "{p} tells the reader it is their fault.",
            "if we had all ",
        ),
        (
            ("problem",),
            rx(r"\b(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+not\s+(?:my|our)\s+problem\b"),
            "{p} dismisses the reader's concern.",
            "let's work out how to handle this",
        ),
        (
            ("job", "responsibilit", "role"),
            rx(
                r"\b(?:it's|it\s+is|that's|that\s+is)\s+(?:your|your\s+team's)\s+(?:job"
                r"|responsibility|role)\s+to\b"
            ),
            "{p} lectures the reader on their duties.",
            "it would help if you could",
        ),
        (
            ("time",),
            rx(
                r"\b(?:right|correctly|properly|time|full|carefully|correct|file|version|one"
                r"|size|sizes)\s+(?P<span>this\s+time)\b"
            ),
            "{p} implies the reader got it wrong before.",
            "",
        ),
    ]
)
_DENIED = re.compile(r"n't\b|\bnot\b|\bnever\b")
_CHASE = rx(r"\b(?P<aux>had|have|having)\s+to\s+chase\s+(?:you|your\s+\w+)(?:\s+up)?")
_SEND = rx(
    r"(?:send|supply|provide|upload|share|deliver|give|forward|attach|include|return|submit"
    r"|pass)\b(?:\s+(?:us|me|on))?(?:\s+over)?"
)
_REPLY = rx(
    r"(?:reply|respond|answer|get\s+back|call\s+back|come\s+back|call)\b(?:\s+back)?(?P<to>\s+to)?"
)
_TELL = rx(
    r"(?:tell|inform|mention|let\s+(?:us|me)\s+know|warn|notify|update)\b(?:\s+(?:us|me|the\s+team))?"
)
_READ = rx(r"(?:read|check|review|look(?:\s+at)?|proofread|test)\b")
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


_K_WHY = keys("why", "how")
_K_YOUR = keys("your")
_K_CHASE = keys("chase", "chasing")
_K_NOT = keys("n't", "not", "never")
_K_WRONG = keys("wrong", "mistaken", "incorrect", "confused")
_FAULT_KEYS = keys(
    *[
        "fail",
        "forg",
        "neglect",
        "omit",
        "miss",
        "ignor",
        "overlook",
        "misund",
        "misread",
        "misinterp",
        "messed",
        "screwed",
        "botch",
        "broke",
        "ruin",
        "lost",
        "let",
        "dropped",
        "bother",
        "wrong",
        "sent",
        "gave",
        "supplied",
        "provided",
        "approved",
        "used",
    ]
)
_OUGHT_KEYS = keys(
    "should have",
    "could have",
    "ought to",
    "supposed",
    "meant to",
    "asked to",
    "told to",
    "expected to",
    "due to",
    "required to",
    "had to",
    "needed to",
    "one job",
)
_WENT_WRONG_KEYS = keys(
    *[
        "late",
        "delay",
        "wrong",
        "incorrect",
        "missed",
        "overdue",
        "deadline",
        "why",
        "result",
        "held",
        "holding",
        "cost",
        "failed",
        "start",
        "scratch",
        "wast",
        "extra",
        "couldn",
        "can't",
        "had",
        "underperform",
        "flop",
        "backfir",
        "stall",
        "slipp",
        "suffer",
        "crash",
        "lost",
        "position",
        "situation",
        "mess",
    ]
)


def blame(s: Sentence) -> Iterator[Candidate]:
    if s.has(_K_WHY):
        yield from _why(s)
    if s.question:
        return
    if s.has(K_READER):
        yield from _reader_did_wrong(s)
    if s.has(_K_YOUR):
        yield from _your_fault(s)
    for m in s.finditer(_CHASE, _K_CHASE):
        aux = m.group("aux").lower()
        chased = {"had": "followed up", "have": "follow up"}.get(aux, "following up")
        yield s.candidate(
            m.start(), m.end(), "blame", "{p} tells the reader they are the hold-up.", chased
        )
    for _keys, pattern, why, rewrite in s.entries(_BLAME_PHRASES):
        for m in pattern.finditer(s.text):
            span = "span" if "span" in pattern.groupindex else 0
            text = rewrite
            if rewrite == "." and not _DENIED.search(s.text[: m.start()]):
                continue  # "…, did you?" presses only after "you didn't…"
            if "cop" in pattern.groupindex:
                text = s.original(m, "cop") + rewrite
            if "dur" in pattern.groupindex:
                text = f"{s.original(m, 'obj')} went over {s.original(m, 'dur')} ago"
            yield s.candidate(m.start(span), m.end(span), "blame", why, text)


def _reader_did_wrong(s: Sentence) -> Iterator[Candidate]:
    """The reader as the subject of a fault: "you failed to…", "you didn't read…", "you should
    have…", "you sent it late, so…", "you're wrong"."""
    why = "{p} makes the reader the culprit."
    for m in s.finditer(_FAULT, _FAULT_KEYS):
        if clause_subject(s, m.start("subj")):
            yield _fault(s, m, why)
    for m in s.finditer(_DIDNT, _K_NOT):
        if clause_subject(s, m.start("subj")):
            text, end = _not_done(s, m.end())
            yield s.candidate(m.start(), end, "blame", why, text)
    for m in s.finditer(_OUGHT, _OUGHT_KEYS):
        if clause_subject(s, m.start("subj")) and (rewrite := _ought(s, m)) is not None:
            yield s.candidate(
                m.start(), m.end(), "blame", "{p} tells the reader they fell short.", rewrite
            )
    for m in s.finditer(_CAUSE, _WENT_WRONG_KEYS):
        if not clause_subject(s, m.start("subj")) or s.compound() > 0.5:
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
    for m in s.finditer(_WRONG, _K_WRONG):
        if clause_subject(s, m.start("subj")):
            yield s.candidate(
                m.start(),
                m.end(),
                "blame",
                "{p} tells the reader they are wrong.",
                "there may be a misunderstanding",
            )


_NEGATIONS = re.compile(r"n't\b|\bnot\b|\bnever\b")


def _why(s: Sentence) -> Iterator[Candidate]:
    last_negation = -1  # where the sentence's last negation starts: found once, not per match
    for m in s.finditer(_WHY):
        aux = " ".join((m.group("aux") or "").lower().split())
        if aux == "did" and last_negation == -1:
            negations = [n.start() for n in _NEGATIONS.finditer(s.text)]
            last_negation = negations[-1] if negations else -2
        if aux == "did" and last_negation < m.end():
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
        text = f"we crossed wires on {s.original(m, 'obj')}"
    elif first in {"sent", "gave", "supplied", "provided", "approved", "used"}:
        text = f"we were working from the {s.source[m.start('bad') : m.end()]}"
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
    for m in s.finditer(_YOUR_FAULT):
        own = m.end("cop") if m.group("cop") else m.start()
        if negated_before(s, own) or HEDGE.search(s.text[: m.start()]):
            continue
        if not m.group("cop") and m.group("n").lower() in {"problem", "doing", "mess"}:
            continue  # "we'll fix your problem"
        text = "this was a mix-up we can sort out together" if m.group("cop") else "the mix-up"
        yield s.candidate(m.start(), m.end(), "blame", "{p} puts the fault on the reader.", text)
