"""Reads of what was agreed: a client's record, newest first, and its meeting notes in progress.
The client comes from `access_agreements`, so these never widen what a person sees."""

from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, When
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from accord.clients.models import Client
from accord.conversations import markdown
from accord.insights.models import Agreement, MeetingNote
from accord.reviews.models import Version

KINDS = dict(Agreement.Kind.choices)
EXCERPT = 200  # characters of an entry shown before "Show all"
MAX_WORDS = 8
S = MeetingNote.Status


def record_of(
    client: Client, *, q: str = "", kind: str = "", entry: int | None = None
) -> QuerySet[Agreement]:
    """The client's record, newest first: each word of `q` in the title or what was agreed,
    one `kind`, or one `entry`; with who agreed and (for approvals) the deliverable, in the
    same query."""
    rows = Agreement.objects.filter(client=client)
    if kind in KINDS:
        rows = rows.filter(kind=kind)
    if entry:
        rows = rows.filter(pk=entry)
    for word in q.split()[:MAX_WORDS]:
        rows = rows.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    deliverable = Version.objects.filter(pk=OuterRef("source_id")).values("deliverable_id")[:1]
    return (
        rows.select_related("agreed_by")
        .annotate(
            deliverable_id=Case(
                When(source_type="version", then=Subquery(deliverable)),
                default=None,
                output_field=IntegerField(),
            )
        )
        .order_by("-agreed_at", "-pk")
    )


def with_sources(rows: list[Agreement], urls: dict[str, str]) -> list[Agreement]:
    """Each entry with where its source is (`source_url`), from the URL patterns given."""
    for row in rows:
        row.source_url = _source_url(row, urls)  # type: ignore[attr-defined]
    return rows


def shown(rows: list[Agreement]) -> list[Agreement]:
    """Each entry as a page shows it: confirmed notes rendered from their Markdown, sanitised,
    as the client read them; the others as written (`summary_html`), and a plain excerpt."""
    for row in rows:
        if row.kind == Agreement.Kind.MEETING_NOTE:
            rendered = markdown.render(row.summary)
            html, text = rendered.html, rendered.text
        else:
            html, text = linebreaks(row.summary, autoescape=True), row.summary
        # Sanitised by nh3 (notes) or escaped by linebreaks (the others).
        row.summary_html = mark_safe(html)  # type: ignore[attr-defined]  # noqa: S308
        row.excerpt = Truncator(" ".join(text.split())).chars(EXCERPT)  # type: ignore[attr-defined]
    return rows


def _source_url(row: Any, urls: dict[str, str]) -> str:
    if row.source_type == "brief":
        return urls["brief"].format(row.source_id)
    if row.source_type == "meeting_note":
        return urls["meeting_note"].format(row.source_id)
    if row.source_type == "version" and getattr(row, "deliverable_id", None):
        return urls["deliverable"].format(row.deliverable_id) + f"?version={row.source_id}"
    return ""


def notes_in_progress(client: Client) -> QuerySet[MeetingNote]:
    """Notes waiting for the client, and corrected notes not yet revised: oldest first, as
    they wait."""
    revised = MeetingNote.objects.filter(replaces=OuterRef("pk"))
    return (
        MeetingNote.objects.filter(client=client, status__in=(S.AWAITING, S.CORRECTED))
        .exclude(Exists(revised))
        .select_related("recorded_by", "answered_by")
        .defer("body", "correction")
        .order_by("recorded_at", "pk")
    )


def revisions_of(note: MeetingNote) -> dict[str, MeetingNote | None]:
    """The notes `note` replaced and those that replaced it (one query each at most)."""
    earlier = (
        MeetingNote.objects.filter(pk=note.replaces_id).only("title", "revision", "status").first()
        if note.replaces_id
        else None
    )
    later = MeetingNote.objects.filter(replaces=note).only("title", "revision", "status").first()
    return {"replaces": earlier, "replaced_by": later}


def agreement_of(note: MeetingNote) -> Agreement | None:
    if note.status != S.CONFIRMED:
        return None
    return (
        Agreement.objects.filter(
            kind=Agreement.Kind.MEETING_NOTE, source_type="meeting_note", source_id=note.pk
        )
        .only("pk", "client_id", "sha256", "agreed_at")
        .first()
    )
