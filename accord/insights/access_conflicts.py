"""The only way a view or endpoint gets a client's conflicting feedback.

It is the agency's read of its client (how the client's reviewers disagree): admins and the
client's account manager read and settle it; nobody else opens it (404) — not the client's
contacts or guests, not creatives, not other account managers. Its events ("conflict.detected",
"conflict.settled") are internal: the client's activity feed gives their one-line sentence
(the deliverable, its version, the element; no quotes, no names) to the staff who read that
feed, other account managers on the client's team included, though not to creatives (the verbs
are not declared for them). The feed has no per-verb rule for staff to narrow that further.
"""

from typing import Any

from django.http import Http404

from accord.clients import access as client_access
from accord.clients import queries as client_queries
from accord.clients.models import Client
from accord.core import policy
from accord.insights import queries_conflicts as queries
from accord.insights.models import FeedbackConflict
from accord.reviews import access as reviews_access


def manages(user: Any, client: Any) -> bool:
    """Who reads and settles a client's conflicting feedback: admins and its account manager."""
    return client_access.may(user, client, "edit")


def may_read(user: Any) -> bool:
    """Whether the person may have conflicts to read at all (no query)."""
    return policy.is_admin(user) or policy.is_account_manager(user)


def client_for(user: Any, client_id: int) -> Client:
    """A client whose conflicts the person reads (404 otherwise). One query."""
    if not may_read(user):
        raise Http404("No such client.")
    client = client_queries.visible_to(user).filter(pk=client_id).first()
    if client is None or not manages(user, client):
        raise Http404("No such client.")
    return client


def deliverable_for(user: Any, deliverable_id: int) -> Any:
    """A deliverable whose conflicts the person reads (404 otherwise)."""
    if not may_read(user):
        raise Http404("No such deliverable.")
    deliverable = reviews_access.deliverable_for(user, deliverable_id)
    if not manages(user, deliverable.job.client):
        raise Http404("No such deliverable.")
    return deliverable


def conflict_for(user: Any, conflict_id: int) -> FeedbackConflict:
    """A conflict the person reads and may settle, with both sides (404 otherwise). One
    query."""
    conflict = (
        queries.visible_to(user)
        .select_related("client", "deliverable", *queries.SIDES)
        .filter(pk=conflict_id)
        .first()
    )
    if conflict is None:
        raise Http404("No such conflict.")
    return conflict
