"""Previews of versions (an image, a PDF's pages), made by the worker."""

from django.db import transaction

from accord.reviews.models import Version

PREVIEWED = {Version.Kind.IMAGE, Version.Kind.PDF}


def first_state(kind: str) -> str:
    """What a version of this kind starts as: pending previews, or none to make."""
    return Version.Preview.PENDING if kind in PREVIEWED else Version.Preview.NONE


def queue_after_commit(version_ids: list[int]) -> None:
    """Ask the worker for these versions' previews once the upload is committed."""
    if version_ids:
        transaction.on_commit(lambda: _enqueue(version_ids), robust=True)


def _enqueue(version_ids: list[int]) -> None:
    """Filled in with the worker's task."""
