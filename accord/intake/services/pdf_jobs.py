"""PDFs made by the worker from stored HTML, once per content, then served from storage: what
a brief's PDF and a client's record of what was agreed share. A page or the API asks
(`requested`), the worker renders (`render`); a request never renders a PDF itself.

Each kind of PDF is a `MadePdf` model and a scope: the fields within which one content is
current (a brief and an audience; a client and the filters asked for). At most one job waits
per scope; a job for other content in it is superseded, and a PDF made replaces those asked
for before it."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from accord.core.uploads import STORAGE_ERRORS
from accord.core.worker import worker_status
from accord.intake import pdf
from accord.intake.models import MadePdf

log = logging.getLogger(__name__)
State = MadePdf.State
# How long a client waits before asking again, and when a PDF still not made (its task lost
# with a worker, say) is asked for again, or a failed one tried again.
RETRY_AFTER_SECONDS = 2
STUCK_AFTER = timedelta(minutes=5)
RETRY_FAILED_AFTER = timedelta(minutes=1)
# Past this wait a page asks less often, and says so when no worker is running.
SLOW_AFTER = timedelta(seconds=30)
SLOW_RETRY_SECONDS = 10
# Rows deleted (and their files looked up) per query: an erasure deletes every PDF, and one
# query naming them all would pass SQLite's limit on parameters (32,766) on a large install.
DELETE_CHUNK = 500


@dataclass(frozen=True)
class PdfJobs:
    """One kind of PDF: its model, its scope, the task that renders a job (its dotted path; it
    is given the job's id), and what still works while a PDF cannot be made."""

    model: type[Any]  # a MadePdf with a `file` field
    scope: tuple[str, ...]
    task: str
    meanwhile: str  # "the Print page still works"
    # Optional: at most `keep` ready PDFs per owner (a client), the newest; without it, one
    # per scope. And at most `unmade` jobs not made yet (waiting or failed) per owner: asking
    # for one more drops the oldest, whose task then finds nothing to do.
    owner: tuple[str, ...] = ()
    keep: int = 0
    unmade: int = 0

    @property
    def could_not_make(self) -> str:
        return f"The PDF could not be made. Try again in a minute; {self.meanwhile}."

    @property
    def could_not_store(self) -> str:
        return (
            "The PDF could not be stored: the file store is not answering. Try again in a "
            f"minute; {self.meanwhile}."
        )

    def requested(self, *, lock: QuerySet[Any], scope: dict[str, Any], source: str) -> Any:
        """The PDF of `source`: ready, failed, or being prepared, in which case the worker has
        been asked (once per content) to make it. `lock` is the row whose lock lets one
        request at a time ask within the scope."""
        fingerprint = hashlib.sha256(source.encode()).hexdigest()
        ready = (
            self.model.objects.filter(**scope, fingerprint=fingerprint, state=State.READY)
            .defer("source")
            .first()
        )  # ready: the usual case, and no write at all
        return ready or self._ask_worker(
            lock=lock, scope=scope, fingerprint=fingerprint, source=source
        )

    @transaction.atomic
    def _ask_worker(
        self, *, lock: QuerySet[Any], scope: dict[str, Any], fingerprint: str, source: str
    ) -> Any:
        lock.select_for_update().first()
        job, created = self.model.objects.get_or_create(
            **scope, fingerprint=fingerprint, defaults={"source": source}
        )
        now = timezone.now()
        stuck = job.state == State.PREPARING and job.requested_at < now - STUCK_AFTER
        retry = job.state == State.FAILED and job.requested_at < now - RETRY_FAILED_AFTER
        if not (created or stuck or retry):
            return job
        # A job for other content is superseded: its task, when it runs, finds nothing to do.
        unmade = self.model.objects.filter(**scope).exclude(state=State.READY)
        self.delete(unmade.exclude(pk=job.pk))
        if not created:  # the source again: a failed job no longer holds it
            job.state, job.source, job.requested_at, job.error = State.PREPARING, source, now, ""
            job.save(update_fields=["state", "source", "requested_at", "error"])
        if self.unmade:
            self._drop_oldest_unmade(job)
        # In the same transaction: the database queue stores the task with the row, or neither.
        import_string(self.task).enqueue(job.pk)
        job.refresh_from_db()  # a backend that runs tasks at once has made it already
        return job

    @transaction.atomic
    def delete(self, rows: QuerySet[Any], *, chunk: int = DELETE_CHUNK) -> int:
        """Delete PDF rows, `chunk` at a time, and their files once the deletion is committed (a
        rollback keeps them); a file another row still names stays (`_unused_files_deleted`)."""
        count = 0
        last = 0
        while found := list(
            rows.filter(pk__gt=last).order_by("pk").values_list("pk", "file")[:chunk]
        ):
            deleted, _ = self.model.objects.filter(pk__in=[pk for pk, _ in found]).delete()
            count += deleted
            if names := [name for _, name in found if name]:
                transaction.on_commit(partial(self._unused_files_deleted, names))
            last = found[-1][0]
        return count

    def _unused_files_deleted(self, names: list[str]) -> None:
        """Delete the stored files no row of this kind names any more: a ready PDF is never
        left pointing at a file that is gone."""
        named = set(self.model.objects.filter(file__in=names).values_list("file", flat=True))
        storage = self.model._meta.get_field("file").storage
        _delete_files(storage, [name for name in names if name not in named])

    def render(self, pdf_id: int) -> str:
        """The worker's half: lay out the stored HTML and keep the file. Safe to run twice; a
        job superseded by a newer request is dropped, and only PDFs asked for before it are
        replaced."""
        job = self.model.objects.filter(pk=pdf_id).first()
        if job is None or job.state != State.PREPARING:  # made, failed (until asked again)
            return job.state if job else "gone"
        same_scope = self.model.objects.filter(**{f: getattr(job, f) for f in self.scope})
        if same_scope.filter(requested_at__gt=job.requested_at).exists():
            self.delete(self.model.objects.filter(pk=pdf_id))
            return "superseded"
        try:
            content = pdf.pdf_from_source(job.source)
        except pdf.PdfUnavailable as unavailable:
            self._failed(pdf_id, unavailable.message)
            return State.FAILED
        except Exception:
            self._failed(pdf_id, self.could_not_make)
            raise
        storage = job.file.storage
        name = job.file.field.generate_filename(job, f"{job.fingerprint}.pdf")
        try:
            storage.delete(name)  # a render of the same job that ran before: overwrite it
            job.file.save(name, ContentFile(content), save=False)
        except STORAGE_ERRORS as failure:  # asked for again after RETRY_FAILED_AFTER
            self._failed(pdf_id, self.could_not_store, cause=failure)
            return State.FAILED
        with transaction.atomic():
            made = self.model.objects.filter(
                pk=pdf_id, fingerprint=job.fingerprint, state=State.PREPARING
            ).update(
                state=State.READY,
                file=job.file.name,
                source="",
                error="",
                finished_at=timezone.now(),
            )
            if not made:  # made by a twin run, or deleted meanwhile (superseded, erased)
                transaction.on_commit(lambda: self._unused_files_deleted([job.file.name]))
                return "gone"
            self.delete(same_scope.filter(requested_at__lt=job.requested_at))
            if self.keep:
                self._keep_newest(job)
        return State.READY

    def _keep_newest(self, job: Any) -> None:
        owned = self._owned_with(job)
        newest = owned.filter(state=State.READY).order_by("-finished_at", "-pk")
        self.delete(owned.filter(pk__in=list(newest.values_list("pk", flat=True)[self.keep :])))

    def _drop_oldest_unmade(self, job: Any) -> None:
        unmade = self._owned_with(job).exclude(state=State.READY)
        newest = unmade.order_by("-requested_at", "-pk").values_list("pk", flat=True)
        self.delete(unmade.filter(pk__in=list(newest[self.unmade :])))

    def _owned_with(self, job: Any) -> QuerySet[Any]:
        return self.model.objects.filter(**{f: getattr(job, f) for f in self.owner})

    def _failed(self, pdf_id: int, reason: str, *, cause: Exception | None = None) -> None:
        log.warning(
            "%s %s not made: %s%s",
            self.model.__name__,
            pdf_id,
            reason,
            f" ({cause})" if cause else "",
        )
        # The HTML goes: asking again after RETRY_FAILED_AFTER brings it as it then reads.
        self.model.objects.filter(pk=pdf_id).update(
            state=State.FAILED, source="", error=reason, finished_at=timezone.now()
        )


def _delete_files(storage: Storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def waiting(made: MadePdf) -> dict[str, Any]:
    """How soon a page asks again about a PDF, and whether to say no worker is running."""
    if made.state != State.PREPARING or timezone.now() - made.requested_at < SLOW_AFTER:
        return {"retry_after": RETRY_AFTER_SECONDS, "worker_down": False}
    return {"retry_after": SLOW_RETRY_SECONDS, "worker_down": not worker_status()["alive"]}
