"""A brief's PDF: made by the worker; the page says it is being prepared, then links it."""

from django.contrib.auth.decorators import login_required
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from accord.intake import access, downloads
from accord.intake.models import BriefPdf
from accord.intake.services import pdf_jobs, pdfs
from accord.intake.views.briefs import brief_page
from accord.intake.views.common import HtmxHttpRequest, asks_internal, me


@login_required
def brief_pdf(request: HtmxHttpRequest, brief_id: int) -> HttpResponseBase:
    """The PDF when it is ready; until then (202) a page that asks again every few seconds.
    From htmx, the status alone: still preparing, the link to the file, or why it failed (a
    200, which htmx swaps in, ending the polling; a 503 it would ignore)."""
    user = me(request)
    brief = access.brief_for(user, brief_id)
    made = pdfs.requested_pdf(brief=brief, reader=user, internal=asks_internal(request))
    internal = made.audience == BriefPdf.Audience.AGENCY
    pdf_url = reverse("intake:brief_pdf", args=[brief.pk]) + ("?internal=1" if internal else "")
    context = {
        "brief": brief,
        "made": made,
        "pdf_url": pdf_url,
        "meanwhile": "the printable page works meanwhile",
        **pdf_jobs.waiting(made),
    }
    if made.state == BriefPdf.State.FAILED:
        if request.htmx:  # htmx swaps only a 2xx: a 503 would leave "Preparing…" polling
            return render(request, "intake/_pdf_status.html", context)
        return brief_page(request, brief, error=made.error, status=503)
    if request.htmx:
        status = 200 if made.state == BriefPdf.State.READY else 202
        return render(request, "intake/_pdf_status.html", context, status=status)
    if made.state == BriefPdf.State.READY:
        return downloads.brief_pdf_file(made)
    response = render(request, "intake/brief_pdf.html", context, status=202)
    response["Retry-After"] = str(context["retry_after"])
    return response
