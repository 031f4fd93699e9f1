"""Thumbnails of a request's images and PDFs, made by the worker.

An attachment that can have one is stored `pending`; its task is queued once the upload is
committed, and the worker's sweep queues again any left pending (a task lost with a crash
between the commit and the queueing). A file that cannot be previewed becomes `failed` and
the pages show a plain file icon.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accord.core import previews
from accord.core.uploads import STORAGE_ERRORS
from accord.intake.models import Attachment

log = logging.getLogger(__name__)
T = Attachment.Thumbnail
# Longest side of a thumbnail in pixels: sharp at twice the size pages show it.
THUMBNAIL_SIZE = 320
THUMBNAIL_SECONDS = 20.0
# A pending thumbnail asked for this long ago, its task not done, is queued again by the
# sweep, up to MAX_TRIES times in all; then it is given up as failed.
SWEEP_AFTER = timedelta(minutes=2)
SWEEP_BATCH = 50
MAX_TRIES = 3


def first_state(content_type: str) -> str:
    """What an attachment of this type starts as: pending a thumbnail, or none to make."""
    return T.PENDING if content_type in previews.PREVIEWED else T.NONE


def queue_after_commit(attachment_ids: list[int]) -> None:
    """Ask the worker for these thumbnails once the upload is committed (the sweep catches a
    request lost between the commit and this)."""
    if attachment_ids:
        transaction.on_commit(lambda: _enqueue(attachment_ids), robust=True)


def _enqueue(attachment_ids: list[int]) -> None:
    from accord.intake.tasks import make_thumbnail

    Attachment.objects.filter(pk__in=attachment_ids).update(
        thumbnail_queued_at=timezone.now(), thumbnail_tries=F("thumbnail_tries") + 1
    )
    for attachment_id in attachment_ids:
        make_thumbnail.enqueue(attachment_id)


def make(attachment_id: int) -> str:
    """The worker's half: read the file, make its thumbnail, store it. Safe to run twice."""
    attachment = Attachment.objects.filter(pk=attachment_id).select_related("request").first()
    if attachment is None or attachment.thumbnail_state != T.PENDING:
        return attachment.thumbnail_state if attachment else "gone"
    limits = previews.Limits(
        size=THUMBNAIL_SIZE, max_pixels=settings.LOGO_MAX_PIXELS, seconds=THUMBNAIL_SECONDS
    )
    try:
        with attachment.file.open("rb") as handle:
            content = handle.read(settings.ATTACHMENT_MAX_BYTES + 1)
    except STORAGE_ERRORS as down:
        # The file store is not answering: left pending, the sweep asks again (a few times).
        log.warning(
            "Thumbnail for attachment %s waits: the file store failed (%s)", attachment_id, down
        )
        return T.PENDING
    try:
        if len(content) > settings.ATTACHMENT_MAX_BYTES:
            raise previews.PreviewFailed("larger than an attachment may be")
        png = previews.preview(content, attachment.content_type, limits)
    except (previews.PreviewFailed, OSError) as failed:
        log.warning("No thumbnail for attachment %s: %s", attachment_id, failed)
        Attachment.objects.filter(pk=attachment_id, thumbnail_state=T.PENDING).update(
            thumbnail_state=T.FAILED
        )
        return T.FAILED
    field = attachment.thumbnail
    name = field.field.generate_filename(attachment, f"{attachment_id}.png")
    try:
        field.storage.delete(name)  # a run before this one: overwrite, never a copy
        field.save(name, ContentFile(png), save=False)
    except STORAGE_ERRORS as down:
        log.warning(
            "Thumbnail for attachment %s waits: the file store failed (%s)", attachment_id, down
        )
        return T.PENDING
    made = Attachment.objects.filter(pk=attachment_id, thumbnail_state=T.PENDING).update(
        thumbnail=field.name, thumbnail_state=T.READY
    )
    return T.READY if made else "gone"


def sweep(*, limit: int = SWEEP_BATCH) -> list[int]:
    """Queue again thumbnails pending for longer than their task should take; give up on
    those asked for MAX_TRIES times already."""
    cutoff = timezone.now() - SWEEP_AFTER
    stale = Attachment.objects.filter(thumbnail_state=T.PENDING, created_at__lte=cutoff).filter(
        Q(thumbnail_queued_at__isnull=True) | Q(thumbnail_queued_at__lte=cutoff)
    )
    given_up = stale.filter(thumbnail_tries__gte=MAX_TRIES).update(thumbnail_state=T.FAILED)
    if given_up:
        log.warning("Gave up on %d thumbnail(s) after %d tries", given_up, MAX_TRIES)
    overdue = list(stale.order_by("created_at").values_list("pk", flat=True)[:limit])
    if overdue:
        log.warning("Queueing %d pending thumbnail(s): %s", len(overdue), overdue)
        _enqueue(overdue)
    return overdue
