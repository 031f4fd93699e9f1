"""Job pages: the jobs list, setting one up, the job page with its team and internal notes,
and the account manager's moves on it; starting one from a brief."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accord.accounts.models import User
from accord.clients import access as client_access
from accord.clients import queries as client_queries
from accord.clients.models import Client
from accord.core import panels, policy
from accord.core.http import int_param
from accord.core.pages import show_errors_in_form, show_errors_on
from accord.core.pagination import paginate
from accord.intake import access as intake_access
from accord.intake import queries as intake_queries
from accord.intake.services.signoff import current_sign_off
from accord.intake.views.briefs import show_errors_on_brief
from accord.intake.views.common import HtmxHttpRequest, me
from accord.work import access, queries, rules, services
from accord.work.forms_jobs import JobFilterForm, JobForm, MemberForm, NewJobForm, PlanForm
from accord.work.models import Deliverable, Job, JobMember, Task

# The moves an account manager makes from the job page (done has its own button).
MOVE_WORDS = {"on_hold": "Put on hold", "open": "Resume", "cancelled": "Cancel the job"}
MAX_WITH_TASKS = 50  # people listed as working on a job through their tasks


@login_required
def job_list(request: HtmxHttpRequest) -> HttpResponse:
    """The jobs I can see, soonest deadline first; contacts see their client's jobs in the
    client's words."""
    user = me(request)
    clients = client_queries.visible_to(user).order_by("name")
    filters = JobFilterForm(request.GET or None, clients=clients)
    criteria = filters.criteria()
    context = {
        "filters": filters,
        "page": paginate(request, queries.jobs_of(user, **criteria)),
        "filtered": any(criteria.values()),
        "may_start": policy.can_create_clients(user),
        "internal": policy.is_staff_member(user),
    }
    if request.htmx:
        return render(request, "work/_job_table.html", context)
    return render(request, "work/job_list.html", context)


def _managed_clients(user: Any) -> Any:
    """The active clients whose jobs a person sets up: all for admins, an AM's own."""
    clients = Client.objects.filter(status=Client.Status.ACTIVE).order_by("name")
    return clients if policy.is_admin(user) else clients.filter(account_manager=user)


@login_required
@require_http_methods(["GET", "POST"])
def job_create(request: HttpRequest) -> HttpResponse:
    """Set up a job without a brief: client, title, deadline, who runs it, and optionally a
    template to plan it from."""
    user = me(request)
    access.require_job_starter(user)
    clients = _managed_clients(user)
    initial = {"client": int_param(request.GET.get("client"))}
    form = NewJobForm(request.POST or None, initial=initial, clients=clients)
    context = {"form": form}
    if request.method == "GET":
        return render(request, "work/job_form.html", context)
    show_errors_in_form(
        request, form, lambda status: render(request, "work/job_form.html", context, status=status)
    )
    if not form.is_valid():
        return render(request, "work/job_form.html", context, status=422)
    data = form.cleaned_data
    client = client_access.client_for(user, data["client"].pk, "edit")
    job = services.create_job(
        by=user,
        client=client,
        title=data["title"],
        due_on=data.get("due_on"),
        owner=data.get("owner"),
        notes=data.get("notes") or "",
        template=data.get("template"),
    )
    messages.success(request, f"The job “{job.title}” is set up.")
    _warn_if_born_late(request, job)
    return redirect("work:job_detail", job_id=job.pk)


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    return _job_page(request, access.job_for(request.user, job_id))


def _job_page(
    request: HttpRequest, job: Job, *, error: str = "", status: int = 200, **extra: Any
) -> HttpResponse:
    user = me(request)
    brief = job.brief
    manages = access.manages(user, job)
    internal = policy.is_staff_member(user)
    context = {
        "job": job,
        "signed": current_sign_off(brief) if brief is not None else None,
        "files": intake_queries.files_of_brief(user, brief) if brief is not None else [],
        "may_finish": manages,
        "may_acknowledge": manages,
        "may_manage": manages,
        "internal": internal,
        "error": error,
        "panels": panels.page_panels("job", request, job),
    }
    if internal:
        context.update(_internal_parts(job, manages=manages))
    context.update(extra)
    return render(request, "work/job_detail.html", context, status=status)


def _late_tasks(job: Job) -> int:
    """How many of the job's open tasks are due before today."""
    late = Task.objects.filter(job=job, due_on__lt=timezone.localdate())
    return late.exclude(status=Task.Status.DONE).count()


def _warn_if_born_late(request: HttpRequest, job: Job, *, late_before: int = 0) -> None:
    """A plan from a template counts back from the deadline: one too close leaves some of it
    due before today, which the account manager should see at once (tasks late before the
    plan came are not the plan's)."""
    if job.template_id is None:
        return
    late = _late_tasks(job) - late_before
    if late > 0:
        one = late == 1
        messages.warning(
            request,
            f"{late} task{'' if one else 's'} of the plan {'falls' if one else 'fall'} due "
            "before today: the deadline leaves less time than the template plans for. Move "
            f"{'its date' if one else 'their dates'}, or the deadline.",
        )


def _internal_parts(job: Job, *, manages: bool) -> dict[str, Any]:
    """What only the agency reads on the job page: who runs it, its team, and (for those who
    run it) the moves, the team picker and planning from a template."""
    members = list(JobMember.objects.filter(job=job).select_related("user").order_by("user__name"))
    # Who works on it through their tasks without being on the team (they see it all the same).
    through_tasks = (
        Task.objects.filter(job=job, assignee__isnull=False)
        .exclude(assignee_id__in=[m.user_id for m in members])
        .values("assignee_id", "assignee__name")
        .annotate(tasks=Count("pk"))
        .order_by("assignee__name")[:MAX_WITH_TASKS]
    )
    parts: dict[str, Any] = {
        "owner": job.owner if job.owner_id else None,
        "members": members,
        "through_tasks": list(through_tasks),
        "moves": [
            (to, words) for to, words in MOVE_WORDS.items() if to in rules.JOB_MOVES[job.status]
        ],
    }
    if manages:
        planned = (
            Deliverable.objects.filter(job=job).exists() or Task.objects.filter(job=job).exists()
        )
        parts["member_form"] = MemberForm(job=job)
        parts["plan_form"] = (
            PlanForm() if job.status in ("open", "on_hold") and not planned else None
        )
    return parts


def _job_or_error_page(request: HttpRequest, job_id: int) -> Job:
    """The job for someone who runs it; a refusal by the service shows on the job page."""
    job = access.job_for(me(request), job_id, "manage")
    show_errors_on(
        request, lambda error: _job_page(request, job, error=error.message, status=error.status)
    )
    return job


@login_required
@require_http_methods(["GET", "POST"])
def job_edit(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's title, deadline, owner and internal notes, based on the revision read."""
    user = me(request)
    job = access.job_for(user, job_id, "manage")
    initial = {
        "title": job.title,
        "due_on": job.due_on,
        "owner": job.owner_id,
        "notes": job.notes,
        "revision": job.revision,
    }
    form = JobForm(request.POST or None, initial=initial)
    context = {"form": form, "job": job}
    if request.method == "GET":
        return render(request, "work/job_form.html", context)
    show_errors_in_form(
        request, form, lambda status: render(request, "work/job_form.html", context, status=status)
    )
    if not form.is_valid():
        return render(request, "work/job_form.html", context, status=422)
    data = form.cleaned_data
    services.update_job(
        by=user,
        job=job,
        revision=data.get("revision") or 0,
        title=data["title"],
        due_on=data.get("due_on"),
        owner=data.get("owner") or job.client.account_manager,
        notes=data.get("notes") or "",
    )
    messages.success(request, "The job is saved.")
    return redirect("work:job_detail", job_id=job.pk)


@login_required
@require_POST
def job_move(request: HttpRequest, job_id: int) -> HttpResponse:
    """Put the job on hold, resume it or cancel it, from the status the page showed."""
    job = _job_or_error_page(request, job_id)
    to, was = request.POST.get("to", ""), request.POST.get("was", "")
    job = services.move_job(by=me(request), job=job, to=to, was=was)
    messages.success(request, f"The job is {job.get_status_display().lower()}.")
    return redirect("work:job_detail", job_id=job.pk)


@login_required
@require_POST
def job_member_add(request: HttpRequest, job_id: int) -> HttpResponse:
    """Put someone on the team; the service refuses a contact, someone who has left or who is
    on it already, in words on the job page."""
    job = _job_or_error_page(request, job_id)
    person_id = int_param(request.POST.get("user"))
    person = User.objects.filter(pk=person_id).first() if person_id else None
    if person is None:
        return _job_page(request, job, error="Choose someone to add to the team.", status=422)
    services.add_job_member(by=me(request), job=job, person=person)
    messages.success(request, f"{person.name} is on the team.")
    return redirect("work:job_detail", job_id=job.pk)


@login_required
@require_POST
def job_member_remove(request: HttpRequest, job_id: int, user_id: int) -> HttpResponse:
    job = _job_or_error_page(request, job_id)
    membership = JobMember.objects.filter(job=job, user_id=user_id).select_related("user").first()
    if membership is None:
        raise Http404("That person is not on this job's team.")
    services.remove_job_member(by=me(request), job=job, person=membership.user)
    messages.success(request, f"{membership.user.name} is off the team.")
    return redirect("work:job_detail", job_id=job.pk)


@login_required
@require_POST
def job_plan(request: HttpRequest, job_id: int) -> HttpResponse:
    """Plan the job from a template: its deliverables and tasks, in one step."""
    job = _job_or_error_page(request, job_id)
    form = PlanForm(request.POST)
    if not form.is_valid():
        return _job_page(request, job, error="Choose a template to plan from.", status=422)
    template = form.cleaned_data["template"]
    late_before = _late_tasks(job)
    job = services.plan_job_from_template(by=me(request), job=job, template=template)
    messages.success(request, f"The job is planned from “{template.name}”.")
    _warn_if_born_late(request, job, late_before=late_before)
    return redirect("work:job_detail", job_id=job.pk)


@login_required
@require_POST
def finish_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The work is delivered: the job is done and the client's request says so."""
    user = me(request)
    job = access.job_for(user, job_id, "finish")
    show_errors_on(
        request, lambda error: _job_page(request, job, error=error.message, status=error.status)
    )
    services.finish_job(by=user, job=job)
    messages.success(request, "The job is delivered.")
    return redirect("work:job_detail", job_id=job.pk)


@login_required
@require_POST
def acknowledge_brief_change(request: HttpRequest, job_id: int) -> HttpResponse:
    """The account manager has read the brief's change of plan: clear the job's flag."""
    user = me(request)
    job = access.job_for(user, job_id, "acknowledge")
    show_errors_on(
        request, lambda error: _job_page(request, job, error=error.message, status=error.status)
    )
    services.acknowledge_brief_change(by=user, job=job)
    messages.success(request, "Noted: the job no longer shows the brief as changed.")
    return redirect("work:job_detail", job_id=job.pk)


@login_required
@require_POST
def start_job(request: HttpRequest, brief_id: int) -> HttpResponse:
    """Turn a signed-off brief into a job; a refusal shows on the brief's page."""
    user = me(request)
    brief = intake_access.brief_for(user, brief_id, "convert")
    show_errors_on_brief(request, brief)
    job = services.start_job_from_brief(by=user, brief=brief)
    messages.success(request, "The job is started from the signed-off brief.")
    return redirect("work:job_detail", job_id=job.pk)
