"""Clients: accounts, terms, brand profile, contacts, team and activity."""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import FileResponse, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import AfterValidator, BaseModel, ConfigDict

from accord.accounts import queries as people
from accord.accounts.models import User
from accord.clients import access, logos, queries, services
from accord.clients.models import BrandProfile, Client, Contact, TeamMembership
from accord.core import feed, policy
from accord.core.api_support import (
    BODY_ERRORS,
    MAX_ID,
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    ErrorOut,
    Input,
    ObjectId,
    PageMeta,
    PageParams,
    Text,
    binary_response,
    page_of,
)
from accord.core.errors import InvalidInput
from accord.core.models import Event

router = Router(tags=["clients"])

ContactRoleValue = Literal["approver", "reviewer", "viewer"]


def _website(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError as exc:
            raise ValueError("Enter a full web address, like https://example.com.") from exc
    return value


Website = Annotated[Text, AfterValidator(_website)]


# --- Output -------------------------------------------------------------------------------


class PersonOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    email: str


# The client detail family is built explicitly (`of`) rather than through ninja resolvers:
# built once, an instance passes response validation as it is, so the schema chosen for the
# person asking (with or without internal notes) is the schema they receive.


class BrandOut(BaseModel):
    voice_and_tone: str
    dos: list[str]
    donts: list[str]
    colours: list[str]
    logo_url: str | None = Field(
        ..., description="The logo (`download_client_logo`): fetch it with your token."
    )
    updated_at: datetime

    @classmethod
    def of(cls, brand: BrandProfile, request: HttpRequest) -> "BrandOut":
        # The access-checked logo operation: logos have no public address.
        logo_path = brand.logo_address("api:download_client_logo")
        logo_url = request.build_absolute_uri(logo_path) if logo_path else None
        return cls(
            voice_and_tone=brand.voice_and_tone,
            dos=brand.dos_list,
            donts=brand.donts_list,
            colours=list(brand.colours),
            logo_url=logo_url,
            updated_at=brand.updated_at,
        )


class ClientSummaryOut(Schema):
    """A client in a list, as its own contacts see it: nothing about the agency's team."""

    id: int
    name: str
    industry: str
    website: str
    status: str
    account_manager: PersonOut
    contact_count: int
    created_at: datetime
    archived_at: datetime | None


class ClientInternalSummaryOut(ClientSummaryOut):
    """A client in a list, as agency staff see it, with the size of its team."""

    team_count: int


class ClientPage(PageMeta):
    items: list[ClientSummaryOut]


class ClientInternalPage(PageMeta):
    items: list[ClientInternalSummaryOut]


class _ClientDetail(BaseModel):
    id: int
    name: str
    industry: str
    website: str
    status: str
    account_manager: PersonOut
    created_at: datetime
    archived_at: datetime | None
    revision_rounds_included: int
    response_target_hours: int
    currency: str = Field(
        ..., description="ISO 4217: the currency of a budget written without one (or empty)."
    )
    brand: BrandOut | None


class ClientOut(_ClientDetail):
    """A client as its own contacts see it: no internal notes."""

    my_role: ContactRoleValue | None = Field(None, description="Your role at this client.")


class ClientInternalOut(_ClientDetail):
    """A client as agency staff see it, with the internal notes."""

    internal_notes: str


def _client_fields(client: Client, request: HttpRequest) -> dict[str, Any]:
    try:
        brand: BrandOut | None = BrandOut.of(client.brand, request)
    except BrandProfile.DoesNotExist:
        brand = None
    return {
        "id": client.pk,
        "name": client.name,
        "industry": client.industry,
        "website": client.website,
        "status": client.status,
        "account_manager": PersonOut.model_validate(client.account_manager),
        "created_at": client.created_at,
        "archived_at": client.archived_at,
        "revision_rounds_included": client.revision_rounds_included,
        "response_target_hours": client.response_target_hours,
        "currency": client.currency,
        "brand": brand,
    }


def internal_detail(client: Client, request: AuthedRequest) -> ClientInternalOut:
    return ClientInternalOut(
        **_client_fields(client, request), internal_notes=client.internal_notes
    )


def detail_for(client: Client, request: AuthedRequest) -> ClientOut | ClientInternalOut:
    """Staff get the internal schema; a contact gets one that has no internal notes at all."""
    if access.may(request.user, client, "view_internal"):
        return internal_detail(client, request)
    role = getattr(client, "my_contact_role", None)
    return ClientOut(**_client_fields(client, request), my_role=role)


class ContactOut(Schema):
    id: int
    user_id: int
    name: str
    email: str
    role: str
    added_at: datetime
    has_accepted_invitation: bool

    @staticmethod
    def resolve_name(obj: Contact) -> str:
        return obj.user.name

    @staticmethod
    def resolve_email(obj: Contact) -> str:
        return obj.user.email

    @staticmethod
    def resolve_has_accepted_invitation(obj: Contact) -> bool:
        return obj.user.has_accepted_invitation


class TeamMemberOut(Schema):
    user_id: int
    name: str
    email: str
    staff_role: str
    disciplines: list[str]
    job_title: str
    added_at: datetime

    @staticmethod
    def resolve_name(obj: TeamMembership) -> str:
        return obj.user.name

    @staticmethod
    def resolve_email(obj: TeamMembership) -> str:
        return obj.user.email

    @staticmethod
    def resolve_staff_role(obj: TeamMembership) -> str:
        return obj.user.staff_role

    @staticmethod
    def resolve_disciplines(obj: TeamMembership) -> list[str]:
        return list(obj.user.disciplines)

    @staticmethod
    def resolve_job_title(obj: TeamMembership) -> str:
        return obj.user.job_title


class EventOut(Schema):
    id: int
    at: datetime
    actor_name: str | None
    verb: str
    audience: str
    data: dict[str, Any]

    @staticmethod
    def resolve_at(obj: Event) -> datetime:
        return obj.created_at

    @staticmethod
    def resolve_actor_name(obj: Event) -> str | None:
        return obj.actor.name if obj.actor is not None else None

    @staticmethod
    def resolve_data(obj: Event) -> dict[str, Any]:
        return feed.payload(obj)


class EventPage(PageMeta):
    items: list[EventOut]


# --- Input --------------------------------------------------------------------------------


class ClientFilters(Schema):
    q: Text = Field("", max_length=100, description="Part of a name or industry.")
    status: Literal["active", "archived", "all"] = "active"
    account_manager_id: int | None = Field(None, ge=1, le=MAX_ID)


class ClientIn(Input):
    name: Text = Field(..., min_length=1, max_length=120)
    industry: Text = Field("", max_length=80)
    website: Website = Field("", max_length=200)
    internal_notes: Text = Field("", max_length=20_000)
    revision_rounds_included: int = Field(2, ge=0, le=20)
    response_target_hours: int = Field(8, ge=1, le=200)
    currency: Text | None = Field(
        None,
        max_length=3,
        description="ISO 4217 code (e.g. GBP); defaults to the agency's (ACCORD_DEFAULT_CURRENCY).",
    )
    account_manager_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Admins only; an account manager runs what they add."
    )


class ClientPatch(Input):
    name: Text | None = Field(None, min_length=1, max_length=120)
    industry: Text | None = Field(None, max_length=80)
    website: Website | None = Field(None, max_length=200)
    internal_notes: Text | None = Field(None, max_length=20_000)
    revision_rounds_included: int | None = Field(None, ge=0, le=20)
    response_target_hours: int | None = Field(None, ge=1, le=200)
    currency: Text | None = Field(
        None, max_length=3, description="ISO 4217 code (e.g. EUR); empty for none."
    )
    account_manager_id: int | None = Field(None, ge=1, le=MAX_ID, description="Admins only.")


class LogoParams(Schema):
    v: int | None = Field(
        None, ge=0, le=MAX_ID, description="The brand's version, as in `logo_url`; ignored."
    )


BrandLine = Annotated[Text, Field(max_length=500)]


class BrandPatch(Input):
    voice_and_tone: Text | None = Field(None, max_length=5_000)
    dos: list[BrandLine] | None = Field(None, max_length=50, description="One rule per item.")
    donts: list[BrandLine] | None = Field(None, max_length=50, description="One rule per item.")
    colours: list[Text] | None = Field(None, max_length=12, description="Like #1A2B3C.")


class ContactIn(Input):
    email: Text = Field(..., max_length=254)
    name: Text = Field("", max_length=150, description="Needed for someone new to Accord.")
    role: ContactRoleValue = "reviewer"


class ContactPatch(Input):
    role: ContactRoleValue


class TeamMemberIn(Input):
    user_id: int = Field(..., ge=1, le=MAX_ID)


def _account_manager(user: Any, account_manager_id: int | None) -> User | None:
    if account_manager_id is None:
        return None
    manager = people.staff_visible_to(user).filter(pk=account_manager_id).first()
    if manager is None:
        raise InvalidInput("No such account manager.", field="account_manager_id")
    return manager


def _lines(items: list[str] | None) -> str | None:
    if items is None:
        return None
    return "\n".join(line.strip() for line in items if line.strip())


# --- Clients ------------------------------------------------------------------------------


@router.get(
    "/clients",
    response={200: ClientInternalPage | ClientPage, **READ_ERRORS},
    operation_id="list_clients",
)
def list_clients(
    request: AuthedRequest, filters: Query[ClientFilters], page: Query[PageParams]
) -> ClientInternalPage | ClientPage:
    """The clients I can see, by name; active ones unless `status` says otherwise.

    Agency staff also get each client's `team_count`; client contacts do not.
    """
    clients = queries.search(
        queries.visible_to(request.user),
        q=filters.q,
        status="" if filters.status == "all" else filters.status,
        account_manager_id=filters.account_manager_id,
    )
    rows = page_of(queries.with_counts(clients).order_by("name", "id"), page)
    # Built here, not by response validation, so each audience gets exactly its own schema.
    if policy.is_staff_member(request.user):
        return ClientInternalPage.model_validate(rows)
    return ClientPage.model_validate(rows)


@router.get(
    "/clients/{client_id}",
    response={200: ClientInternalOut | ClientOut, **READ_ERRORS},
    operation_id="get_client",
)
def get_client(request: AuthedRequest, client_id: ObjectId) -> ClientOut | ClientInternalOut:
    """One client with its terms and brand profile; internal notes for agency staff only."""
    return detail_for(access.client_for(request.user, client_id), request)


@router.post(
    "/clients", response={201: ClientInternalOut, **BODY_ERRORS}, operation_id="create_client"
)
def create_client(request: AuthedRequest, payload: ClientIn) -> Status[ClientInternalOut]:
    """Add a client with an empty brand profile. Admins and account managers only."""
    access.require_client_creator(request.user)
    fields = payload.model_dump(exclude={"account_manager_id"})
    manager = _account_manager(request.user, payload.account_manager_id)
    client = services.create_client(by=request.user, account_manager=manager, **fields)
    return Status(201, internal_detail(client, request))


@router.patch(
    "/clients/{client_id}",
    response={200: ClientInternalOut, **BODY_ERRORS},
    operation_id="update_client",
)
def update_client(
    request: AuthedRequest, client_id: ObjectId, payload: ClientPatch
) -> ClientInternalOut:
    """Change a client's details, terms or notes; only admins hand it to another AM."""
    client = access.client_for(request.user, client_id, "edit")
    changes = payload.model_dump(exclude_unset=True, exclude={"account_manager_id"})
    manager = _account_manager(request.user, payload.account_manager_id)
    client = services.update_client(
        by=request.user, client=client, account_manager=manager, **changes
    )
    return internal_detail(client, request)


@router.post(
    "/clients/{client_id}/archive",
    response={200: ClientInternalOut, **WRITE_ERRORS},
    operation_id="archive_client",
)
def archive_client(request: AuthedRequest, client_id: ObjectId) -> ClientInternalOut:
    """Archive a client: it leaves the active lists; nothing is deleted."""
    client = access.client_for(request.user, client_id, "archive")
    return internal_detail(services.archive_client(by=request.user, client=client), request)


@router.post(
    "/clients/{client_id}/restore",
    response={200: ClientInternalOut, **WRITE_ERRORS},
    operation_id="restore_client",
)
def restore_client(request: AuthedRequest, client_id: ObjectId) -> ClientInternalOut:
    """Bring an archived client back to the active lists."""
    client = access.client_for(request.user, client_id, "archive")
    return internal_detail(services.restore_client(by=request.user, client=client), request)


@router.patch(
    "/clients/{client_id}/brand",
    response={200: BrandOut, **BODY_ERRORS},
    operation_id="update_brand",
)
def update_brand(request: AuthedRequest, client_id: ObjectId, payload: BrandPatch) -> BrandOut:
    """Change the brand profile's voice, do's, don'ts and colours (upload logos in the app)."""
    client = access.client_for(request.user, client_id, "edit")
    changes = payload.model_dump(exclude_unset=True)
    for field in ("dos", "donts"):
        if field in changes:
            changes[field] = _lines(changes[field])
    brand = services.update_brand(by=request.user, client=client, **changes)
    return BrandOut.of(brand, request)


@router.get(
    "/clients/{client_id}/logo",
    response={200: None, **READ_ERRORS, 503: ErrorOut},
    operation_id="download_client_logo",
    openapi_extra=binary_response(
        "The logo image, cached privately for an hour.",
        sorted(set(services.LOGO_CONTENT_TYPES.values())),
    ),
)
def download_client_logo(
    request: AuthedRequest, client_id: ObjectId, version: Query[LogoParams]
) -> FileResponse:
    """The client's logo, for whoever may see the client; 404 when it has none."""
    return logos.logo_file(access.client_for(request.user, client_id))


# --- Contacts -----------------------------------------------------------------------------


@router.get(
    "/clients/{client_id}/contacts",
    response={200: list[ContactOut], **READ_ERRORS},
    operation_id="list_contacts",
)
def list_contacts(request: AuthedRequest, client_id: ObjectId) -> list[Contact]:
    """The people at this client and their roles (approver, reviewer, viewer)."""
    client = access.client_for(request.user, client_id)
    return list(queries.contacts_of(client))


@router.post(
    "/clients/{client_id}/contacts",
    response={201: ContactOut, **BODY_ERRORS},
    operation_id="invite_contact",
)
def invite_contact(
    request: AuthedRequest, client_id: ObjectId, payload: ContactIn
) -> Status[ContactOut]:
    """Add a person at the client; someone new to Accord gets an invitation email.

    For someone who already had an account (at another client), `name` is their email unless
    you gave the name they have: adding a contact never reveals a name stored elsewhere.
    """
    client = access.client_for(request.user, client_id, "manage_contacts")
    contact = services.invite_contact(by=request.user, client=client, **payload.model_dump())
    added = ContactOut.from_orm(contact)
    if added.name != payload.name.strip():
        added.name = contact.user.email
    return Status(201, added)


@router.patch(
    "/clients/{client_id}/contacts/{contact_id}",
    response={200: ContactOut, **BODY_ERRORS},
    operation_id="update_contact",
)
def update_contact(
    request: AuthedRequest, client_id: ObjectId, contact_id: ObjectId, payload: ContactPatch
) -> Contact:
    """Change what a contact may do on this client's work."""
    client = access.client_for(request.user, client_id, "manage_contacts")
    contact = access.contact_for(request.user, client, contact_id)
    return services.change_contact_role(by=request.user, contact=contact, role=payload.role)


@router.delete(
    "/clients/{client_id}/contacts/{contact_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="remove_contact",
)
def remove_contact(
    request: AuthedRequest, client_id: ObjectId, contact_id: ObjectId
) -> Status[None]:
    """Take a person off this client; their account stays for any other client."""
    client = access.client_for(request.user, client_id, "manage_contacts")
    services.remove_contact(
        by=request.user, contact=access.contact_for(request.user, client, contact_id)
    )
    return Status(204, None)


# --- Team ---------------------------------------------------------------------------------


@router.get(
    "/clients/{client_id}/team",
    response={200: list[TeamMemberOut], **READ_ERRORS},
    operation_id="list_team",
)
def list_team(request: AuthedRequest, client_id: ObjectId) -> list[TeamMembership]:
    """The agency staff on this client's team (besides its account manager). Staff only."""
    client = access.client_for(request.user, client_id, "view_internal")
    return list(queries.team_of(client))


@router.post(
    "/clients/{client_id}/team",
    response={201: TeamMemberOut, **BODY_ERRORS},
    operation_id="add_team_member",
)
def add_team_member(
    request: AuthedRequest, client_id: ObjectId, payload: TeamMemberIn
) -> Status[TeamMembership]:
    """Put a staff member on this client's team."""
    client = access.client_for(request.user, client_id, "manage_team")
    member = people.staff_visible_to(request.user).filter(pk=payload.user_id).first()
    if member is None:
        raise InvalidInput("No such staff member.", field="user_id")
    return Status(201, services.add_team_member(by=request.user, client=client, user=member))


@router.delete(
    "/clients/{client_id}/team/{user_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="remove_team_member",
)
def remove_team_member(
    request: AuthedRequest, client_id: ObjectId, user_id: ObjectId
) -> Status[None]:
    """Take a staff member off this client's team."""
    client = access.client_for(request.user, client_id, "manage_team")
    membership = access.team_member_for(request.user, client, user_id)
    services.remove_team_member(by=request.user, membership=membership)
    return Status(204, None)


# --- Activity -----------------------------------------------------------------------------


@router.get(
    "/clients/{client_id}/activity",
    response={200: EventPage, **READ_ERRORS},
    operation_id="client_activity",
)
def client_activity(
    request: AuthedRequest, client_id: ObjectId, page: Query[PageParams]
) -> dict[str, Any]:
    """What happened on this client, newest first; contacts see only what is meant for them."""
    client = access.client_for(request.user, client_id)
    return page_of(queries.activity_of(client, request.user), page)
