"""Files sent with a request: checked by what they contain, and stored with their rows or not
at all (a file store that fails leaves neither: `core.uploads.storing`)."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import DomainError, InvalidInput
from accord.core.policy import Audience
from accord.core.uploads import FileKind, check_attachment, storing
from accord.intake.models import Attachment, Request
from accord.intake.services import thumbnails

# A request takes more files while someone still works from it; not once declined or delivered.
TAKES_FILES = set(Request.Status) - {Request.Status.DECLINED, Request.Status.DELIVERED}


class RequestClosed(DomainError):
    """The request no longer takes files (declined)."""

    status = 409


def check_attachments(files: list[UploadedFile], *, already: int = 0) -> list[FileKind]:
    """What each file is, refusing too many (with those the request has) or any not accepted."""
    if already + len(files) > settings.ATTACHMENTS_PER_REQUEST:
        room = settings.ATTACHMENTS_PER_REQUEST - already
        more = f" (it has {already}: add at most {max(room, 0)})" if already else ""
        raise InvalidInput(
            f"A request takes at most {settings.ATTACHMENTS_PER_REQUEST} files{more}.",
            field="attachments",
        )
    return [check_attachment(f, max_bytes=settings.ATTACHMENT_MAX_BYTES) for f in files]


def store_attachments(
    *, request: Request, files: list[UploadedFile], kinds: list[FileKind], by: User
) -> list[Attachment]:
    """Store each checked file with its row; if the file store fails, none of them. Images
    and PDFs are given to the worker for a thumbnail once the change commits."""
    made = []
    with storing(field="attachments") as stored:
        for upload, kind in zip(files, kinds, strict=True):
            attachment = Attachment(
                request=request,
                original_name=(upload.name or "file")[:255],
                content_type=kind.content_type,
                size=upload.size or 0,
                uploaded_by=by,
                thumbnail_state=thumbnails.first_state(kind.content_type),
            )
            stored.save(attachment.file, f"attachment.{kind.extension}", upload)
            attachment.save()
            made.append(attachment)
    pending = Attachment.Thumbnail.PENDING
    thumbnails.queue_after_commit([a.pk for a in made if a.thumbnail_state == pending])
    return made


@transaction.atomic
def add_attachments(*, by: User, request: Request, files: list[UploadedFile]) -> list[Attachment]:
    """Add files to a request the client or the AM sent without them (new, parked or being
    briefed); the account side and the client see them on the request."""
    if not files:
        raise InvalidInput("Choose at least one file to add.", field="attachments")
    # One addition at a time per request: the count of files it has stays true.
    locked = Request.objects.select_for_update().get(pk=request.pk)
    if locked.status not in TAKES_FILES:
        raise RequestClosed(
            f"This request is {locked.get_status_display().lower()}: it takes no more files."
        )
    kinds = check_attachments(files, already=locked.attachments.count())
    made = store_attachments(request=locked, files=files, kinds=kinds, by=by)
    events.record(
        actor=by,
        verb="request.files_added",
        target=locked,
        client=request.client,
        audience=Audience.CLIENT,
        data={"title": locked.title, "files": len(made)},
    )
    return made
