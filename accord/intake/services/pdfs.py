"""Brief PDFs, made by the worker: asked for by a page or the API, rendered once per content
and audience, then served from storage. A request never renders a PDF itself."""

from accord.accounts.models import User
from accord.intake import access, pdf
from accord.intake.models import Brief, BriefPdf
from accord.intake.services import pdf_jobs

State = BriefPdf.State
RETRY_AFTER_SECONDS = pdf_jobs.RETRY_AFTER_SECONDS
STUCK_AFTER = pdf_jobs.STUCK_AFTER
JOBS = pdf_jobs.PdfJobs(
    model=BriefPdf,
    scope=("brief_id", "audience"),
    task="accord.intake.tasks.render_brief_pdf",
    meanwhile="the Print page still works",
)
COULD_NOT_STORE = JOBS.could_not_store


def audience_for(reader: User, brief: Brief, *, internal: bool = False) -> str:
    """Internal notes are printed only when asked for, and only for those who may read them;
    anyone else asking gets the client's version."""
    if internal and access.may_brief(reader, brief, "view_internal"):
        return BriefPdf.Audience.AGENCY
    return BriefPdf.Audience.CLIENT


def requested_pdf(*, brief: Brief, reader: User, internal: bool = False) -> BriefPdf:
    """The PDF of the brief as it stands: the client's version, or with the internal notes
    when `internal` is asked for by staff. Ready, failed, or being prepared, in which case
    the worker has been asked (once per content) to make it."""
    audience = audience_for(reader, brief, internal=internal)
    source = pdf.pdf_source(brief=brief, show_internal=audience == BriefPdf.Audience.AGENCY)
    made: BriefPdf = JOBS.requested(
        # One request at a time per brief: at most one job waits per brief and audience.
        lock=Brief.objects.filter(pk=brief.pk),
        scope={"brief_id": brief.pk, "audience": audience},
        source=source,
    )
    made.brief = brief
    return made


def render(pdf_id: int) -> str:
    """The worker's half: lay out the stored HTML and keep the file (`PdfJobs.render`)."""
    return JOBS.render(pdf_id)


def forget_person(person: User, by: User | None) -> None:
    """Erasure: every stored PDF goes, row and file. PDFs are a cache made again on demand, and
    a person may be named in PDFs of clients they left long ago; rendered files cannot be
    searched for a name, so all of them go rather than a guess at which name them."""
    JOBS.delete(BriefPdf.objects.all())
