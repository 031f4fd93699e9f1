"""The health part of the insights access matrix: account health and client sentiment are for
those who run the client (Erin, Alice for Acme). Acme's contacts and creatives see Acme and are
refused (403); Max, Sam and Gus do not see Acme (404). The list: admins and account managers."""

from typing import Any

from tests.test_access_matrix import (
    API_ACME_MANAGERS,
    OK,
    OPERATIONS,
    PAGES,
    Operation,
    Route,
    acme_managers,
    api_signed_in,
    signed_in,
)


def add(w: Any) -> None:
    """Nothing to add: the routes read Acme as the matrix's world has it."""


def _acme(w: Any) -> dict[str, Any]:
    return {"client_id": w.acme.pk}


HEALTH_READERS = signed_in("403", erin=OK, alice=OK, max=OK)

# fmt: off
PAGES += [
    Route("insights:health", expect=HEALTH_READERS),
    Route("insights:client_health", kwargs=_acme, expect=acme_managers()),
    Route("insights:health_chart", kwargs=_acme, expect=acme_managers()),
    Route("insights:health_recompute", "post", kwargs=_acme, expect=acme_managers()),
]

OPERATIONS.update({
    "list_health": Operation(expect=api_signed_in("403", erin=OK, alice=OK, max=OK)),
    "get_client_health": Operation(_acme, API_ACME_MANAGERS),
    "recompute_client_health": Operation(_acme, API_ACME_MANAGERS),
    "get_client_health_history": Operation(_acme, API_ACME_MANAGERS),
    "get_client_sentiment": Operation(_acme, API_ACME_MANAGERS),
})
# fmt: on
