"""The notifications list (the bell): a person's own notifications, newest first."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from accord.core import notify
from accord.core.models import Notification
from accord.core.pagination import paginate

PER_PAGE = 25


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, notify.of(request.user), PER_PAGE),
        "notification_links": _links(),
    }
    return render(request, "core/notifications.html", context)


def _links() -> str:
    # Each row's links are this prefix, its id and a suffix: no reverse() per row.
    return reverse("notifications:list")


def _own(request: HttpRequest, notification_id: int) -> Notification:
    return get_object_or_404(Notification, pk=notification_id, user=request.user)


@login_required
@require_GET
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Follow a notification to where acting on it starts; it is read from then on."""
    notification = _own(request, notification_id)
    notify.mark_read(user=request.user, ids=[notification.pk])
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read (htmx swaps its row in place)."""
    notification = _own(request, notification_id)
    notify.mark_read(user=request.user, ids=[notification.pk])
    if getattr(request, "htmx", False):
        notification.refresh_from_db(fields=["read_at"])
        context = {"notification": notification, "notification_links": _links()}
        return render(request, "core/_notification.html", context)
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notify.mark_read(user=request.user)
    return redirect("notifications:list")
