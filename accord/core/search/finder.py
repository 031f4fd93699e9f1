"""Reading the index: what a person finds, newest first, as far as they may see it."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.safestring import SafeString

from accord.core.search import engine, registry
from accord.core.search.models import SearchEntry
from accord.core.search.snippets import highlight, snippet
from accord.core.search.terms import Terms, kind_token, parse, scope_token

PAGE = 20
MAX_PAGE = 50
# Candidates the engine found but the person may not see (a stale or too-wide scope key)
# are skipped; the engine is asked again, for more each time, at most this many times.
ROUNDS = 4
MAX_BATCH = 400


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str  # the kind as people call it
    object_id: int
    client_id: int | None
    client_name: str
    text_title: str
    title: SafeString  # escaped, the words found marked
    snippet: SafeString
    url: str
    created_at: datetime
    entry_id: int


@dataclass(frozen=True)
class Results:
    terms: Terms
    hits: list[Hit]
    # The cursor of the next (older) page: pass it as `before`. None: nothing older.
    next_before: int | None


def tokens_for(scopes: Mapping[str, list[str] | None]) -> list[str] | None:
    """The scope words for per-kind scope keys (None as a kind's keys: all of that kind);
    None when every registered kind is open to the person (no filter at all)."""
    everything = set(registry.sources())
    if everything and everything <= set(scopes) and all(v is None for v in scopes.values()):
        return None
    tokens: list[str] = []
    for kind, keys in scopes.items():
        tokens += [kind_token(kind)] if keys is None else [scope_token(kind, k) for k in keys]
    return list(dict.fromkeys(tokens))


def query(
    text: str | Terms,
    *,
    scopes: Mapping[str, list[str] | None] | None,
    kinds: list[str] | None = None,
    limit: int = PAGE,
    before: int | None = None,
) -> list[SearchEntry]:
    """The engine alone (the first layer): entries matching `text` that carry one of the
    keys `scopes` gives for their kind, newest first. `scopes=None`: unrestricted (limited
    to `kinds` if given). Nobody's visibility is checked here: see `search`."""
    terms = text if isinstance(text, Terms) else parse(text)
    if scopes is None:
        tokens = [kind_token(k) for k in kinds] if kinds else None
    else:
        tokens = tokens_for({k: v for k, v in scopes.items() if not kinds or k in kinds})
    if not terms or tokens == []:
        return []
    return engine.candidates(terms, tokens, before=before, limit=min(limit, MAX_BATCH))


def search(
    user: Any,
    text: str,
    *,
    kinds: list[str] | None = None,
    limit: int = PAGE,
    before: int | None = None,
) -> Results:
    """What `user` finds for `text`: the engine narrowed to the scope keys each app gives the
    person, then every candidate checked by its app's `visible` (so a wrong key never shows
    anything). A bounded number of queries, whatever the index holds."""
    terms = parse(text)
    limit = max(1, min(limit, MAX_PAGE))
    if not terms:
        return Results(terms, [], None)
    sources = registry.sources()
    wanted = [k for k in (kinds or sources) if k in sources]
    scopes = {kind: sources[kind].scopes(user) for kind in wanted}
    kept: list[SearchEntry] = []
    cursor, batch, more = before, limit + 1, False
    for _ in range(ROUNDS):
        rows = query(terms, scopes=scopes, kinds=wanted, limit=batch, before=cursor)
        kept += _visible(user, rows, sources)
        more = len(rows) == batch
        if len(kept) > limit or not more:
            break
        cursor, batch = rows[-1].pk, min(batch * 4, MAX_BATCH)
    page = kept[:limit]
    if len(kept) > limit:
        next_before: int | None = page[-1].pk
    else:  # rounds ran out with candidates left: the next page goes on from there
        next_before = cursor if more and cursor is not None else None
    return Results(terms, _hits(page, terms, sources), next_before)


def _visible(
    user: Any, rows: list[SearchEntry], sources: dict[str, registry.Source]
) -> list[SearchEntry]:
    by_kind: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row.object_id)
    seen = {
        (kind, object_id)
        for kind, ids in by_kind.items()
        if kind in sources
        for object_id in sources[kind].visible(user, ids)
    }
    return [row for row in rows if (row.kind, row.object_id) in seen]


def _hits(page: list[SearchEntry], terms: Terms, sources: dict[str, registry.Source]) -> list[Hit]:
    names = registry.client_names({row.client_id for row in page if row.client_id})
    return [
        Hit(
            kind=row.kind,
            label=sources[row.kind].label,
            object_id=row.object_id,
            client_id=row.client_id,
            client_name=names.get(row.client_id, "") if row.client_id else "",
            text_title=row.title,
            title=highlight(row.title, terms),
            snippet=snippet(row.body, terms),
            url=row.url,
            created_at=row.created_at,
            entry_id=row.pk,
        )
        for row in page
    ]
