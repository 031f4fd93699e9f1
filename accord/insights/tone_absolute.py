"""The tone check's rules for absolutes: sweeping charges aimed at the reader ("you never
reply", "your team keeps changing the brief", "every single time", "for the hundredth time").
Pure: no Django. "Never" and "always" about ourselves, a third party or a reassurance ("we never
share your data", "you can always call me") are not charges."""

import re
from collections.abc import Iterator

from accord.insights.tone_rules import (
    K_READER,
    YOU,
    Candidate,
    Sentence,
    base_form,
    keys,
    next_words,
    object_follows,
    plural_subject,
    rx,
    table,
)
from accord.insights.tone_words import words

_OBJECT_TAKERS = words(
    """to for with from thank thanks sent send give gave tell told ask asked show showed let help
    helped remind reminded email emailed call called see meet wish owe update keep kept assure
    promise promised at about by than reach brief join"""
)
_ALWAYS = rx(
    rf"\b(?P<subj>{YOU})(?:\s+(?P<aux>have|has|had|are|were|was|is|do|does|did)|(?P<caux>'ve"
    r"|'re|'d))?\s+(?P<adv>always|never|constantly|continually|continuously|forever|repeatedly"
    r"|invariably|perpetually|consistently|routinely|habitually)\b"
)
_KEEP = rx(
    rf"\b(?P<subj>{YOU})\s+(?:(?:just|still|always)\s+)?(?P<keep>keeps?|kept)\s+(?:on\s+)?"
    r"(?P<ing>[a-z]+ing)\b"
)
_ABSOLUTE_PHRASES: list[tuple[tuple[str, ...], re.Pattern[str], str, str, bool]] = table(
    [
        # (pattern, why, rewrite, only in a sentence to the reader that is not warm)
        (
            ("every single", "each and every"),
            rx(r"\b(?:every\s+single|each\s+and\s+every)\s+time\b"),
            "{p} turns one problem into a charge against the reader.",
            "",
            False,
        ),
        (
            ("every single",),
            rx(
                r"\bevery\s+single(?=\s+(?:draft|email|version|round|change|thing|one|piece"
                r"|file|proof|request|call|meeting|deadline|week|day|month|project|job)\b)"
            ),
            "{p} turns one problem into a charge against the reader.",
            "every",
            False,
        ),
        (
            ("time", "fail"),
            rx(r"\b(?:every|each)\s+time\b|\ball\s+the\s+time\b|\bwithout\s+fail\b"),
            "{p} turns one problem into a charge against the reader.",
            "at times",
            True,
        ),
        (
            ("time",),
            rx(
                r"\bfor\s+the\s+(?:hundredth|umpteenth|thousandth|millionth|nth|fifth|tenth"
                r"|third|fourth|last|\d+(?:st|nd|rd|th))\s+time\b,?"
            ),
            "{p} reads as exasperation with the reader.",
            "",
            False,
        ),
        (
            ("once", "never ever"),
            rx(r"\b(?:never|not)\s+once\b|\bnever\s+ever\b"),
            "{p} is a sweeping charge against the reader.",
            "not yet",
            True,
        ),
        (
            ("once",),
            rx(r"\bfor\s+once\b"),
            "{p} implies the reader usually gets it wrong.",
            "",
            False,
        ),
        (
            ("again and again", "over and over", "time and", "time after time"),
            rx(
                r"\b(?:again\s+and\s+again|over\s+and\s+over(?:\s+again)?|time\s+and\s+(?:time\s+)?"
                r"again|time\s+after\s+time)\b"
            ),
            "{p} turns one problem into a charge against the reader.",
            "more than once",
            True,
        ),
        (
            ("yet again",),
            rx(r"\byet\s+again\b"),
            "{p} turns one problem into a charge against the reader.",
            "again",
            True,
        ),
        (
            ("once again",),
            rx(r"^\s*once\s+again\b,?"),
            "{p} turns one problem into a charge against the reader.",
            "",
            True,
        ),
        (
            ("same",),
            rx(
                r"\b(?:the\s+)?same\s+(?:story|thing|problem|issue)\s+(?:every|each)\s+time\b"
                r"|\b(?:it's|it\s+is)\s+always\s+the\s+same\s+with\s+(?:you|your\s+\w+)\b"
            ),
            "{p} turns one problem into a charge against the reader.",
            "the same problem again",
            False,
        ),
        (
            ("again",),
            rx(r"^\s*again\s*[.!]+\s*$"),
            "{p} on its own reads as exasperation.",
            "",
            False,
        ),
        (
            (
                "happens every",
                "happens each",
                "every week",
                "every day",
                "every month",
                "every round",
                "every project",
                "each week",
                "each day",
                "each month",
                "each round",
                "each project",
            ),
            rx(
                r"\bhappens\s+(?:every|each)\s+(?:time|week|day|month|round|project)\b|\b(?:every"
                r"|each)\s+(?:week|day|month|round|project)\s+with\s+(?:you|your)\b"
            ),
            "{p} turns one problem into a charge against the reader.",
            "has happened before",
            True,
        ),
        (
            ("times",),
            rx(
                r"\b(?:three|four|five|six|several|multiple|many|countless|numerous|\d+)\s+times"
                r"\b(?!\s+(?:a|per|each|every)\b)"
            ),
            "{p} keeps score against the reader.",
            "more than once",
            True,
        ),
        (
            ("enough",),
            rx(
                r"\b(?:nothing|never)\b[^.?!]{0,30}?\b(?:is|was|seems|will\s+be)?\s*(?:ever\s+)?good"
                r"\s+enough\b(?:\s+for\s+(?:you|your\s+\w+))?"
            ),
            "{p} is a sweeping charge against the reader.",
            "we'd like to get this right for you",
            False,
        ),
        (
            ("keeps", "kept"),
            rx(r"\b(?:keeps|kept)\s+happening(?=\s+(?:with|from|on|at)\s+(?:you|your)\b)"),
            "{p} turns one problem into a charge against the reader.",
            "has happened again",
            False,
        ),
        (
            ("second", "third", "fourth", "fifth", "sixth", "tenth"),
            rx(
                r"\b(?:the|this\s+is\s+the|that's\s+the|it's\s+the)\s+(?:second|third|fourth|fifth|sixth"
                r"|tenth|\d+(?:nd|rd|th))\s+time\b"
            ),
            "{p} keeps score against the reader.",
            "once more",
            True,
        ),
        (
            ("asked", "chased", "reminded", "emailed", "called", "wrote", "followed"),
            rx(
                r"(?<=\s)(?:on\s+)?(?:mon|tues|wednes|thurs|fri)day,\s+(?:mon|tues|wednes|thurs|fri)day,?"
                r"\s+and\s+(?:(?:on|again\s+on)\s+)?(?:mon|tues|wednes|thurs|fri)day\b"
            ),
            "{p} keeps score against the reader.",
            "a few times this week",
            False,
        ),
        (
            ("usual", "always", "ever"),
            rx(r"(?:,\s*)?\bas\s+(?:usual|always|ever)\b"),
            "{p} turns one problem into a charge against the reader.",
            "",
            True,
        ),
        (
            ("habit", "tendency"),
            rx(rf"\b{YOU}\s+(?P<span>(?P<have>have|has|'ve)\s+a\s+(?:habit|tendency)\s+of)\b"),
            "{p} turns a few occasions into a habit of the reader's.",
            "",
            False,
        ),
    ]
)
_REPLY_NEVER = rx(
    r"\s+(?:reply|replies|respond|responds|answer|answers|get\s+back|gets\s+back|call\s+back"
    r"|calls\s+back)\b(?:\s+(?:to|on)\s+(?P<obj>(?:my|our|any\s+of\s+my|any\s+of\s+our)\s+(?:emails?"
    r"|messages?|calls?|texts?|questions?|voicemails?|reminders?)))?"
)
_ALWAYS_SKIP = rx(
    r"\s+(?:been|need|needs|have\s+(?!to)|has\s+(?!to)|know|fail|welcome|be|get\s+to|make\s+us"
    r"|bring|come\s+up|deliver|give\s+us|send\s+(?:such|great|lovely)|seem\s+to\s+(?:know"
    r"|find))"
)


def _you_subject(s: Sentence, pos: int) -> bool:
    before = re.findall(r"[A-Za-z']+", s.text[max(0, pos - 20) : pos])
    return not (before and before[-1].lower() in _OBJECT_TAKERS)


_ONCE = re.compile(r"\s+(?:once|ever)\b")
_ASKING = re.compile(r"\s*(?:do|does|have|are|would|will|did)\b")
_NEGATIVE = rx(r"n't|\b(?:not|no|nothing|never|nobody)\b")
_K_KEEP = keys("keep", "kept")
_ADVERBS = keys(
    "always",
    "never",
    "constantly",
    "continually",
    "continuously",
    "forever",
    "repeatedly",
    "invariably",
    "perpetually",
    "consistently",
    "routinely",
    "habitually",
)


def absolute(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    if s.question and _ASKING.match(text):
        return
    found = list(_charges(s))
    if found and not (s.compound() >= 0.5 and not _NEGATIVE.search(text)):
        yield from found  # a warm sentence ("you always send lovely notes") charges no one


def _charges(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    reader = s.has(K_READER)
    for m in s.finditer(_ALWAYS, _ADVERBS) if reader else ():
        if not _you_subject(s, m.start("subj")) or _ALWAYS_SKIP.match(text, m.end()):
            continue
        if m.group("adv").lower() == "never" and re.match(
            r"\s+(?:have|need)\s+to\b", text[m.end() :]
        ):
            continue  # "you never have to worry": a reassurance
        if re.search(r"\b(?:if|whether|unless)\s+$", text[: m.start()], re.I):
            continue
        yield _always(s, m)
    for m in s.finditer(_KEEP, _K_KEEP) if reader else ():
        if _you_subject(s, m.start("subj")):
            subj = s.original(m, "subj")
            have = "have" if plural_subject(subj) else "has"
            yield s.candidate(
                m.start(),
                m.end(),
                "absolute",
                "{p} turns a few occasions into a habit of the reader's.",
                f"{subj} {have} been {s.original(m, 'ing')}",
            )
    yield from _phrases(s)


def _phrases(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    for _keys, pattern, why, fixed, to_reader in s.entries(_ABSOLUTE_PHRASES):
        for m in pattern.finditer(text):
            rewrite = fixed
            if to_reader and (not s.to_reader or s.compound() > 0.5):
                continue
            if "single" in pattern.pattern and "time" in m.group().lower():
                rewrite = "sometimes when" if object_follows(s, m.end()) else "at times"
            elif "habit" in pattern.pattern:
                have = m.group("have").replace("'ve", "have")
                yield s.candidate(
                    m.start("span"), m.end("span"), "absolute", why, f"{have} at times been"
                )
                continue
            elif "times" in pattern.pattern and not re.search(
                r"\byou(?:r)?\b", text[: m.start()], re.I
            ):
                continue  # "we've done this three times" is not about the reader
            yield s.candidate(m.start(), m.end(), "absolute", why, rewrite)


def _always(s: Sentence, m: re.Match[str]) -> Candidate:
    subj, adv = s.original(m, "subj"), m.group("adv").lower()
    aux = (m.group("aux") or m.group("caux") or "").lower()
    why = "{p} is a sweeping charge against the reader."
    if adv != "never":
        joined = f"{subj}{aux}" if aux.startswith("'") else f"{subj} {aux}".rstrip()
        return s.candidate(m.start(), m.end(), "absolute", why, f"{joined} sometimes")
    if reply := _REPLY_NEVER.match(s.text, m.end()):
        obj = reply.group("obj")
        text = "we haven't heard back" + (f" on {obj}" if obj else "")
        return s.candidate(m.start(), reply.end(), "absolute", why, text)
    end = m.end()
    if once := _ONCE.match(s.text, end):
        end = once.end()  # "never once", "never ever": said by "yet" now
    if aux in {"have", "has", "'ve", "had", "'d"}:
        neg = {"has": "hasn't", "had": "hadn't", "'d": "hadn't"}.get(aux, "haven't")
        return s.candidate(m.start(), end, "absolute", why, f"{subj} {neg} yet")
    if aux in {"are", "'re", "were", "was", "is"}:
        return s.candidate(
            m.start(),
            m.end(),
            "absolute",
            why,
            f"{subj} {'are' if aux == chr(39) + 're' else aux} not always",
        )
    after, ends = next_words(s, m.end())
    dont = "don't" if plural_subject(subj) else "doesn't"
    if after and after[0] not in {"once", "even", "ever"}:
        return s.candidate(
            m.start(), ends[0], "absolute", why, f"{subj} {dont} always {base_form(after[0])}"
        )
    return s.candidate(m.start(), m.end(), "absolute", why, f"{subj} {dont} always")
