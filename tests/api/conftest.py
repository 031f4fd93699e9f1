"""Calling the API as a persona, with a bearer token made the way users make them."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client as HttpClient

from accord.accounts.models import User
from accord.accounts.services import create_api_token

API = "/api/v1"


class Caller:
    """A persona's API client: `caller.get("/clients")` with their bearer token."""

    def __init__(self, http: HttpClient, token: str) -> None:
        self.http = http
        self.token = token

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.http.get(API + path, params, headers=self._headers())

    def _send(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body) if body is not None else ""
        return getattr(self.http, method)(
            API + path, data=data, content_type="application/json", headers=self._headers()
        )

    def post(self, path: str, body: Any = None) -> Any:
        return self._send("post", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self._send("patch", path, body)

    def put(self, path: str, body: Any = None) -> Any:
        return self._send("put", path, body)

    def delete(self, path: str) -> Any:
        return self._send("delete", path)


@pytest.fixture
def as_user(world: Any) -> Callable[[User], Caller]:
    def make(user: User) -> Caller:
        _, plaintext = create_api_token(user=user, name="tests")
        return Caller(HttpClient(), plaintext)

    return make


@pytest.fixture
def as_persona(world: Any, as_user: Callable[[User], Caller]) -> Callable[[str], Caller]:
    """`as_persona("alice")` — the API as Alice sees it."""
    return lambda name: as_user(world.persona(name))
