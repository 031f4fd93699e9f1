"""Erasing a person (a GDPR request): their personal data goes, the record of what happened stays.

People are deactivated, never deleted: events, sign-offs and requests keep pointing at the user
row. Erasure replaces what identifies the person — name, email, title, password, tokens, links,
sessions, and their name and email in events and stored emails — with a neutral placeholder.
Apps above accounts (contacts, teams…) add their part with `register_eraser`; those that hold
the person's name in free text (meeting notes) with `register_name_eraser`, which tells them
every name and email the person had.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr
from functools import cached_property

from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast, Lower
from django.utils import timezone

from accord.accounts.models import ApiToken, EmailRequest, LoginFailure, MagicLink, User
from accord.core import erasure, events
from accord.core.errors import DomainError
from accord.core.models import Event, OutboundEmail
from accord.core.policy import Kind, StaffRole

# What apps above accounts erase of a person: called with (person, by) in the same transaction,
# after the user row holds the placeholder.
Eraser = Callable[[User, User | None], None]
ERASERS: list[Eraser] = []
# What apps above accounts keep by address rather than by person (mail received from someone
# with no account yet): called with the person's addresses as they were, lower-cased.
AddressEraser = Callable[[User, set[str]], None]
ADDRESS_ERASERS: list[AddressEraser] = []


@dataclass(frozen=True)
class Known:
    """Who an erased person was, as written before the erasure: every name and email they had
    (`words`), and what stands in their place."""

    words: tuple[str, ...]
    placeholder: erasure.Placeholder

    @cached_property
    def _found(self) -> re.Pattern[str] | None:
        return _pattern(list(self.words), ignore_case=True)

    def redact(self, text: str) -> str:
        """`text` with each of the words, standing alone and in any case, replaced by the
        placeholder's name (its email for an address): “Carol Reyes” and “carol@acme.test” go,
        “Carolina” and “mary.carol@acme.test” stay."""
        if self._found is None or not text:
            return text
        return _redact_text(text, [self._found], self.placeholder)


# What apps above accounts erase of a person from text they keep (meeting notes): called with
# (person, by, known) in the same transaction, before the user row holds the placeholder.
NameEraser = Callable[[User, User | None, Known], None]
NAME_ERASERS: list[NameEraser] = []


ERASED_DOMAIN = "erased.invalid"  # RFC 2606: never routable


def register_eraser(eraser: Eraser) -> None:
    """Let a higher app erase its own records of a person (called from its AppConfig.ready)."""
    if eraser not in ERASERS:
        ERASERS.append(eraser)


def register_address_eraser(eraser: AddressEraser) -> None:
    """Let a higher app erase what it keeps under the person's email addresses."""
    if eraser not in ADDRESS_ERASERS:
        ADDRESS_ERASERS.append(eraser)


def register_name_eraser(eraser: NameEraser) -> None:
    """Let a higher app take the person's names and emails out of text it keeps (they are gone
    from the user row by the time `register_eraser`'s erasers run)."""
    if eraser not in NAME_ERASERS:
        NAME_ERASERS.append(eraser)


def placeholder_for(person: User) -> erasure.Placeholder:
    return erasure.Placeholder(
        name=f"Erased person {person.pk}", email=f"erased-{person.pk}@{ERASED_DOMAIN}"
    )


def is_erased(person: User) -> bool:
    return person.email.endswith(f"@{ERASED_DOMAIN}")


def _refuse(person: User, by: User | None) -> None:
    if by is not None and by.pk == person.pk:
        raise DomainError("You cannot erase yourself; ask another admin.")
    if is_erased(person):
        raise DomainError("This person has already been erased.")
    managed = person.managed_clients.count()
    if managed:
        raise DomainError(
            f"{person.name} is the account manager of {managed} client"
            f"{'s' if managed != 1 else ''}. Hand them over first."
        )
    admins = User.objects.filter(kind=Kind.STAFF, staff_role=StaffRole.ADMIN, is_active=True)
    if person in admins and not admins.exclude(pk=person.pk).exists():
        raise DomainError(
            f"{person.name} is the last active admin: make someone else an admin first."
        )


# A name or address stands alone: not inside a longer address (“mary.carol@…”, “…@acme.test.uk”,
# “carol+tag@…”) or a longer word (“Carolina”). A full stop may end the sentence after it.
BEFORE, AFTER = r"(?<![\w.+@-])", r"(?![\w+@-]|\.\w)"


def _pattern(words: list[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    if not words:
        return None
    # Longest first, so a full name is replaced before a first name inside it.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"{BEFORE}(?:{alternatives}){AFTER}", re.IGNORECASE if ignore_case else 0)


def _redact_text(text: str, patterns: list[re.Pattern[str]], to: erasure.Placeholder) -> str:
    for pattern in patterns:
        text = pattern.sub(lambda m: to.for_value(m.group(0)), text)
    return text


def _address(recipient: object) -> str:
    return parseaddr(str(recipient))[1].strip().lower()


def _redacted_email(
    row: OutboundEmail,
    *,
    addresses: set[str],
    words: list[str],
    first_name: str,
    to: erasure.Placeholder,
) -> dict[str, object]:
    """What changes in one stored email: their address out of the recipients (unsent mail
    addressed only to them is given up), their names and addresses out of the words."""
    recipients = list(row.to or [])
    others = [r for r in recipients if _address(r) not in addresses]
    changes: dict[str, object] = {}
    addressed = len(others) < len(recipients)
    if addressed:
        waiting = row.sent_at is None and row.abandoned_at is None
        if waiting and others:
            changes["to"] = others
        else:
            changes["to"] = [r if _address(r) not in addresses else to.email for r in recipients]
        if waiting and not others:
            changes["abandoned_at"] = timezone.now()
    patterns = [p for p in (_pattern(words, ignore_case=True),) if p]
    if addressed and first_name:  # “Hi Carol” in mail to Carol, as written: case-sensitive
        patterns += [p for p in (_pattern([first_name], ignore_case=False),) if p]
    for field in ("subject", "text", "html", "last_error"):
        value = getattr(row, field)
        redacted = _redact_text(value, patterns, to)
        if redacted != value:
            changes[field] = redacted[:255] if field == "subject" else redacted
    if "abandoned_at" in changes:
        changes["last_error"] = "recipient erased"
    return changes


def _redact_emails(
    addresses: set[str], words: list[str], first_name: str, to: erasure.Placeholder
) -> int:
    """Stored emails to the person or naming them; returns how many changed."""
    found = Q()
    for address in addresses:
        found |= Q(to_text__icontains=address)
    for word in words:
        for field in ("subject", "text", "html", "last_error"):
            found |= Q(**{f"{field}__icontains": word})
    # Ids first: SQLite cannot update a table while a cursor over it is open.
    ids = list(
        OutboundEmail.objects.annotate(to_text=Cast("to", TextField()))
        .filter(found)
        .values_list("pk", flat=True)
    )
    count = 0
    for start in range(0, len(ids), 500):
        for row in OutboundEmail.objects.filter(pk__in=ids[start : start + 500]):
            changes = _redacted_email(
                row, addresses=addresses, words=words, first_name=first_name, to=to
            )
            if changes:
                OutboundEmail.objects.filter(pk=row.pk).update(**changes)
                count += 1
    return count


@transaction.atomic
def erase_person(*, person: User, by: User | None) -> Event:
    """Remove a person's personal data everywhere, keep what they did; returns the erasure event.

    `by` is the admin (None from the command line). The event chain still verifies afterwards.
    """
    # The chain head first, as every event writer takes it: concurrent writers queue behind.
    events.lock_chain()
    person = User.objects.select_for_update().get(pk=person.pk)
    _refuse(person, by)
    to = placeholder_for(person)
    names = {person.name.strip(), person.email.strip(), *erasure.names_of(person.pk)}
    names.discard("")
    addresses = {n.lower() for n in names if "@" in n}
    first_name = person.first_name if person.name else ""
    known = Known(words=tuple(sorted(names, key=len, reverse=True)), placeholder=to)
    for name_eraser in NAME_ERASERS:
        name_eraser(person, by, known)
    person.name, person.email = to.name, to.email
    person.job_title, person.disciplines = "", []
    person.is_active = False
    # An unusable password also changes the session auth hash: every session of theirs ends.
    person.set_unusable_password()
    person.save()
    ApiToken.objects.filter(user=person).delete()
    MagicLink.objects.filter(user=person).delete()
    LoginFailure.objects.annotate(lower=Lower("email")).filter(lower__in=addresses).delete()
    EmailRequest.objects.annotate(lower=Lower("email")).filter(lower__in=addresses).delete()
    for eraser in ERASERS:
        eraser(person, by)
    for address_eraser in ADDRESS_ERASERS:
        address_eraser(person, addresses)
    _redact_emails(addresses, sorted(names), first_name, to)
    return erasure.forget(by=by, person=person, known=names, placeholder=to)
