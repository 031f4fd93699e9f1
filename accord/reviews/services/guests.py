"""Guest reviewers: someone the AM invites by email to review one deliverable without an
account. The link expires (14 days unless the AM says otherwise) and can be revoked; before the
guest sees anything they confirm their email with a one-time code sent to it."""

import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import Conflict, DomainError, IllegalTransition, InvalidInput
from accord.core.mail import absolute_url, queue_email
from accord.core.secrets import hash_secret, new_secret
from accord.reviews import rules
from accord.reviews.models import Guest, Reviewer, Round
from accord.reviews.services import rounds
from accord.work.models import Deliverable

DEFAULT_DAYS = 14
MAX_DAYS = 60
MAX_GUESTS = 50
CODE_MINUTES = 10
CODE_EVERY = timedelta(seconds=60)
CODE_TRIES = 5
# Codes a link may ask for in all: 20 codes of 5 tries is 100 guesses at a million codes.
MAX_CODES = 20


class GuestLinkInvalid(DomainError):
    """A guest link that expired or was revoked (an unknown one is simply not found)."""

    status = 410


class CodeRefused(DomainError):
    status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message, field="code")


def _clean_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput("Give the guest's email address.", field="email") from None
    return email


@transaction.atomic
def invite_guest(
    *,
    by: User,
    deliverable: Deliverable,
    email: str,
    name: str = "",
    days: int = DEFAULT_DAYS,
    role: str = Reviewer.Role.REVIEWER,
) -> tuple[Guest, str]:
    """Invite a guest to review the deliverable: they are put on its open client round (as a
    reviewer, or an approver), and emailed their link. Returns the guest and the link's secret
    (shown to no one else: only its hash is stored)."""
    email = _clean_email(email)
    name = " ".join(name.split())[:120]
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"A guest link lasts from 1 to {MAX_DAYS} days.", field="days")
    if role not in Reviewer.Role.values:
        raise InvalidInput(f"“{role}” is not a reviewer's role.", field="role")
    Deliverable.objects.select_for_update().filter(pk=deliverable.pk).values_list("pk").get()
    if Guest.objects.filter(deliverable=deliverable).count() >= MAX_GUESTS:
        raise InvalidInput(f"A deliverable takes {MAX_GUESTS} guests at most.", field="email")
    now = timezone.now()
    if Guest.objects.filter(
        deliverable=deliverable, email=email, revoked_at__isnull=True, expires_at__gt=now
    ).exists():
        raise Conflict(f"{email} already has a live link to this deliverable: revoke it first.")
    open_round = (
        Round.objects.select_for_update()
        .filter(deliverable=deliverable, stage=rules.CLIENT, status=rules.OPEN)
        .first()
    )
    if open_round is None:
        raise IllegalTransition(
            "Send a version to the client first: a guest reviews the client round."
        )
    secret = new_secret("gr")
    guest = Guest.objects.create(
        deliverable=deliverable,
        client_id=deliverable.job.client_id,
        email=email,
        name=name,
        token_hash=secret.digest,
        token_prefix=secret.prefix,
        invited_by=by,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    Reviewer.objects.create(round=open_round, guest=guest, role=role)
    queue_email(
        to=[email],
        subject=f"{by.name} asks for your review of “{deliverable.title}”",
        template="reviews/email/guest_invitation",
        context={
            "guest": guest,
            "inviter": by,
            "deliverable": deliverable,
            "client": deliverable.job.client,
            "days": days,
            "link": absolute_url(reverse("reviews:guest", kwargs={"token": secret.plaintext})),
        },
        sensitive=True,
        expires_in=timedelta(days=days),
    )
    events.record(
        actor=by,
        verb="guest.invited",
        target=guest,
        client=deliverable.job.client_id,
        data={"deliverable": deliverable.pk, "days": days, "role": role, "email": email},
    )
    return guest, secret.plaintext


@transaction.atomic
def revoke_guest(*, by: User, guest: Guest) -> Guest:
    """End a guest's link now (their decisions and comments stay on the record)."""
    locked = Guest.objects.select_for_update().get(pk=guest.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    events.record(
        actor=by,
        verb="guest.revoked",
        target=locked,
        client=locked.client_id,
        data={"deliverable": locked.deliverable_id},
    )
    # A round that waited for this guest's decision may be settled by the others' now.
    for open_round in Round.objects.filter(reviewers__guest=locked, status=rules.OPEN):
        rounds.settle(by=by, round=open_round)
    return locked


def guest_by_token(token: str) -> Guest | None:
    """The guest a link's secret belongs to (None: no such link)."""
    if not token.startswith("gr_") or len(token) > 100:
        return None
    return (
        Guest.objects.select_related("deliverable", "deliverable__job", "deliverable__job__client")
        .filter(token_hash=hash_secret(token))
        .first()
    )


def ensure_live(guest: Guest) -> None:
    if guest.revoked_at is not None:
        raise GuestLinkInvalid(
            "This review link was withdrawn by the agency. Ask your contact there for a new one."
        )
    if guest.expires_at <= timezone.now():
        raise GuestLinkInvalid(
            f"This review link expired on {timezone.localtime(guest.expires_at):%-d %B %Y}. "
            "Ask your contact at the agency for a new one."
        )


@transaction.atomic
def send_code(*, guest: Guest) -> None:
    """Email the guest a one-time code (six digits, ten minutes, once a minute at most)."""
    locked = Guest.objects.select_for_update().select_related("deliverable").get(pk=guest.pk)
    ensure_live(locked)
    now = timezone.now()
    if locked.code_sent_at and now - locked.code_sent_at < CODE_EVERY:
        raise CodeRefused("A code was sent less than a minute ago: check your inbox (and spam).")
    if locked.codes_sent >= MAX_CODES:
        raise CodeRefused(
            "This link has asked for too many codes and is locked: ask your contact at the "
            "agency for a new one."
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    locked.code_hash = hash_secret(f"{locked.pk}:{code}")
    locked.code_sent_at = now
    locked.code_tries = 0
    locked.codes_sent += 1
    locked.save(update_fields=["code_hash", "code_sent_at", "code_tries", "codes_sent"])
    queue_email(
        to=[locked.email],
        subject=f"Your code to review “{locked.deliverable.title}”",
        template="reviews/email/guest_code",
        context={"guest": locked, "code": code, "minutes": CODE_MINUTES},
        sensitive=True,
        expires_in=timedelta(minutes=CODE_MINUTES),
    )


def verify_code(*, guest: Guest, code: str) -> Guest:
    """Check the code the guest typed; five wrong tries void it (they ask for another). A wrong
    try is counted in its own transaction, which commits before the refusal is raised: a
    refusal must not roll its own count back."""
    refusal = ""
    with transaction.atomic():
        locked = Guest.objects.select_for_update().get(pk=guest.pk)
        ensure_live(locked)
        code = "".join(code.split())
        if not locked.code_hash or locked.code_sent_at is None:
            refusal = "Ask for a code first: it is sent to your email."
        elif timezone.now() - locked.code_sent_at > timedelta(minutes=CODE_MINUTES):
            refusal = "That code has expired: ask for a new one."
        elif locked.code_tries >= CODE_TRIES:
            refusal = "Too many wrong tries: ask for a new code."
        elif not hmac.compare_digest(locked.code_hash, hash_secret(f"{locked.pk}:{code}")):
            locked.code_tries += 1
            locked.save(update_fields=["code_tries"])
            left = CODE_TRIES - locked.code_tries
            refusal = (
                f"That is not the code we sent. {left} tr{'ies' if left != 1 else 'y'} left."
                if left
                else "That is not the code we sent. Ask for a new one."
            )
        else:
            first = locked.verified_at is None
            locked.verified_at = timezone.now()
            locked.code_hash = ""  # used once
            locked.save(update_fields=["verified_at", "code_hash"])
            if first:
                events.record(
                    actor=None,
                    verb="guest.verified",
                    target=locked,
                    client=locked.client_id,
                    data={"deliverable": locked.deliverable_id},
                )
    if refusal:
        raise CodeRefused(refusal)
    return locked
