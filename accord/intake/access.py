"""The only way a view or endpoint gets a request, brief, question or template."""

from dataclasses import dataclass
from typing import Any, Literal, NoReturn

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.http import Http404

from accord.clients import access as client_access
from accord.clients import queries as client_queries
from accord.clients.models import Client, Contact
from accord.clients.services import ClientArchived
from accord.core import policy, reach
from accord.core.policy import ContactRole
from accord.intake.models import Attachment, Brief, BriefTemplate, ClarifyingQuestion, Request

RequestAction = Literal["view", "decide", "brief", "attach"]
BriefAction = Literal[
    "view",
    "view_internal",
    "edit_internal",
    "edit",
    "ask",
    "answer",
    "propose",
    "sign_off",
    "request_changes",
    "convert",
    "cancel",
]
CREATIVE_BRIEF_STATUSES = (Brief.Status.SIGNED_OFF, Brief.Status.CONVERTED)
CONTRIBUTORS = (ContactRole.APPROVER, ContactRole.REVIEWER)


def with_my_role(items: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Annotate the person's contact role at the item's client (None for staff)."""
    if not policy.is_contact(user):
        return items
    role = Contact.objects.filter(client=OuterRef("client_id"), user=user).values("role")[:1]
    return items.annotate(my_contact_role=Subquery(role))


def manages(user: Any, client: Any) -> bool:
    """Admins and the client's own account manager run its intake."""
    return client_access.may(user, client, "edit")


def visible_requests(user: Any) -> QuerySet[Request]:
    """Requests are between the client and the account side: creatives don't see them."""
    if policy.is_creative(user) or not policy.is_signed_in(user):
        return Request.objects.none()
    if policy.is_admin(user):  # every client: no need to ask the database which
        return Request.objects.all()
    return Request.objects.filter(client__in=client_queries.visible_to(user).values("pk"))


def visible_briefs(user: Any) -> QuerySet[Brief]:
    """Creatives see the signed-off brief of a job they are on (core.reach), nothing else."""
    if policy.is_admin(user):  # every client: no need to ask the database which
        return Brief.objects.all()
    if policy.is_creative(user):
        return Brief.objects.filter(
            pk__in=reach.of(user).brief_ids, status__in=CREATIVE_BRIEF_STATUSES
        )
    return Brief.objects.filter(client__in=client_queries.visible_to(user).values("pk"))


@dataclass(frozen=True)
class Managed:
    """The requests and briefs whose intake one person runs."""

    requests: QuerySet[Request]
    briefs: QuerySet[Brief]


def managed(user: Any) -> Managed:
    """Admins run every client's intake; an account manager the clients they manage.

    The AM's client ids are resolved in one query up front, so each list built on these
    querysets carries a plain `IN (…)` list rather than repeating a visibility subquery.
    """
    if policy.is_admin(user):
        return Managed(Request.objects.all(), Brief.objects.all())
    if not policy.is_account_manager(user):
        return Managed(Request.objects.none(), Brief.objects.none())
    ids = list(Client.objects.filter(account_manager=user).order_by().values_list("pk", flat=True))
    return Managed(
        Request.objects.filter(client_id__in=ids), Brief.objects.filter(client_id__in=ids)
    )


def request_for(user: Any, request_id: int, action: RequestAction = "view") -> Request:
    item = (
        with_my_role(visible_requests(user), user)
        .select_related("client", "client__account_manager", "requested_by", "logged_by")
        .filter(pk=request_id)
        .first()
    )
    if item is None:
        raise Http404("No such request.")
    if action == "attach" and may_attach(user, item):
        return item
    if action != "view" and not manages(user, item.client):
        raise PermissionDenied("Only the account manager can do that.")
    return item


def may_attach(user: Any, item: Request) -> bool:
    """Who may add files to a request they see (from `request_for`): its client's approvers and
    reviewers (as they may file one), and those who run the client's intake."""
    if policy.is_contact(user):
        return getattr(item, "my_contact_role", None) in CONTRIBUTORS
    return manages(user, item.client)


def may_brief(user: Any, brief: Brief, action: BriefAction) -> bool:
    """Whether a person who can see `brief` may do `action` on it."""
    role = getattr(brief, "my_contact_role", None)
    if action == "view":
        return True
    if action == "view_internal":
        return policy.is_staff_member(user)
    if action == "edit_internal":  # the internal notes: staff who run the client's intake
        return may_brief(user, brief, "view_internal") and manages(user, brief.client)
    if action in ("edit",):
        return manages(user, brief.client) or role in CONTRIBUTORS
    if action in ("answer", "request_changes"):
        return role in CONTRIBUTORS
    if action == "sign_off":
        return role == ContactRole.APPROVER
    return manages(user, brief.client)


def brief_for(user: Any, brief_id: int, action: BriefAction = "view") -> Brief:
    """The brief if visible (else 404) and `action` allowed (else 403), in one query."""
    brief = (
        with_my_role(visible_briefs(user), user)
        .select_related(
            "client",
            "client__account_manager",
            "template",
            "current_version",
            "proposed_version",
            "request",
            "approver",
        )
        .filter(pk=brief_id)
        .first()
    )
    if brief is None:
        raise Http404("No such brief.")
    if not may_brief(user, brief, action):
        raise PermissionDenied("You cannot do that on this brief.")
    return brief


def question_for(user: Any, question_id: int, action: BriefAction = "answer") -> ClarifyingQuestion:
    question = (
        ClarifyingQuestion.objects.filter(
            brief__in=visible_briefs(user).values("pk"), pk=question_id
        )
        .select_related("brief")
        .first()
    )
    if question is None:
        raise Http404("No such question.")
    brief_for(user, question.brief_id, action)
    return question


def templates_for(user: Any) -> QuerySet[BriefTemplate]:
    if policy.is_admin(user):
        return BriefTemplate.objects.all()
    if policy.is_signed_in(user):
        return BriefTemplate.objects.filter(is_active=True)
    return BriefTemplate.objects.none()


def template_for(
    user: Any, template_id: int, action: Literal["view", "edit"] = "view"
) -> BriefTemplate:
    template = templates_for(user).filter(pk=template_id).first()
    if template is None:
        raise Http404("No such template.")
    if action == "edit" and not policy.is_admin(user):
        raise PermissionDenied("Only an admin can edit brief templates.")
    return template


def client_for_intake(user: Any, client_id: int) -> Any:
    """A client a person may file a request or start a brief for."""
    client = client_access.client_for(user, client_id)
    if policy.is_contact(user):
        if getattr(client, "my_contact_role", None) not in CONTRIBUTORS:
            raise PermissionDenied("Viewers can read requests but not file them.")
    elif not manages(user, client):
        raise PermissionDenied("Only the account manager files requests for a client.")
    return client


# --- Added for the web UI ------------------------------------------------------------------


def files_visible_to(user: Any) -> QuerySet[Attachment]:
    """The one rule for who opens a client's files: whoever reads the request (the client and
    the account side), and the creatives on the job it became (as they see its brief)."""
    if policy.is_creative(user):
        briefs = visible_briefs(user).filter(request__isnull=False).values("request_id")
        return Attachment.objects.filter(request_id__in=briefs)
    if policy.is_admin(user):
        return Attachment.objects.all()
    return Attachment.objects.filter(request__in=visible_requests(user).values("pk"))


def attachment_for(user: Any, attachment_id: int) -> Attachment:
    """A request's attachment (or its thumbnail), if the person may open it (else 404)."""
    attachment = files_visible_to(user).filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("No such attachment.")
    return attachment


def clients_for_intake(user: Any) -> QuerySet[Client]:
    """The active clients a person may file requests and start briefs for."""
    return _intake_clients(user).filter(status=Client.Status.ACTIVE)


def refuse_intake(user: Any, refusal: str) -> NoReturn:
    """Why a person with no active client to file for is turned away: the clients they would
    file for are archived (422, as the API says), or they may not file at all (403)."""
    archived = _intake_clients(user).order_by("name").first()
    if archived is not None:
        raise ClientArchived.of(archived)
    raise PermissionDenied(refusal)


def _intake_clients(user: Any) -> QuerySet[Client]:
    clients = client_queries.visible_to(user)
    if policy.is_contact(user):
        return clients.filter(
            Exists(Contact.objects.filter(client=OuterRef("pk"), user=user, role__in=CONTRIBUTORS))
        )
    if policy.is_admin(user):
        return clients
    if policy.is_account_manager(user):
        return clients.filter(account_manager=user)
    return clients.none()


def require_request_reader(user: Any) -> None:
    """Requests are between the client and the account side: creatives are refused (403),
    on the pages and in the API alike."""
    if not policy.is_signed_in(user) or policy.is_creative(user):
        raise PermissionDenied("Requests are between the client and the account side.")


# Pages and API answer the same: anyone signed in who is refused gets a 403.


def require_intake_desk(user: Any) -> None:
    """The intake queue is the account side's desk: admins and account managers only."""
    if not (policy.is_admin(user) or policy.is_account_manager(user)):
        raise PermissionDenied("The intake queue is for admins and account managers.")


def require_template_admin(user: Any) -> None:
    """Everyone signed in reads the templates; only an admin adds one."""
    if not policy.is_admin(user):
        raise PermissionDenied("Only an admin can edit brief templates.")
