"""What people do on the review page: upload a version, open a round, decide, comment, write
and tick to-dos. Each goes through the access functions and one service; a refusal shows the
page again with the message and what the person typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accord.accounts.models import User
from accord.core import compose
from accord.core.errors import DomainError, NeedsConfirmation
from accord.core.forms import attach_error
from accord.core.pages import show_errors_on
from accord.core.policy import Audience
from accord.intake.views.common import me
from accord.reviews import access, page
from accord.reviews.forms import CommentForm, DecisionForm, RoundForm, TodoForm, VersionForm
from accord.reviews.models import Comment, Round
from accord.reviews.services import comments, rounds, todos, versions
from accord.reviews.views import render_page


def _back(deliverable_id: int, version_id: int | None = None, anchor: str = "") -> HttpResponse:
    url = reverse("reviews:deliverable", args=[deliverable_id])
    if version_id:
        url += f"?version={version_id}"
    return redirect(url + anchor)


def _on_error(
    request: HttpRequest,
    deliverable_id: int,
    form_name: str,
    form: object,
    version_id: int | None = None,
) -> None:
    """Show a refusal on the page, the form as typed with the message on its field."""

    def answer(error: DomainError) -> HttpResponse:
        if form is None:
            return render_page(
                request,
                deliverable_id,
                version_id=version_id,
                status=error.status,
                error=error.message,
            )
        # A refusal of no field of the form goes above the page: the form may no longer be
        # shown (a decision on a round a newer version closed).
        on_field = error.field in form.fields  # type: ignore[attr-defined]
        if on_field:
            attach_error(form, error)  # type: ignore[arg-type]
        return render_page(
            request,
            deliverable_id,
            version_id=version_id,
            status=error.status,
            error="" if on_field else error.message,
            needs_confirm=isinstance(error, NeedsConfirmation),
            forms={form_name: form},
        )

    show_errors_on(request, answer)


@login_required
@require_POST
def version_add(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    """Upload the next version; by default ask the account manager to review it."""
    user = me(request)
    deliverable = access.deliverable_for(user, deliverable_id, "upload")
    open_todos = deliverable.todos.filter(done_at__isnull=True).values_list("pk", "text")
    form = VersionForm(request.POST, request.FILES, todos=list(open_todos))
    _on_error(request, deliverable_id, "version_form", form)
    if not form.is_valid():
        return render_page(request, deliverable_id, status=422, forms={"version_form": form})
    data = form.cleaned_data
    upload = data["file"]
    checked = versions.check_file(upload) if upload else None  # before any lock is taken
    version = versions.add_version(
        by=user,
        deliverable=deliverable,
        upload=upload,
        checked=checked,
        copy_text=data["copy"] or "",
        link_url=data["link_url"] or "",
        note=data["note"],
        answers=data["answers"],
    )
    messages.success(request, f"Version {version.number} is uploaded.")
    reviewer = deliverable.job.owner or deliverable.job.client.account_manager
    if data["ask_review"] and reviewer is not None and reviewer.is_active and reviewer != user:
        try:
            rounds.open_round(
                by=user, version=version, stage=Round.Stage.INTERNAL, seats=[rounds.Seat(reviewer)]
            )
        except DomainError as refused:  # the version is kept: say what did not happen
            messages.warning(request, f"No review was asked for: {refused.message}")
    return _back(deliverable_id, version.pk, "#version-heading")


@login_required
@require_POST
def round_open(request: HttpRequest, deliverable_id: int, stage: str) -> HttpResponse:
    """Open an internal round (the agency's people on the job) or send to the client (the
    account manager)."""
    if stage not in Round.Stage.values:
        raise Http404("No such review stage.")
    user = me(request)
    deliverable = access.deliverable_for(
        user, deliverable_id, "manage" if stage == Round.Stage.CLIENT else "upload"
    )
    # Only those who may sit on this stage are choices: an id of anyone else is "not one of
    # the available choices", never a name from another client.
    people = (
        page.contact_choices(deliverable)
        if stage == Round.Stage.CLIENT
        else page.staff_choices(deliverable)
    )
    form = RoundForm(request.POST, people=people, prefix=stage)
    form_name = f"{stage}_form"
    _on_error(request, deliverable_id, form_name, form)
    if not form.is_valid():
        return render_page(request, deliverable_id, status=422, forms={form_name: form})
    data = form.cleaned_data
    version = access.version_for(user, data["version"])
    if version.deliverable_id != deliverable.pk:
        return render_page(
            request, deliverable_id, status=422, error="That version is not of this deliverable."
        )
    by_pk = {u.pk: u for u in User.objects.filter(pk__in=[pk for pk, _ in form.seats()])}
    due_at = data["due_at"]
    if due_at is not None and timezone.is_naive(due_at):
        due_at = timezone.make_aware(due_at)
    rounds.open_round(
        by=user,
        version=version,
        stage=stage,
        seats=[rounds.Seat(by_pk[pk], role) for pk, role in form.seats() if pk in by_pk],
        rule=data["rule"],
        final_approver=by_pk.get(data["final_approver"]) if data["final_approver"] else None,
        due_at=due_at,
        override_reason=data["reason"],
        confirm=data["confirm"],
    )
    sent = "sent to the client" if stage == Round.Stage.CLIENT else "up for internal review"
    messages.success(request, f"Version {version.number} is {sent}.")
    return _back(deliverable_id, version.pk)


@login_required
@require_POST
def decide(request: HttpRequest, round_id: int) -> HttpResponse:
    user = me(request)
    found = access.round_for(user, round_id)
    form = DecisionForm(request.POST)

    def refused(error: DomainError) -> HttpResponse:
        if error.field in form.fields:  # a field of the form, which is still on the page
            attach_error(form, error)
            return render_page(
                request,
                found.deliverable_id,
                version_id=found.version_id,
                status=error.status,
                forms={"decision_form": form},
            )
        # The round may be closed (its form gone): the note typed is given back with the reason.
        note = (request.POST.get("note") or "").strip()
        kept = f" Your note, not recorded: “{note[:2000]}”" if note else ""
        return render_page(
            request,
            found.deliverable_id,
            version_id=found.version_id,
            status=error.status,
            error=error.message + kept,
            forms={"decision_form": form},
        )

    show_errors_on(request, refused)
    if not form.is_valid():
        return render_page(
            request,
            found.deliverable_id,
            version_id=found.version_id,
            status=422,
            forms={"decision_form": form},
        )
    decision = rounds.decide(by=user, round=found, **form.cleaned_data)
    messages.success(
        request, f"Your decision is recorded: {decision.get_verdict_display().lower()}."
    )
    return _back(found.deliverable_id, found.version_id)


@login_required
@require_POST
def round_nudge(request: HttpRequest, round_id: int) -> HttpResponse:
    user = me(request)
    found = access.round_for(user, round_id, "manage")
    _on_error(request, found.deliverable_id, "", None, found.version_id)
    count = rounds.nudge(by=user, round=found)
    messages.success(request, f"Reminded {count} reviewer{'s' if count != 1 else ''}.")
    return _back(found.deliverable_id, found.version_id)


@login_required
@require_POST
def round_cancel(request: HttpRequest, round_id: int) -> HttpResponse:
    user = me(request)
    found = access.round_for(user, round_id, "manage")
    _on_error(request, found.deliverable_id, "", None, found.version_id)
    rounds.cancel_round(by=user, round=found)
    messages.success(request, "The round is withdrawn.")
    return _back(found.deliverable_id, found.version_id)


@login_required
@require_POST
def comment_add(request: HttpRequest, version_id: int) -> HttpResponse:
    user = me(request)
    version = access.version_for(user, version_id)
    deliverable = version.deliverable
    if not access.may_comment(user, version):
        raise PermissionDenied("You can read this work but not comment on it.")
    form = CommentForm(request.POST)
    _on_error(request, deliverable.pk, "comment_form", form, version.pk)
    if not form.is_valid():
        return render_page(
            request, deliverable.pk, version_id=version.pk, status=422, forms={"comment_form": form}
        )
    data = form.cleaned_data
    parent = access.comment_for(user, data["parent"]) if data["parent"] else None
    comment = comments.add_comment(
        by=user,
        version=version,
        body=data["body"],
        audience=data["audience"] or "internal",
        anchor=form.anchor_fields(),
        parent=parent,
        managing=deliverable.managing,
    )
    compose.sent(request, "comment", comment, comment.body)
    return _back(deliverable.pk, version.pk, f"#comment-{comment.parent_id or comment.pk}")


@login_required
@require_POST
def comment_resolve(request: HttpRequest, comment_id: int) -> HttpResponse:
    user = me(request)
    comment = access.comment_for(user, comment_id, "resolve")
    _on_error(request, comment.deliverable_id, "", None, comment.version_id)
    base = request.POST.get("base_revision", "")
    comments.resolve_comment(
        by=user,
        comment=comment,
        resolved=request.POST.get("resolved") == "1",
        base_revision=int(base) if base.isascii() and base.isdigit() and len(base) < 9 else None,
    )
    return _back(comment.deliverable_id, comment.version_id, f"#comment-{comment.pk}")


@login_required
@require_POST
def todo_add(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    user = me(request)
    deliverable = access.deliverable_for(user, deliverable_id, "manage")
    client_comments = Comment.objects.filter(
        deliverable=deliverable, audience=Audience.CLIENT, parent__isnull=True
    ).values_list("pk", "body")
    form = TodoForm(request.POST, comments=[(pk, body[:80]) for pk, body in client_comments])
    _on_error(request, deliverable_id, "todo_form", form)
    if not form.is_valid():
        return render_page(request, deliverable_id, status=422, forms={"todo_form": form})
    todos.add_todos(
        by=user,
        deliverable=deliverable,
        items=[(form.cleaned_data["text"], form.cleaned_data["sources"])],
    )
    return _back(deliverable_id, None, "#todos")


@login_required
@require_POST
def todo_tick(request: HttpRequest, todo_id: int) -> HttpResponse:
    user = me(request)
    todo = access.todo_for(user, todo_id, "tick")
    todos.tick_todo(by=user, todo=todo, done=request.POST.get("done") == "1")
    return _back(todo.deliverable_id, None, "#todos")
