"""SQLite with the query planner's statistics kept fresh, the way SQLite recommends.

Without statistics the planner guesses which index is the more selective, and for some of
Accord's lists it guesses wrong by an order of magnitude: an account manager's queue filtered
to their clients and an admin's queue across every client want different indexes. PostgreSQL
keeps its statistics with autovacuum; SQLite asks connections to run `PRAGMA optimize` as
they close, which analyses only the tables that connection used and only when they have never
been analysed or have grown a lot since. `analysis_limit` bounds the work, so the rare close
that does analyse costs milliseconds, and the usual one microseconds.

Connections live `ACCORD_DB_CONN_MAX_AGE` seconds (60), as on PostgreSQL, and close then: a new
connection each request would parse the schema and prepare every statement again, about 11 ms
of each page.
"""

import sqlite3
from pathlib import Path
from typing import Any

from django.db.backends.sqlite3 import base

# Rows sampled per index when a table is analysed: approximate statistics, bounded cost.
ANALYSIS_LIMIT = 400
# How long a closing connection waits for the write lock analysing needs; on a busy database
# it gives up and a later connection does it.
OPTIMIZE_BUSY_TIMEOUT_MS = 50


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        name = str(conn_params.get("database", ""))
        if not self.is_in_memory_db() and not name.startswith("file:"):
            # A fresh clone has no var/ yet: `accord migrate` makes the database's folder.
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        conn = super().get_new_connection(conn_params)
        conn.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        return conn

    def close(self) -> None:
        if self.connection is not None and not self.is_in_memory_db():
            try:
                self.connection.execute(f"PRAGMA busy_timeout={OPTIMIZE_BUSY_TIMEOUT_MS}")
                self.connection.execute("PRAGMA optimize")
            except sqlite3.Error:  # busy or read-only: statistics can wait
                pass
        super().close()
