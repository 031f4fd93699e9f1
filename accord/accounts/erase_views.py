"""The admin's page for erasing a person's personal data (a GDPR request)."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accord.accounts import access, erasure
from accord.accounts.models import User
from accord.core.errors import DomainError
from accord.core.pages import show_errors_on


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    """GET: what erasing this person does; POST: do it (agency admins only)."""
    person = access.person_to_erase(request.user, person_id)
    placeholder = erasure.placeholder_for(person)
    context: dict[str, Any] = {
        "person": person,
        "placeholder": placeholder,
        "erased": erasure.is_erased(person),
        **_back(request),
    }
    if request.method == "POST":
        show_errors_on(request, lambda error: _refused(request, context, error))
        erasure.erase_person(person=person, by=cast(User, request.user))
        messages.success(
            request,
            f"Their personal data is erased: they now appear as “{placeholder.name}”.",
        )
        return redirect(context["back"])
    return render(request, "accounts/erase_person.html", context)


def _refused(request: HttpRequest, context: dict[str, Any], error: DomainError) -> HttpResponse:
    context["error"] = error.message
    return render(request, "accounts/erase_person.html", context, status=error.status)


def _back(request: HttpRequest) -> dict[str, str]:
    """Where the admin came from (a client's contacts, say), if it is one of our pages; else
    the team. Cancel and the finished erasure lead back there."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return {"back": back, "back_label": "Back"}
    return {"back": reverse("accounts:team"), "back_label": "Team"}
