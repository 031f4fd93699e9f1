"""Review rounds rule by rule: who may sit on one, when a client round may be sent, how
decisions end it under each rule, what a new version does to it, and who is told."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from accord.core.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NeedsConfirmation,
    NotAllowed,
)
from accord.core.models import Event, Notification, OutboundEmail
from accord.core.policy import ContactRole
from accord.reviews.models import Decision, Reviewer, Round
from accord.reviews.services import rounds
from accord.reviews.services.rounds import Seat
from accord.work.models import Deliverable, Job

from .helpers import (
    acme_contact,
    approved_internally,
    chain_intact,
    notified,
    sent,
    status_of,
    verbs_of,
)
from .review_data import banner_job, client_round, internal_round, upload


@pytest.fixture
def banner(world):
    return banner_job(world)


@pytest.fixture
def v1(world, banner):
    return upload(world, banner)


def _internal(world, version, seats, **more):
    return rounds.open_round(by=world.alice, version=version, stage="internal", seats=seats, **more)


def _client(world, version, seats, **more):
    more.setdefault("override_reason", "Carol wants it today")
    return rounds.open_round(by=world.alice, version=version, stage="client", seats=seats, **more)


# --- who sits on a round ----------------------------------------------------------------------


def test_internal_reviewers_are_the_agencys_people(world, v1):
    with pytest.raises(InvalidInput, match="Carol Acme: internal reviews are for the agency"):
        _internal(world, v1, [Seat(world.alice), Seat(world.carol)])
    assert not Round.objects.exists()


def test_internal_reviewers_see_the_job(world, v1):
    # Sam is not on Acme's job: he could neither open the round nor decide on it.
    with pytest.raises(InvalidInput, match="Sam Northwind does not work on this job"):
        _internal(world, v1, [Seat(world.alice), Seat(world.sam)])
    assert _internal(world, v1, [Seat(world.erin), Seat(world.dan, role="reviewer")])


def test_a_deactivated_colleague_cannot_review(world, v1):
    world.erin.is_active = False
    world.erin.save(update_fields=["is_active"])
    with pytest.raises(InvalidInput, match="internal reviews are for the agency"):
        _internal(world, v1, [Seat(world.erin)])


def test_client_reviewers_are_the_clients_contacts(world, v1):
    with pytest.raises(InvalidInput, match="Gus Globex is not a contact of this client"):
        _client(world, v1, [Seat(world.carol), Seat(world.gus)])
    with pytest.raises(InvalidInput, match="Alice Northwind is not a contact of this client"):
        _client(world, v1, [Seat(world.alice)])


def test_a_viewer_cannot_review_for_the_client(world, v1):
    vic = acme_contact(world, "Vic", ContactRole.VIEWER)
    with pytest.raises(InvalidInput, match="Vic Acme only views this client's work"):
        _client(world, v1, [Seat(world.carol), Seat(vic, role="reviewer")])


def test_a_reviewer_contact_cannot_approve(world, v1):
    with pytest.raises(InvalidInput, match="Ray Acme reviews but does not approve"):
        _client(world, v1, [Seat(world.ray)])
    made = _client(world, v1, [Seat(world.carol), Seat(world.ray, role="reviewer")])
    roles = dict(Reviewer.objects.filter(round=made).values_list("user__email", "role"))
    assert roles == {"carol@acme.test": "approver", "ray@acme.test": "reviewer"}


def test_someone_has_to_decide(world, v1):
    with pytest.raises(InvalidInput, match="Name at least one approver"):
        _internal(world, v1, [Seat(world.erin, role="reviewer")])
    with pytest.raises(InvalidInput, match="Choose who reviews"):
        _internal(world, v1, [])
    with pytest.raises(InvalidInput, match="not a reviewer's role"):
        _internal(world, v1, [Seat(world.erin, role="boss")])


def test_the_final_rule_needs_a_final_approver_among_the_approvers(world, v1):
    seats = [Seat(world.erin), Seat(world.dan, role="reviewer")]
    with pytest.raises(InvalidInput, match="final approver among the round's approvers"):
        _internal(world, v1, seats, rule="final")
    with pytest.raises(InvalidInput, match="final approver among the round's approvers"):
        _internal(world, v1, seats, rule="final", final_approver=world.dan)
    made = _internal(world, v1, seats, rule="final", final_approver=world.erin)
    assert made.final_approver == world.erin


def test_the_final_approver_is_kept_only_under_the_final_rule(world, v1):
    made = _internal(world, v1, [Seat(world.erin)], rule="any", final_approver=world.erin)
    assert made.final_approver is None


def test_unknown_stage_or_rule_is_refused(world, v1):
    with pytest.raises(InvalidInput, match="not a review stage"):
        rounds.open_round(by=world.alice, version=v1, stage="board", seats=[Seat(world.erin)])
    with pytest.raises(InvalidInput, match="not a decision rule"):
        _internal(world, v1, [Seat(world.erin)], rule="majority")


def test_a_due_time_in_the_past_is_refused(world, v1):
    with pytest.raises(InvalidInput, match="The due time has passed"):
        _internal(world, v1, [Seat(world.erin)], due_at=timezone.now() - timedelta(minutes=1))
    due = timezone.now() + timedelta(days=1)
    assert _internal(world, v1, [Seat(world.erin)], due_at=due).due_at == due


def test_only_the_latest_version_goes_to_review(world, banner, v1):
    upload(world, banner)
    with pytest.raises(Conflict, match=r"Version 1 is no longer the latest .* \(v2 is\)"):
        internal_round(world, v1)


def test_a_second_open_round_of_the_same_stage_is_refused(world, v1):
    internal_round(world, v1)
    with pytest.raises(Conflict, match="already has an open internal round"):
        _internal(world, v1, [Seat(world.erin)])
    assert Round.objects.filter(status="open").count() == 1


def test_no_round_on_a_finished_job(world, banner, v1):
    Job.objects.filter(pk=banner.job_id).update(status="done")
    with pytest.raises(IllegalTransition, match="its work no longer changes"):
        internal_round(world, v1)


# --- sending to the client --------------------------------------------------------------------


def test_sending_without_internal_approval_needs_a_reason(world, banner, v1):
    with pytest.raises(rounds.NeedsReason, match="has not been approved internally") as refused:
        client_round(world, v1)
    assert refused.value.field == "reason"
    made = client_round(world, v1, override_reason="  Carol asked\nto see it   today ")
    assert made.override_reason == "Carol asked to see it today"
    (opened,) = Event.objects.filter(verb="round.opened")
    assert opened.data["overridden"] is True


def test_sending_with_internal_approval_drops_the_reason(world, v1):
    approved_internally(world, v1)
    made = client_round(world, v1, override_reason="No need")
    assert made.override_reason == ""
    assert (
        Event.objects.get(verb="round.opened", target_id=str(made.pk)).data["overridden"] is False
    )


def test_an_internal_approval_of_an_older_version_does_not_count(world, banner, v1):
    approved_internally(world, v1)
    v2 = upload(world, banner)
    with pytest.raises(rounds.NeedsReason):
        client_round(world, v2)


def test_sending_cancels_the_open_internal_round(world, banner, v1):
    internal = internal_round(world, v1)
    made = client_round(world, v1, override_reason="Deadline")
    assert status_of(internal) == "cancelled"
    assert status_of(made) == "open"
    assert status_of(banner) == "client_review"


def test_a_reason_is_kept_short(world, v1):
    with pytest.raises(InvalidInput, match="Keep the reason under"):
        client_round(world, v1, override_reason="x" * 1_001)


def _ask_for_changes(world, made):
    rounds.decide(by=world.carol, round=made, verdict="changes_required", note="Bigger logo")


def test_past_the_revision_rounds_included_the_am_confirms(world, banner):
    world.acme.revision_rounds_included = 1
    world.acme.save(update_fields=["revision_rounds_included"])
    _, first = sent(world, banner)
    _ask_for_changes(world, first)
    _, revision = sent(world, banner)  # revision round 1 of 1: included
    _ask_for_changes(world, revision)
    v3 = upload(world, banner)
    approved_internally(world, v3)
    with pytest.raises(NeedsConfirmation, match="Revision round 2 of 1 included: Acme Foods's"):
        client_round(world, v3)
    assert not Round.objects.filter(version=v3, stage="client").exists()
    assert client_round(world, v3, confirm=True).status == "open"
    assert rounds.ledger_for(banner).client_rounds == 3


def test_superseded_client_rounds_do_not_use_up_revisions(world, banner):
    world.acme.revision_rounds_included = 0
    world.acme.save(update_fields=["revision_rounds_included"])
    sent(world, banner)
    _, again = sent(world, banner)  # the first was replaced before anyone decided
    assert rounds.ledger_for(banner).revisions_used == 0
    _ask_for_changes(world, again)
    v3 = upload(world, banner)
    with pytest.raises(NeedsConfirmation):
        client_round(world, v3, override_reason="Urgent")


# --- deciding ---------------------------------------------------------------------------------


def test_changes_need_a_note(world, banner):
    _, made = sent(world, banner)
    for verdict in ("changes_required", "approved_with_changes"):
        with pytest.raises(InvalidInput, match="a note is required") as refused:
            rounds.decide(by=world.carol, round=made, verdict=verdict, note="   ")
        assert refused.value.field == "note"
    with pytest.raises(InvalidInput, match="not a decision"):
        rounds.decide(by=world.carol, round=made, verdict="love it")
    with pytest.raises(InvalidInput, match="Keep the note under"):
        rounds.decide(by=world.carol, round=made, verdict="approved", note="x" * 5_001)
    assert not Decision.objects.filter(round=made).exists()


def test_only_approvers_on_the_round_decide(world, banner):
    _, made = sent(world, banner)
    with pytest.raises(NotAllowed, match="its approvers make the decision"):
        rounds.decide(by=world.ray, round=made, verdict="approved")
    with pytest.raises(NotAllowed, match="You are not a reviewer on this round"):
        rounds.decide(by=world.alice, round=made, verdict="approved")
    assert status_of(made) == "open"


def test_a_decision_is_made_once(world, banner):
    pat = acme_contact(world, "Pat")
    v1 = upload(world, banner)
    approved_internally(world, v1)
    made = _client(world, v1, [Seat(world.carol), Seat(pat)], rule="all")
    rounds.decide(by=world.carol, round=made, verdict="approved")
    with pytest.raises(IllegalTransition, match=r"You decided already \(approved, .*\)"):
        rounds.decide(by=world.carol, round=made, verdict="changes_required", note="Oh wait")
    assert Decision.objects.get(round=made).verdict == "approved"


def test_no_decision_on_a_superseded_round(world, banner):
    _, made = sent(world, banner)
    upload(world, banner)
    # Said to the client, who may not see version 2 yet: no number.
    with pytest.raises(IllegalTransition, match="replaced this version with a newer one"):
        rounds.decide(by=world.carol, round=made, verdict="approved")
    assert not Decision.objects.filter(round=made).exists()


def test_no_decision_on_a_cancelled_round(world, banner):
    _, made = sent(world, banner)
    rounds.cancel_round(by=world.alice, round=made)
    with pytest.raises(IllegalTransition, match=r"already closed \(cancelled\)"):
        rounds.decide(by=world.carol, round=made, verdict="approved")
    assert status_of(banner) == "in_production"


def test_a_decision_holds_the_versions_fingerprint_and_is_recorded(world, banner):
    version, made = sent(world, banner)
    decision = rounds.decide(by=world.carol, round=made, verdict="approved", note=" Lovely ")
    assert decision.content_sha256 == version.sha256 and len(version.sha256) == 64
    assert decision.note == "Lovely"
    decided = Event.objects.get(verb="review.decided", target_id=str(decision.pk))
    assert decided.actor_id == world.carol.pk and decided.audience == "client"
    assert decided.data["sha256"] == version.sha256 and decided.data["verdict"] == "approved"
    assert verbs_of(made) == ["round.opened", "round.closed"]
    closed = Event.objects.get(verb="round.closed", target_id=str(made.pk))
    assert closed.data["outcome"] == "approved"
    assert chain_intact()


def test_the_deliverable_follows_the_client_decision(world, banner):
    _, made = sent(world, banner)
    rounds.decide(by=world.carol, round=made, verdict="approved_with_changes", note="Comma")
    assert status_of(made) == "approved_with_changes"
    assert status_of(banner) == "approved"
    assert Round.objects.get(pk=made.pk).waiting_on == "nobody"


def test_internal_changes_send_it_back_into_production(world, banner, v1):
    internal = internal_round(world, v1)
    rounds.decide(by=world.alice, round=internal, verdict="changes_required", note="Tighter")
    assert status_of(internal) == "changes_required"
    assert status_of(banner) == "in_production"


def test_all_rule_waits_for_every_approver(world, banner):
    pat = acme_contact(world, "Pat")
    v1 = upload(world, banner)
    approved_internally(world, v1)
    made = _client(
        world, v1, [Seat(world.carol), Seat(pat), Seat(world.ray, role="reviewer")], rule="all"
    )
    rounds.decide(by=world.carol, round=made, verdict="approved")
    assert status_of(made) == "open" and status_of(banner) == "client_review"
    rounds.decide(by=pat, round=made, verdict="approved_with_changes", note="Typo in line 2")
    assert status_of(made) == "approved_with_changes"
    assert status_of(banner) == "approved"
    assert Event.objects.filter(verb="round.closed", target_id=str(made.pk)).count() == 1


def test_all_rule_closes_on_the_first_request_for_changes(world, banner, v1):
    made = _internal(world, v1, [Seat(world.alice), Seat(world.erin)], rule="all")
    rounds.decide(by=world.erin, round=made, verdict="changes_required", note="Off brand")
    assert status_of(made) == "changes_required"
    with pytest.raises(IllegalTransition, match="already closed"):
        rounds.decide(by=world.alice, round=made, verdict="approved")


def test_final_rule_only_the_final_approver_ends_it(world, banner):
    pat = acme_contact(world, "Pat")
    v1 = upload(world, banner)
    approved_internally(world, v1)
    made = _client(world, v1, [Seat(world.carol), Seat(pat)], rule="final", final_approver=pat)
    rounds.decide(by=world.carol, round=made, verdict="changes_required", note="Not sure")
    assert status_of(made) == "open"
    rounds.decide(by=pat, round=made, verdict="approved")
    assert status_of(made) == "approved"
    assert status_of(banner) == "approved"


def test_cancelling_is_for_open_rounds(world, banner, v1):
    made = internal_round(world, v1)
    rounds.cancel_round(by=world.alice, round=made)
    assert status_of(banner) == "in_production"
    with pytest.raises(IllegalTransition, match="already closed"):
        rounds.cancel_round(by=world.alice, round=made)


# --- new versions -----------------------------------------------------------------------------


def test_a_new_version_supersedes_the_open_client_round(world, banner):
    _, made = sent(world, banner)
    upload(world, banner)
    assert status_of(made) == "superseded"
    assert status_of(banner) == "in_production"
    assert Round.objects.get(pk=made.pk).closed_at is not None


def test_a_new_version_takes_an_approved_deliverable_back_into_production(world, banner):
    _, made = sent(world, banner)
    rounds.decide(by=world.carol, round=made, verdict="approved")
    assert status_of(banner) == "approved"
    v2 = upload(world, banner)
    assert status_of(banner) == "in_production"
    assert status_of(made) == "approved"  # what was approved stays approved, for version 1
    with pytest.raises(rounds.NeedsReason):  # the approval does not carry over to version 2
        client_round(world, v2)


# --- who is told ------------------------------------------------------------------------------


def test_reviewers_are_told_when_a_round_opens_in_the_same_transaction(world, v1):
    _internal(world, v1, [Seat(world.alice), Seat(world.erin), Seat(world.dan, role="reviewer")])
    assert notified(world.erin, "review.requested") == 1
    assert notified(world.dan, "review.requested") == 1
    assert notified(world.alice, "review.requested") == 0  # she opened it
    assert (
        OutboundEmail.objects.filter(subject__contains="Please review “Hero banner”").count() == 2
    )


def test_a_round_that_is_rolled_back_leaves_no_notification(world, v1):
    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        internal_round(world, v1)
        assert Notification.objects.filter(kind="review.requested").exists()
        raise Undo
    assert not Round.objects.exists()
    assert not Notification.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_the_team_is_told_of_a_decision_but_not_the_one_who_made_it(world, banner, v1):
    internal = internal_round(world, v1)
    rounds.decide(by=world.alice, round=internal, verdict="approved")
    assert notified(world.dan, "review.decided") == 1  # he uploaded it
    assert notified(world.alice, "review.decided") == 0
    made = client_round(world, v1)
    rounds.decide(by=world.carol, round=made, verdict="changes_required", note="Bigger logo")
    assert notified(world.alice, "review.decided") == 1
    assert notified(world.carol, "review.decided") == 0
    (told,) = Notification.objects.filter(user=world.alice, kind="review.decided")
    assert told.text == "Carol Acme: changes required on “Hero banner” (version 1)."


def test_a_nudge_once_an_hour(world, banner):
    _, made = sent(world, banner)
    assert rounds.nudge(by=world.alice, round=made) == 2
    assert notified(world.carol, "review.nudged") == 1
    assert notified(world.ray, "review.nudged") == 1
    with pytest.raises(IllegalTransition, match="less than an hour ago"):
        rounds.nudge(by=world.alice, round=made)
    Reviewer.objects.filter(round=made).update(nudged_at=timezone.now() - timedelta(minutes=61))
    assert rounds.nudge(by=world.alice, round=made) == 2
    assert notified(world.carol, "review.nudged") == 2
    assert Event.objects.filter(verb="round.nudged").count() == 2


def test_no_nudge_on_a_closed_round(world, banner):
    _, made = sent(world, banner)
    rounds.decide(by=world.carol, round=made, verdict="approved")
    with pytest.raises(IllegalTransition, match="already closed"):
        rounds.nudge(by=world.alice, round=made)


def _late_round(world, banner, **more):
    due = timezone.now() + timedelta(hours=1)
    _, made = sent(world, banner, due_at=due, **more)
    return made, due


def test_late_reviewers_are_reminded_once_a_day_three_times_at_most(world, banner):
    made, due = _late_round(world, banner)
    assert rounds.remind_late(now=due - timedelta(minutes=1)) == 0  # not late yet
    after = due + timedelta(minutes=5)
    assert rounds.remind_late(now=after) == 2
    assert rounds.remind_late(now=after + timedelta(hours=23)) == 0
    assert rounds.remind_late(now=after + timedelta(hours=24)) == 2
    assert rounds.remind_late(now=after + timedelta(hours=48)) == 2
    assert rounds.remind_late(now=after + timedelta(hours=72)) == 0
    assert notified(world.carol, "review.reminder") == 3
    assert notified(world.ray, "review.reminder") == 3
    assert set(Reviewer.objects.filter(round=made).values_list("reminders", flat=True)) == {3}


def test_those_who_decided_are_not_reminded(world, banner):
    pat = acme_contact(world, "Pat")
    due = timezone.now() + timedelta(hours=1)
    v1 = upload(world, banner)
    approved_internally(world, v1)
    made = _client(world, v1, [Seat(world.carol), Seat(pat)], rule="all", due_at=due)
    rounds.decide(by=world.carol, round=made, verdict="approved")
    assert rounds.remind_late(now=due + timedelta(hours=1)) == 1
    assert notified(pat, "review.reminder") == 1
    assert notified(world.carol, "review.reminder") == 0


def test_closed_rounds_are_not_reminded(world, banner):
    made, due = _late_round(world, banner)
    rounds.decide(by=world.carol, round=made, verdict="approved")
    assert rounds.remind_late(now=due + timedelta(hours=1)) == 0


def test_rounds_reminded_enough_do_not_hold_up_the_later_ones(world, banner):
    first, due = _late_round(world, banner)
    Reviewer.objects.filter(round=first).update(reminders=rounds.MAX_REMINDERS)
    other = Deliverable.objects.create(job=banner.job, title="Poster", owner=world.dan)
    later, _ = _late_round(world, other)
    # One round a sweep: the one reminded enough is not the one the sweep spends it on.
    assert rounds.remind_late(now=due + timedelta(hours=2), limit=1) == 2
    assert set(Reviewer.objects.filter(round=later).values_list("reminders", flat=True)) == {1}
