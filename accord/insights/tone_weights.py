"""The tone check's sentence weights (tone_sentence.FEATURES, in order) and threshold,
written by `python -m accord.insights.train_tone --write` from dev.jsonl, heldout.jsonl.
Do not edit by hand: change the features or the sets and train again."""

THRESHOLD = 1.40
WEIGHTS: tuple[float, ...] = (
    -1.4941,  # bias
    +0.4559,  # reader
    +1.1583,  # reader_negative
    +2.4979,  # negative
    -1.2150,  # positive
    +2.1028,  # reader_negation
    +2.3657,  # cause_reader
    +1.2691,  # obligation
    -1.5207,  # first_person_fault
    -2.5543,  # apology
    -0.5710,  # hedge
    -0.2626,  # soft
    -0.1627,  # thanks
    +1.2877,  # rhetorical
    -0.8874,  # question_reader
    +2.0961,  # imperative
    +2.7312,  # urgent_order
    +0.6030,  # minimiser
    +1.8120,  # intensifier_charge
    +2.7412,  # intensifier
    +3.0970,  # recap
    +1.4731,  # understanding
    +1.1069,  # exasperation
    +3.2323,  # repeat_count
    +0.8181,  # absolute_reader
    +5.9831,  # caps
    +0.8639,  # exclaim
    +0.8932,  # exclaim_negative
    +2.6872,  # praise_setback
    +4.1575,  # irony
    +3.4809,  # scare_quotes
    +0.0000,  # smile_after_negative
    +0.3110,  # short
    +3.9941,  # rule
)
