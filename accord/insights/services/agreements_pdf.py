"""A client's record of what was agreed as a PDF, made by the worker (`intake.services.
pdf_jobs`, as brief PDFs are): asked for by the record page or the API, rendered once per
content and filters, then served from storage. A request never renders a PDF itself.

Access is the caller's (`access_agreements.client_for`): whoever may read the record gets the
same PDF. One PDF is current per client and filters; a client keeps at most KEPT of them, and
at most UNMADE jobs not made yet (waiting or failed). Filters that print the same are one
choice: a search as the words it looks for, an entry not in the record as any other."""

import hashlib
import json

from accord.accounts.models import User
from accord.clients.models import Client
from accord.insights import pdf_agreements, queries_agreements
from accord.insights.models import AgreementsPdf
from accord.intake.services import pdf_jobs

KEPT = 20
UNMADE = 5
# The filters' stand-in for an entry that is not in the client's record (nothing is printed).
NOT_IN_RECORD = "not in the record"
JOBS = pdf_jobs.PdfJobs(
    model=AgreementsPdf,
    scope=("client_id", "filters"),
    task="accord.insights.tasks.render_agreements_pdf",
    meanwhile="the record of what was agreed still works on its page",
    owner=("client_id",),
    keep=KEPT,
    unmade=UNMADE,
)


def filters_key(*, q: str, kind: str, entry: int | str | None) -> str:
    """The filters as one SHA-256: a PDF made for one choice is never current for another.
    A search counts as the words it looks for, in any case and spacing."""
    chosen = json.dumps({"q": q.lower(), "kind": kind, "entry": entry}, sort_keys=True)
    return hashlib.sha256(chosen.encode()).hexdigest()


def searched(q: str) -> str:
    """The words a search looks for (`queries_agreements.record_of`), as the PDF names them."""
    return " ".join(q.split()[: queries_agreements.MAX_WORDS])


def requested_pdf(
    *, client: Client, q: str = "", kind: str = "", entry: int | None = None
) -> AgreementsPdf:
    """The PDF of the record as it stands for these filters (at most MAX_ENTRIES entries):
    ready, failed, or being prepared, in which case the worker has been asked (once per
    content) to make it. Reads the entries once; renders nothing. An `entry` that is not in
    the client's record prints nothing, as the page shows nothing."""
    q = searched(q)
    kind = kind if kind in queries_agreements.KINDS else ""
    record = pdf_agreements.printed(client, q=q, kind=kind, entry=entry)
    # With an entry the record holds it or nothing; all entries that print nothing are one.
    chosen = entry if not entry or record.entries else NOT_IN_RECORD
    made: AgreementsPdf = JOBS.requested(
        lock=Client.objects.filter(pk=client.pk),
        scope={"client_id": client.pk, "filters": filters_key(q=q, kind=kind, entry=chosen)},
        source=pdf_agreements.pdf_source(client, record, q=q, kind=kind),
    )
    made.client = client
    return made


def render(pdf_id: int) -> str:
    """The worker's half: lay out the stored HTML and keep the file (`PdfJobs.render`)."""
    return JOBS.render(pdf_id)


def forget_person(person: User, by: User | None) -> None:
    """Erasure: every stored record PDF goes, row and file (they name who agreed); they are
    made again on demand, from the record as it reads after the erasure."""
    JOBS.delete(AgreementsPdf.objects.all())
