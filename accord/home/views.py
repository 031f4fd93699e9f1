"""Each person's home page: their clients, their work, or their portal."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accord.accounts.models import User
from accord.clients import queries as clients
from accord.core import policy
from accord.core.links import url_pattern
from accord.core.pagination import paginate
from accord.home import today as today_list
from accord.intake import access as intake_access
from accord.intake import queries as intake
from accord.reviews.views_queue import waiting_rows
from accord.work import queries as work

JOBS_SHOWN = 10


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if policy.is_contact(user):
        mine = clients.with_my_contact_role(clients.visible_to(user), user)
        page = paginate(request, mine.select_related("account_manager").order_by("name"))
        context = {
            "page": page,
            "awaiting": intake.briefs_awaiting(user),
            "jobs": list(
                work.visible_to(user)
                .select_related("client")
                .only("title", "status", "due_on", "created_at", "client__name")
                .order_by("-created_at")[:JOBS_SHOWN]
            ),
            "can_file": any(c.my_contact_role in intake_access.CONTRIBUTORS for c in page),
        }
        agreed = url_pattern("insights:agreed", "client_id")
        for mine_client in page:
            mine_client.agreed_url = agreed.format(mine_client.pk)
        context["reviews"], context["more_reviews"] = waiting_rows(user)
        context["today"] = today_list.of(user)
        return render(request, "home/contact.html", context)
    if policy.is_creative(user):
        mine = clients.with_counts(clients.visible_to(user)).filter(status="active")
        context = {"page": paginate(request, mine), "today": today_list.of(user)}
        return render(request, "home/creative.html", context)
    managed = clients.visible_to(user)
    if policy.is_account_manager(user):
        managed = managed.filter(account_manager=user)
    managed = clients.with_counts(managed).filter(status="active").order_by("name")
    # Today holds the intake queue, the reviews waiting and the client messages as sections.
    context = {"page": paginate(request, managed), "today": today_list.of(user)}
    return render(request, "home/manager.html", context)


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    """The Today list alone, for the home page to refresh in place."""
    return render(request, "home/_today.html", {"today": today_list.of(cast(User, request.user))})
