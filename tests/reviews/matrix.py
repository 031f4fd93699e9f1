"""The reviews part of the access matrix (tests/test_access_matrix.py imports it).

On Acme's "Work" job (Alice runs it; Dan designs its post, Cora writes its caption; Sam, Max and
Gus are not on it): Dan uploaded version 1 of its banner, Alice approved it internally and sent it
to Acme (Carol approves, Ray reviews); Ray commented for the client and Alice internally. A
second deliverable, "Story", has a version never sent: contacts do not see it (404).
"""

from typing import Any

from tests.reviews.review_data import png
from tests.test_access_matrix import (
    OK,
    OPERATIONS,
    PAGES,
    Route,
    signed_in,
)

NOT_ON_THE_JOB = {"max": "404", "sam": "404", "gus": "404"}
# Everyone who sees the job sees its review page (contacts: in client words).
REVIEW_READERS = signed_in(OK, **NOT_ON_THE_JOB)


def add_reviews(w: Any) -> None:
    from accord.reviews.services import comments, rounds, versions
    from accord.work.services import deliverables

    w.banner = deliverables.add_deliverable(by=w.alice, job=w.acme_work_job, title="Banner")
    w.review_v1 = versions.add_version(by=w.dan, deliverable=w.banner, upload=png())
    internal = rounds.open_round(
        by=w.dan, version=w.review_v1, stage="internal", seats=[rounds.Seat(w.alice)]
    )
    rounds.decide(by=w.alice, round=internal, verdict="approved")
    w.review_internal = internal
    w.review_round = rounds.open_round(
        by=w.alice,
        version=w.review_v1,
        stage="client",
        seats=[rounds.Seat(w.carol), rounds.Seat(w.ray, role="reviewer")],
    )
    w.ray_comment = comments.add_comment(by=w.ray, version=w.review_v1, body="Bigger logo?")
    w.alice_note = comments.add_comment(
        by=w.alice, version=w.review_v1, body="Logo is fine.", managing=True
    )
    w.acme_story = deliverables.add_deliverable(by=w.alice, job=w.acme_work_job, title="Story")
    w.story_v1 = versions.add_version(by=w.dan, deliverable=w.acme_story, upload=png())


def _banner(w: Any) -> dict[str, Any]:
    return {"deliverable_id": w.banner.pk}


# fmt: off
PAGES += [
    Route("reviews:deliverable", kwargs=_banner, expect=REVIEW_READERS),
]
# fmt: on
_ = OPERATIONS  # the API's operations are added below as they come
