"""The tone check's sentence weights (tone_sentence.FEATURES, in order) and threshold,
written by `python -m accord.insights.train_tone --write` from dev.jsonl, heldout.jsonl.
Do not edit by hand: change the features or the sets and train again."""

THRESHOLD = 0.85
WEIGHTS: tuple[float, ...] = (
    -1.4973,  # bias
    +0.3444,  # reader
    +1.6645,  # reader_negative
    +1.8006,  # negative
    -1.2294,  # positive
    +3.4450,  # reader_negation
    +2.2664,  # cause_reader
    +1.4017,  # obligation
    -1.9189,  # first_person_fault
    -2.5410,  # apology
    -0.4531,  # hedge
    -0.2045,  # soft
    +0.1073,  # thanks
    +1.1824,  # rhetorical
    -0.8129,  # question_reader
    +2.1450,  # imperative
    +2.9173,  # urgent_order
    +0.8491,  # minimiser
    +1.6929,  # intensifier_charge
    +2.7027,  # intensifier
    +3.0734,  # recap
    +1.5589,  # understanding
    +1.0024,  # exasperation
    +4.3328,  # repeat_count
    +1.3045,  # absolute_reader
    +6.1179,  # caps
    +0.6944,  # exclaim
    +2.0293,  # exclaim_negative
    +2.8756,  # praise_setback
    +4.7632,  # irony
    +3.4036,  # scare_quotes
    +0.0000,  # smile_after_negative
    +0.2725,  # short
    +3.9973,  # rule
)
