"""Sign-off of exactly one version, and comparing any two versions of a brief."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accord.core.errors import DomainError
from accord.core.forms import attach_error
from accord.core.http import int_param
from accord.core.pages import show_errors_on
from accord.core.pagination import paginate
from accord.intake import access, approvers, services
from accord.intake.forms import RequestChangesForm, SignOffForm
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
    changes_form: RequestChangesForm | None = None,
    note: str = "",
    status: int = 200,
) -> HttpResponse:
    """What is up for sign-off, with the two answers the reader may give: sign off (approvers)
    or request changes (approvers and reviewers)."""
    version = brief.proposed_version
    if stale is not None:
        stale = approvers.named_stale(stale, brief.questions)
    context: dict[str, Any] = {
        "brief": brief,
        "version": version,
        "stale": stale,
        "error": error,
        "may_sign": access.may_brief(me(request), brief, "sign_off"),
    }
    if version is not None and brief.status == Brief.Status.PROPOSED:
        context["sections"] = _version_sections(version)
        context["form"] = SignOffForm(
            initial={"version_number": version.number, "sha256": version.sha256}
        )
        context["changes_form"] = changes_form or RequestChangesForm(
            initial={"version_number": version.number, "note": note}
        )
    return render(request, "intake/sign_off.html", context, status=status)


def _refused(request: HttpRequest, brief_id: int, error: DomainError) -> HttpResponse:
    """The sign-off page as the brief is now, with what changed since it was read, or why not."""
    brief = access.brief_for(me(request), brief_id, "request_changes")
    if isinstance(error, StaleBrief):
        return _sign_off_page(request, brief, stale=error, status=error.status)
    return _sign_off_page(request, brief, error=error.message, status=error.status)


@login_required
@require_http_methods(["GET", "POST"])
def brief_sign_off(request: HttpRequest, brief_id: int) -> HttpResponse:
    """GET: exactly what the approver signs. POST: the sign-off of that version."""
    user = me(request)
    action: access.BriefAction = "sign_off" if request.method == "POST" else "request_changes"
    brief = access.brief_for(user, brief_id, action)
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


@login_required
@require_POST
def brief_request_changes(request: HttpRequest, brief_id: int) -> HttpResponse:
    """Instead of signing off: send the proposed version back with a note of what to change."""
    user = me(request)
    brief = access.brief_for(user, brief_id, "request_changes")
    form = RequestChangesForm(request.POST)
    if not form.is_valid():
        # The note's box is far down the page: the browser takes the reader to it.
        form.fields["note"].widget.attrs["autofocus"] = True
        return _sign_off_page(request, brief, changes_form=form, status=422)
    show_errors_on(request, lambda error: _changes_refused(request, brief_id, form, error))
    services.request_changes(
        by=user,
        brief=brief,
        version_number=form.cleaned_data["version_number"],
        note=form.cleaned_data["note"],
    )
    messages.success(
        request,
        f"Your note is sent to {brief.client.account_manager.name}; "
        "the brief comes back to you for sign-off once it is changed.",
    )
    return redirect(brief.get_absolute_url())


def _changes_refused(
    request: HttpRequest, brief_id: int, form: RequestChangesForm, error: DomainError
) -> HttpResponse:
    """A stale page shows what changed, with the note kept; any other refusal by its field."""
    brief = access.brief_for(me(request), brief_id, "request_changes")
    if isinstance(error, StaleBrief):
        # The note is kept, on a form for the version now up for sign-off.
        note = form.cleaned_data["note"]
        return _sign_off_page(request, brief, stale=error, note=note, status=error.status)
    attach_error(form, error)
    return _sign_off_page(request, brief, changes_form=form, status=error.status)


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
