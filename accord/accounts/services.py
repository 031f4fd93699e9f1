"""Every write about people: invitations, staff profiles, tokens, magic links, sign-in limits."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accord.accounts.models import ApiToken, EmailRequest, LoginFailure, MagicLink, User
from accord.core import events
from accord.core.errors import DomainError, InvalidInput, NotAllowed
from accord.core.mail import absolute_url, queue_email
from accord.core.policy import Discipline, Kind, StaffRole
from accord.core.secrets import hash_secret, new_secret

# Roles that can run a client as its account manager.
MANAGING_ROLES = {StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER}
# Short-lived rows (failed sign-ins, link requests) are pruned on about one write in this many.
PRUNE_EVERY = 100


def normalise_email(raw: str) -> str:
    email = (raw or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvalidInput(f"“{raw}” is not a valid email address.", field="email") from exc
    return email


def ensure_email_free(email: str, *, except_user: User | None = None) -> None:
    taken = User.objects.filter(email__iexact=email)
    if except_user is not None:
        taken = taken.exclude(pk=except_user.pk)
    if taken.exists():
        raise InvalidInput(f"Someone with the email {email} already has an account.", field="email")


def _clean_disciplines(disciplines: list[str]) -> list[str]:
    known = {d.value for d in Discipline}
    unknown = [d for d in disciplines if d not in known]
    if unknown:
        raise InvalidInput(f"Unknown discipline: {', '.join(unknown)}.", field="disciplines")
    return sorted(set(disciplines))


def _clean_capacity(hours: Decimal | float | int | str) -> Decimal:
    try:
        value = Decimal(str(hours).strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0 or value > 80:
        raise InvalidInput(
            "Weekly capacity must be between 0 and 80 hours.", field="weekly_capacity_hours"
        )
    return value.quantize(Decimal("0.1"))


def invitation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:accept_invitation", kwargs={"uidb64": uid, "token": token})


def send_invitation(*, user: User, invited_by: User | None, client_name: str = "") -> None:
    """Email a set-password link (valid for PASSWORD_RESET_TIMEOUT, void once used)."""
    queue_email(
        to=[user.email],
        subject=f"You're invited to {settings.AGENCY_NAME} on Accord",
        template="accounts/email/invitation",
        context={
            "user": user,
            "invited_by": invited_by,
            "client_name": client_name,
            "link": absolute_url(invitation_path(user)),
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        },
        sensitive=True,
        expires_in=timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
    )


def create_invited_user(email: str, **fields: Any) -> User:
    """A new account without a password; a concurrent invitation of the same email loses."""
    try:
        with transaction.atomic():
            return User.objects.create_user(email, **fields)
    except IntegrityError as exc:
        raise InvalidInput(
            f"Someone with the email {email} already has an account.", field="email"
        ) from exc


@transaction.atomic
def invite_staff(
    *,
    by: User,
    email: str,
    name: str,
    staff_role: str,
    disciplines: list[str] | None = None,
    weekly_capacity_hours: Decimal | float | int = Decimal("37.5"),
    job_title: str = "",
) -> User:
    """Create a staff account and email its owner an invitation to set a password."""
    email = normalise_email(email)
    ensure_email_free(email)
    if staff_role not in StaffRole.values:
        raise InvalidInput("Choose a role: admin, account manager or creative.", field="staff_role")
    if not name.strip():
        raise InvalidInput("A name is required.", field="name")
    user = create_invited_user(
        email,
        kind=Kind.STAFF,
        staff_role=staff_role,
        name=name.strip(),
        disciplines=_clean_disciplines(disciplines or []),
        weekly_capacity_hours=_clean_capacity(weekly_capacity_hours),
        job_title=job_title,
        invited_at=timezone.now(),
        invited_by=by,
    )
    events.record(
        actor=by, verb="staff.invited", target=user, data={"email": email, "role": staff_role}
    )
    send_invitation(user=user, invited_by=by)
    return user


def _ensure_no_clients_orphaned(user: User, changes: dict[str, Any]) -> None:
    """Refuse to demote or deactivate someone while they are a client's account manager."""
    role = changes.get("staff_role", user.staff_role)
    demoted = role not in MANAGING_ROLES and user.staff_role != role
    deactivated = changes.get("is_active") is False and user.is_active
    if not (demoted or deactivated):
        return
    # Through the reverse relation: accounts sits below clients and must not import it.
    managed = user.managed_clients.order_by("name")
    first = managed.values_list("name", flat=True).first()
    if first is None:
        return
    count = managed.count()
    which = first if count == 1 else f"{first} and {count - 1} more"
    doing = "deactivated" if deactivated else "made a creative"
    raise DomainError(
        f"{user.name} is the account manager of {count} client{'s' if count != 1 else ''} "
        f"and cannot be {doing}. Hand over {which} first.",
        field="is_active" if deactivated else "staff_role",
    )


@transaction.atomic
def update_staff(*, by: User, user: User, **changes: Any) -> User:
    """Change a staff member's name, role, disciplines, capacity, title or active state."""
    if user.kind != Kind.STAFF:
        raise InvalidInput("Only agency staff have roles and capacity.")
    allowed = {
        "name",
        "staff_role",
        "disciplines",
        "weekly_capacity_hours",
        "job_title",
        "is_active",
    }
    changes = {k: v for k, v in changes.items() if k in allowed and v is not None}
    if "staff_role" in changes and changes["staff_role"] not in StaffRole.values:
        raise InvalidInput("Choose a role: admin, account manager or creative.", field="staff_role")
    if user.pk == by.pk and (
        changes.get("staff_role", StaffRole.ADMIN) != StaffRole.ADMIN
        or changes.get("is_active") is False
    ):
        raise NotAllowed("You cannot remove your own admin rights or deactivate yourself.")
    _ensure_no_clients_orphaned(user, changes)
    if "disciplines" in changes:
        changes["disciplines"] = _clean_disciplines(changes["disciplines"])
    if "weekly_capacity_hours" in changes:
        changes["weekly_capacity_hours"] = _clean_capacity(changes["weekly_capacity_hours"])
    if "name" in changes and not str(changes["name"]).strip():
        raise InvalidInput("A name is required.", field="name")
    # The name they had is kept (outside the hash) so erasing them later finds it too.
    renamed = {"previous_name": user.name} if changes.get("name", user.name) != user.name else {}
    for field, value in changes.items():
        setattr(user, field, value)
    if changes:
        user.save(update_fields=list(changes))
        events.record(
            actor=by,
            verb="staff.updated",
            target=user,
            data={**{k: str(v) for k, v in changes.items()}, **renamed},
        )
    return user


@transaction.atomic
def update_profile(*, user: User, name: str, job_title: str = "") -> User:
    if not name.strip():
        raise InvalidInput("A name is required.", field="name")
    renamed = {"previous_name": user.name} if name.strip() != user.name else {}
    user.name, user.job_title = name.strip(), job_title.strip()
    user.save(update_fields=["name", "job_title"])
    events.record(actor=user, verb="profile.updated", target=user, data=renamed)
    return user


@transaction.atomic
def accept_invitation(*, user: User, password: str) -> User:
    """Set the first password; the invitation link stops working as the password changes, and
    any API token made before it (by an admin, say) is revoked, as for any new password."""
    user.set_password(password)
    user.save(update_fields=["password"])
    events.record(actor=user, verb="invitation.accepted", target=user)
    _revoke_tokens_of(user)
    return user


@transaction.atomic
def resend_invitation(*, by: User, user: User, client: Any = None) -> User:
    """Email a fresh set-password link to someone who has not set a password yet.

    `client` (optional, for a contact) is named in the email and records it in its feed.
    """
    if user.has_usable_password():
        raise DomainError(f"{user.name} already accepted their invitation and has a password.")
    if not user.is_active:
        raise DomainError(f"{user.name}'s account is deactivated; reactivate it first.")
    events.record(
        actor=by,
        verb="invitation.resent",
        target=user,
        client=client,
        data={"email": user.email},
    )
    send_invitation(user=user, invited_by=by, client_name=str(client) if client else "")
    return user


# --- API tokens -------------------------------------------------------------------------


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal access token; the plaintext is returned once and never stored."""
    name = name.strip() or "API token"
    secret = new_secret("acc")
    token = ApiToken.objects.create(
        user=user, name=name[:80], prefix=secret.prefix, token_hash=secret.digest
    )
    events.record(
        actor=user,
        verb="api_token.created",
        target=token,
        data={"name": token.name, "prefix": token.prefix},
    )
    return token, secret.plaintext


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by: User) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        events.record(
            actor=by, verb="api_token.revoked", target=token, data={"prefix": token.prefix}
        )
    return token


def user_for_token(plaintext: str) -> User | None:
    """The active user behind an active token, or None. Notes use at most once a minute."""
    if not plaintext or len(plaintext) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_secret(plaintext), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- Magic links -------------------------------------------------------------------------


@transaction.atomic
def request_magic_link(*, email: str, ip: str | None = None) -> bool:
    """Email a sign-in link to an active client contact. Says nothing about who exists.

    Within the limits of `take_email_request` only; past them nothing is sent. A new link
    voids the contact's earlier unused ones.
    """
    try:
        email = normalise_email(email)
    except InvalidInput:
        return False
    if not take_email_request(kind=EmailRequest.Kind.MAGIC_LINK, email=email, ip=ip):
        return False
    user = User.objects.filter(email=email, kind=Kind.CONTACT, is_active=True).first()
    if user is None:
        return False
    secret = new_secret("ml")
    minutes = settings.MAGIC_LINK_MINUTES
    now = timezone.now()
    MagicLink.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    MagicLink.objects.create(
        user=user, token_hash=secret.digest, expires_at=now + timedelta(minutes=minutes)
    )
    queue_email(
        to=[user.email],
        subject=f"Your sign-in link for {settings.AGENCY_NAME}",
        template="accounts/email/magic_link",
        context={
            "user": user,
            "minutes": minutes,
            "link": absolute_url(
                reverse("accounts:magic_link", kwargs={"token": secret.plaintext})
            ),
        },
        sensitive=True,
        expires_in=timedelta(minutes=minutes),
    )
    events.record(actor=None, verb="magic_link.sent", target=user)
    return True


class MagicLinkInvalid(DomainError):
    status = 400


@transaction.atomic
def consume_magic_link(*, plaintext: str) -> User:
    """Use a magic link once. Expired, used or unknown links are refused with a reason."""
    # The link alone is locked; its person is read after the lock (below, on first use).
    link = (
        MagicLink.objects.select_for_update()
        .filter(token_hash=hash_secret(plaintext or ""))
        .first()
    )
    if link is None:
        raise MagicLinkInvalid("This sign-in link is not valid. Ask for a new one below.")
    if link.used_at is not None:
        raise MagicLinkInvalid("This sign-in link was already used. Ask for a new one below.")
    if link.expires_at <= timezone.now():
        raise MagicLinkInvalid("This sign-in link has expired. Ask for a new one below.")
    if not link.user.is_active:
        raise MagicLinkInvalid("This account is no longer active.")
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    events.record(actor=link.user, verb="magic_link.used", target=link.user)
    return link.user


# --- Sign-in rate limit ------------------------------------------------------------------


def _window_start() -> Any:
    return timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def _failure_key(email: str) -> str:
    # The same key when recording, counting and clearing, however long the typed email.
    return (email or "").strip().lower()[:254]


def sign_in_locked(*, email: str, ip: str | None) -> bool:
    """Too many recent failures for this email, or failures for many emails from this IP.

    The IP limit counts distinct emails (credential stuffing), not attempts: one person
    mistyping their own password never locks out the others behind the same address.
    """
    since = _window_start()
    limit = settings.LOGIN_FAILURE_LIMIT
    if LoginFailure.objects.filter(email=_failure_key(email), at__gte=since).count() >= limit:
        return True
    if not ip:
        return False
    emails = LoginFailure.objects.filter(ip=ip, at__gte=since).values("email").distinct()
    return emails.count() >= settings.LOGIN_FAILURE_IP_EMAILS


def _prune_now_and_then(model: type[models.Model], row: models.Model) -> None:
    """Delete day-old rows of a short-lived table, on about one write in PRUNE_EVERY."""
    if row.pk % PRUNE_EVERY == 0:
        model._default_manager.filter(at__lt=timezone.now() - timedelta(days=1)).delete()


def record_sign_in_failure(*, email: str, ip: str | None) -> None:
    failure = LoginFailure.objects.create(email=_failure_key(email), ip=ip or None)
    _prune_now_and_then(LoginFailure, failure)


def clear_sign_in_failures(*, email: str) -> None:
    LoginFailure.objects.filter(email=_failure_key(email)).delete()


# --- Emailed-link limits -----------------------------------------------------------------


@transaction.atomic
def take_email_request(*, kind: str, email: str, ip: str | None) -> bool:
    """Whether a link of `kind` may be emailed to `email` now; if so, it is counted.

    At most EMAIL_REQUEST_LIMIT per address and EMAIL_REQUEST_IP_LIMIT per IP in the window.
    Counted whether or not the address has an account, so the answer reveals nothing.
    """
    since = timezone.now() - timedelta(minutes=settings.EMAIL_REQUEST_WINDOW_MINUTES)
    key = _failure_key(email)
    recent = EmailRequest.objects.filter(kind=kind, at__gte=since)
    if recent.filter(email=key).count() >= settings.EMAIL_REQUEST_LIMIT:
        return False
    if ip and recent.filter(ip=ip).count() >= settings.EMAIL_REQUEST_IP_LIMIT:
        return False
    request = EmailRequest.objects.create(kind=kind, email=key, ip=ip or None)
    _prune_now_and_then(EmailRequest, request)
    return True


# --- Added for the web UI ------------------------------------------------------------------


def magic_link_user(*, plaintext: str) -> User:
    """Who a magic link would sign in, without using it: mail scanners prefetch links."""
    link = (
        MagicLink.objects.select_related("user")
        .filter(token_hash=hash_secret(plaintext or ""))
        .first()
    )
    if link is None:
        raise MagicLinkInvalid("This sign-in link is not valid. Ask for a new one below.")
    if link.used_at is not None:
        raise MagicLinkInvalid("This sign-in link was already used. Ask for a new one below.")
    if link.expires_at <= timezone.now():
        raise MagicLinkInvalid("This sign-in link has expired. Ask for a new one below.")
    if not link.user.is_active:
        raise MagicLinkInvalid("This account is no longer active.")
    return link.user


@transaction.atomic
def change_password(*, user: User, password: str) -> User:
    """Set a new password (already validated by the form, on the profile page or through a
    reset link); other sessions stop working and so does every API token of the person."""
    user.set_password(password)
    user.save(update_fields=["password"])
    events.record(actor=user, verb="password.changed", target=user)
    _revoke_tokens_of(user)
    return user


def _revoke_tokens_of(user: User) -> None:
    for token in ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        revoke_api_token(token=token, by=user)
