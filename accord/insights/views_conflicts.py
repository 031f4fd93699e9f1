"""Conflicting feedback pages, for the agency only: a client's conflicts, an account manager's
across their clients, one conflict with both sides, and settling it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accord.core.links import url_pattern
from accord.core.pages import show_errors_in_form
from accord.core.pagination import paginate
from accord.insights import access_conflicts as access
from accord.insights import queries_conflicts as queries
from accord.insights.forms_conflicts import SettleForm
from accord.insights.models import FeedbackConflict
from accord.insights.services import conflicts as services
from accord.intake.views.common import me

PER_PAGE = 25


def decorate(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row's links, written here rather than by a reverse() per row."""
    detail = url_pattern("insights:conflict", "conflict_id")
    review = url_pattern("reviews:deliverable", "deliverable_id")
    for row in rows:
        row["url"] = detail.format(row["pk"])
        row["review_url"] = queries.review_url(
            row["deliverable_id"], row["version_id"], "", page=review
        )
        row["is_open"] = row["status"] == FeedbackConflict.Status.OPEN
    return rows


def _list(request: HttpRequest, conflicts: QuerySet[FeedbackConflict], client: Any) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in queries.STATUSES:
        status = ""
    page = paginate(request, queries.rows(queries.with_status(conflicts, status)), PER_PAGE)
    context = {
        "page": page,
        "rows": decorate(list(page.object_list)),
        "client": client,
        "status": status,
        "open_count": conflicts.filter(status=FeedbackConflict.Status.OPEN).count(),
    }
    return render(request, "insights/conflicts/list.html", context)


@login_required
@require_GET
def client_conflicts(request: HttpRequest, client_id: int) -> HttpResponse:
    """A client's conflicting feedback, the open ones first."""
    user = me(request)
    client = access.client_for(user, client_id)
    return _list(request, queries.visible_to(user).filter(client=client), client)


@login_required
@require_GET
def my_conflicts(request: HttpRequest) -> HttpResponse:
    """The conflicting feedback of every client the person runs (admins: every client)."""
    user = me(request)
    if not access.may_read(user):
        raise Http404("No such page.")
    return _list(request, queries.visible_to(user), None)


def _detail(
    request: HttpRequest, conflict: FeedbackConflict, form: SettleForm, status: int = 200
) -> HttpResponse:
    context = {
        "conflict": conflict,
        "sides": queries.sides(conflict),
        "form": form,
        "review_url": queries.review_url(conflict.deliverable_id, conflict.version_id),
        "list_url": reverse("insights:conflicts", args=[conflict.client_id]),
    }
    return render(request, "insights/conflicts/detail.html", context, status=status)


@login_required
@require_GET
def conflict_detail(request: HttpRequest, conflict_id: int) -> HttpResponse:
    """One conflict: both sides as the reviewers said them, and what was agreed (or a form to
    say it)."""
    conflict = access.conflict_for(me(request), conflict_id)
    return _detail(request, conflict, SettleForm(initial={"revision": conflict.revision}))


@login_required
@require_POST
def conflict_settle(request: HttpRequest, conflict_id: int) -> HttpResponse:
    """Record what was agreed with the client; back to the review page or the conflict."""
    user = me(request)
    conflict = access.conflict_for(user, conflict_id)
    form = SettleForm(request.POST)
    # A refusal shows the conflict as it is now (settled meanwhile?) with what was typed.
    show_errors_in_form(
        request,
        form,
        lambda status: _detail(request, access.conflict_for(user, conflict_id), form, status),
    )
    if not form.is_valid():
        return _detail(request, conflict, form, status=422)
    services.settle(
        by=user,
        conflict=conflict,
        resolution=form.cleaned_data["resolution"],
        revision=form.cleaned_data["revision"],
    )
    messages.success(request, f"Settled: {conflict.summary}")
    if form.cleaned_data["back"] == "deliverable":
        # Settled on the review page: on to the to-dos, now that they can be written.
        return redirect(queries.review_url(conflict.deliverable_id, conflict.version_id, "todos"))
    return redirect(reverse("insights:conflict", args=[conflict.pk]))
