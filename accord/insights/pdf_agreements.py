"""A client's record of what was agreed on paper: the entries the page shows (same search and
kind), laid out by WeasyPrint offline (`intake.pdf`: Accord's own print stylesheet, no outside
resources), each with its full SHA-256.

Bounded whatever the record's size: at most MAX_ENTRIES entries (the PDF says when it stops
there and how to narrow it), each printed up to PRINTED_SUMMARY characters (the rest stays in
Accord, identified by the same SHA-256), read in one query."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from accord.clients.models import Client
from accord.insights import queries_agreements
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
        "printed_mark": intake_pdf.PRINTED_MARK,
        "now": timezone.now(),
    }
    return render_to_string(TEMPLATE, context)


def record_pdf(client: Client, *, q: str = "", kind: str = "", entry: int | None = None) -> bytes:
    """The record as a PDF (A4, page numbers), made without network access; `PdfUnavailable`
    (503) when the server lacks WeasyPrint's libraries."""
    record = printed(client, q=q, kind=kind, entry=entry)
    return intake_pdf.pdf_from_source(pdf_source(client, record, q=q, kind=kind))


def filename(client: Client) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in client.name.lower()).strip("-")
    return f"{safe or 'client'}-what-was-agreed.pdf"
