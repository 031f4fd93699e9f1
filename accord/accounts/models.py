from decimal import Decimal
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import ProtectedError
from django.db.models.functions import Lower
from django.utils import timezone

from accord.core.policy import Discipline, Kind, StaffRole


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(kind=Kind.STAFF, staff_role=StaffRole.ADMIN, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: agency staff or a client contact. Email is the login."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.STAFF)
    staff_role = models.CharField(max_length=16, choices=StaffRole.choices, blank=True)
    disciplines = models.JSONField(default=list, blank=True)
    weekly_capacity_hours = models.DecimalField(
        max_digits=5, decimal_places=1, default=Decimal("37.5")
    )
    job_title = models.CharField(max_length=120, blank=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    invited_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["name"]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(kind="contact", staff_role="")
                | models.Q(kind="staff", staff_role__in=[r.value for r in StaffRole]),
                name="user_role_fits_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "staff_role", "name"], name="user_kind_role")]

    def __str__(self) -> str:
        return self.name or self.email

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        """Refused: people are deactivated or erased, never deleted (the record keeps them)."""
        raise ProtectedError(
            "People are deactivated, not deleted; to remove their personal data, erase them "
            "(`accord erase-person EMAIL`).",
            set(),
        )

    @property
    def is_staff(self) -> bool:
        """Django's admin flag; Accord has no Django admin, so only superusers."""
        return self.is_superuser

    @property
    def has_accepted_invitation(self) -> bool:
        return self.has_usable_password() or self.last_login is not None

    @property
    def first_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    def discipline_labels(self) -> list[str]:
        labels = dict(Discipline.choices)
        return [str(labels.get(d, d)) for d in self.disciplines]


class ApiToken(models.Model):
    """A personal access token for the API. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class MagicLink(models.Model):
    """A single-use, expiring sign-in link for a client contact. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="magic_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"magic link for {self.user_id}"


class LoginFailure(models.Model):
    """A failed sign-in, kept briefly to rate-limit guessing (shared by every app server)."""

    email = models.CharField(max_length=254)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["email", "at"], name="loginfail_email_at"),
            models.Index(fields=["ip", "at"], name="loginfail_ip_at"),
            models.Index(fields=["at"], name="loginfail_at"),
        ]

    def __str__(self) -> str:
        return f"{self.email} at {self.at:%Y-%m-%d %H:%M}"


class EmailRequest(models.Model):
    """A request for an emailed link (sign-in, password reset), kept briefly to limit them."""

    class Kind(models.TextChoices):
        MAGIC_LINK = "magic_link", "Sign-in link"
        PASSWORD_RESET = "password_reset", "Password reset"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.CharField(max_length=254)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "email", "at"], name="emailreq_kind_email_at"),
            models.Index(fields=["kind", "ip", "at"], name="emailreq_kind_ip_at"),
            models.Index(fields=["at"], name="emailreq_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.email} at {self.at:%Y-%m-%d %H:%M}"
