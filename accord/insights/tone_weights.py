"""The tone check's sentence weights (tone_sentence.FEATURES, in order) and threshold,
written by `python -m accord.insights.train_tone --write` from
dev.jsonl, heldout.jsonl, heldout2.jsonl, heldout3.jsonl, heldout4a.jsonl, heldout4b.jsonl,
heldout4c.jsonl, train-a.jsonl, train-b.jsonl, train-c.jsonl, train-d.jsonl, train-e.jsonl,
train-f.jsonl, train-g.jsonl, train-h.jsonl, train-i.jsonl, train-j.jsonl, train-k.jsonl,
train-l.jsonl, train-m.jsonl, train-n.jsonl, train-o.jsonl, train-p.jsonl.
Do not edit by hand: change the features or the sets and train again."""

THRESHOLD = -0.50
WEIGHTS: tuple[float, ...] = (
    -3.3208,  # bias
    +0.0670,  # reader
    +1.1591,  # reader_negative
    +0.1882,  # negative
    -0.8980,  # positive
    +2.1531,  # reader_negation
    +0.9794,  # cause_reader
    +1.4772,  # obligation
    -0.3266,  # first_person_fault
    -3.3640,  # apology
    +0.5187,  # hedge
    -0.2238,  # soft
    -0.6224,  # thanks
    +1.2420,  # rhetorical
    +1.1162,  # question_reader
    +1.2542,  # imperative
    +1.3576,  # urgent_order
    +0.1724,  # minimiser
    +1.7911,  # intensifier_charge
    +0.8476,  # intensifier
    +2.3458,  # recap
    +1.3560,  # understanding
    +0.1771,  # exasperation
    +3.2312,  # repeat_count
    +0.7327,  # absolute_reader
    +1.2867,  # caps
    -1.2185,  # exclaim
    +0.7121,  # exclaim_negative
    +1.1643,  # praise_setback
    +3.7294,  # praise_situation
    -0.6390,  # ironic_tag
    +4.1103,  # demand
    +3.6305,  # irony
    +2.6258,  # scare_quotes
    -0.0743,  # smile_after_negative
    +0.0000,  # insult
    -0.3708,  # short
    +1.0000,  # wording
    +3.8657,  # rule_blame
    +3.6634,  # rule_condescension
    +4.1111,  # rule_absolute
    +3.9081,  # rule_shouting
    +3.7853,  # rule_command
    +3.7527,  # rule_sarcasm
)
