"""What intake hands out as files: a request's attachments and a brief's PDF, and the API's
answer while a PDF is being made.

The web pages and the API both serve these; access is checked by the caller (`access`).
"""

from django.http import FileResponse, Http404, JsonResponse
from django.utils.text import slugify

from accord.core import downloads
from accord.intake.models import Attachment, BriefPdf
from accord.intake.schemas import PdfPreparingOut
from accord.intake.services.pdf_jobs import RETRY_AFTER_SECONDS


def attachment_file(attachment: Attachment) -> FileResponse:
    """The attachment under the name it was sent with, in its checked content type."""
    return downloads.stored_file(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


def thumbnail_file(attachment: Attachment) -> FileResponse:
    """The attachment's thumbnail (a PNG the worker made), shown inline; 404 until it exists."""
    if attachment.thumbnail_state != Attachment.Thumbnail.READY or not attachment.thumbnail:
        raise Http404("This file has no thumbnail.")
    return downloads.stored_file(
        attachment.thumbnail,
        filename=f"{attachment.original_name}.png",
        content_type="image/png",
        as_attachment=False,
    )


def brief_pdf_file(made: BriefPdf) -> FileResponse:
    """A brief's PDF the worker made (`services.pdfs`), as a download named after the brief."""
    name = slugify(made.brief.title) or "brief"
    return downloads.stored_file(
        made.file, filename=f"{name}-{made.brief_id}.pdf", content_type="application/pdf"
    )


def pdf_preparing() -> JsonResponse:
    """The API's answer while the worker makes a PDF: 202, ask again after `Retry-After`."""
    body = PdfPreparingOut(
        status="preparing",
        detail="The PDF is being prepared; ask again in a few seconds.",
        retry_after=RETRY_AFTER_SECONDS,
    )
    response = JsonResponse(body.model_dump(), status=202)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
