"""Erasing a person (a GDPR request): their personal data goes, the record of what happened stays.

People are deactivated, never deleted: events, sign-offs and requests keep pointing at the user
row. Erasure replaces what identifies the person — name, email, title, password, tokens, links,
sessions, and their name and email in events and stored emails — with a neutral placeholder.
Apps above accounts (contacts, teams…) add their part with `register_eraser`.
"""

import re
from collections.abc import Callable

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from accord.accounts.models import ApiToken, EmailRequest, LoginFailure, MagicLink, User
from accord.core import erasure
from accord.core.errors import DomainError
from accord.core.models import Event, OutboundEmail

# What apps above accounts erase of a person: called with (person, by) in the same transaction,
# after the user row holds the placeholder.
Eraser = Callable[[User, User | None], None]
ERASERS: list[Eraser] = []

ERASED_DOMAIN = "erased.invalid"  # RFC 2606: never routable


def register_eraser(eraser: Eraser) -> None:
    """Let a higher app erase its own records of a person (called from its AppConfig.ready)."""
    if eraser not in ERASERS:
        ERASERS.append(eraser)


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


def _sessions_of(person: User) -> list[str]:
    keys = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(person.pk):
            keys.append(session.session_key)
    return keys


def _redact_text(text: str, words: list[str], to: erasure.Placeholder) -> str:
    for word in words:
        pattern = rf"\b{re.escape(word)}\b" if word[:1].isalnum() else re.escape(word)
        text = re.sub(pattern, lambda m: to.for_value(m.group(0)), text, flags=re.I)
    return text


def _redact_emails(email: str, words: list[str], first_name: str, to: erasure.Placeholder) -> int:
    """Stored emails sent to the person or naming them: recipient, subject and body redacted
    (in email to them, their first name too: “Hi Carol”)."""
    found = Q(to_text__icontains=email)
    for word in words:
        found |= Q(subject__icontains=word) | Q(text__icontains=word) | Q(html__icontains=word)
    rows = OutboundEmail.objects.annotate(to_text=Cast("to", TextField())).filter(found)
    count = 0
    for row in rows.iterator():
        recipients = [to.email if email in str(r).lower() else r for r in row.to or []]
        mine = [*words, first_name] if recipients != row.to and first_name else words
        OutboundEmail.objects.filter(pk=row.pk).update(
            to=recipients,
            subject=_redact_text(row.subject, mine, to)[:255],
            text=_redact_text(row.text, mine, to),
            html=_redact_text(row.html, mine, to),
        )
        count += 1
    return count


@transaction.atomic
def erase_person(*, person: User, by: User | None) -> Event:
    """Remove a person's personal data everywhere, keep what they did; returns the erasure event.

    `by` is the admin (None from the command line). The event chain still verifies afterwards.
    """
    person = User.objects.select_for_update().get(pk=person.pk)
    _refuse(person, by)
    to = placeholder_for(person)
    email = person.email.lower()
    # Longest first, so the full name is replaced before a first name inside it.
    words = sorted({w for w in (person.name.strip(), email) if w}, key=len, reverse=True)
    known = [*words, person.first_name if person.name else ""]
    person.name, person.email = to.name, to.email
    person.job_title, person.disciplines = "", []
    person.is_active = False
    person.set_unusable_password()
    person.save()
    ApiToken.objects.filter(user=person).delete()
    MagicLink.objects.filter(user=person).delete()
    Session.objects.filter(session_key__in=_sessions_of(person)).delete()
    LoginFailure.objects.filter(email__iexact=email).delete()
    EmailRequest.objects.filter(email__iexact=email).delete()
    for eraser in ERASERS:
        eraser(person, by)
    _redact_emails(email, words, known[-1], to)
    return erasure.forget(by=by, person=person, known=known, placeholder=to)
