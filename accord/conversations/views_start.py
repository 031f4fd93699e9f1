"""Starting a conversation on a client, or on one of its briefs, jobs or deliverables."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accord.accounts.models import User
from accord.clients import access as client_access
from accord.conversations import access
from accord.conversations.forms import ThreadForm
from accord.conversations.services import threads
from accord.core import compose, policy
from accord.core.http import int_param
from accord.core.pages import show_errors_in_form
from accord.core.policy import Audience, Kind
from accord.intake import access as intake_access
from accord.intake.views.common import me
from accord.work import access as work_access

PEOPLE_SHOWN = 200


def _anchor(request: HttpRequest, user: User) -> dict[str, Any]:
    """The client and what on it the thread is about, each through its access function."""
    params = request.GET if request.method == "GET" else request.POST
    found: dict[str, Any] = {}
    if deliverable_id := int_param(params.get("deliverable")):
        found["deliverable"] = work_access.deliverable_for(user, deliverable_id)
        found["client"] = found["deliverable"].job.client
    elif job_id := int_param(params.get("job")):
        found["job"] = work_access.job_for(user, job_id)
        found["client"] = found["job"].client
    elif brief_id := int_param(params.get("brief")):
        found["brief"] = intake_access.brief_for(user, brief_id)
        found["client"] = found["brief"].client
    else:
        found["client"] = client_access.client_for(user, int_param(params.get("client"), 0) or 0)
    return found


def _people(user: User, client: Any) -> list[tuple[str, str]]:
    """Whom the thread can include: the client's contacts, and for the agency its team."""
    who = Q(contact_roles__client=client)
    if policy.is_creative(user):  # they write to the team; the client goes through the AM
        who = Q(team_memberships__client=client, kind=Kind.STAFF)
    elif policy.is_staff_member(user):
        who |= Q(team_memberships__client=client, kind=Kind.STAFF)
    people = (
        User.objects.filter(who, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("kind", "name")
        .values_list("pk", "name", "email", "kind")[:PEOPLE_SHOWN]
    )
    return [
        (str(pk), f"{name or email}{' (client)' if kind == Kind.CONTACT else ''}")
        for pk, name, email, kind in people
    ]


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    user = me(request)
    anchor = _anchor(request, user)
    client = anchor["client"]
    staff = policy.is_staff_member(user)
    creative = policy.is_creative(user)
    people = _people(user, client)

    def page(status: int = 200) -> HttpResponse:
        context = {"form": form, "anchor": anchor, "client": client}
        return render(request, "conversations/start.html", context, status=status)

    if request.method == "GET":
        audience = request.GET.get("audience")
        if creative:
            audience = Audience.INTERNAL
        initial = {"audience": audience if audience in Audience.values else Audience.CLIENT}
        form = ThreadForm(initial=initial, people=people, staff=staff, client_side=not creative)
        return page()
    if creative and request.POST.get("audience") == Audience.CLIENT:
        # Refused as the API refuses it (403), with what they typed kept.
        form = ThreadForm(request.POST, request.FILES, people=people, staff=staff)
        form.is_valid()
        form.add_error(None, access.POST_REFUSED)
        return page(403)
    form = ThreadForm(
        request.POST, request.FILES, people=people, staff=staff, client_side=not creative
    )
    if not form.is_valid():
        return page(422)
    show_errors_in_form(request, form, page)
    data = form.cleaned_data
    thread = threads.start_thread(
        by=user,
        client=client,
        audience=data.get("audience") or Audience.CLIENT,
        subject=data["subject"],
        body=data["body"],
        brief=anchor.get("brief"),
        job=anchor.get("job"),
        deliverable=anchor.get("deliverable"),
        people=User.objects.filter(pk__in=[int(p) for p in data["people"]]),
        attachments=data["attachments"],
    )
    compose.sent(request, "new_thread", thread, data["body"])
    return redirect(reverse("conversations:thread", args=[thread.pk]))
