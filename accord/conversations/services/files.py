"""Files on messages: uploads checked by their content like every attachment in Accord, and
the attachments of an inbound email (kept whatever their type, up to the size limit, since
nothing a client sends is lost; they are served as downloads, never inline)."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from accord.conversations.models import Message, MessageAttachment
from accord.core.errors import InvalidInput
from accord.core.uploads import check_attachment, storing

MAX_FILES = 10
FIELD = "attachments"


@dataclass(frozen=True)
class InboundFile:
    name: str
    content_type: str
    data: bytes


def check_uploads(uploads: Sequence[UploadedFile]) -> None:
    if len(uploads) > MAX_FILES:
        raise InvalidInput(f"Attach up to {MAX_FILES} files to a message.", field=FIELD)
    for upload in uploads:
        check_attachment(upload, max_bytes=settings.ATTACHMENT_MAX_BYTES)


def _digest(chunks: object) -> str:
    sha = hashlib.sha256()
    for chunk in chunks:  # type: ignore[attr-defined]
        sha.update(chunk)
    return sha.hexdigest()


def attach(
    message: Message,
    *,
    uploads: Sequence[UploadedFile] = (),
    received: Sequence[InboundFile] = (),
) -> list[MessageAttachment]:
    """Store the files of a message (inside its transaction: a failure removes them again)."""
    check_uploads(uploads)
    rows: list[MessageAttachment] = []
    with storing(field=FIELD) as stored:
        for upload in uploads:
            kind = check_attachment(upload, max_bytes=settings.ATTACHMENT_MAX_BYTES)
            upload.seek(0)
            sha = _digest(upload.chunks())
            upload.seek(0)
            row = MessageAttachment(
                message=message,
                name=(upload.name or "file")[:200],
                size=upload.size or 0,
                content_type=kind.content_type,
                sha256=sha,
            )
            stored.save(row.file, f"{sha[:16]}.{kind.extension}", upload)
            rows.append(row)
        for item in received:
            sha = hashlib.sha256(item.data).hexdigest()
            row = MessageAttachment(
                message=message,
                name=item.name[:200] or "attachment",
                size=len(item.data),
                content_type=item.content_type[:100] or "application/octet-stream",
                sha256=sha,
            )
            stored.save(row.file, f"{sha[:16]}.bin", ContentFile(item.data))
            rows.append(row)
        MessageAttachment.objects.bulk_create(rows)
    return rows
