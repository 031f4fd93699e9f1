"""The daily digest: one email a day, at the digest hour, for each person with notifications
they chose to get that way, grouped by client, newest first.

The worker's sweep finds the people whose digest is due and stores each digest in one short
transaction that also claims its notifications (marks them with the digest's Message-ID): two
workers never send one person two digests (the second claims nothing), and a crash before the
commit leaves everything to the next sweep. The email then goes through the outbox like any
other, retried until delivered.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accord.core import notification_kinds as kinds
from accord.core import notification_settings as choices
from accord.core.links import url_pattern
from accord.core.mail import absolute_url, db_now, new_message_id, queue_email
from accord.core.models import Notification, OutboundEmail

# A digest lists the newest this many, and says how many more there are.
SHOWN = 50
# People whose digest one sweep stores; the rest are due at the next.
PEOPLE_PER_SWEEP = 100
TEMPLATE = "core/email/digest"

ClientNames = Callable[[Collection[int]], dict[int, str]]
_client_names: list[ClientNames] = []


def register_client_names(names: ClientNames) -> None:
    """Clients live in an app above core: it registers how to name them (by id, one query)."""
    _client_names[:] = [names]


@dataclass
class Group:
    """A digest's notifications about one client (`name` empty: about no client)."""

    name: str
    items: list[dict[str, Any]] = field(default_factory=list)


def send_due(*, limit: int = PEOPLE_PER_SWEEP) -> int:
    """The worker's sweep: store the digest of each person whose digest is due (at most
    `limit` people); returns how many digests were stored."""
    people = list(
        Notification.objects.filter(digest_due_at__lte=db_now(), digested_in="")
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()[:limit]
    )
    return sum(send_digest(user_id=user_id) is not None for user_id in people)


def send_digest(*, user_id: int) -> OutboundEmail | None:
    """Store one person's digest of everything due, or None when nothing is (another worker
    took it) or the person was deactivated (their due notifications are dropped from it)."""
    with transaction.atomic(durable=True):
        batch = new_message_id()
        claimed = Notification.objects.filter(
            user_id=user_id, digest_due_at__lte=db_now(), digested_in=""
        ).update(digested_in=batch)
        if not claimed:
            return None
        person = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if person is None:
            return None
        newest = list(
            Notification.objects.filter(user_id=user_id, digested_in=batch).order_by("-id")[:SHOWN]
        )
        unsubscribe = choices.unsubscribe_link(user_id=user_id, kind=choices.ALL_DIGESTS)
        return queue_email(
            to=[person.email],
            subject=f"Your daily digest: {_count(claimed)}",
            template=TEMPLATE,
            context={
                "person": person,
                "groups": group_by_client(newest),
                "count": claimed,
                "more": claimed - len(newest),
                "list_link": absolute_url(reverse("notifications:list")),
                "settings_link": absolute_url(reverse("notifications:settings")),
                "unsubscribe_link": unsubscribe,
            },
            message_id=batch,
            unsubscribe_link=unsubscribe,
        )


def _count(n: int) -> str:
    return f"{n} notification{'s' if n != 1 else ''}"


def group_by_client(rows: list[Notification]) -> list[Group]:
    """Rows (newest first) grouped by client, the client with the newest first; each item
    with its kind's label, local time and the link that opens it (and marks it read)."""
    client_ids = {row.client_id for row in rows if row.client_id is not None}
    names = _client_names[0](client_ids) if _client_names and client_ids else {}
    opening = url_pattern("notifications:open", "notification_id")
    groups: dict[int | None, Group] = {}
    for row in rows:
        group = groups.setdefault(row.client_id, Group(name=names.get(row.client_id or 0, "")))
        declared = kinds.get(row.kind)
        group.items.append(
            {
                "text": row.text,
                "kind": declared.label if declared else row.kind,
                "at": timezone.localtime(row.created_at),
                "link": absolute_url(opening.format(row.pk)) if row.url else "",
            }
        )
    return list(groups.values())
