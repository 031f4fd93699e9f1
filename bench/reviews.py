"""Reviews for the benchmarks, made once per database: a deliverable with 20 versions and 300
comments on its latest; 2,000 client rounds waiting on Carol and 2,000 internal rounds waiting
on Alice; and a 20 MB PDF to upload."""

import hashlib
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accord.core.policy import Audience
from accord.reviews.models import Comment, Reviewer, Round, Version, VersionPage
from accord.reviews.services import previews
from accord.work.models import Deliverable, Job, JobMember
from bench.context import BenchContext
from bench.samples import pdf_bytes

REVIEWED_JOB = "Bench: a deliverable of 20 versions and 300 comments"
QUEUE_JOB = "Bench: 2,000 reviews waiting"
VERSIONS, COMMENTS, WAITING = 20, 300, 2_000
PDF_MB = 20


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _job(ctx: BenchContext, title: str) -> Job:
    alice, dan = ctx.user("alice"), ctx.user("dan")
    job = Job.objects.create(client=ctx.acme, title=title, owner=alice, created_by=alice)
    JobMember.objects.create(job=job, user=dan)
    return job


def reviewed_deliverable(ctx: BenchContext) -> Deliverable:
    """20 image versions (each previewed), 19 closed rounds and an open client round, and 300
    comments on the latest version: pinned, replies, client and internal, some resolved."""
    found = Deliverable.objects.filter(job__title=REVIEWED_JOB, job__client=ctx.acme).first()
    if found is not None:
        return found
    job = _job(ctx, REVIEWED_JOB)
    dan, alice, carol, ray = (ctx.user(p) for p in ("dan", "alice", "carol", "ray"))
    deliverable = Deliverable.objects.create(
        job=job, title="Hero banner", status=Deliverable.Status.CLIENT_REVIEW, owner=dan
    )
    content = _png((240, 120, 40))
    image = default_storage.save("bench/review-page.png", ContentFile(content))
    now = timezone.now()
    versions = Version.objects.bulk_create(
        Version(
            deliverable=deliverable,
            client=ctx.acme,
            number=n,
            kind=Version.Kind.IMAGE,
            file=image,
            original_name=f"hero-v{n}.png",
            content_type="image/png",
            size=len(content),
            sha256=hashlib.sha256(f"{n}".encode() + content).hexdigest(),
            uploaded_by=dan,
            created_at=now - timedelta(days=VERSIONS - n),
            preview_state=Version.Preview.READY,
            page_count=1,
            note=f"Round {n}: the changes asked for",
        )
        for n in range(1, VERSIONS + 1)
    )
    VersionPage.objects.bulk_create(
        VersionPage(version=v, number=1, image=image, thumbnail=image, width=1200, height=800)
        for v in versions
    )
    rounds = Round.objects.bulk_create(
        Round(
            version=v,
            deliverable=deliverable,
            client=ctx.acme,
            stage=Round.Stage.CLIENT,
            status=Round.Status.SUPERSEDED if v.number < VERSIONS else Round.Status.OPEN,
            opened_by=alice,
            opened_at=v.created_at,
            waiting_on=Round.Court.CLIENT if v.number == VERSIONS else Round.Court.NOBODY,
            waiting_since=v.created_at if v.number == VERSIONS else None,
        )
        for v in versions
    )
    Reviewer.objects.bulk_create(
        Reviewer(round=r, user=person, role=role)
        for r in rounds
        for person, role in ((carol, "approver"), (ray, "reviewer"))
    )
    latest, round = versions[-1], rounds[-1]
    people = [(ray, Audience.CLIENT), (carol, Audience.CLIENT), (alice, Audience.INTERNAL)]
    top = Comment.objects.bulk_create(
        Comment(
            version=latest,
            deliverable=deliverable,
            client=ctx.acme,
            round=round,
            author=people[i % 3][0],
            audience=people[i % 3][1],
            body=f"Comment {i}: the logo could sit a little higher, and the headline breathe.",
            anchor=Comment.Anchor.POINT,
            page=1,
            x=(i % 17) / 17,
            y=(i % 11) / 11,
            created_at=now - timedelta(minutes=COMMENTS - i),
            resolved_at=now if i % 5 == 0 else None,
        )
        for i in range(COMMENTS * 2 // 3)
    )
    Comment.objects.bulk_create(
        Comment(
            version=latest,
            deliverable=deliverable,
            client=ctx.acme,
            round=round,
            parent=top[i],
            author=alice,
            audience=top[i].audience,
            body="Thanks: we will move it up.",
            created_at=now - timedelta(minutes=COMMENTS - i) + timedelta(seconds=30),
        )
        for i in range(COMMENTS - len(top))
    )
    return deliverable


def review_page(ctx: BenchContext) -> str:
    return reverse("reviews:deliverable", args=[reviewed_deliverable(ctx).pk])


def review_api(ctx: BenchContext) -> str:
    version = reviewed_deliverable(ctx).versions.order_by("-number").first()
    return f"/api/v1/versions/{version.pk if version else 0}/comments"


def waiting_rounds(ctx: BenchContext) -> None:
    """2,000 deliverables, each with a version in a client round waiting on Carol and another
    in an internal round waiting on Alice."""
    if Job.objects.filter(title=QUEUE_JOB, client=ctx.acme).exists():
        return
    job = _job(ctx, QUEUE_JOB)
    alice, carol, dan = ctx.user("alice"), ctx.user("carol"), ctx.user("dan")
    now = timezone.now()
    deliverables = Deliverable.objects.bulk_create(
        Deliverable(job=job, title=f"Post {i}", owner=dan, position=i) for i in range(WAITING)
    )
    versions = Version.objects.bulk_create(
        Version(
            deliverable=d,
            client=ctx.acme,
            number=n,
            kind=Version.Kind.COPY,
            copy_html="<p>Copy</p>",
            copy_text="Copy",
            sha256=hashlib.sha256(f"{d.pk}-{n}".encode()).hexdigest(),
            uploaded_by=dan,
        )
        for d in deliverables
        for n in (1, 2)
    )
    rounds = Round.objects.bulk_create(
        Round(
            version=v,
            deliverable_id=v.deliverable_id,
            client=ctx.acme,
            stage=Round.Stage.CLIENT if v.number == 1 else Round.Stage.INTERNAL,
            opened_by=alice,
            opened_at=now - timedelta(hours=i),
            due_at=now + timedelta(hours=i % 200 - 50),
            waiting_on=Round.Court.CLIENT if v.number == 1 else Round.Court.AGENCY,
            waiting_since=now - timedelta(hours=i),
        )
        for i, v in enumerate(versions)
    )
    Reviewer.objects.bulk_create(
        Reviewer(round=r, user=carol if r.stage == Round.Stage.CLIENT else alice) for r in rounds
    )


def queue_page(ctx: BenchContext) -> str:
    waiting_rounds(ctx)
    return reverse("reviews:queue")


def clients_queue_page(ctx: BenchContext) -> str:
    waiting_rounds(ctx)
    return reverse("reviews:queue") + "?tab=clients"


def _pdf_of(megabytes: int) -> bytes:
    """A valid one-page PDF of about `megabytes` MB (a large uncompressed stream the page does
    not draw, as a print file's embedded assets would be)."""
    return pdf_bytes(text="Brochure", padding=megabytes * 1024 * 1024)


_PDF: list[bytes] = []


UPLOAD_JOB = "Bench: a print brochure uploaded as 20 MB PDFs"


def upload_deliverable(ctx: BenchContext) -> Deliverable:
    """Where the 20 MB PDFs go (its own deliverable: each upload adds a version)."""
    found = Deliverable.objects.filter(job__title=UPLOAD_JOB, job__client=ctx.acme).first()
    if found is not None:
        return found
    job = _job(ctx, UPLOAD_JOB)
    return Deliverable.objects.create(job=job, title="Brochure", owner=ctx.user("dan"))


def upload_page(ctx: BenchContext) -> str:
    return reverse("reviews:version_add", args=[upload_deliverable(ctx).pk])


def pdf_upload(ctx: BenchContext) -> dict[str, Any]:
    """A 20 MB PDF as the next version (no internal round asked: each run adds a version)."""
    if not _PDF:
        _PDF.append(_pdf_of(PDF_MB))
    return {
        "file": SimpleUploadedFile("brochure.pdf", _PDF[0], content_type="application/pdf"),
        "note": "Print file",
    }


def pdf_preview_job(ctx: BenchContext) -> Callable[[], object]:
    """What the worker does with the uploaded 20 MB PDF: its previews."""
    version = (
        Version.objects.filter(deliverable=upload_deliverable(ctx), kind=Version.Kind.PDF)
        .order_by("-number")
        .first()
    )
    if version is None:
        from accord.reviews.services import versions

        version = versions.add_version(
            by=ctx.user("dan"),
            deliverable=upload_deliverable(ctx),
            upload=SimpleUploadedFile("brochure.pdf", _pdf_of(PDF_MB)),
        )

    def run() -> object:
        Version.objects.filter(pk=version.pk).update(preview_state=Version.Preview.PENDING)
        return previews.make(version.pk)

    return run
