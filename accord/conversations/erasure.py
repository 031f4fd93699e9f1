"""Erasing a person from conversations: the raw emails they sent (their address, signature and
whatever they quoted) go, with their reply addresses; the messages stay, as the record of what
was said, under the erased name the user row now holds."""

from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower

from accord.conversations.models import InboundEmail, ReplyAddress
from accord.core import erasure

ERASED_RAW = b"(This email was erased at its sender's request.)\r\n"


def forget_person(person: Any, addresses: set[str]) -> None:
    """Erase `person` from stored inbound email, found by the messages it became and by the
    addresses the person had (called by accounts' erasure)."""
    addresses = {a.lower() for a in addresses} | {
        n.lower() for n in erasure.names_of(person.pk) if "@" in n
    }
    theirs = Q(messages__author=person)
    if addresses:
        theirs |= Q(sender_lower__in=addresses)
    ids = list(
        InboundEmail.objects.annotate(sender_lower=Lower("sender"))
        .filter(theirs)
        .values_list("pk", flat=True)
        .distinct()
    )
    for start in range(0, len(ids), 500):
        InboundEmail.objects.filter(pk__in=ids[start : start + 500]).update(
            raw=ERASED_RAW,
            size=len(ERASED_RAW),
            mail_from=person.email,
            rcpt_to=[],
            sender=person.email,
            sender_name=person.name,
            subject="",
            message_id="",
        )
    ReplyAddress.objects.filter(user=person).delete()
