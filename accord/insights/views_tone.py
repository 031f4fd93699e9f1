"""The live tone check beside what the agency writes to a client: an htmx partial, asked for as
the person types (debounced), never in the way of sending. Findings can be dismissed."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accord.core import policy
from accord.core.http import int_param
from accord.core.pagination import paginate
from accord.insights import queries_tone, tone
from accord.insights.services import tone_records
from accord.insights.tone_context import WHERE, context_for

MAX_DISMISSED = 50
# The kinds found in a draft travel with the form, signed by the check (a writer cannot make up
# what the check found); a day is longer than any draft takes.
SEEN_SALT = "accord.insights.tone.seen"
SEEN_MAX_AGE = 24 * 3600
MAX_KEY = 200
# Which field of the posted form holds the text (the box names it).
FIELDS = ("body", "text", "reason", "note", "question")


def may_check(user: Any) -> bool:
    return policy.is_staff_member(user)


def dismissed_keys(values: list[str], extra: str = "") -> frozenset[str]:
    keys = [v[:MAX_KEY] for v in values[:MAX_DISMISSED] if v]
    if extra:
        keys.append(extra[:MAX_KEY])
    return frozenset(keys)


# A rewrite that is a mark alone reads as words: "Try a full stop instead.", never "Try “.”.".
MARKS = {
    ".": "a full stop",
    "?": "one question mark",
    "!": "one exclamation mark",
    ",": "a comma",
}


def suggestion(rewrite: str, phrase: str = "") -> str:
    """What the box suggests in place of a finding's phrase, as a sentence."""
    if not rewrite.strip():
        return "Try leaving it out."
    if rewrite.strip() in MARKS:
        return f"Try {MARKS[rewrite.strip()]} instead."
    if rewrite.strip() == phrase.strip():  # nothing safe to change by itself: it holds facts
        return "Try saying this more gently, in your own words."
    return f"Try “{rewrite}”."


def report_context(report: tone.ToneReport, text: str) -> dict[str, Any]:
    """The report as the partial shows it: each finding with its phrase, its label and what to
    try instead."""
    findings = [
        {
            "kind": tone.KINDS.get(f.kind, f.kind),
            "phrase": text[f.start : f.end],
            "why": f.why,
            "rewrite": f.rewrite,
            "suggestion": suggestion(f.rewrite or "", text[f.start : f.end]),
            "key": f.key,
        }
        for f in report.findings
    ]
    return {"report": report, "findings": findings}


@require_POST
@login_required
def check(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not may_check(user):
        raise PermissionDenied("The tone check is for the agency's people.")
    field = request.POST.get("field", "body")
    field = field if field in FIELDS else "body"
    text = request.POST.get(field, "")
    where = request.POST.get("where", "")
    context = context_for(user, where, int_param(request.POST.get("subject")))
    dismissed = dismissed_keys(
        request.POST.getlist("tone_dismissed"), request.POST.get("dismiss", "")
    )
    report = tone.assess(text, context, dismissed=dismissed)
    seen = seen_kinds(request.POST.get("tone_seen", "")) | {f.kind for f in report.findings}
    return render(
        request,
        "insights/tone/_findings.html",
        {
            **report_context(report, text),
            "dismissed": sorted(dismissed),
            "seen": signing.dumps(sorted(seen), salt=SEEN_SALT),
        },
    )


def seen_kinds(signed: str) -> set[str]:
    """The kinds the check found in this draft so far, as it signed them (forged or stale: none)."""
    try:
        kinds = signing.loads(signed[:2_000], salt=SEEN_SALT, max_age=SEEN_MAX_AGE)
    except signing.BadSignature:
        return set()
    return {k for k in kinds if k in tone.KINDS} if isinstance(kinds, list) else set()


def assist(request: HttpRequest, field: Any, where: str, subject: Any) -> str:
    """The tone box beside a text box where the agency writes to a client (core.compose)."""
    if where not in WHERE or not may_check(request.user):
        return ""
    return render_to_string(
        "insights/tone/_box.html",
        {
            "url": reverse("insights:tone_check"),
            "field_id": field.id_for_label,
            "field_name": field.html_name,
            "where": where,
            "subject": getattr(subject, "pk", subject) or "",
        },
        request=request,
    )


def _sent_as(where: str, subject: Any) -> tuple[str, int, int, str, int | None] | None:
    """What was sent, for the record: its type, id, client, and what its context is about;
    None for what did not go to a client."""
    if where in ("message", "reply"):
        if subject.thread.audience != "client":
            return None
        return "message", subject.pk, subject.thread.client_id, "message", subject.thread_id
    if where == "new_thread":
        if subject.audience != "client":
            return None
        return "thread", subject.pk, subject.client_id, "message", subject.pk
    if where == "question":
        return "question", subject.pk, subject.brief.client_id, "question", subject.brief_id
    if where == "decline":
        return "request", subject.pk, subject.client_id, "decline", None
    if where == "comment":
        if subject.audience != "client":
            return None
        return "comment", subject.pk, subject.client_id, "comment", subject.deliverable_id
    return None


def on_sent(request: HttpRequest, where: str, subject: Any, text: str) -> None:
    """Keep what the tone check said, when its box ran beside what was just sent."""
    if not may_check(request.user) or not request.POST.get("tone_checked"):
        return
    sent_as = _sent_as(where, subject)
    if sent_as is None:
        return
    subject_type, subject_id, client_id, about_where, about = sent_as
    tone_records.record(
        by=request.user,
        client_id=client_id,
        subject_type=subject_type,
        subject_id=subject_id,
        text=text,
        draft_kinds=sorted(seen_kinds(request.POST.get("tone_seen", ""))),
        dismissed=request.POST.getlist("tone_dismissed"),
        where=about_where,
        about=about,
    )


PER_PAGE = 50
WHAT = {
    "message": "Message",
    "thread": "New conversation",
    "question": "Question on a brief",
    "request": "Request declined or parked",
    "comment": "Review comment",
}


@require_GET
@login_required
def records(request: HttpRequest) -> HttpResponse:
    """What the tone check caught in what was sent to clients: yours (everyone's for an admin),
    newest first, with how many drafts were rewritten before sending."""
    user = request.user
    if not may_check(user) or policy.is_creative(user):
        raise PermissionDenied("The tone check's record is for account managers.")
    rows = queries_tone.records_for(user)
    page = paginate(request, rows, PER_PAGE)
    items = list(page.object_list)
    for row in items:
        row["what"] = WHAT.get(row["subject_type"], row["subject_type"])
        row["draft"] = [tone.KINDS.get(k, k) for k in row["draft_kinds"]]
        row["sent"] = [tone.KINDS.get(k, k) for k in row["sent_kinds"]]
    context = {"page": page, "items": items, "summary": queries_tone.summary(rows)}
    return render(request, "insights/tone/records.html", context)
