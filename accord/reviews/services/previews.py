"""Previews of versions (an image, a PDF's pages), made by the worker.

A version that can have them is stored `pending`; its task is queued once the upload is
committed, and the worker's sweep queues again any left pending (a task lost with a crash
between the commit and the queueing), a few times at most. Each page gets a preview to review
on (DISPLAY_SIZE) and a thumbnail; a PDF's first MAX_PAGES pages, made within MAX_SECONDS, are
previewed and `page_count` says how many it has. A file that cannot be read becomes `failed`.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from accord.core import previews
from accord.core.uploads import STORAGE_ERRORS
from accord.reviews.models import Version, VersionPage

log = logging.getLogger(__name__)
P = Version.Preview
PREVIEWED = {Version.Kind.IMAGE, Version.Kind.PDF}
# Longest sides in pixels: the page a reviewer pins comments on, and the strip of pages.
DISPLAY_SIZE = 2000
THUMBNAIL_SIZE = 320
# Each page may take PAGE_SECONDS; a PDF gets previews of its first MAX_PAGES pages, and no
# more once MAX_SECONDS have gone (a hostile file costs minutes at most, never the worker).
PAGE_SECONDS = 20.0
MAX_PAGES = 60
MAX_SECONDS = 240.0
# Pages rendered by one child process: the PNGs of a batch are held in memory together.
BATCH = 6
# A pending preview asked for this long ago, its task not done, is queued again by the sweep
# (longer than a task may take: a slow one is not run twice), up to MAX_TRIES times in all;
# then it is given up as failed.
SWEEP_AFTER = timedelta(minutes=10)
SWEEP_BATCH = 50
MAX_TRIES = 3


class StoreDown(Exception):
    """The file store did not answer: the preview waits for the sweep."""


def first_state(kind: str) -> str:
    """What a version of this kind starts as: pending previews, or none to make."""
    return P.PENDING if kind in PREVIEWED else P.NONE


def queue_after_commit(version_ids: list[int]) -> None:
    """Ask the worker for these versions' previews once the upload is committed (the sweep
    catches a request lost between the commit and this)."""
    if version_ids:
        transaction.on_commit(lambda: _enqueue(version_ids), robust=True)


def _enqueue(version_ids: list[int]) -> None:
    from accord.reviews.tasks import make_version_previews

    Version.objects.filter(pk__in=version_ids).update(
        preview_queued_at=timezone.now(), preview_tries=F("preview_tries") + 1
    )
    for version_id in version_ids:
        make_version_previews.enqueue(version_id)


def _read(version: Version) -> bytes:
    try:
        with version.file.open("rb") as handle:
            return handle.read(settings.VERSION_MAX_BYTES + 1)
    except STORAGE_ERRORS as down:
        raise StoreDown(str(down)) from down


def _store(file: FieldFile, filename: str, png: bytes) -> None:
    """Save `png` as `file`, over what a run before this one saved: never a second copy."""
    name = file.field.generate_filename(file.instance, filename)
    try:
        file.storage.delete(name)
        file.save(filename, ContentFile(png), save=False)
    except STORAGE_ERRORS as down:
        raise StoreDown(str(down)) from down


def _page(version: Version, number: int, pngs: list[bytes]) -> VersionPage:
    """One page's preview and thumbnail stored, its row not yet saved."""
    image, thumbnail = pngs
    page = VersionPage(version=version, number=number)
    page.width, page.height = previews.png_size(image)
    _store(page.image, f"v{version.number}-p{number}.png", image)
    _store(page.thumbnail, f"v{version.number}-p{number}-thumbnail.png", thumbnail)
    return page


def _pages(version: Version, content: bytes) -> tuple[list[VersionPage], int]:
    """The pages previewed (stored, rows unsaved) and how many the version has. A page that
    fails after the first, or the time running out, ends the previews where they are."""
    count = 1
    if version.content_type == previews.PDF:
        count = previews.pdf_page_count(content, PAGE_SECONDS)
        if count < 1:
            raise previews.PreviewFailed("a PDF without pages")
    limits = previews.Limits(
        size=DISPLAY_SIZE, max_pixels=settings.VERSION_MAX_PIXELS, seconds=PAGE_SECONDS
    )
    wanted = range(min(count, MAX_PAGES))
    pages: list[VersionPage] = []
    deadline = time.monotonic() + MAX_SECONDS
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start : start + BATCH]
        try:
            rendered = previews.render(
                content, version.content_type, limits, pages=batch, sizes=[THUMBNAIL_SIZE]
            )
        except previews.PreviewFailed as failed:
            if not pages:
                raise
            log.warning(
                "Previews of version %s stop at page %d of %d: %s",
                version.pk,
                len(pages),
                count,
                failed,
            )
            break
        pages += [
            _page(version, index + 1, pngs) for index, pngs in zip(batch, rendered, strict=True)
        ]
        if time.monotonic() > deadline and len(pages) < len(wanted):
            log.warning(
                "Previews of version %s stop at page %d of %d: out of time",
                version.pk,
                len(pages),
                count,
            )
            break
    return pages, count


def make(version_id: int) -> str:
    """The worker's half: read the version's file, make a preview and a thumbnail of each page,
    store them. Safe to run twice: pages are overwritten, never added again."""
    version = Version.objects.filter(pk=version_id).first()
    if version is None or version.preview_state != P.PENDING:
        return version.preview_state if version else "gone"
    try:
        content = _read(version)
        if len(content) > settings.VERSION_MAX_BYTES:
            raise previews.PreviewFailed("larger than a version may be")
        pages, count = _pages(version, content)
    except StoreDown as down:
        # The file store is not answering: left pending, the sweep asks again (a few times).
        log.warning("Previews of version %s wait: the file store failed (%s)", version_id, down)
        return P.PENDING
    except (previews.PreviewFailed, OSError) as failed:
        log.warning("No previews for version %s: %s", version_id, failed)
        Version.objects.filter(pk=version_id, preview_state=P.PENDING).update(
            preview_state=P.FAILED
        )
        return P.FAILED
    return _save(version_id, pages, count)


@transaction.atomic
def _save(version_id: int, pages: list[VersionPage], count: int) -> str:
    version = Version.objects.select_for_update().filter(pk=version_id).first()
    if version is None or version.preview_state != P.PENDING:
        return version.preview_state if version else "gone"  # another run finished first
    VersionPage.objects.filter(version=version).exclude(
        number__in=[page.number for page in pages]
    ).delete()
    VersionPage.objects.bulk_create(
        pages,
        update_conflicts=True,
        unique_fields=["version", "number"],
        update_fields=["image", "thumbnail", "width", "height"],
    )
    version.preview_state = P.READY
    version.page_count = count
    version.save(update_fields=["preview_state", "page_count"])
    return P.READY


def sweep(*, limit: int = SWEEP_BATCH) -> list[int]:
    """Queue again previews pending for longer than their task should take; give up on those
    asked for MAX_TRIES times already."""
    cutoff = timezone.now() - SWEEP_AFTER
    stale = Version.objects.filter(preview_state=P.PENDING, created_at__lte=cutoff).filter(
        Q(preview_queued_at__isnull=True) | Q(preview_queued_at__lte=cutoff)
    )
    given_up = stale.filter(preview_tries__gte=MAX_TRIES).update(preview_state=P.FAILED)
    if given_up:
        log.warning("Gave up on the previews of %d version(s) after %d tries", given_up, MAX_TRIES)
    overdue = list(stale.order_by("created_at").values_list("pk", flat=True)[:limit])
    if overdue:
        log.warning("Queueing the previews of %d pending version(s): %s", len(overdue), overdue)
        _enqueue(overdue)
    return overdue
