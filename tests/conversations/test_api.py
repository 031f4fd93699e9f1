"""Conversations through the API: Carol asks about the logo on Acme's job, Alice relays it to
Dan with a to-do, Dan answers in the team's thread, Alice answers Carol in her own words. Carol
never sees the internal side (404 even by id, no `relayed_from`), Gus and Max nothing of Acme;
then edits, refusals with their status and field, files, filters, pages and query counts."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accord.conversations.access import POST_REFUSED
from accord.conversations.markdown import MAX_BODY_CHARS
from accord.conversations.models import Court, Message, Participant, Thread, Todo
from accord.conversations.services import relays, threads
from accord.core.policy import Audience
from accord.work.models import JobMember
from tests.reviews import test_api as reviews_api
from tests.reviews.review_data import png

from .talk import acme_job, carol_asks, team_thread

# The reviews API tests' fixtures: `as_persona(name)` calls the API with that persona's bearer
# token (JSON, or multipart with `upload`), and media go to a temporary folder in every test.
as_persona = reviews_api.as_persona
media = reviews_api.media


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def _refused(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    if field is not None:
        assert body["field"] == field, body
    return body


def _ids(page: dict[str, Any]) -> list[int]:
    return [item["id"] for item in page["items"]]


def _keys_everywhere(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys_everywhere(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys_everywhere(v)}
    return set()


def test_the_whole_conversation_through_the_api(world, as_persona):
    job = acme_job(world)
    alice, carol, dan, gus, max_ = (as_persona(n) for n in ("alice", "carol", "dan", "gus", "max"))

    started = _ok(
        carol.post(
            "/threads", {"job_id": job.pk, "subject": "Logo size", "body": "Can it be bigger?"}
        ),
        201,
    )
    assert started["audience"] == "client" and started["anchor"] == "job"
    assert started["job"] == {"id": job.pk, "title": "Spring launch"}
    assert started["waiting_on"] == "agency" and started["may_post"] is True
    assert {p["name"] for p in started["participants"]} == {"Carol Acme", "Alice Northwind"}
    assert "todos" not in started and "managing" not in started
    client_thread = started["id"]

    inbox = _ok(alice.get("/threads"))
    assert _ids(inbox) == [client_thread]
    assert inbox["items"][0]["unread"] is True and inbox["items"][0]["waiting_on"] == "agency"
    (question,) = _ok(alice.get(f"/threads/{client_thread}/messages"))["items"]
    assert question["author"]["side"] == "client" and question["via"] == "api"

    relayed = _ok(
        alice.post(
            f"/messages/{question['id']}/relay",
            {
                "body": "Carol would like the logo larger.",
                "todos": [{"text": "Logo 20% larger", "assignee_id": world.dan.pk}],
            },
        ),
        201,
    )
    internal = relayed["message"]["thread_id"]
    assert relayed["message"]["relayed_from"]["message_id"] == question["id"]
    (todo,) = relayed["todos"]
    assert todo["assignee"]["id"] == world.dan.pk and todo["done"] is False

    # Dan sees the team's thread only, with his to-do; not Carol's own words.
    assert _ids(_ok(dan.get("/threads"))) == [internal]
    detail = _ok(dan.get(f"/threads/{internal}"))
    assert detail["audience"] == "internal" and detail["managing"] is False
    assert [t["id"] for t in detail["todos"]] == [todo["id"]]
    (relay,) = _ok(dan.get(f"/threads/{internal}/messages"))["items"]
    assert relay["relayed_from"] is None
    ticked = _ok(dan.post(f"/thread-todos/{todo['id']}/tick", {"done": True}))
    assert ticked["done"] is True and ticked["done_by"]["id"] == world.dan.pk
    answer = _ok(dan.post(f"/threads/{internal}/messages", {"body": "Done, see v2."}), 201)
    assert dan.get(f"/threads/{client_thread}").status_code == 404

    reply = _ok(
        alice.post(f"/messages/{answer['id']}/reply", {"body": "Carol, it is larger now."}), 201
    )
    assert reply["thread_id"] == client_thread
    assert reply["relayed_from"]["message_id"] == answer["id"]

    # Carol reads Alice's words, never where they came from.
    messages = _ok(carol.get(f"/threads/{client_thread}/messages"))
    assert [m["body"] for m in messages["items"]] == [
        "Carol, it is larger now.",
        "Can it be bigger?",
    ]
    assert "relayed_from" not in _keys_everywhere(messages)
    assert _ok(carol.get(f"/threads/{client_thread}"))["waiting_on"] == "client"
    assert carol.get(f"/threads/{internal}").status_code == 404
    assert carol.get(f"/threads/{internal}/messages").status_code == 404
    assert _ids(_ok(carol.get("/threads"))) == [client_thread]
    assert _ok(carol.get("/threads", audience="internal"))["items"] == []

    read = _ok(carol.post(f"/threads/{client_thread}/read"))
    assert read["unread"] is False
    assert _ok(carol.get("/threads", show="unread"))["items"] == []
    for outsider in (gus, max_):
        assert _ok(outsider.get("/threads"))["count"] == 0
        assert outsider.get(f"/threads/{client_thread}").status_code == 404
        assert outsider.get(f"/threads/{internal}/messages").status_code == 404


def test_a_contact_never_sees_the_internal_side_by_any_id(world, as_persona):
    job = acme_job(world)
    client_side = carol_asks(world, job)
    question = client_side.messages.get()
    relay = relays.relay_to_team(
        by=world.alice,
        source=question,
        body="Logo larger, please.",
        todos=[relays.TodoLine("Logo larger", world.dan)],
    )
    internal = relay.thread
    todo = Todo.objects.get()
    reply = relays.reply_to_client(by=world.alice, source=relay, body="On its way.")
    assert reply.relayed_from_id == relay.pk
    for name in ("carol", "ray"):
        contact = as_persona(name)
        assert contact.get(f"/threads/{internal.pk}").status_code == 404
        assert contact.get(f"/threads/{internal.pk}/messages").status_code == 404
        assert contact.post(f"/threads/{internal.pk}/messages", {"body": "Hi"}).status_code == 404
        assert contact.post(f"/threads/{internal.pk}/read").status_code == 404
        edit = {"body": "x", "revision": 1}
        assert contact.patch(f"/messages/{relay.pk}", edit).status_code == 404
        assert contact.post(f"/messages/{relay.pk}/reply", {"body": "x"}).status_code == 404
        assert contact.post(f"/thread-todos/{todo.pk}/tick", {"done": True}).status_code == 404
        for path in ("/threads", f"/threads/{client_side.pk}/messages"):
            seen = _ok(contact.get(path))
            assert "relayed_from" not in _keys_everywhere(seen)
            assert internal.pk not in {m.get("thread_id", m["id"]) for m in seen["items"]}
        assert "relayed_from" not in _ok(contact.get(f"/threads/{client_side.pk}"))
    # The agency sees where the reply came from.
    alice_page = _ok(as_persona("alice").get(f"/threads/{client_side.pk}/messages"))
    assert alice_page["items"][0]["relayed_from"]["thread_id"] == internal.pk


def test_gus_never_learns_of_acmes_conversations(world, as_persona):
    thread = carol_asks(world, acme_job(world))
    message = thread.messages.get()
    gus = as_persona("gus")
    assert _ok(gus.get("/threads", client_id=world.acme.pk))["count"] == 0
    assert gus.post(f"/threads/{thread.pk}/messages", {"body": "Hi"}).status_code == 404
    assert gus.patch(f"/messages/{message.pk}", {"body": "x", "revision": 1}).status_code == 404
    started = gus.post("/threads", {"client_id": world.acme.pk, "subject": "Hi", "body": "Hi"})
    assert started.status_code == 404
    assert not Thread.objects.filter(client=world.globex).exists()


# --- Writing: refusals ------------------------------------------------------------------------


def test_a_creative_is_refused_a_client_thread_until_the_job_is_opened(world, as_persona):
    job = acme_job(world)
    dan, alice, cora = as_persona("dan"), as_persona("alice"), as_persona("cora")
    asked = {"job_id": job.pk, "subject": "Logo", "body": "Hello Carol"}
    refused = _refused(dan.post("/threads", asked), 403)
    assert refused["detail"] == POST_REFUSED
    # Internal is his to start.
    made = _ok(dan.post("/threads", {**asked, "audience": "internal"}), 201)
    assert made["audience"] == "internal"
    thread = carol_asks(world, job)
    assert dan.post(f"/threads/{thread.pk}/messages", {"body": "Sure"}).status_code == 404
    assert dan.put(f"/jobs/{job.pk}/team-voice", {"open": True}).status_code == 403
    assert _ok(alice.put(f"/jobs/{job.pk}/team-voice", {"open": True})) == {
        "job_id": job.pk,
        "open": True,
    }
    assert _ok(dan.post(f"/threads/{thread.pk}/messages", {"body": "Sure"}), 201)
    assert cora.post(f"/threads/{thread.pk}/messages", {"body": "Me too"}).status_code == 404
    _ok(alice.put(f"/jobs/{job.pk}/team-voice", {"open": False}))
    assert dan.get(f"/threads/{thread.pk}").status_code == 404


def test_an_account_manager_on_the_team_reads_a_client_thread_but_does_not_write(world, as_persona):
    from accord.clients.models import TeamMembership

    TeamMembership.objects.create(client=world.acme, user=world.max)
    thread = carol_asks(world)
    max_ = as_persona("max")
    assert _ok(max_.get(f"/threads/{thread.pk}"))["may_post"] is False
    relay = relays.relay_to_team(by=world.alice, source=thread.messages.get(), body="Larger")
    relays.reply_to_client(by=world.alice, source=relay, body="Coming.", target=thread)
    # Where the answer came from is for those who run the client.
    answer = _ok(max_.get(f"/threads/{thread.pk}/messages"))["items"][0]
    assert answer["body"] == "Coming." and answer["relayed_from"] is None
    refused = _refused(max_.post(f"/threads/{thread.pk}/messages", {"body": "Hi"}), 403)
    assert refused["detail"] == POST_REFUSED
    assert max_.post(f"/threads/{thread.pk}/clear-court").status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, None),
        ({"body": "   \n "}, "body"),
        ({"body": "x" * (MAX_BODY_CHARS + 1)}, None),
        ({"body": "nul\x00"}, None),
        ({"body": "Hi", "extra": 1}, None),
        ({}, None),
    ],
    ids=["empty", "blank", "huge", "nul", "unknown-field", "missing"],
)
def test_a_message_that_does_not_fit_is_a_422(world, as_persona, body, field):
    thread = carol_asks(world)
    _refused(as_persona("carol").post(f"/threads/{thread.pk}/messages", body), 422, field)
    assert thread.messages.count() == 1


def test_more_files_than_a_message_takes_are_refused_and_nothing_is_posted(world, as_persona):
    thread = carol_asks(world)
    carol = as_persona("carol")
    files = [png(f"p{i}.png") for i in range(11)]
    refused = _refused(
        carol.upload(f"/threads/{thread.pk}/messages/with-files", body="Look", attachments=files),
        422,
        "attachments",
    )
    assert "10" in refused["detail"]
    bad = carol.upload(
        f"/threads/{thread.pk}/messages/with-files",
        body="Look",
        attachments=[png(), _text_file()],
    )
    assert "notes.txt" in _refused(bad, 422, "attachments")["detail"]
    assert thread.messages.count() == 1


def _text_file() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("notes.txt", b"\x00\x01binary junk", content_type="text/plain")


def test_a_message_with_files_is_downloaded_by_those_who_read_the_thread(world, as_persona):
    thread = carol_asks(world, acme_job(world))
    carol, ray, dan = as_persona("carol"), as_persona("ray"), as_persona("dan")
    posted = _ok(
        carol.upload(
            f"/threads/{thread.pk}/messages/with-files",
            body="The **new** logo",
            attachments=[png("logo.png"), png("logo-dark.png", colour="black")],
        ),
        201,
    )
    assert posted["html"] == "<p>The <strong>new</strong> logo</p>\n"
    assert [a["name"] for a in posted["attachments"]] == ["logo.png", "logo-dark.png"]
    url = posted["attachments"][0]["download_url"]
    got = ray.fetch(url)
    assert got.status_code == 200
    assert got["Content-Disposition"].startswith("attachment")
    assert got["X-Content-Type-Options"] == "nosniff"
    assert dan.fetch(url).status_code == 404
    assert as_persona("gus").fetch(url).status_code == 404


# --- Editing --------------------------------------------------------------------------------


def test_editing_keeps_the_history_and_refuses_a_stale_revision(world, as_persona):
    thread = carol_asks(world)
    message = thread.messages.get()
    carol = as_persona("carol")
    edited = _ok(carol.patch(f"/messages/{message.pk}", {"body": "Bigger logo?", "revision": 1}))
    assert edited["revision"] == 2 and edited["edited_at"] and edited["editable"] is True
    conflict = _refused(
        carol.patch(f"/messages/{message.pk}", {"body": "Much bigger?", "revision": 1}),
        409,
        "revision",
    )
    assert conflict["current"]["body"] == "Bigger logo?"
    assert conflict["current"]["revision"] == 2
    assert "relayed_from" not in conflict["current"]
    assert message.edits.count() == 1


def test_only_the_author_edits_and_only_for_five_minutes(world, as_persona):
    thread = carol_asks(world)
    message = thread.messages.get()
    edit = {"body": "Changed", "revision": 1}
    for name in ("ray", "alice", "erin"):
        _refused(as_persona(name).patch(f"/messages/{message.pk}", edit), 403)
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - threads.EDIT_WINDOW - timedelta(seconds=1)
    )
    carol = as_persona("carol")
    assert _ok(carol.get(f"/threads/{thread.pk}/messages"))["items"][0]["editable"] is False
    refused = _refused(carol.patch(f"/messages/{message.pk}", edit), 403)
    assert "five minutes" in refused["detail"]
    message.refresh_from_db()
    assert message.body == "Can the logo be bigger?"


# --- Relays ---------------------------------------------------------------------------------


def test_relay_refusals_name_the_field(world, as_persona):
    job = acme_job(world)
    thread = carol_asks(world, job)
    question = thread.messages.get()
    internal = team_thread(world, job)
    globex_thread = threads.start_thread(
        by=world.max, client=world.globex, audience=Audience.INTERNAL, subject="G", body="G"
    )
    alice = as_persona("alice")
    path = f"/messages/{question.pk}/relay"
    no_assignee = {"body": "Larger", "todos": [{"text": "Logo"}]}
    _refused(alice.post(path, no_assignee), 422)
    nobody = {"body": "Larger", "todos": [{"text": "Logo", "assignee_id": world.carol.pk}]}
    _refused(alice.post(path, nobody), 422, "todos")
    _refused(alice.post(path, {"body": "Larger", "thread_id": globex_thread.pk}), 422, "thread_id")
    _refused(alice.post(path, {"body": "Larger", "thread_id": thread.pk}), 422, "thread_id")
    blank = {"body": "Larger", "todos": [{"text": "  ", "assignee_id": world.dan.pk}]}
    _refused(alice.post(path, blank), 422, "todos")
    too_many = [{"text": f"T{i}", "assignee_id": world.dan.pk} for i in range(21)]
    _refused(alice.post(path, {"body": "Larger", "todos": too_many}), 422)
    _refused(alice.post(path, {"body": " ", "todos": []}), 422, "body")
    own = internal.messages.get()
    _refused(alice.post(f"/messages/{own.pk}/relay", {"body": "x"}), 422)
    _refused(alice.post(f"/messages/{question.pk}/reply", {"body": "x"}), 422)
    assert _refused(as_persona("carol").post(path, {"body": "x"}), 403)["detail"]
    assert as_persona("dan").post(path, {"body": "x"}).status_code == 404
    assert _refused(as_persona("dan").post(f"/messages/{own.pk}/reply", {"body": "x"}), 403)
    assert not Todo.objects.exists()
    assert internal.messages.count() == 1


def test_a_relay_into_a_named_thread_brings_the_assignee_in(world, as_persona):
    job = acme_job(world)
    question = carol_asks(world, job).messages.get()
    internal = team_thread(world, job)
    to_cora = {
        "body": "Cora, the headline too",
        "thread_id": internal.pk,
        "todos": [{"text": "Headline", "assignee_id": world.cora.pk}],
    }
    # Cora is on Acme's team, not on this job: a to-do would give her no way in.
    _refused(as_persona("alice").post(f"/messages/{question.pk}/relay", to_cora), 422)
    JobMember.objects.create(job=job, user=world.cora, added_by=world.alice)
    relayed = _ok(
        as_persona("alice").post(
            f"/messages/{question.pk}/relay",
            {
                "body": "Cora, the headline too",
                "thread_id": internal.pk,
                "todos": [{"text": "Headline", "assignee_id": world.cora.pk}],
            },
        ),
        201,
    )
    assert relayed["message"]["thread_id"] == internal.pk
    assert Participant.objects.filter(thread=internal, user=world.cora).exists()
    cora = as_persona("cora")
    todo = relayed["todos"][0]["id"]
    assert _ok(cora.post(f"/thread-todos/{todo}/tick", {"done": True}))["done"] is True
    assert _ok(cora.post(f"/thread-todos/{todo}/tick", {"done": False}))["done"] is False
    # Dan sees the thread but the to-do is not his.
    _refused(as_persona("dan").post(f"/thread-todos/{todo}/tick", {"done": True}), 403)


def test_clearing_the_court(world, as_persona):
    thread = carol_asks(world)
    alice = as_persona("alice")
    cleared = _ok(alice.post(f"/threads/{thread.pk}/clear-court"))
    assert cleared["waiting_on"] == "nobody" and cleared["waiting_since"] is None
    assert cleared["unread"] is True
    thread.refresh_from_db()
    assert thread.waiting_on == Court.NOBODY
    assert _refused(as_persona("carol").post(f"/threads/{thread.pk}/clear-court"), 403)


# --- Starting -------------------------------------------------------------------------------


def test_starting_a_thread_checks_what_it_is_on(world, as_persona):
    job = acme_job(world)
    alice = as_persona("alice")
    _refused(alice.post("/threads", {"subject": "Hi", "body": "Hi"}), 422, "client_id")
    mismatch = {"client_id": world.globex.pk, "job_id": job.pk, "subject": "Hi", "body": "Hi"}
    assert alice.post("/threads", mismatch).status_code == 404  # Alice never sees Globex
    erin = as_persona("erin")
    _refused(erin.post("/threads", mismatch), 422, "client_id")
    two = {"job_id": job.pk, "brief_id": 1, "subject": "Hi", "body": "Hi"}
    _refused(alice.post("/threads", two), 422, "job_id")
    blank = {"client_id": world.acme.pk, "subject": " ", "body": "Hi"}
    assert _refused(alice.post("/threads", blank), 422, "subject")["detail"]
    carol = as_persona("carol")
    internal = {"client_id": world.acme.pk, "audience": "internal", "subject": "Hi", "body": "Hi"}
    _refused(carol.post("/threads", internal), 403)
    assert not Thread.objects.exists()


def test_people_who_may_not_be_in_a_thread_are_left_out(world, as_persona):
    made = _ok(
        as_persona("carol").post(
            "/threads",
            {
                "client_id": world.acme.pk,
                "subject": "Hello",
                "body": "Hi all",
                "people": [world.ray.pk, world.gus.pk, world.sam.pk, 10**9],
            },
        ),
        201,
    )
    names = {p["name"] for p in made["participants"]}
    assert names == {"Carol Acme", "Ray Acme", "Alice Northwind"}


# --- Lists: filters, pages and query counts -----------------------------------------------------


def _threads(world: Any, n: int, job: Any) -> list[Thread]:
    made = []
    for i in range(n):
        made.append(carol_asks(world, job, body=f"Question {i}"))
        made.append(team_thread(world, job, body=f"Team {i}"))
    return made


def test_the_inbox_filters_and_pages(world, as_persona):
    job = acme_job(world)
    _threads(world, 3, job)
    general = carol_asks(world)
    threads.post(by=world.alice, thread=general, body="Answered.")
    alice = as_persona("alice")
    assert _ok(alice.get("/threads"))["count"] == 7
    assert _ok(alice.get("/threads", audience="internal"))["count"] == 3
    assert _ok(alice.get("/threads", show="waiting_on_agency"))["count"] == 3
    assert _ids(_ok(alice.get("/threads", show="waiting_on_client"))) == [general.pk]
    assert _ok(alice.get("/threads", job_id=job.pk))["count"] == 6
    assert _ok(alice.get("/threads", client_id=world.globex.pk))["count"] == 0
    first = _ok(alice.get("/threads", limit=4))
    rest = _ok(alice.get("/threads", limit=4, offset=4))
    assert first["count"] == 7 and len(first["items"]) == 4 and len(rest["items"]) == 3
    assert set(_ids(first)).isdisjoint(_ids(rest))
    assert _ids(first)[0] == general.pk  # newest activity first
    _refused(alice.get("/threads", show="everything"), 422)
    _refused(alice.get("/threads", limit=101), 422)
    # Dan: the team's threads on his job only.
    assert _ok(as_persona("dan").get("/threads"))["count"] == 3


@pytest.mark.parametrize("persona", ["alice", "carol", "dan"])
def test_the_inbox_takes_the_same_queries_however_many_threads(
    world, as_persona, django_assert_max_num_queries, persona
):
    job = acme_job(world)
    caller = as_persona(persona)
    _threads(world, 2, job)
    with django_assert_max_num_queries(8) as few:
        _ok(caller.get("/threads"))
    _threads(world, 10, job)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = _ok(caller.get("/threads"))
    assert len(page["items"]) >= 10


def test_messages_come_newest_first_with_a_cursor_for_older_ones(
    world, as_persona, django_assert_max_num_queries
):
    job = acme_job(world)
    thread = carol_asks(world, job, body="Message 0")
    question = thread.messages.get()
    Message.objects.bulk_create(
        Message(thread=thread, author=world.alice, body=f"Message {i}", html=f"<p>{i}</p>")
        for i in range(1, 60)
    )
    relays.relay_to_team(
        by=world.alice,
        source=question,
        body="See Carol",
        todos=[relays.TodoLine("Look", world.dan)],
    )
    relay = Message.objects.filter(relayed_from=question).get()
    reply = relays.reply_to_client(by=world.alice, source=relay, body="Answer with **bold**")
    alice = as_persona("alice")
    with django_assert_max_num_queries(14):
        newest = _ok(alice.get(f"/threads/{thread.pk}/messages"))
    assert len(newest["items"]) == 50
    assert newest["items"][0]["id"] == reply.pk
    assert newest["items"][0]["relayed_from"]["message_id"] == relay.pk
    older = _ok(alice.get(f"/threads/{thread.pk}/messages", before=newest["next_before"]))
    assert [m["body"] for m in older["items"]][-1] == "Message 0"
    assert len(older["items"]) == 11 and older["next_before"] is None
    ids = _ids(newest) + _ids(older)
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 61
    carol = as_persona("carol")
    with django_assert_max_num_queries(12):
        _ok(carol.get(f"/threads/{thread.pk}/messages"))
    _refused(alice.get(f"/threads/{thread.pk}/messages", before=0), 422)
