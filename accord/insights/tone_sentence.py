"""The tone check's sentence score: explainable features of one sentence, weighed together by
a logistic model whose weights are fitted on the labelled sets (train_tone.py) and committed in
tone_weights.py. Pure: no Django, no model download, deterministic.

Each feature is a plain fact about the sentence, counted on its words (masked text, lower case):
the reader as the subject or object next to a negative word (VADER's negative lexicon and the
words of agency trouble: "late", "forgot", "missed"…), a rhetorical question at the reader ("did
you even…", "how many times…"), an imperative opening with no softener, minimisers and
intensifiers ("just", "simply", "obviously"), capitals and "!!", negation aimed at the reader
("you didn't…"), exasperation ("again", "still"), praise followed by a setback, and what makes
the same words harmless (first-person ownership, an apology, a hedge, thanks, "please"). The
rules' own findings in the sentence are features too.

A sentence whose score (the weighted sum, a logit) reaches THRESHOLD is harsh: its kind is the
kind of the feature that added most, its `why` names what was seen, and its rewrite softens it.
Cost: one pass over the sentence's tokens and a handful of precompiled patterns; VADER's lexicon
is looked up per token, its analyser is not run."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from accord.insights import tone_weights
from accord.insights.tone_rules import HEDGE, Candidate, Sentence, analyzer, rx
from accord.insights.tone_voice import URGENT
from accord.insights.tone_words import ACRONYMS, ENGLISH, SHOUTED, words

# --- Word classes ---------------------------------------------------------------------------

READER = words("you your yours you're you've you'd you'll yourself yourselves ur u y'all")
FIRST = words("we i our us my we're we've we'll i'm i've i'll i'd we'd ours mine myself")
FIRST_SUBJECT = words("we i we're we've we'll i'm i've i'll i'd we'd")
# "your …" as the reader's side: the people a charge at the reader falls on.
TEAM = words(
    """team side people colleagues designer designers developer developers department company
    staff board office agency manager boss lawyers legal end lot"""
)
# Agency trouble VADER does not score (or scores weakly) that reads as a charge at the reader.
TROUBLE = words(
    """late forgot forget forgotten ignored ignore ignoring missed missing failed
    fail failure wrong mistake mistakes error errors confusing confused unclear careless sloppy
    unusable delay delayed delays overdue blocked blocking holdup chasing chased excuse excuses
    mess messy incomplete inaccurate incorrect unprofessional lack
    bothered bother unreadable blurry useless pointless wasted waste waiting panic rushed
    contradict contradicts contradictory vague impossible nonsense ridiculous unacceptable
    problem problems fault blame inability disorganised disorganized unprepared anyway"""
)
# Words VADER scores as negative that are plain trade or logistics here ("the PO", "stop by",
# "a cut-down", "no rush", "a limited run", "don't worry").
NOT_NEGATIVE = words(
    """no po stop cut pressure limited cancel cancelled drop fire worry worries worried kill
    hard miss demand critical crash war cancellation shoot shoots shot shots hit"""
)
# After "you don't", "you never", "you won't": what spares the reader rather than charges them.
_SPARED = words("have need needs worry hesitate mind lose miss regret")
_CONDITIONAL = words("if unless whether")
_NEGATED = words("hasnt havent didnt dont cant wont")
_BETWEEN = words(
    """have has had still just really clearly obviously simply even do did are were was is could
    would will can"""
)
NEGATORS = words("not no never nobody nothing none cannot without hardly")
MINIMISERS = words("just simply merely only")
INTENSIFIERS = words(
    """obviously clearly literally even actually seriously honestly frankly surely evidently
    totally apparently genuinely truly"""
)
EXASPERATION = words("again still already once anymore")
ABSOLUTES = words(
    """always never every constantly continually forever whenever nobody everyone everything
    nothing single"""
)
APOLOGY = words("sorry apologise apologize apologies apology regret")
THANKS = words("thanks thank thx appreciate appreciated grateful cheers")
PRAISE = words(
    """great wow fab fabulous wonderful brilliant perfect lovely super terrific marvellous
    awesome excellent fantastic amazing nice good sure oh bless kind helpful splendid cool
    love loved"""
)
UNDERSTAND = words(
    """understand understanding realise realize know knew sense explain explained simple
    basic easy obvious confusing clear grasp head"""
)
IMPERATIVE_VERBS = words(
    """send fix stop do tell give get make read check change update remove delete call reply
    respond answer approve sign confirm finish deliver provide pay resend return submit upload
    correct sort move drop cancel explain listen follow complete email forward bring decide
    stick hurry quit chase book arrange print publish post choose pick review proofread supply
    share transfer settle deal fill try leave keep learn remember note use ask go put stay wait
    ensure double-check come be think look focus write stop act reread re-read"""
)
# Openings that are not orders: "See attached", "Have a lovely weekend", "Let us know".
NOT_ORDERS = rx(
    r"(?:see|find|have|take|enjoy|let|feel|keep\s+up|look\s+forward|thanks|thank|happy|welcome"
    r"|put\s+(?:simply|another|briefly|shortly))\b"
)
_LEAD = re.compile(
    r"(?:(?:(?i:hi|hey|hello|dear)\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*[,:-]\s*"
    r"|(?i:and|so|now|ok|okay|right|then|also|well|again|just|simply|honestly|seriously)\s*,?\s+)*"
)
_SOFT = rx(
    r"\b(?:please|pls|plz|kindly|could|would|can\s+(?:you|we|i)|will\s+you|if|when\s+you"
    r"|whenever|no\s+rush|no\s+hurry|let\s+(?:me|us)\s+know|feel\s+free|happy\s+to|ideally"
    r"|hope|hoping|mind|thanks|thank\s+you|appreciate)\b"
)
_RHETORICAL = rx(
    r"^(?:\W*)(?:why\b|how\s+(?:come|many|hard|difficult|long|often|is\s+it|can|could|did)\b"
    r"|what\s+(?:part|exactly|could|else|happened|is\s+the\s+point|were\s+you)\b"
    r"|did\s+(?:you|anyone|nobody|no\s+one)|do\s+(?:you|they)\s+(?:even|actually|really)"
    r"|is\s+it\s+(?:really|too|that)|was\s+it\s+(?:really|too|that)|are\s+you\s+(?:even|sure"
    r"|seriously|really)|has\s+(?:anyone|nobody)|have\s+you\s+(?:even|actually|not)"
    r"|does\s+(?:anyone|nobody)|who\s+(?:decided|thought|approved)|not\s+sure\s+if\s+you"
    r"|anyone\b|hello\b|who\s+(?:\w+ed|changed|approved|sent|said))"
)
_RECAP = rx(
    r"\bas\s+(?:i|we)(?:'ve|\s+have|\s+had)?\s+(?:already\s+)?(?:said|mentioned|explained|told"
    r"|noted|stated|pointed|flagged|outlined|covered|written)|\bper\s+my\b|\bas\s+previously\b"
    r"|\b(?:i|we)\s+(?:did|have|'ve)\s+(?:already\s+)?(?:try|tried|explain|explained|told|said"
    r"|mentioned)|\bhow\s+(?:else|many\s+(?:different\s+)?ways)\b|\b(?:we|i)(?:'ve|\s+have)?\s+told\s+you|\bas\s+(?:explained|mentioned|stated|discussed"
    r"|noted)\b|\bmy\s+(?:last|previous)\s+(?:\w+\s+)?(?:emails|messages)\b"
)
_CAUSE = rx(
    r"\b(?:because|due\s+to|thanks\s+to|since|owing\s+to|result\s+of|reason)\s+(?:\w+\s+){0,2}"
    r"(?:you|your)\b|\b(?:from|on)\s+your\s+(?:end|side)\b|\byour\s+end\b|\bwith\s+you\s+lot\b"
    r"|\byou\s+lot\b|\bthe\s+hold-?up\s+(?:here\s+)?is\s+you"
)
_OBLIGATION = rx(
    r"\b(?:you|your\s+\w+)\s+(?:should(?:n't)?|were\s+supposed|was\s+supposed|need(?:ed)?\s+to"
    r"|must|have\s+to|had\s+to|'ll\s+(?:just\s+)?have\s+to|ought|better)\b"
    r"|\bhad\s+(?:you|your)\b"
)
_COUNT = rx(
    r"\b(?:second|third|fourth|fifth|sixth|nth|hundredth|umpteenth|\d+(?:st|nd|rd|th))\s+time\b"
    r"|\breminder\s*#\s*\d|\bhow\s+many\s+(?:different\s+)?(?:times|ways)\b|\b(?:two|three|four|five|several|multiple"
    r"|separate)\s+(?:reminders|occasions)|\b(?:asked|told|said|mentioned|chased|explained|reminded"
    r"|requested|emailed|called|sent)\b[^.?!]{0,30}\b(?:two|three|four|five|six|several|multiple"
    r"|many)\s+times|\b(?:last|previous)\s+(?:two|three|four|five"
    r"|several)\s+(?:emails|messages|times)|\bonce\s+more\b|\btime\s+and\s+(?:time\s+)?again\b"
    r"|\b(?:you|your(?:\s+\w+){1,2}|they|he|she)\s+(?:keeps?|kept)\s+\w+ing\b"
    r"|\bthis\s+time\b(?!\s+(?:next|last|tomorrow|of|around|on))"
    r"|\bone\s+more\s+time\b|\bbeen\s+over\s+this\b"
)
_IRONY = rx(
    r"\b(?:i'm\s+sure|must\s+be\s+nice|good\s+luck|what\s+could\s+possibly"
    r"|new\s+record|how\s+(?:kind|nice|lovely|thoughtful|helpful)|^(?:really|very|so|super)\s+"
    r"(?:helpful|useful|professional)\W*$|^totally\s+\w+\W*$"
    r"|bless|funny\s+how|who\s+knew|apparently|more\s+of\s+a|shame\s+nobody|nice\s+of"
    r"|thanks\s+for\s+nothing|yeah\s+right|oh\s+(?:great|good|wonderful|joy|well))"
)
_SCARE = re.compile(r"(?<![\w])['\"][A-Za-z][\w-]*(?:\s[\w-]+)?['\"](?!\w)")
_UNDERSTAND_FRAME = rx(
    r"\b(?:makes?\s+sense|in\s+(?:simple|plain)\s+terms|terms\s+that|let\s+me\s+(?:explain|be\s+clear"
    r"|spell)|to\s+be\s+clear|so\s+we're\s+clear|for\s+you\b|people\s+who|anyone\s+who|would\s+know"
    r"|may\s+not\s+(?:realise|realize|know)|can\s+be\s+confusing|leave\s+(?:that|it|the)\b.*\bto"
    r"|(?:not|isn't)\s+rocket|\b101\b|with\s+all\s+due|entitled\s+to|had\s+a\s+go\b|new\s+to"
    r"|how\s+to\s+give|in\s+bold|\bany\s+(?:\w+\s+)?\w+\s+would\s+(?:know|tell|see)|keep\s+it"
    r"\s+simple|slowly|for\s+a\s+living|you\s+paid\s+us)"
)
_EMOJI_SMILE = re.compile("[\U0001f642\U0001f643\U0001f609\U0001f44d\U0001f644\U0001f612]")
_CAPS = re.compile(r"(?<![\w'])[A-Z][A-Z']+[A-Z](?![\w'])|(?<![\w'])[A-Z]{2}(?![\w'])")
_EXCLAIM = re.compile(r"!{2,}|\?{2,}|\?!|!\?")
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z]")
_DEADLINE = rx(
    r"\b(?:by|before)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|noon"
    r"|midday|lunch(?:time)?|end\s+of|close\s+of|cob|eod|\d)"
)
# The words a pattern needs one of before it is worth running on a sentence.
_K_SOFT = words(
    """please pls plz kindly could would can will if when whenever no let feel happy ideally
    hope hoping mind thanks thank appreciate"""
)
_K_OBLIGED = words("should shouldn't were was need needed must have had ought better")
_K_HEDGE = words(
    """if in whether unless perhaps maybe possibly might may not don't no sorry wonder think
    guess hope understand appreciate shame pity worried concerned seem seems appear appears
    looks suspect imagine assume chance possible likely probably sure believe"""
)
_ORDER_WORDS = IMPERATIVE_VERBS | {"don't", "dont"}
_K_COUNT = words(
    "time times reminder reminders occasions emails messages more again keep keeps kept over ways"
)
_K_IRONY = words(
    """sure nice luck possibly record kind lovely thoughtful helpful bless funny knew apparently
    more shame nothing right oh useful professional totally"""
)
_K_UNDERSTAND = words(
    """sense terms explain clear spell for who know realise realize confusing leave rocket due
    entitled go new give bold would simple slowly living paid 101"""
)
_K_CAUSE = words("because due thanks since owing result reason from on end lot hold holdup hold-up")

# Each feature: its name, the kind it points to ("" = none: it only weighs), and how the `why`
# names it. The order is the weights' order.
FEATURES: tuple[tuple[str, str, str], ...] = (
    ("bias", "", ""),
    ("reader", "", "the reader"),
    ("reader_negative", "blame", "the reader beside {w}"),
    ("negative", "blame", "{w}"),
    ("positive", "", "warm words"),
    ("reader_negation", "blame", "{w} aimed at the reader"),
    ("cause_reader", "blame", "the reader named as the cause"),
    ("obligation", "blame", "{w}"),
    ("first_person_fault", "", "the agency owning it"),
    ("apology", "", "an apology"),
    ("hedge", "", "a hedge"),
    ("soft", "", "a softener"),
    ("thanks", "", "thanks"),
    ("rhetorical", "condescension", "a rhetorical question at the reader"),
    ("question_reader", "blame", "a pointed question at the reader"),
    ("imperative", "command", "an order with no “please”"),
    ("urgent_order", "command", "{w} in an order"),
    ("minimiser", "condescension", "{w}"),
    ("intensifier_charge", "condescension", "{w} in a charge at the reader"),
    ("intensifier", "condescension", "{w}"),
    ("recap", "condescension", "a reminder of what was already said"),
    ("understanding", "condescension", "a remark on what the reader understands"),
    ("exasperation", "absolute", "{w}"),
    ("repeat_count", "absolute", "a count of the times it happened"),
    ("absolute_reader", "absolute", "{w} about the reader"),
    ("caps", "shouting", "{w} in capitals"),
    ("exclaim", "shouting", "{w}"),
    ("exclaim_negative", "shouting", "{w} in a complaint"),
    ("praise_setback", "sarcasm", "praise followed by a setback"),
    ("irony", "sarcasm", "{w}"),
    ("scare_quotes", "sarcasm", "quotation marks around {w}"),
    ("smile_after_negative", "sarcasm", "a smile after bad news"),
    ("short", "", "a short sentence"),
    ("rule", "", "a phrase the rules find"),  # its weight is set, not fitted: RULE_WEIGHT
)
NAMES = tuple(f[0] for f in FEATURES)
INDEX = {name: i for i, name in enumerate(NAMES)}
KIND_OF = {name: kind for name, kind, _ in FEATURES}
SAYS = {name: says for name, _, says in FEATURES}


@dataclass(frozen=True)
class Scored:
    score: float  # the logit: ≥ THRESHOLD is harsh
    features: dict[str, float]  # the features that fired, with their values
    seen: dict[str, str]  # what each feature saw, in the sentence's words


@cache
def _lexicon_classes() -> tuple[frozenset[str], dict[str, float]]:
    """VADER's lexicon split once: the words read as negative here (with TROUBLE, without the
    trade words and negators), and the positive words with their valence."""
    lexicon = analyzer().lexicon
    negative = {w for w, v in lexicon.items() if v <= -0.9} | TROUBLE
    positive = {w: v for w, v in lexicon.items() if v > 0.9}
    return frozenset(negative - NOT_NEGATIVE - NEGATORS), positive


def _negative(token: str, lexicon: dict[str, float] | None = None) -> bool:
    return token in _lexicon_classes()[0]


class _Facts:
    """What one sentence's features are read from, and the features fired so far."""

    def __init__(self, s: Sentence, lexicon: dict[str, float]) -> None:
        self.s, self.lexicon = s, lexicon
        self.text, self.tokens = s.text, s.tokens
        self.found: dict[str, float] = {"bias": 1.0}
        self.seen: dict[str, str] = {}
        tokens = self.tokens
        words = self.words = s.words  # with the rule keys its words begin: for gating only
        self.token_set = frozenset(tokens)
        self.readers = (
            [] if READER.isdisjoint(words) else [i for i, t in enumerate(tokens) if t in READER]
        )
        # The reader not as the subject of a condition ("if you missed it"): who a charge is at.
        self.charged = [
            r for r in self.readers if _CONDITIONAL.isdisjoint(tokens[max(0, r - 3) : r])
        ]
        self.firsts = (
            [] if FIRST.isdisjoint(words) else [i for i, t in enumerate(tokens) if t in FIRST]
        )
        self.negatives: list[int] = []
        self.positive = 0.0
        negative, positive = _lexicon_classes()
        if not negative.isdisjoint(words):
            for i, t in enumerate(tokens):
                if t in negative and not (
                    i and (tokens[i - 1] in NEGATORS or tokens[i - 1].endswith("n't"))
                ):
                    self.negatives.append(i)
        if not positive.keys().isdisjoint(words):
            self.positive = sum(positive.get(t, 0.0) for t in tokens if t not in negative)
        self.question = self.text.rstrip(" \"')").endswith("?")
        self.soft = not _K_SOFT.isdisjoint(self.words) and bool(_SOFT.search(self.text))
        self.tired = (
            [] if EXASPERATION.isdisjoint(words) else [t for t in tokens if t in EXASPERATION]
        )

    def fire(self, name: str, value: float = 1.0, what: str = "") -> None:
        self.found[name] = self.found.get(name, 0.0) + value
        if what and name not in self.seen:
            self.seen[name] = what


def features(
    s: Sentence, rule_kinds: Iterable[str] = ()
) -> tuple[dict[str, float], dict[str, str]]:
    """The features of a sentence (name → value, only those that fired) and what each saw."""
    f = _Facts(s, analyzer().lexicon)
    _at_reader(f)
    _softeners(f)
    _orders(f)
    _talking_down(f)
    _voice(f)
    if len(f.tokens) <= 6:
        f.fire("short")
    if set(rule_kinds) - {"promise"}:
        f.fire("rule")
    return f.found, f.seen


def _at_reader(f: _Facts) -> None:
    """The reader, negative words, and the reader beside them: blame's features."""
    tokens = f.tokens
    if f.readers:
        f.fire("reader")
    if f.negatives:
        f.fire("negative", min(len(f.negatives), 3) / 3, f"“{tokens[f.negatives[0]]}”")
    if f.positive:
        f.fire("positive", min(f.positive, 6.0) / 6)
    for i in f.negatives:
        near_reader = any(abs(i - r) <= 4 for r in f.charged)
        near_first = any(
            abs(i - w) <= 4 if tokens[w] in FIRST_SUBJECT else i - w == 1 for w in f.firsts
        )
        if near_reader and not near_first:
            f.fire("reader_negative", 1.0, f"“{tokens[i]}”")
            break
        if near_first and not near_reader:
            f.fire("first_person_fault")
            break
    _reader_negation(f)
    if f.readers and not _K_CAUSE.isdisjoint(f.words) and _CAUSE.search(f.text):
        f.fire("cause_reader")
    if f.readers and not _K_OBLIGED.isdisjoint(f.words) and (m := _OBLIGATION.search(f.text)):
        f.fire("obligation", 1.0, f"“{m.group().strip()}”")


def _reader_negation(f: _Facts) -> None:
    """ "you didn't…", "your team hasn't…": a negation the reader is the subject of."""
    tokens = f.tokens
    for r in f.readers:
        if tokens[r] in {"you", "u"}:
            after = tokens[r + 1 : r + 3]
        elif tokens[r] in {"your", "ur"} and r + 1 < len(tokens) and tokens[r + 1] in TEAM:
            after = tokens[r + 2 : r + 4]
        else:
            continue
        if not after or (after[0] in _BETWEEN and len(after) > 1):
            after = after[1:]  # "you still haven't", "you have not"
        if (
            after
            and (after[0] in NEGATORS or after[0].endswith("n't") or after[0] in _NEGATED)
            and not _SPARED.intersection(tokens[r + 2 : r + 5])
            and not _CONDITIONAL.intersection(tokens[max(0, r - 3) : r])
            and "yet" not in after[1:2]  # "your team hasn't yet…": still to come, not a fault
        ):
            f.fire("reader_negation", 1.0, f"“{' '.join(tokens[r : r + 3])}”")
            return


def _softeners(f: _Facts) -> None:
    """What makes the same words harmless: an apology, a hedge, "please", thanks."""
    if not APOLOGY.isdisjoint(f.token_set):
        f.fire("apology")
    if not _K_HEDGE.isdisjoint(f.words) and HEDGE.search(f.text):
        f.fire("hedge")
    if f.soft:
        f.fire("soft")
    if not THANKS.isdisjoint(f.token_set):
        f.fire("thanks")


def _orders(f: _Facts) -> None:
    """Questions at the reader and an imperative opening with no softener."""
    text, tokens = f.text, f.tokens
    if f.question and _RHETORICAL.search(text):
        f.fire("rhetorical")
    elif f.question and f.readers and (f.negatives or not INTENSIFIERS.isdisjoint(f.token_set)):
        f.fire("question_reader")
    if _ORDER_WORDS.isdisjoint(tokens[:8]):
        return  # no order opens with none of its verbs in its first words
    opening = _LEAD.match(f.s.cased)
    body = text[opening.end() if opening else 0 :]
    first = body.split(" ", 1)[0].strip(".,!:;") if body else ""
    imperative = (len(tokens) >= 3 and first in IMPERATIVE_VERBS) or (
        first in {"don't", "dont"} and len(body.split()) > 1
    )
    if imperative and not (f.soft or f.question or NOT_ORDERS.match(body)):
        f.fire("imperative")
        if m := URGENT.search(body) or _DEADLINE.search(body):
            f.fire("urgent_order", 1.0, f"“{m.group()}”")


def _talking_down(f: _Facts) -> None:
    """Minimisers, intensifiers, recaps, remarks on understanding, exasperation, sweeping words."""
    text, tokens, found = f.text, f.tokens, f.found
    aimed = (f.readers or "imperative" in found) and not MINIMISERS.isdisjoint(f.words)
    for i, t in enumerate(tokens if aimed else ()):
        if t in MINIMISERS:
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            if following not in {"wanted", "want", "a", "to", "checking", "in", "about", "now"}:
                f.fire("minimiser", 1.0, f"“{t}”")
                break
    if f.tired and (f.readers or f.negatives or f.question):
        f.fire("exasperation", 1.0, f"“{f.tired[0]}”")
    intense = [] if INTENSIFIERS.isdisjoint(f.words) else [t for t in tokens if t in INTENSIFIERS]
    if intense:
        f.fire("intensifier", min(len(intense), 2) / 2, f"“{intense[0]}”")
        charged = "reader_negative" in found or "reader_negation" in found
        if charged or "imperative" in found or (f.readers and (f.question or f.negatives)):
            f.fire("intensifier_charge", 1.0, f"“{intense[0]}”")
    counted = not _K_COUNT.isdisjoint(f.words) and _COUNT.search(text)
    if (f.negatives or f.tired or f.question or counted or "obligation" in found) and _RECAP.search(
        text
    ):
        f.fire("recap")
    if (f.readers and not UNDERSTAND.isdisjoint(f.token_set)) or (
        not _K_UNDERSTAND.isdisjoint(f.words) and _UNDERSTAND_FRAME.search(text)
    ):
        f.fire("understanding")
    if counted:
        f.fire("repeat_count")
    sweeping = [
        t
        for i, t in enumerate(tokens if f.readers and not ABSOLUTES.isdisjoint(f.words) else ())
        if t in ABSOLUTES and not _SPARED.intersection(tokens[i + 1 : i + 3])
    ]
    if sweeping and f.readers:
        f.fire("absolute_reader", 1.0, f"“{sweeping[0]}”")


def _voice(f: _Facts) -> None:
    """Capitals, "!!" and "?!", and sarcasm: praise before a setback, irony, scare quotes."""
    s, text, lexicon = f.s, f.text, f.lexicon
    shouted = [
        w
        for w in (_CAPS.findall(s.cased) if _TWO_CAPITALS.search(s.cased) else ())
        if w.lower() not in ACRONYMS
        and (w.lower() in SHOUTED or w.lower() in ENGLISH or w.lower() in lexicon)
    ]
    if shouted and not _heading(s.cased):
        f.fire("caps", min(len(shouted), 3) / 3, f"“{shouted[0]}”")
    if ("!" in text or "??" in text) and (m := _EXCLAIM.search(text)):
        f.fire("exclaim", 1.0, f"“{m.group()}”")
        if f.negatives or (f.question and (f.readers or "rhetorical" in f.found)):
            f.fire("exclaim_negative", 1.0, f"“{m.group()}”")
    if f.tokens and f.tokens[0] in PRAISE and (f.negatives or _following_setback(s, lexicon)):
        f.fire("praise_setback")
    if not _K_IRONY.isdisjoint(f.words) and (m := _IRONY.search(text)):
        f.fire("irony", 1.0, f"“{m.group()}”")
    if ("'" in text or '"' in text) and (m := _SCARE.search(s.cased)):
        f.fire("scare_quotes", 1.0, m.group())
    if (
        not s.cased.isascii()
        and _EMOJI_SMILE.search(s.cased)
        and (f.negatives or _previous_negative(s, lexicon))
    ):
        f.fire("smile_after_negative")


def _heading(cased: str) -> bool:
    line = cased.strip()
    return line.isupper() and len(line.split()) <= 6 and not line.endswith((".", "!", "?"))


def _following_setback(s: Sentence, lexicon: dict[str, float]) -> bool:
    near = s.following
    return near is not None and any(_negative(t, lexicon) for t in near.tokens)


def _previous_negative(s: Sentence, lexicon: dict[str, float]) -> bool:
    near = s.previous
    return near is not None and any(_negative(t, lexicon) for t in near.tokens)


def weigh(found: dict[str, float], weights: tuple[float, ...] | None = None) -> float:
    """The sentence's logit: its features' values times their weights (tone_weights' unless
    given)."""
    by_name = _WEIGHT if weights is None else dict(zip(NAMES, weights, strict=True))
    total = 0.0
    for name, value in found.items():
        total += by_name[name] * value
    return total


_WEIGHT = dict(zip(NAMES, tone_weights.WEIGHTS, strict=True))


def score(s: Sentence, rule_kinds: Iterable[str] = ()) -> Scored:
    found, seen = features(s, rule_kinds)
    return Scored(weigh(found), found, seen)


THRESHOLD = tone_weights.THRESHOLD


WHY = {
    "blame": "makes the reader the culprit",
    "condescension": "talks down to the reader",
    "absolute": "reads as a sweeping charge at the reader",
    "shouting": "raises your voice at the reader",
    "command": "reads as an order, not a request",
    "sarcasm": "reads as sarcasm",
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
    was seen (up to three features), its rewrite is the sentence softened."""
    names = strongest(scored)
    names = [n for n in names if _SAID_BY.get(n) not in names] or ["negative"]
    kind = KIND_OF[names[0]]
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


def _dropped(m: re.Match[str]) -> str:
    """What a dropped word leaves: nothing, or the comma that ends the clause it closed ("went
    up again, the quote…" → "went up, the quote…")."""
    before = m.string[: m.start()].rstrip()
    return ", " if "," in m.group() and before[-1:].isalnum() else ""


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
        lead = _LEAD.match(text)
        cut = lead.end() if lead else 0
        body = text[cut:].rstrip(".!?").rstrip()
        opening = "could you" if cut else "Could you"
        text = f"{text[:cut]}{opening} {_lowered(body)}?"
    text = _BEFORE_MARK.sub(r"\1", text)
    if text == held.strip() and kind in _HEDGED:
        if text.endswith("?"):
            return "Could you let me know where this stands?"
        lead = _LEAD.match(text)
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
    if _SCARE.search(held):
        return _sub(_SCARE, lambda m: m.group()[1:-1], held, kept)
    lead = None if _IRONIC_OPENING.match(held) else _LEAD.match(held)  # "Oh," is no name
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
        mark = next(free)
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
