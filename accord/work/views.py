"""Job pages: a job, where it came from and what was signed off; starting one from a brief."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.intake import access as intake_access
from accord.intake.services.signoff import current_sign_off
from accord.intake.views.briefs import show_errors_on_brief
from accord.intake.views.common import me
from accord.work import access, services


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access.job_for(request.user, job_id)
    signed = current_sign_off(job.brief) if job.brief is not None else None
    return render(request, "work/job_detail.html", {"job": job, "signed": signed})


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
