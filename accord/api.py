"""Assembles Accord's JSON API from each app's `api.py`."""

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from accord.accounts.api import router as people_router
from accord.accounts.auth import AUTH
from accord.clients.api import router as clients_router
from accord.conversations.api import router as conversations_router
from accord.conversations.api_relays import router as relays_router
from accord.core.api_notifications import router as notifications_router
from accord.core.api_search import router as search_router
from accord.core.errors import DomainError
from accord.core.text import size_in_words
from accord.insights.api_agreements import router as agreements_router
from accord.insights.api_conflicts import router as conflicts_router
from accord.insights.api_health import router as health_router
from accord.insights.api_tone import router as tone_router
from accord.intake.api import router as intake_router
from accord.intake.schemas import FieldChangeOut
from accord.intake.services.briefs import MissingAnswers, StaleBrief
from accord.reviews.api import router as reviews_router
from accord.reviews.api_compare import router as compare_router
from accord.reviews.api_waiting import router as waiting_router
from accord.work.api import router as work_router
from accord.work.api_board import router as work_board_router
from accord.work.api_capacity import router as capacity_router
from accord.work.api_jobs import router as jobs_router
from accord.work.api_mywork import router as my_work_router
from accord.work.api_tasks import router as work_tasks_router

api = NinjaAPI(
    title="Accord API",
    version="1",
    description=(
        "Accord's JSON API. Authenticate with `Authorization: Bearer <token>` "
        "(create a token on your profile page) or with a signed-in session and CSRF token."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/", people_router)
api.add_router("/", clients_router)
api.add_router("/", intake_router)
api.add_router("/", work_router)
api.add_router("/", jobs_router)
api.add_router("/", work_tasks_router)
api.add_router("/", capacity_router)
api.add_router("/", my_work_router)
api.add_router("/", notifications_router)
api.add_router("/", work_board_router)
api.add_router("/", reviews_router)
api.add_router("/", compare_router)
api.add_router("/", waiting_router)
api.add_router("/", conversations_router)
api.add_router("/", relays_router)
api.add_router("/", search_router)
api.add_router("/", health_router)
api.add_router("/", agreements_router)
api.add_router("/", conflicts_router)
api.add_router("/", tone_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    body = {"detail": exc.message, "field": _body_field(request, exc.field)}
    return api.create_response(request, body, status=exc.status)


def _body_field(request: HttpRequest, field: str | None) -> str | None:
    """The field as the body names it: a service names a form's `client`, which a JSON body
    sends as `client_id`."""
    if field is None or request.content_type != "application/json":
        return field
    try:
        body = json.loads(request.body)
    except ValueError:
        return field
    keyed = f"{field}_id"
    return keyed if isinstance(body, dict) and field not in body and keyed in body else field


@api.exception_handler(MissingAnswers)
def missing_answers(request: HttpRequest, exc: MissingAnswers) -> HttpResponse:
    """A submission with required answers missing: the keys, so a form can mark each one."""
    body = {"detail": exc.message, "field": exc.field, "keys": exc.keys}
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(StaleBrief)
def stale_brief(request: HttpRequest, exc: StaleBrief) -> HttpResponse:
    """A save or sign-off on a brief that moved on: what changed since, field by field."""
    changes = [FieldChangeOut.of(change).model_dump() for change in exc.changes]
    body = {"detail": exc.message, "field": exc.field, "changes": changes}
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A body past DATA_UPLOAD_MAX_MEMORY_SIZE: refused before it is read, with the limit."""
    limit = size_in_words(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    detail = f"The request body is too large: send at most {limit}."
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Authentication required: a valid bearer token or session."},
        status=401,
    )


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: Any = exc.errors
    return api.create_response(request, {"detail": errors}, status=422)
