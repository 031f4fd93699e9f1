"""Every write of the intake side: requests, briefs, questions, sign-off, templates."""

from accord.intake.services.attachments import add_attachments
from accord.intake.services.briefs import (
    cancel_brief,
    save_answers,
    save_internal_notes,
    start_brief,
    submit_brief,
)
from accord.intake.services.clarifications import answer_question, apply_answer, ask_question
from accord.intake.services.requests import (
    decide_request,
    reopen_request,
    submit_request,
)
from accord.intake.services.signoff import (
    mark_converted,
    propose_for_sign_off,
    request_changes,
    sign_off,
)
from accord.intake.services.templates import save_template, seed_templates

__all__ = [
    "add_attachments",
    "answer_question",
    "apply_answer",
    "ask_question",
    "cancel_brief",
    "decide_request",
    "mark_converted",
    "propose_for_sign_off",
    "reopen_request",
    "request_changes",
    "save_answers",
    "save_internal_notes",
    "save_template",
    "seed_templates",
    "sign_off",
    "start_brief",
    "submit_brief",
    "submit_request",
]
