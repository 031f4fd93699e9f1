"""Pages that belong to no app: the health check, and the answer to an unexpected error."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as html_server_error


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status, for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {
            "status": "ok" if status == 200 else "degraded",
            "database": database,
            "vendor": connection.vendor,
        },
        status=status,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """An unexpected error (logged by Django already): JSON for the API, a page otherwise."""
    if request.path_info.startswith("/api/"):
        detail = "Something went wrong on our side. It is logged; please try again later."
        return JsonResponse({"detail": detail}, status=500)
    return html_server_error(request)
