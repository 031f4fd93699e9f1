"""Every write about deliverables; their status changes only in `move_deliverable`."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import Conflict, IllegalTransition, InvalidInput, NotAllowed
from accord.core.policy import Audience
from accord.work import access, rules
from accord.work.models import Deliverable, Job
from accord.work.services.common import (
    check_due,
    clean_title,
    ensure_can_take_work,
    ensure_job_takes_work,
    ensure_revision,
)

MAX_PER_JOB = 500
LABELS = dict(Deliverable.Status.choices)
# Statuses only a review round reaches, when an app runs reviews (it registers them): a version
# with the client, the client's request for changes and the client's approval record what the
# client was shown and decided, so they are never reached by moving a card.
_through_reviews: dict[str, str] = {}


def reached_through_reviews(statuses: dict[str, str]) -> None:
    """Register statuses (with why, in words) that only review rounds move a deliverable into."""
    _through_reviews.update(statuses)


# What higher apps do when a deliverable is stopped (cancelled), in the same transaction: the
# reviews app withdraws its open rounds.
_on_stopped: list[Callable[[Any, Deliverable], None]] = []


def when_stopped(hook: Callable[[Any, Deliverable], None]) -> None:
    if hook not in _on_stopped:
        _on_stopped.append(hook)


def _clean(*, kind: str, channel: str, format: str) -> tuple[str, str, str]:
    if kind not in Deliverable.Kind.values:
        raise InvalidInput(f"“{kind}” is not a kind of deliverable.", field="kind")
    channel, format = " ".join(channel.split()), " ".join(format.split())
    if len(channel) > 80 or len(format) > 80:
        raise InvalidInput("Keep channel and format under 80 characters each.", field="channel")
    return kind, channel, format


@transaction.atomic
def add_deliverable(
    *,
    by: User,
    job: Job,
    title: str,
    kind: str = Deliverable.Kind.OTHER,
    channel: str = "",
    format: str = "",
    due_on: date | None = None,
    owner: User | None = None,
    confirm: bool = False,
) -> Deliverable:
    """Add a deliverable to a job; a due date after the job's deadline is asked about."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    ensure_job_takes_work(job)
    title = clean_title(title)
    kind, channel, format = _clean(kind=kind, channel=channel, format=format)
    ensure_can_take_work(owner, field="owner")
    check_due(due_on, job, confirm=confirm)
    count = job.deliverables.count()
    if count >= MAX_PER_JOB:
        raise InvalidInput(f"A job holds {MAX_PER_JOB} deliverables at most.")
    last = job.deliverables.aggregate(m=Max("position"))["m"]
    deliverable = Deliverable.objects.create(
        job=job,
        title=title,
        kind=kind,
        channel=channel,
        format=format,
        due_on=due_on,
        owner=owner,
        position=(last or 0) + 1,
    )
    events.record(
        actor=by,
        verb="deliverable.added",
        target=deliverable,
        client=job.client_id,
        audience=Audience.INTERNAL,
        data={"job": job.pk, "title": title, "kind": kind},
    )
    return deliverable


@transaction.atomic
def update_deliverable(
    *,
    by: User,
    deliverable: Deliverable,
    base_revision: int | None,
    title: str,
    kind: str,
    channel: str = "",
    format: str = "",
    due_on: date | None = None,
    owner: User | None = None,
    confirm: bool = False,
) -> Deliverable:
    """Change a deliverable's details (not its status); refused if changed since read."""
    Deliverable.objects.select_for_update().filter(pk=deliverable.pk).values_list("pk").get()
    deliverable = Deliverable.objects.select_related("job").get(pk=deliverable.pk)
    ensure_job_takes_work(deliverable.job)
    ensure_revision(deliverable.revision, base_revision, f"“{deliverable.title}”")
    title = clean_title(title)
    kind, channel, format = _clean(kind=kind, channel=channel, format=format)
    if (owner.pk if owner else None) != deliverable.owner_id:  # one who left keeps what they had
        ensure_can_take_work(owner, field="owner")
    if due_on != deliverable.due_on:
        check_due(due_on, deliverable.job, confirm=confirm)
    changes = {
        "title": title,
        "kind": kind,
        "channel": channel,
        "format": format,
        "due_on": due_on,
        "owner_id": owner.pk if owner else None,
    }
    changed = [f for f, v in changes.items() if getattr(deliverable, f) != v]
    if not changed:
        return deliverable
    for name, value in changes.items():
        setattr(deliverable, name, value)
    deliverable.revision += 1
    deliverable.save(update_fields=[*(f.removesuffix("_id") for f in changed), "revision"])
    events.record(
        actor=by,
        verb="deliverable.updated",
        target=deliverable,
        client=deliverable.job.client_id,
        audience=Audience.INTERNAL,
        data={"job": deliverable.job_id, "fields": sorted(f.removesuffix("_id") for f in changed)},
    )
    return deliverable


def refusal(current: str, to: str, *, held_from: str = "") -> str:
    """Why a deliverable cannot go from `current` to `to`, in words (an on-hold deliverable
    also goes back to where it was held from)."""
    if current == rules.APPROVED and to == rules.IN_PRODUCTION:
        return (
            "An approved deliverable goes back into production only with a new version: an "
            "approval never carries over to different content."
        )
    allowed = sorted(rules.DELIVERABLE_MOVES.get(current, set()) | ({held_from} - {""}))
    where = ", ".join(str(LABELS[s]).lower() for s in allowed) or "nowhere: it is finished"
    return (
        f"A deliverable in “{LABELS.get(current, current)}” cannot move to "
        f"“{LABELS.get(to, to)}”. From here it can go to: {where}."
    )


@transaction.atomic
def move_deliverable(
    *,
    by: User,
    deliverable: Deliverable,
    to: str,
    base_status: str | None,
    new_version: bool = False,
    by_review: bool = False,
) -> Deliverable:
    """The one place a deliverable's status changes, against `rules.DELIVERABLE_MOVES`.

    `base_status` is the status the person saw: if it moved since, nothing changes and the
    person is told where it is now (two people dragging the same card). `by_review`: the move
    follows a review round (a version sent, a decision made), whose service judged who may
    make it; the table still applies."""
    if to not in Deliverable.Status.values:
        raise InvalidInput(f"“{to}” is not a deliverable status.", field="to")
    Deliverable.objects.select_for_update().filter(pk=deliverable.pk).values_list("pk").get()
    deliverable = Deliverable.objects.select_related("job").get(pk=deliverable.pk)
    ensure_job_takes_work(deliverable.job)
    current = deliverable.status
    if base_status is not None and base_status != current:
        raise Conflict(
            f"“{deliverable.title}” was moved to “{LABELS[current]}” meanwhile. "
            "Reload to see where it is now."
        )
    # Who may make this move is judged on the locked row's status (it may have moved since
    # the page, or the access check, read it).
    if not by_review and not access.may_move_deliverable(by, deliverable, to):
        raise NotAllowed(access.CREATIVE_MOVES_ONLY)
    if not rules.deliverable_may_move(
        current, to, held_from=deliverable.held_from, new_version=new_version
    ):
        raise IllegalTransition(refusal(current, to, held_from=deliverable.held_from))
    resuming = current == rules.ON_HOLD and to == deliverable.held_from
    if not by_review and to in _through_reviews and not resuming:
        raise IllegalTransition(f"“{deliverable.title}”: {_through_reviews[to]}")
    deliverable.held_from = current if to == rules.ON_HOLD else ""
    deliverable.status = to
    deliverable.status_changed_at = timezone.now()
    deliverable.revision += 1
    deliverable.save(update_fields=["status", "held_from", "status_changed_at", "revision"])
    events.record(
        actor=by,
        verb="deliverable.moved",
        target=deliverable,
        client=deliverable.job.client_id,
        audience=Audience.INTERNAL,
        data={"job": deliverable.job_id, "title": deliverable.title, "from": current, "to": to},
    )
    if to == rules.CANCELLED:
        for hook in _on_stopped:
            hook(by, deliverable)
    return deliverable


def moves_for(deliverable: Any) -> list[str]:
    """Where a deliverable can go from where it is (for buttons and the board)."""
    current = deliverable.status
    allowed = set(rules.DELIVERABLE_MOVES.get(current, set())) - set(_through_reviews)
    if current == rules.ON_HOLD and deliverable.held_from:
        allowed.add(deliverable.held_from)
    return [s for s in Deliverable.Status.values if s in allowed]
