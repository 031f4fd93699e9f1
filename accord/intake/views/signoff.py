"""Sign-off of exactly one version, and comparing any two versions of a brief."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accord.core.errors import DomainError
from accord.core.http import int_param
from accord.core.pages import show_errors_on
from accord.core.pagination import paginate
from accord.intake import access, approvers, services
from accord.intake.forms import SignOffForm
from accord.intake.models import Brief, BriefVersion
from accord.intake.services.briefs import StaleBrief
from accord.intake.views.common import me, sections_of


def _version_sections(version: BriefVersion) -> list[Any]:
    return sections_of(version.questions, version.answers)


def _sign_off_page(
    request: HttpRequest,
    brief: Brief,
    *,
    stale: StaleBrief | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    version = brief.proposed_version
    if stale is not None:
        stale = approvers.named_stale(stale, brief.questions)
    context: dict[str, Any] = {"brief": brief, "version": version, "stale": stale, "error": error}
    if version is not None and brief.status == Brief.Status.PROPOSED:
        context["sections"] = _version_sections(version)
        context["form"] = SignOffForm(
            initial={"version_number": version.number, "sha256": version.sha256}
        )
    return render(request, "intake/sign_off.html", context, status=status)


def _refused(request: HttpRequest, brief_id: int, error: DomainError) -> HttpResponse:
    """The sign-off page as the brief is now, with what changed since it was read, or why not."""
    brief = access.brief_for(me(request), brief_id, "sign_off")
    if isinstance(error, StaleBrief):
        return _sign_off_page(request, brief, stale=error, status=error.status)
    return _sign_off_page(request, brief, error=error.message, status=error.status)


@login_required
@require_http_methods(["GET", "POST"])
def brief_sign_off(request: HttpRequest, brief_id: int) -> HttpResponse:
    """GET: exactly what the approver signs. POST: the sign-off of that version."""
    user = me(request)
    brief = access.brief_for(user, brief_id, "sign_off")
    if request.method == "GET":
        return _sign_off_page(request, brief)
    form = SignOffForm(request.POST)
    if not form.is_valid():
        return _sign_off_page(
            request, brief, error="The page was incomplete; please sign again.", status=422
        )
    show_errors_on(request, lambda error: _refused(request, brief_id, error))
    signed = services.sign_off(
        by=user,
        brief=brief,
        version_number=form.cleaned_data["version_number"],
        sha256=form.cleaned_data["sha256"],
    )
    messages.success(
        request,
        f"You signed off version {signed.version.number}. Thank you — the team can start.",
    )
    return redirect(brief.get_absolute_url())


HEAVY = ("questions", "answers", "changes")  # of a version: not needed to list it


@login_required
def brief_versions(request: HttpRequest, brief_id: int) -> HttpResponse:
    """Every version of the brief; any two compared field by field, word by word."""
    brief = access.brief_for(me(request), brief_id)
    numbers = list(brief.versions.order_by("-number").values_list("number", flat=True))
    # The list is paged and leaves out the heavy fields; only the two compared load in full.
    listed = brief.versions.select_related("created_by").defer(*HEAVY).order_by("-number")
    a, b = int_param(request.GET.get("a")), int_param(request.GET.get("b"))
    if a is None and b is None and len(numbers) >= 2:
        a, b = numbers[1], numbers[0]
    found = {v.number: v for v in brief.versions.filter(number__in=[a or 0, b or 0])}
    old, new = found.get(a or 0), found.get(b or 0)
    changes = None
    if old is not None and new is not None:
        changes = approvers.version_changes(old, new)
    context = {
        "brief": brief,
        "numbers": numbers,
        "page": paginate(request, listed),
        "old": old,
        "new": new,
        "changes": changes,
        "a": a,
        "b": b,
    }
    return render(request, "intake/brief_versions.html", context)
