"""What the work app adds to other apps' pages."""

from typing import Any

from django.http import HttpRequest

from accord.core import policy
from accord.work import queries

JOBS_SHOWN = 10


def client_jobs(request: HttpRequest, client: Any) -> dict[str, Any] | None:
    """A client's started jobs (title, status, due), newest first, as the person may see them.
    On the client's portal page it takes the place of "Your projects will appear here"."""
    jobs = list(
        queries.visible_to(request.user)
        .filter(client=client)
        .only("title", "status", "due_on", "created_at", "client_id")
        .order_by("-created_at")[: JOBS_SHOWN + 1]
    )
    if not jobs and not policy.is_contact(request.user):
        return None  # the agency's page has its own words for a client without work yet
    return {
        "template": "work/_client_jobs.html",
        "place": "projects",
        "jobs": jobs[:JOBS_SHOWN],
        "more": len(jobs) > JOBS_SHOWN,
    }
