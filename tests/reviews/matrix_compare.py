"""Comparing versions in the access matrix (the world is tests/reviews/matrix.py's, plus a
leaflet on the same job, made when first asked for: copy version 1 sent to Acme, version 2 not).

Everyone on the job compares the two; Acme's contacts compare only versions sent to them, so
asking for version 2 is a 404 to them, as it is to everyone off the job.
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

OFF_THE_JOB = {"max": "404", "sam": "404", "gus": "404"}
NOT_SENT = {"carol": "404", "ray": "404"}


def _leaflet(w: Any) -> Any:
    from accord.reviews.services import rounds, versions
    from accord.work.services import deliverables

    if not hasattr(w, "leaflet"):
        w.leaflet = deliverables.add_deliverable(by=w.alice, job=w.acme_work_job, title="Leaflet")
        w.leaflet_v1 = versions.add_version(
            by=w.cora, deliverable=w.leaflet, copy_text="Fresh bread daily."
        )
        internal = rounds.open_round(
            by=w.cora, version=w.leaflet_v1, stage="internal", seats=[rounds.Seat(w.alice)]
        )
        rounds.decide(by=w.alice, round=internal, verdict="approved")
        rounds.open_round(
            by=w.alice, version=w.leaflet_v1, stage="client", seats=[rounds.Seat(w.carol)]
        )
        w.leaflet_v2 = versions.add_version(
            by=w.cora, deliverable=w.leaflet, copy_text="Warm bread daily."
        )
    return w.leaflet


def _leaflet_id(w: Any) -> dict[str, Any]:
    return {"deliverable_id": _leaflet(w).pk}


def _both(w: Any) -> dict[str, Any]:
    return {"a": w.leaflet_v1.pk, "b": w.leaflet_v2.pk}


# fmt: off
PAGES += [
    Route("reviews:compare", kwargs=_leaflet_id, data=_both,
          expect=signed_in(OK, **OFF_THE_JOB, **NOT_SENT)),
    # By default: the latest two a person sees (a contact sees one: nothing to compare yet).
    Route("reviews:compare", kwargs=_leaflet_id, expect=signed_in(OK, **OFF_THE_JOB)),
]
OPERATIONS.update({
    "compare_versions": Operation(
        _leaflet_id, api_signed_in(OK, **OFF_THE_JOB, **NOT_SENT),
        query=lambda w: f"?a={w.leaflet_v1.pk}&b={w.leaflet_v2.pk}"),
})
SAME_SITUATION.append(("reviews:compare", "compare_versions"))
# fmt: on
