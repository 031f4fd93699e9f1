"""Guest reviewers: the AM invites and revokes them; a guest opens their link, confirms their
email with a one-time code, then reviews the one deliverable (as a client contact would)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accord.core.errors import DomainError
from accord.core.http import int_param
from accord.core.pages import show_errors_on
from accord.intake.views.common import me
from accord.reviews import access, page
from accord.reviews.forms import CommentForm, DecisionForm, GuestCodeForm, GuestForm
from accord.reviews.models import Guest
from accord.reviews.services import comments, guests, rounds
from accord.reviews.views import (
    comment_form_for,
    render_page,
    serve_page_image,
    serve_version_file,
    threads_for,
)

SESSION_KEY = "review_guests"


# --- The account manager's side ---------------------------------------------------------------


@login_required
@require_POST
def guest_invite(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    user = me(request)
    deliverable = access.deliverable_for(user, deliverable_id, "manage")
    form = GuestForm(request.POST)

    def again(error: DomainError) -> HttpResponse:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return render_page(request, deliverable_id, status=error.status, forms={"guest_form": form})

    show_errors_on(request, again)
    if not form.is_valid():
        return render_page(request, deliverable_id, status=422, forms={"guest_form": form})
    guest, _ = guests.invite_guest(by=user, deliverable=deliverable, **form.cleaned_data)
    messages.success(request, f"{guest.email} is invited: their link is on its way by email.")
    return redirect(reverse("reviews:deliverable", args=[deliverable_id]) + "#guests")


@login_required
@require_POST
def guest_revoke(request: HttpRequest, guest_id: int) -> HttpResponse:
    user = me(request)
    guest = access.guest_for(user, guest_id)
    guests.revoke_guest(by=user, guest=guest)
    messages.success(request, f"{guest.email}'s link no longer works.")
    return redirect(reverse("reviews:deliverable", args=[guest.deliverable_id]) + "#guests")


# --- The guest's side ---------------------------------------------------------------------------


def _guest(request: HttpRequest, token: str, *, verified: bool = True) -> Guest:
    """The guest whose link this is (404 unknown, 410 expired or revoked), confirmed in this
    browser when `verified` (else 404: the code page is the way in)."""
    guest = guests.guest_by_token(token)
    if guest is None:
        raise Http404("No such review link.")
    guests.ensure_live(guest)
    if verified and not _confirmed_here(request, guest):
        raise Http404("Confirm your email first.")
    guest.deliverable.managing = False
    return guest


def _confirmed_here(request: HttpRequest, guest: Guest) -> bool:
    return guest.verified_at is not None and guest.pk in request.session.get(SESSION_KEY, [])


def _page(
    request: HttpRequest,
    guest: Guest,
    token: str,
    *,
    status: int = 200,
    version_id: int | None = None,
    **forms: object,
) -> HttpResponse:
    review = page.build(
        request.user,
        guest.deliverable,
        version_id or int_param(request.GET.get("version")),
        guest=guest,
        token=token,
    )
    comment_form, replying_to = comment_form_for(request, review, forms.get("comment_form"))
    return render(
        request,
        "reviews/deliverable.html",
        {
            "review": review,
            "deliverable": guest.deliverable,
            "job": guest.deliverable.job,
            "decision_form": forms.get("decision_form") or DecisionForm(),
            "comment_form": comment_form,
            "replying_to": replying_to,
            "threads_html": threads_for(request, review),
            "error": forms.get("error", ""),
        },
        status=status,
    )


@require_GET
def guest_page(request: HttpRequest, token: str) -> HttpResponse:
    """The guest's way in: the code step until they confirm their email, then the review."""
    guest = _guest(request, token, verified=False)
    if not _confirmed_here(request, guest):
        return render(
            request,
            "reviews/guest_code.html",
            {
                "guest": guest,
                "token": token,
                "form": GuestCodeForm(),
                "sent": bool(guest.code_sent_at),
            },
        )
    return _page(request, guest, token)


@require_POST
def guest_send_code(request: HttpRequest, token: str) -> HttpResponse:
    guest = _guest(request, token, verified=False)
    show_errors_on(
        request,
        lambda error: render(
            request,
            "reviews/guest_code.html",
            {
                "guest": guest,
                "token": token,
                "form": GuestCodeForm(),
                "sent": True,
                "error": error.message,
            },
            status=error.status,
        ),
    )
    guests.send_code(guest=guest)
    messages.success(request, f"A code is on its way to {guest.email}.")
    return redirect("reviews:guest", token=token)


@require_POST
def guest_verify(request: HttpRequest, token: str) -> HttpResponse:
    guest = _guest(request, token, verified=False)
    form = GuestCodeForm(request.POST)

    def again(error: DomainError) -> HttpResponse:
        form.add_error("code", error.message)
        return render(
            request,
            "reviews/guest_code.html",
            {"guest": guest, "token": token, "form": form, "sent": True},
            status=error.status,
        )

    show_errors_on(request, again)
    if not form.is_valid():
        return render(
            request,
            "reviews/guest_code.html",
            {"guest": guest, "token": token, "form": form, "sent": True},
            status=422,
        )
    guests.verify_code(guest=guest, code=form.cleaned_data["code"])
    request.session.cycle_key()  # a new session for a newly confirmed person
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), guest.pk][-20:]
    return redirect("reviews:guest", token=token)


@require_GET
def guest_file(request: HttpRequest, token: str, version_id: int) -> HttpResponseBase:
    guest = _guest(request, token)
    return serve_version_file(request, access.guest_version_for(guest, version_id))


@require_GET
def guest_page_image(
    request: HttpRequest, token: str, version_id: int, number: int
) -> HttpResponseBase:
    guest = _guest(request, token)
    return serve_page_image(request, access.guest_page_for(guest, version_id, number))


@require_GET
def guest_viewer(request: HttpRequest, token: str, version_id: int) -> HttpResponse:
    guest = _guest(request, token)
    version = access.guest_version_for(guest, version_id)
    review = page.build(request.user, guest.deliverable, version.pk, guest=guest, token=token)
    return render(request, "reviews/_viewer.html", {"review": review})


@require_POST
def guest_comment(request: HttpRequest, token: str, version_id: int) -> HttpResponse:
    guest = _guest(request, token)
    version = access.guest_version_for(guest, version_id)
    form = CommentForm(request.POST)

    def again(error: DomainError) -> HttpResponse:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _page(
            request, guest, token, status=error.status, version_id=version_id, comment_form=form
        )

    show_errors_on(request, again)
    if not form.is_valid():
        return _page(request, guest, token, status=422, version_id=version_id, comment_form=form)
    data = form.cleaned_data
    parent = (
        access.guest_comment_for(guest, data["parent"], version=version) if data["parent"] else None
    )
    comment = comments.add_comment(
        by=guest,
        version=version,
        body=data["body"],
        anchor=form.anchor_fields(),
        parent=parent,
    )
    url = reverse("reviews:guest", kwargs={"token": token})
    return redirect(f"{url}?version={version_id}#comment-{comment.parent_id or comment.pk}")


@require_POST
def guest_decide(request: HttpRequest, token: str, round_id: int) -> HttpResponse:
    guest = _guest(request, token)
    found = access.guest_round_for(guest, round_id)
    form = DecisionForm(request.POST)

    def again(error: DomainError) -> HttpResponse:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _page(
            request,
            guest,
            token,
            status=error.status,
            version_id=found.version_id,
            decision_form=form,
        )

    show_errors_on(request, again)
    if not form.is_valid():
        return _page(
            request, guest, token, status=422, version_id=found.version_id, decision_form=form
        )
    decision = rounds.decide(by=guest, round=found, **form.cleaned_data)
    messages.success(
        request, f"Your decision is recorded: {decision.get_verdict_display().lower()}."
    )
    url = reverse("reviews:guest", kwargs={"token": token})
    return redirect(f"{url}?version={found.version_id}")
