"""The admin's page for erasing a person's personal data (a GDPR request)."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accord.accounts import access, erasure
from accord.accounts.models import User
from accord.core.errors import DomainError


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    """GET: what erasing this person does; POST: do it (agency admins only)."""
    person = access.person_to_erase(request.user, person_id)
    placeholder = erasure.placeholder_for(person)
    context = {"person": person, "placeholder": placeholder, "erased": erasure.is_erased(person)}
    if request.method == "POST":
        try:
            erasure.erase_person(person=person, by=cast(User, request.user))
        except DomainError as error:
            context["error"] = error.message
            return render(request, "accounts/erase_person.html", context, status=409)
        messages.success(
            request,
            f"Their personal data is erased: they now appear as “{placeholder.name}”.",
        )
        return redirect("accounts:team")
    return render(request, "accounts/erase_person.html", context)
