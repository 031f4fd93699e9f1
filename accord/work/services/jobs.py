"""Every write about jobs: started from a brief or set up by the AM, edited, moved, its team,
and a change of plan on its brief."""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import User
from accord.clients import queries as client_queries
from accord.clients.models import Client
from accord.clients.services import ensure_takes_work
from accord.core import events, policy
from accord.core.errors import Conflict, IllegalTransition, InvalidInput
from accord.core.models import Event
from accord.core.notify import notify
from accord.core.policy import Audience
from accord.intake import services as intake
from accord.intake.models import Brief, BriefVersion, Request
from accord.intake.services.requests import follow_work
from accord.work import rules
from accord.work.models import Job, JobMember, JobTemplate, Task
from accord.work.services.common import clean_title, ensure_job_takes_work, ensure_within_years

MAX_NOTES = 20_000
MAX_TEAM = 100
# A deadline further out than this is a typing slip (a year 2207), not a plan.


@transaction.atomic
def start_job_from_brief(*, by: User, brief: Brief) -> Job:
    """Turn a signed-off brief into a job; an unsigned or changed brief is refused, and so is
    a brief of an archived client."""
    ensure_takes_work(brief.client)
    brief = intake.mark_converted(by=by, brief=brief)
    version = brief.current_version
    job = Job.objects.create(
        client=brief.client,
        brief=brief,
        title=brief.title,
        due_on=brief.deadline,
        created_by=by,
        owner=brief.client.account_manager or by,
        started_version=version.number if version else None,
    )
    events.record(
        actor=by,
        verb="job.started",
        target=job,
        client=brief.client,
        audience=Audience.CLIENT,
        data={
            "title": job.title,
            "brief": brief.pk,
            "version": version.number if version else None,
        },
    )
    return job


def flag_brief_change(brief: Brief, version: BriefVersion, by: User) -> None:
    """A change of plan on a brief in work flags its job (in the change's transaction); the
    brief of a delivered job no longer changes, so the change is refused and rolled back."""
    job = Job.objects.select_for_update().filter(brief=brief).first()
    if job is None:
        return
    if job.status in (Job.Status.DONE, Job.Status.CANCELLED):  # on hold may still re-plan
        raise IllegalTransition(
            f"The job “{job.title}” is {job.get_status_display().lower()}: its brief no longer "
            "changes. For new work, file a new request."
        )
    job.brief_changed_at = timezone.now()
    job.save(update_fields=["brief_changed_at"])
    notify(
        people=_team_and_assignees(job),
        kind="brief_changed",
        text=f"The brief of “{job.title}” changed (version {version.number}): check your work "
        "against it.",
        url=job_url(job),
        actor=by,
        client_id=job.client_id,
    )


def _team_and_assignees(job: Job) -> list[User]:
    """The people working on a job: its team and whoever has a task on it (one query)."""
    on_team = JobMember.objects.filter(job=job).values("user_id")
    with_task = Task.objects.filter(job=job).values("assignee_id")
    return list(User.objects.filter(Q(pk__in=on_team) | Q(pk__in=with_task)))


def job_url(job: Job) -> str:
    return reverse("work:job_detail", kwargs={"job_id": job.pk})


@transaction.atomic
def acknowledge_brief_change(*, by: User, job: Job) -> Job:
    """The account manager has taken in the brief's change of plan: the flag is cleared."""
    # The job's row alone is locked (PostgreSQL refuses to lock the nullable side of a join);
    # the brief's version is read after.
    Job.objects.select_for_update().filter(pk=job.pk).values_list("pk").get()
    job = Job.objects.select_related("brief__current_version").get(pk=job.pk)
    if job.brief_changed_at is None:
        raise IllegalTransition("The brief has not changed since the work started.")
    job.brief_changed_at = None
    job.save(update_fields=["brief_changed_at"])
    current = job.brief.current_version if job.brief else None
    events.record(
        actor=by,
        verb="job.brief_change_acknowledged",
        target=job,
        client=job.client_id,
        audience=Audience.INTERNAL,
        data={
            "title": job.title,
            "started_version": job.started_version,
            "version": current.number if current else None,
        },
    )
    return job


@transaction.atomic
def finish_job(*, by: User, job: Job) -> Job:
    """The work is delivered: the job is done, and the request it came from is delivered."""
    # The job's row alone is locked (PostgreSQL locks no outer-joined rows); the rest is read
    # once the lock is granted.
    Job.objects.select_for_update().filter(pk=job.pk).values_list("pk").get()
    job = Job.objects.select_related("client", "brief").get(pk=job.pk)
    if Job.Status.DONE not in rules.JOB_MOVES[job.status]:
        raise IllegalTransition(f"This job is {job.get_status_display().lower()} already.")
    job.status = Job.Status.DONE
    job.revision += 1
    job.save(update_fields=["status", "revision"])
    follow_work(request_id=job.brief.request_id if job.brief else None, to=Request.Status.DELIVERED)
    events.record(
        actor=by,
        verb="job.done",
        target=job,
        client=job.client,
        audience=Audience.CLIENT,
        data={"title": job.title},
    )
    return job


def _notes(raw: str) -> str:
    notes = (raw or "").strip()
    if len(notes) > MAX_NOTES:
        raise InvalidInput(
            f"Keep the internal notes under {MAX_NOTES:,} characters.", field="notes"
        )
    return notes


def _deadline(due_on: date | None) -> date | None:
    ensure_within_years(due_on, field="due_on", what="The deadline")
    return due_on


def ensure_may_own(person: User | None, client: Client) -> User:
    """A job is run by an active account manager or admin who works on its client: not a
    creative, a client contact, someone who has left, or an AM of other clients."""
    if person is None:
        raise InvalidInput("Name the account manager who runs the job.", field="owner")
    if not person.is_active:
        raise InvalidInput(
            f"{person.name} is deactivated: choose someone who is still here.", field="owner"
        )
    if not (policy.is_admin(person) or policy.is_account_manager(person)):
        raise InvalidInput(
            f"{person.name} is not an account manager: a job is run by an account manager "
            "or an admin.",
            field="owner",
        )
    if not client_queries.visible_to(person).filter(pk=client.pk).exists():
        raise InvalidInput(
            f"{person.name} does not work on {client.name}: choose its account manager or "
            "someone on its team.",
            field="owner",
        )
    return person


@transaction.atomic
def create_job(
    *,
    by: User,
    client: Client,
    title: str,
    due_on: date | None = None,
    owner: User | None = None,
    notes: str = "",
    template: JobTemplate | None = None,
) -> Job:
    """Set up a job directly (no brief): run by the client's AM unless someone else is named;
    with a template, planned from it in the same step."""
    ensure_takes_work(client)
    owner = ensure_may_own(owner or client.account_manager or by, client)
    job = Job.objects.create(
        client=client,
        title=clean_title(title),
        due_on=_deadline(due_on),
        owner=owner,
        notes=_notes(notes),
        created_by=by,
    )
    events.record(
        actor=by,
        verb="job.created",
        target=job,
        client=client,
        audience=Audience.CLIENT,
        data={"title": job.title},
    )
    if template is not None:
        from accord.work.services.templates import plan_job_from_template

        job = plan_job_from_template(by=by, job=job, template=template)
    return job


def _locked(job: Job) -> Job:
    """The job's row alone locked (PostgreSQL locks no outer-joined rows), then read."""
    Job.objects.select_for_update().filter(pk=job.pk).values_list("pk").get()
    return Job.objects.select_related("client", "owner", "brief").get(pk=job.pk)


def _now_reads(job: Job) -> str:
    due = job.due_on.strftime("%-d %B %Y") if job.due_on else "no deadline"
    owner = job.owner.name if job.owner else "nobody"
    return f"“{job.title}”, {job.get_status_display().lower()}, due {due}, run by {owner}"


CHANGE_WORDS = {
    "title": "the title",
    "due_on": "the deadline",
    "owner": "who runs it",
    "notes": "the internal notes",
    "status": "its status",
    "plan": "its plan (from a template)",
}
# How far back a conflict looks for what changed (the latest changes of the job).
CHANGES_READ = 20


def changes_since(job: Job, revision: int) -> list[str]:
    """What was changed on the job after `revision`, in the order of CHANGE_WORDS: edits and
    plans from their (internal) events, which carry the revision they made; every other
    step up is a move of its status (whose events, read by the client, carry no revision)."""
    rows = Event.objects.filter(
        target_type="work.job", target_id=str(job.pk), verb__in=["job.updated", "job.planned"]
    ).order_by("-id")[:CHANGES_READ]
    changed: set[str] = set()
    explained = 0
    for verb, data in rows.values_list("verb", "data"):
        if (data or {}).get("revision", 0) <= revision:
            continue
        explained += 1
        changed |= set(data.get("changed") or []) if verb == "job.updated" else {"plan"}
    if job.revision - revision > explained:
        changed.add("status")
    return [CHANGE_WORDS[name] for name in CHANGE_WORDS if name in changed]


def ensure_job_revision(job: Job, revision: int) -> None:
    """Refuse a write based on an older revision, saying what changed since and what the
    job reads now."""
    if job.revision != revision:
        changed = changes_since(job, revision)
        what = f" changed {_and(changed)}" if changed else " changed this job"
        raise Conflict(
            f"Someone{what} since you opened it; it now reads: {_now_reads(job)}. "
            "Nothing of yours was saved: reload it and make your change again.",
            field="revision",
        )


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@transaction.atomic
def update_job(
    *,
    by: User,
    job: Job,
    revision: int,
    title: str,
    due_on: date | None,
    owner: User | None,
    notes: str,
) -> Job:
    """Change a job's title, deadline, owner and internal notes, based on `revision` (the
    one the person read: an older one is a conflict)."""
    job = _locked(job)
    ensure_job_takes_work(job)
    ensure_job_revision(job, revision)
    changes = {
        "title": clean_title(title),
        "due_on": _deadline(due_on),
        "owner": ensure_may_own(owner, job.client),
        "notes": _notes(notes),
    }
    changed = [name for name, value in changes.items() if getattr(job, name) != value]
    if not changed:
        return job
    for name in changed:
        setattr(job, name, changes[name])
    job.revision += 1
    job.save(update_fields=[*changed, "revision"])
    events.record(
        actor=by,
        verb="job.updated",
        target=job,
        client=job.client_id,
        audience=Audience.INTERNAL,
        data={"title": job.title, "changed": sorted(changed), "revision": job.revision},
    )
    return job


@transaction.atomic
def move_job(*, by: User, job: Job, to: str, was: str) -> Job:
    """Put a job on hold, resume it or cancel it, from the status the person read (`was`);
    done goes through `finish_job`, which also tells the request behind it."""
    job = _locked(job)
    if job.status != was:
        raise Conflict(
            f"This job is {job.get_status_display().lower()} now (someone moved it since you "
            "read it); nothing was changed.",
            field="status",
        )
    if to not in Job.Status.values or to not in rules.JOB_MOVES[job.status]:
        shown = Job.Status(to).label.lower() if to in Job.Status.values else to
        raise IllegalTransition(
            f"A job that is {job.get_status_display().lower()} cannot become {shown}.",
            field="status",
        )
    if to == Job.Status.DONE:
        return finish_job(by=by, job=job)
    job.status = to
    job.revision += 1
    job.save(update_fields=["status", "revision"])
    events.record(
        actor=by,
        verb="job.moved",
        target=job,
        client=job.client_id,
        audience=Audience.CLIENT,
        data={"title": job.title, "from": was, "to": to},
    )
    return job


def _ensure_may_join(person: User) -> None:
    if not person.is_active:
        raise InvalidInput(
            f"{person.name} is deactivated and cannot join a job's team.", field="user"
        )
    if not policy.is_staff_member(person):
        raise InvalidInput(
            "That person is a client contact: only agency staff join a job's team.",
            field="user",
        )


@transaction.atomic
def add_job_member(*, by: User, job: Job, person: User) -> JobMember:
    """Put an active member of staff on the job's team; they are told, in the app and by
    email."""
    job = _locked(job)
    _ensure_may_join(person)
    if JobMember.objects.filter(job=job, user=person).exists():
        raise InvalidInput(f"{person.name} is on this job's team already.", field="user")
    if JobMember.objects.filter(job=job).count() >= MAX_TEAM:  # its page lists them all
        raise InvalidInput(f"A job's team holds {MAX_TEAM} people at most.", field="user")
    member = JobMember.objects.create(job=job, user=person, added_by=by)
    events.record(
        actor=by,
        verb="job.member_added",
        target=job,
        client=job.client_id,
        audience=Audience.INTERNAL,
        data={"title": job.title, "person": person.name},
    )
    notify(
        people=[person],
        kind="job_team",
        text=f"{by.name} put you on the team of “{job.title}” for {job.client.name}.",
        url=job_url(job),
        actor=by,
        client_id=job.client_id,
    )
    return member


@transaction.atomic
def remove_job_member(*, by: User, job: Job, person: User) -> None:
    """Take someone off the job's team (their tasks on it stay theirs until reassigned)."""
    job = _locked(job)
    removed, _ = JobMember.objects.filter(job=job, user=person).delete()
    if not removed:
        raise InvalidInput(f"{person.name} is not on this job's team.", field="user")
    events.record(
        actor=by,
        verb="job.member_removed",
        target=job,
        client=job.client_id,
        audience=Audience.INTERNAL,
        data={"title": job.title, "person": person.name},
    )
