"""Reviews API: two versions of a deliverable compared (its own router, next to `api.py`'s).

Pictures are compared by the client from the versions' pages (`get_version_page`); copy comes
with its word diff, worked out at a bounded cost (`reviews.diff`).
"""

from datetime import datetime
from typing import Any, Literal

from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import BaseModel, Field

from accord.core import policy
from accord.core.api_support import MAX_ID, AuthedRequest, ErrorOut, ObjectId, ValidationErrorOut
from accord.intake.schemas import NamedRef
from accord.reviews import access, comparison
from accord.reviews.models import Version

router = Router(tags=["reviews"])


class CompareParams(Schema):
    a: int | None = Field(None, ge=1, le=MAX_ID, description="The older version's id.")
    b: int | None = Field(None, ge=1, le=MAX_ID, description="The newer version's id.")


class PieceOut(BaseModel):
    op: Literal["equal", "insert", "delete"]
    text: str


class ClientComparedOut(BaseModel):
    """One of the two versions, for the client."""

    id: int
    number: int
    kind: str = Field(..., description="image, pdf, video, copy or link.")
    sha256: str = Field(..., description="The SHA-256 of the content: what a decision approves.")
    created_at: datetime
    page_count: int = Field(..., description="Pages: 1 for an image, a PDF's own, else 0.")

    @classmethod
    def fields_of(cls, version: Version) -> dict[str, Any]:
        return {
            "id": version.pk,
            "number": version.number,
            "kind": version.kind,
            "sha256": version.sha256,
            "created_at": version.created_at,
            "page_count": comparison.page_count(version),
        }

    @classmethod
    def of(cls, version: Version) -> "ClientComparedOut":
        return cls(**cls.fields_of(version))


class ComparedOut(ClientComparedOut):
    """One of the two versions, for the agency: with who uploaded it and what changed."""

    note: str = Field(..., description="What changed since the version before it.")
    uploaded_by: NamedRef | None

    @classmethod
    def of(cls, version: Version) -> "ComparedOut":
        person = version.uploaded_by
        return cls(
            **cls.fields_of(version),
            note=version.note,
            uploaded_by=NamedRef(id=person.pk, name=person.name) if person else None,
        )


class ClientCompareOut(BaseModel):
    """Two versions compared, for the client."""

    a: ClientComparedOut
    b: ClientComparedOut
    kinds_differ: bool = Field(..., description="Not both pictures (image or PDF), nor alike.")
    diff: list[PieceOut] | None = Field(
        ...,
        description=(
            "Copy: the word diff from a to b. Joining the equal and delete pieces gives a's "
            "text, equal and insert b's. A passage too long to diff word by word comes as "
            "deleted and inserted whole."
        ),
    )


class CompareOut(ClientCompareOut):
    """Two versions compared, for the agency."""

    a: ComparedOut
    b: ComparedOut


@router.get(
    "/deliverables/{deliverable_id}/compare",
    response={
        200: CompareOut | ClientCompareOut,
        401: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
    operation_id="compare_versions",
)
def compare_versions(
    request: AuthedRequest, deliverable_id: ObjectId, versions: Query[CompareParams]
) -> CompareOut | ClientCompareOut:
    """Versions `a` and `b` of a deliverable (by default the latest and the one before it):
    both summaries, their page counts and, for copy, the word diff. Contacts compare only
    versions sent to them (404 otherwise, as for a version of another deliverable)."""
    deliverable = access.deliverable_for(request.user, deliverable_id)
    _, a, b = comparison.chosen(request.user, deliverable, versions.a, versions.b)
    if a is None or b is None:
        raise Http404("This deliverable has no earlier version to compare with.")
    pieces = None
    if a.kind == b.kind == Version.Kind.COPY:
        pieces = [PieceOut(op=p.op, text=p.text) for p in comparison.copy_diff(a, b)]
    differ = comparison.kinds_differ(a, b)
    if policy.is_contact(request.user):
        return ClientCompareOut(
            a=ClientComparedOut.of(a), b=ClientComparedOut.of(b), kinds_differ=differ, diff=pieces
        )
    return CompareOut(a=ComparedOut.of(a), b=ComparedOut.of(b), kinds_differ=differ, diff=pieces)
