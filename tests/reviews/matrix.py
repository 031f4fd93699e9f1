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
    Operation,
    Route,
    api_signed_in,
    signed_in,
)

NOT_ON_THE_JOB = {"max": "404", "sam": "404", "gus": "404"}
# Everyone who sees the job sees its review page (contacts: in client words).
REVIEW_READERS = signed_in(OK, **NOT_ON_THE_JOB)


def add_reviews(w: Any) -> None:
    from accord.reviews.services import comments, rounds, todos, versions
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
    (w.banner_todo,) = todos.add_todos(
        by=w.alice, deliverable=w.banner, items=[("Bigger logo", [w.ray_comment.pk])]
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


# --- API ----------------------------------------------------------------------------------------
# As on the pages: the agency's people on the job upload and open internal rounds (contacts 403);
# the account manager (Alice, Erin as admin) runs client rounds and writes to-dos; Carol decides
# the client round, Ray comments without deciding; creatives never read Ray's client comment
# (404); contacts never see internal rounds nor to-dos (404); nobody off the job sees any of it.
API_READERS = api_signed_in(OK, **NOT_ON_THE_JOB)
API_ON_THE_JOB_STAFF = {**API_READERS, "carol": "403", "ray": "403"}
API_MANAGERS = api_signed_in("403", erin=OK, alice=OK, **NOT_ON_THE_JOB)
API_DECIDERS = api_signed_in("403", carol=OK, **NOT_ON_THE_JOB)
API_RESOLVERS = api_signed_in(
    "403", erin=OK, alice=OK, ray=OK, dan="404", cora="404", **NOT_ON_THE_JOB
)
NO_TODOS_FOR_CONTACTS = {"carol": "404", "ray": "404"}


def _v1(w: Any) -> dict[str, Any]:
    return {"version_id": w.review_v1.pk}


def _client_round(w: Any) -> dict[str, Any]:
    return {"round_id": w.review_round.pk}


def _ray_comment(w: Any) -> dict[str, Any]:
    return {"comment_id": w.ray_comment.pk}


def _page_one(w: Any) -> dict[str, Any]:
    return {"version_id": w.review_v1.pk, "number": 1}


def _previewed(w: Any) -> None:
    from django.core.files.base import ContentFile

    from accord.reviews.models import VersionPage

    if not VersionPage.objects.filter(version=w.review_v1, number=1).exists():
        page = VersionPage(version=w.review_v1, number=1, width=64, height=40)
        page.image.save("page-1.png", ContentFile(png().read()), save=False)
        page.save()


def _ray_comment_resolved(w: Any) -> None:
    from accord.reviews.services import comments

    comments.resolve_comment(by=w.alice, comment=w.ray_comment, resolved=True)


# fmt: off
OPERATIONS.update({
    "list_versions": Operation(_banner, API_READERS),
    "get_version": Operation(_v1, API_READERS),
    "download_version": Operation(_v1, API_READERS),
    "get_version_page": Operation(_page_one, API_READERS, prepare=_previewed),
    "upload_version": Operation(_banner, API_ON_THE_JOB_STAFF, files=lambda w: {"file": png()}),
    "list_rounds": Operation(_banner, API_READERS),
    # The internal round: contacts never see it.
    "get_round": Operation(lambda w: {"round_id": w.review_internal.pk},
                           {**API_READERS, "carol": "404", "ray": "404"}),
    # On the story, in production (the banner is with the client: no internal round now).
    "open_round": Operation(lambda w: {"deliverable_id": w.acme_story.pk}, API_ON_THE_JOB_STAFF,
                            body=lambda w: {
        "stage": "internal", "reviewers": [{"user_id": w.alice.pk}]}),
    "decide_round": Operation(_client_round, API_DECIDERS,
                              body=lambda w: {"verdict": "approved"}),
    "cancel_round": Operation(_client_round, API_MANAGERS),
    "nudge_round": Operation(_client_round, API_MANAGERS),
    "get_revision_ledger": Operation(_banner, API_ON_THE_JOB_STAFF),
    "list_comments": Operation(_v1, API_READERS),
    "add_comment": Operation(_v1, API_READERS, body=lambda w: {"body": "Warmer colours?"}),
    "resolve_comment": Operation(_ray_comment, API_RESOLVERS, body=lambda w: {}),
    "reopen_comment": Operation(_ray_comment, API_RESOLVERS, body=lambda w: {},
                                prepare=_ray_comment_resolved),
    "list_todos": Operation(_banner, {**API_READERS, **NO_TODOS_FOR_CONTACTS}),
    "add_todos": Operation(_banner, {**API_MANAGERS, **NO_TODOS_FOR_CONTACTS}, body=lambda w: {
        "items": [{"text": "Warmer colours", "sources": [w.ray_comment.pk]}]}),
    "tick_todo": Operation(lambda w: {"todo_id": w.banner_todo.pk},
                           {**API_READERS, **NO_TODOS_FOR_CONTACTS},
                           body=lambda w: {"done": True}),
})
# fmt: on
