"""Every write about clients: accounts, terms, brand, team and contacts."""

import re
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.accounts import services as people
from accord.accounts.models import User
from accord.clients import images
from accord.clients.models import BrandProfile, Client, Contact, TeamMembership
from accord.core import events, money, policy
from accord.core.errors import IllegalTransition, InvalidInput, NotAllowed
from accord.core.policy import Audience, ContactRole, Kind
from accord.core.uploads import storing

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
TERM_FIELDS = {"revision_rounds_included", "response_target_hours", "currency"}
CLIENT_FIELDS = {"name", "industry", "website", "internal_notes", *TERM_FIELDS}
# The only moves a client's status can make, owned by archive_client and restore_client.
STATUS_MOVES: dict[str, set[str]] = {
    Client.Status.ACTIVE: {Client.Status.ARCHIVED},
    Client.Status.ARCHIVED: {Client.Status.ACTIVE},
}


def _ensure_name_free(name: str, *, except_client: Client | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput("A client name is required.", field="name")
    taken = Client.objects.filter(name__iexact=name)
    if except_client is not None:
        taken = taken.exclude(pk=except_client.pk)
    if taken.exists():
        raise InvalidInput(f"There is already a client called “{name}”.", field="name")
    return name


def _ensure_account_manager(user: User | None) -> User:
    if user is None or not (policy.is_account_manager(user) or policy.is_admin(user)):
        raise InvalidInput(
            "The account manager must be an active admin or account manager.",
            field="account_manager",
        )
    return user


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number


def _check_terms(changes: dict[str, Any]) -> None:
    """Validate the terms in `changes` and store them as whole numbers."""
    if "revision_rounds_included" in changes:
        rounds = _whole_number(changes["revision_rounds_included"])
        if rounds is None or not 0 <= rounds <= 20:
            raise InvalidInput(
                "Revision rounds must be between 0 and 20.", field="revision_rounds_included"
            )
        changes["revision_rounds_included"] = rounds
    if "response_target_hours" in changes:
        hours = _whole_number(changes["response_target_hours"])
        if hours is None or not 1 <= hours <= 200:
            raise InvalidInput(
                "The response target must be between 1 and 200 business hours.",
                field="response_target_hours",
            )
        changes["response_target_hours"] = hours
    if "currency" in changes:
        currency = str(changes["currency"] or "").strip().upper()
        if currency and not money.is_currency(currency):
            raise InvalidInput(
                f"“{currency[:10]}” is not a currency code we know: use an ISO 4217 code like "
                "GBP, EUR or USD, or leave it empty for none.",
                field="currency",
            )
        changes["currency"] = currency


@transaction.atomic
def create_client(
    *, by: User, name: str, account_manager: User | None = None, **fields: Any
) -> Client:
    """A new client account with an empty brand profile. An AM creating one runs it."""
    if not policy.can_create_clients(by):
        raise NotAllowed("Only admins and account managers can add clients.")
    # Only an admin hands a new client to someone else; anyone else (or an admin who
    # names nobody) runs it themselves.
    if account_manager is None or not policy.is_admin(by):
        account_manager = by
    account_manager = _ensure_account_manager(account_manager)
    fields = {k: v for k, v in fields.items() if k in CLIENT_FIELDS and v is not None}
    _check_terms(fields)
    name = _ensure_name_free(name)
    client = Client(name=name, account_manager=account_manager, **fields)
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError as exc:  # a concurrent create with the same name
        raise InvalidInput(f"There is already a client called “{name}”.", field="name") from exc
    BrandProfile.objects.create(client=client)
    events.record(
        actor=by,
        verb="client.created",
        target=client,
        client=client,
        data={"name": client.name, "account_manager": account_manager.pk},
    )
    return client


@transaction.atomic
def update_client(
    *, by: User, client: Client, account_manager: User | None = None, **changes: Any
) -> Client:
    """Change a client's details or terms; only admins move a client to another AM."""
    changes = {k: v for k, v in changes.items() if k in CLIENT_FIELDS and v is not None}
    if "name" in changes:
        changes["name"] = _ensure_name_free(changes["name"], except_client=client)
    _check_terms(changes)
    before = {k: getattr(client, k) for k in changes}
    if account_manager is not None and account_manager.pk != client.account_manager_id:
        if not policy.is_admin(by):
            raise NotAllowed("Only an admin can hand a client to another account manager.")
        client.account_manager = _ensure_account_manager(account_manager)
        changes["account_manager"] = account_manager
    for field, value in changes.items():
        setattr(client, field, value)
    changed = [k for k in changes if k == "account_manager" or before.get(k) != changes[k]]
    if changed:
        try:
            with transaction.atomic():
                client.save(update_fields=changed)
        except IntegrityError as exc:  # a concurrent rename to the same name
            raise InvalidInput(
                f"There is already a client called “{client.name}”.", field="name"
            ) from exc
        audience = Audience.CLIENT if set(changed) <= TERM_FIELDS else Audience.INTERNAL
        events.record(
            actor=by,
            verb="client.updated",
            target=client,
            client=client,
            audience=audience,
            data={"fields": sorted(changed)},
        )
    return client


def _move_status(client: Client, to: str, refusal: str) -> None:
    """Move `client` to status `to`, judged on the locked row, not on a stale copy."""
    current = Client.objects.select_for_update().values_list("status", flat=True).get(pk=client.pk)
    if to not in STATUS_MOVES.get(current, set()):
        client.status = current
        raise IllegalTransition(refusal)
    client.status = to
    client.archived_at = timezone.now() if to == Client.Status.ARCHIVED else None
    client.save(update_fields=["status", "archived_at"])


class ClientArchived(InvalidInput):
    """New work (a request, a brief, a job) for a client that is archived."""

    @classmethod
    def of(cls, client: Client) -> "ClientArchived":
        message = f"{client.name} is archived, so it takes no new work. Restore the client first."
        return cls(message, field="client")


def ensure_takes_work(client: Client) -> None:
    """Refuse new work for an archived client; judged on the locked row, so an archive that
    commits first is seen, and one that comes after waits for the new work to be stored.

    Only inside the service's transaction: outside one the lock would end at once (and
    PostgreSQL refuses it), so a service that forgot its `atomic` fails here on SQLite too."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ensure_takes_work must run inside the writing transaction.")
    status = (
        Client.objects.select_for_update(no_key=True)
        .values_list("status", flat=True)
        .get(pk=client.pk)
    )
    if status != Client.Status.ACTIVE:
        raise ClientArchived.of(client)


@transaction.atomic
def archive_client(*, by: User, client: Client) -> Client:
    """Archive an active client: it leaves everyday lists but keeps its history."""
    _move_status(client, Client.Status.ARCHIVED, f"{client.name} is already archived.")
    events.record(actor=by, verb="client.archived", target=client, client=client)
    return client


@transaction.atomic
def restore_client(*, by: User, client: Client) -> Client:
    """Bring an archived client back to active."""
    _move_status(client, Client.Status.ACTIVE, f"{client.name} is not archived.")
    events.record(actor=by, verb="client.restored", target=client, client=client)
    return client


# --- Brand profile ---------------------------------------------------------------------


def parse_colours(raw: str | list[str]) -> list[str]:
    items = raw if isinstance(raw, list) else re.split(r"[\s,]+", raw or "")
    colours = [c.strip() for c in items if c and c.strip()]
    bad = [c for c in colours if not HEX_COLOUR.match(c)]
    if bad:
        raise InvalidInput(
            f"Colours must look like #1A2B3C; not: {', '.join(bad)}.", field="colours"
        )
    if len(colours) > 12:
        raise InvalidInput("A brand profile holds at most 12 colours.", field="colours")
    return [c.upper() for c in colours]


# A brand profile is shown on many pages: its text is bounded like the API's (BrandPatch).
MAX_VOICE = 5_000
MAX_RULES = 50  # do's, and don'ts, one per line
MAX_RULE = 500


def _check_brand_text(fields: dict[str, Any]) -> None:
    if len(fields.get("voice_and_tone") or "") > MAX_VOICE:
        raise InvalidInput(
            f"Keep the voice and tone under {MAX_VOICE:,} characters.", field="voice_and_tone"
        )
    for name, label in (("dos", "do's"), ("donts", "don'ts")):
        lines = [line for line in str(fields.get(name) or "").splitlines() if line.strip()]
        if len(lines) > MAX_RULES:
            raise InvalidInput(f"List at most {MAX_RULES} {label}, one per line.", field=name)
        if any(len(line) > MAX_RULE for line in lines):
            raise InvalidInput(f"Keep each of the {label} under {MAX_RULE} characters.", field=name)


def update_brand(
    *,
    by: User,
    client: Client,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
    **changes: Any,
) -> BrandProfile:
    """Change the brand profile; a new logo is checked by content and pixel count, not by its
    name, and shrunk for display once, before the transaction starts (it holds no lock)."""
    checked = images.check_logo(logo) if logo is not None else None
    return _update_brand(
        by=by, client=client, logo=logo, checked=checked, remove_logo=remove_logo, **changes
    )


@transaction.atomic
def _update_brand(
    *,
    by: User,
    client: Client,
    logo: UploadedFile | None,
    checked: images.CheckedLogo | None,
    remove_logo: bool,
    **changes: Any,
) -> BrandProfile:
    brand, _ = BrandProfile.objects.get_or_create(client=client)
    fields = {
        k: v
        for k, v in changes.items()
        if k in {"voice_and_tone", "dos", "donts", "colours"} and v is not None
    }
    if "colours" in fields:
        fields["colours"] = parse_colours(fields["colours"])
    _check_brand_text(fields)
    for field, value in fields.items():
        setattr(brand, field, value)
    old_files = [f.name for f in (brand.logo, brand.logo_display) if f]
    if logo is not None and checked is not None:
        with storing(field="logo") as stored:  # the store fails: the old logo stays
            stored.save(brand.logo, f"logo.{checked.extension}", logo)
            stored.save(brand.logo_display, "logo.png", checked.display)
        fields["logo"] = True
    elif remove_logo and brand.logo:
        brand.logo = brand.logo_display = None
        fields["logo"] = False
    if "logo" in fields and old_files:
        # The old files go only once the change is committed: a rollback keeps them.
        storage = brand.logo.storage
        transaction.on_commit(lambda: [storage.delete(name) for name in old_files])
    brand.updated_at = timezone.now()
    saved = [*fields, "logo_display"] if "logo" in fields else list(fields)
    brand.save(update_fields=[*saved, "updated_at"])
    events.record(
        actor=by,
        verb="brand.updated",
        target=brand,
        client=client,
        audience=Audience.CLIENT,
        data={"fields": sorted(fields)},
    )
    return brand


# --- Team -------------------------------------------------------------------------------


@transaction.atomic
def add_team_member(*, by: User, client: Client, user: User) -> TeamMembership:
    if not policy.is_staff_member(user):
        raise InvalidInput("Only active agency staff can join a client team.", field="user")
    membership, created = TeamMembership.objects.get_or_create(client=client, user=user)
    if not created:
        raise InvalidInput(f"{user.name} is already on the {client.name} team.", field="user")
    events.record(
        actor=by,
        verb="team.added",
        target=membership,
        client=client,
        data={"user": user.pk, "name": user.name},
    )
    return membership


@transaction.atomic
def remove_team_member(*, by: User | None, membership: TeamMembership) -> None:
    client, user, membership_id = membership.client, membership.user, membership.pk
    membership.delete()
    events.record(
        actor=by,
        verb="team.removed",
        target=("clients.teammembership", membership_id),
        client=client,
        data={"user": user.pk, "name": user.name},
    )


# --- Contacts ---------------------------------------------------------------------------


def _check_role(role: str) -> str:
    if role not in ContactRole.values:
        raise InvalidInput("Choose a role: approver, reviewer or viewer.", field="role")
    return role


@transaction.atomic
def invite_contact(
    *, by: User, client: Client, email: str, name: str, role: str = ContactRole.REVIEWER
) -> Contact:
    """Add a person at the client; a new person gets an invitation email.

    Someone with an account already (a contact of another client) is added at once, with no
    invitation. The event names them by the email typed, but this client's contact lists show
    their account's name and whether they have set a password (docs/user-guide.md, Clients).
    """
    email = people.normalise_email(email)
    _check_role(role)
    user = User.objects.filter(email=email).first()
    if user is not None and user.kind != Kind.CONTACT:
        raise InvalidInput(f"{email} belongs to agency staff, not a client contact.", field="email")
    if user is None:
        if not (name or "").strip():
            raise InvalidInput("A name is required.", field="name")
        user = people.create_invited_user(
            email,
            kind=Kind.CONTACT,
            staff_role="",
            name=name.strip(),
            invited_at=timezone.now(),
            invited_by=by,
        )
        people.send_invitation(user=user, invited_by=by, client_name=client.name)
        # The name this client's people know the person by: what the AM typed for someone
        # new; for someone already at another client, their email, never the name stored there.
        known_as = user.name
    elif Contact.objects.filter(client=client, user=user).exists():
        raise InvalidInput(f"{user.name} is already a contact of {client.name}.", field="email")
    else:
        known_as = email
    try:
        with transaction.atomic():
            contact = Contact.objects.create(client=client, user=user, role=role)
    except IntegrityError as exc:  # the same person added concurrently
        already = f"{email} is already a contact of {client.name}."
        raise InvalidInput(already, field="email") from exc
    events.record(
        actor=by,
        verb="contact.added",
        target=contact,
        client=client,
        audience=Audience.CLIENT,
        data={"user": user.pk, "name": known_as, "role": role},
    )
    return contact


@transaction.atomic
def change_contact_role(*, by: User, contact: Contact, role: str) -> Contact:
    contact.role = _check_role(role)
    contact.save(update_fields=["role"])
    events.record(
        actor=by,
        verb="contact.role_changed",
        target=contact,
        client=contact.client,
        audience=Audience.CLIENT,
        data={"user": contact.user_id, "name": contact.user.name, "role": role},
    )
    return contact


@transaction.atomic
def remove_contact(*, by: User | None, contact: Contact) -> None:
    client, user, contact_id = contact.client, contact.user, contact.pk
    contact.delete()
    events.record(
        actor=by,
        verb="contact.removed",
        target=("clients.contact", contact_id),
        client=client,
        audience=Audience.CLIENT,
        data={"user": user.pk, "name": user.name},
    )


def forget_person(person: User, by: User | None) -> None:
    """An erased person leaves every client's contacts and team (accounts' erasure calls this)."""
    for contact in Contact.objects.filter(user=person).select_related("client", "user"):
        remove_contact(by=by, contact=contact)
    for membership in TeamMembership.objects.filter(user=person).select_related("client", "user"):
        remove_team_member(by=by, membership=membership)
