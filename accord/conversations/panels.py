"""The conversations section on a client's page and on a brief's, job's or deliverable's: the
latest threads about it the person sees, and a way to start one."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from accord.conversations import access, queries
from accord.conversations.models import CreativeVoice
from accord.conversations.services import inbound
from accord.core import policy

SHOWN = 5


def _panel(request: HttpRequest, subject: Any, **anchor: Any) -> dict[str, Any] | None:
    user = request.user
    if not policy.is_signed_in(user):
        return None
    ((name, value),) = anchor.items()
    rows = list(queries.on(user, **anchor).select_related("client")[: SHOWN + 1])
    staff = policy.is_staff_member(user)
    creative = policy.is_creative(user)
    if creative and not rows and name == "client":
        return None
    client = subject if name == "client" else getattr(subject, "client", None) or subject.job.client
    start = f"{reverse('conversations:start')}?{name}={value.pk if hasattr(value, 'pk') else value}"
    return {
        "template": "conversations/_panel.html",
        "threads": rows[:SHOWN],
        "more": len(rows) > SHOWN,
        "all_url": f"{reverse('conversations:inbox')}?client={client.pk}",
        "start_url": start,
        # A creative talks with the team; the client side goes through the account manager.
        "may_start_client": not creative,
        "may_start_internal": staff,
        "base": reverse("conversations:inbox"),
        "is_contact": policy.is_contact(user),
        "managing": access.manages(user, client),
        # On a job, whoever runs the client may open its client threads to the job's team.
        "voice": _voice(value) if name == "job" and access.manages(user, client) else None,
    }


def _voice(job: Any) -> dict[str, Any]:
    return {
        "open": CreativeVoice.objects.filter(job=job).exists(),
        "url": reverse("conversations:team_voice", args=[job.pk]),
    }


def on_client(request: HttpRequest, client: Any) -> dict[str, Any] | None:
    panel = _panel(request, client, client=client)
    if panel is not None and not policy.is_creative(request.user):
        # Mail from the client's contacts to this address opens a request.
        panel["mailbox"] = inbound.mailbox_address(client)
    return panel


def on_brief(request: HttpRequest, brief: Any) -> dict[str, Any] | None:
    return _panel(request, brief, brief=brief)


def on_job(request: HttpRequest, job: Any) -> dict[str, Any] | None:
    return _panel(request, job, job=job)


def on_deliverable(request: HttpRequest, deliverable: Any) -> dict[str, Any] | None:
    return _panel(request, deliverable, deliverable=deliverable)
