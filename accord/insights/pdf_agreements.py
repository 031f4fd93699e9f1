"""A client's record of what was agreed on paper: the entries the page shows (same search and
kind), laid out by WeasyPrint offline (`intake.pdf`: Accord's own print stylesheet, no outside
resources), each with its full SHA-256. The worker makes the PDF from `pdf_source`'s HTML
(`services.agreements_pdf`); a request only reads the entries and writes that HTML.

Bounded whatever the record's size: at most MAX_ENTRIES entries (the PDF says when it stops
there and how to narrow it), each printed up to PRINTED_SUMMARY characters (the rest stays in
Accord, identified by the same SHA-256), read in one query that reads no more of a summary
than can be printed (READ_SUMMARY characters)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models.functions import Substr
from django.http import FileResponse
from django.template.loader import render_to_string

from accord.clients.models import Client
from accord.core import downloads
from accord.insights import queries_agreements
from accord.insights.models import Agreement, AgreementsPdf
from accord.insights.services.agreements import bounded
from accord.intake import pdf as intake_pdf
from accord.intake.rules import short_fingerprint

MAX_ENTRIES = 200
PRINTED_SUMMARY = 2_000
# Of each summary, the first characters only: what is printed, and a margin for the blanks at
# either end that `bounded` strips. Summaries are written stripped (`services.agreements`), so
# one whose first READ_SUMMARY characters cannot tell how it prints (then read whole) is rare.
READ_SUMMARY = PRINTED_SUMMARY + 100
REST = "the whole text is in Accord, under this entry's SHA-256"
TEMPLATE = "insights/agreements/print.html"
LABELS = queries_agreements.KINDS


@dataclass(frozen=True)
class PrintedEntry:
    kind: str
    title: str
    agreed_by: str
    agreed_at: datetime
    summary: str
    sha256: str
    fingerprint: str


@dataclass(frozen=True)
class PrintedRecord:
    entries: list[PrintedEntry]
    cut: bool


def printed(
    client: Client, *, q: str = "", kind: str = "", entry: int | None = None
) -> PrintedRecord:
    """The entries to print, newest first: at most MAX_ENTRIES, in one query (and one more
    for any summary whose first READ_SUMMARY characters cannot tell how it prints)."""
    rows = list(
        queries_agreements.record_of(client, q=q, kind=kind, entry=entry)
        .defer("summary")
        .annotate(head=Substr("summary", 1, READ_SUMMARY))[: MAX_ENTRIES + 1]
    )
    shown = rows[:MAX_ENTRIES]
    summaries = {row.pk: printed_summary(row.head) for row in shown}
    if unclear := [pk for pk, summary in summaries.items() if summary is None]:
        whole = Agreement.objects.filter(pk__in=unclear).values_list("pk", "summary")
        summaries.update((pk, _bounded(summary)) for pk, summary in whole)
    entries = [
        PrintedEntry(
            kind=LABELS.get(row.kind, row.kind),
            title=row.title,
            agreed_by=(row.agreed_by.name or row.agreed_by.email) if row.agreed_by else "",
            agreed_at=row.agreed_at,
            summary=summaries[row.pk] or "",
            sha256=row.sha256,
            fingerprint=short_fingerprint(row.sha256),
        )
        for row in shown
    ]
    return PrintedRecord(entries=entries, cut=len(rows) > MAX_ENTRIES)


def printed_summary(head: str) -> str | None:
    """A summary as printed, from its first READ_SUMMARY characters (`head`); None when they
    cannot tell: stripped, they fit, but the summary may go on past them."""
    if len(head) >= READ_SUMMARY and len(head.strip()) <= PRINTED_SUMMARY:
        return None
    # Whole, or longer than printed once stripped: then its start is all that is printed.
    return _bounded(head)


def _bounded(summary: str) -> str:
    return bounded(summary, limit=PRINTED_SUMMARY, rest=REST)


def pdf_source(client: Client, record: PrintedRecord, *, q: str = "", kind: str = "") -> str:
    """The HTML the PDF is made from (the print stylesheet is added by `intake.pdf`)."""
    context: dict[str, Any] = {
        "agency_name": settings.AGENCY_NAME,
        "client": client,
        "record": record,
        "q": q,
        "kind": LABELS.get(kind, ""),
        "max_entries": MAX_ENTRIES,
        # The time of printing is written in by the worker: the source (and its SHA-256, which
        # names the PDF) stays the same until the record or the filters change.
        "printed_mark": intake_pdf.PRINTED_MARK,
    }
    return render_to_string(TEMPLATE, context)


def served(made: AgreementsPdf) -> FileResponse:
    """A PDF the worker made (`services.agreements_pdf`), as a download named after the client;
    access is the caller's."""
    return downloads.stored_file(
        made.file, filename=filename(made.client), content_type="application/pdf"
    )


def filename(client: Client) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in client.name.lower()).strip("-")
    return f"{safe or 'client'}-what-was-agreed.pdf"
