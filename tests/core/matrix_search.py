"""Search in the access matrix: the page and the API answer everyone signed in (what each
finds is tests/core/test_search_access.py's subject); anonymous visitors sign in first."""

from tests.test_access_matrix import (
    OK,
    OPERATIONS,
    PAGES,
    Operation,
    Route,
    api_signed_in,
    signed_in,
)

# fmt: off
PAGES.append(Route("search:page", expect=signed_in(OK), data={"q": "summer launch"}))
OPERATIONS.update({
    "search": Operation(expect=api_signed_in(OK), query="?q=summer+launch"),
})
# fmt: on
