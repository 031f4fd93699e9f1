from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
        if request.method == "GET" and request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
