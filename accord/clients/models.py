import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from accord.core.policy import ContactRole


def default_currency() -> str:
    """The agency's currency (ACCORD_DEFAULT_CURRENCY), a new client's until changed."""
    return str(settings.DEFAULT_CURRENCY)


class Client(models.Model):
    """A client account: who runs it at the agency, who the people are, and the terms."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ARCHIVED = "archived", "Archived"

    name = models.CharField(max_length=120)
    industry = models.CharField(max_length=80, blank=True)
    website = models.URLField(blank=True)
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_clients"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Terms
    revision_rounds_included = models.PositiveSmallIntegerField(default=2)
    response_target_hours = models.PositiveSmallIntegerField(
        default=8, help_text="Business hours within which the agency answers a client message."
    )
    # ISO 4217: the currency of a budget written without one ("" when none applies).
    currency = models.CharField(max_length=3, blank=True, default=default_currency)
    internal_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="client_name_ci_unique")]
        indexes = [
            models.Index(fields=["status", "name"], name="client_status_name"),
            models.Index(fields=["account_manager", "status"], name="client_am_status"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clients:detail", kwargs={"client_id": self.pk})

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED

    @property
    def response_target_label(self) -> str:
        hours = self.response_target_hours
        if hours % 8 == 0:
            days = hours // 8
            return f"{days} business day{'s' if days != 1 else ''}"
        return f"{hours} business hour{'s' if hours != 1 else ''}"


def logo_path(instance: "BrandProfile", filename: str) -> str:
    """An unguessable name: a logo is served only through the access-checked logo view."""
    extension = PurePath(filename).suffix.lower()
    return f"logos/{uuid.uuid4().hex}{extension}"


class BrandProfile(models.Model):
    """How the client's brand speaks and looks: what creatives and the AM write against."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="brand")
    voice_and_tone = models.TextField(blank=True)
    dos = models.TextField(blank=True, help_text="One per line.")
    donts = models.TextField(blank=True, help_text="One per line.")
    colours = models.JSONField(default=list, blank=True)
    logo = models.ImageField(upload_to=logo_path, blank=True)
    # The logo at most 512 pixels on its longer side, as a PNG, made once on upload: pages,
    # the API and PDFs show this copy, never the original.
    logo_display = models.ImageField(upload_to=logo_path, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Brand of {self.client_id}"

    @property
    def logo_url(self) -> str | None:
        """The access-checked address of the logo; it changes whenever the brand does."""
        return self.logo_address("clients:logo")

    def logo_address(self, route: str) -> str | None:
        """The logo at `route` (the web page's or the API's), versioned by the brand's changes;
        None without a display copy (a logo too large to shrink is never served)."""
        if not self.logo_display:
            return None
        path = reverse(route, kwargs={"client_id": self.client_id})
        return f"{path}?v={int(self.updated_at.timestamp())}"

    @property
    def dos_list(self) -> list[str]:
        return [line.strip() for line in self.dos.splitlines() if line.strip()]

    @property
    def donts_list(self) -> list[str]:
        return [line.strip() for line in self.donts.splitlines() if line.strip()]


class TeamMembership(models.Model):
    """A staff member on a client's team (the AM is on it implicitly)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "user"], name="team_unique")]
        indexes = [models.Index(fields=["user", "client"], name="team_user_client")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.client_id}"


class Contact(models.Model):
    """A person at the client, with what they may do on this client's work."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_roles"
    )
    role = models.CharField(
        max_length=16, choices=ContactRole.choices, default=ContactRole.REVIEWER
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "user"], name="contact_unique")]
        indexes = [models.Index(fields=["user", "client"], name="contact_user_client")]

    def __str__(self) -> str:
        return f"{self.user_id} ({self.role}) at {self.client_id}"
