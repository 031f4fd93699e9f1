"""Uploaded files: checked by what they contain, not by what they are called, and stored so
that a failing file store leaves nothing half-saved."""

import logging
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile

from accord.core.errors import InvalidInput, Unavailable
from accord.core.text import size_in_words

log = logging.getLogger(__name__)

OFFICE = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
ALLOWED_DESCRIPTION = "PDF, an image (PNG, JPEG, GIF, WebP), Word, Excel, PowerPoint, or plain text"
SAMPLE_BYTES = 4096


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


def _office_kind(upload: UploadedFile) -> FileKind | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, (extension, content_type) in OFFICE.items():
        if any(name.startswith(prefix) for name in names):
            return FileKind(extension, content_type)
    return None


def _text_kind(head: bytes, *, whole: bool, name: str) -> FileKind | None:
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text; an invalid
        # byte, or a file that really ends mid-character, is not.
        if whole or exc.reason != "unexpected end of data":
            return None
    if name.lower().endswith(".csv"):
        return FileKind("csv", "text/csv")
    return FileKind("txt", "text/plain")


def sniff(upload: UploadedFile) -> FileKind | None:
    """What the file really is, from its first bytes (and its zip directory for Office)."""
    upload.seek(0)
    head = upload.read(SAMPLE_BYTES)
    whole = not upload.read(1)  # the sample is the whole file
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return FileKind("pdf", "application/pdf")
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return FileKind("png", "image/png")
        if head.startswith(b"\xff\xd8\xff"):
            return FileKind("jpg", "image/jpeg")
        if head[:6] in (b"GIF87a", b"GIF89a"):
            return FileKind("gif", "image/gif")
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return FileKind("webp", "image/webp")
        if head.startswith(b"PK\x03\x04"):
            return _office_kind(upload)
        return _text_kind(head, whole=whole, name=upload.name or "") if head else None
    finally:
        upload.seek(0)


def check_attachment(upload: UploadedFile, *, max_bytes: int) -> FileKind:
    """Refuse files that are too large or of a type we don't accept, naming the file."""
    name = upload.name or "file"
    if upload.size is None or upload.size > max_bytes:
        raise InvalidInput(
            f"“{name}” is too large: files can be up to {size_in_words(max_bytes)}.",
            field="attachments",
        )
    if upload.size == 0:
        raise InvalidInput(f"“{name}” is empty: choose the file again.", field="attachments")
    kind = sniff(upload)
    if kind is None:
        raise InvalidInput(
            f"“{name}” is not a file type we accept: send {ALLOWED_DESCRIPTION}.",
            field="attachments",
        )
    return kind


# What a file store raises when it cannot do its job: a full or unwritable disk, an S3 store that
# is down, slow, or refuses the keys (django-storages lets botocore's errors through).
STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError, BotoCoreError, ClientError)
STORE_DOWN = (
    "The file store is not answering, so nothing was saved. Try again in a few minutes; "
    "what you typed is kept (choose the files again)."
)


@dataclass
class StoredFiles:
    """The files saved so far in a `storing` block, to delete again if the block fails."""

    saved: list[tuple[Storage, str]] = field(default_factory=list)

    def save(self, file: FieldFile, filename: str, content: Any) -> None:
        """Store `content` as `file` (its field names it from `filename`); the row is the
        caller's to save."""
        file.save(filename, content, save=False)
        self.saved.append((file.storage, file.name or ""))


@contextmanager
def storing(*, field: str) -> Iterator[StoredFiles]:
    """Save uploads inside the block through the `StoredFiles` it gives. If anything in the
    block fails, the files it saved are deleted again (the caller's transaction rolls back
    their rows), and a file store that failed becomes `Unavailable` (503) naming `field`."""
    stored = StoredFiles()
    try:
        yield stored
    except Exception as failure:
        for storage, name in stored.saved:
            try:
                storage.delete(name)
            except STORAGE_ERRORS:  # the store is down: an orphan no row points to
                log.warning("Could not delete %s after a failed upload", name)
        if isinstance(failure, STORAGE_ERRORS):
            log.warning("The file store failed during an upload: %s", failure)
            raise Unavailable(STORE_DOWN, field=field) from failure
        raise
