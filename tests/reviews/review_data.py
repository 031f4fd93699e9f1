"""A deliverable up for review, and files to upload as its versions, for the review tests.

Alice runs Acme's job "Spring launch" with Dan on its team; its deliverable "Hero banner" is
what Dan uploads versions of. Files are made here (Pillow, and `bench.samples`' PDF).
"""

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accord.reviews.models import Version
from accord.reviews.services import rounds, versions
from accord.work.models import Deliverable, Job, JobMember
from bench.samples import pdf_bytes


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
    return SimpleUploadedFile(name, pdf_bytes(pages=pages), content_type="application/pdf")


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
