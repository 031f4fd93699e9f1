"""Attachments are judged by what they contain, not by what they are called."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.core.errors import InvalidInput
from accord.core.uploads import check_attachment, sniff

MB = 1024 * 1024
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
WEBP = (
    b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88"
    b"\xfe\x07\x00"
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(64) + b"PE\x00\x00"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def office(part: str) -> bytes:
    """A minimal Office Open XML package: the content-types part and one document part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", b"<Relationships/>")
        archive.writestr(part, b"<document/>")
    return buffer.getvalue()


def plain_zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "extension", "content_type"),
    [
        ("brief.pdf", PDF, "pdf", "application/pdf"),
        ("moodboard.png", PNG, "png", "image/png"),
        ("photo.jpeg", JPEG, "jpg", "image/jpeg"),
        ("loop.gif", GIF, "gif", "image/gif"),
        ("hero.webp", WEBP, "webp", "image/webp"),
        (
            "copy.docx",
            office("word/document.xml"),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            office("xl/workbook.xml"),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "deck.pptx",
            office("ppt/presentation.xml"),
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("notes.txt", "Spring launch — café menu, 40 stores.\n".encode(), "txt", "text/plain"),
        ("stores.csv", b"store,city\nLeeds Central,Leeds\nYork Minster,York\n", "csv", "text/csv"),
    ],
)
def test_accepted_kinds(name, content, extension, content_type):
    kind = check_attachment(upload(name, content), max_bytes=MB)
    assert (kind.extension, kind.content_type) == (extension, content_type)


def test_the_name_does_not_decide_the_kind():
    assert sniff(upload("scan.txt", PDF)).content_type == "application/pdf"
    assert sniff(upload("logo.jpg", PNG)).content_type == "image/png"
    assert sniff(upload("notes", b"just words")).content_type == "text/plain"


def test_sniffing_leaves_the_file_at_its_start():
    file = upload("copy.docx", office("word/document.xml"))
    file.read(10)
    sniff(file)
    assert file.tell() == 0


def test_text_cut_mid_character_at_the_end_of_the_sample_is_still_text():
    # 8 KB of two-byte characters after one ASCII byte: the 4 KB sample ends mid-character.
    content = b"a" + "é".encode() * 4096
    assert sniff(upload("long.txt", content)).content_type == "text/plain"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", EXE),
        ("archive.docx", plain_zip({"readme.txt": b"hello", "word.txt": b"not office"})),
        ("fake.xlsx", plain_zip({"[Content_Types].xml": CONTENT_TYPES, "other/x.xml": b"<x/>"})),
        ("broken.docx", b"PK\x03\x04" + b"this is not really a zip archive"),
        ("blob.bin", bytes(range(256)) * 4),
        ("latin1.txt", "Café crème".encode("latin-1")),
        ("short.txt", b"hello \xff"),
        ("cut.txt", "café".encode()[:-1]),
    ],
)
def test_refused_kinds(name, content):
    with pytest.raises(InvalidInput) as refused:
        check_attachment(upload(name, content), max_bytes=MB)
    assert f"“{name}” is not a file type we accept" in refused.value.message
    assert "PDF, an image" in refused.value.message
    assert refused.value.field == "attachments"


def test_an_empty_file_is_refused():
    with pytest.raises(InvalidInput, match=r"“empty\.pdf” is empty"):
        check_attachment(upload("empty.pdf", b""), max_bytes=MB)
    assert sniff(upload("empty.pdf", b"")) is None


def test_too_large_a_file_is_refused():
    big = upload("big.pdf", PDF + bytes(2 * MB))
    with pytest.raises(InvalidInput, match=r"“big\.pdf” is too large: files can be up to 2 MB"):
        check_attachment(big, max_bytes=2 * MB)
    exactly = upload("fits.pdf", PDF + b"\n" * (2 * MB - len(PDF)))
    assert check_attachment(exactly, max_bytes=2 * MB).extension == "pdf"
