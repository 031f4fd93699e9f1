"""The tone check's sentence weights (tone_sentence.FEATURES, in order) and threshold,
written by `python -m accord.insights.train_tone --write` from
dev.jsonl, heldout.jsonl, heldout2.jsonl, heldout3.jsonl, train-a.jsonl, train-b.jsonl,
train-c.jsonl, train-d.jsonl, train-e.jsonl, train-f.jsonl, train-g.jsonl, train-h.jsonl,
train-i.jsonl, train-j.jsonl.
Do not edit by hand: change the features or the sets and train again."""

THRESHOLD = 0.20
WEIGHTS: tuple[float, ...] = (
    -0.8228,  # bias
    -0.1110,  # reader
    +0.5824,  # reader_negative
    -1.6952,  # negative
    -1.8010,  # positive
    +1.3375,  # reader_negation
    +0.7006,  # cause_reader
    +0.7952,  # obligation
    -0.2883,  # first_person_fault
    -2.7205,  # apology
    +0.0109,  # hedge
    -0.3242,  # soft
    +0.1272,  # thanks
    +1.0427,  # rhetorical
    +0.6346,  # question_reader
    +0.5185,  # imperative
    +1.4605,  # urgent_order
    +0.0133,  # minimiser
    +2.2579,  # intensifier_charge
    -0.2052,  # intensifier
    +2.0617,  # recap
    +0.5437,  # understanding
    +0.2030,  # exasperation
    +2.4837,  # repeat_count
    +0.2381,  # absolute_reader
    +1.1711,  # caps
    -1.3776,  # exclaim
    +1.2147,  # exclaim_negative
    +1.0770,  # praise_setback
    +2.5719,  # praise_situation
    +0.6602,  # ironic_tag
    +3.1669,  # demand
    +2.1235,  # irony
    +1.3589,  # scare_quotes
    +0.0582,  # smile_after_negative
    +0.0000,  # insult
    +0.3477,  # short
    +1.0000,  # wording
    +3.4088,  # rule_blame
    +2.5854,  # rule_condescension
    +3.4527,  # rule_absolute
    +2.1479,  # rule_shouting
    +2.2150,  # rule_command
    +2.5252,  # rule_sarcasm
)
