"""A change of plan after sign-off: a reason, an event, the other side told, the job flagged."""

import json

import pytest

from accord.core.errors import InvalidInput
from accord.core.models import Event
from accord.intake import services
from accord.intake.models import Brief, SignOff, WaitingOn
from accord.work.models import Job
from accord.work.services import acknowledge_brief_change
from tests.intake.view_helpers import job_of, signed_brief, url

REASON = "The launch moved to Leeds only."


def _replan(world, brief, *, by=None, reason=REASON):
    return services.save_answers(
        by=by or world.carol,
        brief=brief,
        answers={"channels": "Instagram only"},
        base_version=brief.current_version.number,
        reason=reason,
    )


@pytest.mark.parametrize(
    "reason", [None, "", "   ", "x" * 201, "First line\nsecond line"], ids=repr
)
def test_a_signed_off_brief_changes_only_with_a_one_line_reason(world, reason):
    brief = signed_brief(world)
    with pytest.raises(InvalidInput) as refused:
        _replan(world, brief, reason=reason)
    assert refused.value.field == "reason"
    brief.refresh_from_db()
    assert brief.status == Brief.Status.SIGNED_OFF
    assert brief.current_version.number == 1


def test_a_change_of_plan_by_the_client_goes_back_for_sign_off_and_tells_the_am(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    brief = signed_brief(world)
    with django_capture_on_commit_callbacks(execute=True):
        brief = _replan(world, brief)
    assert brief.status == Brief.Status.SUBMITTED
    assert brief.waiting_on == WaitingOn.AGENCY
    assert brief.current_version.reason == REASON
    assert not SignOff.objects.filter(brief=brief, is_current=True).exists()
    event = Event.objects.filter(target_id=str(brief.pk)).first()
    assert event.verb == "brief.replanned"
    assert event.data["reason"] == REASON
    assert (event.data["signed_version"], event.data["version"]) == (1, 2)
    assert mailoutbox[-1].to == ["alice@northwind.test"]
    assert REASON in mailoutbox[-1].body


def test_a_change_of_plan_by_the_agency_tells_the_approvers(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    brief = signed_brief(world)
    with django_capture_on_commit_callbacks(execute=True):
        _replan(world, brief, by=world.alice)
    assert mailoutbox[-1].to == ["carol@acme.test"]


def test_a_brief_in_work_stays_in_work_and_its_job_is_flagged(world):
    job = job_of(world)
    brief = _replan(world, job.brief)
    assert brief.status == Brief.Status.CONVERTED
    job.refresh_from_db()
    assert job.started_version == 1
    assert job.brief_changed_at is not None
    event = Event.objects.filter(verb="brief.replanned").get()
    assert event.data["in_work"] is True
    acknowledge_brief_change(by=world.alice, job=job)
    job.refresh_from_db()
    assert job.brief_changed_at is None
    assert Event.objects.filter(verb="job.brief_change_acknowledged").count() == 1


def test_the_edit_page_warns_and_keeps_what_was_typed_without_a_reason(client, world):
    job = job_of(world)
    client.force_login(world.carol)
    edit = url("brief_edit", brief_id=job.brief_id)
    page = client.get(edit).content.decode()
    assert "This is a change of plan." in page
    data = {"base_version": "1", "title": "Spring launch", "q_channels": "Instagram only"}
    for key, value in job.brief.answers.items():
        data.setdefault(f"q_{key}", value)
    refused = client.post(edit, data)
    assert refused.status_code == 422
    assert "Say in one line why the plan changes" in refused.content.decode()
    assert "Instagram only" in refused.content.decode()
    done = client.post(edit, {**data, "reason": REASON})
    assert done.status_code == 302
    client.force_login(world.alice)
    brief_page = client.get(url("brief_detail", brief_id=job.brief_id)).content.decode()
    assert "Changed since sign-off (v1 → v2)" in brief_page
    job_page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Brief changed since the work started" in job_page
    assert f"/intake/briefs/{job.brief_id}/versions/?a=1&amp;b=2" in job_page
    assert client.post(f"/jobs/{job.pk}/acknowledge-brief-change/").status_code == 302
    assert Job.objects.get(pk=job.pk).brief_changed_at is None


def test_the_api_needs_a_reason_for_a_change_of_plan(client, world):
    job = job_of(world)
    client.force_login(world.alice)
    path = f"/api/v1/briefs/{job.brief_id}"
    body = {"answers": {"channels": "Instagram only"}, "base_version": 1}
    refused = client.patch(path, json.dumps(body), "application/json")
    assert refused.status_code == 422
    saved = client.patch(path, json.dumps({**body, "reason": REASON}), "application/json")
    assert saved.status_code == 200
    flagged = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert flagged["brief_changed_at"] is not None
    assert (flagged["started_version"], flagged["brief_version"]) == (1, 2)
    ack = client.post(f"/api/v1/jobs/{job.pk}/acknowledge-brief-change")
    assert ack.status_code == 200 and ack.json()["brief_changed_at"] is None
    assert client.post(f"/api/v1/jobs/{job.pk}/acknowledge-brief-change").status_code == 409
