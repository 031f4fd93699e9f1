"""Client pages: the list, the overview (or the contact's portal view), and managing a client."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from accord.accounts import access as people_access
from accord.accounts import services as people
from accord.accounts.models import User
from accord.clients import access, logos, queries, services
from accord.clients.forms import (
    BrandForm,
    ClientFilterForm,
    ClientForm,
    ContactInviteForm,
    ContactRoleForm,
    TeamAddForm,
)
from accord.clients.models import Client
from accord.core import panels, policy
from accord.core.pages import show_errors_in_form
from accord.core.pagination import paginate

RECENT_ACTIVITY = 10


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _me(request: HttpRequest) -> User:
    return cast(User, request.user)


# --- List and create ----------------------------------------------------------------------


@login_required
def client_list(request: HtmxHttpRequest) -> HttpResponse:
    me = _me(request)
    if policy.is_contact(me):  # a contact's clients are their portal home
        return redirect("home:index")
    filters = ClientFilterForm(request.GET or None, show_am=policy.is_admin(me))
    criteria = filters.cleaned_data if filters.is_valid() else {}
    status = criteria.get("status") or Client.Status.ACTIVE
    am = criteria.get("am")
    clients = queries.search(
        queries.with_counts(queries.visible_to(me)),
        q=criteria.get("q", ""),
        status="" if status == "all" else status,
        account_manager_id=am.pk if am else None,
    ).order_by("name")
    context = {"filters": filters, "page": paginate(request, clients), "status": status}
    if request.htmx:
        return render(request, "clients/_client_table.html", context)
    return render(request, "clients/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def client_create(request: HttpRequest) -> HttpResponse:
    people_access.require_staff(request.user)
    access.require_client_creator(request.user)
    me = _me(request)
    form = ClientForm(request.POST or None, choose_am=policy.is_admin(me))
    show_errors_in_form(
        request,
        form,
        lambda status: render(request, "clients/create.html", {"form": form}, status=status),
    )
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            account_manager = data.pop("account_manager", None)
            client = services.create_client(by=me, account_manager=account_manager, **data)
            messages.success(request, f"{client.name} is set up. Add its team and contacts.")
            return redirect(client.get_absolute_url())
        return render(request, "clients/create.html", {"form": form}, status=422)
    return render(request, "clients/create.html", {"form": form})


# --- Overview -----------------------------------------------------------------------------


@login_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "view")
    context: dict[str, Any] = {
        "client": client,
        "brand": getattr(client, "brand", None),
        "contacts": list(queries.contacts_of(client)),
        "events": list(queries.activity_of(client, me)[:RECENT_ACTIVITY]),
        "panels": panels.client_panels(request, client),
    }
    if not access.may(me, client, "view_internal"):
        return render(request, "clients/portal.html", context)
    context.update(
        team=list(queries.team_of(client)),
        can_edit=access.may(me, client, "edit"),
        can_archive=access.may(me, client, "archive"),
        can_manage_team=access.may(me, client, "manage_team"),
        can_manage_contacts=access.may(me, client, "manage_contacts"),
    )
    return render(request, "clients/detail.html", context)


@login_required
def activity(request: HttpRequest, client_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "view")
    page = paginate(request, queries.activity_of(client, me))
    return render(request, "clients/activity.html", {"client": client, "page": page})


@login_required
@require_GET
def logo(request: HttpRequest, client_id: int) -> FileResponse:
    """The client's logo, for whoever may see the client; logos have no public address."""
    return logos.logo_file(access.client_for(_me(request), client_id, "view"))


# --- Editing ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "edit")
    form = ClientForm(
        request.POST or None,
        initial=ClientForm.initial_from(client),
        choose_am=policy.is_admin(me),
    )
    context = {"form": form, "client": client}
    show_errors_in_form(
        request, form, lambda status: render(request, "clients/edit.html", context, status=status)
    )
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            account_manager = data.pop("account_manager", None)
            services.update_client(by=me, client=client, account_manager=account_manager, **data)
            messages.success(request, "The client's details are saved.")
            return redirect(client.get_absolute_url())
        return render(request, "clients/edit.html", context, status=422)
    return render(request, "clients/edit.html", context)


@login_required
@require_POST
def archive(request: HttpRequest, client_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "archive")
    services.archive_client(by=me, client=client)
    messages.success(request, f"{client.name} is archived. You can restore it any time.")
    return redirect(client.get_absolute_url())


@login_required
@require_POST
def restore(request: HttpRequest, client_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "archive")
    services.restore_client(by=me, client=client)
    messages.success(request, f"{client.name} is active again.")
    return redirect(client.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def brand(request: HttpRequest, client_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "edit")
    profile = getattr(client, "brand", None)
    initial = {}
    if profile is not None:
        initial = {
            "voice_and_tone": profile.voice_and_tone,
            "dos": profile.dos,
            "donts": profile.donts,
            "colours": ", ".join(profile.colours),
        }
    form = BrandForm(request.POST or None, request.FILES or None, initial=initial)
    context = {"form": form, "client": client, "brand": profile}
    show_errors_in_form(
        request, form, lambda status: render(request, "clients/brand.html", context, status=status)
    )
    if request.method == "POST":
        if form.is_valid():
            services.update_brand(by=me, client=client, **form.cleaned_data)
            messages.success(request, "The brand profile is saved.")
            return redirect(client.get_absolute_url())
        return render(request, "clients/brand.html", context, status=422)
    return render(request, "clients/brand.html", context)


# --- Team ---------------------------------------------------------------------------------


def _team_page(
    request: HttpRequest, client: Client, form: TeamAddForm | None = None, status: int = 200
) -> HttpResponse:
    candidates = queries.team_candidates(client)
    context = {
        "client": client,
        "page": paginate(request, queries.team_of(client)),
        "form": form or TeamAddForm(candidates=candidates),
    }
    return render(request, "clients/team.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, client_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "manage_team")
    if request.method == "GET":
        return _team_page(request, client)
    form = TeamAddForm(request.POST, candidates=queries.team_candidates(client))
    show_errors_in_form(request, form, lambda status: _team_page(request, client, form, status))
    if form.is_valid():
        membership = services.add_team_member(by=me, client=client, user=form.cleaned_data["user"])
        messages.success(request, f"{membership.user.name} joined the {client.name} team.")
        return redirect("clients:team", client_id=client.pk)
    return _team_page(request, client, form, status=422)


@login_required
@require_POST
def team_remove(request: HttpRequest, client_id: int, user_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "manage_team")
    membership = access.team_member_for(me, client, user_id)
    services.remove_team_member(by=me, membership=membership)
    messages.success(request, f"{membership.user.name} is no longer on the team.")
    return redirect("clients:team", client_id=client.pk)


# --- Contacts -----------------------------------------------------------------------------


def _contacts_page(
    request: HttpRequest, client: Client, form: ContactInviteForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "client": client,
        "page": paginate(request, queries.contacts_of(client)),
        "form": form or ContactInviteForm(),
        "roles": policy.ContactRole.choices,
    }
    return render(request, "clients/contacts.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def contacts(request: HttpRequest, client_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "manage_contacts")
    if request.method == "GET":
        return _contacts_page(request, client)
    form = ContactInviteForm(request.POST)
    show_errors_in_form(request, form, lambda status: _contacts_page(request, client, form, status))
    if form.is_valid():
        contact = services.invite_contact(by=me, client=client, **form.cleaned_data)
        # The email, not the stored name: the person may come from another client.
        role = contact.get_role_display().lower()
        messages.success(request, f"{contact.user.email} is now a {role} at {client.name}.")
        return redirect("clients:contacts", client_id=client.pk)
    return _contacts_page(request, client, form, status=422)


@login_required
@require_POST
def contact_edit(request: HttpRequest, client_id: int, contact_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "manage_contacts")
    contact = access.contact_for(me, client, contact_id)
    form = ContactRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role: approver, reviewer or viewer.")
        return _contacts_page(request, client, status=422)
    services.change_contact_role(by=me, contact=contact, role=form.cleaned_data["role"])
    messages.success(request, f"{contact.user.name} is now a {contact.get_role_display().lower()}.")
    return redirect("clients:contacts", client_id=client.pk)


@login_required
@require_POST
def contact_resend_invitation(
    request: HttpRequest, client_id: int, contact_id: int
) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "manage_contacts")
    contact = access.contact_for(me, client, contact_id)
    people.resend_invitation(by=me, user=contact.user, client=client)
    messages.success(request, f"We emailed {contact.user.email} a new invitation link.")
    return redirect("clients:contacts", client_id=client.pk)


@login_required
@require_POST
def contact_remove(request: HttpRequest, client_id: int, contact_id: int) -> HttpResponse:
    me = _me(request)
    client = access.client_for(me, client_id, "manage_contacts")
    contact = access.contact_for(me, client, contact_id)
    services.remove_contact(by=me, contact=contact)
    messages.success(request, f"{contact.user.name} is no longer a contact of {client.name}.")
    return redirect("clients:contacts", client_id=client.pk)
