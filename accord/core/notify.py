"""In-app notifications (the bell), each with its email: both stored in the transaction of the
change that causes them (the outbox), never sent from inside it.

Nobody is notified of their own action, and deactivated people are not notified at all.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from accord.core.mail import absolute_url, queue_email
from accord.core.models import Notification
from accord.core.text import one_line

TEXT_LIMIT = 300


def notify(
    *,
    people: Iterable[Any],
    kind: str,
    text: str,
    url: str = "",
    actor: Any = None,
    client_id: int | None = None,
    email: bool = True,
    details: str = "",
) -> list[Notification]:
    """Tell `people` that `text` (one line) happened, in their list and by email; `details`
    (plain text, optional) adds to the email only."""
    line = one_line(text)[:TEXT_LIMIT]
    actor_id = getattr(actor, "pk", None)
    recipients = {p.pk: p for p in people if p is not None and p.is_active and p.pk != actor_id}
    rows = Notification.objects.bulk_create(
        Notification(
            user_id=pk, kind=kind, text=line, url=url, client_id=client_id, actor_id=actor_id
        )
        for pk in sorted(recipients)
    )
    if email:
        for pk in sorted(recipients):
            queue_email(
                to=[recipients[pk].email],
                subject=line,
                template="core/email/notification",
                context={
                    "person": recipients[pk],
                    "text": line,
                    "details": details,
                    "link": absolute_url(url) if url else "",
                },
            )
    return rows


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def of(user: Any) -> QuerySet[Notification]:
    """A person's notifications, newest first (index: user, -id)."""
    return Notification.objects.filter(user=user).order_by("-id")


def mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of a person's notifications read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
