"""What can be searched: each app registers its kinds of document from its AppConfig.ready.

Core knows no app above it. An app says, per kind, how to turn its objects into documents
(for `accord search-reindex`), which scope keys a person holds (`scopes`, the first layer:
the engine looks only at documents carrying one of them) and which of a list of ids a person
may see (`visible`, the second layer, built on the app's own access querysets: nothing found
through a wrong or stale scope key is ever shown).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Document:
    """One searchable thing as the index stores it. `scopes`: keys a reader must hold one of
    (the app's vocabulary, e.g. "client:7:client"); `client_id`: for labels and filters."""

    kind: str
    object_id: int
    client_id: int | None
    title: str
    body: str
    url: str
    created_at: datetime
    scopes: list[str]


# scopes(user): the keys the person holds for this kind, or None for every document of it.
Scopes = Callable[[Any], list[str] | None]
# visible(user, ids): those of `ids` the person may see now (one query, whatever the count).
Visible = Callable[[Any, list[int]], set[int]]
# documents(): every document of the kind, oldest first, read in batches (bounded memory).
Documents = Callable[[], Iterable[Document]]


@dataclass(frozen=True)
class Source:
    kind: str
    label: str  # what a person calls one: "Brief", "Review comment", "Message"
    scopes: Scopes
    visible: Visible
    documents: Documents


_sources: dict[str, Source] = {}
_client_names: list[Callable[[set[int]], dict[int, str]]] = []


def register(source: Source) -> None:
    _sources[source.kind] = source


def sources() -> dict[str, Source]:
    return dict(_sources)


def source(kind: str) -> Source | None:
    return _sources.get(kind)


def register_client_names(names: Callable[[set[int]], dict[int, str]]) -> None:
    """How results name their clients (by the app that owns clients' names)."""
    _client_names[:] = [names]


def client_names(ids: set[int]) -> dict[int, str]:
    return _client_names[0](ids) if _client_names and ids else {}
