"""A client's record of what was agreed on paper: the entries the page shows (same search and
kind), laid out by WeasyPrint offline (`intake.pdf`: Accord's own print stylesheet, no outside
resources), each with its full SHA-256. The worker makes the PDF from `pdf_source`'s HTML
(`services.agreements_pdf`); a request only reads the entries and writes that HTML.

Bounded whatever the record's size: at most MAX_ENTRIES entries (the PDF says when it stops
there and how to narrow it), each printed up to PRINTED_SUMMARY characters (the rest stays in
Accord, identified by the same SHA-256), read in one query."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import FileResponse
from django.template.loader import render_to_string

from accord.clients.models import Client
from accord.core import downloads
from accord.insights import queries_agreements
from accord.insights.models import AgreementsPdf
from accord.insights.services.agreements import bounded
from accord.intake import pdf as intake_pdf
from accord.intake.rules import short_fingerprint

MAX_ENTRIES = 200
PRINTED_SUMMARY = 2_000
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
    """The entries to print, newest first: at most MAX_ENTRIES, in one query."""
    rows = list(
        queries_agreements.record_of(client, q=q, kind=kind, entry=entry)[: MAX_ENTRIES + 1]
    )
    entries = [
        PrintedEntry(
            kind=LABELS.get(row.kind, row.kind),
            title=row.title,
            agreed_by=(row.agreed_by.name or row.agreed_by.email) if row.agreed_by else "",
            agreed_at=row.agreed_at,
            summary=bounded(
                row.summary,
                limit=PRINTED_SUMMARY,
                rest="the whole text is in Accord, under this entry's SHA-256",
            ),
            sha256=row.sha256,
            fingerprint=short_fingerprint(row.sha256),
        )
        for row in rows[:MAX_ENTRIES]
    ]
    return PrintedRecord(entries=entries, cut=len(rows) > MAX_ENTRIES)


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
