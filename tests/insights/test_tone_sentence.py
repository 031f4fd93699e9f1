"""The tone check's sentence score (accord/insights/tone_sentence.py): each feature fires on its
case and not on its near miss, the score is deterministic and its cost bounded."""

import math
import re
import time
from pathlib import Path

import pytest

from accord.insights import tone_grams, tone_lexicon, tone_rewrite, tone_sentence, tone_weights
from accord.insights.eval_tone import load
from accord.insights.tone import MAX_CHARS, assess, mask, split_sentences
from accord.insights.tone_rules import Sentence
from accord.insights.tone_sentence import _DEMAND, _DEMAND_OPENING

EVALS = Path(__file__).resolve().parents[2] / "evals" / "tone"


def sentence(text: str) -> Sentence:
    return split_sentences(text, mask(text))[0]


def fired(text: str) -> set[str]:
    return set(tone_sentence.features(sentence(text))[0])


CASES = [
    ("reader_negative", "Your designers ignored the brief.", "We ignored the brief, sorry."),
    ("reader_negation", "You didn't send the logo.", "You never have to worry about hosting."),
    (
        "cause_reader",
        "It slipped because your team sent it late.",
        "It slipped because of the storm.",
    ),
    ("rhetorical", "Why would anyone approve this?", "Would Tuesday suit you?"),
    ("imperative", "Fill in the form by Friday.", "Please fill in the form by Friday."),
    ("intensifier_charge", "You obviously didn't read it.", "We're obviously delighted."),
    ("caps", "This is NOT what we agreed.", "The CMYK PDF is attached."),
    ("exclaim_negative", "The files are wrong again!!", "Congratulations on the launch!!"),
    ("repeat_count", "This is the third time I've asked.", "Invoice #1043 is attached."),
    ("irony", "Good luck getting that past the regulator.", "Good news: the regulator agreed."),
    ("scare_quotes", "Thanks for your 'feedback' on the draft.", "Thanks for your feedback."),
    ("apology", "Sorry, we missed the deadline.", "You missed the deadline."),
    ("first_person_fault", "We made a mistake with the file.", "You made a mistake with the file."),
    ("negative", "The copy is wrong.", "The copy is lovely."),
    ("obligation", "You should have checked the proofs.", "We should have checked the proofs."),
    ("hedge", "Perhaps the file did not upload.", "The file did not upload."),
    ("soft", "Please send the logo.", "Send the logo."),
    ("thanks", "Thanks for the files.", "Here are the files."),
    ("question_reader", "Which one do you actually want?", "Are you free on Tuesday?"),
    ("urgent_order", "Send the contract now.", "Send the contract whenever suits."),
    ("minimiser", "You just need to click approve.", "We just need the signed copy."),
    ("intensifier", "Obviously the budget is fixed.", "The budget is fixed."),
    (
        "recap",
        "As I already said, you missed the deadline.",
        "As mentioned on the call, the shoot is on Tuesday.",
    ),
    ("understanding", "Hopefully that makes sense now.", "Hopefully the shoot goes well."),
    ("exasperation", "You sent the wrong file again.", "We sent the new file."),
    ("absolute_reader", "You always change the brief.", "We always back up the files."),
    ("praise_setback", "Great, the files are wrong.", "Great, the files are in."),
    ("smile_after_negative", "The copy is wrong \U0001f642", "The copy is in \U0001f642"),
    ("exclaim", "Where are the files??", "Where are the files?"),
    ("short", "Fix it.", "We will fix the header on the landing page tomorrow morning."),
    ("reader", "Could you send it?", "Could we send it?"),
    ("positive", "The launch was wonderful.", "The launch was on Tuesday."),
    (
        "praise_situation",
        "Thanks for the 40 comments at 11pm on a Sunday.",
        "Thanks for the 40 comments on the draft.",
    ),
    ("demand", "I want the feedback in one document.", "I need to check the dates with Sam."),
    ("insult", "Your incompetence is staggering.", "Your patience is staggering."),
    (
        "recap",
        "As you'll recall, the fee covers two rounds.",
        "As you'd expect, the fee covers two rounds.",
    ),
    (
        "understanding",
        "Let me break it down for you: the banner is too long.",
        "Let me send it over: the banner is ready.",
    ),
    (
        "irony",
        "Bold choice to post the prices before the embargo.",
        "Bold colours suit the spring range.",
    ),
]
# The second sentence of each: a short verdict after bad news reads as irony; after good news, not.
IRONIC_TAG = (
    "We're rewriting the homepage two days before launch. Very relaxing.",
    "We're launching the homepage on Tuesday. Very exciting.",
)


def test_every_feature_has_its_case():
    rules = {name for name in tone_sentence.NAMES if name.startswith("rule_")}
    assert len(rules) == 6
    fixed = {"bias", "wording", "ironic_tag"} | rules  # ironic_tag: IRONIC_TAG below
    assert {name for name, _, _ in CASES} == set(tone_sentence.NAMES) - fixed


def test_a_short_verdict_after_bad_news_is_irony_and_after_good_news_is_not():
    case, near_miss = (split_sentences(t, mask(t))[1] for t in IRONIC_TAG)
    assert "ironic_tag" in tone_sentence.features(case)[0]
    assert "ironic_tag" not in tone_sentence.features(near_miss)[0]


@pytest.mark.parametrize(("name", "case", "near_miss"), CASES)
def test_each_feature_fires_on_its_case_and_not_on_its_near_miss(name, case, near_miss):
    assert name in fired(case)
    assert name not in fired(near_miss)


def test_the_weights_match_the_features_and_a_rule_finding_counts():
    assert len(tone_weights.WEIGHTS) == len(tone_sentence.NAMES)
    assert tone_sentence.NAMES[0] == "bias"
    found, _ = tone_sentence.features(sentence("Send it now."), {"command"})
    assert found["rule_command"] == 1.0
    found, _ = tone_sentence.features(sentence("We'll send it by Friday."), {"promise"})
    assert not any(name.startswith("rule") for name in found)  # judged on its context alone


def test_the_wording_is_the_learned_weight_of_the_words_and_pairs_in_the_sentence():
    s = sentence("Your team forgot the logo again.")
    grams = tone_grams.grams(s.tokens)
    assert {"forgot", "your team", "^ your", "~<you> team"} <= grams
    assert "~forgot" not in grams  # a plain form only where it differs: no word counted twice
    # "You forgot" and "your designers forgot" share what they teach.
    assert "~<you> forgot" in tone_grams.grams(sentence("You forgot the logo.").tokens)
    lexicon, named = tone_lexicon.wording(), tone_lexicon.kinds()
    expected = math.fsum(lexicon.get(g, 0.0) for g in grams)
    found, seen = tone_sentence.features(s)
    assert found.get("wording", 0.0) == pytest.approx(expected)
    assert "wording" not in tone_sentence.features(s, wording=False)[0]
    assert tone_weights.WEIGHTS[tone_sentence.INDEX["wording"]] == 1.0
    shown = [g for g in grams if g in named and lexicon[g] >= 0.2]
    if seen.get("wording"):  # shown only a word that points to a kind
        assert any(seen["wording"].strip("“”") in g for g in shown)
    else:
        assert not shown


def test_a_sentence_over_the_threshold_is_harsh_only_with_something_to_name():
    over, under = tone_sentence.THRESHOLD + 1, tone_sentence.THRESHOLD - 1
    named = {"bias": 1.0, "rule_blame": 1.0}
    assert tone_sentence.WEIGHT["rule_blame"] >= tone_sentence.EXPLAINED
    assert tone_sentence.harsh(tone_sentence.Scored(over, named, {}))
    assert not tone_sentence.harsh(tone_sentence.Scored(under, named, {}))
    worded = {"bias": 1.0, "wording": 3.0}
    assert tone_sentence.harsh(tone_sentence.Scored(over, worded, {"wording": "“not my”"}))
    assert not tone_sentence.harsh(tone_sentence.Scored(over, worded, {}))


def test_a_finding_only_the_wording_explains_names_the_words_as_a_likelihood():
    text = "Fantastic timing as ever, Rachel."
    scored = tone_sentence.score(sentence(text))
    assert not tone_sentence.explained(scored.features)  # no rule, no feature with a kind
    (finding,) = assess(text).findings
    assert finding.why.startswith("Wording like “") and "often reads as" in finding.why
    shown = finding.why.split("“")[1].split("”")[0]
    assert shown in text.lower()
    (plain,) = assess("Not my problem, speak to IT.").findings
    assert "“not my”" in plain.why


def test_the_wording_is_looked_up_as_the_grams_it_was_fitted_on():
    lexicon = tone_lexicon.wording()
    texts = [
        "Your team forgot the files again, as you always do.",
        "We've sent the revised layouts; you'll see we kept your colours.",
        "Not my problem — speak to your IT people.",
        "Honestly, we're delighted: the brief has been signed off!",
        "you you you you",
        "",
    ]
    for text in texts:
        for s in split_sentences(text, mask(text)):
            grams = tone_grams.grams(s.tokens)
            assert tone_grams.weighed(s.tokens) == {g: lexicon[g] for g in grams if lexicon.get(g)}


@pytest.fixture(scope="module")
def labelled_sentences() -> list[Sentence]:
    """Every sentence of the labelled sets: thousands of real shapes to compare two readings on."""
    found = []
    for path in sorted(EVALS.rglob("*.jsonl")):
        for case in load(path):
            body = case.text[:MAX_CHARS]
            found.extend(split_sentences(body, mask(body)))
    return found


def test_every_labelled_sentence_is_weighed_as_its_grams_whether_its_words_are_new_or_known(
    labelled_sentences: list[Sentence],
):
    lexicon = tone_lexicon.wording()
    assert len(labelled_sentences) > 10_000
    tone_lexicon.index().seen.clear()
    for _ in range(2):  # first each word is looked up, then what was kept for it is read
        for s in labelled_sentences:
            grams = tone_grams.grams(s.tokens)
            assert tone_grams.weighed(s.tokens) == {g: lexicon[g] for g in grams if lexicon.get(g)}


# The demand pattern as one search of all its alternatives, as it was before it was split in two:
# what the split must find, span for span.
_DEMAND_AS_ONE = re.compile(
    r"^(?:i|we)\s+(?:want|expect|require|insist|won't\s+accept|will\s+not\s+accept|won't\s+be"
    r"\s+accepting|am\s+not\s+accepting)\b|^i\s+need\s+(?!to\s+(?:ask|check|confirm|let|say|flag"
    r"|apologi|thank|be\s+honest|share|update))|\b(?:please\s+)?stop\s+(?:asking|sending|emailing"
    r"|changing|calling|putting|adding|contacting|messaging|going|copying|cc'ing|moving)\b"
    r"|\bmake\s+sure\s+(?:this|it|that)\s+(?:doesn't|does\s+not|never|won't)|\bfull\s+stop\b"
    r"|\brefrain\s+from\b|^no\s+more\s+(?:changes|rounds|edits|tweaks|emails|excuses|comments)\b"
    r"|\ball\s+of\s+it\W*$|^(?:just|simply)\s+(?:approve|sign|send|pick|choose|decide|read|reply"
    r"|tell|confirm)\b|\bi\s+don't\s+want\s+to\s+(?:see|hear|have\s+to)"
)


def test_a_demand_is_found_where_one_search_of_all_its_alternatives_finds_it(
    labelled_sentences: list[Sentence],
):
    bodies = [s.text for s in labelled_sentences] + [
        "i want the files today",
        "we won't accept another delay, full stop",
        "just sign it, and stop sending changes",
        "no more changes after this, make sure it doesn't slip",
        "i need to check with legal, then i don't want to hear about it",
        "i don't want to see another draft",
        "full stop",
        "all of it!!",
        "simply approve it, all of it",
    ]
    fired = 0
    for body in bodies:
        one = _DEMAND_AS_ONE.search(body)
        two = _DEMAND_OPENING.match(body) or _DEMAND.search(body)
        assert (one and one.span()) == (two and two.span()), body
        fired += bool(one)
    assert fired > 20


def test_every_harsh_word_in_the_lexicon_points_to_a_kind_the_check_knows():
    assert set(tone_lexicon.kinds().values()) <= set(tone_rewrite.WHY)
    assert set(tone_lexicon.kinds()) <= set(tone_lexicon.wording())
    assert all(tone_lexicon.wording()[g] > 0 for g in tone_lexicon.kinds())


def test_a_harsh_sentence_no_rule_finds_is_found_whole_with_why_and_a_softer_rewrite():
    text = "Honestly, your lack of organisation is costing both of us time and money."
    report = assess(text)
    assert report.flagged
    (finding,) = report.findings
    assert (finding.start, finding.end) == (0, len(text))
    assert finding.kind == "condescension"
    assert finding.why == (
        "The sentence talks down to the reader: “honestly” in a charge at the reader, the"
        " reader beside “lack” and wording such as “is costing”."
    )
    assert finding.rewrite == "Your lack of organisation is costing both of us time and money."
    assert "Honestly" not in finding.rewrite
    assert finding.key.startswith("condescension:")


def test_softening_lowers_shouting_narrows_sweeping_words_and_asks_an_order():
    assert tone_rewrite.soften("You ALWAYS send it late!!") == "You often send it late."
    assert tone_rewrite.soften("Just pick one option.", order=True) == "Could you pick one option?"
    assert tone_rewrite.soften("The PDF is obviously fine.") == "The PDF is fine."


def test_sarcasm_loses_its_scare_quotes_or_goes_and_a_bare_charge_is_hedged():
    assert tone_rewrite.soften("Good to know the brief was optional.", kind="sarcasm") == ""
    assert (
        tone_rewrite.soften("It says 'final' on the cover.", kind="sarcasm")
        == "It says final on the cover."
    )
    assert (
        tone_rewrite.soften("The photos you sent are unusable.", kind="blame")
        == "It looks like the photos you sent are unusable."
    )
    assert (
        tone_rewrite.soften("Tom, the photos you sent are unusable.", kind="blame")
        == "Tom, it looks like the photos you sent are unusable."
    )
    assert (
        tone_rewrite.soften("Gary - check your inbox.", order=True)
        == "Gary - could you check your inbox?"
    )


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Send the files to simply.jones@acme.test by Friday.", "simply.jones@acme.test"),
        (
            "Upload the files to https://acme.test/Uploads/FINAL/ by Friday.",
            "https://acme.test/Uploads/FINAL/",
        ),
        ("Just send `NEVER  JUST simply` to the printer now!!", "`NEVER  JUST simply`"),
    ],
)
def test_a_whole_sentence_rewrite_keeps_links_addresses_and_code_as_written(text, kept):
    report = assess(text)
    (finding,) = report.findings
    assert finding.start == 0 and finding.end == len(text)
    assert kept in finding.rewrite
    assert kept in report.rewrite
    assert report.rewrite.startswith("Could you ")


def test_a_whole_sentence_rewrite_of_an_order_reads_as_written_around_a_link():
    assert (
        assess("Send the files to simply.jones@acme.test by Friday.").rewrite
        == "Could you send the files to simply.jones@acme.test by Friday?"
    )
    assert (
        assess("Upload the files to https://acme.test/Uploads/FINAL/ by Friday.").rewrite
        == "Could you upload the files to https://acme.test/Uploads/FINAL/ by Friday?"
    )


def test_softening_edits_only_outside_what_the_check_masks():
    text = "Just ALWAYS check https://acme.test/JUST/Always?a=1!! and simply.jones@acme.test!!"
    assert (
        tone_rewrite.soften(text, order=True, masked=mask(text))
        == "Could you often check https://acme.test/JUST/Always?a=1!! and simply.jones@acme.test?"
    )
    code = "`x` To be clear, it was late."
    assert tone_rewrite.soften(code, masked=mask(code)).startswith("`x` ")
    # Markup alone goes with the words it wraps when they go.
    framed = "As explained on <b>three separate occasions</b>, we cannot publish it."
    assert tone_rewrite.soften(framed, masked=mask(framed)) == "We cannot publish it."


def test_via_is_plain_agency_wording_not_irony():
    assert "irony" not in fired("We sent the files via WeTransfer.")
    assert "irony" not in fired("Via LinkedIn, the post reached 4,000 people.")


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "Apparently the files arrived via WeTransfer, so the new launch date is 14 June.",
            ["WeTransfer", "the new launch date is 14 June"],
        ),
        (
            "Funny how the budget went up again, the revised quote is 12,500 and it needs your"
            " signature.",
            ["the revised quote is 12,500 and it needs your signature"],
        ),
        (
            "Who knew legal would want changes, we now need the signed PO by Thursday…",
            ["we now need the signed PO by Thursday"],
        ),
    ],
)
def test_sarcasm_that_carries_facts_keeps_them_in_its_rewrite(text, facts):
    report = assess(text)
    for fact in facts:
        assert fact in report.rewrite
        assert all(fact in f.rewrite for f in report.findings if f.start == 0)


def test_sarcasm_loses_its_ironic_opening_and_keeps_the_rest():
    assert (
        tone_rewrite.soften(
            "Funny how the budget went up again, the revised quote is 12,500.", kind="sarcasm"
        )
        == "The budget went up, the revised quote is 12,500."
    )
    assert (
        tone_rewrite.soften(
            "Who knew legal would want changes, we now need the signed PO by Thursday.",
            kind="sarcasm",
        )
        == "Legal would want changes, we now need the signed PO by Thursday."
    )
    assert (
        tone_rewrite.soften("Tom, apparently the proofs went to Print on 3 May.", kind="sarcasm")
        == "Tom, the proofs went to Print on 3 May."
    )
    assert (
        tone_rewrite.soften("Oh great, the printer lost the 12 proofs.", kind="sarcasm")
        == "The printer lost the 12 proofs."
    )
    # With facts and no ironic phrase to take out, the sentence stays as it is: no rewrite.
    facts = "Thanks for moving the shoot to 9 March, the crew is thrilled."
    assert tone_rewrite.soften(facts, kind="sarcasm") == facts
    # A bare dig, with nothing else to say, still goes.
    assert tone_rewrite.soften("Who knew deadlines were optional.", kind="sarcasm") == ""


def test_hard_negatives_stay_unflagged():
    for text in [
        "I'm afraid we can't add a third round within the current budget, but I can send a quote.",
        "We missed the deadline, and I'm sorry. I should have checked.",
        "Please send the logo when you can.",
        "Congratulations on the launch!!",
        "We never share your data.",
        "The PDF, the CMYK proofs and the SEO report are attached.",
        "> You never reply to anything!!\n\nThanks Sam, the proofs are attached.",
        "Bonjour Claire, merci pour votre retour, nous envoyons les maquettes demain.",
    ]:
        assert not assess(text).flagged, text


def test_the_score_is_deterministic():
    text = "Why has nobody approved the hero image yet??? You keep moving the goalposts."
    first = [(f.start, f.end, f.kind, f.why, f.rewrite) for f in assess(text).findings]
    for _ in range(3):
        assert [(f.start, f.end, f.kind, f.why, f.rewrite) for f in assess(text).findings] == first
    s = sentence(text)
    assert tone_sentence.score(s).score == tone_sentence.score(s).score


@pytest.mark.parametrize(
    "text",
    [
        "NOT GOOD " * 1200,
        "you failed again and again " * 400,  # one sentence of 10,800 characters, no full stop
        "Why did you even send this " * 400,
        "Thanks for your 'feedback' " * 380,  # 380 thanks, each once a start for one pattern
    ],
)
def test_a_hostile_ten_thousand_character_text_costs_well_under_100_ms(text):
    assess("Hi Sam, this is NOT OK!! Why did you never reply? Send it now.")  # warm up
    costs = []
    for _ in range(3):  # the least of three: the machine may be busy with other work
        start = time.process_time()
        assess(text)
        costs.append((time.process_time() - start) * 1000)
    assert min(costs) < 100


def test_a_link_ending_a_sentence_keeps_the_sentence_whole_in_its_rewrite() -> None:
    from accord.insights import tone

    text = "Upload it immediately to https://acme.test/x. Now."
    report = tone.assess(text)
    first = report.findings[0]
    assert text[first.start : first.end] == "Upload it immediately to https://acme.test/x."
    assert report.rewrite == "Could you upload it as soon as possible to https://acme.test/x?"


def test_a_count_that_is_what_the_sentence_says_is_kept():
    assert (
        tone_rewrite.soften("Sorry, this is the third time I've had to reschedule.")
        == "Sorry, this is the third time I've had to reschedule."
    )
    assert tone_rewrite.soften("You sent the wrong file for the third time.") == (
        "You sent the wrong file."
    )


def test_a_sentence_holding_every_private_use_character_is_checked_without_error():
    text = (
        "Honestly, your lack of organisation at https://x.test is costing us "
        + "".join(map(chr, range(0xE000, 0xF900)))
        + " time."
    )
    report = assess(text)
    assert report.checked_chars == len(text)


# Polite agency sentences that share words with complaints ("again", "another", "why not",
# "thanks"): none is a finding.
POLITE = [
    "Thanks again for your patience while we sorted the server.",
    "Great to see you again last week!",
    "Lovely to work with you again on this.",
    "Again, thanks so much for everything.",
    "Love the new logo, can we see it on another background?",
    "Thanks for sending it again, the first link didn't work for us.",
    "So we'll send another draft on Monday.",
    "Cheers, I'll send the actual files tomorrow.",
    "Why not schedule a quick call for Monday?",
    "To recap, this is unfortunately not possible.",
]


@pytest.mark.parametrize("text", POLITE)
def test_polite_sentences_that_share_words_with_complaints_are_not_findings(text):
    assert not assess(text).flagged


# Polite sentences the learned wording finds harsh — it weighs topics of the labelled complaints
# ("the brief", "not", "again"; evals/tone/README.md): known false alarms, kept here so that a
# version that stops making them shows it.
WORDING_FALSE_ALARMS = [
    "Glad we finally found a date that works.",
    "Why not start with the smaller campaign and see how it goes?",
    "Not sure we need the logo on every page, what do you think?",
    "The brief is not final yet, we're still waiting on legal.",
    "You don't need to update the brief again, it's fine as it is.",
    "The brief has been signed off.",
]


@pytest.mark.xfail(strict=True, reason="a known false alarm of the learned wording")
@pytest.mark.parametrize("text", WORDING_FALSE_ALARMS)
def test_polite_sentences_the_wording_weighs_as_harsh(text):
    assert not assess(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "You idiot, the logo is upside down.",
        "What a stupid question.",
        "I can't believe how incompetent your team is.",
    ],
)
def test_an_insult_is_a_finding_whatever_the_score(text):
    assert assess(text).flagged


def test_an_owned_failing_is_not_an_insult():
    assert not tone_sentence.insulting(
        tone_sentence.features(sentence("That was clueless of us, sorry."))[0]
    )
