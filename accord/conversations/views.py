"""The inbox, a thread's page, writing and editing messages, and their files."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.conversations import access, queries
from accord.conversations.forms import EditForm, MessageForm
from accord.conversations.models import Thread
from accord.conversations.services import threads
from accord.core import compose, policy
from accord.core.downloads import stored_file
from accord.core.errors import Conflict
from accord.core.http import int_param
from accord.core.pages import show_errors_in_form
from accord.core.pagination import paginate, query_without_page
from accord.intake.views.common import me

PER_PAGE = 25
SHOWS = {
    "": "All",
    "unread": "Unread",
    "waiting_on_agency": "Waiting on us",
    "waiting_on_client": "Waiting on the client",
    "client": "With clients",
    "internal": "Agency only",
}


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user = me(request)
    show = request.GET.get("show", "")
    show = show if show in SHOWS else ""
    if policy.is_contact(user) and show in ("internal", "waiting_on_agency", "waiting_on_client"):
        show = ""
    threads_seen = queries.inbox(user, show=show, client_id=int_param(request.GET.get("client")))
    context = {
        "page": paginate(request, threads_seen, PER_PAGE),
        "query": query_without_page(request),
        "show": show,
        "shows": SHOWS if policy.is_staff_member(user) else {"": "All", "unread": "Unread"},
        "thread_prefix": reverse("conversations:inbox"),
        "is_contact": policy.is_contact(user),
        "triage": access.triage_visible_to(user).count() if policy.can_create_clients(user) else 0,
    }
    return render(request, "conversations/inbox.html", context)


def thread_context(request: HttpRequest, thread: Thread, **forms: Any) -> dict[str, Any]:
    user = me(request)
    before = int_param(request.GET.get("before"))
    shown, older = queries.messages_of(thread, before=before)
    now = timezone.now()
    for message in shown:
        message.editable = (
            message.author_id == user.pk and now - message.created_at <= threads.EDIT_WINDOW
        )
    return {
        "thread": thread,
        # Not "messages": that is Django's flash messages, which the base layout shows.
        "thread_messages": shown,
        "older": shown[0].pk if older and shown else None,
        "todos": queries.todos_of(thread) if thread.is_internal else [],
        "people": queries.people_of(thread),
        "may_post": access.may_post(user, thread),
        "managing": thread.managing,
        "is_contact": policy.is_contact(user),
        "form": forms.get("form") or MessageForm(),
        "base": reverse("conversations:inbox"),
    }


def _page(request: HttpRequest, thread: Thread, status: int = 200, **forms: Any) -> HttpResponse:
    return render(
        request,
        "conversations/thread.html",
        thread_context(request, thread, **forms),
        status=status,
    )


@login_required
@require_GET
def thread_page(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = access.thread_for(me(request), thread_id)
    response = _page(request, thread)
    threads.mark_read(user=me(request), thread=thread)
    return response


@login_required
@require_POST
def post_message(request: HttpRequest, thread_id: int) -> HttpResponse:
    user = me(request)
    thread = access.thread_for(user, thread_id, "post")
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, thread, status=422, form=form)
    show_errors_in_form(request, form, lambda status: _page(request, thread, status, form=form))
    message = threads.post(
        by=user,
        thread=thread,
        body=form.cleaned_data["body"],
        attachments=form.cleaned_data["attachments"],
    )
    compose.sent(request, "message", message, message.body)
    return redirect(f"{reverse('conversations:thread', args=[thread.pk])}#m{message.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def edit_message(request: HttpRequest, message_id: int) -> HttpResponse:
    """Edit one's own message within five minutes (the earlier text is kept)."""
    user = me(request)
    message = access.message_for(user, message_id)

    def page(status: int = 200) -> HttpResponse:
        context = {"message": message, "thread": message.thread, "form": form}
        context["base"] = reverse("conversations:inbox")
        return render(request, "conversations/edit.html", context, status=status)

    if request.method == "GET":
        threads.ensure_may_edit(by=user, message=message)
        form = EditForm(initial={"body": message.body, "revision": message.revision})
        return page()
    form = EditForm(request.POST)
    if not form.is_valid():
        return page(422)
    show_errors_in_form(request, form, page)
    try:
        threads.edit(
            by=user,
            message=message,
            body=form.cleaned_data["body"],
            revision=form.cleaned_data["revision"],
        )
    except Conflict as conflict:
        # Show the message as it is now beside what the person typed, based on it: saving
        # again replaces the newer text knowingly.
        message.refresh_from_db()
        form = EditForm({"body": form.cleaned_data["body"], "revision": message.revision})
        form.is_valid()
        form.add_error(None, conflict.message)
        context = {"message": message, "thread": message.thread, "form": form, "now": True}
        context["base"] = reverse("conversations:inbox")
        return render(request, "conversations/edit.html", context, status=409)
    return redirect(f"{reverse('conversations:thread', args=[message.thread.pk])}#m{message.pk}")


@login_required
@require_GET
def attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    """A message's file, after the access check, always as a download."""
    item = access.attachment_for(me(request), attachment_id)
    return stored_file(item.file, filename=item.name, content_type=item.content_type)
