"""The tone check's rules for absolutes: sweeping charges aimed at the reader ("you never
reply", "your team keeps changing the brief", "every single time", "for the hundredth time").
Pure: no Django. "Never" and "always" about ourselves, a third party or a reassurance ("we never
share your data", "you can always call me") are not charges."""

import re
from collections.abc import Iterator

from accord.insights.tone_rules import (
    YOU,
    Candidate,
    Sentence,
    base_form,
    next_words,
    object_follows,
    plural_subject,
)
from accord.insights.tone_words import words

_OBJECT_TAKERS = words(
    """to for with from thank thanks sent send give gave tell told ask asked show showed let help
    helped remind reminded email emailed call called see meet wish owe update keep kept assure
    promise promised at about by than reach brief join"""
)
_ALWAYS = re.compile(
    rf"\b(?P<subj>{YOU})(?:\s+(?P<aux>have|has|had|are|were|was|is|do|does|did)|(?P<caux>'ve"
    r"|'re|'d))?\s+(?P<adv>always|never|constantly|continually|continuously|forever|repeatedly"
    r"|invariably|perpetually|consistently|routinely|habitually)\b",
    re.I,
)
_KEEP = re.compile(
    rf"\b(?P<subj>{YOU})\s+(?:(?:just|still|always)\s+)?(?P<keep>keeps?|kept)\s+(?:on\s+)?"
    r"(?P<ing>[a-z]+ing)\b",
    re.I,
)
_ABSOLUTE_PHRASES: list[tuple[re.Pattern[str], str, str, bool]] = [
    # (pattern, why, rewrite, only in a sentence to the reader that is not warm)
    (
        re.compile(r"\b(?:every\s+single|each\s+and\s+every)\s+time\b", re.I),
        "{p} turns one problem into a charge against the reader.",
        "",
        False,
    ),
    (
        re.compile(
            r"\bevery\s+single(?=\s+(?:draft|email|version|round|change|thing|one|piece"
            r"|file|proof|request|call|meeting|deadline|week|day|month|project|job)\b)",
            re.I,
        ),
        "{p} turns one problem into a charge against the reader.",
        "every",
        False,
    ),
    (
        re.compile(r"\b(?:every|each)\s+time\b|\ball\s+the\s+time\b|\bwithout\s+fail\b", re.I),
        "{p} turns one problem into a charge against the reader.",
        "at times",
        True,
    ),
    (
        re.compile(
            r"\bfor\s+the\s+(?:hundredth|umpteenth|thousandth|millionth|nth|fifth|tenth"
            r"|third|fourth|last|\d+(?:st|nd|rd|th))\s+time\b,?",
            re.I,
        ),
        "{p} reads as exasperation with the reader.",
        "",
        False,
    ),
    (
        re.compile(r"\b(?:never|not)\s+once\b|\bnever\s+ever\b", re.I),
        "{p} is a sweeping charge against the reader.",
        "not yet",
        True,
    ),
    (
        re.compile(r"\bfor\s+once\b", re.I),
        "{p} implies the reader usually gets it wrong.",
        "",
        False,
    ),
    (
        re.compile(
            r"\b(?:again\s+and\s+again|over\s+and\s+over(?:\s+again)?|time\s+and\s+(?:time\s+)?"
            r"again|time\s+after\s+time)\b",
            re.I,
        ),
        "{p} turns one problem into a charge against the reader.",
        "more than once",
        True,
    ),
    (
        re.compile(r"\byet\s+again\b", re.I),
        "{p} turns one problem into a charge against the reader.",
        "again",
        True,
    ),
    (
        re.compile(r"^\s*once\s+again\b,?", re.I),
        "{p} turns one problem into a charge against the reader.",
        "",
        True,
    ),
    (
        re.compile(
            r"\b(?:the\s+)?same\s+(?:story|thing|problem|issue)\s+(?:every|each)\s+time\b"
            r"|\b(?:it's|it\s+is)\s+always\s+the\s+same\s+with\s+(?:you|your\s+\w+)\b",
            re.I,
        ),
        "{p} turns one problem into a charge against the reader.",
        "the same problem again",
        False,
    ),
    (
        re.compile(r"^\s*again\s*[.!]+\s*$", re.I),
        "{p} on its own reads as exasperation.",
        "",
        False,
    ),
    (
        re.compile(
            r"\bhappens\s+(?:every|each)\s+(?:time|week|day|month|round|project)\b|\b(?:every"
            r"|each)\s+(?:week|day|month|round|project)\s+with\s+(?:you|your)\b",
            re.I,
        ),
        "{p} turns one problem into a charge against the reader.",
        "has happened before",
        True,
    ),
    (
        re.compile(
            r"\b(?:three|four|five|six|several|multiple|many|countless|numerous|\d+)\s+times"
            r"\b(?!\s+(?:a|per|each|every)\b)",
            re.I,
        ),
        "{p} keeps score against the reader.",
        "more than once",
        True,
    ),
    (
        re.compile(
            r"\b(?:nothing|never)\b[^.?!]{0,30}?\b(?:is|was|seems|will\s+be)?\s*(?:ever\s+)?good"
            r"\s+enough\b(?:\s+for\s+(?:you|your\s+\w+))?",
            re.I,
        ),
        "{p} is a sweeping charge against the reader.",
        "we'd like to get this right for you",
        False,
    ),
    (
        re.compile(rf"\b{YOU}\s+(?:have|has|'ve)\s+a\s+(?:habit|tendency)\s+of\b", re.I),
        "{p} turns a few occasions into a habit of the reader's.",
        "",
        False,
    ),
]
_REPLY_NEVER = re.compile(
    r"\s+(?:reply|replies|respond|responds|answer|answers|get\s+back|gets\s+back|call\s+back"
    r"|calls\s+back)\b(?:\s+(?:to|on)\s+(?P<obj>(?:my|our|any\s+of\s+my|any\s+of\s+our)\s+(?:emails?"
    r"|messages?|calls?|texts?|questions?|voicemails?|reminders?)))?",
    re.I,
)
_ALWAYS_SKIP = re.compile(
    r"\s+(?:been|need|needs|have\s+(?!to)|has\s+(?!to)|know|fail|welcome|be|get\s+to|make\s+us"
    r"|bring|come\s+up|deliver|give\s+us|send\s+(?:such|great|lovely)|seem\s+to\s+(?:know"
    r"|find))",
    re.I,
)


def _you_subject(s: Sentence, pos: int) -> bool:
    before = re.findall(r"[A-Za-z']+", s.text[max(0, pos - 20) : pos])
    return not (before and before[-1].lower() in _OBJECT_TAKERS)


def absolute(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    warm = s.compound() >= 0.3 and not re.search(
        r"n't|\b(?:not|no|nothing|never|nobody)\b", text, re.I
    )
    if warm or (s.question and re.match(r"\s*(?:do|does|have|are|would|will|did)\b", text, re.I)):
        return
    for m in _ALWAYS.finditer(text):
        if not _you_subject(s, m.start("subj")) or _ALWAYS_SKIP.match(text, m.end()):
            continue
        if m.group("adv").lower() == "never" and re.match(
            r"\s+(?:have|need)\s+to\b", text[m.end() :]
        ):
            continue  # "you never have to worry": a reassurance
        if re.search(r"\b(?:if|whether|unless)\s+$", text[: m.start()], re.I):
            continue
        yield _always(s, m)
    for m in _KEEP.finditer(text):
        if _you_subject(s, m.start("subj")):
            subj = m.group("subj")
            have = "have" if plural_subject(subj) else "has"
            yield s.candidate(
                m.start(),
                m.end(),
                "absolute",
                "{p} turns a few occasions into a habit of the reader's.",
                f"{subj} {have} been {m.group('ing')}",
            )
    yield from _phrases(s)


def _phrases(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    for pattern, why, fixed, to_reader in _ABSOLUTE_PHRASES:
        for m in pattern.finditer(text):
            rewrite = fixed
            if to_reader and (not s.to_reader or s.compound() > 0.1):
                continue
            if "single" in pattern.pattern and "time" in m.group().lower():
                rewrite = "sometimes when" if object_follows(s, m.end()) else "at times"
            elif "habit" in pattern.pattern:
                subj = m.group().split()[0]
                rewrite = f"{subj} {'have' if plural_subject(subj) else 'has'} at times been"
            elif "times" in pattern.pattern and not re.search(
                r"\byou(?:r)?\b", text[: m.start()], re.I
            ):
                continue  # "we've done this three times" is not about the reader
            yield s.candidate(m.start(), m.end(), "absolute", why, rewrite)


def _always(s: Sentence, m: re.Match[str]) -> Candidate:
    subj, adv = m.group("subj"), m.group("adv").lower()
    aux = (m.group("aux") or m.group("caux") or "").lower()
    why = "{p} is a sweeping charge against the reader."
    if adv != "never":
        joined = f"{subj}{aux}" if aux.startswith("'") else f"{subj} {aux}".rstrip()
        return s.candidate(m.start(), m.end(), "absolute", why, f"{joined} sometimes")
    if reply := _REPLY_NEVER.match(s.text, m.end()):
        obj = reply.group("obj")
        text = "we haven't heard back" + (f" on {obj}" if obj else "")
        return s.candidate(m.start(), reply.end(), "absolute", why, text)
    if aux in {"have", "has", "'ve", "had", "'d"}:
        neg = {"has": "hasn't", "had": "hadn't", "'d": "hadn't"}.get(aux, "haven't")
        return s.candidate(m.start(), m.end(), "absolute", why, f"{subj} {neg} yet")
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
