"""Fuzz the whole API from its own OpenAPI schema: no 5xx, every response as documented.

Runs twice: as Erin (admin, who may do everything) and as Carol (an Acme approver, who is
refused most things). Each operation gets a bounded number of generated requests.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accord.accounts.models import ApiToken, User
from accord.accounts.services import create_api_token
from accord.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    """Serve requests inside the test's transaction, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Loaded at collection: the document needs no database. (`schemathesis.pytest.from_fixture`
# would defer it, but its lazy loader does not run under pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


class Bearer:
    """A persona's token, kept usable: fuzzing `revoke_token` may well revoke it."""

    def __init__(self, user: User) -> None:
        self.token, self.plaintext = create_api_token(user=user, name="schemathesis")

    def headers(self) -> dict[str, str]:
        ApiToken.objects.filter(pk=self.token.pk).update(revoked_at=None)
        return {"Authorization": f"Bearer {self.plaintext}"}


@schema.parametrize()
@FUZZ
def test_api_as_admin(case: Any, erin: User, wsgi_in_test_transaction: None) -> None:
    case.call_and_validate(headers=Bearer(erin).headers(), checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_api_as_client_contact(case: Any, carol: User, wsgi_in_test_transaction: None) -> None:
    case.call_and_validate(headers=Bearer(carol).headers(), checks=CHECKS)


def test_openapi_document_is_served(client: Any, db: None) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    operations = {
        op["operationId"] for path in response.json()["paths"].values() for op in path.values()
    }
    assert {"list_clients", "get_client", "client_activity", "list_staff", "me"} <= operations


def test_docs_page_uses_bundled_assets(client: Any, db: None) -> None:
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/" in html
    assert "cdn" not in html.lower()
    assert "unpkg" not in html.lower()
