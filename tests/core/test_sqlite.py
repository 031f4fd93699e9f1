"""Accord's SQLite backend keeps the query planner's statistics as SQLite recommends."""

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.db.utils import ConnectionHandler

from accord.core.sqlite.base import ANALYSIS_LIMIT


def _connection(path: Path) -> Any:
    handler = ConnectionHandler({"default": {"ENGINE": "accord.core.sqlite", "NAME": str(path)}})
    return handler["default"]


@pytest.fixture(autouse=True)
def _own_database(django_db_blocker: Any) -> Any:
    """These tests open their own SQLite file, not the test database."""
    with django_db_blocker.unblock():
        yield


def _stats(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as raw:
        if not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return []
        return raw.execute("SELECT tbl, idx FROM sqlite_stat1 ORDER BY idx").fetchall()


def _table(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, kind TEXT, at INTEGER)")
        raw.execute("CREATE INDEX item_kind ON item (kind, at)")
        raw.executemany(
            "INSERT INTO item (kind, at) VALUES (?, ?)", [(f"k{i % 7}", i) for i in range(500)]
        )


def _connection_that_used_the_index(path: Path) -> Any:
    """A table of 500 rows with an index, and an open connection whose query used that index."""
    _table(path)
    conn = _connection(path)
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit")
        assert cursor.fetchone()[0] == ANALYSIS_LIMIT
        cursor.execute("SELECT id FROM item WHERE kind = 'k3' ORDER BY at LIMIT 5")
        assert len(cursor.fetchall()) == 5
    return conn


def test_a_connection_analyses_the_tables_it_used_as_it_closes(tmp_path):
    path = tmp_path / "stats.sqlite3"
    conn = _connection_that_used_the_index(path)
    assert _stats(path) == []
    conn.close()
    assert ("item", "item_kind") in _stats(path)


def test_a_busy_database_does_not_stop_a_connection_closing(tmp_path):
    path = tmp_path / "busy.sqlite3"
    conn = _connection_that_used_the_index(path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # holds the lock that analysing needs
    try:
        conn.close()  # gives up on the statistics quickly, and closes
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert conn.connection is None
    assert _stats(path) == []
