"""What waits on whom, and guest reviewers, in the access matrix (the world is
tests/reviews/matrix.py's and matrix_pages.py's: the banner's client round waits on Carol; Alice
invited Pat as a guest)."""

from typing import Any

from tests.test_access_matrix import OK, OPERATIONS, Operation, api_signed_in

OFF_THE_JOB = {"max": "404", "sam": "404", "gus": "404"}
MANAGERS = api_signed_in("403", erin=OK, alice=OK, **OFF_THE_JOB)


def _banner(w: Any) -> dict[str, Any]:
    return {"deliverable_id": w.banner.pk}


# fmt: off
OPERATIONS.update({
    "list_reviews_waiting_on_me": Operation(expect=api_signed_in(OK)),
    "list_reviews_with_my_clients": Operation(
        expect=api_signed_in("403", erin=OK, alice=OK, max=OK)),
    "list_guests": Operation(_banner, MANAGERS),
    "invite_guest": Operation(_banner, MANAGERS,
                              body=lambda w: {"email": "lee@partner.test", "days": 7}),
    "revoke_guest": Operation(lambda w: {"guest_id": w.guest.pk}, MANAGERS),
})
# fmt: on
