"""A request's status follows its brief and job: new → being briefed → signed off → in work
→ delivered, moved only by `move_request` from the brief and job services."""

from datetime import timedelta
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accord.core.errors import IllegalTransition
from accord.core.models import Event
from accord.intake import services
from accord.intake.models import Brief, Request
from accord.work.models import Job
from accord.work.services import finish_job, start_job_from_brief
from tests.api.intake_data import advance, good_answers, social_template
from tests.work.helpers import put_on_job

R = Request.Status


def _request(world: Any, **fields: Any) -> Request:
    return services.submit_request(
        by=world.carol,
        client=world.acme,
        title=fields.pop("title", "Spring shelf talkers"),
        what="Shelf talkers for the spring range.",
        **fields,
    )


def _status(request: Request) -> str:
    request.refresh_from_db()
    return request.status


def _briefed(world: Any, request: Request) -> Brief:
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=social_template(), request=request
    )
    services.save_answers(by=world.alice, brief=brief, answers=good_answers(world))
    return brief


def test_the_request_follows_its_brief_and_job_to_delivered(world):
    request = _request(world)
    assert _status(request) == R.NEW
    brief = _briefed(world, request)
    assert _status(request) == R.BRIEFING
    advance(world, brief, to="proposed")
    assert _status(request) == R.BRIEFING
    advance(world, brief, since="proposed", to="signed_off")
    assert _status(request) == R.SIGNED_OFF
    job = start_job_from_brief(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    assert _status(request) == R.IN_WORK
    finish_job(by=world.alice, job=job)
    assert _status(request) == R.DELIVERED
    assert Job.objects.get(pk=job.pk).status == Job.Status.DONE
    assert Event.objects.filter(verb="job.done", target_id=str(job.pk)).count() == 1


def test_a_change_of_plan_that_voids_the_sign_off_sends_it_back_to_briefing(world):
    request = _request(world)
    brief = _briefed(world, request)
    advance(world, brief, to="signed_off")
    assert _status(request) == R.SIGNED_OFF
    services.save_answers(
        by=world.alice,
        brief=Brief.objects.get(pk=brief.pk),
        answers={"tone": "Bolder."},
        reason="The client wants a bolder voice.",
    )
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.SUBMITTED
    assert _status(request) == R.BRIEFING


@pytest.mark.parametrize("stage", ["draft", "submitted", "signed_off"])
def test_a_cancelled_brief_lets_its_request_go_back_to_new(world, stage):
    request = _request(world)
    brief = _briefed(world, request)
    advance(world, brief, to=stage)
    services.cancel_brief(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    assert _status(request) == R.NEW


def test_a_job_is_delivered_once(world):
    request = _request(world)
    brief = _briefed(world, request)
    advance(world, brief, to="signed_off")
    job = start_job_from_brief(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    finish_job(by=world.alice, job=job)
    with pytest.raises(IllegalTransition):
        finish_job(by=world.alice, job=job)
    assert _status(request) == R.DELIVERED


@pytest.mark.parametrize("status", [R.SIGNED_OFF, R.IN_WORK, R.DELIVERED])
def test_a_request_with_work_is_neither_reopened_nor_declined(world, status):
    request = _request(world)
    Request.objects.filter(pk=request.pk).update(status=status)
    request.refresh_from_db()
    with pytest.raises(IllegalTransition):
        services.reopen_request(by=world.alice, request=request)
    with pytest.raises(IllegalTransition):
        services.decide_request(
            by=world.alice, request=request, decision="decline", reason="We cannot take it on."
        )
    assert _status(request) == status


def test_the_migration_sets_existing_requests_right(world):
    briefed, signed, working, done, loose = (_request(world, title=t) for t in "abcde")
    for request, stage in ((briefed, "submitted"), (signed, "signed_off")):
        advance(world, _briefed(world, request), to=stage)
    for request in (working, done):
        brief = _briefed(world, request)
        advance(world, brief, to="signed_off")
        job = start_job_from_brief(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)  # done before the change
    Request.objects.update(status=R.BRIEFING)  # as the old code left them
    Request.objects.filter(pk=loose.pk).update(status=R.NEW)
    migration = import_module("accord.work.migrations.0002_requests_follow_their_work")
    migration.set_requests_right(apps, None)
    assert [_status(r) for r in (briefed, signed, working, done, loose)] == [
        R.BRIEFING,
        R.SIGNED_OFF,
        R.IN_WORK,
        R.DELIVERED,
        R.NEW,
    ]


# --- Pages: each reader's words ---------------------------------------------------------------


def _in_work(world: Any) -> tuple[Request, Job]:
    request = _request(world, needed_by=timezone.localdate() + timedelta(days=30))
    brief = _briefed(world, request)
    advance(world, brief, to="signed_off")
    return request, start_job_from_brief(by=world.alice, brief=Brief.objects.get(pk=brief.pk))


def test_each_reader_reads_the_status_in_their_own_words(client, world):
    request, _ = _in_work(world)
    client.force_login(world.carol)
    for url in (reverse("intake:request_list"), request.get_absolute_url()):
        assert "In progress" in client.get(url).text
    client.force_login(world.alice)
    for url in (reverse("intake:request_list"), request.get_absolute_url()):
        text = client.get(url).text
        assert "In work" in text and "In progress" not in text


def test_the_request_page_links_the_brief_while_it_is_in_work(client, world):
    request, job = _in_work(world)
    client.force_login(world.carol)
    assert job.brief.get_absolute_url() in client.get(request.get_absolute_url()).text


def test_the_portal_client_page_shows_started_jobs(client, world):
    client.force_login(world.carol)
    page = client.get(world.acme.get_absolute_url()).text
    assert "No work started yet" in page and "will appear here" not in page
    _, job = _in_work(world)
    page = client.get(world.acme.get_absolute_url()).text
    assert job.title in page and "In progress" in page
    assert reverse("work:job_detail", args=[job.pk]) in page
    assert f"due {job.due_on:%-d %b %Y}" in page
    home = client.get(reverse("home:index")).text
    assert job.title in home and "In progress" in home


def test_the_account_manager_marks_the_job_delivered(client, world):
    request, job = _in_work(world)
    put_on_job(job, world.dan)
    url = reverse("work:finish_job", args=[job.pk])
    client.force_login(world.dan)  # on the job: sees it, but does not mark it delivered
    assert "Mark delivered" not in client.get(reverse("work:job_detail", args=[job.pk])).text
    assert client.post(url).status_code == 403
    client.force_login(world.alice)
    assert "Mark delivered" in client.get(reverse("work:job_detail", args=[job.pk])).text
    assert client.post(url).status_code == 302
    assert _status(request) == R.DELIVERED
    again = client.post(url)
    assert again.status_code == 409 and "already" in again.text
