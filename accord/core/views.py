"""Pages that belong to no app: the health check, and the answer to an unexpected error."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as html_server_error

from accord.core.worker import worker_status

log = logging.getLogger(__name__)


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status, for load balancers and monitors.

    The status code is about this web server only: a missing worker is reported in the body
    (`worker`), for monitors to alert on, but does not take web servers out of rotation. The
    answer is public: it says ok/missing/unknown only; `accord mail` gives the details.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:
        database = "unavailable"
    worker_state = "unknown"
    if database == "ok":
        try:
            worker_state = "ok" if worker_status()["alive"] else "missing"
        except DatabaseError:  # e.g. not migrated yet: the web itself may still be fine
            log.warning("Worker status unavailable.", exc_info=True)
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {
            "status": "ok" if status == 200 else "degraded",
            "database": database,
            "vendor": connection.vendor,
            "worker": worker_state,
        },
        status=status,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """An unexpected error (logged by Django already): JSON for the API, a page otherwise."""
    if request.path_info.startswith("/api/"):
        detail = "Something went wrong on our side. It is logged; please try again later."
        return JsonResponse({"detail": detail}, status=500)
    return html_server_error(request)
