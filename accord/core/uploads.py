"""Checking uploaded files by what they contain, not by what they are called."""

import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

from accord.core.errors import InvalidInput
from accord.core.text import size_in_words

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
