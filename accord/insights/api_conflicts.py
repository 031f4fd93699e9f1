"""The conflicts part of the insights API: a client's or a deliverable's conflicting feedback,
one conflict with both sides, and settling it. For the agency only: the client's account
manager and admins; anyone else gets 404, as if none existed."""

from typing import Any

from ninja import Query, Router

from accord.core.api_support import (
    BODY_ERRORS,
    READ_ERRORS,
    AuthedRequest,
    ObjectId,
    page_of,
)
from accord.insights import access_conflicts as access
from accord.insights import queries_conflicts as queries
from accord.insights.schemas_conflicts import (
    ConflictPage,
    ConflictQuery,
    FeedbackConflictOut,
    FeedbackConflictSummaryOut,
    SettleIn,
)
from accord.insights.services import conflicts as services

router = Router(tags=["Insights"])


def _page(conflicts: Any, query: ConflictQuery) -> dict[str, Any]:
    result = page_of(queries.rows(queries.with_status(conflicts, query.status or "")), query)
    result["items"] = [FeedbackConflictSummaryOut.of_row(row) for row in result["items"]]
    return result


@router.get(
    "/clients/{client_id}/conflicts",
    response={200: ConflictPage, **READ_ERRORS},
    operation_id="list_client_conflicts",
)
def list_client_conflicts(
    request: AuthedRequest, client_id: ObjectId, query: Query[ConflictQuery]
) -> dict[str, Any]:
    """A client's conflicting feedback, those to settle first, then the newest."""
    client = access.client_for(request.user, client_id)
    return _page(queries.visible_to(request.user).filter(client=client), query)


@router.get(
    "/deliverables/{deliverable_id}/conflicts",
    response={200: ConflictPage, **READ_ERRORS},
    operation_id="list_deliverable_conflicts",
)
def list_deliverable_conflicts(
    request: AuthedRequest, deliverable_id: ObjectId, query: Query[ConflictQuery]
) -> dict[str, Any]:
    """The conflicting feedback on a deliverable's versions, those to settle first."""
    deliverable = access.deliverable_for(request.user, deliverable_id)
    return _page(queries.visible_to(request.user).filter(deliverable=deliverable), query)


@router.get(
    "/conflicts/{conflict_id}",
    response={200: FeedbackConflictOut, **READ_ERRORS},
    operation_id="get_conflict",
)
def get_conflict(request: AuthedRequest, conflict_id: ObjectId) -> FeedbackConflictOut:
    """One conflict: what each reviewer said (comments, or decisions with their notes) and,
    once settled, what was agreed with the client."""
    return FeedbackConflictOut.of(access.conflict_for(request.user, conflict_id))


@router.post(
    "/conflicts/{conflict_id}/settle",
    response={200: FeedbackConflictOut, **BODY_ERRORS},
    operation_id="settle_conflict",
)
def settle_conflict(
    request: AuthedRequest, conflict_id: ObjectId, body: SettleIn
) -> FeedbackConflictOut:
    """Record what was agreed with the client. `revision` is the one you read: if the conflict
    changed since (settled by someone else), nothing is saved (409, saying what it is now);
    an empty resolution is a 422 on `resolution`."""
    conflict = access.conflict_for(request.user, conflict_id)
    services.settle(
        by=request.user, conflict=conflict, resolution=body.resolution, revision=body.revision
    )
    return FeedbackConflictOut.of(access.conflict_for(request.user, conflict_id))
