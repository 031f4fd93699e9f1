"""Previews of versions, made by the worker: a page to review on and a thumbnail for each page
of a PDF (up to a cap) or for an image; damaged files fail plainly, a file store that is down
leaves the work for the sweep, which gives up after a few tries."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accord.core import previews as previewer
from accord.core import worker
from accord.reviews.models import Version, VersionPage
from accord.reviews.services import previews, rounds, versions

from .review_data import banner_job, pdf, png, upload
from .test_files import png_claiming

P = Version.Preview
A4 = (1414, 2000)  # a portrait A4 page at DISPLAY_SIZE
A4_THUMBNAIL = (226, 320)


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def uploaded(world: Any, file: Any) -> Version:
    """Dan uploads `file`; the worker is not asked yet."""
    return upload(world, banner_job(world), file)


def size_of(file: Any) -> tuple[int, int]:
    with file.open("rb") as handle, Image.open(handle) as made:
        assert made.format == "PNG"
        return made.size


def pages_of(version: Version) -> list[tuple[int, tuple[int, int], tuple[int, int], str]]:
    return [
        (page.number, (page.width, page.height), size_of(page.thumbnail), page.image.name)
        for page in VersionPage.objects.filter(version=version).order_by("number")
    ]


def test_a_pdf_is_previewed_page_by_page_once_the_upload_is_committed(
    world, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the test backend runs it at once
        version = uploaded(world, pdf(pages=3))
    version.refresh_from_db()
    assert (version.preview_state, version.page_count, version.preview_tries) == (P.READY, 3, 1)
    made = pages_of(version)
    assert [(number, size, thumb) for number, size, thumb, _ in made] == [
        (1, A4, A4_THUMBNAIL),
        (2, A4, A4_THUMBNAIL),
        (3, A4, A4_THUMBNAIL),
    ]
    for page in version.pages.all():
        assert size_of(page.image) == (page.width, page.height)
        assert page.image.name.startswith(f"versions/{version.deliverable_id}/pages/")


def test_an_image_has_one_page_at_most_the_display_size(world, media):
    version = uploaded(world, png(size=(3000, 1000)))
    assert version.preview_state == P.PENDING
    assert previews.make(version.pk) == P.READY
    version.refresh_from_db()
    assert version.page_count == 1
    ((number, size, thumb, _),) = pages_of(version)
    assert (number, size, thumb) == (1, (2000, 667), (320, 107))


def test_a_small_image_is_not_blown_up(world, media):
    version = uploaded(world, png(size=(64, 40)))
    previews.make(version.pk)
    ((_, size, thumb, _),) = pages_of(version)
    assert size == thumb == (64, 40)


def test_copy_and_links_have_no_previews_to_make(world):
    deliverable = banner_job(world)
    copy = versions.add_version(
        by=world.dan, deliverable=deliverable, copy_text="Spring, on every shelf."
    )
    assert copy.preview_state == P.NONE
    assert previews.make(copy.pk) == P.NONE


def test_making_the_previews_twice_gives_the_same_pages(world, media):
    version = uploaded(world, pdf(pages=2))
    assert previews.make(version.pk) == P.READY
    first = pages_of(version)
    ids = list(version.pages.values_list("pk", flat=True))
    assert previews.make(version.pk) == P.READY  # done: nothing more happens
    # A run that crashed after storing its pages, run again: overwritten, never a copy.
    Version.objects.filter(pk=version.pk).update(preview_state=P.PENDING)
    assert previews.make(version.pk) == P.READY
    assert pages_of(version) == first
    assert list(version.pages.values_list("pk", flat=True)) == ids
    stored = sorted(path.name for path in media.rglob("*.png"))
    assert stored == ["v1-p1-thumbnail.png", "v1-p1.png", "v1-p2-thumbnail.png", "v1-p2.png"]


def test_a_long_pdf_is_previewed_up_to_the_cap_and_keeps_its_real_page_count(
    world, media, monkeypatch
):
    monkeypatch.setattr(previews, "MAX_PAGES", 2)
    version = uploaded(world, pdf(pages=5))
    assert previews.make(version.pk) == P.READY
    version.refresh_from_db()
    assert version.page_count == 5
    assert [number for number, *_ in pages_of(version)] == [1, 2]


def test_previews_stop_where_they_are_when_their_time_is_up(world, media, monkeypatch):
    monkeypatch.setattr(previews, "MAX_SECONDS", 0)
    monkeypatch.setattr(previews, "BATCH", 2)
    version = uploaded(world, pdf(pages=5))
    assert previews.make(version.pk) == P.READY
    version.refresh_from_db()
    assert version.page_count == 5
    assert [number for number, *_ in pages_of(version)] == [1, 2]  # the first batch


def cut_jpeg() -> bytes:
    """A JPEG's header and end, without the image between them."""
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 100).convert("RGB").save(buffer, format="JPEG")
    content = buffer.getvalue()
    return content[: content.index(b"\xff\xda")] + b"\xff\xd9"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # Each ends as its format ends, so the upload takes it; decoding it fails.
        ("broken.pdf", b"%PDF-1.4\nnot really a PDF at all\n%%EOF\n"),
        ("broken.png", png_claiming(300, 200).read()),
        ("broken.jpg", cut_jpeg()),
    ],
)
def test_a_file_that_cannot_be_read_fails_plainly(world, media, name, content):
    version = uploaded(world, SimpleUploadedFile(name, content))
    assert version.preview_state == P.PENDING
    assert previews.make(version.pk) == P.FAILED
    version.refresh_from_db()
    assert version.preview_state == P.FAILED and not version.pages.exists()
    assert previews.make(version.pk) == P.FAILED  # and stays so


def test_an_image_over_the_pixel_limit_is_not_decoded_by_the_worker(world, media, settings):
    version = uploaded(world, png(size=(400, 400)))
    settings.VERSION_MAX_PIXELS = 100 * 100  # lowered since the upload
    assert previews.make(version.pk) == P.FAILED


def _store_down(monkeypatch: Any) -> None:
    def down(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("the file store is not answering")

    monkeypatch.setattr(FileSystemStorage, "open", down)


def test_a_file_store_that_fails_leaves_the_previews_to_try_again(world, media, monkeypatch):
    version = uploaded(world, pdf(pages=2))
    _store_down(monkeypatch)
    assert previews.make(version.pk) == P.PENDING
    version.refresh_from_db()
    assert version.preview_state == P.PENDING and not version.pages.exists()
    monkeypatch.undo()
    assert previews.make(version.pk) == P.READY


def test_the_sweep_asks_again_for_previews_left_pending(world, media):
    version = uploaded(world, png())  # its task lost: never queued
    assert previews.sweep() == []  # just uploaded: its own task is on its way
    Version.objects.filter(pk=version.pk).update(
        created_at=version.created_at - previews.SWEEP_AFTER
    )
    assert previews.sweep() == [version.pk]  # the test backend runs it at once
    version.refresh_from_db()
    assert (version.preview_state, version.preview_tries) == (P.READY, 1)
    assert previews.sweep() == []


def test_the_sweep_gives_up_after_a_few_tries(world, media, monkeypatch):
    version = uploaded(world, png())
    _store_down(monkeypatch)  # each try (run at once here) leaves it pending
    long_ago = version.created_at - previews.SWEEP_AFTER
    for _ in range(previews.MAX_TRIES):
        Version.objects.filter(pk=version.pk).update(
            created_at=long_ago, preview_queued_at=long_ago
        )
        assert previews.sweep() == [version.pk]
    version.refresh_from_db()
    assert (version.preview_tries, version.preview_state) == (previews.MAX_TRIES, P.PENDING)
    Version.objects.filter(pk=version.pk).update(preview_queued_at=long_ago)
    assert previews.sweep() == []
    version.refresh_from_db()
    assert version.preview_state == P.FAILED


def test_the_worker_runs_the_preview_sweep_and_the_late_review_reminders():
    assert previews.sweep in worker.SWEEPS
    assert rounds.remind_late in worker.SWEEPS


def test_the_reminders_cost_one_query_when_nothing_is_late(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert rounds.remind_late() == 0


# The previewer itself: any page of a PDF, and its page count, in the bounded child process.


def test_any_page_of_a_pdf_can_be_previewed_and_its_pages_counted():
    content = three_sizes_pdf()
    limits = previewer.Limits(size=200, max_pixels=10_000_000, seconds=20)
    assert previewer.pdf_page_count(content, 20) == 3
    sizes = [previewer.png_size(previewer.preview(content, previewer.PDF, limits, page=0))]
    sizes += [
        previewer.png_size(png)
        for (png,) in previewer.render(content, previewer.PDF, limits, pages=[1, 2])
    ]
    assert sizes == [(200, 100), (100, 200), (200, 200)]
    with pytest.raises(previewer.PreviewFailed, match="without a page 4"):
        previewer.preview(content, previewer.PDF, limits, page=3)


def test_a_damaged_pdf_has_no_page_count():
    with pytest.raises(previewer.PreviewFailed):
        previewer.pdf_page_count(b"%PDF-1.4\nnot really a PDF\n%%EOF\n", 20)


def test_each_page_has_its_own_time():
    content = pdf(pages=2).read()
    slow = previewer.Limits(size=64, max_pixels=10_000_000, seconds=0.001)
    with pytest.raises(previewer.PreviewFailed, match=r"within 0\.001 seconds"):
        previewer.render(content, previewer.PDF, slow, pages=[0, 1])


def three_sizes_pdf() -> bytes:
    """A PDF of a landscape, a portrait and a square page, made with Pillow."""
    frames = [Image.new("RGB", size, "white") for size in ((400, 200), (200, 400), (300, 300))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="PDF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()
