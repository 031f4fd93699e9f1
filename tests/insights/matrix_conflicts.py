"""The conflicts part of the insights access matrix.

On Acme's banner (sent to Acme: Carol approves, Ray reviews) Ray asked for a bigger logo and
Carol then for a smaller one: a conflict. It is the agency's read of its client: those who run
Acme (Erin, Alice) read and settle it; everyone else gets 404, as if it did not exist — Acme's
contacts, the creatives on the job, Max and Gus. The desk of conflicts across one's clients is
for account managers and admins (Max's is empty).
"""

from typing import Any

from tests.test_access_matrix import (
    OK,
    OPERATIONS,
    PAGES,
    SAME_SITUATION,
    Operation,
    Route,
    api_signed_in,
    signed_in,
)

RUNS_ACME = signed_in("404", erin=OK, alice=OK)
DESK = signed_in("404", erin=OK, alice=OK, max=OK)
API_RUNS_ACME = api_signed_in("404", erin=OK, alice=OK)


def add(w: Any) -> None:
    """Add what the conflicts routes and operations need to the matrix's world."""
    from accord.insights.models import FeedbackConflict
    from accord.reviews.services import comments

    said = comments.add_comment(
        by=w.carol, version=w.review_v1, body="The logo is too big: smaller, please."
    )
    w.feedback_conflict = FeedbackConflict.objects.get(second_comment=said)


def _acme(w: Any) -> dict[str, Any]:
    return {"client_id": w.acme.pk}


def _banner(w: Any) -> dict[str, Any]:
    return {"deliverable_id": w.banner.pk}


def _conflict(w: Any) -> dict[str, Any]:
    return {"conflict_id": w.feedback_conflict.pk}


SETTLED = {"resolution": "Carol decides: the logo as it is.", "revision": 1}

# fmt: off
PAGES += [
    Route("insights:my_conflicts", expect=DESK),
    Route("insights:conflicts", kwargs=_acme, expect=RUNS_ACME),
    Route("insights:conflict", kwargs=_conflict, expect=RUNS_ACME),
    Route("insights:conflict_settle", "post", kwargs=_conflict, data=SETTLED, expect=RUNS_ACME),
]

OPERATIONS.update({
    "list_client_conflicts": Operation(_acme, API_RUNS_ACME),
    "list_deliverable_conflicts": Operation(_banner, API_RUNS_ACME),
    "get_conflict": Operation(_conflict, API_RUNS_ACME),
    "settle_conflict": Operation(_conflict, API_RUNS_ACME, body=lambda w: SETTLED),
})

SAME_SITUATION += [
    ("insights:conflicts", "list_client_conflicts"),
    ("insights:conflict", "get_conflict"),
    ("insights:conflict_settle", "settle_conflict"),
]
# fmt: on
