"""The job page: who sees a job, and what it says about the brief it came from."""

import pytest
from django.urls import reverse

from accord.work.models import Job
from tests.intake.view_helpers import job_of, signed_brief, submitted_brief
from tests.work.helpers import give_task


def job_url(job) -> str:
    return reverse("work:job_detail", kwargs={"job_id": job.pk})


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("erin", 200),
        ("alice", 200),
        ("max", 404),
        ("dan", 200),
        ("cora", 200),
        ("sam", 404),
        ("carol", 200),
        ("ray", 200),
        ("gus", 404),
    ],
)
def test_job_page_by_persona(client, world, persona, status):
    job = job_of(world, team=(world.dan,))  # Dan on its team, Cora with a task on it
    give_task(job, world.cora)
    client.force_login(world.persona(persona))
    assert client.get(job_url(job)).status_code == status


def test_job_page_needs_sign_in(client, world):
    job = job_of(world)
    response = client.get(job_url(job))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_job_page_shows_the_signed_off_brief_and_its_fingerprint(client, world):
    job = job_of(world)
    signed = job.brief.sign_offs.get()
    client.force_login(world.alice)
    page = client.get(job_url(job)).text
    assert job.title in page
    assert "Acme Foods" in page
    assert job.brief.get_absolute_url() in page
    assert signed.sha256 in page
    assert "Carol Acme" in page
    assert job.due_on.strftime("%B %Y") in page
    assert "style=" not in page


def test_unknown_job_is_404(client, world):
    client.force_login(world.erin)
    assert client.get(reverse("work:job_detail", kwargs={"job_id": 999})).status_code == 404


def start_url(brief) -> str:
    return reverse("work:start_job", kwargs={"brief_id": brief.pk})


def test_starting_a_job_from_a_signed_off_brief(client, world):
    brief = signed_brief(world)
    client.force_login(world.alice)
    response = client.post(start_url(brief))
    job = Job.objects.get()
    assert response["Location"] == job_url(job)
    assert job.brief == brief


def test_starting_a_job_from_an_unsigned_brief_is_a_clear_message(client, world):
    brief = submitted_brief(world)
    client.force_login(world.alice)
    response = client.post(start_url(brief))
    assert response.status_code == 409
    assert "Only a signed-off brief can become a job." in response.text
    assert not Job.objects.exists()


def test_starting_a_job_is_a_post(client, world):
    brief = signed_brief(world)
    client.force_login(world.alice)
    assert client.get(start_url(brief)).status_code == 405
