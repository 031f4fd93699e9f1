"""What a version's file is, read from its bytes in the request: images, PDFs and videos are
taken; cut-off files, decompression bombs and anything else are refused, naming the file."""

import io
import struct
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accord.core.errors import InvalidInput
from accord.reviews import files
from accord.reviews.models import Version
from accord.reviews.services import versions

from .review_data import banner_job, pdf

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 80_000_000


def image(fmt: str, size: tuple[int, int] = (64, 40), name: str = "") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=fmt)
    return SimpleUploadedFile(name or f"art.{fmt.lower()}", buffer.getvalue())


def noisy_webp() -> SimpleUploadedFile:
    """A WebP of over 256 KB: its header must be read without reading all of it."""
    noise = Image.effect_noise((900, 900), 120).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, format="WEBP", quality=100)
    assert len(buffer.getvalue()) > 256 * 1024
    return SimpleUploadedFile("noise.webp", buffer.getvalue())


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> SimpleUploadedFile:
    """A small, well-formed PNG file whose header says it is `width` × `height` pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    content = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("huge.png", content)


def check(upload: SimpleUploadedFile, **limits: int) -> files.Checked:
    return files.check(
        upload,
        max_bytes=limits.get("max_bytes", MAX_BYTES),
        max_pixels=limits.get("max_pixels", MAX_PIXELS),
    )


def refusal(upload: SimpleUploadedFile, **limits: int) -> str:
    with pytest.raises(InvalidInput) as refused:
        check(upload, **limits)
    assert refused.value.field == "file"
    return refused.value.message


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("PNG", "image/png", "png"),
        ("JPEG", "image/jpeg", "jpg"),
        ("GIF", "image/gif", "gif"),
        ("WEBP", "image/webp", "webp"),
    ],
)
def test_an_image_is_taken_with_its_size_read_from_its_header(fmt, content_type, extension):
    checked = check(image(fmt, (300, 200)))
    assert (checked.kind, checked.content_type, checked.extension) == (
        "image",
        content_type,
        extension,
    )
    assert (checked.width, checked.height) == (300, 200)
    assert len(checked.sha256) == 64


def test_a_large_webp_is_measured_from_its_first_bytes():
    checked = check(noisy_webp())
    assert (checked.kind, checked.width, checked.height) == ("image", 900, 900)


def test_a_pdf_is_taken_as_a_pdf():
    checked = check(pdf(pages=2))
    assert (checked.kind, checked.content_type, checked.extension) == (
        "pdf",
        "application/pdf",
        "pdf",
    )


def _cut(upload: SimpleUploadedFile, keep: float = 0.6) -> SimpleUploadedFile:
    content = upload.read()
    return SimpleUploadedFile(upload.name or "cut", content[: int(len(content) * keep)])


@pytest.mark.parametrize(
    "upload",
    [
        image("PNG", (400, 300)),
        image("JPEG", (400, 300)),
        image("GIF", (400, 300)),
        noisy_webp(),
        pdf(pages=4),
    ],
    ids=["png", "jpeg", "gif", "webp", "pdf"],
)
def test_a_file_cut_off_before_its_end_is_refused(upload):
    name = upload.name
    assert "is cut off before its end" in refusal(_cut(upload))
    assert name in refusal(_cut(upload))


def test_a_few_bytes_after_a_jpeg_s_end_are_not_a_cut():
    upload = image("JPEG", (400, 300))
    written = SimpleUploadedFile("phone.jpg", upload.read() + b"\x00" * 16 + b"SEFT trailer")
    assert check(written).kind == "image"


def test_a_png_whose_header_claims_30000_by_30000_pixels_is_refused_before_decoding():
    message = refusal(png_claiming(30_000, 30_000))
    assert message.startswith("“huge.png”")
    assert "pixels" in message and "up to 80 megapixels" in message


def test_an_image_over_the_pixel_limit_says_how_large_it_is():
    message = refusal(png_claiming(10_000, 9_000))
    assert message == "“huge.png” is 10000 × 9000 pixels: images can be up to 80 megapixels."


def test_a_png_of_an_impossible_header_is_not_readable():
    assert "is not a readable image" in refusal(png_claiming(0, 0))


def mp4(major: bytes, *compatible: bytes) -> SimpleUploadedFile:
    body = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    box = struct.pack(">I", 8 + len(body)) + b"ftyp" + body
    return SimpleUploadedFile("cut.mp4", box + struct.pack(">I", 16) + b"mdat" + bytes(8))


def webm() -> SimpleUploadedFile:
    ebml = bytes.fromhex("1a45dfa3 9f 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08")
    ebml += bytes.fromhex("4282 84") + b"webm" + bytes.fromhex("4287 81 04 4285 81 02")
    return SimpleUploadedFile("cut.webm", ebml + bytes.fromhex("18538067") + bytes(32))


@pytest.mark.parametrize(
    ("upload", "content_type"),
    [
        (mp4(b"isom", b"isom", b"iso2", b"avc1", b"mp41"), "video/mp4"),
        (mp4(b"mp42", b"mp42", b"mp41"), "video/mp4"),
        (mp4(b"XAVC", b"XAVC", b"mp42", b"iso2"), "video/mp4"),  # a camera's own brand
        (webm(), "video/webm"),
    ],
    ids=["isom", "mp42", "camera", "webm"],
)
def test_mp4_and_webm_headers_are_recognised_as_video(upload, content_type):
    checked = check(upload)
    assert (checked.kind, checked.content_type) == ("video", content_type)
    assert checked.extension == content_type.split("/")[1]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        ("page.html", b"<!doctype html><html><body onload='alert(1)'>Hi</body></html>"),
        ("page.png", b"<html><script>alert(1)</script></html>"),  # named as an image
        ("notes.txt", b"Just some words."),
        ("film.mov", b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  "),
        ("archive.zip", b"PK\x03\x04" + bytes(60)),
    ],
)
def test_other_files_are_refused_whatever_their_name(name, content):
    message = refusal(SimpleUploadedFile(name, content))
    assert message.startswith(f"“{name}” is not a file type we review")


def test_an_empty_or_too_large_file_is_refused():
    assert "is empty" in refusal(SimpleUploadedFile("empty.png", b""))
    assert "is too large" in refusal(image("PNG"), max_bytes=100)


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_refused_upload_adds_no_version_and_stores_nothing(world, media, settings, tmp_path):
    deliverable = banner_job(world)
    with pytest.raises(InvalidInput, match="is cut off"):
        versions.add_version(by=world.dan, deliverable=deliverable, upload=_cut(pdf()))
    assert not Version.objects.filter(deliverable=deliverable).exists()
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.*"))
