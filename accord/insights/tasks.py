from django_tasks import task

from accord.insights.services import agreements_pdf


@task()
def render_agreements_pdf(pdf_id: int) -> str:
    """Make one PDF of a client's record of what was agreed from the HTML stored with it; safe
    to run twice."""
    return agreements_pdf.render(pdf_id)
