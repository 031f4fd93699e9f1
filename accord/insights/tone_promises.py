"""The tone check's promises: commitments the job's context does not support. A delivery date
earlier than the work is due ("by tomorrow" when it is due on the 18th), or "no problem" / "free
of charge" for a request once the terms' revision rounds are used up. Without the context there
is nothing to judge against, so no finding. Pure: no Django."""

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from accord.insights.tone_rules import Candidate, Sentence, keys, rx

if TYPE_CHECKING:
    from accord.insights.tone import ToneContext

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri)"
_DATE = rx(
    r"\b(?P<phrase>(?:(?P<prep>by|before|on|until|till|no\s+later\s+than|within|in)\s+)?"
    r"(?:(?:first\s+thing|early|end\s+of\s+(?:the\s+)?day|close\s+of\s+(?:play|business))\s+"
    r"(?:on\s+)?)?(?P<when>today|tonight|tomorrow(?:\s+(?:morning|afternoon|evening|night"
    r"|lunchtime))?|this\s+(?:morning|afternoon|evening|week)|(?:the\s+)?end\s+of\s+(?:the\s+"
    r"|this\s+)?(?P<eo>day|week)|eod|cob|close\s+of\s+(?:play|business)"
    rf"|(?:(?P<rel>this|next|coming)\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?:the\s+)?(?P<d0>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?P<m0>{_MONTH}))?)?(?:\s+(?:morning|afternoon|evening))?"
    rf"|(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?|the\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)"
    r"|(?P<hours>24|48|72)\s+hours|(?P<days>a|one|two|three|four|five|\d)\s+days?)\b)"
)
_COMMIT = rx(
    r"^\s*(?:done|sorted|ready|fixed|finished|all\s+done|on\s+it)\b|\b(?:we|I|our\s+team)(?:'ll|'d|\s+will|\s+shall|\s+can|\s+are\s+going\s+to|'re\s+going\s+to"
    r"|\s+am\s+going\s+to|'m\s+going\s+to|\s+should|\s+aim\s+to|\s+promise|\s+expect\s+to"
    r"|\s+plan\s+to)\b|\byou(?:'ll|\s+will|\s+should)\s+(?:have|get|receive|see)\b"
    r"|\b(?:will|'ll|shall)\s+be\s+(?:ready|done|finished|with\s+you|live|delivered|sent"
    r"|completed|up|out|over|in\s+your\s+inbox)\b|\b(?:goes|go|going)\s+(?:out|live)\b"
    r"|\bcount\s+on\s+it\b|\bpromise\b|\bguarantee|^\s*expect\s+(?:it|them|the|these|those|your"
    r"|our|a|an)\b|\bleave\s+it\s+with\s+(?:us|me)\b"
)
_DELIVERY = rx(
    r"\b(?:send|sent|deliver|delivered|have|get|finish|finished|complete|completed|ready|done"
    r"|live|launch|publish|share|turn|upload|ship|print|post|out|with\s+you|hand|wrap|fix"
    r"|fixed|retouched|added|updated|copy|files?|proofs?|artwork|squeeze|add|build|draft|inbox"
    r"|logo|design|video|cut|version|deck|report|site|page|banner|brochure|photos|images)\b"
)
_NOT_OURS = rx(
    r"\b(?:could\s+you|can\s+you|would\s+you|please|if|unless|once|as\s+soon\s+as|after"
    r"|you\s+need\s+to|let\s+me\s+know|from\s+you|your\s+(?:feedback|approval|sign-off|comments"
    r"|answer|decision|reply)|we\s+need|need\s+(?:your|the|it|them|this)|by\s+when)\b"
    r"|n't\b|\b(?:not|cannot|unable|afraid|unfortunately|impossible)\b"
)
# Something sent on the way to the work, not the work: a date for it promises nothing the
# schedule does not allow ("a first look on the 12th", "a progress update every Friday").
_INTERIM = rx(
    r"\b(?:preview|previews|first\s+(?:look|draft|cut|pass|round|batch|selects)|(?<!final\s)drafts?|staging"
    r"|sneak\s+peek|work[-\s]in[-\s]progress|wip|(?:progress|status)\s+(?:update|report|call)"
    r"|check-?in|selects|rough\s+cut|outline|sketch(?:es)?|mood\s*boards?|ahead\s+of\s+the"
    r"\s+final)\b"
)
_RECURRING = rx(r"\b(?:every|each)\s+$")
# The agency paying for its own mistake: "free of charge — that was our typo".
_OUR_FAULT = rx(
    r"\b(?:our|my)\s+(?:own\s+)?(?:mistake|error|typo|fault|slip|oversight|bad|miss|doing)\b"
    r"|\b(?:we|i)\s+(?:made|introduced|caused)\s+(?:a|an|the|that|this)\s+(?:\w+\s+)?(?:mistake"
    r"|error|typo|slip)|\b(?:we|i)\s+got\s+(?:it|that|this)\s+wrong\b"
)
_NO_PROBLEM = rx(r"\bno\s+problem(?:\s+at\s+all)?\b|\bsure\s+thing\b|\bconsider\s+it\s+done\b")
_HAPPY = rx(
    r"\bof\s+course,?\s+(?:we|I)(?:'ll|\s+will|\s+can|\s+could)\b|\bof\s+course,?\s+(?:happy"
    r"|glad)\s+to\b|\b(?:(?:we're|we\s+are|I'm|I\s+am|we'd\s+be|I'd\s+be|always)\s+(?:more\s+"
    r"than\s+|very\s+|really\s+)?)?(?:happy|glad)\s+to(?=\s+(?:add|do|make|include|run|take"
    r"|redo|change|turn|help|throw|squeeze|fit|sort|set|create|design|amend|adjust|tweak|fix"
    r"|update|produce|look\s+after)\b)"
)
_FREE = rx(
    r"\bfree\s+of\s+charge\b|\bat\s+no\s+(?:extra\s+|additional\s+)?(?:cost|charge)\b|\b(?:no|without)"
    r"\s+(?:extra\s+|additional\s+)?charge\b|\bfor\s+free\b|\bon\s+the\s+house\b|\bcomplimentary"
    r"\b|\b(?:won't|will\s+not)\s+charge\b|\b(?:it's|that's|this\s+is)\s+on\s+us\b"
    r"|\bno\s+extra\s+cost\b"
)
_PRICED = rx(
    r"\b(?:quote|estimate|cost|costs|price|priced|fee|fees|budget|invoice|charge|charged|on\s+top"
    r"|paid|extra\s+\w+\s+would)\b|[£$€]",
)
_REFUSED = rx(r"n't\b|\b(?:not|cannot|unable|afraid|unfortunately|beyond|outside)\b")
# A date phrase needs one of these words (weekdays and months in full: "mon" and "mar" would
# begin "money" and "marketing") or a number shaped like a date (`_DATE_NUMBER`).
_K_DATES = keys(
    *WEEKDAYS,
    *MONTHS,
    "today",
    "tonight",
    "tomorrow",
    "afternoon",
    "evening",
    "morning",
    "end",
    "eod",
    "cob",
    "close",
    "week",
    "days",
    "day",
)
_K_TERMS = keys(
    "free",
    "charge",
    "cost",
    "house",
    "complimentary",
    "problem",
    "sure",
    "consider",
    "course",
    "happy",
    "glad",
)
_DATE_NUMBER = rx(
    rf"\d(?:st|nd|rd|th)\b|\b\d{{1,2}}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d|\b(?:24|48|72)\s+hours"
    r"|\b\d\s+days?\b|\b(?:mon|tues?|wed|thur?s?|fri)\b"
)
_DIGIT = re.compile(r"\d")
_DAY_ABBREVIATIONS = frozenset(("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri"))
_KIND_WORDS = rx(
    r"\b(?:don't\s+worry|no\s+worries|don't\s+hesitate|not\s+a\s+problem|no\s+trouble)\b"
)
_FIRST_PERSON = rx(r"\b(?:we|I|we'll|I'll|we're|I'm|let\s+me|our|us)\b")


def spelled(day: date) -> str:
    """'Friday 18 December'."""
    return f"{WEEKDAYS[day.weekday()].title()} {day.day} {MONTHS[day.month - 1].title()}"


def promised_day(m: re.Match[str], today: date) -> date | None:
    """The day a date phrase names, said on `today`."""
    when = m.group("when").lower()
    if when.startswith("tomorrow"):
        return today + timedelta(days=1)
    if m.group("d0"):  # "Friday 26th", "Friday 26 February": the number decides
        return _date_of(int(m.group("d0")), m.group("m0"), today)
    if m.group("wd"):
        target = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(m.group("wd").lower()[:3]))
        delta = (target - today.weekday()) % 7
        if (m.group("rel") or "").lower() == "next":
            day = today + timedelta(days=delta or 7)
            same_week = day.isocalendar()[:2] == today.isocalendar()[:2]
            return day + timedelta(days=7) if same_week else day
        return today + timedelta(days=delta)
    if when in {"this week"} or m.group("eo") == "week":
        return today + timedelta(days=max(0, 4 - today.weekday()))
    if m.group("hours"):
        return today + timedelta(days=int(m.group("hours")) // 24)
    if m.group("days"):
        words = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
        return today + timedelta(days=words.get(m.group("days").lower()) or int(m.group("days")))
    day_of_month = m.group("d1") or m.group("d2") or m.group("d3")
    if day_of_month:
        return _date_of(int(day_of_month), m.group("m1") or m.group("m2"), today)
    return today  # today, tonight, this afternoon, end of day…


def _date_of(day: int, month_name: str | None, today: date) -> date | None:
    if month_name:
        month = next(
            i for i, name in enumerate(MONTHS, 1) if name.startswith(month_name.lower()[:3])
        )
        years = [(today.year, month), (today.year + 1, month)]
    else:
        nxt = (today.year + today.month // 12, today.month % 12 + 1)
        years = [(today.year, today.month), nxt]
    for year, mon in years:
        try:
            found = date(year, mon, day)
        except ValueError:
            continue
        if found >= today:
            return found
    return None


def promises(s: Sentence, context: "ToneContext | None") -> Iterator[Candidate]:
    if context is None:
        return
    if context.today and context.due_on:
        yield from _early_dates(s, context.today, context.due_on)
    included, used = context.rounds_included, context.rounds_used
    if included is not None and used is not None and used >= included:
        yield from _beyond_terms(s, included, used)


def _early_dates(s: Sentence, today: date, due: date) -> Iterator[Candidate]:
    text = s.text
    if not (
        s.has(_K_DATES)
        or (
            (_DIGIT.search(text) or not _DAY_ABBREVIATIONS.isdisjoint(s.tokens))
            and _DATE_NUMBER.search(text)
        )
    ):
        return  # no date phrase can be here: _DATE_NUMBER needs a digit or a day's short name
    # The cheaper tests first: the date pattern costs the most, and is read last.
    if s.question or not _DELIVERY.search(text) or not _COMMIT.search(text):
        return
    dates = list(_DATE.finditer(text))
    if not dates:
        return
    if _NOT_OURS.search(text) or _INTERIM.search(text):
        return
    for m in dates:
        if _RECURRING.search(text, 0, m.start()):
            continue  # "every Friday": a rhythm, not a delivery
        day = promised_day(m, today)
        if day is None or day >= due:
            continue
        prep = (m.group("prep") or "").lower()
        rewrite = f"{'on' if prep == 'on' else 'by'} {spelled(due)}"
        yield s.candidate(
            m.start(),
            m.end(),
            "promise",
            f"The work is due on {spelled(due)}, so {{p}} promises it sooner than the "
            "schedule allows.",
            rewrite,
        )


def _beyond_terms(s: Sentence, included: int, used: int) -> Iterator[Candidate]:
    if not s.has(_K_TERMS) and "on us" not in s.text:
        return
    text = s.text
    rounds = f"{included} revision round{'s' if included != 1 else ''}"
    why = (
        f"The terms include {rounds} and {used} {'is' if used == 1 else 'are'} used, so {{p}} "
        "commits to work beyond them."
    )
    text = _KIND_WORDS.sub(lambda w: " " * len(w.group()), text)
    if _OUR_FAULT.search(text):
        return  # the agency putting right its own mistake owes no quote
    for m in _FREE.finditer(text):
        if _REFUSED.search(text[: m.start()] + text[m.end() :]):
            continue
        yield s.candidate(m.start(), m.end(), "promise", why, "subject to a quick quote")
    priced = _PRICED.search(_FREE.sub(" ", text))
    if priced or _REFUSED.search(text):
        return
    for m in _NO_PROBLEM.finditer(text):
        clause = re.split(r"[,;:.!\u2014\u2013]", text[: m.start()])[-1].strip().lower()
        if clause not in {"", "and", "so", "yes", "sure", "of course", "absolutely", "oh"}:
            continue
        if not _FIRST_PERSON.search(text[m.end() :] + " " + text[: m.start()]):
            continue
        check = "let me check what that means for the schedule and budget"
        if then := re.match(r",?\s*(?:we|I)(?:'ll|\s+will|\s+can)\s+", text[m.end() :], re.I):
            who = then.group().strip(" ,").split("'")[0].split()[0]
            yield s.candidate(
                m.start(),
                m.end() + then.end(),
                "promise",
                why,
                f"{check} before {who.lower() if who != 'I' else who} ",
            )
            continue
        yield s.candidate(m.start(), m.end(), "promise", why, check)
    for m in _HAPPY.finditer(text):
        yield s.candidate(m.start(), m.end(), "promise", why, "let me check whether we can")
