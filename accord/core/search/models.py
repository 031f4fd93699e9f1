"""The search index: one row per searchable thing, whatever app it belongs to.

The text an engine searches is kept next to the row: on SQLite an FTS5 table over this one
(external content: the words' index only), kept in step by triggers on this table alone; on
PostgreSQL a generated `tsvector` column with a GIN index. Neither is known to the model:
migration 0010 creates them (see `engine`). A later migration that makes Django rebuild this
table on SQLite (altering a column) drops the triggers with it: it must run
`engine.install` again.
"""

from django.db import models


class SearchEntry(models.Model):
    """One document: what it is (kind and id in its app), whose client it is, what it says,
    where it is read, and `tokens`, the scope words that say who may find it."""

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    # A plain id, not a foreign key: core sits below the clients app.
    client_id = models.BigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    tokens = models.TextField()
    created_at = models.DateTimeField()
    # When the row was last written or confirmed; a reindex removes those it did not confirm.
    indexed_at = models.DateTimeField()

    class Meta:
        app_label = "core"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once"),
        ]
        indexes = [models.Index(fields=["kind", "indexed_at"], name="search_entry_indexed")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
