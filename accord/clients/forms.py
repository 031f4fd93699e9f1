"""Forms for clients. They check shape only; the services check the rules."""

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat

from accord.accounts.models import User
from accord.clients.models import Client, default_currency
from accord.core.policy import ContactRole, Kind, StaffRole

STATUS_CHOICES = [("active", "Active"), ("archived", "Archived"), ("all", "All")]


def account_managers() -> QuerySet[User]:
    return User.objects.filter(
        kind=Kind.STAFF,
        is_active=True,
        staff_role__in=[StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER],
    ).order_by("name")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        label = obj.job_title or obj.get_staff_role_display()
        return f"{obj.name} — {label}"


class ClientFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)
    am = forms.ModelChoiceField(
        label="Account manager",
        required=False,
        queryset=User.objects.none(),
        empty_label="Any account manager",
    )

    def __init__(self, *args: Any, show_am: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if show_am:
            self.fields["am"].queryset = account_managers()  # type: ignore[attr-defined]
        else:
            del self.fields["am"]


class ClientForm(forms.Form):
    """The client's details and terms; admins also choose the account manager."""

    name = forms.CharField(label="Client name", max_length=120)
    industry = forms.CharField(label="Industry", max_length=80, required=False)
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    account_manager = StaffChoiceField(
        label="Account manager", queryset=User.objects.none(), required=True
    )
    revision_rounds_included = forms.IntegerField(
        label="Revision rounds included",
        min_value=0,
        max_value=20,
        initial=2,
        help_text="Per deliverable, before further rounds count as extra work.",
    )
    response_target_hours = forms.IntegerField(
        label="Response target (business hours)",
        min_value=1,
        max_value=200,
        initial=8,
        help_text="How quickly the agency answers a client message. 8 hours = 1 business day.",
    )
    currency = forms.CharField(
        label="Currency",
        max_length=3,
        required=False,
        initial=default_currency,
        widget=forms.TextInput(attrs={"size": 4, "autocomplete": "off"}),
        help_text="ISO 4217 code, e.g. GBP, EUR or USD: the currency of a budget written "
        "without one. Empty: none.",
    )
    internal_notes = forms.CharField(
        label="Internal notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Agency only. Client contacts never see these.",
    )

    def __init__(self, *args: Any, choose_am: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if choose_am:
            self.fields["account_manager"].queryset = account_managers()  # type: ignore[attr-defined]
        else:
            del self.fields["account_manager"]

    @classmethod
    def initial_from(cls, client: Client) -> dict[str, Any]:
        return {
            "name": client.name,
            "industry": client.industry,
            "website": client.website,
            "account_manager": client.account_manager_id,
            "revision_rounds_included": client.revision_rounds_included,
            "response_target_hours": client.response_target_hours,
            "currency": client.currency,
            "internal_notes": client.internal_notes,
        }


class BrandForm(forms.Form):
    voice_and_tone = forms.CharField(
        label="Voice and tone",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How the brand sounds, e.g. “Warm, plain-spoken, a little witty.”",
    )
    dos = forms.CharField(
        label="Do's",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line.",
    )
    donts = forms.CharField(
        label="Don'ts",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line.",
    )
    colours = forms.CharField(
        label="Colours",
        required=False,
        max_length=200,
        help_text="Hex codes separated by commas, e.g. #1A2B3C, #F5B700.",
    )
    # A plain file field: the service checks the content is a real image, not the name.
    logo = forms.FileField(
        label="Logo",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )
    remove_logo = forms.BooleanField(label="Remove the current logo", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.LOGO_MAX_BYTES)
        side = int(settings.LOGO_MAX_PIXELS**0.5)
        self.fields["logo"].help_text = (
            f"PNG, JPEG, WebP or GIF, at most {limit} and {side:,}×{side:,} pixels "
            "(or as many in another shape)."
        )


class TeamAddForm(forms.Form):
    user = StaffChoiceField(
        label="Person to add", queryset=User.objects.none(), empty_label="Choose a person…"
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates  # type: ignore[attr-defined]


class ContactInviteForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254)
    name = forms.CharField(
        label="Name",
        max_length=150,
        required=False,
        help_text="Needed for someone new to Accord.",
    )
    role = forms.ChoiceField(label="Role", choices=ContactRole.choices, initial="reviewer")


class ContactRoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=ContactRole.choices)
