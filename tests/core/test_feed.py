"""Every event Accord records reads as a sentence in the activity feed."""

import re
from pathlib import Path

import pytest

import accord
from accord.core import feed, verbs
from accord.core.models import Event
from accord.intake.models import Request


def _recorded_verbs() -> set[str]:
    """Every verb the code records: literal ones, and the request decisions."""
    verbs: set[str] = set()
    for source in Path(accord.__file__).parent.rglob("*.py"):
        verbs |= set(re.findall(r'verb="([a-z_]+\.[a-z_]+)"', source.read_text()))
    verbs |= {f"request.{status}" for status in (Request.Status.DECLINED, Request.Status.PARKED)}
    return verbs


def test_every_recorded_verb_is_declared():
    recorded = _recorded_verbs()
    assert "brief.signed_off" in recorded and "job.started" in recorded  # the scan finds them
    assert sorted(recorded - set(verbs.REGISTRY)) == []


def _say(verb: str, **data) -> str:
    return feed.describe(Event(verb=verb, data=data))


@pytest.mark.parametrize(
    ("verb", "data", "sentence"),
    [
        (
            "request.submitted",
            {"title": "Spring launch posts", "source": "portal"},
            "Accord sent the request “Spring launch posts”.",
        ),
        (
            "request.submitted",
            {"title": "Menu cards", "source": "phone"},
            "Accord logged the request “Menu cards” (by phone).",
        ),
        (
            "request.declined",
            {"reason": "We don't do print."},
            "Accord declined a request: “We don't do print.”",
        ),
        ("request.parked", {}, "Accord parked a request for now."),
        (
            "request.declined",
            {"title": "Menu cards", "reason": "We don't do print."},
            "Accord declined the request “Menu cards”: “We don't do print.”",
        ),
        (
            "brief.started",
            {"title": "Spring launch", "template": "Social campaign"},
            "Accord started the brief “Spring launch” from the Social campaign template.",
        ),
        (
            "brief.changed",
            {"version": 3, "fields": ["Budget", "Deadline"]},
            "Accord changed “Budget” and “Deadline”, making version 3 of the brief.",
        ),
        (
            "brief.changed",
            {"version": 4, "fields": ["A", "B", "C", "D", "E"]},
            "Accord changed “A”, “B”, “C” and 2 more, making version 4 of the brief.",
        ),
        (
            "brief.submitted",
            {"version": 1, "completeness": 80},
            "Accord sent a brief (version 1, 80% complete).",
        ),
        (
            "brief.question_asked",
            {"text": "Which stores?"},
            "Accord asked about a brief: “Which stores?”",
        ),
        (
            "brief.proposed",
            {"title": "Spring launch", "version": 2},
            "Accord asked the client to sign off version 2 of the brief “Spring launch”.",
        ),
        (
            "brief.submitted",
            {"title": "Spring launch", "version": 1, "completeness": 80},
            "Accord sent the brief “Spring launch” (version 1, 80% complete).",
        ),
        (
            "brief.signed_off",
            {"version": 2, "sha256": "ab" * 32},
            "Accord signed off version 2 of the brief (fingerprint ABAB-ABAB).",
        ),
        (
            "job.started",
            {"title": "Spring launch", "version": 2},
            "Accord started the job “Spring launch” from version 2 of the brief.",
        ),
        ("job.started", {}, "Accord started a job."),
    ],
)
def test_intake_and_work_events_read_as_sentences(verb, data, sentence):
    assert _say(verb, **data) == sentence


def test_a_long_question_is_shortened_in_the_feed():
    said = _say("brief.question_asked", text="word " * 100)
    assert said.endswith("…”") and len(said) < 180
