"""The fixed phrases that talk down to the reader, for the condescension rule: "per my last
email", "it's not rocket science", "let me be clear", "with all due respect", "do you even
read…", "how hard can it be to…", "any designer would tell you…". Pure data: each entry is
(keys, pattern, why, rewrite), and a pattern runs only on a sentence holding one of its keys."""

import re

from accord.insights.tone_rules import Rewrite, rx, table

WHY_KNOWN = "{p} tells the reader they should have known."
WHY_LISTENED = "{p} tells the reader they should have listened the first time."
WHY_SLOW = "{p} suggests the reader is slow to understand."
WHY_LECTURE = "{p} lectures the reader."

PHRASES: list[tuple[tuple[str, ...], re.Pattern[str], str, Rewrite]] = table(
    [
        (
            ("simple", "basic", "easy"),
            rx(
                r"\b(?:I'll|I\s+will|let\s+me|I'm\s+going\s+to)\s+(?:keep|make)\s+(?:this|it)\s+"
                r"(?:really\s+|very\s+)?(?:simple|short\s+and\s+simple|easy|basic)\b"
            ),
            WHY_SLOW,
            "here's a short summary",
        ),
        (
            ("new", "unfamiliar", "confusing", "lot"),
            rx(
                r"\b(?:I\s+(?:appreciate|realise|realize|know|understand|get)\s+(?:that\s+)?)?(?:this|it)"
                r"\s+(?:may|might|must|is\s+probably|could)\s+be\s+(?:all\s+)?(?:new|unfamiliar"
                r"|confusing|a\s+lot)\s+(?:to|for)\s+you\b,?(?:\s+but)?"
            ),
            WHY_SLOW,
            "",
        ),
        (
            ("enough for you", "clear now", "clearer now"),
            rx(
                r"\b(?:hopefully\s+)?(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+(?:clear|simple"
                r"|easy|plain)(?:er)?\s+enough\s+for\s+you(?:\s+now)?\b|\bhopefully\s+(?:that's|that"
                r"\s+is|this\s+is)\s+(?:clear|clearer)\s+now\b"
            ),
            WHY_SLOW,
            "I hope that helps",
        ),
        (
            ("part of",),
            rx(
                r"\b(?:I'm\s+not\s+sure\s+|I\s+don't\s+know\s+)?(?:which|what)\s+part\s+of\s+(?:this"
                r"|that|it)\s+(?:is|was|you\s+find)\s+(?:unclear|confusing|difficult|hard)\b"
            ),
            WHY_SLOW,
            "let me know if anything is unclear",
        ),
        (
            ("believe it or not", "know what"),
            rx(
                r"\bbelieve\s+it\s+or\s+not,?|\b(?:we|I)\s+do\s+know\s+what\s+(?:we're|we\s+are"
                r"|I'm|I\s+am)\s+doing\b"
            ),
            "{p} talks down to the reader.",
            "",
        ),
        (
            ("happens",),
            rx(r"\b(?:that's|that\s+is|this\s+is)\s+what\s+happens\s+when\s+(?:you|your\s+team)\b"),
            "{p} scores a point off the reader.",
            "this can happen when we",
        ),
        (("point out",), rx(r"\bI\s+must\s+point\s+out(?:\s+that)?\b"), WHY_LECTURE, ""),
        (
            ("long",),
            rx(
                r"\bhow\s+long\s+(?:does|can|could|should|will)\s+it\s+(?:possibly\s+|really\s+)?take"
                r"\s+to\b"
            ),
            "{p} implies the reader is slow.",
            "when do you think you'll be able to",
        ),
        (
            ("difficult", "hard", "complicated"),
            rx(
                r"\b(?:I\s+don't\s+(?:understand|get|see)\s+why\s+)?(?:this|it|that)\s+is\s+so"
                r"\s+(?:difficult|hard|complicated)\s+for\s+you\b"
            ),
            WHY_SLOW,
            "let's find a way to make this easier",
        ),
        (
            ("maybe", "perhaps"),
            rx(
                r"^\s*(?:maybe|perhaps)\s+(?=(?:read|check|try|look\s+at|open|have\s+a\s+look|listen)\b)"
            ),
            "{p} talks down to the reader.",
            "could you ",
        ),
        (
            ("actually",),
            rx(
                r"\b(?:to|please|maybe|perhaps|try)\s+(?P<span>actually)\s+(?=read|look|check|open"
                r"|listen)"
            ),
            "{p} implies the reader has not tried.",
            "",
        ),
        (
            ("next time", "future", "going forward"),
            rx(
                r"^\s*(?:next\s+time|in\s+future|in\s+the\s+future|going\s+forward),?\s+(?=(?:please"
                r"\s+)?(?:check|make\s+sure|read|send|try|remember|ensure|double-check|ask|let|tell"
                r"|give|think|look)\b)"
            ),
            "{p} lectures the reader about their last attempt.",
            "",
        ),
        (
            ("again",),
            rx(
                r"\bI(?:'m|\s+am)\s+not\s+going\s+to\s+(?:explain|repeat|go\s+(?:over|through)|say"
                r"|tell\s+you)\s+(?P<what>[^.?!]*?)\s*\bagain\b"
            ),
            WHY_LISTENED,
            "",
        ),
        (
            ("ask",),
            rx(
                r"\b(?:surely\s+)?(?:it's|it\s+is|is\s+it)\s+(?:not\s+)?too\s+much\s+to\s+ask"
                r"(?:\s+for)?\b"
            ),
            "{p} talks down to the reader.",
            "could we please have",
        ),
        (
            ("surely",),
            rx(r"^\s*surely\s*,?\s+(?=(?:it|this|that|the|you|your)\b)"),
            "{p} talks down to the reader.",
            "",
        ),
        (
            ("hard", "difficult", "complicated"),
            rx(
                r"\bhow\s+(?:hard|difficult|complicated)\s+(?:can|could|is)\s+it\s+(?:be\s+)?"
                r"(?:to\b)?"
            ),
            "{p} implies the task is trivial.",
            "could you",
        ),
        (
            ("better",),
            rx(r"\bI\s+(?:expected|expect|would\s+expect|'d\s+expect|had\s+expected)\s+better\b"),
            "{p} tells the reader they disappoint you.",
            "I'd hoped for something different",
        ),
        (
            ("works",),
            rx(
                r"\b(?:that's|that\s+is|this\s+is|this\s+isn't|that\s+isn't)\s+not\s+how\s+"
                r"(?:any\s+of\s+)?(?:this|it|things|print(?:ing)?|design|branding|the\s+\w+)\s+"
                r"works\b|\bthat's\s+not\s+how\s+(?:any\s+of\s+)?(?:this|it)\s+works\b"
            ),
            "{p} talks down to the reader.",
            "this works a little differently",
        ),
        (
            ("seriously", "really", "honestly", "possibly"),
            rx(
                r"\b(?:you|surely\s+you)\s+(?:can't|cannot|don't|do\s+not)\s+(?:seriously|really"
                r"|honestly|possibly)\s+(?:expect|think|believe|want)\s+(?:us|me)?\s*(?:to\b)?"
            ),
            "{p} talks down to the reader.",
            "I'm not sure we can",
        ),
        (
            (
                "stated",
                "explained",
                "advised",
                "instructed",
                "requested",
                "communicated",
                "pointed",
                "indicated",
                "outlined",
                "set",
                "written",
                "specified",
            ),
            rx(
                r"\bas\s+(?:previously|already|clearly|repeatedly)\s+(?:stated|explained"
                r"|advised|instructed|requested|communicated|pointed\s+out|indicated|outlined"
                r"|set\s+out|written)\b|\bas\s+(?:stated|explained|outlined|indicated|set\s+out"
                r"|specified)\s+in\s+my\s+(?:last|previous|earlier)\s+(?:email|message|note)\b"
            ),
            "{p} implies the reader did not pay attention.",
            "as mentioned",
        ),
        (
            ("per my",),
            rx(
                r"\b(?:as\s+)?per\s+my\s+(?:last|previous|earlier|prior|below|first)\s+"
                r"(?:email|e-mail|message|note|mail|reply)\b"
            ),
            "{p} is widely read as “you didn't read my email”.",
            "following up on my last email",
        ),
        (
            ("as you",),
            rx(
                r"\bas\s+you\s+(?:should|ought\s+to|must|would)\s+(?:know|be\s+aware|remember"
                r"|have\s+seen|have\s+read)(?:\s+by\s+now)?\b"
            ),
            WHY_KNOWN,
            "as you may know",
        ),
        (
            ("should", "ought"),
            rx(
                r"\b(?:you|your\s+team)\s+(?:should|ought\s+to)\s+(?:know|understand|reali[sz]e"
                r"|remember)\s+(?:better|this|that|by\s+now)\b|\byou\s+should\s+know\b"
            ),
            WHY_KNOWN,
            "as you may know",
        ),
        (
            ("rocket", "brain surgery"),
            rx(
                r"\b(?:it's|it\s+is|this\s+is|it\s+isn't|this\s+isn't|it\s+is\s+not)?\s*"
                r"(?:really\s+|exactly\s+)?(?:not\s+)?(?:exactly\s+)?(?:rocket\s+science"
                r"|brain\s+surgery)\b"
            ),
            WHY_SLOW,
            "it's quick to do",
        ),
        (
            ("else",),
            rx(
                r"\bI(?:'m|\s+am)\s+not\s+sure\s+how\s+else\s+to\s+(?:explain|put|say)"
                r"(?:\s+(?:this|it|that))?|\bI\s+don't\s+know\s+how\s+else\s+to\s+(?:explain"
                r"|put|say)(?:\s+(?:this|it|that))?"
            ),
            WHY_SLOW,
            "to put it another way",
        ),
        (
            ("many",),
            rx(
                r"\b(?:I\s+don't\s+know\s+)?how\s+many\s+(?:more\s+)?times\s+(?:do\s+|must\s+"
                r"|will\s+|have\s+|shall\s+)?(?:I|we)\s+(?:have\s+to\s+|need\s+to\s+|got\s+to\s+)?"
                r"(?P<many>say|tell|ask|explain|remind|repeat|mention)(?:\s+you)?(?:\s+(?:this"
                r"|it|that))?\b[.!?]?"
            ),
            "{p} reads as exasperation with the reader.",
            "to recap",
        ),
        (
            ("spell",),
            rx(
                r"\b(?:do|should|must|will)\s+I\s+(?:need|have)\s+to\s+spell\s+(?:it|this|that)\s+out"
                r"(?:\s+for\s+you)?\s*\??"
            ),
            WHY_SLOW,
            "let me put it another way.",
        ),
        (
            ("thought",),
            rx(
                r"\bI\s+thought\s+(?:we|I)(?:'d|\s+had)\s+(?:been|made\s+(?:it|this|that))\s+"
                r"(?:very\s+|perfectly\s+|quite\s+)?clear(?:\s+about)?"
            ),
            WHY_LISTENED,
            "I may not have been clear about",
        ),
        (
            ("complicated", "hard", "difficult"),
            rx(
                r"\b(?:it's|it\s+is|this\s+is|that's|it\s+isn't|this\s+isn't)\s+(?:really\s+|honestly\s+"
                r"|genuinely\s+|just\s+)?not\s+(?:that\s+|very\s+|at\s+all\s+)?(?:complicated|hard"
                r"|difficult)(?=\s*[:.!]|\s*$)"
            ),
            "{p} implies the reader is making it difficult.",
            "",
        ),
        (
            ("101",),
            re.compile(r"(?i)\b(?:[a-z]+\s+)?101\b"),
            "{p} suggests the reader has missed the basics.",
            "a key point",
        ),
        (
            ("waste",),
            rx(r"\b(?:don't|do\s+not|stop)\s+wast(?:e|ing)\s+(?:our|my)\s+time(?:\s+(?:with|on))?"),
            "{p} tells the reader they are a nuisance.",
            "could we avoid",
        ),
        (
            ("better",),
            rx(
                r"\b(?:we|I)(?:'ve|\s+have)?\s+(?:got\s+)?better\s+things\s+to\s+do\s+than(?:\s+to)?"
            ),
            "{p} tells the reader they are a nuisance.",
            "it would help us not to have to",
        ),
        (
            ("just", "only", "simply", "actually"),
            rx(
                r"\bif\s+you\s+(?:just|only|simply|actually)\s+(?=(?:read|looked|look|checked|check"
                r"|followed|follow|opened|open|listened|listen)\b)"
            ),
            "{p} implies the reader has not tried.",
            "if you ",
        ),
        (
            ("actually", "even", "really"),
            rx(
                r"\b(?:did|does|has)\s+(?:anyone|anybody|someone|no\s+one)\s+(?:on|from|in|at)\s+your\s+"
                r"(?:side|team|end)\s+(?:even|actually|really)\s+(?:check|read|look\s+at|look|open|test"
                r"|review)\b"
            ),
            "{p} questions whether the reader's side made any effort.",
            "could someone on your side take another look at",
        ),
        (
            ("talking", "wall"),
            rx(
                r"\b(?:it's|it\s+is|this\s+is|it\s+feels)\s+like\s+talking\s+to\s+a\s+(?:brick\s+)?wall\b"
            ),
            "{p} belittles the reader.",
            "I don't think we're quite on the same page yet",
        ),
        (
            ("come back", "come running", "come crying"),
            rx(r",?\s*(?:but\s+)?don't\s+come\s+(?:back|running|crying)\s+to\s+(?:us|me)\b[^.!?]*"),
            "{p} talks down to the reader.",
            "",
        ),
        (
            ("way",),
            rx(r"^\s*(?:fine[.,!]?\s+)?have\s+it\s+your\s+way\b[.!]?"),
            "{p} dismisses the reader.",
            "we'll go with your choice",
        ),
        (
            ("shouldn't", "should"),
            rx(
                r"\bI\s+(?:shouldn't|should\s+not)\s+(?:have|need)\s+to\s+(?:remind|tell|ask"
                r"|explain|say|repeat|point\s+out|mention)(?:\s+(?:you|this|it))*(?:\s+that)?\b"
            ),
            "{p} reads as exasperation with the reader.",
            "just a reminder that",
        ),
        (
            ("clear",),
            rx(
                r"\b(?:let\s+me|I\s+want\s+to|I'd\s+like\s+to|just\s+to|to)\s+be\s+(?:very\s+"
                r"|perfectly\s+|absolutely\s+|crystal\s+|completely\s+|100%\s+)?clear\b"
            ),
            "{p} sounds like a reprimand.",
            "to confirm",
        ),
        (
            ("reiterate", "repeat", "again", "at the back"),
            rx(
                r"\b(?:to\s+reiterate|I\s+repeat|let\s+me\s+repeat|I'll\s+say\s+it\s+again"
                r"|once\s+more\s+for\s+the\s+(?:people|folks)\s+at\s+the\s+back|for\s+the"
                r"\s+(?:people|folks)\s+at\s+the\s+back)\b"
            ),
            WHY_LISTENED,
            "to recap",
        ),
        (("once more",), rx(r"^\s*once\s+more\s*,"), WHY_LISTENED, ""),
        (
            ("remind you",),
            rx(r"\b(?:let\s+me|may\s+I|I'd|I\s+would|can\s+I)\s+remind\s+you(?:\s+that)?\b"),
            WHY_LECTURE,
            "just a reminder that",
        ),
        (
            ("respect", "offen"),
            rx(r"\bwith\s+(?:all\s+)?(?:due\s+)?respect\b|\bno\s+offen[cs]e,?\s+but\b"),
            "{p} signals that something disrespectful follows.",
            "",
        ),
        (
            ("realise", "realize", "understand", "remember", "know", "see"),
            rx(r"\byou\s+do\s+(?:reali[sz]e|understand|know|remember|see)(?:\s+that)?\b"),
            "{p} talks down to the reader.",
            "just a reminder that",
        ),
        (
            ("even", "actually", "really"),
            rx(
                r"\b(?:do|did)\s+you\s+(?:even|actually|really)\s+(?:read|look\s+at|look|check"
                r"|open|understand|listen\s+to|listen|bother\s+to\s+\w+|see)\b"
            ),
            "{p} questions whether the reader made any effort.",
            "could you take another look at",
        ),
        (
            ("clear", "understood", "understand"),
            rx(
                r"\b(?:is\s+that|was\s+that|am\s+I\s+being)\s+(?:clear|understood)(?:\s+now)?\s*\?"
                r"|\b(?:do|did)\s+you\s+understand(?:\s+(?:now|me))?\s*\?"
            ),
            "{p} talks down to the reader.",
            "does that make sense?",
        ),
        (
            ("email", "e-mail", "message", "note", "reminder", "update"),
            rx(
                r"\b(?:didn't\s+you|did\s+you\s+not|haven't\s+you|have\s+you\s+not)\s+(?:even\s+)?"
                r"(?:see|seen|get|got|read|receive|received|open|opened)\s+(?P<obj>(?:my|our)\s+"
                r"(?:last\s+|previous\s+|earlier\s+)?(?:email|e-mail|message|note|reminder"
                r"|update)s?)"
            ),
            "{p} implies the reader ignored you.",
            "",
        ),
        (
            ("obvious", "self-explanatory", "common sense", "elementary", "basic stuff", "clear"),
            rx(
                r"\b(?:it|this|that)(?:'s|\s+is|\s+was|\s+should\s+be|\s+seems)\s+(?:pretty\s+"
                r"|fairly\s+|quite\s+|really\s+|perfectly\s+|very\s+|rather\s+|painfully\s+"
                r"|abundantly\s+|glaringly\s+|so\s+)?(?:obvious|self-explanatory|common\s+sense"
                r"|elementary|basic\s+stuff)\b(?P<that>\s+that)?|\bbasic\s+stuff\b"
            ),
            WHY_KNOWN,
            "this may not have been clear",
        ),
        (
            ("obvious", "clear", "self-explanatory"),
            rx(r"\b(?:should|must)\s+have\s+been\s+(?:obvious|clear|self-explanatory)\b"),
            WHY_KNOWN,
            "may not have been clear",
        ),
        (
            ("thought",),
            rx(
                r"\bI(?:\s+would\s+have|'d\s+have|'d|\s+would've)\s+thought\s+(?:it|this|that)\s+"
                r"(?:was|would\s+be|is)\s+(?:obvious|clear)\b"
            ),
            WHY_KNOWN,
            "this may not have been clear",
        ),
        (
            ("surprised", "expect"),
            rx(
                r"\bI(?:'m|\s+am)\s+surprised\s+(?:that\s+)?you\s+(?:don't|didn't|haven't|hadn't"
                r"|can't|couldn't)\s+(?:know|reali[sz]e|see|notice|understand|remember)\b"
                r"|\bI\s+(?:would|'d)\s+(?:have\s+)?expect(?:ed)?\s+(?:you|your\s+team|someone"
                r"\s+in\s+your\s+(?:position|role))\s+to\s+(?:know|understand)(?:\s+better)?\b"
            ),
            WHY_KNOWN,
            "as you may know",
        ),
        (
            ("child", "five-year-old", "beginner", "intern", "first-year", "toddler", "anyone"),
            rx(
                r"\b(?:any|a)\s+(?:child|five-year-old|beginner|intern|first-year\s+student"
                r"|toddler)\s+(?:could|would|can|knows)\b|\beven\s+a\s+(?:child|beginner|intern"
                r"|toddler)\b|\bas\s+anyone\s+(?:in\s+[\w-]+\s+)?(?:can\s+see|could\s+see|would\s+tell\s+you|knows"
                r"|can\s+tell\s+you)\b"
            ),
            "{p} belittles the reader.",
            "",
        ),
        (
            ("any ", "every"),
            rx(
                r"\b(?:any|every)\s+(?:designer|professional|marketer|developer|printer|agency"
                r"|expert|copywriter|photographer|lawyer|one|body)\s+(?:would|could|will|can)\s+"
                r"(?:tell\s+you|know|see|agree)(?:\s+that)?\b"
            ),
            "{p} belittles the reader.",
            "in our experience,",
        ),
        (
            ("attention",),
            rx(r"\bpay(?:ing)?\s+(?:more\s+|closer\s+|proper\s+)?attention\s+to\b"),
            WHY_LECTURE,
            "note",
        ),
        (
            ("keep up",),
            rx(r"\b(?:please\s+)?try\s+(?:to\s+|and\s+)?keep\s+up\b"),
            "{p} suggests the reader is falling behind.",
            "just a heads-up",
        ),
        (
            ("homework", "use your", "manual", "rtfm"),
            rx(
                r"\b(?:do\s+your\s+homework|use\s+your\s+(?:head|brain|common\s+sense|initiative)"
                r"|read\s+the\s+manual|rtfm)\b"
            ),
            WHY_LECTURE,
            "it would help to read up",
        ),
        (
            ("look", "listen"),
            rx(r"^\s*(?:look|listen)\s*[,:.]\s*(?=\w)"),
            "{p} at the start of a sentence sounds like a reprimand.",
            "",
        ),
        (
            ("been over", "been through"),
            rx(
                r"\bwe(?:'ve|\s+have)\s+been\s+(?:over|through)\s+(?:this|that)(?:\s+(?:before"
                r"|already|again))?\b"
            ),
            "{p} tells the reader they are making you repeat yourself.",
            "to recap",
        ),
        (
            ("told you", "warned you"),
            rx(
                r"\b(?:we|I)\s+(?:did\s+)?(?:told|warned)\s+you\s+(?:so|(?:that\s+)?(?:this|it"
                r"|that)\s+would(?:\s+(?:happen|go\s+wrong|be\s+a\s+problem))?)\b"
            ),
            "{p} scores a point off the reader.",
            "this is what we were worried about",
        ),
        (
            ("listening",),
            rx(
                r"\b(?:nobody|no\s+one|no-one)\s+(?:was|is|were)\s+listening\b|\byou\s+(?:weren't"
                r"|aren't|were\s+not|are\s+not)\s+listening\b"
            ),
            "{p} belittles the reader.",
            "it may not have landed",
        ),
        (
            ("people", "lot"),
            rx(r"\byou\s+people\b|\byour\s+lot\b"),
            "{p} lumps the reader into a group, which belittles.",
            "your team",
        ),
        (
            ("time for this",),
            rx(r"\bI\s+(?:don't|do\s+not)\s+have\s+time\s+for\s+this\b"),
            "{p} dismisses the reader.",
            "",
        ),
        (("english",), rx(r"\bin\s+(?:plain|simple)\s+English\b"), WHY_SLOW, ""),
        (
            ("slowly", "simply", "again", "once", "step", "one", "out"),
            rx(
                r"\b(?:let\s+me|let's|I'll|I\s+will)\s+(?:explain|spell|say|put|try|go\s+through"
                r"|go\s+over|walk\s+you\s+through)\s+(?:it|this|that)?\s*(?:out\s+)?(?:again\s+|once\s+more\s+)?,?\s*"
                r"(?:slowly|simply|very\s+simply|for\s+you|one\s+more\s+time|once\s+more|again"
                r"(?:,?\s+slowly)?|step\s+by\s+step)\b"
            ),
            WHY_SLOW,
            "let me put it another way",
        ),
        (
            ("understand",),
            rx(r"\byou\s+(?:need|have)\s+to\s+understand(?:\s+that)?\b"),
            WHY_LECTURE,
            "it may help to know that",
        ),
        (
            ("case",),
            rx(
                r"\bin\s+case\s+you\s+(?:forgot|didn't\s+know|hadn't\s+noticed|haven't\s+noticed"
                r"|weren't\s+aware|were\s+wondering|need\s+reminding)\b"
            ),
            "{p} needles the reader.",
            "as a reminder",
        ),
        (
            ("part of",),
            rx(
                r"\b(?:what|which)\s+part\s+of\s+.{1,60}?\s+(?:don't|do\s+not|didn't)\s+you\s+"
                r"(?:understand|get)\b[?!.]*"
            ),
            "{p} mocks the reader's understanding.",
            "",
        ),
        (
            ("just",),
            rx(r"\b(?:can't|cannot|couldn't|why\s+can't|why\s+don't)\s+you\s+just\b"),
            "{p} implies the reader is making it difficult.",
            "could you",
        ),
        (
            ("all you",),
            rx(
                r"\ball\s+you\s+(?:need\s+to|have\s+to|had\s+to|needed\s+to)\s+do\s+(?:is|was)"
                r"(?:\s+to)?\b"
            ),
            "{p} implies the task is trivial.",
            "the next step is to",
        ),
        (
            ("simple", "hard", "difficult", "complicated"),
            rx(
                r"\bit's\s+(?:really\s+|that\s+|as\s+)?simple\s*(?::|\.|as\s+that)"
                r"|\b(?:it|this|that)(?:'s|\s+is|\s+isn't|\s+is\s+not)\s+(?:really\s+)?(?:not\s+)?"
                r"that\s+(?:hard|difficult|complicated)\s*(?=[.!]|$)"
            ),
            "{p} implies the reader is making it difficult.",
            "",
        ),
        (
            ("taken",),
            rx(
                r"\b(?:it|this|that)\s+would(?:\s+only)?\s+have\s+taken\s+(?:you\s+)?(?:only\s+"
                r"|just\s+)?(?:a\s+few|a|one|two|five|ten|\d+)\s+(?:seconds?|minutes?|moments?)"
                r"(?:\s+to)?"
            ),
            "{p} implies the reader could not be bothered.",
            "it may help to",
        ),
        (
            ("seen", "noticed", "known", "found", "understood"),
            rx(
                r"\bif\s+you(?:'d|\s+had)\s+(?:(?:actually|bothered\s+to|just|only|even)\s+)?"
                r"\w+(?:\s+\w+){0,3},?\s+you(?:'d|\s+would)\s+have\s+(?:seen|noticed|known|found"
                r"|understood|read)\b"
            ),
            "{p} tells the reader they didn't look.",
            "you'll find",
        ),
        (
            ("read", "checked", "looked", "opened", "listened", "attention"),
            rx(
                r"\bif\s+you(?:'d|\s+had)\s+(?:(?:actually|bothered\s+to|just|only|even|properly)"
                r"\s+)?(?:read|checked|looked\s+at|opened|listened\s+to|paid\s+attention\s+to)\b"
            ),
            "{p} tells the reader they didn't look.",
            "as set out in",
        ),
        (
            ("sense",),
            rx(
                r"\b(?:makes?|made)\s+no\s+sense\b|\b(?:doesn't|does\s+not|didn't)\s+make\s+"
                r"(?:any\s+)?sense\b"
            ),
            "{p} dismisses the reader's thinking.",
            "isn't quite clear to me",
        ),
    ]
)
