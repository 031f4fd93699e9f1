"""The triage queue: email Accord could not file by itself (an unknown or unexpected sender, a
forged or old reply address, unreadable MIME), for the account manager to add to a
conversation, turn into a request, or dismiss with a reason. Nothing in it is ever deleted."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accord.accounts.models import User
from accord.clients.models import Client
from accord.conversations import access
from accord.conversations.models import InboundEmail, Thread
from accord.conversations.services import inbound
from accord.core import policy
from accord.core.downloads import document
from accord.core.forms import PlainSelect
from accord.core.pages import show_errors_in_form
from accord.core.pagination import paginate
from accord.core.policy import Kind
from accord.intake.views.common import me

PER_PAGE = 25
CHOICES = 200


def _require_desk(user: User) -> None:
    if not (policy.is_admin(user) or policy.is_account_manager(user)):
        raise PermissionDenied("Account managers sort the email that comes in.")


def _clients(user: User, email: InboundEmail) -> Any:
    clients = Client.objects.filter(status="active")
    if not policy.is_admin(user):
        clients = clients.filter(account_manager=user)
    if email.client_id:
        clients = clients.filter(pk=email.client_id)
    return clients


class AssignForm(forms.Form):
    thread = forms.TypedChoiceField(label="Conversation", coerce=int, widget=PlainSelect)
    as_person = forms.TypedChoiceField(label="From", coerce=int, widget=PlainSelect)

    def __init__(self, *args: Any, threads: Any, people: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        # Nothing chosen for the account manager: the words go nowhere, as nobody, by default.
        self.fields["thread"].choices = [("", "Choose a conversation"), *threads]  # type: ignore[attr-defined]
        self.fields["as_person"].choices = [("", "Choose who wrote it"), *people]  # type: ignore[attr-defined]
        self.fields[
            "as_person"
        ].help_text = "Who it is posted as: someone of the conversation's audience."


class RequestForm(forms.Form):
    client = forms.TypedChoiceField(coerce=int, widget=PlainSelect)
    contact = forms.TypedChoiceField(label="Asked by", coerce=int, widget=PlainSelect)

    def __init__(self, *args: Any, clients: Any, contacts: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["client"].choices = clients  # type: ignore[attr-defined]
        self.fields["contact"].choices = contacts  # type: ignore[attr-defined]


class DismissForm(forms.Form):
    reason = forms.CharField(max_length=300, help_text="Spam, sent to the wrong place…")


def _forms(user: User, email: InboundEmail, data: Any = None) -> dict[str, Any]:
    clients = _clients(user, email)
    client_ids = list(clients.values_list("pk", flat=True)[:CHOICES])
    threads = (
        Thread.objects.filter(client_id__in=client_ids)
        .select_related("client")
        .order_by("-last_message_at")[:CHOICES]
    )
    people = (
        User.objects.filter(
            Q(contact_roles__client_id__in=client_ids)
            | Q(kind=Kind.STAFF, team_memberships__client_id__in=client_ids)
            | Q(pk__in=clients.values("account_manager_id")),
            is_active=True,
        )
        .distinct()
        .order_by("kind", "name")[:CHOICES]
    )
    named = [(p.pk, f"{p.name or p.email} <{p.email}>", p.kind) for p in people]
    contacts = [(pk, label) for pk, label, kind in named if kind == Kind.CONTACT]
    thread_choices = [
        (t.pk, f"{'Agency only · ' if t.is_internal else ''}{t.client.name}: {t.subject}")
        for t in threads
    ]
    return {
        "assign": AssignForm(
            data if data and data.get("action") == "assign" else None,
            threads=thread_choices,
            people=[(pk, label) for pk, label, _ in named],
            prefix="assign",
        ),
        # Not "request": that is the HTTP request in every template's context.
        "request_form": RequestForm(
            data if data and data.get("action") == "request" else None,
            clients=[(c.pk, c.name) for c in clients[:CHOICES]],
            contacts=contacts,
            prefix="request",
        ),
        "dismiss": DismissForm(
            data if data and data.get("action") == "dismiss" else None, prefix="dismiss"
        ),
    }


@login_required
@require_GET
def triage(request: HttpRequest) -> HttpResponse:
    user = me(request)
    _require_desk(user)
    waiting = access.triage_visible_to(user).select_related("client").order_by("id")
    context = {
        "page": paginate(request, waiting.defer("raw"), PER_PAGE),
        "base": reverse("conversations:triage"),
    }
    return render(request, "conversations/triage.html", context)


def _email_page(
    request: HttpRequest, email: InboundEmail, forms_: dict[str, Any], status: int = 200
) -> HttpResponse:
    context = {"email": email, "shown": inbound.display(email), **forms_}
    return render(request, "conversations/triage_email.html", context, status=status)


@login_required
@require_GET
def triage_email(request: HttpRequest, email_id: int) -> HttpResponse:
    user = me(request)
    email = access.inbound_for(user, email_id)
    return _email_page(request, email, _forms(user, email))


@login_required
@require_POST
def triage_sort(request: HttpRequest, email_id: int) -> HttpResponse:
    """Add the email to a conversation, open a request from it, or dismiss it."""
    user = me(request)
    email = access.inbound_for(user, email_id)
    forms_ = _forms(user, email, request.POST)
    action = request.POST.get("action", "")
    form = forms_.get({"request": "request_form"}.get(action, action))
    if form is None:
        return _email_page(request, email, forms_, status=422)
    if not form.is_valid():
        return _email_page(request, email, forms_, status=422)
    show_errors_in_form(request, form, lambda status: _email_page(request, email, forms_, status))
    data = form.cleaned_data
    if action == "assign":
        thread = access.thread_for(user, data["thread"], "manage")
        person = User.objects.get(pk=data["as_person"])
        message = inbound.assign(by=user, email=email, thread=thread, as_person=person)
        url = reverse("conversations:thread", args=[thread.pk])
        return redirect(f"{url}#m{message.pk}")
    if action == "request":
        client = _clients(user, email).get(pk=data["client"])
        contact = User.objects.get(pk=data["contact"])
        made = inbound.open_request(by=user, email=email, client=client, contact=contact)
        return redirect(made.get_absolute_url())
    inbound.dismiss(by=user, email=email, reason=data["reason"])
    return redirect("conversations:triage")


@login_required
@require_GET
def triage_raw(request: HttpRequest, email_id: int) -> HttpResponse:
    """The email exactly as it was received, to open in a mail program."""
    email = access.inbound_for(me(request), email_id)
    return document(
        bytes(email.raw), filename=f"email-{email.pk}.eml", content_type="message/rfc822"
    )
