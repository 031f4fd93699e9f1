"""The review page of a deliverable: its versions, rounds, comments and to-dos."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.reviews import access


@login_required
def deliverable_page(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    deliverable = access.deliverable_for(request.user, deliverable_id)
    return render(request, "reviews/deliverable.html", {"deliverable": deliverable})
