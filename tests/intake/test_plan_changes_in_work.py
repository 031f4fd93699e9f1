"""A brief in work changes plan without losing what its work started from; a delivered job's
brief no longer changes; only an approver changes a signed-off plan; and re-saving an answer
that means the same is no change at all."""

import pytest

from accord.core.errors import IllegalTransition, NotAllowed
from accord.intake import services
from accord.intake.models import Brief, SignOff
from accord.work.models import Job
from accord.work.services import finish_job
from tests.intake.view_helpers import job_of, signed_brief, submitted_brief

REASON = "The launch moved to Leeds only."


def _replan(world, brief, *, by):
    return services.save_answers(
        by=by,
        brief=brief,
        answers={"channels": "Instagram only"},
        base_version=brief.current_version.number,
        reason=REASON,
    )


def test_a_brief_in_work_keeps_the_sign_off_its_work_started_from(world):
    job = job_of(world)
    brief = _replan(world, Brief.objects.get(pk=job.brief_id), by=world.carol)
    assert brief.status == Brief.Status.CONVERTED
    signed = SignOff.objects.get(brief=brief, is_current=True)
    assert signed.version.number == 1 and brief.current_version.number == 2
    assert Job.objects.get(pk=job.pk).brief_changed_at is not None


def test_the_brief_of_a_delivered_job_no_longer_changes(world):
    job = job_of(world)
    finish_job(by=world.alice, job=job)
    brief = Brief.objects.get(pk=job.brief_id)
    with pytest.raises(IllegalTransition, match="is done: its brief no longer changes"):
        _replan(world, brief, by=world.carol)
    brief.refresh_from_db()
    assert brief.current_version.number == 1
    assert brief.versions.count() == 1
    assert Job.objects.get(pk=job.pk).brief_changed_at is None


def test_a_reviewer_cannot_change_a_signed_off_plan(world):
    brief = signed_brief(world)
    with pytest.raises(NotAllowed, match="Only an approver at Acme Foods"):
        _replan(world, brief, by=world.ray)
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.SIGNED_OFF


def test_the_job_takes_its_due_date_from_the_briefs_deadline(world):
    job = job_of(world)
    assert job.due_on is not None
    assert job.due_on == Brief.objects.get(pk=job.brief_id).deadline


@pytest.mark.parametrize(
    ("key", "stored", "sent"),
    [
        ("budget", "12000", "12000"),  # stored before budgets kept their currency
        ("budget", "12000", "£12,000"),
        ("background", "Forty stores.\r\nFrom April.", "Forty stores.\r\nFrom April."),
    ],
)
def test_an_answer_that_means_what_is_stored_is_no_change(world, key, stored, sent):
    brief = submitted_brief(world)
    Brief.objects.filter(pk=brief.pk).update(answers={**brief.answers, key: stored})
    version = brief.current_version
    version.answers = {**version.answers, key: stored}
    version.save(update_fields=["answers"])
    brief = Brief.objects.get(pk=brief.pk)
    saved = services.save_answers(by=world.alice, brief=brief, answers={key: sent}, base_version=1)
    assert saved.current_version.number == 1
    assert Brief.objects.get(pk=brief.pk).answers[key] == stored


def test_line_breaks_from_a_form_are_stored_as_one(world):
    brief = submitted_brief(world)
    saved = services.save_answers(
        by=world.alice, brief=brief, answers={"background": "One.\r\nTwo."}, base_version=1
    )
    assert saved.answers["background"] == "One.\nTwo."
