"""Search over the API: the same as the search page, as JSON."""

from datetime import datetime
from typing import Any

from ninja import Field, Query, Router, Schema

from accord.core import search
from accord.core.api_support import MAX_ID, AuthedRequest, ErrorOut, Text, ValidationErrorOut
from accord.core.search import registry
from accord.core.search.finder import MAX_PAGE, PAGE

router = Router(tags=["search"])


class SearchParams(Schema):
    q: Text = Field(
        "",
        description="Words to find (at most 10 words, 200 characters); the "
        "last may be the start of a word.",
    )
    kind: str = Field("", description="Only this kind: `brief`, `comment`, `message`…")
    limit: int = Field(PAGE, ge=1, le=MAX_PAGE)
    before: int | None = Field(
        None, ge=1, le=MAX_ID, description="The `next_before` of the previous page."
    )


class HitOut(Schema):
    kind: str
    label: str
    id: int = Field(..., description="The object's id in its app (a brief's, a comment's…).")
    client_id: int | None
    client: str
    title: str
    title_html: str = Field(..., description="The title, HTML-escaped, the words in <mark>.")
    snippet_html: str = Field(..., description="Text around the words found, likewise.")
    url: str
    created_at: datetime


class SearchOut(Schema):
    items: list[HitOut]
    next_before: int | None = Field(
        ..., description="Pass as `before` for older results; null when there are none."
    )


@router.get(
    "/search",
    response={200: SearchOut, 400: ErrorOut, 401: ErrorOut, 422: ValidationErrorOut},
    operation_id="search",
)
def search_everything(request: AuthedRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """What I can open that has all these words, newest first: briefs, review comments,
    messages. 400 says why a search cannot be run (no words, too long, an unknown kind)."""
    kinds = registry.sources()
    if params.kind and params.kind not in kinds:
        raise search.BadSearch(
            f"There is no kind “{params.kind[:40]}” to search: use one of {', '.join(kinds)}."
        )
    if not search.terms.parse(params.q):
        raise search.BadSearch("Give at least one word to search for.")
    found = search.search(
        request.user,
        params.q,
        kinds=[params.kind] if params.kind else None,
        limit=params.limit,
        before=params.before,
    )
    items = [
        {
            "kind": hit.kind,
            "label": hit.label,
            "id": hit.object_id,
            "client_id": hit.client_id,
            "client": hit.client_name,
            "title": hit.text_title,
            "title_html": str(hit.title),
            "snippet_html": str(hit.snippet),
            "url": hit.url,
            "created_at": hit.created_at,
        }
        for hit in found.hits
    ]
    return {"items": items, "next_before": found.next_before}
