"""Reviews API: what waits on the person's decision, the account manager's clients' open
rounds, and guest reviewers (its own router, next to `api.py`'s)."""

from datetime import datetime
from typing import Any, Literal

from ninja import Query, Router, Schema, Status
from pydantic import Field

from accord.core import policy
from accord.core.api_support import (
    BODY_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    ObjectId,
    PageMeta,
    PageParams,
    Text,
    page_of,
)
from accord.core.errors import NotAllowed
from accord.reviews import access, queries
from accord.reviews.models import Guest
from accord.reviews.services import guests

router = Router(tags=["reviews"])


class WaitingOut(Schema):
    """An open round: which deliverable and version, and by when."""

    round_id: int
    stage: Literal["internal", "client"]
    deliverable_id: int
    deliverable: str
    job: str
    client: str
    version: int = Field(..., description="The version's number.")
    due_at: datetime | None
    overdue: bool
    waiting_since: datetime | None


class WaitingPage(PageMeta):
    items: list[WaitingOut]


def _waiting_page(rounds: Any, page: PageParams) -> dict[str, Any]:
    result = page_of(queries.rows(rounds), page)
    now = datetime.now().astimezone()
    result["items"] = [
        WaitingOut(
            round_id=r["pk"],
            stage=r["stage"],
            deliverable_id=r["deliverable_id"],
            deliverable=r["deliverable__title"],
            job=r["deliverable__job__title"],
            client=r["client__name"],
            version=r["version__number"],
            due_at=r["due_at"],
            overdue=bool(r["due_at"] and r["due_at"] < now),
            waiting_since=r["waiting_since"],
        )
        for r in result["items"]
    ]
    return result


@router.get(
    "/reviews/waiting",
    response={200: WaitingPage, **READ_ERRORS},
    operation_id="list_reviews_waiting_on_me",
)
def list_reviews_waiting_on_me(request: AuthedRequest, page: Query[PageParams]) -> dict[str, Any]:
    """Open rounds waiting on your decision (you are an approver who has not decided), the
    soonest due first: a client's "Needs your review", an account manager's internal queue."""
    return _waiting_page(queries.waiting_on(request.user), page)


@router.get(
    "/reviews/with-clients",
    response={200: WaitingPage, **READ_ERRORS},
    operation_id="list_reviews_with_my_clients",
)
def list_reviews_with_my_clients(request: AuthedRequest, page: Query[PageParams]) -> dict[str, Any]:
    """Open client rounds of the clients you run (account managers and admins), soonest due
    first; 403 for anyone else."""
    if not policy.can_create_clients(request.user):
        raise NotAllowed("Only account managers and admins watch their clients' reviews.")
    return _waiting_page(queries.with_clients(request.user), page)


class GuestOut(Schema):
    """A guest reviewer of one deliverable (the link itself is only ever in their email)."""

    id: int
    email: str
    name: str
    role: Literal["reviewer", "approver"] | None
    invited_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    confirmed_at: datetime | None = Field(..., description="When they confirmed their email.")
    link_prefix: str = Field(..., description="The start of their link, to tell links apart.")


class GuestIn(Schema):
    email: Text = Field(..., max_length=254, description="Checked as the web form checks it.")
    name: Text = Field("", max_length=120)
    role: Literal["reviewer", "approver"] = "reviewer"
    days: int = Field(14, ge=1, le=60, description="How long the link works (default 14).")


def _guest_out(guest: Guest) -> GuestOut:
    # Their latest seat, from the prefetched rows when the list prefetched them.
    seat = max(guest.places.all(), key=lambda place: place.pk, default=None)
    return GuestOut(
        id=guest.pk,
        email=guest.email,
        name=guest.name,
        role=seat.role if seat else None,  # type: ignore[arg-type]
        invited_at=guest.created_at,
        expires_at=guest.expires_at,
        revoked_at=guest.revoked_at,
        confirmed_at=guest.verified_at,
        link_prefix=guest.token_prefix,
    )


@router.get(
    "/deliverables/{deliverable_id}/guests",
    response={200: list[GuestOut], **READ_ERRORS},
    operation_id="list_guests",
)
def list_guests(request: AuthedRequest, deliverable_id: ObjectId) -> list[GuestOut]:
    """The deliverable's guest reviewers, newest first (its account manager; at most 50)."""
    deliverable = access.deliverable_for(request.user, deliverable_id, "manage")
    rows = access.guests_of(deliverable).prefetch_related("places")[:50]
    return [_guest_out(g) for g in rows]


@router.post(
    "/deliverables/{deliverable_id}/guests",
    response={201: GuestOut, **BODY_ERRORS},
    operation_id="invite_guest",
)
def invite_guest(
    request: AuthedRequest, deliverable_id: ObjectId, payload: GuestIn
) -> Status[GuestOut]:
    """Invite someone by email to review the deliverable's open client round without an
    account: they are emailed a link (expiring after `days`) and confirm their address with a
    one-time code. 409 without an open client round, or if they already have a live link."""
    deliverable = access.deliverable_for(request.user, deliverable_id, "manage")
    guest, _ = guests.invite_guest(
        by=request.user,
        deliverable=deliverable,
        email=str(payload.email),
        name=payload.name,
        role=payload.role,
        days=payload.days,
    )
    return Status(201, _guest_out(guest))


@router.post(
    "/guests/{guest_id}/revoke",
    response={200: GuestOut, **WRITE_ERRORS},
    operation_id="revoke_guest",
)
def revoke_guest(request: AuthedRequest, guest_id: ObjectId) -> GuestOut:
    """End a guest's link now (what they said stays on the record)."""
    guest = guests.revoke_guest(by=request.user, guest=access.guest_for(request.user, guest_id))
    return _guest_out(guest)
