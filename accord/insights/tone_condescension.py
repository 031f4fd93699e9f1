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

from accord.insights.tone_rules import Candidate, Rewrite, Sentence, next_words

WHY_KNOWN = "{p} tells the reader they should have known."
WHY_LISTENED = "{p} tells the reader they should have listened the first time."
WHY_SLOW = "{p} suggests the reader is slow to understand."
WHY_LECTURE = "{p} lectures the reader."

_OBVIOUS = re.compile(r"\b(?P<w>obviously|clearly|evidently|patently)\b", re.I)
_MANNER = re.compile(
    r"\s+(?:labell?ed|marked|visible|legible|written|set\s+out|shown|laid\s+out|signposted"
    r"|defined|readable|presented|displayed|communicated|described|identified|separated"
    r"|organi[sz]ed|named|structured|see|seen|understand|understood|explained|outlined"
    r"|enjoy|enjoyed|love|loved|like|liked|proud|worked|put|made|thought|delighted|thrilled"
    r"|pleased|happy|excited|keen|grateful|better|stronger|the\s+(?:best|strongest|right"
    r"|winner|favourite))\b",
    re.I,
)
_FIRST_PERSON_BEFORE = re.compile(
    r"\b(?:we|i|we're|i'm|we've|i've|we'll|i'll|we'd|i'd|our\s+team|everyone)(?:\s+(?:are|am"
    r"|were|was|will|would|all|both))?\s*$",
    re.I,
)
_REASSURANCE = re.compile(
    r"(?:if|when)\b|(?:we|I)(?:'ll|'d|'re|'m|\s+will|\s+would|\s+are|\s+am)\b", re.I
)
_SURELY = re.compile(
    r"\bsurely\s+(?:you|your\s+team)\s+(?P<v>can|could|know|understand|reali[sz]e|remember|see"
    r"|agree|must|will|are\s+aware|don't|didn't|can't)\b(?P<that>\s+that)?",
    re.I,
)
_SIMPLY = re.compile(
    r"\bsimply\s+(?!put\b|put\s+it\b|say\b)(?=(?:click|send|go|open|read|follow|use|reply|log|sign|fill|upload|download"
    r"|check|select|press|type|drag|attach|forward|scroll|visit|enter|copy|paste|refresh"
    r"|restart|look|tap|hit|choose|pick|update|print|save|approve|tell|call|email|add|put"
    r"|make|do|ask|let)\b)",
    re.I,
)
_SIMPLY_LEAD = re.compile(
    r"(?:^|[,;:]|\bplease|\band|\bthen|\byou\s+(?:can|could|need\s+to|have\s+to|must|should"
    r"|will|'ll|just|only\s+need\s+to))\s*$|^\s*you\s*$",
    re.I,
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
_AS_SAID = re.compile(
    r"\b(?:as|like)\s+(?:(?P<who>I|we)(?:'ve|\s+have|\s+had)?\s+)?(?P<rep>(?:already|previously"
    r"|clearly|just|repeatedly)\s+)?(?P<v>said|told\s+you|explained|mentioned|stated|pointed\s+out"
    r"|noted|wrote|outlined|made\s+clear|indicated|advised|emphasi[sz]ed|highlighted|flagged"
    r"|set\s+out|discussed)(?:\s+(?:this|it|that))?(?:\s+to\s+you)?(?P<tail>(?:"
    + _REPEATED
    + "|"
    + _BACK_THEN
    + r")*)",
    re.I,
)
_I_TOLD_YOU = re.compile(
    r"\b(?:I|we)(?:'ve|\s+have|\s+had|'d)?\s+(?:(?P<already>already)\s+)?(?:told\s+you|explained"
    r"|said|mentioned|stated|pointed\s+out|asked\s+you|reminded\s+you|warned\s+you)"
    r"(?:\s+(?:this|that|it))?(?:\s+to\s+you)?(?P<tail>" + _REPEATED + r"*)",
    re.I,
)
_INSULT = (
    r"ridiculous|absurd|nonsense|pathetic|unacceptable|unprofessional|amateurish|lazy|sloppy"
    r"|careless|silly|stupid|ludicrous|laughable|a\s+joke|childish|useless|pointless|worthless"
    r"|incompetent|clueless|rubbish|garbage|shoddy|impossible\s+to\s+(?:work|deal)\s+with"
    r"|impossible\s+to\s+please"
)
_INSULT_YOURS = r"terrible|awful|horrible|hopeless|a\s+mess|a\s+nightmare|embarrassing|unreasonable"
_JUDGED = re.compile(
    r"\b(?:is|was|are|were|'s|'re|sounds|seems|looks|feels)\s+(?:(?:just|frankly|honestly|really"
    r"|quite|totally|completely|utterly|absolutely|a\s+bit|pretty|very|simply|so|frankly)\s+)*"
    rf"(?P<adj>{_INSULT}|(?P<yours>{_INSULT_YOURS}))\b",
    re.I,
)
_PHRASES: list[tuple[re.Pattern[str], str, Rewrite]] = [
    (
        re.compile(
            r"\b(?:I'll|I\s+will|let\s+me|I'm\s+going\s+to)\s+(?:keep|make)\s+(?:this|it)\s+"
            r"(?:really\s+|very\s+)?(?:simple|short\s+and\s+simple|easy|basic)\b",
            re.I,
        ),
        WHY_SLOW,
        "here's a short summary",
    ),
    (
        re.compile(
            r"\b(?:I\s+(?:appreciate|realise|realize|know|understand|get)\s+(?:that\s+)?)?(?:this|it)"
            r"\s+(?:may|might|must|is\s+probably|could)\s+be\s+(?:all\s+)?(?:new|unfamiliar"
            r"|confusing|a\s+lot)\s+(?:to|for)\s+you\b,?(?:\s+but)?",
            re.I,
        ),
        WHY_SLOW,
        "",
    ),
    (
        re.compile(
            r"\b(?:hopefully\s+)?(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+(?:clear|simple"
            r"|easy|plain)(?:er)?\s+enough\s+for\s+you(?:\s+now)?\b|\bhopefully\s+(?:that's|that"
            r"\s+is|this\s+is)\s+(?:clear|clearer)\s+now\b",
            re.I,
        ),
        WHY_SLOW,
        "I hope that helps",
    ),
    (
        re.compile(
            r"\b(?:I'm\s+not\s+sure\s+|I\s+don't\s+know\s+)?(?:which|what)\s+part\s+of\s+(?:this"
            r"|that|it)\s+(?:is|was|you\s+find)\s+(?:unclear|confusing|difficult|hard)\b",
            re.I,
        ),
        WHY_SLOW,
        "let me know if anything is unclear",
    ),
    (
        re.compile(
            r"\bbelieve\s+it\s+or\s+not,?|\b(?:we|I)\s+do\s+know\s+what\s+(?:we're|we\s+are"
            r"|I'm|I\s+am)\s+doing\b",
            re.I,
        ),
        "{p} talks down to the reader.",
        "",
    ),
    (
        re.compile(
            r"\b(?:that's|that\s+is|this\s+is)\s+what\s+happens\s+when\s+(?:you|your\s+team)\b",
            re.I,
        ),
        "{p} scores a point off the reader.",
        "this can happen when we",
    ),
    (re.compile(r"\bI\s+must\s+point\s+out(?:\s+that)?\b", re.I), WHY_LECTURE, ""),
    (
        re.compile(
            r"\bhow\s+long\s+(?:does|can|could|should|will)\s+it\s+(?:possibly\s+|really\s+)?take"
            r"\s+to\b",
            re.I,
        ),
        "{p} implies the reader is slow.",
        "when do you think you'll be able to",
    ),
    (
        re.compile(
            r"\b(?:I\s+don't\s+(?:understand|get|see)\s+why\s+)?(?:this|it|that)\s+is\s+so"
            r"\s+(?:difficult|hard|complicated)\s+for\s+you\b",
            re.I,
        ),
        WHY_SLOW,
        "let's find a way to make this easier",
    ),
    (
        re.compile(
            r"^\s*(?:maybe|perhaps)\s+(?=(?:read|check|try|look\s+at|open|have\s+a\s+look|listen)\b)",
            re.I,
        ),
        "{p} talks down to the reader.",
        "could you ",
    ),
    (
        re.compile(
            r"\b(?:to|please|maybe|perhaps|try)\s+(?P<span>actually)\s+(?=read|look|check|open"
            r"|listen)",
            re.I,
        ),
        "{p} implies the reader has not tried.",
        "",
    ),
    (
        re.compile(
            r"^\s*(?:next\s+time|in\s+future|in\s+the\s+future|going\s+forward),?\s+(?=(?:please"
            r"\s+)?(?:check|make\s+sure|read|send|try|remember|ensure|double-check|ask|let|tell"
            r"|give|think|look)\b)",
            re.I,
        ),
        "{p} lectures the reader about their last attempt.",
        "",
    ),
    (
        re.compile(
            r"\bI(?:'m|\s+am)\s+not\s+going\s+to\s+(?:explain|repeat|go\s+(?:over|through)|say"
            r"|tell\s+you)\s+(?P<what>[^.?!]*?)\s*\bagain\b",
            re.I,
        ),
        WHY_LISTENED,
        "",
    ),
    (
        re.compile(
            r"\b(?:surely\s+)?(?:it's|it\s+is|is\s+it)\s+(?:not\s+)?too\s+much\s+to\s+ask"
            r"(?:\s+for)?\b",
            re.I,
        ),
        "{p} talks down to the reader.",
        "could we please have",
    ),
    (
        re.compile(r"^\s*surely\s*,?\s+(?=(?:it|this|that|the|you|your)\b)", re.I),
        "{p} talks down to the reader.",
        "",
    ),
    (
        re.compile(
            r"\bhow\s+(?:hard|difficult|complicated)\s+(?:can|could|is)\s+it\s+(?:be\s+)?"
            r"(?:to\b)?",
            re.I,
        ),
        "{p} implies the task is trivial.",
        "could you",
    ),
    (
        re.compile(
            r"\bI\s+(?:expected|expect|would\s+expect|'d\s+expect|had\s+expected)\s+better\b", re.I
        ),
        "{p} tells the reader they disappoint you.",
        "I'd hoped for something different",
    ),
    (
        re.compile(
            r"\b(?:that's|that\s+is|this\s+is|this\s+isn't|that\s+isn't)\s+not\s+how\s+"
            r"(?:any\s+of\s+)?(?:this|it|things|print(?:ing)?|design|branding|the\s+\w+)\s+"
            r"works\b|\bthat's\s+not\s+how\s+(?:any\s+of\s+)?(?:this|it)\s+works\b",
            re.I,
        ),
        "{p} talks down to the reader.",
        "this works a little differently",
    ),
    (
        re.compile(
            r"\b(?:you|surely\s+you)\s+(?:can't|cannot|don't|do\s+not)\s+(?:seriously|really"
            r"|honestly|possibly)\s+(?:expect|think|believe|want)\s+(?:us|me)?\s*(?:to\b)?",
            re.I,
        ),
        "{p} talks down to the reader.",
        "I'm not sure we can",
    ),
    (
        re.compile(
            r"\bas\s+(?:previously|already|clearly|repeatedly)\s+(?:stated|explained"
            r"|advised|instructed|requested|communicated|pointed\s+out|indicated|outlined"
            r"|set\s+out|written)\b|\bas\s+(?:stated|explained|outlined|indicated|set\s+out"
            r"|specified)\s+in\s+my\s+(?:last|previous|earlier)\s+(?:email|message|note)\b",
            re.I,
        ),
        "{p} implies the reader did not pay attention.",
        "as mentioned",
    ),
    (
        re.compile(
            r"\b(?:as\s+)?per\s+my\s+(?:last|previous|earlier|prior|below|first)\s+"
            r"(?:email|e-mail|message|note|mail|reply)\b",
            re.I,
        ),
        "{p} is widely read as “you didn't read my email”.",
        "following up on my last email",
    ),
    (
        re.compile(
            r"\bas\s+you\s+(?:should|ought\s+to|must|would)\s+(?:know|be\s+aware|remember"
            r"|have\s+seen|have\s+read)(?:\s+by\s+now)?\b",
            re.I,
        ),
        WHY_KNOWN,
        "as you may know",
    ),
    (
        re.compile(
            r"\b(?:you|your\s+team)\s+(?:should|ought\s+to)\s+(?:know|understand|reali[sz]e"
            r"|remember)\s+(?:better|this|that|by\s+now)\b|\byou\s+should\s+know\b",
            re.I,
        ),
        WHY_KNOWN,
        "as you may know",
    ),
    (
        re.compile(
            r"\b(?:it's|it\s+is|this\s+is|it\s+isn't|this\s+isn't|it\s+is\s+not)?\s*"
            r"(?:really\s+|exactly\s+)?(?:not\s+)?(?:exactly\s+)?(?:rocket\s+science"
            r"|brain\s+surgery)\b",
            re.I,
        ),
        WHY_SLOW,
        "it's quick to do",
    ),
    (
        re.compile(
            r"\bI(?:'m|\s+am)\s+not\s+sure\s+how\s+else\s+to\s+(?:explain|put|say)"
            r"(?:\s+(?:this|it|that))?|\bI\s+don't\s+know\s+how\s+else\s+to\s+(?:explain"
            r"|put|say)(?:\s+(?:this|it|that))?",
            re.I,
        ),
        WHY_SLOW,
        "to put it another way",
    ),
    (
        re.compile(
            r"\b(?:I\s+don't\s+know\s+)?how\s+many\s+(?:more\s+)?times\s+(?:do\s+|must\s+"
            r"|will\s+|have\s+|shall\s+)?(?:I|we)\s+(?:have\s+to\s+|need\s+to\s+|got\s+to\s+)?"
            r"(?P<many>say|tell|ask|explain|remind|repeat|mention)(?:\s+you)?(?:\s+(?:this"
            r"|it|that))?\b[.!?]?",
            re.I,
        ),
        "{p} reads as exasperation with the reader.",
        "to recap",
    ),
    (
        re.compile(
            r"\bI\s+(?:shouldn't|should\s+not)\s+(?:have|need)\s+to\s+(?:remind|tell|ask"
            r"|explain|say|repeat)(?:\s+(?:you|this|it))*(?:\s+that)?\b",
            re.I,
        ),
        "{p} reads as exasperation with the reader.",
        "just a reminder that",
    ),
    (
        re.compile(
            r"\b(?:let\s+me|I\s+want\s+to|I'd\s+like\s+to|just\s+to|to)\s+be\s+(?:very\s+"
            r"|perfectly\s+|absolutely\s+|crystal\s+|completely\s+|100%\s+)?clear\b",
            re.I,
        ),
        "{p} sounds like a reprimand.",
        "to confirm",
    ),
    (
        re.compile(
            r"\b(?:to\s+reiterate|I\s+repeat|let\s+me\s+repeat|I'll\s+say\s+it\s+again"
            r"|once\s+more\s+for\s+the\s+(?:people|folks)\s+at\s+the\s+back|for\s+the"
            r"\s+(?:people|folks)\s+at\s+the\s+back)\b",
            re.I,
        ),
        WHY_LISTENED,
        "to recap",
    ),
    (re.compile(r"^\s*once\s+more\s*,", re.I), WHY_LISTENED, ""),
    (
        re.compile(
            r"\b(?:let\s+me|may\s+I|I'd|I\s+would|can\s+I)\s+remind\s+you(?:\s+that)?\b", re.I
        ),
        WHY_LECTURE,
        "just a reminder that",
    ),
    (
        re.compile(r"\bwith\s+(?:all\s+)?(?:due\s+)?respect\b|\bno\s+offen[cs]e,?\s+but\b", re.I),
        "{p} signals that something disrespectful follows.",
        "",
    ),
    (
        re.compile(r"\byou\s+do\s+(?:reali[sz]e|understand|know|remember|see)(?:\s+that)?\b", re.I),
        "{p} talks down to the reader.",
        "just a reminder that",
    ),
    (
        re.compile(
            r"\b(?:do|did)\s+you\s+(?:even|actually|really)\s+(?:read|look\s+at|look|check"
            r"|open|understand|listen\s+to|listen|bother\s+to\s+\w+|see)\b",
            re.I,
        ),
        "{p} questions whether the reader made any effort.",
        "could you take another look at",
    ),
    (
        re.compile(
            r"\b(?:is\s+that|was\s+that|am\s+I\s+being)\s+(?:clear|understood)(?:\s+now)?\s*\?"
            r"|\b(?:do|did)\s+you\s+understand(?:\s+(?:now|me))?\s*\?",
            re.I,
        ),
        "{p} talks down to the reader.",
        "does that make sense?",
    ),
    (
        re.compile(
            r"\b(?:didn't\s+you|did\s+you\s+not|haven't\s+you|have\s+you\s+not)\s+(?:even\s+)?"
            r"(?:see|seen|get|got|read|receive|received|open|opened)\s+(?P<obj>(?:my|our)\s+"
            r"(?:last\s+|previous\s+|earlier\s+)?(?:email|e-mail|message|note|reminder"
            r"|update)s?)",
            re.I,
        ),
        "{p} implies the reader ignored you.",
        "",
    ),
    (
        re.compile(
            r"\b(?:it|this|that)(?:'s|\s+is|\s+was|\s+should\s+be|\s+seems)\s+(?:pretty\s+"
            r"|fairly\s+|quite\s+|really\s+|perfectly\s+|very\s+|rather\s+|painfully\s+"
            r"|abundantly\s+|glaringly\s+|so\s+)?(?:obvious|self-explanatory|common\s+sense"
            r"|elementary|basic\s+stuff)\b(?P<that>\s+that)?|\bbasic\s+stuff\b|\b(?:should|must)"
            r"\s+have\s+been\s+(?:obvious|clear|self-explanatory)\b",
            re.I,
        ),
        WHY_KNOWN,
        "this may not have been clear",
    ),
    (
        re.compile(
            r"\bI(?:\s+would\s+have|'d\s+have|'d|\s+would've)\s+thought\s+(?:it|this|that)\s+"
            r"(?:was|would\s+be|is)\s+(?:obvious|clear)\b",
            re.I,
        ),
        WHY_KNOWN,
        "this may not have been clear",
    ),
    (
        re.compile(
            r"\bI(?:'m|\s+am)\s+surprised\s+(?:that\s+)?you\s+(?:don't|didn't|haven't|hadn't"
            r"|can't|couldn't)\s+(?:know|reali[sz]e|see|notice|understand|remember)\b"
            r"|\bI\s+(?:would|'d)\s+(?:have\s+)?expect(?:ed)?\s+(?:you|your\s+team|someone"
            r"\s+in\s+your\s+(?:position|role))\s+to\s+(?:know|understand)(?:\s+better)?\b",
            re.I,
        ),
        WHY_KNOWN,
        "as you may know",
    ),
    (
        re.compile(
            r"\b(?:any|a)\s+(?:child|five-year-old|beginner|intern|first-year\s+student"
            r"|toddler)\s+(?:could|would|can|knows)\b|\beven\s+a\s+(?:child|beginner|intern"
            r"|toddler)\b|\bas\s+anyone\s+(?:can|could|would)\s+(?:see|tell)\b",
            re.I,
        ),
        "{p} belittles the reader.",
        "",
    ),
    (
        re.compile(
            r"\b(?:any|every)\s+(?:designer|professional|marketer|developer|printer|agency"
            r"|expert|copywriter|photographer|lawyer|one|body)\s+(?:would|could|will|can)\s+"
            r"(?:tell\s+you|know|see|agree)(?:\s+that)?\b",
            re.I,
        ),
        "{p} belittles the reader.",
        "in our experience,",
    ),
    (
        re.compile(r"\bpay(?:ing)?\s+(?:more\s+|closer\s+|proper\s+)?attention\s+to\b", re.I),
        WHY_LECTURE,
        "note",
    ),
    (
        re.compile(r"\b(?:please\s+)?try\s+(?:to\s+|and\s+)?keep\s+up\b", re.I),
        "{p} suggests the reader is falling behind.",
        "just a heads-up",
    ),
    (
        re.compile(
            r"\b(?:do\s+your\s+homework|use\s+your\s+(?:head|brain|common\s+sense|initiative)"
            r"|read\s+the\s+manual|rtfm)\b",
            re.I,
        ),
        WHY_LECTURE,
        "",
    ),
    (
        re.compile(r"^\s*(?:look|listen)\s*[,:.]\s*(?=\w)", re.I),
        "{p} at the start of a sentence sounds like a reprimand.",
        "",
    ),
    (
        re.compile(
            r"\bwe(?:'ve|\s+have)\s+been\s+(?:over|through)\s+(?:this|that)(?:\s+(?:before"
            r"|already|again))?\b",
            re.I,
        ),
        "{p} tells the reader they are making you repeat yourself.",
        "to recap",
    ),
    (
        re.compile(
            r"\b(?:we|I)\s+(?:did\s+)?(?:told|warned)\s+you\s+(?:so|(?:that\s+)?(?:this|it"
            r"|that)\s+would)\b",
            re.I,
        ),
        "{p} scores a point off the reader.",
        "as we expected",
    ),
    (
        re.compile(
            r"\b(?:nobody|no\s+one|no-one)\s+(?:was|is|were)\s+listening\b|\byou\s+(?:weren't"
            r"|aren't|were\s+not|are\s+not)\s+listening\b",
            re.I,
        ),
        "{p} belittles the reader.",
        "it may not have landed",
    ),
    (
        re.compile(r"\byou\s+people\b|\byour\s+lot\b", re.I),
        "{p} lumps the reader into a group, which belittles.",
        "your team",
    ),
    (
        re.compile(r"\bI\s+(?:don't|do\s+not)\s+have\s+time\s+for\s+this\b", re.I),
        "{p} dismisses the reader.",
        "",
    ),
    (re.compile(r"\bin\s+(?:plain|simple)\s+English\b", re.I), WHY_SLOW, ""),
    (
        re.compile(
            r"\b(?:let\s+me|let's|I'll|I\s+will)\s+(?:explain|spell|say|put|try|go\s+through"
            r"|go\s+over|walk\s+you\s+through)\s+(?:it|this|that)?\s*(?:out\s+)?(?:again\s+|once\s+more\s+)?,?\s*"
            r"(?:slowly|simply|very\s+simply|for\s+you|one\s+more\s+time|once\s+more|again"
            r"(?:,?\s+slowly)?|step\s+by\s+step)\b",
            re.I,
        ),
        WHY_SLOW,
        "let me put it another way",
    ),
    (
        re.compile(r"\byou\s+(?:need|have)\s+to\s+understand(?:\s+that)?\b", re.I),
        WHY_LECTURE,
        "it may help to know that",
    ),
    (
        re.compile(
            r"\bin\s+case\s+you\s+(?:forgot|didn't\s+know|hadn't\s+noticed|haven't\s+noticed"
            r"|weren't\s+aware|were\s+wondering|need\s+reminding)\b",
            re.I,
        ),
        "{p} needles the reader.",
        "as a reminder",
    ),
    (
        re.compile(
            r"\b(?:what|which)\s+part\s+of\s+.{1,60}?\s+(?:don't|do\s+not|didn't)\s+you\s+"
            r"(?:understand|get)\b[?!.]*",
            re.I,
        ),
        "{p} mocks the reader's understanding.",
        "",
    ),
    (
        re.compile(r"\b(?:can't|cannot|couldn't|why\s+can't|why\s+don't)\s+you\s+just\b", re.I),
        "{p} implies the reader is making it difficult.",
        "could you",
    ),
    (
        re.compile(
            r"\ball\s+you\s+(?:need\s+to|have\s+to|had\s+to|needed\s+to)\s+do\s+(?:is|was)"
            r"(?:\s+to)?\b",
            re.I,
        ),
        "{p} implies the task is trivial.",
        "the next step is to",
    ),
    (
        re.compile(
            r"\bit's\s+(?:really\s+|that\s+|as\s+)?simple\s*(?::|\.|as\s+that)"
            r"|\b(?:it|this|that)(?:'s|\s+is|\s+isn't|\s+is\s+not)\s+(?:really\s+)?(?:not\s+)?"
            r"that\s+(?:hard|difficult|complicated)\s*(?=[.!]|$)",
            re.I,
        ),
        "{p} implies the reader is making it difficult.",
        "",
    ),
    (
        re.compile(
            r"\b(?:it|this|that)\s+would(?:\s+only)?\s+have\s+taken\s+(?:you\s+)?(?:only\s+"
            r"|just\s+)?(?:a\s+few|a|one|two|five|ten|\d+)\s+(?:seconds?|minutes?|moments?)"
            r"(?:\s+to)?",
            re.I,
        ),
        "{p} implies the reader could not be bothered.",
        "it may help to",
    ),
    (
        re.compile(
            r"\bif\s+you(?:'d|\s+had)\s+(?:(?:actually|bothered\s+to|just|only|even)\s+)?"
            r"\w+(?:\s+\w+){0,3},?\s+you(?:'d|\s+would)\s+have\s+(?:seen|noticed|known|found"
            r"|understood|read)\b",
            re.I,
        ),
        "{p} tells the reader they didn't look.",
        "you'll find",
    ),
    (
        re.compile(
            r"\bif\s+you(?:'d|\s+had)\s+(?:(?:actually|bothered\s+to|just|only|even|properly)"
            r"\s+)?(?:read|checked|looked\s+at|opened|listened\s+to|paid\s+attention\s+to)\b",
            re.I,
        ),
        "{p} tells the reader they didn't look.",
        "as set out in",
    ),
    (
        re.compile(
            r"\b(?:makes?|made)\s+no\s+sense\b|\b(?:doesn't|does\s+not|didn't)\s+make\s+"
            r"(?:any\s+)?sense\b",
            re.I,
        ),
        "{p} dismisses the reader's thinking.",
        "isn't quite clear to me",
    ),
]


def condescension(s: Sentence) -> Iterator[Candidate]:
    text = s.text
    for m in _OBVIOUS.finditer(text):
        yield from _obviously(s, m)
    for m in _SIMPLY.finditer(text):
        if _SIMPLY_LEAD.search(text[: m.start()]) or not text[: m.start()].strip():
            yield s.candidate(
                m.start(),
                m.start() + len("simply"),
                "condescension",
                "{p} implies the task is trivial.",
                "",
            )
    for m in _AS_SAID.finditer(text):
        if _pointed(m):
            at_start = not text[: m.start()].strip(" ,")
            yield s.candidate(
                m.start(),
                m.end(),
                "condescension",
                WHY_LISTENED,
                "to recap" if at_start else "as mentioned",
            )
    for m in _I_TOLD_YOU.finditer(text):
        if m.group("already") or m.group("tail"):
            yield _recap(s, m)
    for m in _SURELY.finditer(text):
        verb = m.group("v").lower()
        if verb in {"know", "understand", "realise", "realize", "remember", "are aware"}:
            softer = "as you may know," if m.group("that") else f"I'm sure you {verb}"
        else:
            softer = f"I hope you {verb}"
        yield s.candidate(
            m.start(), m.end(), "condescension", "{p} talks down to the reader.", softer
        )
    yield from _judged(s)
    yield from _recaps(s)


def _recaps(s: Sentence) -> Iterator[Candidate]:
    """ "Again, …", and the phrases of the table."""
    text = s.text
    if re.match(r"\s*again\s*,", text, re.I) and s.compound() <= 0.1:
        end = re.match(r"\s*again\s*,\s*", text, re.I).end()  # type: ignore[union-attr]
        yield s.candidate(text.index(text.strip()[0]), end, "condescension", WHY_LISTENED, "")
    for pattern, why, rewrite in _PHRASES:
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
    for m in _JUDGED.finditer(s.text):
        clause = re.split(r"[,;:.!?\u2014]", s.text[: m.start()])[-1]
        if re.match(r"\s*(?:our|my|we|I)\b", clause, re.I):
            continue
        if m.group("yours") and not re.search(r"\byou|\byour", clause, re.I):
            continue
        yield s.candidate(
            m.start("adj"),
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
    if text in {"to recap", "to confirm"} and not s.text[m.end() :].strip(" .!?"):
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
        what = m.group("what").strip()
        return f"here's a quick recap of {what}" if what else "here's a quick recap"
    if "obj" in groups:
        return f"did {m.group('obj')} come through"
    if "that" in groups and m.group("that"):
        return "it's worth noting that"
    if rewrite == "as set out in":
        after, _ = next_words(s, m.end())
        if not after or after[0] not in {"the", "my", "our", "your", "this", "that"}:
            return "it may help to know"
    return rewrite
