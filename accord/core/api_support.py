"""What every API module shares: error shapes, ids, text and pagination.

Authentication lives in `accounts.auth` (core knows nothing of people and tokens).
"""

from collections.abc import Iterable
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.params.functions import Path
from pydantic import AfterValidator, BaseModel, ConfigDict


class AuthedRequest(HttpRequest):
    """A request that passed the API's authentication (`accounts.auth.AUTH`): `user` is an
    active, signed-in person (a `User`)."""

    user: Any


class ErrorOut(Schema):
    """Why a request was refused, in plain words."""

    detail: str
    field: str | None = None


class ValidationErrorOut(Schema):
    detail: str | list[dict[str, Any]]
    field: str | None = None


# Every authenticated operation can answer 401/403/404; 422 covers invalid path or query
# parameters, 400 a body that is not JSON, 413 a body over the size limit, 409 a domain rule
# that forbids the change.
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
READ_ERRORS: dict[int, Any] = {**ERRORS, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: ErrorOut, 422: ValidationErrorOut}
BODY_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 400: ErrorOut, 413: ErrorOut}


def binary_response(description: str, media_types: Iterable[str]) -> dict[str, Any]:
    """`openapi_extra` for an operation whose 200 is a file (of one of `media_types`), not JSON."""
    content = {kind: {"schema": {"type": "string", "format": "binary"}} for kind in media_types}
    # An int key, as ninja keys responses: it merges into a declared `200: None`.
    return {"responses": {200: {"description": description, "content": content}}}


# Ids stay within what JSON numbers and every database integer column hold exactly, so an
# oversized id in a path is a 422, never an overflow deep in the database driver.
MAX_ID = 2**53
ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _plain_text(value: str) -> str:
    """Refuse NUL characters (PostgreSQL cannot store them) and lone surrogates."""
    if "\x00" in value:
        raise ValueError("Text must not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("Text must be valid Unicode.") from exc
    return value


Text = Annotated[str, AfterValidator(_plain_text)]


class Input(BaseModel):
    """A request body: a JSON object with only the documented fields.

    Plain pydantic rather than ninja's `Schema`, which would read attributes off any value
    and so accept a list or a string as an all-defaults body. Strict, so `false` is not 0.
    """

    model_config = ConfigDict(extra="forbid", strict=True)


class TickIn(Input):
    """Tick a to-do or task off, or reopen it."""

    done: bool = Field(..., description="true ticks it off, false reopens it.")


class PageMeta(Schema):
    count: int
    limit: int
    offset: int


MAX_LIMIT = 100
MAX_OFFSET = 2**31 - 1


class PageParams(Schema):
    """`limit` (1 to 100, default 25) and `offset` (default 0) for every list."""

    limit: int = Field(25, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def page_of(queryset: QuerySet[Any], params: PageParams) -> dict[str, Any]:
    """One page of a list in two queries: the count, then the rows (none past the end)."""
    count = queryset.count()
    start, stop = params.offset, params.offset + params.limit
    items = list(queryset[start:stop]) if start < count else []
    return {"count": count, "limit": params.limit, "offset": params.offset, "items": items}
