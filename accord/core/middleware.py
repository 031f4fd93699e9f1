"""Accord's own middleware: security headers, health probes, and the web's one error path."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from accord.core import pages
from accord.core.errors import DomainError
from accord.core.views import healthz

STRICT_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The bundled Swagger UI sets inline styles; it gets a slightly looser policy of its own.
DOCS_POLICY = STRICT_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    """Every page may load only Accord's own scripts, styles and images."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = DOCS_POLICY if request.path.startswith("/api/v1/docs") else STRICT_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


class HealthCheckMiddleware:
    """Answers `GET /healthz` before host validation, for load balancers that probe by IP.

    Placed first: SecurityMiddleware and CommonMiddleware call `request.get_host()`, which
    refuses a Host header (the server's IP) that is not in ALLOWED_HOSTS.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)


class DomainErrorMiddleware:
    """The one place a `DomainError` escaping a view becomes a response (see core/pages.py).

    The API answers the same errors with the same statuses through its own handlers.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DomainError):
            return pages.error_response(request, exception)
        return None


class PrivatePagesMiddleware:
    """What a signed-in person sees is theirs: no shared cache and no back-button copy keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # A response that chose its own caching (a logo, cached privately for an hour) keeps it.
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


NUL_REFUSED = "Text must not contain NUL characters."


class NulCharacterMiddleware:
    """Refuses a NUL character that no form guards, with a 422, on every database.

    PostgreSQL cannot store NUL in text. A form's text fields refuse it themselves (a field
    error, with what was typed kept), so form values are left to them. Refused here: queries
    (filters and `next` are read straight from them), field names, and web bodies that are not
    forms. The API's JSON bodies are checked field by field by their schemas (`api_support.Text`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": NUL_REFUSED, "field": None}, status=422)
            context = {"message": NUL_REFUSED, "status": 422}
            page = "core/_problem.html" if getattr(request, "htmx", False) else "core/problem.html"
            return render(request, page, context, status=422)
        return self.get_response(request)


FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(request: HttpRequest) -> bool:
    if any(_nul_in(key, values) for key, values in request.GET.lists()):
        return True
    if request.path_info.startswith("/api/") or request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if request.content_type in FORMS:
        return any("\x00" in key for key in request.POST)
    return b"\x00" in request.body or b"\\u0000" in request.body


def _nul_in(key: str, values: list[str]) -> bool:
    return "\x00" in key or any("\x00" in value for value in values)
