"""Forms for signing in and for people. They check shape only; services check the rules."""

import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.urls import reverse

from accord.accounts import services
from accord.accounts.models import EmailRequest, User
from accord.core.http import client_ip
from accord.core.mail import absolute_url, queue_email, render_text
from accord.core.policy import Discipline, StaffRole


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class MagicLinkRequestForm(forms.Form):
    email = forms.EmailField(
        label="Your work email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ProfileForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150)
    job_title = forms.CharField(label="Job title", max_length=120, required=False)


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=80,
        help_text="What it is for, e.g. “Reporting script”.",
    )


def _staff_fields(form: forms.Form) -> None:
    form.fields["staff_role"] = forms.ChoiceField(label="Role", choices=StaffRole.choices)
    form.fields["disciplines"] = forms.MultipleChoiceField(
        label="Disciplines",
        choices=Discipline.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    form.fields["weekly_capacity_hours"] = forms.DecimalField(
        label="Weekly capacity (hours)",
        max_digits=5,
        decimal_places=1,
        min_value=Decimal(0),
        max_value=Decimal(80),
        initial=Decimal("37.5"),
    )
    form.fields["job_title"] = forms.CharField(label="Job title", max_length=120, required=False)


class StaffInviteForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254)
    name = forms.CharField(label="Name", max_length=150)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _staff_fields(self)


class StaffEditForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _staff_fields(self)
        self.fields["is_active"] = forms.BooleanField(label="Active (can sign in)", required=False)


class TeamFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "All roles"), *StaffRole.choices]
    )
    discipline = forms.ChoiceField(
        label="Discipline",
        required=False,
        choices=[("", "All disciplines"), *Discipline.choices],
    )


class ServicePasswordMixin:
    """Django's password forms, saving through the service so the change is recorded."""

    user: User
    cleaned_data: dict[str, Any]

    def save(self, commit: bool = True) -> User:
        return services.change_password(user=self.user, password=self.cleaned_data["new_password1"])


class NewPasswordForm(ServicePasswordMixin, SetPasswordForm):
    pass


class ChangePasswordForm(ServicePasswordMixin, PasswordChangeForm):
    pass


def _folded(email: str) -> str:
    return unicodedata.normalize("NFKC", email).casefold()


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset emails go through Accord's outbox like every other email.

    Unlike Django's, it also reaches active people who were invited but never set a password:
    the link lets them choose one. Requests are limited per address and per IP.
    """

    def get_users(self, email: str) -> Iterator[User]:
        active = User.objects.filter(email__iexact=email, is_active=True)
        return (user for user in active if _folded(email) == _folded(user.email))

    def save(self, **kwargs: Any) -> None:  # type: ignore[override]
        request = kwargs.get("request")
        ip = client_ip(request) if request is not None else None
        email = self.cleaned_data["email"]
        kind = EmailRequest.Kind.PASSWORD_RESET
        if services.take_email_request(kind=kind, email=email, ip=ip):
            super().save(**kwargs)

    def send_mail(  # noqa: PLR0917 - Django's signature
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        link = absolute_url(
            reverse(
                "accounts:password_reset_confirm",
                kwargs={"uidb64": context["uid"], "token": context["token"]},
            )
        )
        subject = "".join(render_text(subject_template_name, context).splitlines())
        queue_email(
            to=[to_email],
            subject=subject,
            template=email_template_name.removesuffix(".txt"),
            context={**context, "link": link},
            sensitive=True,
            expires_in=timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
        )
