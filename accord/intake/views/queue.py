"""The account manager's intake queue: what needs them across their clients, oldest first."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.intake import access, queries
from accord.intake.views.common import me


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = me(request)
    access.require_intake_manager(user)
    return render(request, "intake/queue.html", {"queue": queries.intake_queue(user)})
