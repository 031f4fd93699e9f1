"""The review story through the API: Dan uploads, Alice approves internally and sends it to
Acme, Ray pins a comment, Carol asks for changes, Alice writes to-dos, Dan answers them in
version 2, Carol approves. Gus never learns any of it exists; Carol never sees the internal
side, Dan never the client's own words. Then the refusals, each with its status and field."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client as HttpClient

from accord.accounts.services import create_api_token
from accord.reviews.models import Comment, Round, Todo
from accord.reviews.services import comments, rounds, todos
from tests.api.conftest import API, Caller
from tests.reviews.review_data import banner_job, client_round, internal_round, png, upload


class Reviewer(Caller):
    """A persona's API client that can also upload (multipart/form-data)."""

    def upload(self, path: str, **fields: Any) -> Any:
        return self.http.post(API + path, fields, headers=self._headers())

    def fetch(self, url: str) -> Any:
        return self.http.get(url, headers=self._headers())


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def as_persona(world: Any) -> Callable[[str], Reviewer]:
    def make(name: str) -> Reviewer:
        _, plaintext = create_api_token(user=world.persona(name), name="tests")
        return Reviewer(HttpClient(), plaintext)

    return make


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def _ids(page: dict[str, Any]) -> list[int]:
    return [item["id"] for item in page["items"]]


def test_the_whole_story_through_the_api(world, as_persona):
    deliverable = banner_job(world)
    d = deliverable.pk
    dan, alice, carol, ray, gus = (as_persona(n) for n in ("dan", "alice", "carol", "ray", "gus"))

    v1 = _ok(dan.upload(f"/deliverables/{d}/versions", file=png(), note="First cut"), 201)
    assert v1["number"] == 1 and v1["kind"] == "image" and len(v1["sha256"]) == 64
    assert v1["preview_state"] in ("pending", "ready") and v1["uploaded_by"]["name"]
    assert _ok(carol.get(f"/deliverables/{d}/versions"))["items"] == []  # not sent yet
    assert carol.get(f"/versions/{v1['id']}").status_code == 404

    internal = _ok(
        dan.post(
            f"/deliverables/{d}/rounds",
            {"stage": "internal", "reviewers": [{"user_id": world.alice.pk}]},
        ),
        201,
    )
    assert internal["stage"] == "internal" and internal["waiting_on"] == "agency"
    approved = _ok(alice.post(f"/rounds/{internal['id']}/decisions", {"verdict": "approved"}), 201)
    assert approved["status"] == "approved"
    assert approved["decisions"][0]["content_sha256"] == v1["sha256"]
    internal_note = _ok(
        alice.post(f"/versions/{v1['id']}/comments", {"body": "Logo is fine as is."}), 201
    )
    assert internal_note["audience"] == "internal"

    sent = _ok(
        alice.post(
            f"/deliverables/{d}/rounds",
            {
                "stage": "client",
                "reviewers": [
                    {"user_id": world.carol.pk, "role": "approver"},
                    {"user_id": world.ray.pk, "role": "reviewer"},
                ],
                "version_id": v1["id"],
            },
        ),
        201,
    )
    assert sent["waiting_on"] == "client" and sent["override_reason"] == ""

    # Carol reads what was sent to her, and nothing of the agency's side.
    assert _ids(carol.get(f"/deliverables/{d}/versions").json()) == [v1["id"]]
    seen = _ok(carol.get(f"/versions/{v1['id']}"))
    assert "note" not in seen and "uploaded_by" not in seen
    assert _ids(carol.get(f"/deliverables/{d}/rounds").json()) == [sent["id"]]
    assert carol.get(f"/rounds/{internal['id']}").status_code == 404
    assert "override_reason" not in _ok(carol.get(f"/rounds/{sent['id']}"))

    pinned = _ok(
        ray.post(
            f"/versions/{v1['id']}/comments",
            {
                "body": "The logo is too small here.",
                "anchor": {"anchor": "point", "page": 1, "x": 0.2, "y": 0.3},
            },
        ),
        201,
    )
    assert pinned["audience"] == "client" and pinned["round_id"] == sent["id"]
    assert pinned["anchor"]["x"] == 0.2 and pinned["anchor"]["page"] == 1
    assert _ids(carol.get(f"/versions/{v1['id']}/comments").json()) == [pinned["id"]]
    assert _ids(dan.get(f"/versions/{v1['id']}/comments").json()) == [internal_note["id"]]
    assert set(_ids(alice.get(f"/versions/{v1['id']}/comments").json())) == {
        pinned["id"],
        internal_note["id"],
    }

    no_note = carol.post(f"/rounds/{sent['id']}/decisions", {"verdict": "changes_required"})
    assert no_note.status_code == 422 and no_note.json()["field"] == "note"
    changes = _ok(
        carol.post(
            f"/rounds/{sent['id']}/decisions",
            {"verdict": "changes_required", "note": "See Ray's note."},
        ),
        201,
    )
    assert changes["status"] == "changes_required"

    (todo,) = _ok(
        alice.post(
            f"/deliverables/{d}/todos",
            {"items": [{"text": "Make the logo larger", "sources": [pinned["id"]]}]},
        ),
        201,
    )
    assert todo["sources"] == [pinned["id"]] and todo["done_in"] is None
    assert _ids(dan.get(f"/deliverables/{d}/todos").json()) == [todo["id"]]
    assert carol.get(f"/deliverables/{d}/todos").status_code == 404

    v2 = _ok(
        dan.upload(
            f"/deliverables/{d}/versions",
            file=png(colour="red"),
            note="Logo larger",
            answers=[todo["id"]],
        ),
        201,
    )
    (answered,) = _ok(dan.get(f"/deliverables/{d}/todos"))["items"]
    assert answered["done"] and answered["done_in"] == {"id": v2["id"], "number": 2}

    second_internal = _ok(
        alice.post(
            f"/deliverables/{d}/rounds",
            {"stage": "internal", "reviewers": [{"user_id": world.alice.pk}]},
        ),
        201,
    )
    _ok(alice.post(f"/rounds/{second_internal['id']}/decisions", {"verdict": "approved"}), 201)
    second = _ok(
        alice.post(
            f"/deliverables/{d}/rounds",
            {
                "stage": "client",
                "reviewers": [
                    {"user_id": world.carol.pk},
                    {"user_id": world.ray.pk, "role": "reviewer"},
                ],
            },
        ),
        201,
    )
    done = _ok(carol.post(f"/rounds/{second['id']}/decisions", {"verdict": "approved"}), 201)
    assert done["status"] == "approved"
    assert done["decisions"][0]["content_sha256"] == v2["sha256"]
    ledger = _ok(alice.get(f"/deliverables/{d}/ledger"))
    assert ledger["client_rounds"] == 2 and ledger["revisions_used"] == 1
    assert ledger["beyond"] is False and ledger["words"]

    # Gus, at another client, gets a 404 for every one of these addresses.
    urls = [
        f"/deliverables/{d}/versions",
        f"/versions/{v1['id']}",
        f"/versions/{v1['id']}/file",
        f"/versions/{v1['id']}/comments",
        f"/deliverables/{d}/rounds",
        f"/rounds/{internal['id']}",
        f"/rounds/{sent['id']}",
        f"/deliverables/{d}/todos",
        f"/deliverables/{d}/ledger",
    ]
    for url in urls:
        assert gus.get(url).status_code == 404, url
    posts = [
        (f"/deliverables/{d}/rounds", {"stage": "internal", "reviewers": [{"user_id": 1}]}),
        (f"/rounds/{second['id']}/decisions", {"verdict": "approved"}),
        (f"/rounds/{second['id']}/cancel", None),
        (f"/rounds/{second['id']}/nudge", None),
        (f"/versions/{v1['id']}/comments", {"body": "Hello"}),
        (f"/comments/{pinned['id']}/resolve", {}),
        (f"/comments/{pinned['id']}/reopen", {}),
        (f"/deliverables/{d}/todos", {"items": [{"text": "x"}]}),
        (f"/todos/{todo['id']}/tick", {"done": False}),
    ]
    for url, body in posts:
        assert gus.post(url, body).status_code == 404, url
    assert gus.upload(f"/deliverables/{d}/versions", file=png()).status_code == 404

    # Carol never sees Alice's internal comment, Dan never Ray's client comment.
    everything = str(carol.get(f"/versions/{v1['id']}/comments").json())
    assert "Logo is fine" not in everything
    everything = str(dan.get(f"/versions/{v1['id']}/comments").json())
    assert "too small" not in everything
    assert dan.post(f"/comments/{pinned['id']}/resolve", {}).status_code == 404


def test_the_file_is_served_as_an_attachment_or_inline_for_the_viewer(world, as_persona):
    deliverable = banner_job(world)
    version = upload(world, deliverable)
    dan = as_persona("dan")
    response = dan.get(f"/versions/{version.pk}/file")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    inline = dan.get(f"/versions/{version.pk}/file", inline="true")
    assert inline["Content-Disposition"].startswith("inline")
    assert b"".join(inline.streaming_content).startswith(b"\x89PNG")


def test_copy_and_links_show_their_text_and_address(world, as_persona):
    deliverable = banner_job(world)
    dan = as_persona("dan")
    copy = _ok(
        dan.upload(
            f"/deliverables/{deliverable.pk}/versions",
            copy="Fresh <b>every</b> morning.<script>alert(1)</script>",
        ),
        201,
    )
    assert copy["kind"] == "copy" and "<script" not in copy["copy_html"]
    assert copy["copy_text"].startswith("Fresh every morning")
    assert copy["download_url"] is None
    assert dan.get(f"/versions/{copy['id']}/file").status_code == 404
    link = _ok(
        dan.upload(f"/deliverables/{deliverable.pk}/versions", link_url="https://example.com/x"),
        201,
    )
    assert link["kind"] == "link" and link["link_url"] == "https://example.com/x"


def test_a_page_preview_is_served_inline_once_made(world, as_persona):
    from django.core.files.base import ContentFile

    from accord.reviews.models import VersionPage

    deliverable = banner_job(world)
    version = upload(world, deliverable)
    dan = as_persona("dan")
    assert dan.get(f"/versions/{version.pk}/pages/1").status_code == 404
    page = VersionPage(version=version, number=1, width=64, height=40)
    page.image.save("p1.png", ContentFile(png().read()), save=False)
    page.save()
    shown = _ok(dan.get(f"/versions/{version.pk}"))
    assert shown["pages"][0]["thumbnail_url"] is None
    response = dan.fetch(shown["pages"][0]["image_url"])
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert dan.get(f"/versions/{version.pk}/pages/1", size="thumbnail").status_code == 404


# --- Bad input and refusals -------------------------------------------------------------------


def test_uploads_refused_with_the_field(world, as_persona):
    deliverable = banner_job(world)
    dan = as_persona("dan")
    path = f"/deliverables/{deliverable.pk}/versions"
    nothing = dan.upload(path, note="Oops")
    assert nothing.status_code == 422 and nothing.json()["field"] == "file"
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    refused = dan.upload(path, file=svg)
    assert refused.status_code == 422 and refused.json()["field"] == "file"
    bad_link = dan.upload(path, link_url="javascript:alert(1)")
    assert bad_link.status_code == 422 and bad_link.json()["field"] == "link_url"
    assert as_persona("carol").upload(path, file=png()).status_code == 403


def test_rounds_refused_with_the_field(world, as_persona):
    deliverable = banner_job(world)
    d = deliverable.pk
    alice, dan = as_persona("alice"), as_persona("dan")
    path = f"/deliverables/{d}/rounds"
    carol_seat = {"stage": "client", "reviewers": [{"user_id": world.carol.pk}]}
    assert alice.post(path, carol_seat).status_code == 409  # no version yet
    version = upload(world, deliverable)

    unreasoned = alice.post(path, carol_seat)
    assert unreasoned.status_code == 422 and unreasoned.json()["field"] == "reason"
    assert dan.post(path, {**carol_seat, "reason": "Asked for"}).status_code == 403
    stranger = alice.post(path, {"stage": "client", "reviewers": [{"user_id": world.gus.pk}]})
    assert stranger.status_code == 422 and stranger.json()["field"] == "reviewers"
    assert "Gus" not in stranger.json()["detail"]
    no_rule = alice.post(path, {**carol_seat, "rule": "most"})
    assert no_rule.status_code == 422
    final = alice.post(path, {**carol_seat, "rule": "final", "reason": "Asked for"})
    assert final.status_code == 422 and final.json()["field"] == "final_approver"
    past = alice.post(path, {**carol_seat, "reason": "x", "due_at": "2020-01-01T10:00:00Z"})
    assert past.status_code == 422 and past.json()["field"] == "due_at"
    stale = alice.post(path, {**carol_seat, "reason": "x", "version_id": version.pk + 1000})
    assert stale.status_code == 409 and stale.json()["field"] == "version_id"
    ok = alice.post(path, {**carol_seat, "reason": "Carol asked for it today"})
    assert _ok(ok, 201)["override_reason"] == "Carol asked for it today"
    again = alice.post(path, {**carol_seat, "reason": "again"})
    assert again.status_code == 409


def test_a_round_past_the_included_revisions_asks_for_confirmation(world, as_persona):
    world.acme.__class__.objects.filter(pk=world.acme.pk).update(revision_rounds_included=0)
    deliverable = banner_job(world)
    first = client_round(world, upload(world, deliverable), override_reason="Rush")
    rounds.decide(by=world.carol, round=first, verdict="changes_required", note="Bigger.")
    upload(world, deliverable)
    alice = as_persona("alice")
    body = {"stage": "client", "reviewers": [{"user_id": world.carol.pk}], "reason": "Rush"}
    asked = alice.post(f"/deliverables/{deliverable.pk}/rounds", body)
    assert asked.status_code == 409 and asked.json()["field"] == "confirm"
    ledger = _ok(alice.get(f"/deliverables/{deliverable.pk}/ledger"))
    assert ledger["beyond"] is True and ledger["included"] == 0
    sent = alice.post(f"/deliverables/{deliverable.pk}/rounds", {**body, "confirm": True})
    assert sent.status_code == 201
    assert as_persona("carol").get(f"/deliverables/{deliverable.pk}/ledger").status_code == 403


def test_decisions_refused(world, as_persona):
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    internal = internal_round(world, v1)
    rounds.decide(by=world.alice, round=internal, verdict="approved")
    sent = client_round(world, v1)
    carol, ray, dan = as_persona("carol"), as_persona("ray"), as_persona("dan")

    not_on_it = dan.post(f"/rounds/{sent.pk}/decisions", {"verdict": "approved"})
    assert not_on_it.status_code == 403
    reviewer_only = ray.post(f"/rounds/{sent.pk}/decisions", {"verdict": "approved"})
    assert reviewer_only.status_code == 403
    unknown = carol.post(f"/rounds/{sent.pk}/decisions", {"verdict": "maybe"})
    assert unknown.status_code == 422
    _ok(carol.post(f"/rounds/{sent.pk}/decisions", {"verdict": "approved"}), 201)
    twice = carol.post(f"/rounds/{sent.pk}/decisions", {"verdict": "approved"})
    assert twice.status_code == 409

    # A round a newer version superseded takes no decision.
    v2 = upload(world, deliverable)
    later = internal_round(world, v2)
    upload(world, deliverable)
    superseded = as_persona("alice").post(f"/rounds/{later.pk}/decisions", {"verdict": "approved"})
    assert superseded.status_code == 409 and "newer version" in superseded.json()["detail"]


def test_cancel_and_nudge_are_the_account_managers(world, as_persona):
    deliverable = banner_job(world)
    sent = client_round(world, upload(world, deliverable), override_reason="Rush")
    alice, dan = as_persona("alice"), as_persona("dan")
    assert dan.post(f"/rounds/{sent.pk}/nudge").status_code == 403
    assert _ok(alice.post(f"/rounds/{sent.pk}/nudge")) == {"reminded": 2}
    assert alice.post(f"/rounds/{sent.pk}/nudge").status_code == 409  # within the hour
    assert dan.post(f"/rounds/{sent.pk}/cancel").status_code == 403
    assert _ok(alice.post(f"/rounds/{sent.pk}/cancel"))["status"] == "cancelled"
    assert alice.post(f"/rounds/{sent.pk}/cancel").status_code == 409


def test_comments_refused_with_the_field_and_stale_resolves(world, as_persona):
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    client_round(world, v1, override_reason="Rush")
    ray, alice = as_persona("ray"), as_persona("alice")
    path = f"/versions/{v1.pk}/comments"
    empty = ray.post(path, {"body": "   "})
    assert empty.status_code == 422 and empty.json()["field"] == "body"
    off = ray.post(path, {"body": "Here", "anchor": {"anchor": "point", "x": 2, "y": 0.5}})
    assert off.status_code == 422
    moment = ray.post(path, {"body": "Here", "anchor": {"anchor": "moment", "at_seconds": 3}})
    assert moment.status_code == 422 and moment.json()["field"] == "anchor"
    orphan = ray.post(path, {"body": "Yes", "parent_id": 999_999})
    assert orphan.status_code == 422 and orphan.json()["field"] == "parent_id"

    comment = _ok(ray.post(path, {"body": "Bigger logo?"}), 201)
    reply = _ok(
        alice.post(path, {"body": "Will do.", "parent_id": comment["id"], "audience": "client"}),
        201,
    )
    assert reply["parent_id"] == comment["id"] and reply["audience"] == "client"
    resolved = _ok(
        alice.post(f"/comments/{comment['id']}/resolve", {"base_revision": comment["revision"]})
    )
    assert resolved["resolved_at"] and resolved["resolved_by"]["name"] == "Alice Northwind"
    stale = ray.post(f"/comments/{comment['id']}/reopen", {"base_revision": comment["revision"]})
    assert stale.status_code == 409
    reopened = _ok(
        ray.post(f"/comments/{comment['id']}/reopen", {"base_revision": resolved["revision"]})
    )
    assert reopened["resolved_at"] is None
    # Carol may resolve only her own comments.
    assert as_persona("carol").post(f"/comments/{comment['id']}/resolve", {}).status_code == 403


def test_viewers_follow_without_commenting(world, as_persona):
    from accord.clients.models import Contact

    Contact.objects.filter(user=world.ray).update(role="viewer")
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    rounds.open_round(
        by=world.alice,
        version=v1,
        stage="client",
        seats=[rounds.Seat(world.carol)],
        override_reason="Rush",
    )
    assert as_persona("ray").post(f"/versions/{v1.pk}/comments", {"body": "Hi"}).status_code == 403


def test_todos_are_the_account_managers_to_write_and_the_teams_to_tick(world, as_persona):
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    client_round(world, v1, override_reason="Rush")
    ray_says = comments.add_comment(by=world.ray, version=v1, body="Bigger logo?")
    alice_says = comments.add_comment(by=world.alice, version=v1, body="Hm.", managing=True)
    alice, dan = as_persona("alice"), as_persona("dan")
    path = f"/deliverables/{deliverable.pk}/todos"
    assert dan.post(path, {"items": [{"text": "Logo"}]}).status_code == 403
    internal_source = alice.post(path, {"items": [{"text": "Logo", "sources": [alice_says.pk]}]})
    assert internal_source.status_code == 422 and internal_source.json()["field"] == "sources"
    assert alice.post(path, {"items": []}).status_code == 422
    (todo,) = _ok(alice.post(path, {"items": [{"text": "Logo", "sources": [ray_says.pk]}]}), 201)
    ticked = _ok(dan.post(f"/todos/{todo['id']}/tick", {"done": True}))
    assert ticked["done"] and ticked["done_by"]["name"] == "Dan Northwind"
    assert not _ok(dan.post(f"/todos/{todo['id']}/tick", {"done": False}))["done"]
    assert as_persona("carol").post(f"/todos/{todo['id']}/tick", {"done": True}).status_code == 404


# --- Bounded queries --------------------------------------------------------------------------


def _queries_of(call: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert call().status_code == 200
    return len(captured)


def _grow(world: Any, deliverable: Any, n: int) -> None:
    """n more versions, each sent to Acme with a decision, a client comment and a to-do."""
    for _ in range(n):
        version = upload(world, deliverable, note="Again")
        sent = client_round(world, version, override_reason="Rush")
        comment = comments.add_comment(
            by=world.ray,
            version=version,
            body="Again?",
            anchor={"anchor": "point", "page": 1, "x": 0.5, "y": 0.5},
        )
        reply = comments.add_comment(
            by=world.alice,
            version=version,
            body="Yes",
            parent=comment,
            audience="client",
            managing=True,
        )
        comments.resolve_comment(by=world.alice, comment=comment, resolved=True)
        rounds.decide(by=world.carol, round=sent, verdict="changes_required", note="More.")
        todos.add_todos(by=world.alice, deliverable=deliverable, items=[("Again", [comment.pk])])
        assert reply.pk


@pytest.mark.parametrize("who", ["alice", "dan", "carol"])
def test_lists_take_the_same_queries_for_one_row_or_many(
    world, as_persona, who, django_assert_max_num_queries
):
    world.acme.__class__.objects.filter(pk=world.acme.pk).update(revision_rounds_included=99)
    deliverable = banner_job(world)
    _grow(world, deliverable, 1)
    caller = as_persona(who)
    caller.get("/me")  # the token's first use is recorded once; leave it out of the count
    version = Comment.objects.filter(deliverable=deliverable).first().version_id
    lists = [
        lambda: caller.get(f"/deliverables/{deliverable.pk}/versions"),
        lambda: caller.get(f"/deliverables/{deliverable.pk}/rounds"),
        lambda: caller.get(f"/versions/{version}/comments"),
    ]
    if who != "carol":
        lists.append(lambda: caller.get(f"/deliverables/{deliverable.pk}/todos"))
    few = [_queries_of(call) for call in lists]
    _grow(world, deliverable, 6)
    for _ in range(8):
        comments.add_comment(by=world.ray, version=deliverable.versions.get(pk=version), body="+")
    assert Round.objects.filter(deliverable=deliverable).count() == 7
    assert Todo.objects.filter(deliverable=deliverable).count() == 7
    for call, count in zip(lists, few, strict=True):
        with django_assert_max_num_queries(count):
            assert call().status_code == 200
