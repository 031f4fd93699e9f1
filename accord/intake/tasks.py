from django_tasks import task

from accord.intake.services import pdfs


@task()
def render_brief_pdf(pdf_id: int) -> str:
    """Make one brief PDF from the HTML stored with it; safe to run twice."""
    return pdfs.render(pdf_id)
