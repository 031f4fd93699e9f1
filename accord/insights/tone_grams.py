"""The learned wording's view of a sentence (pure: no Django): the grams it weighs — words,
pairs of words in a row, the opening word, and their plain forms with the reader and the writer
as one word each and endings cut — their weights from tone_lexicon, and which of them a finding
shows."""

import math
from itertools import pairwise

from accord.insights import tone_lexicon
from accord.insights.tone_words import FIRST, READER, keep, words


def grams(tokens: list[str]) -> set[str]:
    """What the learned wording weighs in a sentence: its words, its pairs of words in a row and
    its opening word ("^ send"), and the same with the reader and the writer as one word each and
    endings cut ("~<you> forgot", "~<we> send"): "you forgot" and "your team forgot" teach
    the same thing."""
    found = set(tokens)
    found.update(f"{a} {b}" for a, b in pairwise(tokens))
    if tokens:
        found.add(f"^ {tokens[0]}")
    plain = [_plain(t) for t in tokens]
    found.update(f"~{p}" for p, t in zip(plain, tokens, strict=True) if p != t)
    found.update(
        f"~{a} {b}"
        for (a, b), (c, d) in zip(pairwise(plain), pairwise(tokens), strict=True)
        if (a, b) != (c, d)
    )
    return found


def weighed(tokens: list[str]) -> dict[str, float]:
    """The sentence's grams (see `grams`) that the learned wording weighs, with their weights:
    the same as looking up each of grams(tokens), in one pass, with one lookup a word (what the
    lexicon holds for it, kept with the lexicon's index), without building the strings of the
    pairs the lexicon does not hold."""
    lexicon = tone_lexicon.index()
    seen = lexicon.seen
    found: dict[str, float] = {}
    if tokens and (w := lexicon.openings.get(tokens[0])):
        found[f"^ {tokens[0]}"] = w
    a = a_plain = ""
    a_pairs: dict[str, float] | None = None
    a_plain_pairs: dict[str, float] | None = None
    for i, b in enumerate(tokens):
        entry = seen.get(b) or _entry(lexicon, b)
        w, b_plain, w_plain, b_pairs, b_plain_pairs = entry
        if w:
            found[b] = w
        if w_plain:
            found[f"~{b_plain}"] = w_plain
        if i:
            if a_pairs and (w := a_pairs.get(b)):
                found[f"{a} {b}"] = w
            if (
                (a_plain != a or b_plain != b)
                and a_plain_pairs
                and (w := a_plain_pairs.get(b_plain))
            ):
                found[f"~{a_plain} {b_plain}"] = w
        a, a_plain, a_pairs, a_plain_pairs = b, b_plain, b_pairs, b_plain_pairs
    return found


# What the lexicon holds for a word: its weight, its plain form and that form's weight (None
# when the plain form is the word), the words that follow it in a weighed pair, and the same for
# its plain form.
_Entry = tuple[float | None, str, float | None, dict[str, float] | None, dict[str, float] | None]


def _entry(lexicon: tone_lexicon.Index, token: str) -> _Entry:
    plain = _plain(token)
    entry = (
        lexicon.words.get(token),
        plain,
        lexicon.plain_words.get(plain) if plain != token else None,
        lexicon.pairs.get(token),
        lexicon.plain_pairs.get(plain),
    )
    keep(lexicon.seen, token, entry)
    return entry


_READER_WORDS = READER | words("you'll")
_WRITER_WORDS = FIRST | words("me")
_ENDINGS = ("ing", "ed", "es", "s")


def _plain(token: str) -> str:
    plain = _PLAIN.get(token)
    if plain is None:
        plain = _plained(token)
        keep(_PLAIN, token, plain)
    return plain


_PLAIN: dict[str, str] = {}


def _plained(token: str) -> str:
    if token in _READER_WORDS:
        return "<you>"
    if token in _WRITER_WORDS:
        return "<we>"
    for ending in _ENDINGS:
        if len(token) > len(ending) + 3 and token.endswith(ending) and not token.endswith("ss"):
            return token[: -len(ending)]
    return token


# Words that only hold a sentence together: a pair of them names nothing ("after the").
_GLUE = words(
    """the a an to of and or in on at for with by from into about as than then so but if is are
    was were be been being has have had do does did it its this that these those there here
    after before up out over i we you me us my our your mine ours yours <we> <you>"""
)

# A word or pair at least this heavy can be what a finding shows, and lets a sentence over the
# threshold that no rule explains be a finding (tone_sentence.harsh); most sentences over the
# threshold hold one, so in practice the threshold decides.
HARSH_WORD = 0.2


def heaviest(found: dict[str, float], tokens: list[str]) -> str:
    """Of a sentence's weighed grams, the one a finding shows, in the sentence's own words ("" when
    none weighs HARSH_WORD): one with a kind before one without, words that say something before
    glue ("after the", "as you"), a pair of words before a single word ("you forgot" says more
    than "forgot"), the sentence's own words before plain forms, then the heaviest."""
    named = tone_lexicon.kinds()
    heavy = []
    for g, w in found.items():
        if w >= HARSH_WORD:
            shown = g.removeprefix("^ ").removeprefix("~")
            said = not _GLUE.issuperset(shown.split())
            heavy.append((g in named, said, " " in shown, g[0] != "~", w, g))
    return _own_words(max(heavy)[-1], tokens) if heavy else ""


def _own_words(gram: str, tokens: list[str]) -> str:
    """A gram as the sentence says it: a plain form ("~not <we>") as the words that made it
    ("not my")."""
    if not gram.startswith("~"):
        return _shown(gram)
    wanted = gram[1:].split(" ")
    plain = [_plain(t) for t in tokens]
    for i in range(len(tokens) - len(wanted) + 1):
        if plain[i : i + len(wanted)] == wanted:
            return " ".join(tokens[i : i + len(wanted)])
    return _shown(gram)


def _shown(gram: str) -> str:
    return gram.removeprefix("~").removeprefix("^ ").replace("<you>", "you").replace("<we>", "we")


def wording_kind(tokens: list[str]) -> str:
    """The kind the sentence's harsh wording points to: the kind most of its weight is on (summed
    exactly, so the answer does not depend on the order the grams come in)."""
    votes: dict[str, list[float]] = {}
    named = tone_lexicon.kinds()
    for g, w in weighed(tokens).items():
        if w > 0 and (kind := named.get(g)):
            votes.setdefault(kind, []).append(w)
    total = {kind: math.fsum(ws) for kind, ws in votes.items()}
    return max(total, key=lambda k: (total[k], k)) if total else ""
