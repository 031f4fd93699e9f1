"""A deliverable up for review, and files to upload as its versions, for the review tests.

Alice runs Acme's job "Spring launch" with Dan on its team; its deliverable "Hero banner" is
what Dan uploads versions of. Files are made here (Pillow, and a PDF written by hand).
"""

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accord.reviews.models import Version
from accord.reviews.services import rounds, versions
from accord.work.models import Deliverable, Job, JobMember


def banner_job(world: Any, *, team: tuple[Any, ...] | None = None) -> Deliverable:
    """Acme's job with Dan on it, and the deliverable to review."""
    job = Job.objects.create(client=world.acme, title="Spring launch", owner=world.alice)
    for person in world.dan, *(team or ()):
        JobMember.objects.create(job=job, user=person, added_by=world.alice)
    return Deliverable.objects.create(
        job=job, title="Hero banner", kind=Deliverable.Kind.DISPLAY_AD, owner=world.dan
    )


def png(name: str = "banner.png", *, size: tuple[int, int] = (64, 40), colour: str = "orange"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name: str = "leaflet.pdf", *, pages: int = 3) -> SimpleUploadedFile:
    """A small, valid PDF of `pages` blank A4 pages."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def upload(world: Any, deliverable: Deliverable, file: Any = None, **more: Any) -> Version:
    """Dan uploads the next version (a PNG unless another file is given)."""
    return versions.add_version(by=world.dan, deliverable=deliverable, upload=file or png(), **more)


def internal_round(world: Any, version: Version) -> Any:
    return rounds.open_round(
        by=world.dan, version=version, stage="internal", seats=[rounds.Seat(world.alice)]
    )


def client_round(world: Any, version: Version, **more: Any) -> Any:
    """Alice sends the version to Acme: Carol approves, Ray reviews."""
    return rounds.open_round(
        by=world.alice,
        version=version,
        stage="client",
        seats=[rounds.Seat(world.carol), rounds.Seat(world.ray, role="reviewer")],
        **more,
    )
