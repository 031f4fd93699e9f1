from django_tasks import task

from accord.intake.services import pdfs, thumbnails


@task()
def render_brief_pdf(pdf_id: int) -> str:
    """Make one brief PDF from the HTML stored with it; safe to run twice."""
    return pdfs.render(pdf_id)


@task()
def make_thumbnail(attachment_id: int) -> str:
    """Make one attachment's thumbnail (image, or a PDF's first page); safe to run twice."""
    return thumbnails.make(attachment_id)
