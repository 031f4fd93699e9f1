"""What was agreed, in search: each entry under its title, found by whoever reads the client's
record (see `access_agreements`).

Scope key (the first layer): "client:<id>:agreed", held by the client's contacts and the account
managers who see the client; admins read every entry. The second layer (`visible`) asks
`access_agreements.visible_agreements`.
"""

from collections.abc import Iterator
from typing import Any

from accord.core import policy, search
from accord.core.links import url_pattern
from accord.insights import access_agreements
from accord.insights.models import Agreement

KIND = "agreement"
BATCH = 500
LABELS = dict(Agreement.Kind.choices)


def source_urls() -> dict[str, str]:
    """Where each kind of entry's source is, with "{}" for its id (`core.links`)."""
    return {
        "brief": url_pattern("intake:brief_detail", "brief_id"),
        "deliverable": url_pattern("reviews:deliverable", "deliverable_id"),
        "meeting_note": url_pattern("insights:note", "note_id"),
        "timeline": url_pattern("insights:agreed", "client_id"),
    }


def document_of(agreement: Agreement, urls: dict[str, str] | None = None) -> search.Document:
    urls = urls or source_urls()
    # The client's record showing this entry alone, with a way back to all of it.
    url = urls["timeline"].format(agreement.client_id) + f"?entry={agreement.pk}"
    return search.Document(
        kind=KIND,
        object_id=agreement.pk,
        client_id=agreement.client_id,
        title=f"{LABELS.get(agreement.kind, 'Agreed')}: {agreement.title}",
        body=agreement.summary,
        url=url,
        created_at=agreement.agreed_at,
        scopes=[f"client:{agreement.client_id}:agreed"],
    )


def index_agreement(agreement: Agreement) -> None:
    """Keep the entry's document current (in the transaction that wrote it)."""
    search.index(document_of(agreement))


def scopes(user: Any) -> list[str] | None:
    if policy.is_admin(user):
        return None
    if not (policy.is_account_manager(user) or policy.is_contact(user)):
        return []
    ids = access_agreements.readable_clients(user).order_by().values_list("pk", flat=True)
    return [f"client:{pk}:agreed" for pk in ids]


def visible(user: Any, ids: list[int]) -> set[int]:
    if policy.is_admin(user):  # every entry of every client
        return set(ids)
    rows = access_agreements.visible_agreements(user).filter(pk__in=ids)
    return set(rows.values_list("pk", flat=True))


def documents() -> Iterator[search.Document]:
    urls = source_urls()
    rows = Agreement.objects.only("client_id", "kind", "title", "summary", "agreed_at")
    batch = list(rows.order_by("pk")[:BATCH])
    while batch:
        for agreement in batch:
            yield document_of(agreement, urls)
        batch = list(rows.filter(pk__gt=batch[-1].pk).order_by("pk")[:BATCH])


def register() -> None:
    search.register(
        search.Source(
            kind=KIND, label="Agreement", scopes=scopes, visible=visible, documents=documents
        )
    )
