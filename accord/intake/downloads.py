"""What intake hands out as files: a request's attachments and a brief's PDF.

The web pages and the API both serve these; access is checked by the caller (`access`).
"""

from typing import Any

from django.http import FileResponse, HttpResponse
from django.utils.text import slugify

from accord.core import downloads
from accord.intake import access, pdf
from accord.intake.models import Attachment, Brief


def attachment_file(attachment: Attachment) -> FileResponse:
    """The attachment under the name it was sent with, in its checked content type."""
    return downloads.stored_file(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


def brief_pdf_file(brief: Brief, *, reader: Any) -> HttpResponse:
    """The brief as a PDF download, with internal notes only for those who may read them.

    Raises `pdf.PdfUnavailable` (503) when WeasyPrint's system libraries are missing.
    """
    show_internal = access.may_brief(reader, brief, "view_internal")
    document = pdf.brief_pdf(brief=brief, show_internal=show_internal)
    name = slugify(brief.title) or "brief"
    return downloads.document(
        document, filename=f"{name}-{brief.pk}.pdf", content_type="application/pdf"
    )
