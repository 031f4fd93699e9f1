"""Review rounds: opened on the latest version for the agency (internal) or the client,
decided by their approvers under the round's rule, nudged and reminded when late."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Contact
from accord.core import events, policy
from accord.core.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NeedsConfirmation,
    NotAllowed,
)
from accord.core.notify import notify
from accord.core.text import one_line
from accord.reviews import rules
from accord.reviews.models import Decision, Guest, Reviewer, Round, Version
from accord.reviews.services.common import (
    ROUND_LABELS,
    actor_of,
    close_round,
    deliverable_url,
    is_guest,
    move_deliverable_for_review,
    name_of,
    round_audience,
)
from accord.work import queries as work_queries
from accord.work.models import Deliverable, Job
from accord.work.services.common import ensure_job_takes_work

MAX_REVIEWERS = 30
MAX_REASON = 1_000
MAX_DECISION_NOTE = 5_000
NUDGE_EVERY = timedelta(hours=1)
# Reminders to late reviewers: one a day, three at most.
REMIND_EVERY = timedelta(hours=24)
MAX_REMINDERS = 3
VERDICT_LABELS = dict(Decision.Verdict.choices)


@dataclass(frozen=True)
class Seat:
    """Someone to put on a round, and as what."""

    user: User
    role: str = Reviewer.Role.APPROVER


def latest_version(deliverable: Deliverable) -> Version | None:
    return deliverable.versions.order_by("-number").first()


def _locked(version: Version) -> tuple[Deliverable, Version]:
    Deliverable.objects.select_for_update().filter(pk=version.deliverable_id).values_list(
        "pk"
    ).get()
    deliverable = Deliverable.objects.select_related("job", "job__client").get(
        pk=version.deliverable_id
    )
    ensure_job_takes_work(deliverable.job)
    latest = latest_version(deliverable)
    if latest is None or latest.pk != version.pk:
        raise Conflict(
            f"Version {version.number} is no longer the latest of “{deliverable.title}”"
            + (f" (v{latest.number} is)" if latest else "")
            + ": review the latest one."
        )
    return deliverable, latest


def _check_seats(seats: list[Seat], *, stage: str, job: Job) -> list[Seat]:
    if not seats:
        raise InvalidInput("Choose who reviews this round.", field="reviewers")
    if len(seats) > MAX_REVIEWERS:
        raise InvalidInput(f"A round takes {MAX_REVIEWERS} reviewers at most.", field="reviewers")
    seen: dict[int, Seat] = {}
    for seat in seats:
        if seat.role not in Reviewer.Role.values:
            raise InvalidInput(f"“{seat.role}” is not a reviewer's role.", field="reviewers")
        seen[seat.user.pk] = seat  # the same person twice: the last choice counts
    people = list(seen.values())
    if stage == rules.INTERNAL:
        for seat in people:
            if not policy.is_staff_member(seat.user):
                raise InvalidInput(
                    f"{seat.user.name}: internal reviews are for the agency's people.",
                    field="reviewers",
                )
            # Someone who cannot see the job could never open the round, nor decide it.
            if not work_queries.visible_to(seat.user).filter(pk=job.pk).exists():
                raise InvalidInput(
                    f"{seat.user.name} does not work on this job: add them to its team first.",
                    field="reviewers",
                )
    else:
        _check_contacts(people, job.client_id)
    if not any(s.role == Reviewer.Role.APPROVER for s in people):
        raise InvalidInput("Name at least one approver: someone has to decide.", field="reviewers")
    return people


def _check_contacts(people: list[Seat], client_id: int) -> None:
    """Client reviewers are the client's contacts who review; approvers those who approve."""
    roles = dict(
        Contact.objects.filter(
            client_id=client_id, user__in=[s.user.pk for s in people], user__is_active=True
        ).values_list("user_id", "role")
    )
    for seat in people:
        if seat.user.pk not in roles:
            raise InvalidInput(
                f"{seat.user.name} is not a contact of this client.", field="reviewers"
            )
        if roles[seat.user.pk] == "viewer":
            raise InvalidInput(
                f"{seat.user.name} only views this client's work: make them a reviewer or "
                "an approver on the client's page first.",
                field="reviewers",
            )
        if seat.role == Reviewer.Role.APPROVER and roles[seat.user.pk] != "approver":
            raise InvalidInput(
                f"{seat.user.name} reviews but does not approve for the client: add them "
                "as a reviewer.",
                field="reviewers",
            )


def _internal_approval(version: Version) -> Round | None:
    return (
        version.rounds.filter(
            stage=rules.INTERNAL,
            status__in=[rules.APPROVED, rules.APPROVED_WITH_CHANGES],
        )
        .order_by("-closed_at")
        .first()
    )


def ledger_for(deliverable: Deliverable) -> rules.Ledger:
    statuses = deliverable.rounds.filter(stage=rules.CLIENT).values_list("status", flat=True)
    return rules.ledger(list(statuses), deliverable.job.client.revision_rounds_included)


@transaction.atomic
def open_round(
    *,
    by: User,
    version: Version,
    stage: str,
    seats: list[Seat],
    rule: str = Round.Rule.ANY,
    final_approver: User | None = None,
    due_at: datetime | None = None,
    override_reason: str = "",
    confirm: bool = False,
) -> Round:
    """Put the latest version to reviewers. A client round needs the version's internal
    approval, or the AM's reason to send it without (recorded); a round past the revision
    rounds the client's terms include is asked about first."""
    if stage not in Round.Stage.values:
        raise InvalidInput(f"“{stage}” is not a review stage.", field="stage")
    if rule not in Round.Rule.values:
        raise InvalidInput(f"“{rule}” is not a decision rule.", field="rule")
    deliverable, version = _locked(version)
    people = _check_seats(seats, stage=stage, job=deliverable.job)
    approvers = {s.user.pk for s in people if s.role == Reviewer.Role.APPROVER}
    if rule == Round.Rule.FINAL:
        if final_approver is None or final_approver.pk not in approvers:
            raise InvalidInput(
                "Choose the final approver among the round's approvers.", field="final_approver"
            )
    else:
        final_approver = None
    if due_at is not None and due_at <= timezone.now():
        raise InvalidInput("The due time has passed: give one ahead.", field="due_at")
    override_reason = " ".join(override_reason.split())
    if len(override_reason) > MAX_REASON:
        raise InvalidInput(f"Keep the reason under {MAX_REASON} characters.", field="reason")
    open_rounds = list(
        Round.objects.select_for_update().filter(deliverable=deliverable, status=rules.OPEN)
    )
    if any(r.stage == stage for r in open_rounds):
        raise Conflict(
            f"“{deliverable.title}” already has an open {stage} round: decide or cancel it first."
        )
    if stage == rules.CLIENT:
        override_reason = _check_sending(deliverable, version, override_reason, confirm=confirm)
        for internal in open_rounds:  # sent without waiting for it
            close_round(by=by, round=internal, to=rules.CANCELLED, deliverable=deliverable)
    now = timezone.now()
    round = Round.objects.create(
        version=version,
        deliverable=deliverable,
        client_id=deliverable.job.client_id,
        stage=stage,
        rule=rule,
        final_approver=final_approver,
        due_at=due_at,
        override_reason=override_reason,
        opened_by=by,
        opened_at=now,
        waiting_on=Round.Court.CLIENT if stage == rules.CLIENT else Round.Court.AGENCY,
        waiting_since=now,
    )
    Reviewer.objects.bulk_create(
        Reviewer(round=round, user=s.user, role=s.role, added_at=now) for s in people
    )
    move_deliverable_for_review(
        by=by, deliverable=deliverable, to=rules.deliverable_after_opening(stage)
    )
    events.record(
        actor=by,
        verb="round.opened",
        target=round,
        client=round.client_id,
        audience=round_audience(stage),
        data={
            "deliverable": deliverable.pk,
            "title": deliverable.title,
            "version": version.pk,
            "number": version.number,
            "stage": stage,
            "rule": rule,
            "sha256": version.sha256,
            "overridden": bool(override_reason),
        },
    )
    due = f" by {timezone.localtime(due_at):%-d %b, %H:%M}" if due_at else ""
    notify(
        people=[s.user for s in people],
        kind="review.requested",
        text=f"Please review “{deliverable.title}” (version {version.number}){due}.",
        url=deliverable_url(deliverable.pk),
        actor=by,
        client_id=round.client_id,
    )
    return round


def _check_sending(
    deliverable: Deliverable, version: Version, override_reason: str, *, confirm: bool
) -> str:
    """What a client round needs: the version's internal approval or a reason to send it
    without (the reason kept only then); past the terms' revision rounds, a confirmation."""
    if _internal_approval(version) is None:
        if not override_reason:
            raise NeedsReason(
                f"Version {version.number} has not been approved internally. Review it first, "
                "or say why it goes to the client without (the reason is recorded)."
            )
    else:
        override_reason = ""
    standing = ledger_for(deliverable)
    if standing.beyond and not confirm:
        rounds = "round" if standing.included == 1 else "rounds"
        raise NeedsConfirmation(
            f"{standing.words}: {deliverable.job.client.name}'s terms include "
            f"{standing.included} revision {rounds} per deliverable, and this one is beyond "
            "them. Send it anyway?"
        )
    return override_reason


class NeedsReason(InvalidInput):
    """Sending to the client without an internal approval takes a stated reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="reason")


def _lock_round(round: Round) -> Round:
    return Round.objects.select_for_update().select_related("version", "client").get(pk=round.pk)


def _closed_message(round: Round) -> str:
    if round.status == rules.SUPERSEDED and round.stage == rules.CLIENT:
        # Said to the client, who may not see the new version yet.
        return (
            "The agency replaced this version with a newer one while you were reviewing, so "
            "nothing was recorded: you will be asked to review the new one."
        )
    if round.status == rules.SUPERSEDED:
        latest = latest_version(round.deliverable)
        newer = f" (version {latest.number})" if latest else ""
        return (
            f"A newer version{newer} replaced version {round.version.number} while you were "
            "reviewing: nothing was recorded. Review the new one."
        )
    return (
        f"This round is already closed ({ROUND_LABELS[round.status].lower()}): nothing was "
        "recorded."
    )


@transaction.atomic
def decide(*, by: User | Guest, round: Round, verdict: str, note: str = "") -> Decision:
    """Record one approver's decision (immutable, with the version's SHA-256); the round ends
    when its rule says so, and the deliverable follows."""
    if verdict not in rules.VERDICTS:
        raise InvalidInput(f"“{verdict}” is not a decision.", field="verdict")
    note = note.strip()
    if verdict in rules.NEEDS_NOTE and not note:
        raise InvalidInput("Say what needs to change: a note is required.", field="note")
    if len(note) > MAX_DECISION_NOTE:
        raise InvalidInput(f"Keep the note under {MAX_DECISION_NOTE:,} characters.", field="note")
    Deliverable.objects.select_for_update().filter(pk=round.deliverable_id).values_list("pk").get()
    round = _lock_round(round)
    deliverable = Deliverable.objects.select_related("job").get(pk=round.deliverable_id)
    round.deliverable = deliverable
    if round.status != rules.OPEN:
        raise IllegalTransition(_closed_message(round))
    if paused(deliverable):
        raise IllegalTransition(
            f"“{deliverable.title}” is paused by the agency, so no decision can be recorded "
            "now: you will be asked again when it resumes."
        )
    seat = Reviewer.objects.filter(round=round, **{"guest" if is_guest(by) else "user": by}).first()
    if seat is None:
        raise NotAllowed("You are not a reviewer on this round.")
    if seat.role != Reviewer.Role.APPROVER:
        raise NotAllowed("You review this round with comments; its approvers make the decision.")
    earlier = Decision.objects.filter(reviewer=seat).first()
    if earlier is not None:
        raise IllegalTransition(
            f"You decided already ({VERDICT_LABELS[earlier.verdict].lower()}, "
            f"{timezone.localtime(earlier.decided_at):%-d %b %H:%M}); a decision is not changed. "
            "Add a comment to say more."
        )
    decision = Decision.objects.create(
        round=round,
        reviewer=seat,
        verdict=verdict,
        note=note,
        content_sha256=round.version.sha256,
    )
    events.record(
        actor=actor_of(by),
        verb="review.decided",
        target=decision,
        client=round.client_id,
        audience=round_audience(round.stage),
        data={
            "round": round.pk,
            "deliverable": deliverable.pk,
            "title": deliverable.title,
            "version": round.version_id,
            "number": round.version.number,
            "stage": round.stage,
            "verdict": verdict,
            "sha256": round.version.sha256,
            **({"guest": by.pk} if is_guest(by) else {}),
        },
    )
    outcome = outcome_of(round)
    if outcome is not None:
        close_round(by=by, round=round, to=outcome, deliverable=deliverable)
    _tell_the_team(by=by, round=round, deliverable=deliverable, verdict=verdict, note=note)
    return decision


def outcome_of(round: Round) -> str | None:
    """How the round ends under its rule with the decisions made (None: it waits). Approvers
    who can no longer decide (a deactivated person, a guest whose link was revoked or has
    expired) are not waited for, but what they decided still counts."""
    now = timezone.now()
    seats = list(
        Reviewer.objects.filter(round=round, role=Reviewer.Role.APPROVER).values_list(
            "pk", "user_id", "user__is_active", "guest__revoked_at", "guest__expires_at"
        )
    )
    decisions = dict(
        Decision.objects.filter(round=round)
        .order_by("decided_at", "pk")
        .values_list("reviewer_id", "verdict")
    )
    able = [
        pk
        for pk, user_id, active, revoked, expires in seats
        if pk in decisions
        or (user_id is not None and active)
        or (user_id is None and revoked is None and expires is not None and expires > now)
    ]
    final_seat = next(
        (pk for pk, user_id, *_ in seats if round.final_approver_id == user_id and user_id),
        None,
    )
    if not able:
        return None  # nobody left to decide: the account manager withdraws or adds someone
    return rules.round_outcome(round.rule, able, decisions, final_approver=final_seat)


@transaction.atomic
def settle(*, by: Any, round: Round) -> Round:
    """Close an open round if what has been decided now settles it (after an approver left)."""
    Deliverable.objects.select_for_update().filter(pk=round.deliverable_id).values_list("pk").get()
    round = _lock_round(round)
    if round.status != rules.OPEN:
        return round
    deliverable = Deliverable.objects.select_related("job").get(pk=round.deliverable_id)
    if paused(deliverable):  # settled when it resumes and someone decides; never blocks a caller
        return round
    if (outcome := outcome_of(round)) is not None:
        close_round(by=by, round=round, to=outcome, deliverable=deliverable)
    return round


def settle_stuck(*, limit: int = 100) -> int:
    """The worker's sweep: settle open rounds waiting on an approver who can no longer decide
    (deactivated, erased, or a guest whose link expired); each in its own transaction."""
    now = timezone.now()
    unable = Reviewer.objects.filter(
        round=OuterRef("pk"), role=Reviewer.Role.APPROVER, decision__isnull=True
    ).filter(
        Q(user__is_active=False)
        | Q(guest__revoked_at__isnull=False)
        | Q(guest__expires_at__lte=now)
    )
    stuck = list(
        Round.objects.filter(Exists(unable), status=rules.OPEN)
        .exclude(paused_q())
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    closed = 0
    for round_id in stuck:
        round = settle(by=None, round=Round.objects.get(pk=round_id))
        closed += round.status != rules.OPEN
    return closed


def managers_of(deliverable: Deliverable) -> list[User]:
    """Who runs a deliverable's reviews: the job's owner and the client's account manager."""
    job = deliverable.job
    ids = {job.owner_id, job.client.account_manager_id} - {None}
    return list(User.objects.filter(pk__in=ids, is_active=True))


def _tell_the_team(
    *, by: User | Guest, round: Round, deliverable: Deliverable, verdict: str, note: str
) -> None:
    people = managers_of(deliverable)
    if round.stage == rules.INTERNAL and round.version.uploaded_by_id:
        people += list(User.objects.filter(pk=round.version.uploaded_by_id))
    notify(
        people=people,
        kind="review.decided",
        text=f"{name_of(by)}: {VERDICT_LABELS[verdict].lower()} on “{deliverable.title}” "
        f"(version {round.version.number}).",
        url=deliverable_url(deliverable.pk),
        actor=actor_of(by),
        client_id=round.client_id,
        details=one_line(note)[:500],
    )


@transaction.atomic
def cancel_round(*, by: User, round: Round) -> Round:
    """The AM withdraws an open round (sent by mistake, the brief changed)."""
    Deliverable.objects.select_for_update().filter(pk=round.deliverable_id).values_list("pk").get()
    round = _lock_round(round)
    deliverable = Deliverable.objects.select_related("job").get(pk=round.deliverable_id)
    if round.status != rules.OPEN:
        raise IllegalTransition(_closed_message(round))
    close_round(by=by, round=round, to=rules.CANCELLED, deliverable=deliverable)
    if deliverable.status in (rules.INTERNAL_REVIEW, rules.CLIENT_REVIEW):
        move_deliverable_for_review(
            by=by, deliverable=deliverable, to=rules.IN_PRODUCTION, new_version=True
        )
    return round


def withdraw_open_rounds(by: Any, deliverable: Deliverable) -> None:
    """A cancelled deliverable's open rounds are withdrawn (no one is asked or reminded)."""
    for open_round in Round.objects.select_for_update().filter(
        deliverable=deliverable, status=rules.OPEN
    ):
        close_round(by=by, round=open_round, to=rules.CANCELLED, deliverable=deliverable)


PAUSED = ("on_hold", "cancelled")
# A job that is not open pauses its deliverables' reviews too.
JOB_PAUSED = ("on_hold", "done", "cancelled")


def paused(deliverable: Deliverable) -> bool:
    """Whether the agency paused the work (the deliverable or its job): no decision, reminder
    or nudge until it resumes."""
    return deliverable.status in PAUSED or deliverable.job.status in JOB_PAUSED


def paused_q() -> Q:
    return Q(deliverable__status__in=PAUSED) | Q(deliverable__job__status__in=JOB_PAUSED)


def waiting_reviewers(round: Round) -> list[Any]:
    """The round's approvers and reviewers who have not decided (reviewers never do: they are
    reminded while the round is open all the same, as their comments are asked for)."""
    return list(_waiting(Reviewer.objects.filter(round=round)).select_related("user"))


def _waiting(reviewers: QuerySet[Reviewer]) -> QuerySet[Reviewer]:
    return reviewers.filter(decision__isnull=True, user__is_active=True)


@transaction.atomic
def nudge(*, by: User, round: Round) -> int:
    """The AM reminds the round's undecided reviewers now; once an hour at most."""
    round = _lock_round(round)
    if round.status != rules.OPEN:
        raise IllegalTransition(_closed_message(round))
    if paused(Deliverable.objects.select_related("job").get(pk=round.deliverable_id)):
        raise IllegalTransition("The work is paused: nobody is reminded until it resumes.")
    now = timezone.now()
    waiting = [r for r in waiting_reviewers(round) if r.user_id]
    recent = [r for r in waiting if r.nudged_at and now - r.nudged_at < NUDGE_EVERY]
    if waiting and len(recent) == len(waiting):
        raise IllegalTransition(
            "They were reminded less than an hour ago: give them a little time."
        )
    if not waiting:
        raise IllegalTransition("Everyone on this round has decided already.")
    deliverable = Deliverable.objects.get(pk=round.deliverable_id)
    notify(
        people=[r.user for r in waiting],
        kind="review.nudged",
        text=f"A reminder from {by.name}: “{deliverable.title}” is waiting for your review.",
        url=deliverable_url(deliverable.pk),
        actor=by,
        client_id=round.client_id,
    )
    Reviewer.objects.filter(pk__in=[r.pk for r in waiting]).update(nudged_at=now)
    events.record(
        actor=by,
        verb="round.nudged",
        target=round,
        client=round.client_id,
        data={"deliverable": deliverable.pk, "reviewers": len(waiting)},
    )
    return len(waiting)


def remind_late(*, now: datetime | None = None, limit: int = 200) -> int:
    """The worker's sweep: remind reviewers of rounds past their due time (once a day, three
    times at most). Each round in its own transaction; returns how many were reminded."""
    now = now or timezone.now()
    # Only rounds with someone to remind: those reminded enough would fill every sweep.
    to_remind = _waiting(Reviewer.objects.filter(round=OuterRef("pk"))).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMIND_EVERY),
        user__isnull=False,
        reminders__lt=MAX_REMINDERS,
    )
    late = list(
        Round.objects.filter(Exists(to_remind), status=rules.OPEN, due_at__lt=now)
        .exclude(paused_q())
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
    reminded = 0
    for round_id in late:
        with transaction.atomic():
            round = Round.objects.select_for_update().select_related("deliverable").get(pk=round_id)
            if round.status != rules.OPEN:
                continue
            due = [
                r
                for r in waiting_reviewers(round)
                if r.user_id
                and r.reminders < MAX_REMINDERS
                and (r.reminded_at is None or now - r.reminded_at >= REMIND_EVERY)
            ]
            if not due:
                continue
            notify(
                people=[r.user for r in due],
                kind="review.reminder",
                text=f"“{round.deliverable.title}” was due for your review "
                f"{timezone.localtime(round.due_at):%-d %b, %H:%M}: it is still waiting for you.",
                url=deliverable_url(round.deliverable_id),
                client_id=round.client_id,
            )
            for r in due:
                r.reminded_at, r.reminders = now, r.reminders + 1
            Reviewer.objects.bulk_update(due, ["reminded_at", "reminders"])
            reminded += len(due)
    return reminded
