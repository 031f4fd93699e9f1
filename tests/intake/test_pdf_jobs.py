"""Brief PDFs are made by the worker, once per content and audience, never in the request."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from accord.accounts.services import create_api_token
from accord.intake import pdf, services
from accord.intake.models import Brief, BriefPdf
from accord.intake.services import pdfs
from accord.intake.tasks import render_brief_pdf
from tests.intake.view_helpers import signed_brief, url

HTMX = {"HX-Request": "true"}
API = "/api/v1"
LATER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def worker_later(settings):
    """A queue that keeps tasks until the test runs them, as the worker would later."""
    settings.TASKS = LATER
    default_task_backend.clear()
    return default_task_backend


def _weasyprint_or_skip() -> None:
    try:
        pdf._weasyprint()
    except pdf.PdfUnavailable:
        pytest.skip("WeasyPrint cannot load its system libraries (Pango) here.")


def _run_queued(backend) -> None:
    for result in backend.results:
        result.task.call(*result.args, **result.kwargs)
    backend.clear()


def test_the_page_says_preparing_then_gives_the_file(client, world, worker_later):
    _weasyprint_or_skip()
    brief = signed_brief(world)
    client.force_login(world.carol)
    page = client.get(url("brief_pdf", brief_id=brief.pk))
    assert page.status_code == 202
    assert page["Retry-After"] == str(pdfs.RETRY_AFTER_SECONDS)
    assert "Preparing the PDF…" in page.text
    assert f'hx-get="{url("brief_pdf", brief_id=brief.pk)}"' in page.text
    assert 'hx-trigger="every 2s"' in page.text
    made = BriefPdf.objects.get(brief=brief)
    assert made.state == "preparing" and not made.file and made.audience == "client"
    # Asked again while it is being prepared: still one job, still one task.
    polled = client.get(url("brief_pdf", brief_id=brief.pk), headers=HTMX)
    assert polled.status_code == 202 and "Preparing the PDF…" in polled.text
    assert len(worker_later.results) == 1
    assert worker_later.results[0].args == [made.pk]
    _run_queued(worker_later)
    ready = client.get(url("brief_pdf", brief_id=brief.pk), headers=HTMX)
    assert ready.status_code == 200
    assert "Download the PDF" in ready.text and "hx-trigger" not in ready.text
    document = client.get(url("brief_pdf", brief_id=brief.pk))
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    assert b"".join(document.streaming_content).startswith(b"%PDF")
    assert not worker_later.results  # served from storage: nothing rendered again
    made.refresh_from_db()
    assert made.state == "ready" and made.source == ""


def test_the_api_answers_202_with_retry_after_then_200(client, world, worker_later):
    _weasyprint_or_skip()
    brief = signed_brief(world)
    _, token = create_api_token(user=world.carol, name="pdf")
    bearer = {"Authorization": f"Bearer {token}"}
    waiting = client.get(f"{API}/briefs/{brief.pk}/pdf", headers=bearer)
    assert waiting.status_code == 202
    assert waiting["Retry-After"] == "2"
    assert waiting.json() == {
        "status": "preparing",
        "detail": "The PDF is being prepared; ask again in a few seconds.",
        "retry_after": 2,
    }
    _run_queued(worker_later)
    done = client.get(f"{API}/briefs/{brief.pk}/pdf", headers=bearer)
    assert done.status_code == 200
    assert b"".join(done.streaming_content).startswith(b"%PDF")


def test_the_api_declares_every_answer_of_the_pdf_operation(client):
    operation = client.get(f"{API}/openapi.json").json()["paths"][f"{API}/briefs/{{brief_id}}/pdf"]
    assert {"200", "202", "401", "403", "404", "503"} <= set(operation["get"]["responses"])


def test_a_change_to_the_brief_is_a_new_pdf_and_the_old_one_goes(world, worker_later):
    _weasyprint_or_skip()
    brief = signed_brief(world)
    first = pdfs.requested_pdf(brief=brief, reader=world.carol)
    _run_queued(worker_later)
    first.refresh_from_db()
    old_file = first.file.path
    services.save_answers(
        by=world.alice,
        brief=brief,
        answers={"channels": "Instagram only"},
        base_version=1,
        reason="Instagram only, for now.",
    )
    brief.refresh_from_db()
    second = pdfs.requested_pdf(brief=brief, reader=world.carol)
    assert second.pk != first.pk and second.state == "preparing"
    assert second.fingerprint != first.fingerprint
    _run_queued(worker_later)
    assert list(BriefPdf.objects.filter(brief=brief).values_list("pk", flat=True)) == [second.pk]
    assert BriefPdf.objects.get(pk=second.pk).state == "ready"
    del old_file  # removed once the change commits (the test's transaction never does)


def test_the_agency_and_the_client_get_separate_pdfs(world, worker_later):
    brief = services.save_internal_notes(
        by=world.alice, brief=signed_brief(world), notes="Margin is thin."
    )
    for_client = pdfs.requested_pdf(brief=brief, reader=world.carol)
    for_agency = pdfs.requested_pdf(brief=brief, reader=world.alice, internal=True)
    assert (for_client.audience, for_agency.audience) == ("client", "agency")
    assert "Margin is thin." not in for_client.source
    assert "Margin is thin." in for_agency.source
    assert "Agency only" in for_agency.source and "Agency only" not in for_client.source


def test_the_audience_follows_the_choice_not_the_role(world, worker_later):
    brief = services.save_internal_notes(
        by=world.alice, brief=signed_brief(world), notes="Margin is thin."
    )
    by_default = pdfs.requested_pdf(brief=brief, reader=world.alice)
    assert by_default.audience == "client" and "Margin is thin." not in by_default.source
    # A contact asking for the notes gets the client's version: the very same PDF.
    asked = pdfs.requested_pdf(brief=brief, reader=world.carol, internal=True)
    assert asked.pk == by_default.pk


def test_a_job_lost_with_its_worker_is_asked_for_again(world, worker_later):
    brief = signed_brief(world)
    made = pdfs.requested_pdf(brief=brief, reader=world.carol)
    worker_later.clear()  # the task is lost
    assert pdfs.requested_pdf(brief=brief, reader=world.carol).pk == made.pk
    assert not worker_later.results  # not yet: it may still be on its way
    BriefPdf.objects.filter(pk=made.pk).update(
        requested_at=timezone.now() - pdfs.STUCK_AFTER - timedelta(seconds=1)
    )
    again = pdfs.requested_pdf(brief=brief, reader=world.carol)
    assert again.pk == made.pk and again.state == "preparing"
    assert [r.args for r in worker_later.results] == [[made.pk]]


def test_running_the_task_twice_makes_the_pdf_once(world, worker_later):
    _weasyprint_or_skip()
    brief = signed_brief(world)
    made = pdfs.requested_pdf(brief=brief, reader=world.carol)
    assert render_brief_pdf.call(made.pk) == "ready"
    name = BriefPdf.objects.get(pk=made.pk).file.name
    assert render_brief_pdf.call(made.pk) == "ready"
    assert BriefPdf.objects.get(pk=made.pk).file.name == name


def test_without_pango_the_job_fails_with_instructions(client, world, without_pango):
    brief = signed_brief(world)
    client.force_login(world.carol)
    response = client.get(url("brief_pdf", brief_id=brief.pk))
    assert response.status_code == 503
    assert "apt-get install libpango" in response.text
    assert BriefPdf.objects.get(brief=brief).state == "failed"


def test_the_status_poll_of_a_failed_pdf_swaps_in_the_reason_and_stops(
    client, world, without_pango
):
    """htmx swaps only a 2xx answer: a 503 page would leave "Preparing…" polling forever."""
    brief = signed_brief(world)
    client.force_login(world.carol)
    response = client.get(url("brief_pdf", brief_id=brief.pk), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="pdf-status"' in response.text
    assert "apt-get install libpango" in response.text
    assert "hx-trigger" not in response.text


def _edit(world, brief, channels: str):
    services.save_answers(
        by=world.alice,
        brief=brief,
        answers={"channels": channels},
        base_version=brief.current_version.number,
        reason=f"Channels: {channels}.",
    )
    return Brief.objects.get(pk=brief.pk)


def test_one_job_waits_per_brief_and_audience_and_older_tasks_do_nothing(world, worker_later):
    _weasyprint_or_skip()
    brief = signed_brief(world)
    for n in range(5):
        brief = _edit(world, brief, f"Instagram {n}")
        newest = pdfs.requested_pdf(brief=brief, reader=world.carol)
    assert list(BriefPdf.objects.filter(brief=brief).values_list("pk", flat=True)) == [newest.pk]
    queued = list(worker_later.results)
    worker_later.clear()
    # The newest is made first, then the tasks of the jobs it superseded run late.
    assert queued[-1].task.call(*queued[-1].args) == "ready"
    assert [r.task.call(*r.args) for r in queued[:-1]] == ["gone"] * 4
    made = BriefPdf.objects.get(brief=brief)
    assert (made.pk, made.state) == (newest.pk, "ready")
    assert Path(made.file.path).exists()


def test_an_older_job_never_replaces_a_newer_pdf(world, worker_later):
    _weasyprint_or_skip()
    brief = signed_brief(world)
    older = pdfs.requested_pdf(brief=brief, reader=world.carol)
    brief = _edit(world, brief, "Instagram only")
    # Two requests raced: the older job survived the newer one's creation.
    newer = BriefPdf.objects.create(
        brief=brief,
        audience=older.audience,
        fingerprint="b" * 64,
        source=pdf.pdf_source(brief=brief, show_internal=False),
        requested_at=older.requested_at + timedelta(seconds=1),
    )
    worker_later.clear()
    assert pdfs.render(older.pk) == "superseded"  # its task ran late: nothing made
    assert not BriefPdf.objects.filter(pk=older.pk).exists()
    assert pdfs.render(newer.pk) == "ready"
    made = BriefPdf.objects.get(brief=brief)
    assert (made.pk, made.state) == (newer.pk, "ready")
    assert Path(made.file.path).exists()


def test_rendering_twice_overwrites_one_file(world, worker_later, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _weasyprint_or_skip()
    brief = signed_brief(world)
    job = pdfs.requested_pdf(brief=brief, reader=world.carol)
    assert pdfs.render(job.pk) == "ready"
    first = BriefPdf.objects.get(pk=job.pk).file.name
    BriefPdf.objects.filter(pk=job.pk).update(state="preparing")  # a twin run of the same job
    assert pdfs.render(job.pk) == "ready"
    assert BriefPdf.objects.get(pk=job.pk).file.name == first
    folder = Path(BriefPdf.objects.get(pk=job.pk).file.path).parent
    assert len(list(folder.iterdir())) == 1


def test_a_long_wait_with_no_worker_says_so_and_asks_less_often(client, world, worker_later):
    from accord.core.models import WorkerHeartbeat

    brief = signed_brief(world)
    client.force_login(world.carol)
    assert "no worker" not in client.get(url("brief_pdf", brief_id=brief.pk)).text
    BriefPdf.objects.filter(brief=brief).update(requested_at=timezone.now() - timedelta(seconds=31))
    waiting = client.get(url("brief_pdf", brief_id=brief.pk), headers=HTMX)
    assert waiting.status_code == 202
    assert "no worker seems to be running" in waiting.text
    assert 'hx-trigger="every 10s"' in waiting.text
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, started_at=now, seen_at=now)
    alive = client.get(url("brief_pdf", brief_id=brief.pk))
    assert alive.status_code == 202 and alive["Retry-After"] == "10"
    assert "no worker" not in alive.text
