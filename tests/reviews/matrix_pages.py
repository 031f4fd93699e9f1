"""The review pages in the access matrix (the world is tests/reviews/matrix.py's, plus a to-do
Alice wrote from Ray's comment and the previews of the banner's version 1).

Who may do what: the agency's people on the job upload versions and ask for internal review;
only the account manager (Alice, and Erin as admin) sends to the client, nudges, withdraws and
writes to-dos; Carol, Acme's approver, decides; Ray, a reviewer, comments but does not decide;
creatives never read the client's own comments (404); nobody off the job sees any of it (404).
"""

from typing import Any

from tests.test_access_matrix import OK, PAGES, Route, outcome, signed_in

OFF_THE_JOB = {"max": "404", "sam": "404", "gus": "404"}
READERS = signed_in(OK, **OFF_THE_JOB)
CONTACTS_REFUSED = {"carol": "403", "ray": "403"}
ON_THE_JOB_STAFF = signed_in(OK, **OFF_THE_JOB, **CONTACTS_REFUSED)
MANAGERS = signed_in("403", erin=OK, alice=OK, **OFF_THE_JOB)
# Deciding: Carol only. Ray reviews without deciding; the agency is not on the client round.
DECIDERS = signed_in("403", carol=OK, **OFF_THE_JOB)
# Resolving Ray's client comment: the managers and Ray; creatives do not read it (404); Carol is
# not its author (403).
RESOLVERS = signed_in("403", erin=OK, alice=OK, ray=OK, dan="404", cora="404", **OFF_THE_JOB)
TICKERS = signed_in(OK, carol="404", ray="404", **OFF_THE_JOB)


def add_review_pages(w: Any) -> None:
    from accord.reviews.services import guests, previews, todos

    previews.make(w.review_v1.pk)
    (w.review_todo,) = todos.add_todos(
        by=w.alice, deliverable=w.banner, items=[("Logo larger", [w.ray_comment.pk])]
    )
    w.guest, w.guest_token = guests.invite_guest(
        by=w.alice, deliverable=w.banner, email="pat@partner.test", role="approver"
    )


def _banner(w: Any) -> dict[str, Any]:
    return {"deliverable_id": w.banner.pk}


def _story(w: Any) -> dict[str, Any]:
    return {"deliverable_id": w.acme_story.pk}


def _v1(w: Any) -> dict[str, Any]:
    return {"version_id": w.review_v1.pk}


def _story_v1(w: Any) -> dict[str, Any]:
    return {"version_id": w.story_v1.pk}


def _round(w: Any) -> dict[str, Any]:
    return {"round_id": w.review_round.pk}


def _internal_for_story(w: Any) -> dict[str, Any]:
    return {
        "internal-version": w.story_v1.pk,
        "internal-stage": "internal",
        "internal-approvers": [w.alice.pk],
        "internal-rule": "any",
    }


def _client_for_story(w: Any) -> dict[str, Any]:
    return {
        "client-version": w.story_v1.pk,
        "client-stage": "client",
        "client-approvers": [w.carol.pk],
        "client-rule": "any",
        "client-reason": "Carol asked to see the first cut today.",
    }


# fmt: off
PAGES += [
    Route("reviews:version_add", "post", kwargs=_banner, expect=ON_THE_JOB_STAFF,
          data={"copy": "Spring is here."}),
    Route("reviews:round_open", "post",
          kwargs=lambda w: {**_story(w), "stage": "internal"}, expect=ON_THE_JOB_STAFF,
          data=_internal_for_story),
    Route("reviews:version_file", kwargs=_v1, expect=READERS),
    Route("reviews:version_file", kwargs=_story_v1,
          expect={**READERS, "carol": "404", "ray": "404"}),  # never sent to the client
    Route("reviews:page_image", kwargs=lambda w: {**_v1(w), "number": 1}, expect=READERS),
    Route("reviews:viewer", kwargs=_v1, expect=READERS),
    Route("reviews:comment_add", "post", kwargs=_v1, expect=READERS, data={"body": "Lovely."}),
    Route("reviews:decide", "post", kwargs=_round, expect=DECIDERS,
          data={"verdict": "approved"}),
    Route("reviews:nudge", "post", kwargs=_round, expect=MANAGERS),
    Route("reviews:cancel", "post", kwargs=_round, expect=MANAGERS),
    Route("reviews:comment_resolve", "post", kwargs=lambda w: {"comment_id": w.ray_comment.pk},
          expect=RESOLVERS, data={"resolved": "1"}),
    Route("reviews:todo_add", "post", kwargs=_banner, expect=MANAGERS,
          data={"text": "Warmer colours"}),
    Route("reviews:todo_tick", "post", kwargs=lambda w: {"todo_id": w.review_todo.pk},
          expect=TICKERS, data={"done": "1"}),
]
PAGES.append(
    Route("reviews:round_open", "post", kwargs=lambda w: {**_story(w), "stage": "client"},
          expect=MANAGERS, data=_client_for_story),
)
# fmt: on
PAGES.append(Route("reviews:queue", expect=signed_in(OK)))
PAGES.append(Route("reviews:queue", data={"tab": "clients"}, expect=signed_in(OK)))


# Guests: the account manager invites and revokes. A guest link is the same for everyone who
# holds it (signed in or not): the code step, and nothing else until the email is confirmed here.
def _token(w: Any) -> dict[str, Any]:
    return {"token": w.guest_token}


ANYONE = outcome(default=OK)
NOBODY_YET = outcome(default="404")
PAGES += [
    Route(
        "reviews:guest_invite",
        "post",
        kwargs=_banner,
        expect=MANAGERS,
        data={"email": "lee@partner.test", "role": "reviewer", "days": "14"},
    ),
    Route(
        "reviews:guest_revoke", "post", kwargs=lambda w: {"guest_id": w.guest.pk}, expect=MANAGERS
    ),
    Route("reviews:guest", kwargs=_token, expect=ANYONE),
    Route("reviews:guest_code", "post", kwargs=_token, expect=ANYONE),
    Route(
        "reviews:guest_verify",
        "post",
        kwargs=_token,
        expect=outcome(default="422"),
        data={"code": "000000"},
    ),
    Route("reviews:guest_file", kwargs=lambda w: {**_token(w), **_v1(w)}, expect=NOBODY_YET),
    Route(
        "reviews:guest_page_image",
        kwargs=lambda w: {**_token(w), **_v1(w), "number": 1},
        expect=NOBODY_YET,
    ),
    Route("reviews:guest_viewer", kwargs=lambda w: {**_token(w), **_v1(w)}, expect=NOBODY_YET),
    Route(
        "reviews:guest_comment",
        "post",
        kwargs=lambda w: {**_token(w), **_v1(w)},
        expect=NOBODY_YET,
        data={"body": "Hello"},
    ),
    Route(
        "reviews:guest_decide",
        "post",
        kwargs=lambda w: {**_token(w), **_round(w)},
        expect=NOBODY_YET,
        data={"verdict": "approved"},
    ),
]
