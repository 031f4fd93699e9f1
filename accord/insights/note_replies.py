"""What a client's answer to meeting notes says: a confirmation, what to correct, or neither.

A pure rule (no database), so it is tested on its own with a table of real replies. When in
doubt it is not a confirmation: a confirmation read into a reply that was not one would put
words in the client's mouth on the record of what was agreed. So a reply confirms only when it
plainly does and says nothing more of substance (no figure, no "not", no condition, no question,
a short closing at most); it corrects when it says what is wrong or should change; anything
else (a question, "thanks, will read tonight", a file alone) is a message, nothing more: the
notes still wait, and the account manager reads it in the conversation.
"""

import enum
import re
import unicodedata

# Said at the start of the first line that is not a greeting, these confirm (whatever follows,
# unless it turns against them: see CONTRAST).
CONFIRMING = (
    "confirmed",
    "confirm",
    "i confirm",
    "we confirm",
    "i can confirm",
    "we can confirm",
    "agreed",
    "i agree",
    "we agree",
    "all agreed",
    "yes, that's right",
    "yes that's right",
    "yes, that's correct",
    "yes that's correct",
    "that's right",
    "that's correct",
    "all correct",
    "all good",
    "looks right",
    "looks good",
    "look right",
    "look good",
    "looks correct",
    "approved",
    "yes, confirmed",
    "yes confirmed",
    "yes, agreed",
    "yes agreed",
)
# These confirm only when they are the whole line: "Yes." is an answer, "Yes please send the
# deck" is not about the notes.
ALONE = (
    "yes",
    "correct",
    "ok",
    "okay",
    "perfect",
    "\N{THUMBS UP SIGN}",
    "\N{WHITE HEAVY CHECK MARK}",
)
# A confirmation that goes on with one of these is a correction ("Agreed, except the date").
CONTRAST = re.compile(
    r"\b(but|except|however|although|though|apart from|other than|save for|not quite|"
    r"instead|should be|should read|should say|wrong|incorrect|correction|mistake|"
    r"not right|not correct|isn't right|isn't correct|wasn't|didn't|missed|one thing|"
    r"small change|to correct|to add)\b"
)
_GREETING = re.compile(
    r"^(hi|hello|hey|dear|good (morning|afternoon|evening)|morning)\b[^,!.:;]{0,40}[,!.:;]\s*"
)
_THANKS = re.compile(
    r"^(thanks|thank you|many thanks|cheers)( (so|very) much)?( [a-z]+)?[,!.:;]\s*"
)
_END = re.compile(r"^[\s.,!:;)\-\u2013\u2014]")  # what may follow a confirming phrase
_TRAILING = " .,!:;-\u2013\u2014"


# Said after a confirmation, these make it something else: a condition, a later answer.
HEDGE = re.compile(
    r"\b(pending|subject to|provided|once|until|unless|if|when|yet|later|tomorrow|tonight|"
    r"will|shall|going to|need to|check|checking|review|reviewing|read|reading|look into|"
    r"come back|get back|let you know|i think|i believe|probably|maybe|mostly|broadly|"
    r"in principle|almost|nearly)\b|'ll\b|\?"
)
# What says something is wrong or should change, in a reply that does not confirm.
CHANGE = re.compile(
    r"\b(not|no longer|never|should|change|changed|update|amend|add|remove|missing|forgot|"
    r"left out|actually|rather|typo|instead)\b|n't\b|\d"
)
# Negations that confirm: "nothing wrong", "no changes".
_NOTHING_WRONG = re.compile(
    r"\b(nothing|not a thing|no)( is| was)? (wrong|incorrect|missing|to (add|correct|change))\b|"
    r"\bno (changes?|corrections?|mistakes?|issues?|comments?)( from (me|us|our side))?\b"
)
_SIGN_OFF = re.compile(
    r"^(--|—|(kind |best |warm |many )?(regards|wishes|thanks|thank you|cheers|best|"
    r"sincerely|all the best|speak soon|talk soon)[,.!]?)$"
)
# A confirmation goes on for at most this many words (a thank-you, "speak soon"): more is
# something the account manager should read.
CLOSING_WORDS = 25


class Answer(enum.Enum):
    CONFIRMS = "confirms"
    CORRECTS = "corrects"
    NEITHER = "neither"


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.lower().split())


def _without_greeting(line: str) -> str:
    """The line without a leading "Hi Alice," or "Thanks," (either, in any order)."""
    for _ in range(3):
        shorter = _THANKS.sub("", _GREETING.sub("", line, count=1), count=1)
        if shorter == line:
            break
        line = shorter
    return line


def first_meaningful_line(text: str) -> str:
    """The first line with words in it once greetings are set aside, normalised."""
    for raw in (text or "").splitlines():
        line = _without_greeting(_normal(raw))
        if line.strip(_TRAILING):
            return line
    return ""


def _starts_confirming(line: str) -> bool:
    if line.rstrip().endswith("?"):  # "Confirm what?", "Agreed?"
        return False
    if line.strip(_TRAILING) in ALONE:
        return True
    return any(
        line == phrase or (line.startswith(phrase) and _END.match(line[len(phrase) :]))
        for phrase in CONFIRMING
    )


def said(text: str) -> str:
    """The reply's own words, normalised: without quoted lines, and up to its sign-off or
    signature."""
    kept = []
    for raw in (text or "").splitlines():
        line = _normal(raw)
        if line.startswith(">"):
            continue
        if _SIGN_OFF.match(line.strip()):
            break
        kept.append(line)
    return " ".join(kept)


def classify(text: str) -> Answer:
    """Whether a reply to meeting notes confirms them, says what to correct, or neither."""
    words = said(text)
    plain = _NOTHING_WRONG.sub(" ", words)
    if CONTRAST.search(plain):
        return Answer.CORRECTS
    confirming = _starts_confirming(first_meaningful_line(text))
    short = len(plain.split()) <= CLOSING_WORDS
    if confirming and short and not HEDGE.search(plain) and not CHANGE.search(plain):
        return Answer.CONFIRMS
    if CHANGE.search(plain):
        return Answer.CORRECTS
    return Answer.NEITHER
