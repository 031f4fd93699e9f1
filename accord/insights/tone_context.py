"""What the tone check knows of the work a message is about: the day, when the work is due and
how many of the terms' revision rounds are used — read through the access functions, so the
check never reveals a date the writer could not see (an object they cannot read: no context)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accord.conversations import access as conversations
from accord.insights.tone import ToneContext
from accord.intake import access as intake
from accord.reviews.models import Round
from accord.work import access as work
from accord.work.models import Deliverable, Job

# What a box is about, by what is being written: "message" → a thread, "reply" → the team's
# message answered, "decline" → a request, "question" → a brief, "comment" → a deliverable.
WHERE = ("message", "new_thread", "reply", "decline", "question", "comment")


def _of_work(deliverable: Deliverable | None, job: Job | None) -> dict[str, Any]:
    if deliverable is not None:
        client = deliverable.job.client
        used = (
            Round.objects.filter(deliverable=deliverable, stage=Round.Stage.CLIENT)
            .exclude(status__in=(Round.Status.CANCELLED, Round.Status.SUPERSEDED))
            .count()
        )
        return {
            "due_on": deliverable.due_on or deliverable.job.due_on,
            # The first presentation is not a revision.
            "rounds_used": max(0, used - 1),
            "rounds_included": client.revision_rounds_included,
        }
    if job is not None:
        return {"due_on": job.due_on}
    return {}


def _known(user: Any, where: str, subject_id: int) -> dict[str, Any]:
    if where == "message":
        thread = conversations.thread_for(user, subject_id)
        return _of_work(thread.deliverable, thread.job)
    if where == "reply":
        thread = conversations.message_for(user, subject_id).thread
        return _of_work(thread.deliverable, thread.job)
    if where == "comment":
        return _of_work(work.deliverable_for(user, subject_id), None)
    if where == "question":
        return {"due_on": intake.brief_for(user, subject_id).deadline}
    return {}


def context_for(user: Any, where: str, subject_id: int | None) -> ToneContext:
    """The context for a box about `subject_id`; the day alone when it says nothing or the
    writer cannot read it."""
    known: dict[str, Any] = {}
    if subject_id is not None and where in WHERE:
        try:
            known = _known(user, where, subject_id)
        except (Http404, PermissionDenied):
            known = {}
    return ToneContext(today=timezone.localdate(), **known)
