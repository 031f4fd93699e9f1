"""Stored PDF rows go in bounded queries: an erasure deletes every one of them, a chunk at a
time, files and all; a file is looked up by its name through an index."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from accord.intake.models import BriefPdf
from accord.intake.services import pdfs
from tests.intake.view_helpers import draft_brief

ROWS = 5


@pytest.fixture
def stored_pdfs(world, settings, tmp_path) -> list[BriefPdf]:
    """ROWS ready PDFs of one brief, each with its file in a storage of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    brief = draft_brief(world)
    made = []
    for n in range(ROWS):
        row = BriefPdf(brief=brief, audience="client", fingerprint=f"{n:064x}", state="ready")
        row.file.save(f"{n}.pdf", ContentFile(b"%PDF-1.4 made"), save=True)
        made.append(row)
    return made


def _exists(row: BriefPdf) -> bool:
    return row.file.storage.exists(row.file.name)


def test_rows_are_deleted_a_chunk_at_a_time_files_and_all(
    stored_pdfs, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    assert all(_exists(row) for row in stored_pdfs)
    with (
        django_capture_on_commit_callbacks(execute=True) as after_commit,
        django_assert_max_num_queries(20) as queries,
    ):
        deleted = pdfs.JOBS.delete(BriefPdf.objects.all(), chunk=2)
    assert deleted == ROWS
    assert not BriefPdf.objects.exists()
    deletes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DELETE")]
    assert len(deletes) == 3  # 2 + 2 + 1 rows
    assert len(after_commit) == 3  # each chunk's files, looked up and deleted after commit
    assert not any(_exists(row) for row in stored_pdfs)


def test_erasure_deletes_every_row_and_file(world, stored_pdfs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pdfs.forget_person(world.carol, world.erin)
    assert not BriefPdf.objects.exists()
    assert not any(_exists(row) for row in stored_pdfs)


def test_a_file_named_by_a_row_outside_the_chunk_stays(
    stored_pdfs, django_capture_on_commit_callbacks
):
    keep = stored_pdfs[-1]
    BriefPdf.objects.filter(pk=stored_pdfs[0].pk).update(file=keep.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        pdfs.JOBS.delete(BriefPdf.objects.exclude(pk=keep.pk), chunk=2)
    assert list(BriefPdf.objects.values_list("pk", flat=True)) == [keep.pk]
    assert _exists(keep)
    assert not any(_exists(row) for row in stored_pdfs[1:-1])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
@pytest.mark.django_db
def test_files_are_looked_up_by_name_through_the_index():
    plan = (
        BriefPdf.objects.filter(file__in=["briefs/1/pdf/a.pdf", "briefs/2/pdf/b.pdf"])
        .values_list("file", flat=True)
        .explain()
    )
    assert "brief_pdf_file" in plan
