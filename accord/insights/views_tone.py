"""The live tone check beside what the agency writes to a client: an htmx partial, asked for as
the person types (debounced), never in the way of sending. Findings can be dismissed."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.core import policy
from accord.core.http import int_param
from accord.insights import tone
from accord.insights.tone_context import WHERE, context_for

MAX_DISMISSED = 50
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


def report_context(report: tone.ToneReport, text: str) -> dict[str, Any]:
    """The report as the partial shows it: each finding with its phrase and its label."""
    findings = [
        {
            "kind": tone.KINDS.get(f.kind, f.kind),
            "phrase": text[f.start : f.end],
            "why": f.why,
            "rewrite": f.rewrite,
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
    return render(
        request,
        "insights/tone/_findings.html",
        {**report_context(report, text), "dismissed": sorted(dismissed)},
    )


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
