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
    "looks good to me",
    "looks good to us",
    "looks right to me",
    "looks right to us",
    "all good from us",
    "all good from me",
    "sounds good",
    "sounds right",
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
_END = re.compile(r"^\s*([.,!:;)\-\u2013\u2014]|$)")  # what may follow a confirming phrase
_TRAILING = " .,!:;-\u2013\u2014"

# What may follow a confirmation and still leave it one: thanks, a warm word about the
# meeting, a goodbye. Anything else is something the account manager should read.
CLOSING = re.compile(
    r"\b((many |big )?(thanks|thank you|cheers)( (so|very) much)?( again)?"
    r"( for (sending|writing|sharing|putting|the|these|this|them|your|all)( [a-z]+){0,4}|"
    r" (alice|all|both|everyone|team|[a-z]+))?|"
    r"(to|for|from) (me|us)( too)?|from (my|our) side|here|as well|too|"
    r"(great|good|nice|lovely|useful|productive) (meeting|call|session|chat|notes|summary|work)|"
    r"(speak|talk|see you) (soon|then|later|next week)|"
    r"have a (good|great|nice|lovely) (day|week|weekend|evening)|"
    r"(kind |best |warm )?regards|best( wishes)?|all the best)\b"
    "|[\N{THUMBS UP SIGN}\N{WHITE HEAVY CHECK MARK}\N{SLIGHTLY SMILING FACE}"
    "\N{SMILING FACE WITH SMILING EYES}]"
)
# Said in a reply that does not confirm, these say something is wrong or should change.
CHANGE = re.compile(
    r"\b(not|no longer|never|should|changes?|changed|update|amend(ed|ments?)?|edits?|tweaks?|"
    r"add|remove|missing|forgot|left out|actually|rather|typo|instead|minus|without)\b|n't\b"
)
# A question, or an answer put off: neither a confirmation nor a correction.
LATER = re.compile(
    r"\?|\b(pending|subject to|once|until|unless|if|when|yet|later|tomorrow|tonight|will|"
    r"going to|need to|check|checking|review|reviewing|read|reading|come back|get back|"
    r"let you know)\b|'ll\b"
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
# A signature's first line: a name ("Carol", "Carol Reyes"), as written.
_NAME = re.compile(r"^[A-Z][\w'\u2019.-]*( [A-Z][\w'\u2019.-]*){0,2}$")
_NOT_NAMES = frozenset(
    {"minus", "without", "except", "not", "no", "but", "add", "remove", "drop", "change"}
    | {"only", "also", "plus", "and", "or", "the", "a", "to", "approved", "agreed"}
    | {"confirmed", "yes", "ok", "okay"}
)


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


def _is_name(line: str) -> bool:
    words = line.strip().rstrip(".,").split()
    return bool(_NAME.match(line.strip().rstrip(".,"))) and not any(
        w.lower() in _NOT_NAMES for w in words
    )


def said(text: str) -> str:
    """The reply's own words, normalised: without quoted lines, and up to its sign-off or
    signature (a line with a name alone, after the first words)."""
    kept: list[str] = []
    for raw in (text or "").splitlines():
        line = _normal(raw)
        if line.startswith(">"):
            continue
        if _SIGN_OFF.match(line.strip()) or (kept and any(kept) and _is_name(raw)):
            break
        kept.append(line)
    return " ".join(kept)


def _only_closing(words: str) -> bool:
    """Whether `words` (after the confirming phrase) hold nothing but thanks and goodbyes."""
    left = CLOSING.sub(" ", words)
    return not left.strip(_TRAILING + " \u2019'\"")


def _after_confirming(words: str) -> str | None:
    """What follows the confirming phrase the reply starts with (after greetings), or None
    when it does not start with one."""
    line = _without_greeting(words.strip())
    for phrase in sorted((*CONFIRMING, *ALONE), key=len, reverse=True):
        if line.startswith(phrase) and _END.match(line[len(phrase) :]):
            return line[len(phrase) :]
    return None


def classify(text: str) -> Answer:
    """Whether a reply to meeting notes confirms them, says what to correct, or neither."""
    plain = _NOTHING_WRONG.sub(" ", said(text))
    if CONTRAST.search(plain):
        return Answer.CORRECTS
    rest = _after_confirming(plain)
    if rest is not None and not (CHANGE.search(rest) or LATER.search(rest)) and _only_closing(rest):
        return Answer.CONFIRMS
    if LATER.search(plain):
        return Answer.NEITHER
    if CHANGE.search(plain):
        return Answer.CORRECTS
    return Answer.NEITHER
