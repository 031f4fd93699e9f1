"""What intake hands out as files: a request's attachments and a brief's PDF.

The web pages and the API both serve these; access is checked by the caller (`access`).
"""

from django.http import FileResponse
from django.utils.text import slugify

from accord.core import downloads
from accord.intake.models import Attachment, BriefPdf


def attachment_file(attachment: Attachment) -> FileResponse:
    """The attachment under the name it was sent with, in its checked content type."""
    return downloads.stored_file(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


def brief_pdf_file(made: BriefPdf) -> FileResponse:
    """A brief's PDF the worker made (`services.pdfs`), as a download named after the brief."""
    name = slugify(made.brief.title) or "brief"
    return downloads.stored_file(
        made.file, filename=f"{name}-{made.brief_id}.pdf", content_type="application/pdf"
    )
