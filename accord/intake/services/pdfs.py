"""Brief PDFs, made by the worker: asked for by a page or the API, rendered once per content
and audience, then served from storage. A request never renders a PDF itself."""

import hashlib
import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accord.accounts.models import User
from accord.core.uploads import STORAGE_ERRORS
from accord.intake import access, pdf
from accord.intake.models import Brief, BriefPdf

log = logging.getLogger(__name__)
State = BriefPdf.State
# How long a client waits before asking again, and when a PDF still not made (its task lost
# with a worker, say) is asked for again, or a failed one tried again.
RETRY_AFTER_SECONDS = 2
STUCK_AFTER = timedelta(minutes=5)
RETRY_FAILED_AFTER = timedelta(minutes=1)
COULD_NOT_MAKE = "The PDF could not be made. Try again in a minute; the Print page still works."
COULD_NOT_STORE = (
    "The PDF could not be stored: the file store is not answering. Try again in a minute; "
    "the Print page still works."
)


def audience_for(reader: User, brief: Brief, *, internal: bool = False) -> str:
    """Internal notes are printed only when asked for, and only for those who may read them;
    anyone else asking gets the client's version."""
    if internal and access.may_brief(reader, brief, "view_internal"):
        return BriefPdf.Audience.AGENCY
    return BriefPdf.Audience.CLIENT


def requested_pdf(*, brief: Brief, reader: User, internal: bool = False) -> BriefPdf:
    """The PDF of the brief as it stands: the client's version, or with the internal notes
    when `internal` is asked for by staff. Ready, failed, or being prepared, in which case
    the worker has been asked (once per content) to make it."""
    audience = audience_for(reader, brief, internal=internal)
    source = pdf.pdf_source(brief=brief, show_internal=audience == BriefPdf.Audience.AGENCY)
    fingerprint = hashlib.sha256(source.encode()).hexdigest()
    ready = (
        BriefPdf.objects.filter(
            brief=brief, audience=audience, fingerprint=fingerprint, state=State.READY
        )
        .defer("source")
        .first()
    )
    made = ready or _ask_worker(
        brief=brief, audience=audience, fingerprint=fingerprint, source=source
    )  # ready: the usual case, and no write at all
    made.brief = brief
    return made


@transaction.atomic
def _ask_worker(*, brief: Brief, audience: str, fingerprint: str, source: str) -> BriefPdf:
    from accord.intake.tasks import render_brief_pdf

    # One request at a time per brief: at most one job waits per brief and audience.
    Brief.objects.select_for_update().filter(pk=brief.pk).first()
    job, created = BriefPdf.objects.get_or_create(
        brief=brief, audience=audience, fingerprint=fingerprint, defaults={"source": source}
    )
    now = timezone.now()
    stuck = job.state == State.PREPARING and job.requested_at < now - STUCK_AFTER
    retry = job.state == State.FAILED and job.requested_at < now - RETRY_FAILED_AFTER
    if not (created or stuck or retry):
        return job
    # A job for other content is superseded: its task, when it runs, finds nothing to do.
    _delete(_unmade(brief_id=brief.pk, audience=audience).exclude(pk=job.pk))
    if not created:
        job.state, job.source, job.requested_at, job.error = State.PREPARING, source, now, ""
        job.save(update_fields=["state", "source", "requested_at", "error"])
    # In the same transaction: the database queue stores the task with the row, or neither.
    render_brief_pdf.enqueue(job.pk)
    job.refresh_from_db()  # a backend that runs tasks at once has made it already
    return job


def _unmade(*, brief_id: int, audience: str) -> QuerySet[BriefPdf]:
    return BriefPdf.objects.filter(brief_id=brief_id, audience=audience).exclude(state=State.READY)


def _delete(rows: QuerySet[BriefPdf]) -> int:
    """Delete PDF rows, and their files once the deletion is committed (a rollback keeps them)."""
    found = list(rows.values_list("pk", "file"))
    names = [name for _, name in found if name]
    count, _ = BriefPdf.objects.filter(pk__in=[pk for pk, _ in found]).delete()
    if names:
        storage = BriefPdf._meta.get_field("file").storage
        transaction.on_commit(lambda: _delete_files(storage, names))
    return count


def _delete_files(storage: Storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def render(pdf_id: int) -> str:
    """The worker's half: lay out the stored HTML and keep the file. Safe to run twice; a job
    superseded by a newer request is dropped, and only PDFs asked for before it are replaced."""
    job = BriefPdf.objects.filter(pk=pdf_id).first()
    if job is None or job.state == State.READY:
        return job.state if job else "gone"
    newer = BriefPdf.objects.filter(
        brief_id=job.brief_id, audience=job.audience, requested_at__gt=job.requested_at
    )
    if newer.exists():
        _delete(BriefPdf.objects.filter(pk=pdf_id))
        return "superseded"
    try:
        content = pdf.pdf_from_source(job.source)
    except pdf.PdfUnavailable as unavailable:
        _failed(pdf_id, unavailable.message)
        return State.FAILED
    except Exception:
        _failed(pdf_id, COULD_NOT_MAKE)
        raise
    storage = job.file.storage
    name = job.file.field.generate_filename(job, f"{job.fingerprint}.pdf")
    try:
        storage.delete(name)  # a render of the same job that ran before: overwrite, not a copy
        job.file.save(name, ContentFile(content), save=False)
    except STORAGE_ERRORS as failure:  # asked for again after RETRY_FAILED_AFTER
        _failed(pdf_id, COULD_NOT_STORE, cause=failure)
        return State.FAILED
    with transaction.atomic():
        made = BriefPdf.objects.filter(
            pk=pdf_id, fingerprint=job.fingerprint, state=State.PREPARING
        ).update(
            state=State.READY, file=job.file.name, source="", error="", finished_at=timezone.now()
        )
        if not made:  # made by a twin run, or deleted meanwhile (superseded, erased)
            if not BriefPdf.objects.filter(file=job.file.name).exists():
                transaction.on_commit(lambda: _delete_files(storage, [job.file.name]))
            return "gone"
        _delete(
            BriefPdf.objects.filter(
                brief_id=job.brief_id, audience=job.audience, requested_at__lt=job.requested_at
            )
        )
    return State.READY


def forget_person(person: User, by: User | None) -> None:
    """Erasure: every stored PDF goes, row and file. PDFs are a cache made again on demand, and
    a person may be named in PDFs of clients they left long ago; rendered files cannot be
    searched for a name, so all of them go rather than a guess at which name them."""
    _delete(BriefPdf.objects.all())


def _failed(pdf_id: int, reason: str, *, cause: Exception | None = None) -> None:
    log.warning("Brief PDF %s not made: %s%s", pdf_id, reason, f" ({cause})" if cause else "")
    BriefPdf.objects.filter(pk=pdf_id).update(
        state=State.FAILED, error=reason, finished_at=timezone.now()
    )
