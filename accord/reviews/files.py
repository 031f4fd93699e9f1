"""What an uploaded version is, read from its bytes: images, PDFs and videos, checked cheaply
in the request (type, pixels from the header, a truncated end); the worker decodes them."""

import hashlib
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

from accord.core import uploads
from accord.core.errors import InvalidInput
from accord.core.text import size_in_words

ACCEPTED = "an image (PNG, JPEG, WebP, GIF), a PDF, or a video (MP4, WebM)"
IMAGE_TYPES = {"image/png", "image/jpeg", "image/webp", "image/gif"}
PIL_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP", "image/gif": "GIF"}
TAIL = 1024
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Checked:
    kind: str  # Version.Kind: image, pdf or video
    extension: str
    content_type: str
    sha256: str
    width: int = 0
    height: int = 0


def _video(head: bytes) -> uploads.FileKind | None:
    if head[4:8] == b"ftyp" and head[8:12] in (
        b"isom",
        b"iso2",
        b"mp41",
        b"mp42",
        b"avc1",
        b"dash",
        b"M4V ",
        b"iso5",
        b"iso6",
    ):
        return uploads.FileKind("mp4", "video/mp4")
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return uploads.FileKind("webm", "video/webm")
    return None


def _sniff(upload: UploadedFile) -> tuple[str, uploads.FileKind] | None:
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    if video := _video(head):
        return "video", video
    found = uploads.sniff(upload)
    if found is None:
        return None
    if found.content_type in IMAGE_TYPES:
        return "image", found
    if found.content_type == "application/pdf":
        return "pdf", found
    return None


def _tail(upload: UploadedFile, size: int) -> bytes:
    upload.seek(max(size - TAIL, 0))
    tail = upload.read(TAIL)
    upload.seek(0)
    return tail


def _complete(content_type: str, tail: bytes) -> bool:
    """Whether the file ends as its format ends: a cut-off upload does not."""
    if content_type == "image/png":
        return b"IEND\xaeB`\x82" in tail
    if content_type == "image/jpeg":
        return tail.rstrip(b"\x00").endswith(b"\xff\xd9")
    if content_type == "image/gif":
        return tail.rstrip(b"\x00").endswith(b";")
    if content_type == "application/pdf":
        return b"%%EOF" in tail
    return True


def _pixels(upload: UploadedFile, content_type: str, max_pixels: int) -> tuple[int, int]:
    """The image's size from its header (nothing decoded); a bomb is refused here."""
    name = upload.name or "the file"
    upload.seek(0)
    head = upload.read(256 * 1024)
    upload.seek(0)
    try:
        with Image.open(io.BytesIO(head), formats=[PIL_FORMATS[content_type]]) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as bad:
        raise InvalidInput(f"“{name}” is not a readable image.", field="file") from bad
    if width * height > max_pixels:
        raise InvalidInput(
            f"“{name}” is {width} × {height} pixels: images can be up to "
            f"{max_pixels // 1_000_000} megapixels.",
            field="file",
        )
    return width, height


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check(upload: UploadedFile, *, max_bytes: int, max_pixels: int) -> Checked:
    """The version's kind and fingerprint, or a clear refusal naming the file."""
    name = upload.name or "file"
    size = upload.size or 0
    if size > max_bytes:
        raise InvalidInput(
            f"“{name}” is too large: versions can be up to {size_in_words(max_bytes)}.",
            field="file",
        )
    if size == 0:
        raise InvalidInput(f"“{name}” is empty: choose the file again.", field="file")
    sniffed = _sniff(upload)
    if sniffed is None:
        raise InvalidInput(
            f"“{name}” is not a file type we review: upload {ACCEPTED}. Copy and links have "
            "their own tabs.",
            field="file",
        )
    kind, file_kind = sniffed
    if not _complete(file_kind.content_type, _tail(upload, size)):
        raise InvalidInput(
            f"“{name}” is cut off before its end (a damaged or unfinished file): upload it again.",
            field="file",
        )
    width = height = 0
    if kind == "image":
        width, height = _pixels(upload, file_kind.content_type, max_pixels)
    return Checked(
        kind=kind,
        extension=file_kind.extension,
        content_type=file_kind.content_type,
        sha256=sha256_of(upload),
        width=width,
        height=height,
    )
