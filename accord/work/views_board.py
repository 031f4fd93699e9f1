"""The job board (cards moved by drag and drop or by a plain form), the timeline of a job's due
dates, and the account manager's overview of one job and of all their jobs."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accord.core import policy
from accord.core.errors import DomainError, InvalidInput
from accord.core.links import url_pattern
from accord.core.pages import show_errors_on
from accord.core.pagination import paginate
from accord.intake.views.common import me
from accord.work import access, board_html, overview
from accord.work.models import Job
from accord.work.services import deliverables as deliverable_services
from accord.work.services import tasks as task_services

TASKS_PER_PAGE = 25
JOBS_PER_PAGE = 25


def _staff_job(request: HttpRequest, job_id: int) -> Job:
    """The job for its board or timeline: agency staff who see it (contacts never: 404)."""
    if not policy.is_staff_member(request.user):
        raise Http404("No such job.")
    return access.job_for(request.user, job_id)


def _board_url(job: Job) -> str:
    return reverse("work:board", kwargs={"job_id": job.pk})


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _job_context(request: HttpRequest, job: Job, tab: str) -> dict[str, Any]:
    return {
        "job": job,
        "tab": tab,
        "manages": access.manages(me(request), job),
        "task_prefix": _task_prefix(),
    }


def _task_prefix() -> str:
    """A task's page is this, its id and "/": built in the template, not reversed per row."""
    return url_pattern("work:task_detail", "task_id").removesuffix("{}/")


def _jobs_prefix() -> str:
    """Where job pages start ("/jobs/"): links in long lists are built from it, not reversed."""
    return reverse("work:overview").removesuffix("overview/")


@login_required
def board(request: HttpRequest, job_id: int) -> HttpResponse:
    return _board_page(request, _staff_job(request, job_id))


def _board_page(
    request: HttpRequest, job: Job, *, error: str = "", status: int = 200
) -> HttpResponse:
    board = overview.board(me(request), job, today=timezone.localdate(), board_url=_board_url(job))
    cards = board_html.Cards(get_token(request))
    for column in (*board.deliverables, *board.tasks):
        column.html = cards.html(column.cards)
    context = {**_job_context(request, job, "board"), "board": board, "error": error}
    return render(request, "work/board.html", context, status=status)


def _answer_errors(request: HttpRequest, job: Job) -> None:
    """A refused move: JSON for the board's script (the card goes back), else the board with
    the message."""

    def answer(error: DomainError) -> HttpResponse:
        if _wants_json(request):
            body = {"detail": error.message, "field": error.field}
            return JsonResponse(body, status=error.status)
        return _board_page(request, job, error=error.message, status=error.status)

    show_errors_on(request, answer)


def required_base_status(request: HttpRequest) -> str:
    base = request.POST.get("base_status", "")
    if not base:
        raise InvalidInput("Reload the page, then move it again.", field="base_status")
    return base


def _moved(request: HttpRequest, job: Job, card: overview.Card, message: str) -> HttpResponse:
    if _wants_json(request):
        html = board_html.Cards(get_token(request)).card(card)
        return JsonResponse({"detail": message, "status": card.status, "card": html})
    messages.success(request, message)
    return redirect(f"{_board_url(job)}#{card.kind}-{card.id}")


@login_required
@require_http_methods(["GET", "POST"])
def move_deliverable(request: HttpRequest, job_id: int, deliverable_id: int) -> HttpResponse:
    """Move a deliverable's card to another status: a drop on the board, or the card's form."""
    if request.method == "GET":  # a refused move's page, reloaded or opened again
        return redirect(f"{_board_url(_staff_job(request, job_id))}#deliverable-{deliverable_id}")
    user = me(request)
    job = _staff_job(request, job_id)
    deliverable = access.deliverable_for(user, deliverable_id, "move")
    if deliverable.job_id != job.pk:
        raise Http404("No such deliverable on this job.")
    _answer_errors(request, job)
    to, base = request.POST.get("to", ""), required_base_status(request)
    if base == deliverable.status:  # else the move is a conflict, whoever asks
        access.ensure_may_move_deliverable(user, deliverable, to)
    moved = deliverable_services.move_deliverable(
        by=user, deliverable=deliverable, to=to, base_status=base
    )
    card = overview.deliverable_card(
        user, job, moved.pk, today=timezone.localdate(), board_url=_board_url(job)
    )
    return _moved(request, job, card, f"“{moved.title}” is now in “{moved.get_status_display()}”.")


@login_required
@require_http_methods(["GET", "POST"])
def move_task(request: HttpRequest, job_id: int, task_id: int) -> HttpResponse:
    """Move a task's card to another status; blocking it takes a reason."""
    if request.method == "GET":  # a refused move's page, reloaded or opened again
        return redirect(f"{_board_url(_staff_job(request, job_id))}#task-{task_id}")
    user = me(request)
    job = _staff_job(request, job_id)
    task = access.task_for(user, task_id, "move")
    if task.job_id != job.pk:
        raise Http404("No such task on this job.")
    _answer_errors(request, job)
    moved = task_services.move_task(
        by=user,
        task=task,
        to=request.POST.get("to", ""),
        base_status=required_base_status(request),
        reason=request.POST.get("reason", "")[:1000],
    )
    card = overview.task_card(
        user, job, moved.pk, today=timezone.localdate(), board_url=_board_url(job)
    )
    return _moved(request, job, card, f"“{moved.title}” is now “{moved.get_status_display()}”.")


@login_required
def timeline(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's due dates on a line from today to the deadline, and the same as a list."""
    job = _staff_job(request, job_id)
    context = {
        **_job_context(request, job, "timeline"),
        "timeline": overview.timeline(job, today=timezone.localdate()),
    }
    return render(request, "work/timeline.html", context)


@login_required
def job_overview(request: HttpRequest, job_id: int) -> HttpResponse:
    """What needs the account manager's eye on one job: late, at risk, blocked, hours."""
    job = _staff_job(request, job_id)
    if not access.manages(me(request), job):
        raise PermissionDenied("The overview is for the job's account manager.")
    estimate, logged = overview.job_hours(job)
    context = {
        **_job_context(request, job, "overview"),
        "watch": overview.watch(overview.job_queryset(job), today=timezone.localdate()),
        "estimate": estimate,
        "logged": logged,
        "tasks": paginate(request, overview.tasks_with_hours(job), TASKS_PER_PAGE),
        "board_prefix": _jobs_prefix(),
    }
    return render(request, "work/job_overview.html", context)


@login_required
def all_jobs_overview(request: HttpRequest) -> HttpResponse:
    """The account manager's running jobs with their figures, and what needs their eye."""
    user = me(request)
    if not (policy.is_admin(user) or policy.is_account_manager(user)):
        raise PermissionDenied("The overview is for account managers.")
    today = timezone.localdate()
    jobs = overview.jobs_watched_by(user)
    watch = overview.watch(jobs, today=today)
    figures = overview.jobs_with_figures(jobs, today=today, until=watch.at_risk_until)
    context = {
        "watch": watch,
        "jobs": paginate(request, figures, JOBS_PER_PAGE),
        "board_prefix": _jobs_prefix(),
        "task_prefix": _task_prefix(),
    }
    return render(request, "work/overview.html", context)
