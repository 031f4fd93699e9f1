"""What the account manager does between the two sides: relay a client message to the team
(with to-dos), answer the client from the team's discussion, say the ball is in nobody's court,
open a job's client threads to its team; and what the team does with a to-do."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from accord.accounts.models import User
from accord.conversations import access
from accord.conversations.forms import RelayForm, ReplyForm
from accord.conversations.models import Message, Thread
from accord.conversations.services import relays, threads
from accord.core import compose
from accord.core.pages import show_errors_in_form
from accord.core.policy import Audience, Kind
from accord.intake.views.common import me
from accord.work import access as work_access

THREAD_CHOICES = 50


def _to(thread_id: int, message_id: int | None = None) -> HttpResponse:
    url = reverse("conversations:thread", args=[thread_id])
    return redirect(f"{url}#m{message_id}" if message_id else url)


def _threads_of(source: Message, audience: str) -> list[tuple[int, str]]:
    rows = (
        Thread.objects.filter(client_id=source.thread.client_id, audience=audience)
        .order_by("-last_message_at")
        .values_list("pk", "subject")[:THREAD_CHOICES]
    )
    return list(rows)


def _team(thread: Thread) -> list[tuple[int, str]]:
    """Who to-dos can be for: the client's team, its account manager, the job's people."""
    on_it = Q(team_memberships__client_id=thread.client_id) | Q(pk=thread.client.account_manager_id)
    if thread.job_id:
        on_it |= Q(job_places__job_id=thread.job_id) | Q(tasks__job_id=thread.job_id)
    staff = User.objects.filter(on_it, kind=Kind.STAFF, is_active=True).distinct().order_by("name")
    return [(pk, name or email) for pk, name, email in staff.values_list("pk", "name", "email")]


def _relay_page(request: HttpRequest, source: Message, form: Any, *, status: int) -> HttpResponse:
    to_team = isinstance(form, RelayForm)
    context = {"source": source, "thread": source.thread, "form": form, "to_team": to_team}
    context["base"] = reverse("conversations:inbox")
    return render(request, "conversations/relay.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def relay(request: HttpRequest, message_id: int) -> HttpResponse:
    """Pass a client message to the team in the account manager's own words."""
    user = me(request)
    source = access.message_for(user, message_id, "manage")
    choices = {"threads": _threads_of(source, Audience.INTERNAL), "team": _team(source.thread)}
    if request.method == "GET":
        return _relay_page(request, source, RelayForm(**choices), status=200)
    form = RelayForm(request.POST, **choices)
    if not form.is_valid():
        return _relay_page(request, source, form, status=422)
    show_errors_in_form(
        request, form, lambda status: _relay_page(request, source, form, status=status)
    )
    data = form.cleaned_data
    assignee = User.objects.filter(pk=data["assignee"]).first() if data.get("assignee") else None
    target = Thread.objects.filter(pk=data["thread"]).first() if data.get("thread") else None
    message = relays.relay_to_team(
        by=user,
        source=source,
        body=data["body"],
        todos=[relays.TodoLine(text=line, assignee=assignee) for line in data["todo_lines"]]
        if assignee
        else [],
        target=target,
    )
    return _to(message.thread_id, message.pk)


@login_required
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, message_id: int) -> HttpResponse:
    """Answer the client from an internal message, in the account manager's own words."""
    user = me(request)
    source = access.message_for(user, message_id, "manage")
    choices = {"threads": _threads_of(source, Audience.CLIENT)}
    if request.method == "GET":
        return _relay_page(request, source, ReplyForm(**choices), status=200)
    form = ReplyForm(request.POST, **choices)
    if not form.is_valid():
        return _relay_page(request, source, form, status=422)
    show_errors_in_form(
        request, form, lambda status: _relay_page(request, source, form, status=status)
    )
    target = (
        Thread.objects.filter(pk=form.cleaned_data["thread"]).first()
        if form.cleaned_data.get("thread")
        else None
    )
    message = relays.reply_to_client(
        by=user, source=source, body=form.cleaned_data["body"], target=target
    )
    compose.sent(request, "reply", message, message.body)
    return _to(message.thread_id, message.pk)


@login_required
@require_POST
def tick_todo(request: HttpRequest, todo_id: int) -> HttpResponse:
    user = me(request)
    todo = access.todo_for(user, todo_id)
    relays.tick(by=user, todo=todo, done=request.POST.get("done") == "1")
    return _to(todo.thread_id)


@login_required
@require_POST
def clear_court(request: HttpRequest, thread_id: int) -> HttpResponse:
    user = me(request)
    thread = access.thread_for(user, thread_id, "manage")
    threads.clear_court(by=user, thread=thread)
    return _to(thread.pk)


@login_required
@require_POST
def team_voice(request: HttpRequest, job_id: int) -> HttpResponse:
    """Open (or close) a job's client threads to its team."""
    user = me(request)
    job = work_access.job_for(user, job_id, "manage")
    threads.set_team_voice(by=user, job=job, open=request.POST.get("open") == "1")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts=None) and back.startswith("/"):
        return redirect(back)
    return redirect(reverse("work:job_detail", args=[job.pk]))
