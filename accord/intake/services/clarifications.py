"""Clarifying questions: the AM asks the client about a brief, and the client answers."""

import hashlib

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import DomainError, IllegalTransition, InvalidInput
from accord.core.policy import Audience
from accord.intake import notify, search
from accord.intake.models import Brief, ClarifyingQuestion, WaitingOn
from accord.intake.services.answers import FACT_FIELDS, clean_answers, fill_facts
from accord.intake.services.briefs import (
    EDITABLE_STATUSES,
    MAX_ANSWER,
    OPEN_STATUSES,
    locked,
    record_change,
    score,
    set_waiting,
    write_version,
)

S = Brief.Status
# A brief's PDF prints all of these, so together they bound its length (and the worker's job).
MAX_CLARIFICATIONS = 20  # questions to the client on one brief
MAX_CLARIFICATION = 2_000  # characters in one such question, or in its answer


@transaction.atomic
def ask_question(*, by: User, brief: Brief, text: str, field_key: str = "") -> ClarifyingQuestion:
    """The AM asks the client something about the brief; the ball moves to the client.
    `field_key` names the brief question it concerns, so the answer can be applied to it."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Write the question.", field="text")
    if len(text) > MAX_CLARIFICATION:
        raise InvalidInput(
            f"Keep the question under {MAX_CLARIFICATION:,} characters.", field="text"
        )
    brief = locked(brief)
    if field_key and field_key not in {q["key"] for q in brief.questions}:
        raise InvalidInput("Pick one of the brief's own questions.", field="field_key")
    if brief.status not in OPEN_STATUSES:
        raise IllegalTransition("Questions can only be asked on a brief that is still open.")
    if brief.clarifications.count() >= MAX_CLARIFICATIONS:
        raise InvalidInput(
            f"A brief holds at most {MAX_CLARIFICATIONS} questions to the client; ask in a "
            "message instead, or gather what is left into one question.",
            field="text",
        )
    question = ClarifyingQuestion.objects.create(
        brief=brief, text=text[:MAX_ANSWER], asked_by=by, field_key=field_key
    )
    set_waiting(brief, WaitingOn.CLIENT)
    brief.save(update_fields=["waiting_on", "waiting_since"])
    events.record(
        actor=by,
        verb="brief.question_asked",
        target=brief,
        client=brief.client,
        audience=Audience.CLIENT,
        data={"title": brief.title, "question": question.pk, "text": text[:200]},
    )
    notify.questions_asked(brief, [question])
    return question


@transaction.atomic
def answer_question(*, by: User, question: ClarifyingQuestion, answer: str) -> ClarifyingQuestion:
    """The client answers; once nothing is open, the ball goes back to the agency."""
    answer = (answer or "").strip()
    if not answer:
        raise InvalidInput("Write an answer.", field="answer")
    if len(answer) > MAX_CLARIFICATION:
        raise InvalidInput(
            f"Keep the answer under {MAX_CLARIFICATION:,} characters.", field="answer"
        )
    question = ClarifyingQuestion.objects.select_for_update().get(pk=question.pk)
    brief = locked(question.brief)
    if brief.status not in OPEN_STATUSES:
        raise IllegalTransition(
            f"This brief is {brief.get_status_display().lower()}; its questions are closed."
        )
    if question.answered_at is not None:
        raise IllegalTransition("This question was already answered.")
    question.answer, question.answered_by = answer[:MAX_ANSWER], by
    question.answered_at = timezone.now()
    # What the field said when the answer came: applying it later over a change is confirmed.
    question.field_sha256 = _field_sha256(brief, question.field_key)
    question.save(update_fields=["answer", "answered_by", "answered_at", "field_sha256"])
    still_open = brief.clarifications.filter(answered_at__isnull=True).exists()
    # Submitted or signed off, the next move is the agency's; a proposed brief still
    # waits for the client's sign-off, and a draft for the client to finish it.
    if not still_open and brief.status in (S.SUBMITTED, S.SIGNED_OFF):
        set_waiting(brief, WaitingOn.AGENCY)
        brief.save(update_fields=["waiting_on", "waiting_since"])
    events.record(
        actor=by,
        verb="brief.question_answered",
        target=brief,
        client=brief.client,
        audience=Audience.CLIENT,
        data={"title": brief.title, "question": question.pk},
    )
    if not still_open:
        notify.brief_to_agency(brief, what="answered")
    return question


def _field_sha256(brief: Brief, key: str) -> str:
    return hashlib.sha256(str(brief.answers.get(key, "")).encode()).hexdigest() if key else ""


class AnswerOverwrite(DomainError):
    """The field changed since the client answered; `current` is what it says now."""

    status = 409

    def __init__(self, message: str, *, current: str) -> None:
        super().__init__(message, field="confirm")
        self.current = current


@transaction.atomic
def apply_answer(
    *, by: User, question: ClarifyingQuestion, confirm: bool = False, reason: str | None = None
) -> ClarifyingQuestion:
    """The client's answer becomes the answer of the field the question is about: in place on
    a draft, else a new version written in the answerer's name. Never twice; never over a
    change made since the answer came unless `confirm`; a signed-off brief needs a reason."""
    question = ClarifyingQuestion.objects.select_for_update().get(pk=question.pk)
    brief = locked(question.brief)
    key = question.field_key
    if not key:
        raise InvalidInput("This question is not about one field of the brief.", field="field_key")
    if question.answered_at is None:
        raise IllegalTransition("The client has not answered this question yet.")
    if question.applied_at is not None:
        where = f" (version {question.applied_version})" if question.applied_version else ""
        raise IllegalTransition(f"This answer was already applied to the brief{where}.")
    if brief.status not in EDITABLE_STATUSES:
        raise IllegalTransition(
            f"This brief is {brief.get_status_display().lower()}; it can no longer be changed."
        )
    label = next((q["label"] for q in brief.questions if q["key"] == key), key)
    current = str(brief.answers.get(key, ""))
    if not confirm and _field_sha256(brief, key) != question.field_sha256:
        shown = current if len(current) <= 300 else current[:299] + "…"
        raise AnswerOverwrite(
            f"“{label}” changed since the answer came; it now reads: “{shown or '(empty)'}”. "
            "Apply the answer anyway to replace it.",
            current=current,
        )
    brief.answers = {**brief.answers, **clean_answers(brief, {key: question.answer})}
    fill_facts(brief)
    brief.completeness = score(brief)
    brief.updated_at = timezone.now()
    extra = {"question": question.pk, "answered_by": _name(question.answered_by)}
    version = None
    if brief.status == S.DRAFT:
        brief.save(update_fields=["answers", "completeness", "updated_at", *FACT_FIELDS])
        search.index_brief(brief)
        record_change(by=by, brief=brief, version=None, fields=[label], extra=extra)
    else:
        version = write_version(
            by=by,
            brief=brief,
            since=brief.current_version,
            reason=reason,
            author=question.answered_by,
            event=extra,
        )
    question.applied_at, question.applied_by = timezone.now(), by
    question.applied_version = version.number if version else None
    question.save(update_fields=["applied_at", "applied_by", "applied_version"])
    return question


def _name(user: User | None) -> str:
    return user.name if user is not None else ""
