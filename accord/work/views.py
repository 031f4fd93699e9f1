"""Job pages. For now one: the job, where it came from, and what was signed off."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.intake.services.briefs import current_sign_off
from accord.work import access


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access.job_for(request.user, job_id)
    signed = current_sign_off(job.brief) if job.brief is not None else None
    return render(request, "work/job_detail.html", {"job": job, "signed": signed})
