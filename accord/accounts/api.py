"""People: who I am, the agency team, and my personal access tokens."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Query, Router, Schema, Status

from accord.accounts import access, queries, services
from accord.accounts.models import ApiToken, User
from accord.core.api_support import (
    BODY_ERRORS,
    ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    Input,
    ObjectId,
    PageMeta,
    PageParams,
    Text,
    page_of,
)

router = Router(tags=["people"])

StaffRoleValue = Literal["admin", "am", "creative"]
DisciplineValue = Literal["copywriting", "design", "social", "video", "web", "strategy"]


class MeOut(Schema):
    id: int
    email: str
    name: str
    kind: str
    staff_role: str
    disciplines: list[str]
    job_title: str


@router.get("/me", response={200: MeOut, **ERRORS}, operation_id="me")
def me(request: AuthedRequest) -> MeOut:
    """The person the request is authenticated as."""
    return MeOut.from_orm(request.user)


# --- The agency team ---------------------------------------------------------------------


class StaffOut(Schema):
    id: int
    email: str
    name: str
    staff_role: str
    disciplines: list[str]
    job_title: str
    weekly_capacity_hours: Decimal
    is_active: bool
    has_accepted_invitation: bool


class StaffPage(PageMeta):
    items: list[StaffOut]


class StaffFilters(Schema):
    q: Text = Field("", max_length=100, description="Part of a name or email.")
    role: StaffRoleValue | None = None
    discipline: DisciplineValue | None = None


class StaffIn(Input):
    email: Text = Field(..., max_length=254)
    name: Text = Field(..., min_length=1, max_length=150)
    staff_role: StaffRoleValue
    disciplines: list[DisciplineValue] = Field(default_factory=list, max_length=10)
    weekly_capacity_hours: Decimal = Field(
        Decimal("37.5"), ge=0, le=80, max_digits=3, decimal_places=1, strict=False
    )
    job_title: Text = Field("", max_length=120)


class StaffPatch(Input):
    name: Text | None = Field(None, min_length=1, max_length=150)
    staff_role: StaffRoleValue | None = None
    disciplines: list[DisciplineValue] | None = Field(None, max_length=10)
    weekly_capacity_hours: Decimal | None = Field(
        None, ge=0, le=80, max_digits=3, decimal_places=1, strict=False
    )
    job_title: Text | None = Field(None, max_length=120)
    is_active: bool | None = None


@router.get("/team", response={200: StaffPage, **READ_ERRORS}, operation_id="list_staff")
def list_staff(
    request: AuthedRequest, filters: Query[StaffFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """The agency team, by name (admins also see deactivated accounts). Staff only."""
    access.require_staff(request.user)
    staff = queries.search_staff(
        queries.staff_visible_to(request.user),
        q=filters.q,
        role=filters.role or "",
        discipline=filters.discipline or "",
    ).order_by("name", "id")
    return page_of(staff, page)


@router.get("/team/{staff_id}", response={200: StaffOut, **READ_ERRORS}, operation_id="get_staff")
def get_staff(request: AuthedRequest, staff_id: ObjectId) -> User:
    """One member of the agency team. Staff only."""
    access.require_staff(request.user)
    return access.staff_member_for(request.user, staff_id)


@router.post("/team", response={201: StaffOut, **BODY_ERRORS}, operation_id="invite_staff")
def invite_staff(request: AuthedRequest, payload: StaffIn) -> Status[User]:
    """Invite someone to the agency team; they get an email to set a password. Admins only."""
    access.require_staff(request.user)
    access.require_people_manager(request.user)
    user = services.invite_staff(by=request.user, **payload.model_dump())
    return Status(201, user)


@router.patch(
    "/team/{staff_id}", response={200: StaffOut, **BODY_ERRORS}, operation_id="update_staff"
)
def update_staff(request: AuthedRequest, staff_id: ObjectId, payload: StaffPatch) -> User:
    """Change a team member's name, role, disciplines, capacity, title or active state."""
    access.require_staff(request.user)
    member = access.staff_member_for(request.user, staff_id, action="edit")
    return services.update_staff(
        by=request.user, user=member, **payload.model_dump(exclude_unset=True)
    )


@router.post(
    "/team/{staff_id}/invitation",
    response={202: StaffOut, **WRITE_ERRORS},
    operation_id="resend_invitation",
)
def resend_invitation(request: AuthedRequest, staff_id: ObjectId) -> Status[User]:
    """Email a fresh invitation link to someone yet to set a password (409 once they have).

    Admins only."""
    access.require_staff(request.user)
    member = access.staff_member_for(request.user, staff_id, action="edit")
    return Status(202, services.resend_invitation(by=request.user, user=member))


# --- Personal access tokens ----------------------------------------------------------------


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    is_active: bool


class NewTokenOut(TokenOut):
    token: str = Field(..., description="The token itself. Shown only this once.")


class TokenIn(Input):
    name: Text = Field(..., min_length=1, max_length=80)


@router.get("/me/tokens", response={200: list[TokenOut], **ERRORS}, operation_id="list_tokens")
def list_tokens(request: AuthedRequest) -> list[ApiToken]:
    """My personal access tokens, newest first (revoked ones included)."""
    return list(queries.tokens_of(request.user))


@router.post("/me/tokens", response={201: NewTokenOut, **BODY_ERRORS}, operation_id="create_token")
def create_token(request: AuthedRequest, payload: TokenIn) -> Status[NewTokenOut]:
    """A new personal access token. The token is in this response only; store it now."""
    token, plaintext = services.create_api_token(user=request.user, name=payload.name)
    return Status(201, NewTokenOut(**TokenOut.from_orm(token).dict(), token=plaintext))


@router.delete(
    "/me/tokens/{token_id}", response={204: None, **WRITE_ERRORS}, operation_id="revoke_token"
)
def revoke_token(request: AuthedRequest, token_id: ObjectId) -> Status[None]:
    """Revoke one of my tokens; requests with it are refused from now on."""
    token = access.token_for(request.user, token_id)
    services.revoke_api_token(token=token, by=request.user)
    return Status(204, None)
