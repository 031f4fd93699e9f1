"""The tone check's sentence score: explainable features of one sentence, weighed together by
a logistic model whose weights are fitted on the labelled sets (train_tone.py) and committed in
tone_weights.py and data/tone_lexicon.json. Pure: no Django, no model download, deterministic.

Each feature is a plain fact about the sentence, counted on its words (masked text, lower case):
the reader as the subject or object next to a negative word (VADER's negative lexicon and the
words of agency trouble: "late", "forgot", "missed"…), a rhetorical question at the reader ("did
you even…", "how many times…"), an imperative opening with no softener, a demand, minimisers
and intensifiers ("just", "simply", "obviously"), capitals and "!!", negation aimed at the
reader ("you didn't…"), exasperation ("again", "still"), praise for a setback, irony, insults,
and what makes the same words harmless (first-person ownership, an apology, a hedge, thanks,
"please"). The rules' own findings in the sentence are features too, one per kind. Beside
them, the learned wording (tone_lexicon): a weight per word and pair of words, summed.

A sentence whose score (the weighted sum, a logit) reaches THRESHOLD is harsh when the finding
has something to name (`harsh`): a feature with a kind that pushed it up, or a word or pair
whose learned weight is HARSH_WORD or more (tone_grams). Most sentences hold such a word — the
wording learned topics too ("the brief") — so in practice the threshold decides, and the finding
names what weighed most. tone_rewrite.py turns a harsh sentence into a finding and its rewrite.
Cost: one pass over the sentence's tokens and a handful of precompiled patterns; VADER's
lexicon is looked up per token, its analyser is not run; the wording is one dictionary lookup
per word and pair."""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from accord.insights import tone_weights
from accord.insights.tone_grams import heaviest, weighed
from accord.insights.tone_rules import HEDGE, Sentence, analyzer, rx
from accord.insights.tone_voice import URGENT
from accord.insights.tone_words import ACRONYMS, ENGLISH, FIRST, READER, SHOUTED, words

# --- Word classes ---------------------------------------------------------------------------

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
LEAD = re.compile(
    r"(?:(?:(?i:hi|hey|hello|dear)\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*[,:-]\s*"
    r"|(?i:and|so|now|ok|okay|right|then|also|well|again|just|simply|honestly|seriously)\s*,?\s+)*"
)
_SOFT = rx(
    r"\b(?:please|pls|plz|kindly|(?:could|would|can|will)\s+(?:you|we|i)|if|when\s+you"
    r"|whenever|no\s+rush|no\s+hurry|let\s+(?:me|us)\s+know|feel\s+free|happy\s+to|ideally"
    r"|hope|hoping|mind|thanks|thank\s+you|appreciate)\b"
)
_RHETORICAL = rx(
    r"^(?:\W*)(?:why\b(?!\s+not\b)|how\s+(?:come|many|hard|difficult|long|often|is\s+it|can|could|did)\b"
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
# A reminder of what was said that needs no complaint beside it to talk down: "as you'll
# recall", "to refresh your memory", "since it seems to need repeating", "I did warn you".
_RECAP_POINTED = rx(
    r"\bas\s+you(?:'ll|\s+will|\s+may|\s+might)\s+(?:recall|remember)|\brefresh\s+your\s+memory"
    r"|\bneeds?\s+repeating|\bbears?\s+repeating|\bfurther\s+to\s+my\s+(?:\w+\s+)?(?:emails"
    r"|messages|notes|reminders)|\bin\s+case\s+it\s+got\s+(?:lost|missed|buried)"
    r"|\b(?:i|we)\s+did\s+(?:literally\s+|actually\s+|in\s+fact\s+)?(?:say|warn|flag|mention"
    r"|point\s+out|tell\s+you|raise)|\bgoing\s+back\s+to\s+what\s+(?:i|we)\s+said"
    r"|\bsee\s+my\s+(?:\w+\s+)?(?:message|email|note)s?\s+(?:from|of|dated|on|below|above)"
    r"|\b(?:i'll|let\s+me)\s+(?:paste|copy|repeat|resend|send)\s+(?:it|this|that)?\s*(?:again|below)"
)
_K_RECAP = words(
    "recall remember refresh repeating further case did going see paste copy repeat resend send"
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
    r"|thanks\s+for\s+nothing|yeah\s+right|oh\s+(?:great|good|wonderful|joy|well)"
    # Stock irony: a verdict the facts around it contradict
    r"|love\s+that\s+for|cool\s+cool|funnily\s+enough|bold\s+choice|riveting|one\s+way\s+to"
    r"|^(?:very|so|super|really|most)\s+(?:relaxing|reassuring|helpful|useful|encouraging|efficient"
    r"|considerate|professional)\W*$|framing\s+this|on\s+our\s+toes|by\s+the\s+looks\s+of\s+it"
    r"|i\.e\.\s+not\s+at\s+all|running\s+out\s+of\s+ways|whatever\s+you\s+think\s+is\s+best"
    r"|(?:amazing|funny|interesting|curious)\s+how\b|^shocking\b|who\s+would\s+have\s+thought"
    r"|what\s+a\s+surprise|colou?r\s+me\s+surprised|(?:in|from)\s+your\s+busy\s+schedule"
    r"|can't\s+wait\s+for\s+(?:round|the\s+next|version|v\d)|started\s+to\s+think\s+you'd)"
)
SCARE_QUOTES = re.compile(r"(?<![\w])['\"][A-Za-z][\w-]*(?:\s[\w-]+)?['\"](?!\w)")
_UNDERSTAND_FRAME = rx(
    r"\b(?:makes?\s+sense|in\s+(?:simple|plain)\s+terms|terms\s+that|let\s+me\s+(?:explain|be\s+clear"
    r"|spell)|to\s+be\s+clear|so\s+we're\s+clear|for\s+you\b|people\s+who|anyone\s+who|would\s+know"
    r"|may\s+not\s+(?:realise|realize|know)|can\s+be\s+confusing|leave\s+(?:that|it|the)\b.*\bto"
    r"|(?:not|isn't)\s+rocket|\b101\b|with\s+all\s+due|entitled\s+to|had\s+a\s+go\b|new\s+to"
    r"|how\s+to\s+give|in\s+bold|\bany\s+(?:\w+\s+)?\w+\s+would\s+(?:know|tell|see)|keep\s+it"
    r"\s+simple|slowly|for\s+a\s+living|you\s+paid\s+us"
    # How simple the reader should find it, and remarks on what they know
    r"|self-?evident|(?:quite|really|very|fairly|pretty)\s+straightforward|(?:isn't|not)\s+(?:that"
    r"\s+|really\s+|very\s+)?complicated|how\s+(?:this|that|it)\s+is\s+(?:complicated|confusing"
    r"|difficult|hard)|break\s+(?:it|this)\s+down|spell\s+(?:it|this)\s+out|small\s+words"
    r"|(?:may|might)\s+not\s+be\s+aware|(?:isn't|aren't|not)\s+(?:everyone's|really\s+your|your)"
    r"\s+(?:thing|area|forte|strong)|fresh\s+eyes|how\s+it's\s+done|yes\s*(?:/|or)\s*no\s+question"
    r"|(?:two|five|ten)-?\s*minute\s+job|literally\s+in\s+the|leave\s+the\s+\w+\s+to\s+the"
    r"|(?:simple|plain|layman's)\s+terms|avoidance\s+of\s+doubt|(?:explain|go\s+over)\s+(?:it\s+)?again"
    r"|mind\s+readers|not\s+(?:a|that)\s+(?:difficult|hard|complicated)|it's\s+all\s+there)"
)
# Words that insult whoever they are about: never an agency's way of talking to a client.
_INSULTS = words(
    """idiot idiots idiotic stupid stupidity incompetent incompetence amateurish moron morons
    moronic clueless pathetic dumb inept ineptitude imbecile brainless shambolic disgraceful"""
)


def insulting(found: dict[str, float]) -> bool:
    """An insult the agency does not own ("that was unprofessional of us, sorry" is owned): a
    finding whatever the score, as an unsupported promise is."""
    return "insult" in found and "apology" not in found and "first_person_fault" not in found


# What thanks or praise is ironic about: lateness, repetition, a late hour, work undone.
_SITUATION = rx(
    r"\b(?:yet\s+(?:again|another)|another\s+(?:round|change|weekend|delay|set\s+of\s+changes)"
    r"|finally\s+(?:sending|sent|getting|got|replying|replied)|only\s+took"
    r"|only\s+\w+\s+(?:days|weeks|months|hours)\s+(?:late|after|later)|after\s+the\s+fact"
    r"|\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)\b|midnight|on\s+a\s+(?:friday|saturday|sunday)(?:\s+night)?"
    r"|(?:days|weeks|months|years)\s+(?:in|late|later|after)\b|round\s+(?:four|five|six|seven"
    r"|eight|nine|ten|\d+)|an\s+actual\b|by\s+the\s+looks|all\s+of\s+(?:slide|page)\s+\w+"
    r"|(?:days?|hours?)\s+before\s+(?:launch|the\s+deadline|go-?live|print)|in\s+\w+\s+seconds"
    r"|from\s+the\s+(?:news|press|papers)|rather\s+than\s+from\s+you|of\s+all\s+(?:days|times)"
    r"|last[-\s]minute)"
)
_K_SITUATION = words(
    """yet another finally only after am pm midnight on days weeks months years round an looks
    all hours day hour seconds from rather of last"""
)
_PRAISE_OPENING = words(
    """love loved glad cheers thanks thank congratulations congrats riveting bold amazing
    delighted appreciate appreciated wow great brilliant lovely wonderful fantastic super
    perfect nice good terrific excellent marvellous fab so"""
)
_TAG = words(
    """very really so super most relaxing reassuring helpful useful appreciated fun great
    lovely wonderful perfect brilliant nice love loving classic typical can't wait"""
)
# A demand rather than a request: "I want…", "I won't accept…", "stop emailing…", "make sure
# this doesn't happen again", "Full stop."
# Its openings and what it says anywhere are two patterns. Where an opening matches at the start,
# no alternative of the other can also match there (none begins with an opening's first two
# words), so matching the openings at the start, then searching the rest, finds what one pattern
# of both would, for less.
_DEMAND_OPENING = rx(
    r"(?:i|we)\s+(?:want|expect|require|insist|won't\s+accept|will\s+not\s+accept|won't\s+be"
    r"\s+accepting|am\s+not\s+accepting)\b|i\s+need\s+(?!to\s+(?:ask|check|confirm|let|say|flag"
    r"|apologi|thank|be\s+honest|share|update))"
    r"|no\s+more\s+(?:changes|rounds|edits|tweaks|emails|excuses|comments)\b"
    r"|(?:just|simply)\s+(?:approve|sign|send|pick|choose|decide|read|reply|tell|confirm)\b"
)
_DEMAND = rx(
    r"\b(?:please\s+)?stop\s+(?:asking|sending|emailing|changing|calling|putting|adding"
    r"|contacting|messaging|going|copying|cc'ing|moving)\b"
    r"|\bmake\s+sure\s+(?:this|it|that)\s+(?:doesn't|does\s+not|never|won't)|\bfull\s+stop\b"
    r"|\brefrain\s+from\b|\ball\s+of\s+it\W*$|\bi\s+don't\s+want\s+to\s+(?:see|hear|have\s+to)"
)
_K_DEMAND = words("""i we stop make full refrain no all just simply don't""")
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
    more shame nothing right oh useful professional totally love cool funnily bold riveting one
    very so super really most framing toes looks i running whatever amazing interesting
    curious shocking who what colour color busy can't started"""
)
_K_UNDERSTAND = words(
    """sense terms explain clear spell for who know realise realize confusing leave rocket due
    entitled go new give bold would simple slowly living paid 101 evident selfevident
    straightforward complicated difficult hard break small aware thing area forte strong fresh
    done question minute job literally plain layman's avoidance again readers all"""
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
    ("praise_situation", "sarcasm", "thanks or praise for something late, repeated or undone"),
    ("ironic_tag", "sarcasm", "{w} after bad news"),
    ("demand", "command", "{w}"),
    ("irony", "sarcasm", "{w}"),
    ("scare_quotes", "sarcasm", "quotation marks around {w}"),
    ("smile_after_negative", "sarcasm", "a smile after bad news"),
    ("insult", "condescension", "{w}"),
    ("short", "", "a short sentence"),
    # Its weight is set (1.0), not fitted: its value is the sum of the learned weights of the
    # sentence's words and word pairs (tone_lexicon.wording()), fitted beside the other features.
    ("wording", "", "wording such as {w}"),
    # A rule's finding in the sentence, by kind: how much each kind of rule is to be trusted is
    # fitted like the rest.
    ("rule_blame", "blame", "a phrase the rules find"),
    ("rule_condescension", "condescension", "a phrase the rules find"),
    ("rule_absolute", "absolute", "a phrase the rules find"),
    ("rule_shouting", "shouting", "a phrase the rules find"),
    ("rule_command", "command", "a phrase the rules find"),
    ("rule_sarcasm", "sarcasm", "a phrase the rules find"),
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


def _wording(f: "_Facts", shown: bool = True) -> None:
    """The learned wording's sum, and (unless `shown` is False) the words that weigh most harsh
    in it (tone_grams.heaviest), shown in a finding."""
    found = weighed(f.tokens)
    total = math.fsum(found.values())  # exact: the same sum whatever the order of the grams
    if total:
        words = heaviest(found, f.tokens) if shown else ""
        f.fire("wording", total, f"“{words}”" if words else "")


def features(
    s: Sentence, rule_kinds: Iterable[str] = (), *, wording: bool = True, shown: bool = True
) -> tuple[dict[str, float], dict[str, str]]:
    """The features of a sentence (name → value, only those that fired) and what each saw;
    `wording=False` leaves out the learned wording (what train_tone fits it beside),
    `shown=False` its words to show."""
    f = _Facts(s, analyzer().lexicon)
    _at_reader(f)
    _softeners(f)
    _orders(f)
    _demand(f)
    _talking_down(f)
    _voice(f)
    if len(f.tokens) <= 6:
        f.fire("short")
    for kind in sorted(set(rule_kinds) - {"promise"}):
        f.fire(f"rule_{kind}")
    if insult := _INSULTS.intersection(f.tokens):
        f.fire("insult", 1.0, f"“{min(insult)}”")
    if wording:
        _wording(f, shown)
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
    opening = LEAD.match(f.s.cased)
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
    if (
        (f.negatives or f.tired or f.question or counted or "obligation" in found)
        and _RECAP.search(text)
    ) or (not _K_RECAP.isdisjoint(f.words) and _RECAP_POINTED.search(text)):
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
    if not _PRAISE_OPENING.isdisjoint(f.tokens[:4]) and _situation(s):
        f.fire("praise_situation")
    if (
        0 < len(f.tokens) <= 4
        and not _TAG.isdisjoint(f.token_set)
        and (f.positive or "wait" in f.token_set)
        and s.previous is not None
        and (any(_negative(t) for t in s.previous.tokens) or _situation(s.previous))
    ):
        f.fire("ironic_tag", 1.0, f"“{s.cased.strip()}”")
    if not _K_IRONY.isdisjoint(f.words) and (m := _IRONY.search(text)):
        f.fire("irony", 1.0, f"“{m.group()}”")
    if ("'" in text or '"' in text) and (m := SCARE_QUOTES.search(s.cased)):
        f.fire("scare_quotes", 1.0, m.group())
    if (
        not s.cased.isascii()
        and _EMOJI_SMILE.search(s.cased)
        and (f.negatives or _previous_negative(s, lexicon))
    ):
        f.fire("smile_after_negative")


def _situation(s: Sentence) -> bool:
    return not _K_SITUATION.isdisjoint(s.words) and bool(_SITUATION.search(s.text))


def _demand(f: _Facts) -> None:
    """ "I want…", "I won't accept…", "stop emailing…", "Full stop.": a demand, not a request."""
    if _K_DEMAND.isdisjoint(f.words) or (f.soft and "stop" not in f.token_set):
        return
    opening = LEAD.match(f.s.cased)
    body = f.text[opening.end() if opening else 0 :].lstrip(" \"'(-\u2014\u2013*")
    if m := _DEMAND_OPENING.match(body) or _DEMAND.search(body):
        f.fire("demand", 1.0, f"“{m.group().strip()}”")


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
    by_name = WEIGHT if weights is None else dict(zip(NAMES, weights, strict=True))
    total = 0.0
    for name, value in found.items():
        total += by_name[name] * value
    return total


WEIGHT = dict(zip(NAMES, tone_weights.WEIGHTS, strict=True))


def explained(found: dict[str, float], weights: dict[str, float] | None = None) -> bool:
    """Whether a feature with a kind pushed the sentence up (by EXPLAINED at least): a rule's
    finding, the reader beside a negative word, capitals… A weak push ("unfortunately",
    VADER's faint negative) explains nothing on its own."""
    by_name = WEIGHT if weights is None else weights
    return any(
        KIND_OF[name] and by_name[name] * value >= EXPLAINED for name, value in found.items()
    )


def harsh(scored: "Scored") -> bool:
    """Whether the sentence reads as harsh: its score reaches THRESHOLD and a finding would have
    something to name — a feature with a kind that explains it, or a word or pair of its wording
    that weighs HARSH_WORD or more (then shown in `seen`). Most sentences have one: the words
    named can be a topic ("the brief") as well as a tone."""
    if scored.score < THRESHOLD:
        return False
    return explained(scored.features) or bool(scored.seen.get("wording"))


# How much a feature with a kind must add to the logit to explain a harsh sentence: a weak push
# ("unfortunately", VADER's faint negative) explains nothing on its own.
EXPLAINED = 0.5


def score(s: Sentence, rule_kinds: Iterable[str] = ()) -> Scored:
    """The sentence's score, its features and what they saw. The words its wording shows are
    picked only for a sentence that can become a finding (over the threshold, or insulting):
    most sentences are not, and the pick is a tenth of a sentence's cost."""
    found, seen = features(s, rule_kinds, shown=False)
    total = weigh(found)
    can_be_found = total >= THRESHOLD or insulting(found)
    if can_be_found and "wording" in found and (words := heaviest(weighed(s.tokens), s.tokens)):
        seen["wording"] = f"“{words}”"
    return Scored(total, found, seen)


THRESHOLD = tone_weights.THRESHOLD
