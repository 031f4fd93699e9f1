"""The two engines behind one index: SQLite's FTS5 and PostgreSQL's full-text search.

Both return candidates newest first, by entry id (entries are written as things happen, and a
full reindex writes them in date order), so a page is the first rows the engine walks
backwards, never a sort of every match: FTS5 reads its doclists in descending rowid order and
stops at the limit. The scope words are ANDed into the same query, so the engine intersects
posting lists instead of filtering a million rows afterwards.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import OperationalError, connection, transaction

from accord.core.search.models import SearchEntry
from accord.core.search.terms import BadSearch, Terms, fts5_match, tsquery

# A search that has not finished by then is stopped, with a message.
MAX_SECONDS = 1.0
# SQLite checks the clock every this many steps of its virtual machine (about a millisecond).
PROGRESS_STEPS = 20_000

SQLITE_SCHEMA = [
    "CREATE VIRTUAL TABLE core_search_fts USING fts5(title, body, tokens, "
    "content='core_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
    "CREATE TRIGGER core_search_added AFTER INSERT ON core_searchentry BEGIN "
    "INSERT INTO core_search_fts(rowid, title, body, tokens) "
    "VALUES (new.id, new.title, new.body, new.tokens); END",
    "CREATE TRIGGER core_search_removed AFTER DELETE ON core_searchentry BEGIN "
    "INSERT INTO core_search_fts(core_search_fts, rowid, title, body, tokens) "
    "VALUES ('delete', old.id, old.title, old.body, old.tokens); END",
    "CREATE TRIGGER core_search_changed AFTER UPDATE OF title, body, tokens "
    "ON core_searchentry BEGIN "
    "INSERT INTO core_search_fts(core_search_fts, rowid, title, body, tokens) "
    "VALUES ('delete', old.id, old.title, old.body, old.tokens); "
    "INSERT INTO core_search_fts(rowid, title, body, tokens) "
    "VALUES (new.id, new.title, new.body, new.tokens); END",
    # Whatever rows exist already (none when first installed).
    "INSERT INTO core_search_fts(core_search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_search_added",
    "DROP TRIGGER IF EXISTS core_search_removed",
    "DROP TRIGGER IF EXISTS core_search_changed",
    "DROP TABLE IF EXISTS core_search_fts",
]
# Title weighted A, body B, scope words D: typed words are matched in A and B only.
POSTGRES_SCHEMA = [
    "ALTER TABLE core_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, tokens), 'D')) STORED",
    "CREATE INDEX core_search_document ON core_searchentry USING gin (document)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS core_search_document",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS document",
]


def install(schema_editor: Any) -> None:
    """Create the engine's part of the index (from the migration)."""
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_SCHEMA, "postgresql": POSTGRES_SCHEMA}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def uninstall(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, []):
        schema_editor.execute(sql)


_SQLITE_QUERY = (
    "SELECT e.* FROM core_search_fts JOIN core_searchentry e ON e.id = core_search_fts.rowid "
    "WHERE core_search_fts MATCH %s AND core_search_fts.rowid < %s "
    "ORDER BY core_search_fts.rowid DESC LIMIT %s"
)
_POSTGRES_QUERY = (
    "SELECT id, kind, object_id, client_id, title, body, url, tokens, created_at, indexed_at "
    "FROM core_searchentry WHERE document @@ to_tsquery('simple', %s) AND id < %s "
    "ORDER BY id DESC LIMIT %s"
)
NEWEST = 2**62


def candidates(
    terms: Terms, scope_tokens: list[str] | None, *, before: int | None, limit: int
) -> list[SearchEntry]:
    """Up to `limit` entries matching every word (and one scope word), older than entry
    `before`, newest first. One query."""
    if connection.vendor == "postgresql":
        sql, expression = _POSTGRES_QUERY, tsquery(terms, scope_tokens)
    else:
        sql, expression = _SQLITE_QUERY, fts5_match(terms, scope_tokens)
    with _bounded():
        return list(SearchEntry.objects.raw(sql, [expression, before or NEWEST, limit]))


@contextmanager
def _bounded() -> Iterator[None]:
    """Stop a query that runs past MAX_SECONDS: the person is asked for a narrower search."""
    too_broad = BadSearch("That search would take too long: add a word or two.")
    if connection.vendor == "postgresql":
        # SET LOCAL lasts to the end of the transaction: one of its own unless the caller is
        # already in one, where the setting it had is put back afterwards.
        inside = connection.in_atomic_block
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('statement_timeout'), "
                    "set_config('statement_timeout', %s, true)",
                    [f"{max(1, int(MAX_SECONDS * 1000))}ms"],
                )
                previous = cursor.fetchone()[0]
                yield
                if inside:
                    cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
        except OperationalError as exc:
            if "statement timeout" in str(exc):
                raise too_broad from exc
            raise
        return
    connection.ensure_connection()
    raw = connection.connection
    deadline = time.monotonic() + MAX_SECONDS
    raw.set_progress_handler(lambda: int(time.monotonic() > deadline), PROGRESS_STEPS)
    try:
        yield
    except OperationalError as exc:
        if "interrupted" in str(exc):
            raise too_broad from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)
