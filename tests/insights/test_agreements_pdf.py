"""Acme's record of what was agreed as a PDF is made by the worker, once per content and
filters, then served from storage: the page and the API say it is being prepared (never
rendering it themselves), then hand out the file with every entry's SHA-256 in it."""

import dataclasses
from datetime import timedelta
from typing import Any

import pypdfium2
import pytest
from django.core.files.base import ContentFile
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend as queued

from accord.accounts import erasure
from accord.accounts.services import create_api_token
from accord.insights import pdf_agreements
from accord.insights.models import Agreement, AgreementsPdf
from accord.insights.services import agreements_pdf, notes
from accord.intake import pdf
from accord.intake.services import pdf_jobs
from tests.insights.agreements_data import approvals, kickoff, signed_brief

HTMX = {"HX-Request": "true"}
API = "/api/v1"
WEASYPRINT = pdf._weasyprint


@pytest.fixture
def renders(monkeypatch) -> list[int]:
    """Each time WeasyPrint is asked to lay out a PDF (a list that grows by one)."""
    calls: list[int] = []

    def counted() -> Any:
        calls.append(1)
        return WEASYPRINT()

    monkeypatch.setattr(pdf, "_weasyprint", counted)
    return calls


@pytest.fixture
def confirmed(world):
    note = kickoff(world)
    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    return note


def _weasyprint_or_skip() -> None:
    try:
        WEASYPRINT()
    except pdf.PdfUnavailable:
        pytest.skip("WeasyPrint cannot load its system libraries (Pango) here.")


def _pdf_url(world, **query: str) -> str:
    address = reverse("insights:agreed_pdf", args=[world.acme.pk])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _text(response) -> str:
    """The PDF's text, without the line breaks a long SHA-256 may be wrapped at."""
    document = pypdfium2.PdfDocument(b"".join(response.streaming_content))
    return "".join("".join(page.get_textpage().get_text_range().split()) for page in document)


def test_carol_asks_the_worker_makes_it_once_and_the_file_is_served(
    client, world, confirmed, worker, renders
):
    _weasyprint_or_skip()
    signed_brief(world)
    client.force_login(world.carol)
    page = client.get(_pdf_url(world))
    assert page.status_code == 202 and page["Retry-After"] == "2"
    assert "Preparing the PDF…" in page.text
    assert f'hx-get="{_pdf_url(world)}"' in page.text and 'hx-trigger="every 2s"' in page.text
    assert reverse("insights:agreed", args=[world.acme.pk]) in page.text  # the record works
    made = AgreementsPdf.objects.get(client=world.acme)
    assert made.state == "preparing" and not made.file
    assert not renders  # nothing laid out in the request
    assert [r.args for r in queued.results] == [[made.pk]]
    polled = client.get(_pdf_url(world), headers=HTMX)
    assert polled.status_code == 202 and "<html" not in polled.text
    assert len(queued.results) == 1  # asked again: still one job, one task

    assert worker() == ["ready"]
    assert len(renders) == 1
    ready = client.get(_pdf_url(world), headers=HTMX)
    assert ready.status_code == 200 and "Download the PDF" in ready.text
    assert "hx-trigger" not in ready.text
    document = client.get(_pdf_url(world))
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    assert "acme-foods-what-was-agreed.pdf" in document["Content-Disposition"]
    text = _text(document)
    entries = Agreement.objects.filter(client=world.acme)
    assert entries.count() == 2 and all(e.sha256 in text for e in entries)
    assert "Spring" in text and "Summer" in text
    # The same content again, for Alice too: served from storage, never rendered again.
    client.force_login(world.alice)
    assert client.get(_pdf_url(world)).status_code == 200
    assert len(renders) == 1 and not queued.results
    assert AgreementsPdf.objects.get(client=world.acme).pk == made.pk


def test_a_new_agreement_is_a_new_pdf_and_the_old_one_goes(world, confirmed, worker):
    _weasyprint_or_skip()
    first = agreements_pdf.requested_pdf(client=world.acme)
    assert worker() == ["ready"]
    signed_brief(world, title="Autumn")
    second = agreements_pdf.requested_pdf(client=world.acme)
    assert second.pk != first.pk and second.state == "preparing"
    assert second.fingerprint != first.fingerprint and "Autumn" in second.source
    assert worker() == ["ready"]
    assert list(AgreementsPdf.objects.values_list("pk", flat=True)) == [second.pk]


def test_a_pdf_made_for_one_search_is_never_served_for_another(world, confirmed, worker):
    _weasyprint_or_skip()
    signed_brief(world)
    briefs = agreements_pdf.requested_pdf(client=world.acme, kind="sign_off")
    assert worker() == ["ready"]
    everything = agreements_pdf.requested_pdf(client=world.acme)
    signed = Agreement.objects.get(kind=Agreement.Kind.SIGN_OFF)
    one = agreements_pdf.requested_pdf(client=world.acme, entry=signed.pk)
    assert len({briefs.pk, everything.pk, one.pk}) == 3
    assert (everything.state, one.state) == ("preparing", "preparing")
    assert "Spring launch kick-off" in everything.source
    # Each search keeps its own PDF: making one does not drop another's.
    assert sorted(worker()) == ["ready", "ready"]
    assert AgreementsPdf.objects.filter(state="ready").count() == 3
    assert agreements_pdf.requested_pdf(client=world.acme, kind="sign_off").pk == briefs.pk


def test_a_client_keeps_only_its_newest_pdfs(world, confirmed, worker, monkeypatch):
    _weasyprint_or_skip()
    monkeypatch.setattr(agreements_pdf, "JOBS", dataclasses.replace(agreements_pdf.JOBS, keep=2))
    made = [agreements_pdf.requested_pdf(client=world.acme, q=word) for word in "abc"]
    assert worker() == ["ready"] * 3
    kept = AgreementsPdf.objects.values_list("pk", flat=True)
    assert sorted(kept) == sorted(m.pk for m in made[1:])


def test_the_worker_prints_at_most_200_entries(world, queue):
    approvals(world.acme, ["Agreed. " * 500] * 205)
    job = agreements_pdf.requested_pdf(client=world.acme)
    assert "stops at the newest 200 entries" in job.source
    assert f"{199:064x}" in job.source and f"{200:064x}" not in job.source


def test_without_pango_the_page_says_what_to_do_and_asks_again_later(
    client, world, confirmed, worker, without_pango
):
    client.force_login(world.alice)
    client.get(_pdf_url(world))
    assert worker() == ["failed"]
    page = client.get(_pdf_url(world))
    assert page.status_code == 503 and "apt-get install libpango" in page.text
    assert reverse("insights:agreed", args=[world.acme.pk]) in page.text
    # The poll of a failed PDF is swapped in (a 200) and stops asking.
    polled = client.get(_pdf_url(world), headers=HTMX)
    assert polled.status_code == 200 and "Pango" in polled.text
    assert "hx-trigger" not in polled.text and "Back to what was agreed" in polled.text
    assert not queued.results  # not tried again at once
    AgreementsPdf.objects.update(
        requested_at=timezone.now() - pdf_jobs.RETRY_FAILED_AFTER - timedelta(seconds=1)
    )
    again = client.get(_pdf_url(world))
    assert again.status_code == 202 and len(queued.results) == 1
    assert AgreementsPdf.objects.get().state == "preparing"


def test_a_render_that_breaks_says_the_record_still_works(world, confirmed, queue, monkeypatch):
    def broken(source: str) -> bytes:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(pdf, "pdf_from_source", broken)
    job = agreements_pdf.requested_pdf(client=world.acme)
    with pytest.raises(RuntimeError):
        agreements_pdf.render(job.pk)
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error == (
        "The PDF could not be made. Try again in a minute; the record of what was agreed "
        "still works on its page."
    )


def test_the_api_answers_202_while_preparing_then_the_pdf(world, confirmed, worker, renders):
    _weasyprint_or_skip()
    _, token = create_api_token(user=world.ray, name="pdf")
    bearer = {"Authorization": f"Bearer {token}"}
    path = f"{API}/clients/{world.acme.pk}/agreements.pdf"
    api = HttpClient()
    waiting = api.get(path, headers=bearer)
    assert waiting.status_code == 202 and waiting["Retry-After"] == "2"
    assert waiting.json() == {
        "status": "preparing",
        "detail": "The PDF is being prepared; ask again in a few seconds.",
        "retry_after": 2,
    }
    assert not renders
    assert worker() == ["ready"]
    done = api.get(path, headers=bearer)
    assert done.status_code == 200 and done["Content-Type"] == "application/pdf"
    assert confirmed.sha256 in _text(done)


def test_the_api_declares_202_for_the_export(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    answers = paths[f"{API}/clients/{{client_id}}/agreements.pdf"]["get"]["responses"]
    assert {"200", "202", "404", "503"} <= set(answers)


@pytest.mark.parametrize("who", ["gus", "max", "dan"])
def test_nobody_outside_acme_asks_for_its_pdf(client, world, confirmed, queue, who):
    client.force_login(world.persona(who))
    assert client.get(_pdf_url(world)).status_code == 404
    assert not AgreementsPdf.objects.exists() and not queued.results


def test_asking_reads_a_bounded_number_of_queries(
    client, world, confirmed, queue, django_assert_max_num_queries
):
    client.force_login(world.alice)
    with django_assert_max_num_queries(20) as first:
        assert client.get(_pdf_url(world)).status_code == 202
    for n in range(5):
        signed_brief(world, title=f"Brief {n}")
    # More entries: as many queries (another search, so nothing waiting is superseded).
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(_pdf_url(world, kind="sign_off")).status_code == 202
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(_pdf_url(world, kind="sign_off")).status_code == 202  # polled


def test_erasure_removes_every_stored_record_pdf(world, confirmed, worker, settings, tmp_path):
    _weasyprint_or_skip()
    settings.MEDIA_ROOT = tmp_path
    made = agreements_pdf.requested_pdf(client=world.acme)
    assert "Carol Acme" in made.source
    worker()
    made.refresh_from_db()
    stored = made.file.path
    erasure.erase_person(person=world.carol, by=world.erin)
    assert not AgreementsPdf.objects.exists()
    again = agreements_pdf.requested_pdf(client=world.acme)
    assert "Carol Acme" not in again.source
    del stored  # the file goes once the erasure commits (the test's transaction never does)


@pytest.fixture
def stored(monkeypatch, settings, tmp_path) -> None:
    """PDFs are "laid out" at once (the bytes do not matter here) into a storage of their own."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(pdf, "pdf_from_source", lambda source: b"%PDF-1.4 made")


def test_two_searches_printing_the_same_entries_each_keep_their_pdf(
    world, confirmed, worker, stored, django_capture_on_commit_callbacks
):
    # Acme has one entry: the whole record and that entry print the same HTML.
    only = Agreement.objects.get(client=world.acme)
    everything = agreements_pdf.requested_pdf(client=world.acme)
    one = agreements_pdf.requested_pdf(client=world.acme, entry=only.pk)
    assert everything.fingerprint == one.fingerprint and everything.filters != one.filters
    with django_capture_on_commit_callbacks(execute=True):
        assert worker() == ["ready", "ready"]
    everything.refresh_from_db()
    # A new agreement: the whole record is made again and its older PDF goes, file and all.
    signed_brief(world)
    with django_capture_on_commit_callbacks(execute=True):
        agreements_pdf.requested_pdf(client=world.acme)
        assert worker() == ["ready"]
    assert not everything.file.storage.exists(everything.file.name)
    for chosen in ({}, {"entry": only.pk}):
        made = agreements_pdf.requested_pdf(client=world.acme, **chosen)
        assert made.state == "ready"
        served = pdf_agreements.served(made)
        assert b"".join(served.streaming_content) == b"%PDF-1.4 made"


def test_a_file_another_pdf_still_names_is_kept(
    world, confirmed, stored, django_capture_on_commit_callbacks
):
    """Two ready PDFs naming one file (as those stored before each had its own could): deleting
    one leaves the file for the other; deleting both deletes it."""
    storage = AgreementsPdf._meta.get_field("file").storage
    name = storage.save(f"agreements/{world.acme.pk}/pdf/shared.pdf", ContentFile(b"%PDF"))
    ready = {"client": world.acme, "fingerprint": "f" * 64, "state": "ready", "file": name}
    first = AgreementsPdf.objects.create(filters="1" * 64, **ready)
    second = AgreementsPdf.objects.create(filters="2" * 64, **ready)
    with django_capture_on_commit_callbacks(execute=True):
        agreements_pdf.JOBS.delete(AgreementsPdf.objects.filter(pk=first.pk))
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        agreements_pdf.JOBS.delete(AgreementsPdf.objects.filter(pk=second.pk))
    assert not storage.exists(name)


def test_searches_written_differently_are_one_pdf(world, confirmed, queue):
    asked = [
        agreements_pdf.requested_pdf(client=world.acme, q=q)
        for q in ("spring kick-off", "  Spring   KICK-OFF ", "spring kick-off " + "x " * 20)
    ]
    assert len({made.filters for made in asked}) == 2  # the third: past MAX_WORDS ignored
    assert AgreementsPdf.objects.count() == 2
    words = " ".join(["spring", "kick-off"] + ["x"] * 6)
    assert f"<dd>{words}</dd>" in asked[2].source  # the PDF names the words searched


def test_entries_not_in_the_record_are_one_empty_pdf(world, confirmed, queue):
    only = Agreement.objects.get(client=world.acme)
    missing = [agreements_pdf.requested_pdf(client=world.acme, entry=only.pk + n) for n in (1, 2)]
    assert missing[0].pk == missing[1].pk and "<h2" not in missing[0].source
    one = agreements_pdf.requested_pdf(client=world.acme, entry=only.pk)
    assert one.pk != missing[0].pk and only.sha256 in one.source
    assert AgreementsPdf.objects.count() == 2


def test_a_client_has_at_most_a_few_pdfs_waiting(world, confirmed, worker):
    cap = 5
    asked = [agreements_pdf.requested_pdf(client=world.acme, q=f"word{n}") for n in range(30)]
    unmade = AgreementsPdf.objects.exclude(state="ready")
    assert unmade.count() == cap
    kept = sorted(made.pk for made in asked[-cap:])
    assert sorted(unmade.values_list("pk", flat=True)) == kept  # the newest
    # The tasks of the jobs dropped find nothing to do.
    done = worker()
    assert done.count("gone") == 30 - cap and len(done) == 30


def test_failed_pdfs_count_among_those_waiting_and_keep_no_html(
    world, confirmed, worker, without_pango
):
    first = agreements_pdf.requested_pdf(client=world.acme)
    assert worker() == ["failed"]
    first.refresh_from_db()
    assert first.state == "failed" and first.source == "" and "Pango" in first.error
    assert worker() == [] and agreements_pdf.render(first.pk) == "failed"  # run again: nothing
    for n in range(agreements_pdf.UNMADE):
        agreements_pdf.requested_pdf(client=world.acme, q=f"word{n}")
    assert not AgreementsPdf.objects.filter(pk=first.pk).exists()
    assert AgreementsPdf.objects.count() == agreements_pdf.UNMADE


def test_a_failed_pdf_asked_for_again_is_made_from_the_record_as_it_reads(
    world, confirmed, worker, stored
):
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(pdf, "pdf_from_source", _unavailable)
        first = agreements_pdf.requested_pdf(client=world.acme)
        assert worker() == ["failed"]
    AgreementsPdf.objects.update(
        requested_at=timezone.now() - pdf_jobs.RETRY_FAILED_AFTER - timedelta(seconds=1)
    )
    again = agreements_pdf.requested_pdf(client=world.acme)
    assert again.pk == first.pk and again.state == "preparing"
    assert confirmed.sha256 in AgreementsPdf.objects.get(pk=first.pk).source
    assert worker() == ["ready"]


def _unavailable(source: str) -> bytes:
    raise pdf.PdfUnavailable("Pango is missing.")
