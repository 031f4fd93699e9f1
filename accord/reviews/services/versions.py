"""New versions of a deliverable: a file, copy or a link, stored with its SHA-256; a new version
closes the rounds still open on older ones, and moves the deliverable back into production."""

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import IllegalTransition, InvalidInput
from accord.core.uploads import storing
from accord.reviews import copy, files, rules
from accord.reviews.models import Round, Todo, Version
from accord.reviews.services import previews
from accord.reviews.services.common import close_round, move_deliverable_for_review
from accord.work.models import Deliverable
from accord.work.services.common import ensure_job_takes_work

MAX_VERSIONS = 200
MAX_NOTE = 2_000
# A deliverable takes new content until it is delivered or stopped.
TAKES_VERSIONS = {
    "not_started",
    "in_production",
    "internal_review",
    "client_review",
    "changes_requested",
    "approved",
}


def _clean_note(note: str) -> str:
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"Keep the note under {MAX_NOTE:,} characters.", field="note")
    return note


def _locked(deliverable: Deliverable) -> Deliverable:
    Deliverable.objects.select_for_update().filter(pk=deliverable.pk).values_list("pk").get()
    locked = Deliverable.objects.select_related("job").get(pk=deliverable.pk)
    ensure_job_takes_work(locked.job)
    if locked.status not in TAKES_VERSIONS:
        raise IllegalTransition(
            f"“{locked.title}” is {locked.get_status_display().lower()}: it takes no new versions."
        )
    return locked


def _link(url: str) -> str:
    url = url.strip()
    if len(url) > 2_000:
        raise InvalidInput("That link is too long (2,000 characters at most).", field="link_url")
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InvalidInput(
            "Give the full address of the work, starting with https://", field="link_url"
        ) from None
    return url


def _copy(text: str) -> tuple[str, str]:
    if not text.strip():
        raise InvalidInput("Write or paste the copy to review.", field="copy")
    if len(text) > copy.MAX_COPY_CHARS:
        raise InvalidInput(
            f"Copy can be up to {copy.MAX_COPY_CHARS:,} characters; this is {len(text):,}.",
            field="copy",
        )
    safe = copy.sanitised(text)
    plain = copy.plain(safe)
    if not plain:
        raise InvalidInput("The copy has no words in it.", field="copy")
    return safe, plain


def check_file(upload: UploadedFile) -> files.Checked:
    """What the upload is, or a clear refusal (callable before any transaction)."""
    return files.check(
        upload, max_bytes=settings.VERSION_MAX_BYTES, max_pixels=settings.VERSION_MAX_PIXELS
    )


@transaction.atomic
def add_version(
    *,
    by: User,
    deliverable: Deliverable,
    upload: UploadedFile | None = None,
    checked: files.Checked | None = None,
    copy_text: str = "",
    link_url: str = "",
    note: str = "",
    answers: list[int] | None = None,
) -> Version:
    """Add the next version: exactly one of a file (`upload`, with its `checked` kind), copy
    or a link. Rounds open on older versions close as superseded; the deliverable goes (back)
    into production; the to-dos in `answers` are ticked off against this version."""
    given = [bool(upload), bool(copy_text.strip()), bool(link_url.strip())]
    if sum(given) != 1:
        raise InvalidInput("Give one of a file, the copy or a link.", field="file")
    note = _clean_note(note)
    deliverable = _locked(deliverable)
    count = deliverable.versions.count()
    if count >= MAX_VERSIONS:
        raise InvalidInput(f"A deliverable keeps {MAX_VERSIONS} versions at most.")
    number = (deliverable.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = Version(
        deliverable=deliverable,
        client_id=deliverable.job.client_id,
        number=number,
        note=note,
        uploaded_by=by,
    )
    if upload is not None:
        checked = checked or check_file(upload)
        version.kind = checked.kind
        version.original_name = (upload.name or "file")[:255]
        version.content_type = checked.content_type
        version.size = upload.size or 0
        version.sha256 = checked.sha256
        version.preview_state = previews.first_state(checked.kind)
    elif copy_text.strip():
        version.copy_html, version.copy_text = _copy(copy_text)
        version.kind = Version.Kind.COPY
        version.sha256 = hashlib.sha256(version.copy_html.encode()).hexdigest()
    else:
        version.link_url = _link(link_url)
        version.kind = Version.Kind.LINK
        version.sha256 = hashlib.sha256(version.link_url.encode()).hexdigest()
    with storing(field="file") as stored:
        if upload is not None:
            stored.save(version.file, f"v{number}.{checked.extension}", upload)  # type: ignore[union-attr]
        version.save()
    for open_round in Round.objects.select_for_update().filter(
        deliverable=deliverable, status=Round.Status.OPEN
    ):
        close_round(by=by, round=open_round, to=rules.SUPERSEDED, deliverable=deliverable)
    if deliverable.status != rules.IN_PRODUCTION:
        move_deliverable_for_review(
            by=by, deliverable=deliverable, to=rules.IN_PRODUCTION, new_version=True
        )
    ticked = _tick(by=by, deliverable=deliverable, version=version, todo_ids=answers or [])
    events.record(
        actor=by,
        verb="version.added",
        target=version,
        client=deliverable.job.client_id,
        data={
            "deliverable": deliverable.pk,
            "title": deliverable.title,
            "number": number,
            "kind": version.kind,
            "sha256": version.sha256,
            "answers": ticked,
        },
    )
    if version.preview_state == Version.Preview.PENDING:
        previews.queue_after_commit([version.pk])
    return version


def _tick(*, by: Any, deliverable: Deliverable, version: Version, todo_ids: list[int]) -> list[int]:
    """Tick off the to-dos this version answers: those named, and those ticked done since the
    last version (waiting for the version that carries them)."""
    open_todos = Todo.objects.filter(deliverable=deliverable, done_in__isnull=True)
    named = open_todos.filter(pk__in=todo_ids)
    if named.count() != len(set(todo_ids)):
        raise InvalidInput(
            "Some of those to-dos are not open on this deliverable: reload and tick again.",
            field="answers",
        )
    named.filter(done_at__isnull=True).update(done_by=by, done_at=timezone.now())
    waiting = open_todos.filter(done_at__isnull=False)
    ids = sorted(waiting.values_list("pk", flat=True))
    waiting.update(done_in=version)
    return ids
