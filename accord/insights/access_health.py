"""Who reads account health and client sentiment: the agency people who run the client (its
account manager, and admins). Never the client's own contacts, nor creatives."""

from typing import Any

from django.core.exceptions import PermissionDenied

from accord.clients import access as clients
from accord.clients.models import Client
from accord.core import policy


def may_read_health(user: Any) -> bool:
    return policy.is_admin(user) or policy.is_account_manager(user)


def require_health_reader(user: Any) -> None:
    """The health list: admins (every client) and account managers (their own); others 403."""
    if not may_read_health(user):
        raise PermissionDenied("Account health is for the agency's account managers.")


def health_client_for(user: Any, client_id: int) -> Client:
    """The client whose health `user` reads: 404 when they cannot see it, 403 when they do not
    run it (a contact, a creative, another account manager)."""
    return clients.client_for(user, client_id, action="edit")
