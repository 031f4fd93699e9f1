"""The only way a view or endpoint gets a job."""

from typing import Any

from django.http import Http404

from accord.work import queries
from accord.work.models import Job


def job_for(user: Any, job_id: int) -> Job:
    job = (
        queries.visible_to(user)
        .select_related("client", "brief", "created_by")
        .filter(pk=job_id)
        .first()
    )
    if job is None:
        raise Http404("No such job.")
    return job
