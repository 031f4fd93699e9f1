"""Requests: the list, filing one (portal or logged by the AM), deciding, and attachments."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accord.clients import queries as client_queries
from accord.core import compose, policy
from accord.core.pages import show_errors_in_form, show_errors_on
from accord.core.pagination import paginate
from accord.intake import access, downloads, queries, services
from accord.intake.forms import DecideForm, RequestFilterForm, RequestForm
from accord.intake.models import Request
from accord.intake.views.common import HtmxHttpRequest, client_picker, me

R = Request.Status
# A request in these statuses has a brief (one whose brief is cancelled is new again).
HAS_BRIEF = (R.BRIEFING, R.SIGNED_OFF, R.IN_WORK, R.DELIVERED)


@login_required
def request_list(request: HtmxHttpRequest) -> HttpResponse:
    user = me(request)
    access.require_request_reader(user)
    clients = client_queries.visible_to(user).order_by("name")
    filters = RequestFilterForm(request.GET or None, clients=clients)
    criteria = filters.criteria()
    order = filters.order()
    items = queries.requests_of(user, **criteria, **order)
    context = {
        "filters": filters,
        "page": paginate(request, items),
        "filtered": any(criteria.values()) or order.get("overdue"),
        "can_file": access.clients_for_intake(user).exists(),
    }
    if request.htmx:
        return render(request, "intake/_request_table.html", context)
    return render(request, "intake/request_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    user = me(request)
    access.require_request_reader(user)
    clients = access.clients_for_intake(user).order_by("name")
    takes_work = clients.exists()
    refusal = "You can follow requests here, but not file them."
    if not takes_work and request.method != "POST":
        access.refuse_intake(user, refusal)
    staff = policy.is_staff_member(user)
    initial = {"client": request.GET.get("client")} if request.GET.get("client") else None
    form = RequestForm(
        request.POST or None, request.FILES or None, clients=clients, staff=staff, initial=initial
    )
    if staff and form.chooses_client:
        # Choosing the client lists its people under "On behalf of", in place.
        form.fields["client"].widget.attrs.update(
            {
                "hx-get": request.path,
                "hx-trigger": "change",
                "hx-target": "#requested-by",
                "hx-select": "#requested-by",
                "hx-swap": "outerHTML",
            }
        )
    context: dict[str, Any] = {"form": form, "staff": staff}
    if request.method == "GET":
        if form.many_clients and not initial:
            context["picker"] = client_picker(request, clients)
        return render(request, "intake/request_form.html", context)
    show_errors_in_form(request, form, lambda status: _form_again(request, context, status))
    if not takes_work:  # archived while the person typed: the form again, with their words
        access.refuse_intake(user, refusal)
    if form.is_valid():
        data = dict(form.cleaned_data)
        client = access.client_for_intake(user, data.pop("client").pk)
        contact = data.pop("requested_by", None)
        item = services.submit_request(
            by=user, client=client, requested_by=contact.user if contact else None, **data
        )
        thanks = (
            f"Thank you: {client.account_manager.first_name} has your request."
            if not staff
            else "The request is logged."
        )
        messages.success(request, thanks)
        return redirect(item.get_absolute_url())
    return _form_again(request, context, 422)


def _form_again(request: HttpRequest, context: dict[str, Any], status: int) -> HttpResponse:
    """The request form as it was sent; files are not kept, so it says to add them again."""
    context["files_dropped"] = bool(request.FILES)
    return render(request, "intake/request_form.html", context, status=status)


def _request_page(
    request: HttpRequest,
    item: Request,
    *,
    decide_form: DecideForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = me(request)
    manages = access.manages(user, item.client)
    context: dict[str, Any] = {
        "item": item,
        "attachments": list(item.attachments.order_by("created_at")),
        "manages": manages,
        "may_attach": access.may_attach(user, item),
        "error": error,
        "brief": getattr(item, "brief", None) if item.status in HAS_BRIEF else None,
    }
    if manages:
        context["decide_form"] = decide_form or DecideForm()
        context["templates"] = list(access.templates_for(user).filter(is_active=True))
    return render(request, "intake/request_detail.html", context, status=status)


@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    item = access.request_for(me(request), request_id)
    return _request_page(request, item)


@login_required
@require_POST
def request_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    user = me(request)
    item = access.request_for(user, request_id, "decide")
    form = DecideForm(request.POST)
    show_errors_in_form(
        request, form, lambda status: _request_page(request, item, decide_form=form, status=status)
    )
    if form.is_valid():
        item = services.decide_request(by=user, request=item, **form.cleaned_data)
        compose.sent(request, "decline", item, form.cleaned_data["reason"])
        messages.success(
            request, f"The request is {item.get_status_display().lower()}; the client can read why."
        )
        return redirect(item.get_absolute_url())
    return _request_page(request, item, decide_form=form, status=422)


@login_required
@require_POST
def request_reopen(request: HttpRequest, request_id: int) -> HttpResponse:
    user = me(request)
    item = access.request_for(user, request_id, "decide")
    show_errors_on(
        request,
        lambda error: _request_page(request, item, error=error.message, status=error.status),
    )
    services.reopen_request(by=user, request=item)
    messages.success(request, "The request is open again.")
    return redirect(item.get_absolute_url())


@login_required
def attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    return downloads.attachment_file(access.attachment_for(me(request), attachment_id))


@login_required
def attachment_thumbnail(request: HttpRequest, attachment_id: int) -> FileResponse:
    return downloads.thumbnail_file(access.attachment_for(me(request), attachment_id))
