"""Briefs: the guided draft, its answers, versions after submission, notes and cancelling."""

from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client
from accord.clients.services import ensure_takes_work
from accord.core import events, policy
from accord.core.errors import DomainError, IllegalTransition, InvalidInput
from accord.core.events import content_sha256
from accord.core.policy import Audience
from accord.core.text import one_line, short_line
from accord.intake import access, coach, facts, notify, rules, search
from accord.intake.models import (
    Brief,
    BriefTemplate,
    BriefVersion,
    Request,
    WaitingOn,
)
from accord.intake.services import edits, replans
from accord.intake.services.answers import FACT_FIELDS, as_stored, clean_answers, fill_facts
from accord.intake.services.requests import BY_BRIEF, follow_work, move_request

S = Brief.Status
BRIEF_MOVES: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED, S.CANCELLED},
    S.SUBMITTED: {S.PROPOSED, S.CANCELLED},
    S.PROPOSED: {S.SIGNED_OFF, S.SUBMITTED, S.CANCELLED},
    S.SIGNED_OFF: {S.CONVERTED, S.SUBMITTED, S.CANCELLED},
    S.CONVERTED: set(),
    S.CANCELLED: set(),
}
OPEN_STATUSES = (S.DRAFT, S.SUBMITTED, S.PROPOSED, S.SIGNED_OFF)
# A brief in work still changes, as a change of plan with a reason; it stays in work.
EDITABLE_STATUSES = (*OPEN_STATUSES, S.CONVERTED)
MAX_ANSWER = 10_000
MAX_ANSWERS_TOTAL = rules.MAX_ANSWERS_TOTAL
FilledBy = Literal["client", "agency"]


class MissingAnswers(InvalidInput):
    """Required answers are missing; `keys` names them so a form can mark each one."""

    def __init__(self, message: str, *, keys: list[str]) -> None:
        super().__init__(message, field="answers")
        self.keys = keys


class StaleBrief(DomainError):
    """The brief changed since the page was loaded; `changes` says how."""

    status = 409

    def __init__(self, message: str, *, changes: list[rules.FieldChange]) -> None:
        super().__init__(message)
        self.changes = changes


def ensure_can_move(brief: Brief, to: str) -> None:
    if to not in BRIEF_MOVES[brief.status]:
        raise IllegalTransition(
            f"This brief is {brief.get_status_display().lower()}; it cannot "
            f"be {S(to).label.lower()} now."
        )


def stale(brief: Brief, *, read: int, now: BriefVersion, message: str) -> StaleBrief:
    """The error for a page loaded at version `read` when the brief is now at `now`."""
    seen = brief.versions.filter(number=read).first()
    return StaleBrief(
        message,
        changes=rules.compare(
            old_title=seen.title if seen else "",
            old_answers=seen.answers if seen else {},
            new_title=now.title,
            new_answers=now.answers,
            questions=brief.questions,
        ),
    )


def move_brief(brief: Brief, to: str, *, waiting_on: str) -> None:
    """The one place a brief changes status; it also says whose court the ball is in, and
    its request follows (signed off, in work, back to being briefed, new when cancelled)."""
    ensure_can_move(brief, to)
    brief.status = to
    set_waiting(brief, waiting_on)
    follow_work(request_id=brief.request_id, to=BY_BRIEF[to])
    search.index_brief(brief)  # who finds it follows its status (creatives once signed off)


def set_waiting(brief: Brief, waiting_on: str) -> None:
    if brief.waiting_on != waiting_on:
        brief.waiting_on, brief.waiting_since = waiting_on, timezone.now()


def score(brief: Brief) -> int:
    """The brief's completeness score, as stored with it."""
    return coach.of_brief(brief, today=timezone.localdate()).score


def snapshot_questions(template: BriefTemplate) -> list[dict[str, Any]]:
    return [
        {
            "key": q.key,
            "label": q.label,
            "section": q.section,
            "kind": q.kind,
            "required": q.required,
            "help_text": q.help_text,
            "example": q.example,
            "fact": q.fact,
        }
        for q in template.questions.all()
    ]


@dataclass(frozen=True)
class Autosave:
    """Which page an autosave came from, and its place in that page's sequence."""

    page: str
    seq: int

    @property
    def mark(self) -> str:
        return f"{self.page}:{self.seq}"

    def is_older_than(self, mark: str) -> bool:
        """Whether `mark` (the newest applied) is from this page and not older than this."""
        page, _, seq = mark.rpartition(":")
        return page == self.page and seq.isdigit() and int(seq) >= self.seq


def locked(brief: Brief) -> Brief:
    """The brief's row locked, then read afresh with what decisions rest on.

    The lock is taken on the brief alone, and its versions are read after it is granted: on
    PostgreSQL, rows joined into the locking query can be returned as they were before another
    writer committed, so a save could miss a newer version or propose an old one."""
    Brief.objects.select_for_update().filter(pk=brief.pk).values_list("pk").get()
    return Brief.objects.select_related(
        "client__account_manager", "current_version", "proposed_version"
    ).get(pk=brief.pk)


def _within_answer(text: str) -> str:
    """`text` cut to fit an answer: the request it comes from keeps it all."""
    more = "… (the rest is in the request)"
    return text if len(text) <= MAX_ANSWER else text[: MAX_ANSWER - len(more)].rstrip() + more


@transaction.atomic
def start_brief(
    *,
    by: User,
    client: Client,
    template: BriefTemplate,
    title: str = "",
    request: Request | None = None,
    filled_by: FilledBy = "client",
) -> Brief:
    """A new draft brief from a template, filled in from the request where it can be.

    A draft is in the client's court (their contributors are emailed when the agency starts
    it) unless the account manager says they will write it themselves: `filled_by="agency"`.
    """
    ensure_takes_work(client)
    if not template.is_active:
        raise InvalidInput("That brief template is no longer in use.", field="template")
    if filled_by not in ("client", "agency"):
        raise InvalidInput(
            "Say who fills the brief in: the client or the agency.", field="filled_by"
        )
    if filled_by == "agency" and policy.is_contact(by):
        raise InvalidInput(
            "A brief you start is yours to fill in; the agency writes only the ones it starts.",
            field="filled_by",
        )
    answers: dict[str, str] = {}
    if request is not None:
        request = Request.objects.select_for_update().get(pk=request.pk)
        if request.client_id != client.pk:
            raise InvalidInput("The request belongs to another client.", field="request")
        move_request(request, Request.Status.BRIEFING)
        request.save(update_fields=["status", "status_changed_at"])
        title = one_line(title) or request.title
        answers["background"] = _within_answer(
            "\n\n".join(p for p in (request.what, request.why) if p)
        )
    questions = snapshot_questions(template)
    deadline = facts.fact_questions(questions).get("deadline")
    if request is not None and request.needed_by and deadline is not None:
        answers[deadline["key"]] = request.needed_by.isoformat()
    keys = {q["key"] for q in questions}
    answers = {k: v for k, v in answers.items() if k in keys}
    brief = Brief(
        client=client,
        request=request,
        template=template,
        title=_title(title) or template.name[: rules.MAX_TITLE],
        questions=questions,
        answers=answers,
        min_lead_days=template.min_lead_days,
        created_by=by,
        waiting_on=WaitingOn.CLIENT if filled_by == "client" else WaitingOn.AGENCY,
    )
    brief.completeness = score(brief)
    fill_facts(brief)
    brief.save()
    search.index_brief(brief)
    events.record(
        actor=by,
        verb="brief.started",
        target=brief,
        client=client,
        audience=Audience.CLIENT,
        data={"title": brief.title, "template": template.name, "filled_by": filled_by},
    )
    if filled_by == "client" and not policy.is_contact(by):
        notify.brief_started(brief)
    return brief


def _new_version(
    brief: Brief, by: User, *, changes: list[rules.FieldChange] | None = None, reason: str = ""
) -> BriefVersion:
    """The next version; `changes` (against the current one) is stored with it, so pages
    that show what changed never work the diff out again."""
    number = (brief.current_version.number if brief.current_version else 0) + 1
    content = rules.version_content(
        title=brief.title, questions=brief.questions, answers=brief.answers
    )
    version = BriefVersion.objects.create(
        brief=brief,
        number=number,
        title=brief.title,
        questions=brief.questions,
        answers=dict(brief.answers),
        sha256=content_sha256(content),
        changes=rules.storable(changes) if changes is not None else None,
        reason=reason,
        created_by=by,
    )
    brief.current_version = version
    return version


def changes_between(old: BriefVersion | None, brief: Brief) -> list[rules.FieldChange]:
    return rules.compare(
        old_title=old.title if old else "",
        old_answers=old.answers if old else {},
        new_title=brief.title,
        new_answers=brief.answers,
        questions=brief.questions,
    )


def save_answers(
    *,
    by: User,
    brief: Brief,
    answers: dict[str, Any],
    title: str | None = None,
    base_version: int | None = None,
    only_draft: bool = False,
    autosave: Autosave | None = None,
    bases: edits.Bases | None = None,
    title_base: str | None = None,
    reason: str | None = None,
) -> Brief:
    """Save answers. A draft saves in place as the client types; after submission every
    change is a new version, and a change to a proposed or signed-off brief undoes that.
    With `only_draft`, a brief sent meanwhile is refused rather than given a new version.
    With `autosave`, an autosave older than one from the same page already applied is
    ignored: requests can arrive out of order, and the newer answers win.
    With `bases` (and `title_base`), the value each field was based on: a field someone else
    changed since is not overwritten, and `EditConflict` names it once the rest is saved.
    A signed-off brief, or one in work, changes only with a one-line `reason` (a change of
    plan: it voids the sign-off)."""
    brief, conflicts, saved = _save_answers(
        by=by,
        brief=brief,
        answers=answers,
        title=title,
        base_version=base_version,
        only_draft=only_draft,
        autosave=autosave,
        bases=bases,
        title_base=title_base,
        reason=reason,
    )
    if conflicts:
        raise edits.EditConflict(
            edits.conflict_message(conflicts), conflicts=conflicts, brief=brief, saved=saved
        )
    return brief


def _title(title: str) -> str:
    return short_line(title, limit=rules.MAX_TITLE, what="the title", field="title")


def _settle_title(brief: Brief, title: str, base: str | None) -> list[edits.FieldConflict]:
    """Set the brief's new title unless someone else changed it since `base`."""
    if not one_line(title):
        raise InvalidInput("The brief needs a title.", field="title")
    wanted = _title(title)
    if base is None:
        brief.title = wanted
        return []
    write, conflicts = edits.settle(
        stored={"title": brief.title},
        yours={"title": wanted},
        bases={"title": base},
        labels={"title": "Title of the brief"},
        field="title",
        clean=lambda key, value: as_stored(None, value),
    )
    brief.title = write.get("title", brief.title)
    return conflicts


@transaction.atomic
def _save_answers(
    *,
    by: User,
    brief: Brief,
    answers: dict[str, Any],
    title: str | None,
    base_version: int | None,
    only_draft: bool,
    autosave: Autosave | None,
    bases: edits.Bases | None,
    title_base: str | None,
    reason: str | None = None,
) -> tuple[Brief, list[edits.FieldConflict], list[str]]:
    """Save as `save_answers` says; also the conflicts, and the fields stored as sent."""
    brief = locked(brief)
    if autosave is not None and autosave.is_older_than(brief.autosave_mark):
        return brief, [], []
    if brief.status not in EDITABLE_STATUSES:
        raise IllegalTransition(
            f"This brief is {brief.get_status_display().lower()}; it can no longer be changed."
        )
    if only_draft and brief.status != S.DRAFT:
        raise IllegalTransition(
            f"This brief was already sent; it is {brief.get_status_display().lower()}."
        )
    current = brief.current_version
    if base_version is not None and current is not None and current.number != base_version:
        raise stale(
            brief,
            read=base_version,
            now=current,
            message=(
                f"Someone saved a newer version (v{current.number}) while you were editing. "
                "Here is what changed; your text is still in the form."
            ),
        )
    cleaned = clean_answers(brief, answers)
    conflicts: list[edits.FieldConflict] = []
    if bases is not None:
        by_key = {q["key"]: q for q in brief.questions}
        currency = brief.client.currency
        cleaned, conflicts = edits.settle(
            stored=brief.answers,
            yours=cleaned,
            bases=bases,
            labels={key: q["label"] for key, q in by_key.items()},
            clean=lambda key, value: as_stored(by_key[key], value, currency=currency),
        )
    brief.answers = {**brief.answers, **cleaned}
    saved = list(cleaned)
    if title is not None:
        title_conflicts = _settle_title(brief, title, title_base)
        conflicts = title_conflicts + conflicts
        saved += [] if title_conflicts else ["title"]
    brief.completeness = score(brief)
    brief.updated_at = timezone.now()
    fill_facts(brief)
    if brief.status == S.DRAFT:
        fields = ["answers", "title", "completeness", "updated_at", *FACT_FIELDS]
        if autosave is not None:
            brief.autosave_mark = autosave.mark
            fields.append("autosave_mark")
        brief.save(update_fields=fields)
        search.index_brief(brief)
        return brief, conflicts, saved
    write_version(by=by, brief=brief, since=current, reason=reason)
    return brief, conflicts, saved


def write_version(
    *,
    by: User,
    brief: Brief,
    since: BriefVersion | None,
    reason: str | None,
    author: User | None = None,
    event: dict[str, Any] | None = None,
) -> BriefVersion | None:
    """After submission, the brief's changes since `since` as a new version (by `author`, else
    `by`), or None if nothing changed. A proposed brief goes back to the agency; a signed-off
    one, or one in work, changes only with a reason, as a change of plan. `event` adds to
    what the event records."""
    changes = changes_between(since, brief)
    if not changes:
        return None
    was = brief.status
    replan = replans.is_change_of_plan(brief)
    if replan:
        replans.ensure_may_replan(by, brief)
    why = replans.clean_reason(reason, brief) if replan else ""
    version = _new_version(brief, author or by, changes=changes, reason=why)
    if brief.status in (S.PROPOSED, S.SIGNED_OFF):
        # Back with the agency to propose again, unless the client still owes an answer.
        asked = brief.clarifications.filter(answered_at__isnull=True).exists()
        move_brief(brief, S.SUBMITTED, waiting_on=WaitingOn.CLIENT if asked else WaitingOn.AGENCY)
        brief.proposed_version = None
    brief.save()
    search.index_brief(brief)
    fields = [c.label for c in changes]
    if replan:
        replans.record_replan(
            by=by, brief=brief, version=version, reason=why, fields=fields, was=was, extra=event
        )
        return version
    record_change(by=by, brief=brief, version=version.number, fields=fields, extra=event)
    return version


def record_change(
    *,
    by: User,
    brief: Brief,
    version: int | None,
    fields: list[str],
    extra: dict[str, Any] | None = None,
) -> None:
    """The event of a change to a brief's answers (`version` None for a draft's)."""
    events.record(
        actor=by,
        verb="brief.changed",
        target=brief,
        client=brief.client,
        audience=Audience.CLIENT,
        data={"title": brief.title, "version": version, "fields": fields, **(extra or {})},
    )


@transaction.atomic
def submit_brief(*, by: User, brief: Brief) -> Brief:
    """The draft is complete enough to send: version 1 is written and the agency takes over."""
    brief = locked(brief)
    ensure_can_move(brief, S.SUBMITTED)  # a cancelled brief is not asked for its answers
    missing = [
        q
        for q in brief.questions
        if q.get("required") and not rules.answered(brief.answers, q["key"])
    ]
    if missing:
        labels = "; ".join(f"“{q['label']}”" for q in missing)
        raise MissingAnswers(f"Before sending, answer: {labels}.", keys=[q["key"] for q in missing])
    move_brief(brief, S.SUBMITTED, waiting_on=WaitingOn.AGENCY)
    brief.submitted_at = timezone.now()
    version = _new_version(brief, by)
    brief.save()
    events.record(
        actor=by,
        verb="brief.submitted",
        target=brief,
        client=brief.client,
        audience=Audience.CLIENT,
        data={
            "title": brief.title,
            "version": version.number,
            "completeness": brief.completeness,
        },
    )
    if policy.is_contact(by):
        notify.brief_to_agency(brief, what="submitted")
    return brief


@transaction.atomic
def save_internal_notes(*, by: User, brief: Brief, notes: str) -> Brief:
    """The agency's own notes on a brief. Staff who run the client's intake write them;
    clients never see them, nor the event that records the change."""
    if not access.may_brief(by, brief, "edit_internal"):
        raise PermissionDenied("Only the account manager writes a brief's internal notes.")
    notes = (notes or "").replace("\x00", "").strip()
    if len(notes) > MAX_ANSWER:
        raise InvalidInput(f"Keep the notes under {MAX_ANSWER:,} characters.", field="notes")
    brief = locked(brief)
    if notes == brief.internal_notes:
        return brief
    brief.internal_notes = notes
    brief.save(update_fields=["internal_notes"])
    events.record(
        actor=by,
        verb="brief.notes_changed",
        target=brief,
        client=brief.client,
        audience=Audience.INTERNAL,
        data={"title": brief.title, "chars": len(notes)},
    )
    return brief


@transaction.atomic
def cancel_brief(*, by: User, brief: Brief, reason: str = "") -> Brief:
    """Cancel a brief that will not go ahead. Its request, if any, is new again: the client
    still asked for something, and a new brief can start from it."""
    brief = locked(brief)
    request_id = brief.request_id
    move_brief(brief, S.CANCELLED, waiting_on=WaitingOn.NOBODY)  # its request: new again
    brief.request = None
    brief.save()
    events.record(
        actor=by,
        verb="brief.cancelled",
        target=brief,
        client=brief.client,
        audience=Audience.CLIENT,
        data={"title": brief.title, "reason": reason.strip()[:500], "request": request_id},
    )
    return brief
