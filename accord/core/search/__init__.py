"""Full-text search over what a person may see (briefs, review comments, messages…).

Apps register their kinds of document (`register`), write them with `index` and `remove` in
the transactions that change them, and people search with `search`. See docs/design.md.
"""

from accord.core.search.finder import Hit, Results, query, search
from accord.core.search.index import in_date_order, index, reindex, remove
from accord.core.search.registry import Document, Source, register, register_client_names
from accord.core.search.terms import BadSearch

__all__ = [
    "BadSearch",
    "Document",
    "Hit",
    "Results",
    "Source",
    "in_date_order",
    "index",
    "query",
    "register",
    "register_client_names",
    "reindex",
    "remove",
    "search",
]
