"""Small PNG previews of images and of a PDF's pages, made with bounded cost.

The decoding runs in a child process (`python -m accord.core.previews`) with a time and a
memory limit: a hostile file (a PDF page of a million paths, an image that is slow to decode)
costs at most `seconds` a page, then the child is killed. The child imports only Pillow and
pypdfium2 (this module imports nothing of Django), refuses images over `max_pixels` from their
header before decoding, and renders a PDF's pages at a scale that bounds their pixels.
"""

import io
import resource
import signal
import struct
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PIL import Image, ImageFile, ImageOps

if TYPE_CHECKING:
    import pypdfium2

T = TypeVar("T")

IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP", "image/gif": "GIF"}
PDF = "application/pdf"
PREVIEWED = (*IMAGE_FORMATS, PDF)
# Progressive JPEG scans decode the whole image each: many scans is slow work in a small file.
MAX_JPEG_SCANS = 40
JPEG_SCAN = b"\xff\xda"
# A PDF page larger than this (in points; A0 is 2384 × 3370) is not a document page.
MAX_PAGE_POINTS = 14_400
# The child's address space: enough for Pillow, PDFium and the largest image allowed.
CHILD_MEMORY_BYTES = 2 * 1024**3
PNG = b"\x89PNG\r\n\x1a\n"
# The child writes each PNG after its length: a page's sizes, page after page.
FRAME = struct.Struct(">I")
COUNT = "count"


class PreviewFailed(Exception):
    """The file could not be previewed: damaged, too large, too slow, or not what it says."""


@dataclass(frozen=True)
class Limits:
    size: int  # longest side of the preview, in pixels
    max_pixels: int  # of a source image, read from its header before decoding
    seconds: float  # the child process is killed after this (for each page)


def too_many_scans(content: bytes) -> int:
    """The number of scans of a JPEG with more than MAX_JPEG_SCANS, else 0 (any other kind).
    FF DA (start of scan) cannot appear inside entropy-coded data, so counting it is exact
    enough."""
    if not content.startswith(b"\xff\xd8"):
        return 0
    scans = content.count(JPEG_SCAN)
    return scans if scans > MAX_JPEG_SCANS else 0


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header (nothing decoded)."""
    if not png.startswith(PNG) or png[12:16] != b"IHDR":
        raise PreviewFailed("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def shrunk_pngs(image: Image.Image, sizes: Sequence[int]) -> list[bytes]:
    """`image` (decoded) upright, at most each of `sizes` pixels on its longer side, as PNGs."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    pngs: dict[int, bytes] = {}
    # Largest first, each shrunk from the one before: less work than from the original.
    for index in sorted(range(len(sizes)), key=lambda i: sizes[i], reverse=True):
        image.thumbnail((sizes[index], sizes[index]), Image.Resampling.LANCZOS, reducing_gap=2.0)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=False)
        pngs[index] = buffer.getvalue()
    return [pngs[index] for index in range(len(sizes))]


def shrunk_png(image: Image.Image, size: int) -> bytes:
    """`image` (decoded) upright, at most `size` pixels on its longer side, as PNG bytes."""
    return shrunk_pngs(image, [size])[0]


def _image_previews(content: bytes, kind: str, limits: Limits, sizes: Sequence[int]) -> list[bytes]:
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a damaged image fails, never half a preview
    if too_many_scans(content):
        raise PreviewFailed("a JPEG of too many scans")
    with Image.open(io.BytesIO(content), formats=[kind]) as image:  # reads the header only
        width, height = image.size
        if width * height > limits.max_pixels:
            raise PreviewFailed(f"{width}×{height} pixels is over the limit")
        image.draft("RGB", (max(sizes), max(sizes)))  # JPEG: decode at a fraction
        image.seek(0)  # an animated GIF or WebP: its first frame
        image.load()
        return shrunk_pngs(image, sizes)


def _open_pdf(content: bytes) -> "pypdfium2.PdfDocument":
    import pypdfium2  # only in the child: the web processes never load PDFium

    return pypdfium2.PdfDocument(content)


def _pdf_previews(content: bytes, page_index: int, sizes: Sequence[int]) -> list[bytes]:
    document = _open_pdf(content)
    try:
        if not 0 <= page_index < len(document):
            raise PreviewFailed(f"a PDF without a page {page_index + 1}")
        page = document[page_index]
        width, height = page.get_size()
        if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
            raise PreviewFailed("a PDF page of an impossible size")
        bitmap = page.render(scale=max(sizes) / max(width, height))
        return shrunk_pngs(bitmap.to_pil(), sizes)
    finally:
        document.close()


def _decoder_errors(make: Callable[[], T]) -> T:
    try:
        return make()
    except PreviewFailed:
        raise
    except Exception as exc:  # a decoder's own error, whatever its class: the file is at fault
        raise PreviewFailed(f"{type(exc).__name__}: {str(exc)[:200]}") from exc


def preview_pngs(
    content: bytes, content_type: str, limits: Limits, *, page: int = 0, sizes: Sequence[int] = ()
) -> list[bytes]:
    """One page's previews, at `limits.size` then each of `sizes`, made in this process (the
    child's half; `render` is the safe call). An image has one page."""
    all_sizes = [limits.size, *sizes]
    if content_type == PDF:
        return _decoder_errors(lambda: _pdf_previews(content, page, all_sizes))
    if content_type in IMAGE_FORMATS:
        if page != 0:
            raise PreviewFailed(f"an image has no page {page + 1}")
        kind = IMAGE_FORMATS[content_type]
        return _decoder_errors(lambda: _image_previews(content, kind, limits, all_sizes))
    raise PreviewFailed(f"no preview for {content_type}")


def preview_png(content: bytes, content_type: str, limits: Limits) -> bytes:
    """The first page's preview, made in this process (`preview` is the safe call)."""
    return preview_pngs(content, content_type, limits)[0]


def page_count(content: bytes) -> int:
    """How many pages a PDF has, counted in this process (`pdf_page_count` is the safe call)."""
    document = _decoder_errors(lambda: _open_pdf(content))
    try:
        return len(document)
    finally:
        document.close()


def _run(arguments: list[str], content: bytes, seconds: float, *, page_seconds: float = 0) -> bytes:
    command = [sys.executable, "-m", __name__, *arguments]
    try:
        done = subprocess.run(  # noqa: S603 - our own module, arguments we made
            command, input=content, capture_output=True, timeout=seconds, check=False
        )
    except subprocess.TimeoutExpired as slow:  # run() has killed the child
        raise PreviewFailed(f"not made within {seconds:g} seconds") from slow
    if done.returncode == -signal.SIGALRM:  # the child's own clock stopped one page
        raise PreviewFailed(f"a page not made within {page_seconds:g} seconds")
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PreviewFailed(
            reason[-1][:300] if reason else f"the previewer stopped ({done.returncode})"
        )
    return done.stdout


def _frames(out: bytes, expected: int) -> list[bytes]:
    pngs, at = [], 0
    while at < len(out):
        (length,) = FRAME.unpack_from(out, at)
        pngs.append(out[at + FRAME.size : at + FRAME.size + length])
        at += FRAME.size + length
    if len(pngs) != expected or not all(png.startswith(PNG) for png in pngs):
        raise PreviewFailed("the previewer's answer was cut short")
    return pngs


def render(
    content: bytes,
    content_type: str,
    limits: Limits,
    *,
    pages: Sequence[int] = (0,),
    sizes: Sequence[int] = (),
) -> list[list[bytes]]:
    """For each of `pages` (from 0; an image has only 0), its PNG at `limits.size` then at each
    of `sizes`, made by one child process that each page may keep `limits.seconds`."""
    if not pages:
        return []
    arguments = [
        content_type,
        str(limits.size),
        str(limits.max_pixels),
        f"{limits.seconds:g}",
        ",".join(str(page) for page in pages),
        ",".join(str(size) for size in sizes),
    ]
    try:
        out = _run(arguments, content, limits.seconds * len(pages) + 1, page_seconds=limits.seconds)
        pngs = _frames(out, len(pages) * (1 + len(sizes)))
    except struct.error as cut:
        raise PreviewFailed("the previewer's answer was cut short") from cut
    step = 1 + len(sizes)
    return [pngs[at : at + step] for at in range(0, len(pngs), step)]


def preview(content: bytes, content_type: str, limits: Limits, *, page: int = 0) -> bytes:
    """A PNG preview of `content` (page `page` of a PDF, from 0), made by a child process
    killed after `limits.seconds`."""
    return render(content, content_type, limits, pages=[page])[0][0]


def pdf_page_count(content: bytes, seconds: float) -> int:
    """How many pages a PDF has, counted by a child process killed after `seconds`."""
    out = _run([COUNT], content, seconds)
    try:
        return int(out.decode("ascii"))
    except (UnicodeDecodeError, ValueError) as odd:
        raise PreviewFailed("the previewer's answer was not a number") from odd


def _limit_memory() -> None:
    # A decoder that would take more fails instead.
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))


def _main(argv: list[str]) -> int:
    """The child's half: the file on stdin, the PNGs (or the page count) on stdout, why not
    on stderr."""
    _limit_memory()
    content = sys.stdin.buffer.read()
    try:
        if argv[0] == COUNT:
            sys.stdout.write(str(page_count(content)))
            return 0
        content_type, size, max_pixels, seconds = argv[0], int(argv[1]), int(argv[2]), argv[3]
        pages = [int(page) for page in argv[4].split(",")]
        sizes = [int(size) for size in argv[5].split(",") if size]
        limits = Limits(size=size, max_pixels=max_pixels, seconds=float(seconds))
        for page in pages:
            # Each page has its own time: SIGALRM, not handled, ends the child (even inside
            # PDFium, which a Python handler could not interrupt).
            signal.setitimer(signal.ITIMER_REAL, limits.seconds)
            for png in preview_pngs(content, content_type, limits, page=page, sizes=sizes):
                sys.stdout.buffer.write(FRAME.pack(len(png)) + png)
            signal.setitimer(signal.ITIMER_REAL, 0)
    except PreviewFailed as failed:
        sys.stderr.write(f"{failed}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
