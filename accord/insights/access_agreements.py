"""The only way a view or endpoint gets a client's record of what was agreed or its meeting notes.

Who reads them: admins; the account managers who see the client (its own, and those on its
team); the client's contacts (it is their record too). Creatives never do: what a client
agreed reaches them as briefs and to-dos. Who writes: the client's account manager and admins
record, withdraw and revise notes; the client's approvers and reviewers confirm or correct them
(the services judge that, as a reply by email is judged the same way).
"""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accord.clients import queries as client_queries
from accord.clients.models import Client
from accord.conversations import access as conversations_access
from accord.core import policy
from accord.core.text import possessive
from accord.insights.models import Agreement, MeetingNote

ClientAction = Literal["view", "record"]
NoteAction = Literal["view", "manage"]
MANAGE_REFUSED = "Only the account manager can do that."


def readable_clients(user: Any) -> QuerySet[Client]:
    """The clients whose record of what was agreed the person reads."""
    if policy.is_admin(user):
        return Client.objects.all()
    if policy.is_account_manager(user) or policy.is_contact(user):
        return client_queries.visible_to(user)
    return Client.objects.none()


def manages(user: Any, client: Any) -> bool:
    """Admins and the client's account manager record its meeting notes."""
    return conversations_access.manages(user, client)


def visible_agreements(user: Any) -> QuerySet[Agreement]:
    if policy.is_admin(user):
        return Agreement.objects.all()
    return Agreement.objects.filter(client__in=readable_clients(user).values("pk"))


def visible_notes(user: Any) -> QuerySet[MeetingNote]:
    if policy.is_admin(user):
        return MeetingNote.objects.all()
    return MeetingNote.objects.filter(client__in=readable_clients(user).values("pk"))


def client_for(user: Any, client_id: int, action: ClientAction = "view") -> Client:
    """A client whose record the person reads (else 404); recording notes for it is for
    those who run it (else 403). One query."""
    client = readable_clients(user).select_related("account_manager").filter(pk=client_id).first()
    if client is None:
        raise Http404("No such client.")
    client.managing = manages(user, client)  # type: ignore[attr-defined]
    if action == "record" and not client.managing:  # type: ignore[attr-defined]
        raise PermissionDenied(
            f"Only {possessive(client.name)} account manager records meeting notes for it."
        )
    return client


def note_for(user: Any, note_id: int, action: NoteAction = "view") -> MeetingNote:
    """Meeting notes the person reads (else 404); withdrawing or revising them is for those
    who run the client (else 403). Confirming and correcting are the services' to judge."""
    note = (
        visible_notes(user)
        .select_related("client", "client__account_manager", "recorded_by", "answered_by")
        .filter(pk=note_id)
        .first()
    )
    if note is None:
        raise Http404("No such meeting notes.")
    note.managing = manages(user, note.client)  # type: ignore[attr-defined]
    if action == "manage" and not note.managing:  # type: ignore[attr-defined]
        raise PermissionDenied(MANAGE_REFUSED)
    return note
