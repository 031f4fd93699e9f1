"""The tone part of the insights access matrix: the tone check is for the agency's people
(contacts 403); the context it reads goes through the access functions."""

from typing import Any

from tests.test_access_matrix import (
    OK,
    OPERATIONS,
    PAGES,
    Operation,
    Route,
    api_signed_in,
    signed_in,
)


def add(w: Any) -> None:
    """Nothing to add: the check needs no object."""


AGENCY = signed_in(OK, carol="403", ray="403", gus="403")

# fmt: off
PAGES += [
    Route("insights:tone_check", "post", expect=AGENCY, ok="200",
          data={"body": "As I already told you, no!!!", "where": "message"}),
    Route("insights:tone_records", expect=signed_in(OK, dan="403", cora="403", sam="403",
                                                    carol="403", ray="403", gus="403")),
]

OPERATIONS.update({
    "check_tone": Operation(expect=api_signed_in(OK, carol="403", ray="403", gus="403"),
                            body=lambda w: {"text": "As I already told you, no!!!"}),
})
# fmt: on
