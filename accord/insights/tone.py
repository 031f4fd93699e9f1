"""The tone check: phrasing in what an account manager writes to a client that the client would
likely find offensive or belittling, each with a gentler rewrite. Pure Python, no Django.

What it flags (the kinds): blame ("you failed to send…"), condescension ("obviously", "as I
already told you", "simply click…"), absolutes aimed at the reader ("you never reply"), shouting
(words in capitals, "!!", "?!"), curt commands ("Send it now."), sarcasm ("thanks for nothing",
scare quotes), and promises the job's context does not support ("by tomorrow" when the work is
due later, "no problem" or "free of charge" when the revision rounds are used up).

How it decides: grammatical rules over sentences, not a list of sentences. A finding needs its
target — the reader as the subject of a fault, an instruction to the reader, a raised voice in a
sentence that is not warm — and gives way to what makes the same words harmless: first-person
ownership ("we missed the deadline"), conditionals and hedges ("if you missed it"), politeness
("please", "when you can"), warmth (VADER's polarity: "Congratulations on the launch!!"), names
of things in capitals (PDF, CMYK, IKEA). Firm news put plainly is not flagged: "This isn't
possible." is blunt but offends no one; it is the framing around a "no" that does.

Then each sentence is scored (tone_sentence.py): explainable features — the reader beside a
negative word, negation aimed at the reader, a rhetorical question, an imperative opening with
no softener, intensifiers, capitals, "!!", exasperation, irony — and what softens them (an
apology, the agency owning it, a hedge, "please"), weighed by a logistic model fitted on the
labelled sets (train_tone.py, weights committed in tone_weights.py, the learned wording in
data/tone_lexicon.json; no download, deterministic). A rule's finding is a feature too. A
sentence over the threshold — and explained by something with a kind or by words whose learned
weight says harsh on their own — keeps the rules' findings in it, or, when no rule found
anything, becomes a finding of its own with a softened rewrite (tone_rewrite.py); a sentence
under it loses the rules' findings (warm, owning or polite after all). A promise the context
does not support is kept either way: the score knows nothing of dates and terms.

What it reads: markup is masked first (HTML tags, Markdown syntax, code, URLs, email addresses)
and so are quoted lines ("> …") and long quoted passages: the client's own words quoted back
are not the account manager's tone. Masking keeps every character's offset, so a finding's span
is in the original text. English only: a message in another language gets no findings and a
notice saying so. At most MAX_CHARS characters are checked; the rest is left as it is.

The score is the sentences' valence in VADER's lexicon (negation-flipped and normalised as VADER
does, weighted by length) pulled down by the findings: −1 harsh … +1 warm. VADER's full analyser
is run only on the sentences a rule needs the warmth of (is "!!" praise or a complaint?).

Promises relative to today need `context.today` (the day the message is written): without it
they are not judged, so the check stays deterministic. "Long quoted passages" are three words
or more in double quotes; one or two words in quotes after "your"/"the" are scare quotes.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from accord.insights import (
    tone_absolute,
    tone_blame,
    tone_condescension,
    tone_grams,
    tone_promises,
    tone_rewrite,
    tone_sentence,
    tone_voice,
)
from accord.insights.tone_rules import Candidate, Sentence, valence
from accord.insights.tone_words import ENGLISH, OTHER_LANGUAGES

MAX_CHARS = 10_000
KINDS: dict[str, str] = {
    "blame": "Blame",
    "condescension": "Condescension",
    "absolute": "Absolute",
    "shouting": "Shouting",
    "command": "Curt command",
    "sarcasm": "Sarcasm",
    "promise": "Unsupported promise",
}
NOTICE_EMPTY = "Nothing to check yet."
NOTICE_NOT_ENGLISH = "The tone check covers English only."


@dataclass(frozen=True)
class ToneContext:
    today: date | None = None  # the day the message is written
    due_on: date | None = None  # when the work it is about is due; None = unknown
    rounds_included: int | None = None  # revision rounds the client's terms include
    rounds_used: int | None = None  # rounds already used on this deliverable
    recipient_name: str = ""  # the client contact's first name


@dataclass(frozen=True)
class Finding:
    start: int  # span in the original text: text[start:end] is the phrase
    end: int
    kind: str  # one of KINDS
    why: str  # one plain sentence for the account manager
    rewrite: str  # replacement for text[start:end] ("" = delete)
    key: str  # f"{kind}:{normalised phrase}", stable for dismissal


@dataclass(frozen=True)
class ToneReport:
    flagged: bool
    score: float  # −1 harsh … +1 warm, 2 decimals
    findings: tuple[Finding, ...]  # ordered by start
    rewrite: str  # the whole text with every finding's rewrite applied (== text when none)
    checked_chars: int
    truncated: bool
    english: bool
    notice: str


def assess(
    text: str, context: ToneContext | None = None, *, dismissed: frozenset[str] = frozenset()
) -> ToneReport:
    """The findings in `text` (its first MAX_CHARS characters), its score and a gentler rewrite;
    findings whose key is in `dismissed` are left out and do not count."""
    text = text or ""
    truncated = len(text) > MAX_CHARS
    body = text[:MAX_CHARS]
    notice = f"Only the first {MAX_CHARS:,} characters were checked." if truncated else ""
    if not body.strip():
        return ToneReport(False, 0.0, (), text, 0, truncated, True, NOTICE_EMPTY)
    masked = mask(body)
    if not is_english(masked):
        return ToneReport(False, 0.0, (), text, len(body), truncated, False, NOTICE_NOT_ENGLISH)
    sentences = split_sentences(body, masked)
    candidates = [c for s in sentences for c in _judged(s, context)]
    findings = tuple(f for f in resolve(candidates, body, masked) if f.key not in dismissed)
    rewrite = apply_rewrites(body, masked, findings) + text[MAX_CHARS:]
    return ToneReport(
        flagged=bool(findings),
        score=score(sentences, findings),
        findings=findings,
        rewrite=rewrite,
        checked_chars=len(body),
        truncated=truncated,
        english=True,
        notice=notice,
    )


def _judged(s: Sentence, context: ToneContext | None) -> list[Candidate]:
    """A sentence's findings: the rules' candidates when the sentence scores as harsh (a rule's
    finding adds to the score), a finding for the whole sentence when it scores as harsh without
    one, none when it scores below the threshold (the rules' words in a sentence that is warm,
    owns a mistake or asks politely). A promise the context does not support is kept: the score
    knows nothing of dates and terms; so is an insult ("stupid", "incompetent") not owned."""
    if _GREETING.fullmatch(s.cased):
        return []  # "Hi Sarah,", "Best wishes,", "Tom": a greeting, a sign-off or a name
    found = list(_candidates(s, context))
    scored = tone_sentence.score(s, {c.kind for c in found})
    if not tone_sentence.harsh(scored) and not tone_sentence.insulting(scored.features):
        return [c for c in found if c.kind == "promise"]
    return found or [tone_rewrite.candidate(s, scored)]


def _candidates(s: Sentence, context: ToneContext | None) -> Iterator[Candidate]:
    for rule in RULES:
        yield from rule(s)
    yield from tone_promises.promises(s, context)


def sentence_features(
    text: str, context: ToneContext | None = None
) -> list[tuple[dict[str, float], bool, set[str]]]:
    """Each sentence the check scores in `text` (none when it is not English): its features but
    the learned wording, whether a finding kept whatever the score is in it (a promise the
    context does not support, an insult) and the words the wording weighs — what train_tone.py
    fits the weights on, read exactly as assess() reads them."""
    body = (text or "")[:MAX_CHARS]
    masked = mask(body)
    if not body.strip() or not is_english(masked):
        return []
    out = []
    for s in split_sentences(body, masked):
        if not _GREETING.fullmatch(s.cased):
            kinds = {c.kind for c in _candidates(s, context)}
            found = tone_sentence.features(s, kinds, wording=False)[0]
            kept = "promise" in kinds or tone_sentence.insulting(found)
            out.append((found, kept, tone_grams.grams(s.tokens)))
    return out


_GREETING = re.compile(r"(?:[\w'-]+\s+){0,2}[\w'-]+\s*,|[\w'-]+")
RULES: tuple[Callable[[Sentence], Iterable[Candidate]], ...] = (
    tone_blame.blame,
    tone_condescension.condescension,
    tone_absolute.absolute,
    tone_voice.shouting,
    tone_voice.command,
    tone_voice.sarcasm,
)


# --- Masking: markup and quoted words become spaces of the same length ----------------------

_BLOCK_TAG = re.compile(r"<(?:/?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote)\b)[^>]*>", re.I)
# What to blank, each with the characters it needs (a pattern runs only on a text holding one).
# Patterns for a line's start match its newline: the text is masked with one put in front.
_MASKS: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    (("```", "~~~"), re.compile(r"\n[ \t]*(```|~~~).*?(?:\n[ \t]*\1[^\n]*|\Z)", re.S)),
    (("<!--",), re.compile(r"<!--.*?(?:-->|\Z)", re.S)),
    (("<",), re.compile(r"<(script|style)\b.*?(?:</\1\s*>|\Z)", re.S | re.I)),
    (("<",), re.compile(r"<blockquote\b.*?(?:</blockquote\s*>|\Z)", re.S | re.I)),
    ((">",), re.compile(r"\n[ \t]*>[^\n]*")),  # quoted lines: the client's words
    (("<",), re.compile(r"<[A-Za-z/!][^<>]{0,500}>")),  # tags
    (("&",), re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,10});")),
    # A link, without the sentence's closing mark after it ("…see https://x.test/a.").
    (("://", "www."), re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]*[^\s<>\"')\].,;:]", re.I)),
    (("@",), re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")),
    (("`",), re.compile(r"`[^`\n]{0,500}`")),
    (("![",), re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)")),  # images
    (("](",), re.compile(r"\]\([^)\n]{0,500}\)")),  # the target of a link (its text stays)
    (("#",), re.compile(r"\n[ \t]*#{1,6}[ \t]")),  # headings' marks
    (("\n",), re.compile(r"\n[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]")),  # list markers
    (("---", "***", "___"), re.compile(r"\n[ \t]*(?:[-*_][ \t]*){3,}(?=\n|\Z)")),  # rules
    (("--",), re.compile(r"\n[ \t]*\|?[ \t]*:?-{2,}[^\n]*")),  # a table's separator line
    (
        ("*", "_", "~", "[", "|"),
        re.compile(r"(?<!\w)[*_~]{1,3}(?=\S)|(?<=\S)[*_~]{1,3}(?!\w)|\[|\|"),
    ),
]
# A quoted passage of three words or more: someone else's words, not the writer's tone.
_QUOTATION = re.compile(r"[\"“][^\"“”\n]{1,400}[\"”]")
_NOT_NEWLINE = re.compile(r"[^\n]")
_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def _blank(match: re.Match[str]) -> str:
    text = match.group()
    return " " * len(text) if "\n" not in text else _NOT_NEWLINE.sub(" ", text)


def mask(text: str) -> str:
    """`text` with markup, code, links, addresses and quotations replaced by spaces (newlines
    kept), curly quotes straightened: every character stays at its offset."""
    masked = "\n" + text
    if "<" in text:
        masked = _BLOCK_TAG.sub(lambda m: "\n" + " " * (len(m.group()) - 1), masked)
    for needs, pattern in _MASKS:
        if any(n in masked for n in needs):
            masked = pattern.sub(_blank, masked)
    if '"' in masked or "“" in masked:
        masked = _QUOTATION.sub(
            lambda m: _blank(m) if len(m.group().split()) >= 3 else m.group(), masked
        )
    return masked[1:].translate(_STRAIGHT)


# --- Language -----------------------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")
_OTHER_SCRIPT = re.compile(r"[^\W\d_\x00-\u024f]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def is_english(masked: str) -> bool:
    """A cheap test by function words: English unless another language's clearly outnumber
    English ones (short texts stay English unless two foreign ones and no English one)."""
    sample = masked[:1500]
    letters = 0 if sample.isascii() else len(_LETTER.findall(sample))
    if letters and len(_OTHER_SCRIPT.findall(sample)) > 0.3 * letters:
        return False  # mostly another script (Cyrillic, Greek, CJK, Arabic…)
    counts = Counter(_WORD.findall(sample.lower()))
    words = sum(counts.values())
    english = sum(counts[w] for w in ENGLISH.intersection(counts))
    other = max(sum(counts[w] for w in v.intersection(counts)) for v in OTHER_LANGUAGES.values())
    if words < 4:
        return not (other >= 2 and english == 0)
    return other == 0 or english >= other


# --- Sentences ----------------------------------------------------------------------------

_END = re.compile(r"[.!?…]+[\"')\]]*(?=\s|$)|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|mr|mrs|ms|dr|vs|approx|no|st|inc|ltd|co|p|pp|fig|ref|incl|excl|"
    r"min|max|est|dept|tel|ext|vol|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)|\b[A-Z])$",
    re.I,
)


_LOWER_NEXT = re.compile(r"\s+[a-z]")


def split_sentences(body: str, masked: str) -> list[Sentence]:
    """Sentences of the masked text (at terminal punctuation and line ends), with their offsets."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(masked):
        before = masked[max(start, match.start() - 8) : match.start()]
        if match.group().startswith(".") and _ABBREVIATION.search(before):
            continue
        if match.group()[:1] in ".…" and _LOWER_NEXT.match(masked, match.end(), match.end() + 3):
            continue  # "thanks for the heads-up... three hours later": one sentence
        _add(sentences, body, masked, start, match.end())
        start = match.end()
    _add(sentences, body, masked, start, len(masked))
    return sentences


def _add(sentences: list[Sentence], body: str, masked: str, start: int, end: int) -> None:
    piece = masked[start:end]
    stripped = piece.strip()
    if not stripped or not any(c.isalnum() for c in stripped):
        return
    lead = len(piece) - len(piece.lstrip())
    s_start, s_end = start + lead, start + lead + len(stripped)
    previous = sentences[-1] if sentences else None
    sentence = Sentence(s_start, masked[s_start:s_end], body[s_start:s_end], previous)
    if previous is not None:
        previous.following = sentence
    sentences.append(sentence)


# --- From candidates to findings ------------------------------------------------------------


def resolve(candidates: list[Candidate], body: str, masked: str) -> list[Finding]:
    """Non-overlapping findings: a wide (sentence) finding takes in those inside it, rewriting
    its span with theirs applied; otherwise the longer of two overlapping ones stays."""
    ordered = sorted(candidates, key=lambda c: (c.start, -(c.end - c.start), c.rank))
    kept: list[tuple[Candidate, list[Candidate]]] = []
    for c in ordered:
        if kept and c.start < kept[-1][0].end:
            outer, inner = kept[-1]
            if outer.wide and c.end <= outer.end and (not inner or c.start >= inner[-1].end):
                inner.append(c)
            continue  # overlapping: the earlier, longer one stays
        kept.append((c, []))
    return [_finding(c, inner, body, masked) for c, inner in kept]


def _finding(c: Candidate, inner: list[Candidate], body: str, masked: str) -> Finding:
    if isinstance(c.rewrite, str):
        rewrite = c.rewrite
    else:
        span = _apply(
            body[c.start : c.end], [(i.start - c.start, i.end - c.start, _text(i)) for i in inner]
        )
        rewrite = c.rewrite(span)
    phrase = _normalise(masked[c.start : c.end]) if not c.phrase else c.phrase
    return Finding(c.start, c.end, c.kind, c.why, rewrite, f"{c.kind}:{phrase}")


def _text(c: Candidate) -> str:
    return c.rewrite if isinstance(c.rewrite, str) else c.rewrite(c.source)


def _normalise(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase.translate(_STRAIGHT).lower()).strip()
    return phrase.strip(" ,;:.\"'()-") or phrase


def _apply(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    out, cursor = [], 0
    for start, end, replacement in edits:
        out += [text[cursor:start], replacement]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


# --- The rewrite of the whole text ----------------------------------------------------------

_LEANING = re.compile(r"[ \t]*[,;:\u2014\u2013-]*[ \t]*")
_SENTENCE_END = re.compile(r"[.!?…]+[ \t]*")


def apply_rewrites(body: str, masked: str, findings: Iterable[Finding]) -> str:
    """`body` with each finding's span replaced by its rewrite, tidied where it changed: no
    double spaces or stray commas, a capital where a sentence now starts."""
    text, cursor, capital = "", 0, False
    for f in findings:
        text, capital = _emit(text, body[cursor : f.start], capital)
        following = body[f.end :]
        at_start = _at_start(masked, f.start) or capital
        skip = 0
        if not f.rewrite:
            if at_start:  # the words the phrase leaned on go, and the sentence's end if it was all
                skip = _LEANING.match(following).end()  # type: ignore[union-attr]
                if end := _SENTENCE_END.match(following, skip):
                    skip = end.end()
                capital = True
            else:
                spaces = len(following) - len(following.lstrip(" \t"))
                rest = following[spaces:]
                if not rest or rest[0] in ",.;:!?)\n":
                    text = text.rstrip(" \t")
                    if text.endswith(",") and rest[:1] in {",", ".", "!", "?", ";", ":"}:
                        text = text[:-1]
                elif text.endswith((" ", "\t", "\n")) or not text:
                    skip = spaces
            if following[skip:][:1] in {"\n", ""}:
                text = text.rstrip(" \t")
        else:
            replacement = _capitalise(f.rewrite) if at_start else f.rewrite
            if replacement[0] in ".,!?;:":
                text = text.rstrip(" \t")
            if replacement[-1] in ".!?" and following[:1] in {".", "!", "?"}:
                skip = len(following) - len(following.lstrip(".!?"))
            text, capital = _emit(text, replacement, capital)
        cursor = f.end + skip
    text, _ = _emit(text, body[cursor:], capital)
    return text


def _emit(text: str, piece: str, capital: bool) -> tuple[str, bool]:
    """`piece` added to `text`, its first letter made a capital when a sentence starts there."""
    if capital and piece.strip():
        lead = len(piece) - len(piece.lstrip())
        return text + piece[:lead] + _capitalise(piece[lead:]), False
    return text + piece, capital


def _at_start(masked: str, pos: int) -> bool:
    before = masked[:pos].rstrip(" \t\"'(")
    return not before.strip() or before.endswith(("\n", ".", "!", "?", "…"))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Score ----------------------------------------------------------------------------------

WEIGHTS = {
    "blame": 0.35,
    "condescension": 0.3,
    "absolute": 0.3,
    "shouting": 0.25,
    "command": 0.25,
    "sarcasm": 0.35,
    "promise": 0.1,
}


def score(sentences: list[Sentence], findings: Iterable[Finding]) -> float:
    """The sentences' VADER valence, weighted by length, pulled towards −1 by findings."""
    total = sum(len(s.text) for s in sentences)
    base = sum(valence(s.text, s.tokens) * len(s.text) for s in sentences) / total if total else 0.0
    calm = 1.0
    for f in findings:
        calm *= 1 - WEIGHTS[f.kind]
    harsh = 1 - calm
    return round(max(-1.0, min(1.0, (1 - harsh) * base - harsh)), 2)
