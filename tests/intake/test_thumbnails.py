"""The client's files follow the work: thumbnails made by the worker, files on the brief and
the job, opened by the creatives on the work, listed (not embedded) in the print."""

import io
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accord.core import previews
from accord.intake import pdf, services
from accord.intake.models import Attachment
from accord.intake.services import thumbnails
from tests.api.intake_data import advance, good_answers, social_template
from tests.work.helpers import start_job

T = Attachment.Thumbnail


def png(size: tuple[int, int] = (640, 480), colour: tuple[int, int, int] = (200, 60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def a_pdf() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (595, 842), (30, 90, 160)).save(buffer, format="PDF")
    return buffer.getvalue()


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def filed(world: Any, *files: tuple[str, bytes]) -> Any:
    return services.submit_request(
        by=world.carol,
        client=world.acme,
        title="Spring shelf talkers",
        what="Shelf talkers for the spring range, as in the photo.",
        attachments=[SimpleUploadedFile(name, content) for name, content in files],
    )


def test_images_and_pdfs_wait_for_a_thumbnail_other_files_need_none(world, media):
    request = filed(world, ("shelf.png", png()), ("spec.pdf", a_pdf()), ("notes.txt", b"Hi"))
    states = dict(request.attachments.values_list("original_name", "thumbnail_state"))
    assert states == {"shelf.png": T.PENDING, "spec.pdf": T.PENDING, "notes.txt": T.NONE}


def test_the_worker_is_asked_once_the_upload_is_committed(
    world, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request = filed(world, ("shelf.png", png()))
    assert callbacks  # the test backend runs the task at once
    attachment = request.attachments.get()
    assert attachment.thumbnail_state == T.READY
    with attachment.thumbnail.open("rb") as handle, Image.open(handle) as made:
        assert made.format == "PNG" and max(made.size) == thumbnails.THUMBNAIL_SIZE


def test_a_pdf_gets_a_thumbnail_of_its_first_page(world, media):
    attachment = filed(world, ("spec.pdf", a_pdf())).attachments.get()
    assert thumbnails.make(attachment.pk) == T.READY
    attachment.refresh_from_db()
    with attachment.thumbnail.open("rb") as handle, Image.open(handle) as made:
        assert made.size[1] == thumbnails.THUMBNAIL_SIZE  # portrait A4, scaled to its height
    assert thumbnails.make(attachment.pk) == T.READY  # run twice: nothing more happens


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.png", png()[:200]),  # truncated
        ("broken.pdf", b"%PDF-1.4\nnot really a PDF at all\n"),
        ("broken.jpg", b"\xff\xd8\xff\xe0" + bytes(400)),
    ],
)
def test_a_corrupt_file_fails_plainly_and_its_pages_still_show(client, world, media, name, content):
    request = filed(world, (name, content))
    attachment = request.attachments.get()
    assert thumbnails.make(attachment.pk) == T.FAILED
    attachment.refresh_from_db()
    assert attachment.thumbnail_state == T.FAILED and not attachment.thumbnail
    client.force_login(world.alice)
    page = client.get(request.get_absolute_url())
    assert page.status_code == 200
    assert name in page.text and "files__icon" in page.text
    thumb = reverse("intake:attachment_thumbnail", kwargs={"attachment_id": attachment.pk})
    assert client.get(thumb).status_code == 404


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(world, media, settings):
    settings.LOGO_MAX_PIXELS = 100 * 100
    attachment = filed(world, ("huge.png", png((400, 400)))).attachments.get()
    assert thumbnails.make(attachment.pk) == T.FAILED


def test_a_preview_that_takes_too_long_is_stopped():
    slow = previews.Limits(size=64, max_pixels=10_000_000, seconds=0.001)
    with pytest.raises(previews.PreviewFailed, match="within"):
        previews.preview(png(), "image/png", slow)


def test_the_sweep_asks_again_for_thumbnails_left_pending(world, media):
    attachment = filed(world, ("shelf.png", png())).attachments.get()
    assert thumbnails.sweep() == []  # just uploaded: its own task is on its way
    Attachment.objects.filter(pk=attachment.pk).update(
        created_at=attachment.created_at - thumbnails.SWEEP_AFTER
    )
    assert thumbnails.sweep() == [attachment.pk]  # the test backend runs it at once
    attachment.refresh_from_db()
    assert attachment.thumbnail_state == T.READY
    assert thumbnails.sweep() == []


def test_the_thumbnail_downloads_for_who_sees_the_file(client, world, media):
    attachment = filed(world, ("shelf.png", png())).attachments.get()
    url = reverse("intake:attachment_thumbnail", kwargs={"attachment_id": attachment.pk})
    client.force_login(world.carol)
    assert client.get(url).status_code == 404  # not made yet
    thumbnails.make(attachment.pk)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(world.gus)
    assert client.get(url).status_code == 404


def _job_with_files(world: Any) -> tuple[Any, Attachment]:
    request = filed(world, ("shelf.png", png()), ("notes.txt", b"Forty stores."))
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=social_template(), request=request
    )
    services.save_answers(by=world.alice, brief=brief, answers=good_answers(world))
    advance(world, brief, to="signed_off")
    job = start_job(brief, team=(world.dan,))
    image = request.attachments.get(original_name="shelf.png")
    thumbnails.make(image.pk)
    return job, image


def test_the_files_appear_on_the_brief_and_the_job_for_the_creatives_on_it(client, world, media):
    job, image = _job_with_files(world)
    download = reverse("intake:attachment", kwargs={"attachment_id": image.pk})
    thumb = reverse("intake:attachment_thumbnail", kwargs={"attachment_id": image.pk})
    client.force_login(world.dan)  # the designer on the job: no requests, but the work's files
    for page in (job.brief.get_absolute_url(), reverse("work:job_detail", args=[job.pk])):
        text = client.get(page).text
        assert "shelf.png" in text and "notes.txt" in text
        assert download in text and thumb in text
    assert client.get(download).status_code == 200
    assert client.get(thumb).status_code == 200
    assert client.get(image.request.get_absolute_url()).status_code == 404  # still no request
    for outsider in (world.cora, world.sam):  # on Acme's team but not the job; on neither
        client.force_login(outsider)
        assert client.get(download).status_code == 404
        assert client.get(thumb).status_code == 404


def test_a_creative_sees_no_files_of_a_brief_not_signed_off(client, world, media):
    request = filed(world, ("shelf.png", png()))
    services.start_brief(
        by=world.alice, client=world.acme, template=social_template(), request=request
    )
    client.force_login(world.dan)
    url = reverse("intake:attachment", kwargs={"attachment_id": request.attachments.get().pk})
    assert client.get(url).status_code == 404


def test_the_print_lists_the_files_without_embedding_them(world, media):
    job, _ = _job_with_files(world)
    html = pdf.render_print_html(brief=job.brief, show_internal=False)
    assert "Files sent with the request" in html
    assert "shelf.png" in html and "PNG image" in html and "notes.txt" in html
    assert "<img" not in html.split("Files sent with the request")[1]


def _store_down(monkeypatch: Any) -> None:
    def down(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("the file store is not answering")

    monkeypatch.setattr(FileSystemStorage, "open", down)


def test_a_thumbnail_the_worker_cannot_make_is_given_up_after_a_few_tries(
    world, media, monkeypatch
):
    attachment = filed(world, ("shelf.png", png())).attachments.get()
    _store_down(monkeypatch)  # each try (run at once here) leaves it pending
    for _ in range(thumbnails.MAX_TRIES):
        Attachment.objects.filter(pk=attachment.pk).update(
            created_at=attachment.created_at - thumbnails.SWEEP_AFTER,
            thumbnail_queued_at=attachment.created_at - thumbnails.SWEEP_AFTER,
        )
        assert thumbnails.sweep() == [attachment.pk]
    attachment.refresh_from_db()
    assert (attachment.thumbnail_tries, attachment.thumbnail_state) == (3, T.PENDING)
    Attachment.objects.filter(pk=attachment.pk).update(
        thumbnail_queued_at=attachment.created_at - thumbnails.SWEEP_AFTER
    )
    assert thumbnails.sweep() == []
    attachment.refresh_from_db()
    assert attachment.thumbnail_state == T.FAILED


def test_a_file_store_that_fails_leaves_the_thumbnail_to_try_again(world, media, monkeypatch):
    attachment = filed(world, ("shelf.png", png())).attachments.get()
    _store_down(monkeypatch)
    assert thumbnails.make(attachment.pk) == T.PENDING
    attachment.refresh_from_db()
    assert attachment.thumbnail_state == T.PENDING
