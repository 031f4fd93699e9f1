"""Reviews waiting: for each person, the rounds waiting on their decision; for account managers,
also the client rounds waiting on their clients. Paginated, one query of plain rows a page."""

from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accord.core import policy
from accord.core.links import url_pattern
from accord.core.pagination import paginate
from accord.intake.views.common import me
from accord.reviews import queries

PER_PAGE = 50
TABS = ("mine", "clients")


def _since(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return ""
    days = (now - moment).days
    if days >= 1:
        return f"{days} day{'s' if days != 1 else ''}"
    hours = int((now - moment).total_seconds() // 3600)
    return f"{hours} h" if hours else "just now"


def decorate(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row's link, due words and wait, written here rather than by filters per row."""
    now = timezone.now()
    link = url_pattern("reviews:deliverable", "deliverable_id")
    for row in rows:
        row["url"] = link.format(row["deliverable_id"]) + f"#round-{row['pk']}"
        due = row["due_at"]
        row["overdue"] = bool(due and due < now)
        row["due"] = f"{timezone.localtime(due):%-d %b, %H:%M}" if due else ""
        row["waited"] = _since(row["waiting_since"], now)
    return rows


HOME_SHOWN = 5


def waiting_rows(user: Any, *, limit: int = HOME_SHOWN) -> tuple[list[dict[str, Any]], bool]:
    """The first rounds waiting on the person's decision (for their home page), and whether
    there are more."""
    rows = list(queries.rows(queries.waiting_on(user))[: limit + 1])
    return decorate(rows[:limit]), len(rows) > limit


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """ "Needs your review" for everyone; account managers also see their clients' rounds."""
    user = me(request)
    managing = policy.can_create_clients(user)
    tab = request.GET.get("tab", "mine")
    if tab not in TABS or (tab == "clients" and not managing):
        tab = "mine"
    rounds = queries.waiting_on(user) if tab == "mine" else queries.with_clients(user)
    page = paginate(request, queries.rows(rounds), per_page=PER_PAGE)
    return render(
        request,
        "reviews/queue.html",
        {
            "page": page,
            "rows": decorate(list(page.object_list)),
            "tab": tab,
            "managing": managing,
            "is_contact": policy.is_contact(user),
        },
    )
