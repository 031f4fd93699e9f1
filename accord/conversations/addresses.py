"""Reply addresses: `reply+<token>@<inbound domain>`, one per notification email (so one thread
and one person), the token random and stored only as its SHA-256. Lower-case base32, because
mail systems may change the case of an address's local part."""

import base64
import re
import secrets
from typing import Any

from django.conf import settings

from accord.conversations.models import ReplyAddress, Thread
from accord.core.secrets import hash_secret

PREFIX = "reply+"
_TOKEN = re.compile(r"^reply\+([a-z2-7]{32})$")


def new_token() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode().lower()


def address_for(token: str) -> str:
    return f"{PREFIX}{token}@{settings.INBOUND_DOMAIN}"


def issue(*, thread: Thread, user: Any, message_id: str) -> str:
    """Store a new reply address for `user` in `thread` (inside the notification's transaction)
    and return it; `message_id` is the Message-ID of the email that carries it."""
    token = new_token()
    ReplyAddress.objects.create(
        digest=hash_secret(token), thread=thread, user=user, message_id=message_id
    )
    return address_for(token)


def token_in(address: str) -> str | None:
    """The token of a reply address at our inbound domain, or None."""
    local, _, domain = address.strip().lower().rpartition("@")
    if domain != settings.INBOUND_DOMAIN:
        return None
    match = _TOKEN.match(local)
    return match.group(1) if match else None


def find(token: str) -> ReplyAddress | None:
    return (
        ReplyAddress.objects.select_related("thread", "thread__client", "user")
        .filter(digest=hash_secret(token), revoked_at__isnull=True)
        .first()
    )


def by_message_ids(message_ids: list[str]) -> ReplyAddress | None:
    """The reply address of the newest of our emails named (In-Reply-To, References)."""
    ids = [m.strip() for m in message_ids if m.strip()][:50]
    if not ids:
        return None
    return (
        ReplyAddress.objects.select_related("thread", "thread__client", "user")
        .filter(message_id__in=ids, revoked_at__isnull=True)
        .order_by("-id")
        .first()
    )
