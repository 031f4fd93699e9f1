"""A brief's PDF: made by the worker; the page says it is being prepared, then links it."""

from datetime import timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from accord.core.worker import worker_status
from accord.intake import access, downloads
from accord.intake.models import BriefPdf
from accord.intake.services import pdfs
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
    context = {"brief": brief, "made": made, "internal": internal, **_waiting(made)}
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


# Past this wait the page asks less often, and says so when no worker is running.
SLOW_AFTER = timedelta(seconds=30)
SLOW_RETRY_SECONDS = 10


def _waiting(made: BriefPdf) -> dict[str, Any]:
    if made.state != BriefPdf.State.PREPARING or timezone.now() - made.requested_at < SLOW_AFTER:
        return {"retry_after": pdfs.RETRY_AFTER_SECONDS, "worker_down": False}
    return {"retry_after": SLOW_RETRY_SECONDS, "worker_down": not worker_status()["alive"]}
