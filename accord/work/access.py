"""The only way a view or endpoint gets a job."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accord.intake import access as intake_access
from accord.work import queries
from accord.work.models import Job

JobAction = Literal["view", "finish", "acknowledge"]


def job_for(user: Any, job_id: int, action: JobAction = "view") -> Job:
    """The job if visible (else 404); finishing it, or acknowledging a change to its brief,
    is for those who run the client's intake (else 403)."""
    job = (
        queries.visible_to(user)
        .select_related("client", "brief", "brief__current_version", "created_by")
        .filter(pk=job_id)
        .first()
    )
    if job is None:
        raise Http404("No such job.")
    if action == "finish" and not intake_access.manages(user, job.client):
        raise PermissionDenied("Only the account manager marks a job delivered.")
    if action == "acknowledge" and not intake_access.manages(user, job.client):
        raise PermissionDenied("Only the account manager can do that.")
    return job
