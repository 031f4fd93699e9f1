"""Small PNG previews of images and of a PDF's first page, made with bounded cost.

The decoding runs in a child process (`python -m accord.core.previews`) with a time and a
memory limit: a hostile file (a PDF page of a million paths, an image that is slow to decode)
costs at most `seconds`, then the child is killed. The child imports only Pillow and pypdfium2
(this module imports nothing of Django), refuses images over `max_pixels` from their header
before decoding, and renders only page 1 of a PDF at a scale that bounds its pixels.
"""

import io
import resource
import subprocess
import sys
from dataclasses import dataclass

from PIL import Image, ImageFile, ImageOps

IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP", "image/gif": "GIF"}
PREVIEWED = (*IMAGE_FORMATS, "application/pdf")
# Progressive JPEG scans decode the whole image each: many scans is slow work in a small file.
MAX_JPEG_SCANS = 40
JPEG_SCAN = b"\xff\xda"
# A PDF page larger than this (in points; A0 is 2384 × 3370) is not a document page.
MAX_PAGE_POINTS = 14_400
# The child's address space: enough for Pillow, PDFium and the largest image allowed.
CHILD_MEMORY_BYTES = 2 * 1024**3
PNG = b"\x89PNG\r\n\x1a\n"


class PreviewFailed(Exception):
    """The file could not be previewed: damaged, too large, too slow, or not what it says."""


@dataclass(frozen=True)
class Limits:
    size: int  # longest side of the preview, in pixels
    max_pixels: int  # of a source image, read from its header before decoding
    seconds: float  # the child process is killed after this


def too_many_scans(content: bytes) -> int:
    """The number of scans of a JPEG with more than MAX_JPEG_SCANS, else 0 (any other kind).
    FF DA (start of scan) cannot appear inside entropy-coded data, so counting it is exact
    enough."""
    if not content.startswith(b"\xff\xd8"):
        return 0
    scans = content.count(JPEG_SCAN)
    return scans if scans > MAX_JPEG_SCANS else 0


def shrunk_png(image: Image.Image, size: int) -> bytes:
    """`image` (decoded) upright, at most `size` pixels on its longer side, as PNG bytes."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    image.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _image_preview(content: bytes, kind: str, limits: Limits) -> bytes:
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a damaged image fails, never half a preview
    if too_many_scans(content):
        raise PreviewFailed("a JPEG of too many scans")
    with Image.open(io.BytesIO(content), formats=[kind]) as image:  # reads the header only
        width, height = image.size
        if width * height > limits.max_pixels:
            raise PreviewFailed(f"{width}×{height} pixels is over the limit")
        image.draft("RGB", (limits.size, limits.size))  # JPEG: decode at a fraction
        image.seek(0)  # an animated GIF or WebP: its first frame
        image.load()
        return shrunk_png(image, limits.size)


def _pdf_preview(content: bytes, limits: Limits) -> bytes:
    import pypdfium2  # only in the child: the web processes never load PDFium

    document = pypdfium2.PdfDocument(content)
    try:
        if len(document) < 1:
            raise PreviewFailed("a PDF without pages")
        page = document[0]
        width, height = page.get_size()
        if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
            raise PreviewFailed("a PDF page of an impossible size")
        bitmap = page.render(scale=limits.size / max(width, height))
        return shrunk_png(bitmap.to_pil(), limits.size)
    finally:
        document.close()


def preview_png(content: bytes, content_type: str, limits: Limits) -> bytes:
    """The preview, made in this process (the child's half; `preview` is the safe call)."""
    try:
        if content_type == "application/pdf":
            return _pdf_preview(content, limits)
        if content_type in IMAGE_FORMATS:
            return _image_preview(content, IMAGE_FORMATS[content_type], limits)
    except PreviewFailed:
        raise
    except Exception as exc:  # a decoder's own error, whatever its class: the file is at fault
        raise PreviewFailed(f"{type(exc).__name__}: {str(exc)[:200]}") from exc
    raise PreviewFailed(f"no preview for {content_type}")


def preview(content: bytes, content_type: str, limits: Limits) -> bytes:
    """A PNG preview of `content`, made by a child process killed after `limits.seconds`."""
    command = [
        sys.executable,
        "-m",
        __name__,
        content_type,
        str(limits.size),
        str(limits.max_pixels),
    ]
    try:
        done = subprocess.run(  # noqa: S603 - our own module, arguments we made
            command, input=content, capture_output=True, timeout=limits.seconds, check=False
        )
    except subprocess.TimeoutExpired as slow:  # run() has killed the child
        raise PreviewFailed(f"not made within {limits.seconds:g} seconds") from slow
    if done.returncode != 0 or not done.stdout.startswith(PNG):
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PreviewFailed(
            reason[-1][:300] if reason else f"the previewer stopped ({done.returncode})"
        )
    return done.stdout


def _main(argv: list[str]) -> int:
    """The child's half: the file on stdin, the PNG on stdout, why not on stderr."""
    content_type, size, max_pixels = argv[0], int(argv[1]), int(argv[2])
    # Memory, too, is bounded: a decoder that would take more fails instead.
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    limits = Limits(size=size, max_pixels=max_pixels, seconds=0)
    try:
        png = preview_png(sys.stdin.buffer.read(), content_type, limits)
    except PreviewFailed as failed:
        sys.stderr.write(f"{failed}\n")
        return 1
    sys.stdout.buffer.write(png)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
