"""What every API module shares: authentication, error shapes, pagination."""

from typing import Any

from django.http import HttpRequest
from ninja import Schema
from ninja.security import HttpBearer, django_auth


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` with a personal access token (stored hashed)."""

    openapi_description = "A personal access token from your profile page or `accord token create`."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from accord.accounts.services import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


AUTH = [BearerToken(), django_auth]


class ErrorOut(Schema):
    """Why a request was refused, in plain words."""

    detail: str
    field: str | None = None


class ValidationErrorOut(Schema):
    detail: str | list[dict[str, Any]]
    field: str | None = None


ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: ErrorOut, 422: ValidationErrorOut}


class PageMeta(Schema):
    count: int
    limit: int
    offset: int
