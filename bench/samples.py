"""Sample files written by hand, for the benchmarks and the tests (which import them from here:
they are neither Accord's code nor test fixtures, and need nothing but the standard library)."""

import io


def pdf_bytes(*, pages: int = 1, text: str = "", padding: int = 0) -> bytes:
    """A small valid PDF of `pages` A4 pages, each showing `text` if given; `padding` bytes of
    an unused stream make it as large as a print file with embedded assets."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    contents = f" /Contents {3 + pages} 0 R" if text else ""
    page = f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]{contents} >>".encode()
    objects += [page] * pages
    if text:
        drawn = f"BT /F1 24 Tf 72 700 Td ({text}) Tj ET".encode()
        objects.append(_stream(drawn))
    if padding:
        objects.append(_stream(b"0" * padding))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _stream(data: bytes) -> bytes:
    return b"<< /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"
