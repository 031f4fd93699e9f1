"""Job pages: a job, where it came from and what was signed off; starting one from a brief."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.core.pages import show_errors_on
from accord.intake import access as intake_access
from accord.intake import queries as intake_queries
from accord.intake.services.signoff import current_sign_off
from accord.intake.views.briefs import show_errors_on_brief
from accord.intake.views.common import me
from accord.work import access, services
from accord.work.models import Job


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    return _job_page(request, access.job_for(request.user, job_id))


def _job_page(
    request: HttpRequest, job: Job, *, error: str = "", status: int = 200
) -> HttpResponse:
    user = me(request)
    brief = job.brief
    manages = intake_access.manages(user, job.client)
    context = {
        "job": job,
        "signed": current_sign_off(brief) if brief is not None else None,
        "files": intake_queries.files_of_brief(user, brief) if brief is not None else [],
        "may_finish": manages,
        "may_acknowledge": manages,
        "error": error,
    }
    return render(request, "work/job_detail.html", context, status=status)


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
