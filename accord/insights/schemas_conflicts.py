"""The conflicts API's shapes: a conflict in a list, one with both sides, and settling it."""

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from accord.core.api_support import Input, PageMeta, PageParams, Text
from accord.insights import queries_conflicts as queries
from accord.insights.models import FeedbackConflict
from accord.insights.services.conflicts import MAX_RESOLUTION


class ConflictQuery(PageParams):
    status: Literal["open", "settled"] | None = Field(
        None, description="Only the conflicts to settle, or only those settled."
    )


class FeedbackConflictSummaryOut(Schema):
    """Two of a client's reviewers pulling one version two ways."""

    id: int
    client_id: int
    client: str
    deliverable_id: int
    deliverable: str
    version_id: int
    version: int = Field(..., description="The version's number.")
    round_id: int | None
    kind: Literal["decisions", "comments"] = Field(
        ..., description="Opposite decisions, or comments asking for opposite changes."
    )
    element: str = Field(..., description="What both ask about (“logo”); empty if not named.")
    summary: str
    status: Literal["open", "settled"]
    detected_at: datetime
    settled_at: datetime | None
    settled_by: str | None
    revision: int = Field(..., description="Send it back when settling (409 if it changed).")

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> "FeedbackConflictSummaryOut":
        return cls(
            id=row["pk"],
            client_id=row["client_id"],
            client=row["client__name"],
            deliverable_id=row["deliverable_id"],
            deliverable=row["deliverable__title"],
            version_id=row["version_id"],
            version=row["version__number"],
            round_id=row["round_id"],
            kind=row["kind"],
            element=row["element"],
            summary=row["summary"],
            status=row["status"],
            detected_at=row["detected_at"],
            settled_at=row["settled_at"],
            settled_by=row["settled_by__name"],
            revision=row["revision"],
        )


class ConflictPage(PageMeta):
    items: list[FeedbackConflictSummaryOut]


class ConflictSideOut(Schema):
    """What one reviewer said: a comment, or a decision (with its note)."""

    who: str
    said: str
    where: str
    at: datetime | None
    verdict: str | None = Field(None, description="A decision's verdict, in words.")
    resolved: bool = Field(
        ..., description="The comment was resolved since (the conflict stays open until settled)."
    )
    comment_id: int | None
    decision_id: int | None


class FeedbackConflictOut(FeedbackConflictSummaryOut):
    resolution: str = Field(..., description="What was agreed with the client, once settled.")
    sides: list[ConflictSideOut]

    @classmethod
    def of(cls, conflict: FeedbackConflict) -> "FeedbackConflictOut":
        sides = [
            ConflictSideOut(
                who=s.who,
                said=s.said,
                where=s.where,
                at=s.at,
                verdict=s.verdict or None,
                resolved=s.resolved,
                comment_id=s.comment_id,
                decision_id=s.decision_id,
            )
            for s in queries.sides(conflict)
        ]
        return cls(
            id=conflict.pk,
            client_id=conflict.client_id,
            client=conflict.client.name,
            deliverable_id=conflict.deliverable_id,
            deliverable=conflict.deliverable.title,
            version_id=conflict.version_id,
            version=conflict.version.number,
            round_id=conflict.round_id,
            kind=conflict.kind,  # type: ignore[arg-type]
            element=conflict.element,
            summary=conflict.summary,
            status=conflict.status,  # type: ignore[arg-type]
            detected_at=conflict.detected_at,
            settled_at=conflict.settled_at,
            settled_by=conflict.settled_by.name if conflict.settled_by else None,
            revision=conflict.revision,
            resolution=conflict.resolution,
            sides=sides,
        )


class SettleIn(Input):
    resolution: Text = Field(
        ...,
        min_length=1,
        max_length=MAX_RESOLUTION,
        description="What was agreed with the client.",
    )
    revision: int = Field(..., ge=1, le=2**31 - 1, description="The conflict's `revision` read.")
