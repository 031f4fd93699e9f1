"""Conflicting feedback, as pure rules (no Django): what a reviewer's comment asks to change,
and whether two reviewers' asks pull the same thing two ways.

`parse` reads a comment into asks — an element ("logo"), an axis ("size") and a direction
(+1 bigger, -1 smaller) — from the words reviewers use (`conflicts_words`): comparatives
("bigger"), verbs ("enlarge", "remove"), "more/less X", complaints ("the logo is too big" asks
for smaller, "feels tiny" for bigger), phrasal verbs ("scale it down", "move it to the left").
A negation flips a request into a weaker ask ("don't make it bigger" is against bigger without
asking for smaller) and cancels a complaint ("it isn't too dark"). The element is the nearest
one named in the sentence (an "it" refers back to the last one named); asks that name none are
about the place the comment is pinned to.

The cost is linear in the text (read up to MAX_TEXT characters), whatever it holds.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from accord.insights import conflicts_words as words

MAX_TEXT = 10_000
MAX_ASKS = 24
ELEMENT_REACH = 8  # words between an ask and the element it is about
OBJECT_REACH = 4  # words after a verb to find its object
PARTICLE_REACH = 5  # words between a phrasal verb and its particle
NEGATION_REACH = 8
FRAME_REACH = 3
ATTRIBUTE_REACH = 3
PIN_DISTANCE = 0.08  # two pins this close (as fractions of the page) are on the same spot
MOMENT_DISTANCE = 2.0  # seconds
SUMMARY_LIMIT = 300


@dataclass(frozen=True)
class Ask:
    """One change a comment asks for: `direction` +1 or -1 along `axis` (see words.AXES),
    about `element` ("" when it names none; `whole` when it names the whole piece);
    `negated`: it is against the opposite rather than for this ("don't make it bigger");
    `start`/`end`: where the words that ask are in the text."""

    element: str
    axis: str
    direction: int
    start: int
    end: int
    negated: bool = False
    whole: bool = False


@dataclass(frozen=True)
class Place:
    """Where a comment is pinned: nothing (the whole version), a point on a page, a moment of
    a video or a passage of copy (character offsets)."""

    anchor: str = "none"
    page: int | None = None
    x: float | None = None
    y: float | None = None
    seconds: float | None = None
    start: int | None = None
    end: int | None = None

    @property
    def pinned(self) -> bool:
        return self.anchor != "none"


@dataclass(frozen=True)
class Remark:
    """A comment's asks, and where it is pinned."""

    asks: tuple[Ask, ...]
    place: Place = Place()


# --- Reading the words -----------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?;\n]")
_CLAUSE_END = re.compile(r"[,:()\[\]—–/]|\s-\s")
# Quoted words are the work's, not the reviewer's ask: “Bigger savings” is a headline.
_QUOTED = re.compile(r"“[^”\n]{0,300}”|\"[^\"\n]{0,300}\"|«[^»\n]{0,300}»")
_SUFFIXES = frozenset({"s", "re", "ll", "d", "ve"})
_MILD = words.set_of("bit slightly rather somewhat kinda little")
_MAKERS = words.set_of("make makes made making keep keeps leave go get")
_STOPS = words.set_of("around in on at for to from with between behind under over near next")
_VERBS = frozenset(w for w in words.REQUESTS if not w.endswith("er")) - {"drags", "pop", "pops"}


@dataclass
class _Token:
    text: str
    start: int
    end: int
    sentence: int
    clause: int


@dataclass
class _Cue:
    first: int  # token indexes
    last: int
    sense: words.SenseMap
    kind: str  # request, complaint, enough
    object_after: bool = False  # a verb: its element follows ("remove the tagline")
    between: bool = False  # a phrasal verb: its element sits inside ("move the logo up")


@dataclass(frozen=True)
class _Element:
    first: int
    last: int
    name: str  # canonical, with its qualifier ("second photo"); "" for the whole piece
    category: str | None
    whole: bool = False


def _index(table: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their first word, the longest first."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in table:
        found.setdefault(phrase[0], []).append(phrase)
    for phrases in found.values():
        phrases.sort(key=len, reverse=True)
    return found


def _element_forms() -> dict[tuple[str, ...], tuple[str, str | None]]:
    forms: dict[tuple[str, ...], tuple[str, str | None]] = {}
    for name, (category, _, surfaces) in words.ELEMENTS.items():
        for surface in surfaces:
            tokens = tuple(surface.split())
            for last in {tokens[-1], tokens[-1] + "s", tokens[-1] + "es"}:
                forms.setdefault((*tokens[:-1], last), (name, category))
    forms.setdefault(("background", "colour"), ("background", "colour"))
    forms.setdefault(("background", "color"), ("background", "colour"))
    forms.setdefault(("background", "music"), ("music", "audio"))
    return forms


_ELEMENT_FORMS = _element_forms()
_ELEMENTS_BY_FIRST = _index([*_ELEMENT_FORMS, *words.WHOLE])
_PHRASES_BY_FIRST = _index(words.PHRASES)
_INERT_BY_FIRST = _index(words.INERT)
_SCALERS_BY_FIRST = _index(words.SCALERS)
_ATTRIBUTES_BY_FIRST = _index(words.ATTRIBUTES)
_PHRASAL_VERBS: dict[str, list[tuple[frozenset[str], words.SenseMap]]] = {}
for _verbs, _particles, _sense in words.PHRASALS:
    for _verb in _verbs:
        _PHRASAL_VERBS.setdefault(_verb, []).append((frozenset(_particles), _sense))
_PARTICLES = frozenset(p for _, particles, _ in words.PHRASALS for p in particles)


def _tokens(text: str) -> list[_Token]:
    text = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    tokens: list[_Token] = []
    sentence = clause = 0
    previous = 0
    for match in _WORD.finditer(text):
        gap = text[previous : match.start()]
        if _SENTENCE_END.search(gap):
            sentence += 1
            clause += 1
        elif _CLAUSE_END.search(gap):
            clause += 1
        word = match.group().lower().replace("’", "'")
        if word in words.CLAUSE_WORDS:
            clause += 1
        stem, mark, suffix = word.rpartition("'")
        if mark and stem and suffix in _SUFFIXES:
            # "it's", "logo's": the word, then "'s" (which frames a complaint like "is").
            cut = match.start() + len(stem)
            tokens.append(_Token(stem, match.start(), cut, sentence, clause))
            tokens.append(_Token("'" + suffix, cut, match.end(), sentence, clause))
        else:
            tokens.append(_Token(word, match.start(), match.end(), sentence, clause))
        previous = match.end()
    return tokens


class _Reader:
    """One comment read into cues (the words that ask) and elements (what is named)."""

    def __init__(self, text: str, medium: str) -> None:
        self.text = text[:MAX_TEXT]
        self.medium = medium if medium in ("visual", "copy", "video") else "visual"
        self.tokens = _tokens(self.text)
        self.words = [t.text for t in self.tokens]
        self.used = [False] * len(self.tokens)  # part of a cue, or of a phrase that asks nothing
        self.cues: list[_Cue] = []
        self.named = self._element_candidates()

    # -- matching helpers

    def _free(self, first: int, length: int) -> bool:
        last = first + length - 1
        return last < len(self.tokens) and not any(self.used[first : last + 1])

    def _match(
        self, i: int, index: dict[str, list[tuple[str, ...]]], *, free: bool = True
    ) -> tuple[str, ...] | None:
        for phrase in index.get(self.words[i], ()):
            n = len(phrase)
            if (
                tuple(self.words[i : i + n]) == phrase
                and (not free or self._free(i, n))
                and self.tokens[i].sentence == self.tokens[i + n - 1].sentence
            ):
                return phrase
        return None

    def _same_clause(self, i: int, j: int) -> bool:
        return self.tokens[i].clause == self.tokens[j].clause

    def _add(self, first: int, last: int, sense: words.SenseMap, kind: str, **more: Any) -> None:
        self.cues.append(_Cue(first, last, sense, kind, **more))
        for k in (first, last) if more.get("between") else range(first, last + 1):
            self.used[k] = True

    def _element_candidates(self) -> dict[int, _Element]:
        """Every element named, by its first token (the longest name wins; a qualifier before
        it — "the second photo" — is part of its name)."""
        found: dict[int, _Element] = {}
        i = 0
        while i < len(self.tokens):
            phrase = self._match(i, _ELEMENTS_BY_FIRST, free=False)
            if phrase is None:
                i += 1
                continue
            last = i + len(phrase) - 1
            if phrase in words.WHOLE:
                found[i] = _Element(i, last, "", None, whole=True)
            else:
                name, category = _ELEMENT_FORMS[phrase]
                first = i
                if i > 0 and self.words[i - 1] in words.QUALIFIERS:
                    first, name = i - 1, f"{self.words[i - 1]} {name}"
                found[first] = _Element(first, last, name, category)
            i = last + 1
        return found

    def _names_element_at(self, i: int) -> bool:
        return i in self.named or (i + 1 in self.named and self.named[i + 1].first == i)

    # -- the passes, most specific first

    def read(self) -> list[_Cue]:
        for i in range(len(self.tokens)):
            if (phrase := self._match(i, _INERT_BY_FIRST)) is not None:
                for k in range(i, i + len(phrase)):
                    self.used[k] = True
        self._phrasals()
        for i in range(len(self.tokens)):
            if not self.used[i] and (phrase := self._match(i, _PHRASES_BY_FIRST)) is not None:
                kind = "complaint" if phrase in words.COMPLAINT_PHRASES else "request"
                self._add(i, i + len(phrase) - 1, words.PHRASES[phrase], kind)
        for i in range(len(self.tokens)):
            if not self.used[i]:
                self._scaler(i)
        for i in range(len(self.tokens)):
            if not self.used[i]:
                self._made(i)
        for i in range(len(self.tokens)):
            if not self.used[i]:
                self._single(i)
        self._drop_presence_before_other_asks()
        return self.cues

    def _phrasals(self) -> None:
        """A verb and its particle a few words on ("scale the logo down"); a particle that
        names an element ("the left photo") is not one, nor one past another such verb."""
        for i, word in enumerate(self.words):
            if word not in _PHRASAL_VERBS or self.used[i]:
                continue
            for j in range(i + 1, min(i + 1 + PARTICLE_REACH, len(self.tokens))):
                if not self._same_clause(i, j) or self.used[j]:
                    break
                if self.words[j] in _PHRASAL_VERBS and j > i + 1:
                    break
                if self.words[j] not in _PARTICLES or j in self.named:
                    continue
                sense = next((s for ps, s in _PHRASAL_VERBS[word] if self.words[j] in ps), None)
                if sense is not None:
                    self._add(i, j, sense, "request", between=True, object_after=True)
                    break

    def _attribute_after(self, last: int) -> tuple[int, int, words.SenseMap] | None:
        """The attribute a scaler scales: the last one named a few words on, before a
        preposition ("increase the text size" scales the size, of the text)."""
        found = None
        j = last + 1
        while j <= min(last + ATTRIBUTE_REACH, len(self.tokens) - 1):
            if not self._same_clause(last, j) or self.words[j] in _STOPS or self.used[j]:
                break
            phrase = self._match(j, _ATTRIBUTES_BY_FIRST)
            if phrase is not None:
                found = (j, j + len(phrase) - 1, words.ATTRIBUTES[phrase])
                j += len(phrase)
            else:
                j += 1
        return found

    def _scaler(self, i: int) -> None:
        word = self.words[i]
        nxt = self.words[i + 1] if i + 1 < len(self.words) else ""
        if word in ("too", "overly", "excessively") and self._free(i + 1, 1):
            if nxt in words.BASES:
                self._add(i, i + 1, _flip(words.BASES[nxt]), "complaint")
                return
            if nxt in words.COMPLAINTS:
                self._add(i, i + 1, words.COMPLAINTS[nxt], "complaint")
                return
        if word in _MILD and nxt in words.BASES and self._free(i + 1, 1):
            self._add(i + 1, i + 1, _flip(words.BASES[nxt]), "complaint")
            return
        if word in words.BASES and nxt == "enough" and self._free(i + 1, 1):
            self._add(i, i + 1, words.BASES[word], "enough")
            return
        if word == "enough" and (attribute := self._attribute_after(i)) is not None:
            self._add(i, attribute[1], attribute[2], "enough")
            return
        phrase = self._match(i, _SCALERS_BY_FIRST)
        if phrase is None:
            return
        sign, fallback = words.SCALERS[phrase]
        last = i + len(phrase) - 1
        kind = "complaint" if phrase[0] in ("too", "not") else "request"
        if (attribute := self._attribute_after(last)) is not None:
            self.cues.append(_Cue(i, attribute[1], _signed(attribute[2], sign), kind))
            for k in (*range(i, last + 1), *range(attribute[0], attribute[1] + 1)):
                self.used[k] = True
            return
        after = self.words[last + 1] if last + 1 < len(self.words) else ""
        if len(phrase) == 1 and after in words.BASES and self._free(last + 1, 1):
            self._add(i, last + 1, _signed(words.BASES[after], sign), kind)
        elif fallback is not None:
            self._add(i, last, fallback, kind, object_after=True)

    def _made(self, i: int) -> None:
        """ "Make the logo big", "keep it short": the adjective is what is asked for."""
        if self.words[i] not in _MAKERS or self.words[i + 1 : i + 2] == ["sure"]:
            return
        for j in range(i + 1, min(i + 1 + OBJECT_REACH, len(self.tokens))):
            if not self._same_clause(i, j) or self.used[j]:
                return
            if self.words[j] in words.BASES and j not in self.named:
                self._add(i, j, words.BASES[self.words[j]], "request", between=True)
                return

    def _single(self, i: int) -> None:
        word = self.words[i]
        if word in words.REQUESTS:
            self._add(i, i, words.REQUESTS[word], "request", object_after=word in _VERBS)
        elif word in words.COMPLAINTS and self._framed(i):
            self._add(i, i, words.COMPLAINTS[word], "complaint")

    def _framed(self, i: int) -> bool:
        """A complaint word said of something ("is tiny", "feels cramped", "it's dull"), not
        "a tiny bit"."""
        if i + 1 < len(self.words) and self.words[i + 1] == "bit":
            return False
        for k in range(i - 1, max(-1, i - 1 - FRAME_REACH), -1):
            if not self._same_clause(k, i):
                return False
            word = self.words[k]
            if word in words.FRAMES or word in ("'s", "'re"):
                return True
        return False

    def _drop_presence_before_other_asks(self) -> None:
        """ "Keep it short", "I like the logo bigger": the other ask is the ask."""
        starts = {c.first for c in self.cues}
        kept = []
        for cue in self.cues:
            axis = _any_axis(cue.sense)
            if axis == "presence" and any(
                k in starts and self._same_clause(cue.last, k)
                for k in range(cue.last + 1, min(cue.last + 1 + OBJECT_REACH, len(self.tokens)))
            ):
                continue
            kept.append(cue)
        self.cues = kept

    # -- from cues to asks

    def negated(self, cue: _Cue) -> bool:
        for k in range(cue.first - 1, max(-1, cue.first - 1 - NEGATION_REACH), -1):
            if not self._same_clause(k, cue.first):
                return False
            if self.used[k]:
                continue
            word = self.words[k]
            if word in words.NEGATORS or word.endswith("n't"):
                return True
        return False

    def element_of(self, cue: _Cue) -> _Element | None:
        sentence = self.tokens[cue.first].sentence
        candidates = [
            e
            for e in self.named.values()
            if self.tokens[e.first].sentence == sentence
            and not any(self.used[e.first : e.last + 1])
        ]
        if cue.between:
            inside = [e for e in candidates if cue.first < e.first and e.last < cue.last]
            if inside:
                return inside[0]
        if cue.object_after:
            after = [e for e in candidates if cue.last < e.first <= cue.last + OBJECT_REACH]
            if after:
                return min(after, key=lambda e: e.first)

        def distance(e: _Element) -> tuple[int, int]:
            if e.last < cue.first:
                return cue.first - e.last, 0
            return e.first - cue.last, 1  # a tie goes to the element before

        near = [e for e in candidates if distance(e)[0] <= ELEMENT_REACH]
        if near:
            return min(near, key=distance)
        return self._referred(cue, sentence)

    def _referred(self, cue: _Cue, sentence: int) -> _Element | None:
        """An "it" in a sentence naming nothing: the last element named before."""
        if not any(t.sentence == sentence and t.text in words.PRONOUNS for t in self.tokens):
            return None
        before = [e for e in self.named.values() if self.tokens[e.last].sentence < sentence]
        before = [e for e in before if not any(self.used[e.first : e.last + 1])]
        return max(before, key=lambda e: e.last) if before else None


def _any_axis(sense: words.SenseMap) -> str:
    value = sense if isinstance(sense, str) else sense.get("default") or ""
    return value[:-1]


def _flip_one(value: str | None) -> str | None:
    if value is None:
        return None
    return value[:-1] + ("-" if value.endswith("+") else "+")


def _flip(sense: words.SenseMap) -> words.SenseMap:
    if isinstance(sense, str):
        return _flip_one(sense) or sense
    return {key: _flip_one(value) for key, value in sense.items()}


def _signed(sense: words.SenseMap, sign: int) -> words.SenseMap:
    return sense if sign > 0 else _flip(sense)


def _resolve(sense: words.SenseMap, category: str) -> tuple[str, int] | None:
    """The axis and direction a word takes for what it is said about."""
    if isinstance(sense, str):
        value: str | None = sense
    else:
        value = None
        for key in (*words.FALLBACK.get(category, ()), "default"):
            if key in sense:
                value = sense[key]
                break
    if not value:
        return None
    return value[:-1], 1 if value.endswith("+") else -1


def parse(text: str, *, medium: str = "visual") -> tuple[Ask, ...]:
    """The changes a comment asks for, in the order written (MAX_ASKS at most, each once).
    `medium`: what the version is — "visual", "copy" or "video" — for asks naming nothing."""
    reader = _Reader(text or "", medium)
    asks: list[Ask] = []
    seen: set[tuple[str, str, int, bool]] = set()
    for cue in sorted(reader.read(), key=lambda c: c.first):
        negated = reader.negated(cue)
        if (cue.kind == "complaint" and negated) or (cue.kind == "enough" and not negated):
            continue
        element = reader.element_of(cue)
        category = (
            reader.medium if element is None or element.category is None else element.category
        )
        resolved = _resolve(cue.sense, category)
        if resolved is None:
            continue
        axis, direction = resolved
        weak = False
        if negated and cue.kind == "request":
            direction = -direction
            weak = axis != "presence"  # not keeping is removing; not bigger is not smaller
        ask = Ask(
            element=element.name if element else "",
            axis=axis,
            direction=direction,
            start=reader.tokens[cue.first].start,
            end=reader.tokens[cue.last].end,
            negated=weak,
            whole=bool(element and element.whole),
        )
        key = (ask.element, ask.axis, ask.direction, ask.negated)
        if key not in seen:
            seen.add(key)
            asks.append(ask)
        if len(asks) >= MAX_ASKS:
            break
    return tuple(asks)


def inherit(asks: Iterable[Ask], parent: Iterable[Ask]) -> tuple[Ask, ...]:
    """A reply's asks that name nothing are about what the comment it answers named: the
    element of the same axis, else its only element ("I'd make it smaller" under "love the
    logo")."""
    named = [a for a in parent if a.element]
    every = {a.element for a in named}
    out = []
    for ask in asks:
        same = {a.element for a in named if a.axis == ask.axis}
        if ask.element or ask.whole or not (len(same) == 1 or (not same and len(every) == 1)):
            out.append(ask)
        else:
            out.append(replace(ask, element=next(iter(same or every))))
    return tuple(out)


# --- Comparing asks --------------------------------------------------------------------------


def same_place(a: Place, b: Place) -> bool:
    """Two pins within PIN_DISTANCE on the same page, two moments within MOMENT_DISTANCE, two
    passages that overlap, or both on the whole version."""
    if a.anchor != b.anchor:
        return False
    if a.anchor == "none":
        return True
    if a.anchor == "point":
        if None in (a.x, a.y, b.x, b.y) or (a.page or 1) != (b.page or 1):
            return False
        return math.hypot(a.x - b.x, a.y - b.y) <= PIN_DISTANCE + 1e-9  # type: ignore[operator]
    if a.anchor == "moment":
        if a.seconds is None or b.seconds is None:
            return False
        return abs(a.seconds - b.seconds) <= MOMENT_DISTANCE
    if a.anchor == "range":
        if None in (a.start, a.end, b.start, b.end):
            return False
        return a.start < b.end and b.start < a.end  # type: ignore[operator]
    return False


def opposed(a: Ask, b: Ask, *, place_a: Place = Place(), place_b: Place = Place()) -> bool:
    """Whether two asks pull one thing two ways: the same axis, opposite directions, about the
    same element — or, naming none, about the same place (a pin, a moment, a passage, or both
    the whole version). Two asks against something ("not bigger", "not smaller") are not."""
    if a.axis != b.axis or a.direction == b.direction or (a.negated and b.negated):
        return False
    if a.element and b.element:
        return a.element == b.element
    if a.element or b.element:
        unnamed = b if a.element else a
        return (
            not unnamed.whole and place_a.pinned and place_b.pinned and same_place(place_a, place_b)
        )
    a_whole = a.whole or not place_a.pinned
    b_whole = b.whole or not place_b.pinned
    if a_whole or b_whole:
        return a_whole and b_whole
    return same_place(place_a, place_b)


def clash(first: Remark, second: Remark) -> tuple[Ask, Ask] | None:
    """The pair of asks by which two remarks pull two ways (naming an element rather than
    none, and asking rather than being against, when there is a choice), or None."""
    best: tuple[int, Ask, Ask] | None = None
    for a in first.asks:
        for b in second.asks:
            if opposed(a, b, place_a=first.place, place_b=second.place):
                rank = (0 if a.element else 2) + (1 if a.negated or b.negated else 0)
                if best is None or rank < best[0]:
                    best = (rank, a, b)
    return (best[1], best[2]) if best else None


# --- Saying it -------------------------------------------------------------------------------

_VERB_AXES = {"presence", "vertical", "horizontal", "spacing"}


def _grammar(element: str) -> str:
    base = element.split(" ", 1)[1] if element.split(" ", 1)[0] in words.QUALIFIERS else element
    found = words.ELEMENTS.get(base)
    return found[1] if found else "count"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _word(ask: Ask, *, asked: bool = True) -> str:
    """The axis's word for the ask's direction (or, `asked=False`, for what it is against)."""
    plus, minus = words.AXES[ask.axis]
    direction = ask.direction if asked else -ask.direction
    return plus if direction > 0 else minus


def _phrase(ask: Ask, *, again: bool) -> str:
    """What the ask asks for, after "asks": the element named in full, or (`again`) referred
    to ("a smaller one", "to remove it")."""
    element, grammar = ask.element, _grammar(ask.element)
    the = f"the {element}" if element else "it"
    it = ("them" if grammar == "plural" else "it") if element else "it"
    target = it if again else the
    if ask.negated:
        against = _word(ask, asked=False)
        if ask.axis in _VERB_AXES:
            return (
                f"not to move {target} {against}"
                if ask.axis != "spacing"
                else (f"not for {against} around {target}")
            )
        return f"not to make {target} {against}"
    word = _word(ask)
    if ask.axis == "presence":
        return f"to {word} {target}"
    if ask.axis in ("vertical", "horizontal"):
        return f"to move {target} {word}"
    if ask.axis == "spacing":
        if again:
            return "for " + word.split()[0]
        return f"for {word} around {the}" if element else f"for {word}"
    if not element:
        return f"for it to be {word}"
    if grammar == "count":
        return f"for {_article(word)} {word} " + ("one" if again else element)
    if grammar == "plural":
        return f"for {word} " + ("ones" if again else element)
    return f"for {word} {element}"


def describe(first_name: str, first: Ask, second_name: str, second: Ask) -> str:
    """One line: "Carol asks for a bigger logo; Ray for a smaller one." """
    line = (
        f"{first_name} asks {_phrase(first, again=False)}; "
        f"{second_name} {_phrase(second, again=True)}."
    )
    return _capped(line)


VERDICT_WORDS = {
    "approved": "approved",
    "approved_with_changes": "approved with changes",
    "changes_required": "asked for changes",
}
APPROVING = frozenset({"approved", "approved_with_changes"})


def decisions_clash(a: str, b: str) -> bool:
    """One reviewer approves the work as it is while another asks for changes to it first
    (approved with changes asks for changes too: it pulls neither way)."""
    return {a, b} == {"approved", "changes_required"}


def describe_decisions(
    first_name: str, first: str, second_name: str, second: str, number: int
) -> str:
    """One line: "Carol approved version 2; Ray asked for changes." """
    said = VERDICT_WORDS.get(first, first)
    if first == "approved_with_changes":
        said = f"approved version {number} with changes"
    else:
        said = f"{said} version {number}" if first in APPROVING else f"{said} to version {number}"
    return _capped(f"{first_name} {said}; {second_name} {VERDICT_WORDS.get(second, second)}.")


def _capped(line: str) -> str:
    return line if len(line) <= SUMMARY_LIMIT else line[: SUMMARY_LIMIT - 1] + "…"
