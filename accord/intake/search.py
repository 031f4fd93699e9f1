"""Briefs in search: a brief's title and answers, found by whoever may open the brief.

Scope keys: "client:<id>:client" (the client's contacts and the agency's people on the
client: everyone who sees its briefs by client), and "brief:<id>" once the brief is signed
off (the creatives whose jobs it leads to). The second layer is `access.visible_briefs`.
"""

from collections.abc import Iterator
from typing import Any

from accord.clients import queries as client_queries
from accord.clients.models import Client
from accord.core import policy, reach, search
from accord.intake import access
from accord.intake.models import Brief

KIND = "brief"


def document_of(brief: Brief) -> search.Document:
    scopes = [f"client:{brief.client_id}:client"]
    if brief.status in access.CREATIVE_BRIEF_STATUSES:
        scopes.append(f"brief:{brief.pk}")
    answers = brief.answers if isinstance(brief.answers, dict) else {}
    return search.Document(
        kind=KIND,
        object_id=brief.pk,
        client_id=brief.client_id,
        title=brief.title,
        body="\n".join(str(value) for value in answers.values() if value),
        url=brief.get_absolute_url(),
        created_at=brief.created_at,
        scopes=scopes,
    )


def index_brief(brief: Brief) -> None:
    """Keep the brief's entry current (in the transaction that changed it)."""
    search.index(document_of(brief))


def scopes(user: Any) -> list[str] | None:
    if policy.is_admin(user):
        return None
    if policy.is_creative(user):
        return [f"brief:{pk}" for pk in sorted(reach.of(user).brief_ids)]
    if not policy.is_signed_in(user):
        return []
    ids = client_queries.visible_to(user).order_by().values_list("pk", flat=True)
    return [f"client:{pk}:client" for pk in ids]


def visible(user: Any, ids: list[int]) -> set[int]:
    return set(access.visible_briefs(user).filter(pk__in=ids).values_list("pk", flat=True))


def documents() -> Iterator[search.Document]:
    rows = Brief.objects.only("client_id", "title", "answers", "status", "created_at")
    for brief in search.in_date_order(rows):
        yield document_of(brief)


def client_names(ids: set[int]) -> dict[int, str]:
    return dict(Client.objects.filter(pk__in=ids).values_list("pk", "name"))


def register() -> None:
    search.register(
        search.Source(kind=KIND, label="Brief", scopes=scopes, visible=visible, documents=documents)
    )
    search.register_client_names(client_names)
