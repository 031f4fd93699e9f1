"""Writing the index: one document at a time from the services that change things (in their
transaction), or every document of a kind from `accord search-reindex`, in batches."""

import heapq
import itertools
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accord.core.search import registry
from accord.core.search.models import SearchEntry
from accord.core.search.registry import Document
from accord.core.search.terms import kind_token, scope_token

MAX_TITLE = 300
MAX_BODY = 100_000  # characters: a long brief is indexed whole, a pasted book is not
MAX_URL = 500
BATCH = 500
FIELDS = ["client_id", "title", "body", "url", "tokens", "created_at", "indexed_at"]


def _text(value: str, limit: int) -> str:
    # NFC, as queries are: "é" typed and "é" pasted from a decomposed source are one word.
    return unicodedata.normalize("NFC", value.replace("\x00", ""))[:limit]


def tokens_of(kind: str, scopes: Iterable[str]) -> str:
    return " ".join([kind_token(kind), *dict.fromkeys(scope_token(kind, s) for s in scopes)])


def entry_of(document: Document) -> SearchEntry:
    now = timezone.now()
    return SearchEntry(
        kind=document.kind,
        object_id=document.object_id,
        client_id=document.client_id,
        title=_text(document.title, MAX_TITLE),
        body=_text(document.body, MAX_BODY),
        url=document.url[:MAX_URL],
        tokens=tokens_of(document.kind, document.scopes),
        created_at=document.created_at,
        indexed_at=now,
    )


def _same(a: SearchEntry, b: SearchEntry) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in FIELDS if f != "indexed_at")


def index(document: Document) -> None:
    """Add or refresh one document (call it in the transaction of the change). A document
    whose text and scopes did not change is left alone: the engine's index is not touched."""
    fresh = entry_of(document)
    found = SearchEntry.objects.filter(kind=document.kind, object_id=document.object_id).first()
    if found is None:
        fresh.save()
    elif not _same(found, fresh):
        fresh.pk = found.pk
        fresh.save(update_fields=FIELDS)


def remove(kind: str, object_id: int) -> None:
    """Take a document out of the index (it was deleted)."""
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


@dataclass
class Reindexed:
    kind: str
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def reindex(kinds: list[str]) -> dict[str, Reindexed]:
    """Rebuild the documents of `kinds` from their sources: new ones added, changed ones
    rewritten, those whose object is gone removed. Sources are read together, oldest first,
    so entry ids (the order results come in) follow the documents' dates. Memory: a batch."""
    started = timezone.now()
    counts = {kind: Reindexed(kind) for kind in kinds}
    streams = [_documents(kind) for kind in kinds]
    merged = heapq.merge(*streams, key=lambda d: d.created_at)
    while batch := list(itertools.islice(merged, BATCH)):
        _write(batch, counts)
    for kind in kinds:
        stale = SearchEntry.objects.filter(kind=kind, indexed_at__lt=started)
        while ids := list(stale.values_list("pk", flat=True)[:BATCH]):
            counts[kind].removed += SearchEntry.objects.filter(pk__in=ids).delete()[0]
    return counts


def _documents(kind: str) -> Iterator[Document]:
    source = registry.source(kind)
    if source is None:
        raise LookupError(f"No app registers documents of kind “{kind}”.")
    yield from source.documents()


@transaction.atomic
def _write(batch: list[Document], counts: dict[str, Reindexed]) -> None:
    fresh = [entry_of(d) for d in batch]
    existing = {
        (e.kind, e.object_id): e
        for kind, group in itertools.groupby(sorted(fresh, key=lambda e: e.kind), lambda e: e.kind)
        for e in SearchEntry.objects.filter(kind=kind, object_id__in=[g.object_id for g in group])
    }
    new, changed, same = [], [], []
    for entry in fresh:
        found = existing.get((entry.kind, entry.object_id))
        tally = counts[entry.kind]
        if found is None:
            new.append(entry)
            tally.written += 1
        elif _same(found, entry):
            same.append(found.pk)
            tally.unchanged += 1
        else:
            entry.pk = found.pk
            changed.append(entry)
            tally.written += 1
    SearchEntry.objects.bulk_create(new)
    SearchEntry.objects.bulk_update(changed, FIELDS)
    SearchEntry.objects.filter(pk__in=same).update(indexed_at=timezone.now())


def in_date_order(rows: QuerySet[Any], *, size: int = BATCH) -> Iterator[Any]:
    """Every row of `rows` oldest first (by `created_at`, then id), a batch per query: what a
    source's `documents` reads, without holding a cursor or the whole table."""
    rows = rows.order_by("created_at", "pk")
    batch = list(rows[:size])
    while batch:
        yield from batch
        last = batch[-1]
        after = Q(created_at__gt=last.created_at) | Q(created_at=last.created_at, pk__gt=last.pk)
        batch = list(rows.filter(after)[:size])
