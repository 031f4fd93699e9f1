"""What an uploaded version is, read from its bytes: images, PDFs and videos, checked cheaply
in the request (type, pixels from the header, a truncated end); the worker decodes them."""

import hashlib
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
HEAD = 256
MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"dash",
    b"M4V ",
    b"mmp4",
}


@dataclass(frozen=True)
class Checked:
    kind: str  # Version.Kind: image, pdf or video
    extension: str
    content_type: str
    sha256: str
    width: int = 0
    height: int = 0


def _video(head: bytes) -> uploads.FileKind | None:
    if head[4:8] == b"ftyp":
        # The box names a major brand and then the brands it is compatible with: an MP4 from
        # a phone or an editor names one of ours somewhere among them.
        box = min(int.from_bytes(head[:4], "big"), len(head))
        brands = {head[8:12], *(head[at : at + 4] for at in range(16, box - 3, 4))}
        if brands & MP4_BRANDS:
            return uploads.FileKind("mp4", "video/mp4")
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return uploads.FileKind("webm", "video/webm")
    return None


def _sniff(upload: UploadedFile) -> tuple[str, uploads.FileKind] | None:
    upload.seek(0)
    head = upload.read(HEAD)
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


def _ends(upload: UploadedFile, size: int) -> tuple[bytes, bytes]:
    """The file's first and last bytes."""
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(max(size - TAIL, 0))
    tail = upload.read(TAIL)
    upload.seek(0)
    return head, tail


def _complete(content_type: str, size: int, head: bytes, tail: bytes) -> bool:
    """Whether the file ends as its format ends: a cut-off upload does not. (Some tools write
    a few bytes after the end: the end is looked for in the last TAIL bytes.)"""
    if content_type == "image/png":
        return b"IEND\xaeB`\x82" in tail
    if content_type == "image/jpeg":
        # FF D9 (end of image) cannot appear inside entropy-coded data.
        return b"\xff\xd9" in tail
    if content_type == "image/gif":
        return tail.rstrip(b"\x00").endswith(b";")
    if content_type == "image/webp":
        # A RIFF file says how long it is.
        return int.from_bytes(head[4:8], "little") + 8 <= size
    if content_type == "application/pdf":
        return b"%%EOF" in tail
    return True


def _webp_size(head: bytes) -> tuple[int, int] | None:
    """A WebP's canvas from its first chunk's header. (Pillow opens a WebP by reading all of
    it and allocating its canvas: work for the worker, not the request.)"""
    chunk = head[12:16]
    if chunk == b"VP8X" and len(head) >= 30:
        return 1 + int.from_bytes(head[24:27], "little"), 1 + int.from_bytes(head[27:30], "little")
    if chunk == b"VP8 " and len(head) >= 30 and head[23:26] == b"\x9d\x01\x2a":
        width = int.from_bytes(head[26:28], "little") & 0x3FFF
        return width, int.from_bytes(head[28:30], "little") & 0x3FFF
    if chunk == b"VP8L" and len(head) >= 25 and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _header_size(upload: UploadedFile, content_type: str) -> tuple[int, int] | None:
    """The image's width and height from its header, or None if it has no readable one."""
    upload.seek(0)
    if content_type == "image/webp":
        return _webp_size(upload.read(HEAD))
    # Pillow reads PNG, JPEG and GIF headers up to the image data, and no further.
    with Image.open(upload, formats=[PIL_FORMATS[content_type]]) as image:
        return image.size


def _pixels(upload: UploadedFile, content_type: str, max_pixels: int) -> tuple[int, int]:
    """The image's size from its header (nothing decoded); a bomb is refused here."""
    name = upload.name or "the file"
    too_large = f"images can be up to {max_pixels // 1_000_000} megapixels"
    try:
        size = _header_size(upload, content_type)
    except Image.DecompressionBombError as bomb:  # Pillow's own limit, far over ours
        raise InvalidInput(
            f"“{name}” has far too many pixels to show: {too_large}.", field="file"
        ) from bomb
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as bad:
        raise InvalidInput(f"“{name}” is not a readable image.", field="file") from bad
    finally:
        upload.seek(0)
    if not size or not all(size):
        raise InvalidInput(f"“{name}” is not a readable image.", field="file")
    width, height = size
    if width * height > max_pixels:
        raise InvalidInput(
            f"“{name}” is {width} × {height} pixels: {too_large}.",
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
    if not _complete(file_kind.content_type, size, *_ends(upload, size)):
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
