"""Who hears about what on the intake side: email stored in the transaction of the change."""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.core.mail import absolute_url, queue_email
from accord.core.policy import ContactRole
from accord.intake import rules
from accord.intake.models import Brief, ClarifyingQuestion, Request


def _emails(people: Iterable[Any]) -> list[str]:
    return sorted({p.email for p in people if p is not None and p.is_active})


def client_contacts(client: Client, *, approvers_only: bool = False) -> list[str]:
    contacts = Contact.objects.filter(client=client, user__is_active=True).select_related("user")
    if approvers_only:
        contacts = contacts.filter(role=ContactRole.APPROVER)
    else:
        contacts = contacts.exclude(role=ContactRole.VIEWER)
    return _emails(c.user for c in contacts)


def request_received(request: Request) -> None:
    to = _emails([request.client.account_manager])
    if to:
        queue_email(
            to=to,
            subject=f"New request from {request.client.name}: {request.title}",
            template="intake/email/request_received",
            context={"request": request, "link": absolute_url(request.get_absolute_url())},
        )


def request_decided(request: Request) -> None:
    to = _emails([request.requested_by]) if request.requested_by else []
    if to:
        queue_email(
            to=to,
            subject=f"About your request: {request.title}",
            template="intake/email/request_decided",
            context={"request": request, "link": absolute_url(request.get_absolute_url())},
        )


def questions_asked(brief: Brief, questions: list[ClarifyingQuestion]) -> None:
    to = client_contacts(brief.client)
    if to:
        queue_email(
            to=to,
            subject=f"A question about your brief: {brief.title}",
            template="intake/email/questions_asked",
            context={
                "brief": brief,
                "questions": questions,
                "am": brief.client.account_manager,
                "link": absolute_url(brief.get_absolute_url()),
            },
        )


def brief_started(brief: Brief) -> None:
    """The agency started a brief for the client to fill in: tell those who can."""
    to = client_contacts(brief.client)
    if to:
        queue_email(
            to=to,
            subject=f"Please fill in the brief: {brief.title}",
            template="intake/email/brief_started",
            context={
                "brief": brief,
                "am": brief.client.account_manager,
                "link": absolute_url(reverse("intake:brief_edit", kwargs={"brief_id": brief.pk})),
            },
        )


def sign_off_requested(brief: Brief) -> None:
    """Ask the approvers to sign off or send the brief back: exactly what the page offers."""
    to = client_contacts(brief.client, approvers_only=True)
    version = brief.proposed_version
    if to and version is not None:
        queue_email(
            to=to,
            subject=f"Please sign off the brief: {brief.title}",
            template="intake/email/sign_off_requested",
            context={
                "brief": brief,
                "version": version,
                "fingerprint": rules.short_fingerprint(version.sha256),
                "am": brief.client.account_manager,
                "link": absolute_url(
                    reverse("intake:brief_sign_off", kwargs={"brief_id": brief.pk})
                ),
            },
        )


def changes_requested(brief: Brief, *, by: User, note: str, version: int) -> None:
    """The client sent the proposed version back: the account manager reads what to change."""
    to = _emails([brief.client.account_manager])
    if to:
        queue_email(
            to=to,
            subject=f"{brief.client.name} asks for changes — {brief.title}",
            template="intake/email/changes_requested",
            context={
                "brief": brief,
                "by": by,
                "note": note,
                "version": version,
                "link": absolute_url(brief.get_absolute_url()),
            },
        )


def brief_to_agency(brief: Brief, *, what: str) -> None:
    """Tell the account manager that the ball is in their court (submitted, signed off…)."""
    to = _emails([brief.client.account_manager])
    if to:
        queue_email(
            to=to,
            subject=f"{brief.client.name}: brief {what} — {brief.title}",
            template="intake/email/brief_to_agency",
            context={
                "brief": brief,
                "what": what,
                "link": absolute_url(reverse("intake:brief_detail", kwargs={"brief_id": brief.pk})),
            },
        )


def replanned(brief: Brief, *, by: User, reason: str, to_agency: bool) -> None:
    """A change of plan after sign-off: the AM hears if the client made it, the client's
    approvers if the agency did."""
    if to_agency:
        to = _emails([brief.client.account_manager])
    else:
        to = client_contacts(brief.client, approvers_only=True)
    if to:
        queue_email(
            to=to,
            subject=f"Change of plan — {brief.title}",
            template="intake/email/replanned",
            context={
                "brief": brief,
                "by": by,
                "reason": reason,
                "version": brief.current_version,
                "in_work": brief.status == Brief.Status.CONVERTED,
                "link": absolute_url(brief.get_absolute_url()),
            },
        )
