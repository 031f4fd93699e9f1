"""The account manager's intake queue: what needs them across their clients, oldest first."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.intake import access, queries
from accord.intake.views.common import me

# The page shows the oldest few of each section; "See all" opens the full, paginated list.
PAGE_QUEUE_SIZE = 10


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = me(request)
    access.require_intake_desk(user)
    sort = "deadline" if request.GET.get("sort") == "deadline" else "waiting"
    # New requests oldest first, or (`?requests=needed_by`) the soonest needed first.
    request_sort = "needed_by" if request.GET.get("requests") == "needed_by" else "oldest"
    found = queries.intake_queue(user, size=PAGE_QUEUE_SIZE, sort=sort, request_sort=request_sort)
    context = {"queue": found, "sort": sort, "request_sort": request_sort}
    return render(request, "intake/queue.html", context)
