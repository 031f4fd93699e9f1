"""Signing in and out, invitations, magic links, profiles, tokens and the team pages."""

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from accord.accounts import access, queries, services
from accord.accounts.forms import (
    ChangePasswordForm,
    MagicLinkRequestForm,
    NewPasswordForm,
    ProfileForm,
    SignInForm,
    StaffEditForm,
    StaffInviteForm,
    TeamFilterForm,
    TokenForm,
)
from accord.accounts.models import User
from accord.core import panels
from accord.core.errors import DomainError
from accord.core.http import client_ip
from accord.core.pages import show_errors_in_form, show_errors_on
from accord.core.pagination import paginate
from accord.core.policy import Kind


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _me(request: HttpRequest) -> User:
    return cast(User, request.user)


def _safe_next(request: HttpRequest, url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else reverse(settings.LOGIN_REDIRECT_URL)


def _locked_message() -> str:
    minutes = settings.LOGIN_FAILURE_WINDOW_MINUTES
    return f"Too many attempts. Try again in {minutes} minutes or reset your password."


# --- Signing in and out -------------------------------------------------------------------


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if request.method == "GET":
        if request.user.is_authenticated:
            return redirect(_safe_next(request, next_url))
        form = SignInForm(initial={"next": next_url})
        return render(request, "accounts/login.html", {"form": form})
    form = SignInForm(request.POST)
    # The form first: nothing typed reaches the database before it is checked (a NUL would be
    # a 500 on PostgreSQL), and a form error keeps what was typed.
    if not form.is_valid():
        return render(request, "accounts/login.html", {"form": form}, status=422)
    email, ip = form.cleaned_data["email"], client_ip(request)
    if services.sign_in_locked(email=email, ip=ip):
        # Locked: the password is not even checked.
        form = SignInForm(initial={"email": email, "next": next_url})
        context = {"form": form, "problem": _locked_message()}
        return render(request, "accounts/login.html", context, status=429)
    user = authenticate(request, username=email, password=form.cleaned_data["password"])
    if user is not None:
        services.clear_sign_in_failures(email=email)
        login(request, user)
        return redirect(_safe_next(request, next_url))
    services.record_sign_in_failure(email=email, ip=ip)
    if services.sign_in_locked(email=email, ip=ip):
        form.add_error(None, _locked_message())
        return render(request, "accounts/login.html", {"form": form}, status=429)
    form.add_error(None, "The email or password is incorrect. Check both and try again.")
    return render(request, "accounts/login.html", {"form": form}, status=422)


class _RefusedFormIs422:
    """Django's form views answer a refused form with 200; Accord's pages answer 422."""

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=422)  # type: ignore[attr-defined]


class PasswordResetView(_RefusedFormIs422, auth_views.PasswordResetView):
    pass


class PasswordResetConfirmView(_RefusedFormIs422, auth_views.PasswordResetConfirmView):
    pass


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(request, "accounts/logged_out.html")


# --- Invitations --------------------------------------------------------------------------


def _invited_user(uidb64: str, token: str) -> User | None:
    """The person a set-password link invites, or None. Only for someone with no password yet:
    a reset email's token is of the same kind, and a reset must go through its own page."""
    try:
        user_id = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return None
    if not default_token_generator.check_token(user, token):
        return None
    return user


@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    invited = _invited_user(uidb64, token)
    if invited is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = NewPasswordForm(invited, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = services.accept_invitation(
                user=invited, password=form.cleaned_data["new_password1"]
            )
            login(request, user)
            messages.success(request, f"Welcome to Accord, {user.first_name}.")
            return redirect("home:index")
        return render(
            request,
            "accounts/accept_invitation.html",
            {"form": form, "invited": invited},
            status=422,
        )
    return render(request, "accounts/accept_invitation.html", {"form": form, "invited": invited})


# --- Magic links for client contacts ------------------------------------------------------


@require_http_methods(["GET", "POST"])
def magic_link_request(request: HttpRequest) -> HttpResponse:
    form = MagicLinkRequestForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/magic_request.html", {"form": form}, status=422)
        # Past the limits nothing is sent, and the page says the same as ever.
        services.request_magic_link(email=form.cleaned_data["email"], ip=client_ip(request))
        return render(request, "accounts/magic_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/magic_request.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def magic_link(request: HttpRequest, token: str) -> HttpResponse:
    show_errors_on(request, lambda error: _ask_again(request, error))
    # GET only asks: mail scanners open links, and must not use them up.
    if request.method == "POST":
        user = services.consume_magic_link(plaintext=token)
    else:
        user = services.magic_link_user(plaintext=token)
    if request.method == "GET":
        return render(request, "accounts/magic_confirm.html", {"person": user})
    login(request, user)
    messages.success(request, f"Welcome back, {user.first_name}.")
    return redirect("home:index")


def _ask_again(request: HttpRequest, error: DomainError) -> HttpResponse:
    """A used, expired or unknown link: why, and the form to ask for a new one."""
    context = {"form": MagicLinkRequestForm(), "problem": error.message}
    return render(request, "accounts/magic_request.html", context, status=error.status)


# --- Profile, password and tokens ---------------------------------------------------------


def _profile(request: HttpRequest, **context: Any) -> dict[str, Any]:
    me = _me(request)
    context.setdefault("form", ProfileForm(initial={"name": me.name, "job_title": me.job_title}))
    context.setdefault("token_form", TokenForm())
    context["tokens"] = paginate(request, queries.tokens_of(me))
    return context


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "accounts/profile.html", _profile(request))
    form = ProfileForm(request.POST)
    show_errors_in_form(request, form, lambda status: _profile_page(request, form, status))
    if form.is_valid():
        services.update_profile(user=_me(request), **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return _profile_page(request, form, 422)


def _profile_page(request: HttpRequest, form: ProfileForm, status: int) -> HttpResponse:
    return render(request, "accounts/profile.html", _profile(request, form=form), status=status)


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = ChangePasswordForm(_me(request), request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            update_session_auth_hash(request, user)
            messages.success(request, "Your password is changed.")
            return redirect("accounts:profile")
        return render(request, "accounts/password_change.html", {"form": form}, status=422)
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        context = _profile(request, token_form=form)
        return render(request, "accounts/profile.html", context, status=422)
    token, plaintext = services.create_api_token(user=_me(request), name=form.cleaned_data["name"])
    # The plaintext exists only in this response: it is never stored, so it is shown once.
    context = _profile(request, new_token=token, new_token_plaintext=plaintext)
    response = render(request, "accounts/profile.html", context, status=201)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access.token_for(request.user, token_id)
    services.revoke_api_token(token=token, by=_me(request))
    messages.success(request, f"The token “{token.name}” is revoked. It no longer works.")
    return redirect("accounts:profile")


# --- Team ---------------------------------------------------------------------------------


@login_required
def team(request: HtmxHttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    filters = TeamFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    staff = queries.search_staff(
        queries.staff_visible_to(request.user),
        q=criteria.get("q", ""),
        role=criteria.get("role", ""),
        discipline=criteria.get("discipline", ""),
    )
    context = {"filters": filters, "page": paginate(request, staff)}
    if request.htmx:
        return render(request, "accounts/_team_table.html", context)
    return render(request, "accounts/team.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_invite(request: HttpRequest) -> HttpResponse:
    access.require_people_manager(request.user)
    form = StaffInviteForm(request.POST or None)
    show_errors_in_form(
        request,
        form,
        lambda status: render(request, "accounts/staff_invite.html", {"form": form}, status=status),
    )
    if request.method == "POST":
        if form.is_valid():
            member = services.invite_staff(by=_me(request), **form.cleaned_data)
            messages.success(request, f"{member.name} is invited. We emailed {member.email}.")
            return redirect("accounts:staff_detail", staff_id=member.pk)
        return render(request, "accounts/staff_invite.html", {"form": form}, status=422)
    return render(request, "accounts/staff_invite.html", {"form": form})


@login_required
def staff_detail(request: HttpRequest, staff_id: int) -> HttpResponse:
    access.require_staff(request.user)
    member = access.staff_member_for(request.user, staff_id, "view")
    context = {"member": member, "panels": panels.staff_panels(request, member)}
    return render(request, "accounts/staff_detail.html", context)


@login_required
@require_POST
def staff_resend_invitation(request: HttpRequest, staff_id: int) -> HttpResponse:
    access.require_staff(request.user)
    member = access.staff_member_for(request.user, staff_id, "edit")
    services.resend_invitation(by=_me(request), user=member)
    messages.success(request, f"We emailed {member.email} a new invitation link.")
    return redirect("accounts:staff_detail", staff_id=member.pk)


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, staff_id: int) -> HttpResponse:
    access.require_staff(request.user)
    member = access.staff_member_for(request.user, staff_id, "edit")
    if member.kind != Kind.STAFF:  # pragma: no cover - staff_member_for only finds staff
        return redirect("accounts:team")
    initial = {
        "name": member.name,
        "staff_role": member.staff_role,
        "disciplines": member.disciplines,
        "weekly_capacity_hours": member.weekly_capacity_hours,
        "job_title": member.job_title,
        "is_active": member.is_active,
    }
    form = StaffEditForm(request.POST or None, initial=initial)
    context = {"form": form, "member": member}
    show_errors_in_form(
        request,
        form,
        lambda status: render(request, "accounts/staff_edit.html", context, status=status),
    )
    if request.method == "POST":
        if form.is_valid():
            services.update_staff(by=_me(request), user=member, **form.cleaned_data)
            messages.success(request, f"{member.name}'s details are saved.")
            return redirect("accounts:staff_detail", staff_id=member.pk)
        return render(request, "accounts/staff_edit.html", context, status=422)
    return render(request, "accounts/staff_edit.html", context)
