"""How the API knows who is calling: a personal access token, or a signed-in session."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from accord.accounts.services import user_for_token


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` with a personal access token (stored hashed)."""

    openapi_description = "A personal access token from your profile page or `accord token create`."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


AUTH = [BearerToken(), django_auth]
