"""Saves, proposals, sign-offs and conversions racing on PostgreSQL: the brief's row lock holds.

Each test starts threads together on many briefs in turn and checks the invariants afterwards:
a proposed brief has its proposed version, version numbers have no gaps, a stale save is refused
with `StaleBrief` (409), and nothing fails with anything but a domain error.
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from accord.core.errors import DomainError
from accord.intake import services
from accord.intake.models import Brief, SignOff
from accord.intake.services.briefs import StaleBrief
from accord.work.models import Job
from accord.work.services import start_job_from_brief
from tests.intake.view_helpers import draft_brief, proposed_brief, signed_brief, submitted_brief

ROUNDS = 12
Operation = Callable[[Brief, int], Any]


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: the in-memory SQLite test database cannot be shared "
            "safely between threads"
        )
    services.seed_templates()  # a transactional test may start from an emptied database


def race(briefs: list[Brief], operations: list[Operation]) -> list[list[str]]:
    """Run the operations together on each brief in turn, one thread each; per brief, what
    each operation came to: "ok", or the name of the domain error it raised."""
    start = threading.Barrier(len(operations))
    outcomes = [[""] * len(operations) for _ in briefs]
    unexpected: list[BaseException] = []

    def run(n: int, operation: Operation) -> None:
        try:
            for i, brief in enumerate(briefs):
                start.wait(timeout=60)
                try:
                    operation(brief, n)
                except DomainError as error:
                    outcomes[i][n] = type(error).__name__
                except BaseException as exc:  # reported by the assertion below
                    outcomes[i][n] = "unexpected"
                    unexpected.append(exc)
                else:
                    outcomes[i][n] = "ok"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(operations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert unexpected == [], f"not a domain error: {unexpected[:3]!r}"
    return outcomes


def assert_sound(brief: Brief) -> None:
    """The invariants every brief keeps, however its writers interleaved."""
    brief = Brief.objects.select_related("current_version", "proposed_version").get(pk=brief.pk)
    numbers = list(brief.versions.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1)), f"gaps in {numbers}"
    assert brief.current_version is not None
    assert brief.current_version.number == numbers[-1]
    if brief.status == Brief.Status.PROPOSED:
        assert brief.proposed_version == brief.current_version
    signed = SignOff.objects.filter(brief=brief, is_current=True).select_related("version")
    job = Job.objects.filter(brief=brief).first()
    if brief.status == Brief.Status.SIGNED_OFF:
        assert [s.version for s in signed] == [brief.current_version]
    elif brief.status == Brief.Status.CONVERTED and job is not None and job.brief_changed_at:
        # Changed in work (a change of plan): the sign-off stays the one the work started
        # from, and the job says the brief changed since.
        assert [s.version.number for s in signed] == [job.started_version]
        started = SignOff.objects.filter(brief=brief).order_by("-signed_at", "-pk").first()
        assert started is not None and started.version.number == job.started_version
        assert job.started_version < brief.current_version.number
    elif brief.status == Brief.Status.CONVERTED:
        assert [s.version for s in signed] == [brief.current_version]
    else:
        assert not signed.exists()
    assert (job is not None) == (brief.status == Brief.Status.CONVERTED)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_saves_from_the_same_version_one_wins_the_rest_are_stale(world):
    briefs = [submitted_brief(world, title=f"Launch {i}") for i in range(ROUNDS)]

    def save(brief: Brief, n: int) -> None:
        by = world.alice if n % 2 else world.carol
        services.save_answers(
            by=by, brief=brief, answers={"objective": f"Objective from writer {n}."}, base_version=1
        )

    outcomes = race(briefs, [save] * 4)
    for brief, outcome in zip(briefs, outcomes, strict=True):
        assert sorted(outcome) == ["StaleBrief"] * 3 + ["ok"], outcome
        assert brief.versions.count() == 2
        assert_sound(brief)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_a_proposal_racing_saves_leaves_the_proposed_version_in_place(world):
    briefs = [submitted_brief(world, title=f"Launch {i}") for i in range(ROUNDS)]

    def propose(brief: Brief, n: int) -> None:
        services.propose_for_sign_off(by=world.alice, brief=brief)

    def save(brief: Brief, n: int) -> None:
        current = Brief.objects.get(pk=brief.pk).current_version
        services.save_answers(
            by=world.carol,
            brief=brief,
            answers={"objective": f"Objective from writer {n}."},
            base_version=current.number if current else None,
        )

    outcomes = race(briefs, [propose, save, save])
    for brief, outcome in zip(briefs, outcomes, strict=True):
        assert set(outcome) <= {"ok", "StaleBrief", "IllegalTransition"}, outcome
        assert_sound(brief)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_a_sign_off_racing_a_save_signs_what_was_read_or_is_stale(world):
    briefs = [proposed_brief(world, title=f"Launch {i}") for i in range(ROUNDS)]

    def sign(brief: Brief, n: int) -> None:
        services.sign_off(by=world.carol, brief=brief, version_number=1)

    def save(brief: Brief, n: int) -> None:
        # Signed off first, this save is a change of plan: it says why.
        services.save_answers(
            by=world.alice,
            brief=brief,
            answers={"objective": "Sharper."},
            base_version=1,
            reason="A sharper objective.",
        )

    def propose(brief: Brief, n: int) -> None:
        services.propose_for_sign_off(by=world.alice, brief=brief)

    outcomes = race(briefs, [sign, save, propose])
    for brief, (signed, saved, _) in zip(briefs, outcomes, strict=True):
        assert saved == "ok"
        assert signed in ("ok", "StaleBrief", "IllegalTransition")
        assert_sound(brief)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_a_conversion_racing_a_save_starts_a_job_only_from_what_was_signed(world):
    briefs = [signed_brief(world, title=f"Launch {i}") for i in range(ROUNDS)]

    def convert(brief: Brief, n: int) -> None:
        start_job_from_brief(by=world.alice, brief=brief)

    def save(brief: Brief, n: int) -> None:
        services.save_answers(
            by=world.alice,
            brief=brief,
            answers={"objective": "Sharper."},
            base_version=1,
            reason="A sharper objective.",
        )

    outcomes = race(briefs, [convert, save, convert])
    for brief, outcome in zip(briefs, outcomes, strict=True):
        assert set(outcome) <= {"ok", "StaleBrief", "IllegalTransition"}, outcome
        assert outcome.count("ok") <= 2  # one conversion at most, and the save or not
        assert_sound(brief)
    assert StaleBrief.status == 409


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_people_saving_fields_of_one_draft_at_once_lose_nothing(world):
    briefs = [draft_brief(world, title=f"Launch {i}") for i in range(ROUNDS)]
    fields = ["objective", "audience", "key_message"]

    def own_field(brief: Brief, n: int) -> None:
        key = fields[n]
        services.save_answers(
            by=world.carol, brief=brief, answers={key: f"Writer {n}."}, bases={key: ""}
        )

    def same_field(brief: Brief, n: int) -> None:
        services.save_answers(
            by=world.alice,
            brief=brief,
            answers={"channels": f"Writer {n}."},
            bases={"channels": ""},
        )

    assert race(briefs, [own_field] * 3) == [["ok"] * 3] * ROUNDS
    for brief in briefs:
        answers = Brief.objects.get(pk=brief.pk).answers
        assert [answers[key] for key in fields] == ["Writer 0.", "Writer 1.", "Writer 2."]
    for brief, outcome in zip(briefs, race(briefs, [same_field] * 3), strict=True):
        assert sorted(outcome) == ["EditConflict"] * 2 + ["ok"], outcome
        winner = outcome.index("ok")
        assert Brief.objects.get(pk=brief.pk).answers["channels"] == f"Writer {winner}."
