"""Clarifying questions: the AM asks the client about a brief, and the client answers."""

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import IllegalTransition, InvalidInput
from accord.core.policy import Audience
from accord.intake import notify
from accord.intake.models import Brief, ClarifyingQuestion, WaitingOn
from accord.intake.services.briefs import MAX_ANSWER, OPEN_STATUSES, locked, set_waiting

S = Brief.Status
# A brief's PDF prints all of these, so together they bound its length (and the worker's job).
MAX_CLARIFICATIONS = 20  # questions to the client on one brief
MAX_CLARIFICATION = 2_000  # characters in one such question, or in its answer


@transaction.atomic
def ask_question(*, by: User, brief: Brief, text: str) -> ClarifyingQuestion:
    """The AM asks the client something about the brief; the ball moves to the client."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Write the question.", field="text")
    if len(text) > MAX_CLARIFICATION:
        raise InvalidInput(
            f"Keep the question under {MAX_CLARIFICATION:,} characters.", field="text"
        )
    brief = locked(brief)
    if brief.status not in OPEN_STATUSES:
        raise IllegalTransition("Questions can only be asked on a brief that is still open.")
    if brief.clarifications.count() >= MAX_CLARIFICATIONS:
        raise InvalidInput(
            f"A brief holds at most {MAX_CLARIFICATIONS} questions to the client; ask in a "
            "message instead, or gather what is left into one question.",
            field="text",
        )
    question = ClarifyingQuestion.objects.create(brief=brief, text=text[:MAX_ANSWER], asked_by=by)
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
    question.save(update_fields=["answer", "answered_by", "answered_at"])
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
