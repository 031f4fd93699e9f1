"""The only way a view or endpoint gets a client: visible or 404, allowed or 403."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accord.clients import queries
from accord.clients.models import Client, Contact, TeamMembership
from accord.core import policy

ClientAction = Literal["view", "view_internal", "edit", "archive", "manage_team", "manage_contacts"]


def may(user: Any, client: Client, action: ClientAction) -> bool:
    """Whether a person who can see `client` may do `action` on it."""
    if action == "view":
        return True
    if action == "view_internal":
        return policy.is_staff_member(user)
    return policy.is_admin(user) or (
        policy.is_account_manager(user) and client.account_manager_id == user.pk
    )


def client_for(user: Any, client_id: int, action: ClientAction = "view") -> Client:
    """The client if `user` may see it (else 404) and do `action` (else 403). One query."""
    clients = queries.visible_to(user).select_related("account_manager", "brand")
    if policy.is_contact(user):
        clients = queries.with_my_contact_role(clients, user)
    client = clients.filter(pk=client_id).first()
    if client is None:
        raise Http404("No such client.")
    if not may(user, client, action):
        raise PermissionDenied("You cannot do that on this client.")
    return client


def team_member_for(user: Any, client: Client, user_id: int) -> TeamMembership:
    membership = client.team.select_related("user").filter(user_id=user_id).first()
    if membership is None:
        raise Http404("That person is not on this team.")
    return membership


def contact_for(user: Any, client: Client, contact_id: int) -> Contact:
    contact = client.contacts.select_related("user").filter(pk=contact_id).first()
    if contact is None:
        raise Http404("No such contact.")
    return contact


def require_client_creator(user: Any) -> None:
    """Only admins and account managers add clients; anyone else signed in is refused (403)."""
    if not policy.can_create_clients(user):
        raise PermissionDenied("Only admins and account managers can add clients.")
