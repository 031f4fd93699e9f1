"""The notifications list (the bell): a person's own notifications, newest first; their
notification settings; and the one-click unsubscribe page an email links to."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.core import notification_kinds as kinds
from accord.core import notification_settings as choices
from accord.core import notify
from accord.core.errors import DomainError
from accord.core.forms_notifications import NotificationSettingsForm
from accord.core.models import Notification
from accord.core.pages import show_errors_in_form, show_errors_on
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


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    """How the person gets each kind of notification by email (the list always has them)."""
    declared = kinds.for_audience(choices.audience_of(request.user))
    current = choices.choices_of(request.user)
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None, kinds=declared, current=current
    )

    def page(status: int = 200) -> HttpResponse:
        context = {"form": form, "digest_hour": settings.DIGEST_HOUR, "zone": settings.TIME_ZONE}
        return render(request, "core/notification_settings.html", context, status=status)

    if request.method == "GET":
        return page()
    if not form.is_valid():
        return page(422)
    show_errors_in_form(request, form, page)
    choices.choose(user=request.user, choices=form.cleaned_data)
    messages.success(request, "Your notification settings are saved.")
    return redirect("notifications:settings")


# The signed token is the credential (RFC 8058): a mail client posts with no session and no
# CSRF token, and a forged post would need the token, which only the person's email carries.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: ask to confirm turning one kind (or the digests) off; POST: turn it off. Works
    without signing in; a link that was changed is refused (400) with what to do instead."""
    show_errors_on(request, lambda error: _unsubscribe_page(request, {"problem": error}, 400))
    user_id, kind = choices.read_unsubscribe_token(token)
    person = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if person is None:
        raise choices.BadUnsubscribeLink("This unsubscribe link is for an account that is closed.")
    context: dict[str, Any] = {"person": person, "all_digests": kind == choices.ALL_DIGESTS}
    if request.method == "GET":
        context["kinds"] = choices.unsubscribing_from(person, kind)
        return _unsubscribe_page(request, context)
    context["kinds"] = choices.unsubscribe(user=person, kind=kind)
    context["done"] = True
    return _unsubscribe_page(request, context)


def _unsubscribe_page(
    request: HttpRequest, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    problem = context.get("problem")
    if isinstance(problem, DomainError):
        context["problem"] = problem.message
    return render(request, "core/unsubscribe.html", context, status=status)
