"""The conversation pages through Django's test client: each as the right and the wrong
persona, refusals that keep what was typed and say why with a 4xx, edits after five minutes and
in conflict, creatives kept out of client threads, contacts never finding an internal thread
(404 even by id), and the inbox and thread pages in the same few queries whatever their size."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accord.clients.models import TeamMembership
from accord.conversations.access import POST_REFUSED
from accord.conversations.markdown import MAX_BODY_CHARS
from accord.conversations.models import Court, Message, Thread, Todo
from accord.conversations.services import relays, threads
from tests.reviews.review_data import png

from .talk import acme_job, carol_asks, team_thread

# The inbox and a thread's page, whatever the number of threads and messages.
INBOX_QUERIES = 16
THREAD_QUERIES = 24


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def job(world: Any) -> Any:
    return acme_job(world)


@pytest.fixture
def asked(world: Any, job: Any) -> Thread:
    """Carol's client thread on the job."""
    return carol_asks(world, job)


@pytest.fixture
def team(world: Any, job: Any) -> Thread:
    """Alice's internal thread on the job, with Dan."""
    return team_thread(world, job)


def _shown(page: Any) -> int:
    """How many messages the thread page shows, as the person reads it."""
    return page.content.decode().count('<article class="message')


def _as(client: Client, person: Any) -> Client:
    client.force_login(person)
    return client


def _thread(thread: Thread) -> str:
    return reverse("conversations:thread", args=[thread.pk])


def _post(thread: Thread) -> str:
    return reverse("conversations:post", args=[thread.pk])


def _edit(message: Message) -> str:
    return reverse("conversations:edit", args=[message.pk])


def _relay(message: Message) -> str:
    return reverse("conversations:relay", args=[message.pk])


def _reply(message: Message) -> str:
    return reverse("conversations:reply", args=[message.pk])


# --- Reading --------------------------------------------------------------------------------


def test_the_thread_page_marks_it_read_and_shows_the_court(client, world, asked):
    page = _as(client, world.alice).get(_thread(asked))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Can the logo be bigger?" in html and "court--agency" in html
    assert "Relay to the team" in html and "Nothing needed" in html
    inbox = client.get(reverse("conversations:inbox"), {"show": "unread"})
    assert list(inbox.context["page"].object_list) == []


def test_a_contact_reads_the_client_thread_without_the_agencys_tools(client, world, asked):
    html = _as(client, world.ray).get(_thread(asked)).content.decode()
    assert "Can the logo be bigger?" in html
    assert "Relay to the team" not in html and "Nothing needed" not in html
    assert "Acme Foods ·" not in html


@pytest.mark.parametrize("name", ["carol", "ray", "gus", "max", "sam", "cora"])
def test_an_internal_thread_is_404_to_those_outside_it_even_by_id(client, world, team, name):
    person = _as(client, world.persona(name))
    note = team.messages.get()
    assert person.get(_thread(team)).status_code == 404
    assert person.post(_post(team), {"body": "Hello?"}).status_code == 404
    assert person.get(_edit(note)).status_code == 404
    assert person.post(_edit(note), {"body": "x", "revision": 1}).status_code == 404
    assert person.get(_reply(note)).status_code == 404
    assert person.post(reverse("conversations:clear_court", args=[team.pk])).status_code == 404
    assert team.messages.count() == 1


def test_contacts_never_see_the_internal_side_of_a_relay(client, world, asked, team):
    question = asked.messages.get()
    relay = relays.relay_to_team(
        by=world.alice,
        source=question,
        body="Team: make the logo larger, please.",
        todos=[relays.TodoLine("Logo larger", world.dan)],
        target=team,
    )
    relays.reply_to_client(by=world.alice, source=relay, body="It is on its way, Carol.")
    todo = Todo.objects.get()
    carol = _as(client, world.carol)
    html = carol.get(_thread(asked)).content.decode()
    assert "It is on its way, Carol." in html
    assert "Team: make the logo larger" not in html and "team&#x27;s discussion" not in html
    assert "Answered from the team" not in html
    tick = reverse("conversations:tick_todo", args=[todo.pk])
    assert carol.post(tick, {"done": "1"}).status_code == 404
    assert carol.get(_relay(relay)).status_code == 404
    listed = carol.get(reverse("conversations:inbox"), {"show": "internal"})
    assert [t.pk for t in listed.context["page"].object_list] == [asked.pk]


def test_gus_finds_nothing_of_acmes(client, world, asked):
    gus = _as(client, world.gus)
    assert gus.get(_thread(asked)).status_code == 404
    assert gus.post(_post(asked), {"body": "Hi"}).status_code == 404
    listed = gus.get(reverse("conversations:inbox"), {"client": world.acme.pk})
    assert listed.status_code == 200 and list(listed.context["page"].object_list) == []
    start = gus.get(reverse("conversations:start"), {"client": world.acme.pk})
    assert start.status_code == 404


# --- Writing --------------------------------------------------------------------------------


def test_a_message_is_posted_and_the_ball_changes_court(client, world, asked):
    answer = _as(client, world.alice).post(_post(asked), {"body": "On it, **Carol**."})
    message = asked.messages.order_by("-pk").first()
    assert answer.status_code == 302 and answer["Location"].endswith(f"#m{message.pk}")
    assert message.html == "<p>On it, <strong>Carol</strong>.</p>\n"
    asked.refresh_from_db()
    assert asked.waiting_on == Court.CLIENT


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "Write a message first."),
        ("x" * (MAX_BODY_CHARS + 1), f"at most {MAX_BODY_CHARS} characters"),
    ],
    ids=["empty", "huge"],
)
def test_a_message_that_does_not_fit_is_a_422_with_the_form_as_typed(
    client, world, asked, typed, error
):
    answer = _as(client, world.carol).post(_post(asked), {"body": typed})
    assert answer.status_code == 422
    form = answer.context["form"]
    assert error in " ".join(form.errors["body"])
    assert form["body"].value() == typed
    assert asked.messages.count() == 1


def test_a_blank_message_is_refused_by_the_service_on_its_field(client, world, asked):
    answer = _as(client, world.carol).post(_post(asked), {"body": "  \n  "})
    assert answer.status_code == 422
    assert answer.context["form"].errors["body"] == ["Write a message first."]


def test_too_many_files_are_refused_keeping_the_text(client, world, asked):
    files = [png(f"p{i}.png") for i in range(11)]
    answer = _as(client, world.carol).post(_post(asked), {"body": "Eleven", "attachments": files})
    assert answer.status_code == 422
    form = answer.context["form"]
    assert form.errors["attachments"] == ["Attach up to 10 files to a message."]
    assert form["body"].value() == "Eleven"
    assert asked.messages.count() == 1


def test_a_file_is_downloaded_by_those_who_read_the_thread_only(client, world, asked):
    threads.post(by=world.carol, thread=asked, body="Logo", attachments=[png("logo.png")])
    item = asked.messages.order_by("-pk").first().attachments.get()
    url = reverse("conversations:attachment", args=[item.pk])
    got = _as(client, world.ray).get(url)
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment")
    assert b"".join(got.streaming_content).startswith(b"\x89PNG")
    for name in ("dan", "cora", "gus", "max"):
        assert _as(Client(), world.persona(name)).get(url).status_code == 404


def test_a_creative_is_refused_a_client_thread_with_the_reason(client, world, job, asked):
    dan = _as(client, world.dan)
    typed = {"job": job.pk, "audience": "client", "subject": "Hi Carol", "body": "Hello!"}
    # The form offers a creative the team only; a client thread asked for anyway is refused
    # with the form as typed.
    page = dan.get(reverse("conversations:start") + f"?job={job.pk}&audience=client")
    assert [value for value, _ in page.context["form"].fields["audience"].choices] == ["internal"]
    answer = dan.post(reverse("conversations:start"), typed)
    assert answer.status_code == 403
    assert answer.context["form"].non_field_errors() == [POST_REFUSED]
    assert answer.context["form"]["subject"].value() == "Hi Carol"
    assert dan.get(_thread(asked)).status_code == 404
    made = dan.post(reverse("conversations:start"), {**typed, "audience": "internal"})
    assert made.status_code == 302
    assert Thread.objects.get(created_by=world.dan).is_internal


def test_an_account_manager_on_the_team_reads_but_may_not_write_to_the_client(client, world, asked):
    TeamMembership.objects.create(client=world.acme, user=world.max)
    max_ = _as(client, world.max)
    page = max_.get(_thread(asked))
    assert page.status_code == 200 and page.context["may_post"] is False
    refused = max_.post(_post(asked), {"body": "Hello Carol"})
    assert refused.status_code == 403
    assert escape(POST_REFUSED) in refused.content.decode()
    assert asked.messages.count() == 1


def test_opening_the_job_to_its_team_lets_dan_write_to_the_client(client, world, job, asked):
    voice = reverse("conversations:team_voice", args=[job.pk])
    assert _as(Client(), world.dan).post(voice, {"open": "1"}).status_code == 403
    alice = _as(client, world.alice)
    back = alice.post(voice, {"open": "1", "next": _thread(asked)})
    assert back.status_code == 302 and back["Location"] == _thread(asked)
    dan = _as(Client(), world.dan)
    assert dan.post(_post(asked), {"body": "Hi Carol, Dan here."}).status_code == 302
    elsewhere = alice.post(voice, {"open": "0", "next": "https://evil.test/"})
    assert elsewhere["Location"] == reverse("work:job_detail", args=[job.pk])
    assert dan.get(_thread(asked)).status_code == 404


def test_starting_keeps_what_was_typed_when_refused(client, world, job):
    alice = _as(client, world.alice)
    typed = {"job": job.pk, "audience": "client", "subject": "Proofs", "body": ""}
    answer = alice.post(reverse("conversations:start"), typed)
    assert answer.status_code == 422
    assert answer.context["form"]["subject"].value() == "Proofs"
    assert not Thread.objects.exists()
    page = alice.get(reverse("conversations:start"), {"job": job.pk, "audience": "internal"})
    assert page.status_code == 200 and page.context["form"]["audience"].value() == "internal"


# --- Editing --------------------------------------------------------------------------------


def test_the_author_edits_within_five_minutes_and_the_history_is_kept(client, world, asked):
    message = asked.messages.get()
    carol = _as(client, world.carol)
    form = carol.get(_edit(message)).context["form"]
    assert form["revision"].value() == 1
    saved = carol.post(_edit(message), {"body": "Can the logo be much bigger?", "revision": 1})
    assert saved.status_code == 302
    message.refresh_from_db()
    assert (message.body, message.revision) == ("Can the logo be much bigger?", 2)
    assert message.edits.get().body == "Can the logo be bigger?"


def test_an_edit_after_five_minutes_is_refused_with_the_reason(client, world, asked):
    message = asked.messages.get()
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - threads.EDIT_WINDOW - timedelta(seconds=1)
    )
    carol = _as(client, world.carol)
    assert "Edit" not in _edit_links(carol.get(_thread(asked)).content.decode())
    answer = carol.post(_edit(message), {"body": "Too late?", "revision": 1})
    assert answer.status_code == 403
    assert "five minutes" in answer.context["form"].non_field_errors()[0]
    assert answer.context["form"]["body"].value() == "Too late?"
    message.refresh_from_db()
    assert message.revision == 1


def _edit_links(html: str) -> str:
    return " ".join(part for part in html.split("<a ") if "/edit/" in part)


def test_an_edit_over_a_newer_revision_is_a_conflict(client, world, asked):
    message = asked.messages.get()
    threads.edit(by=world.carol, message=message, body="Bigger logo please", revision=1)
    answer = _as(client, world.carol).post(_edit(message), {"body": "Stale", "revision": 1})
    assert answer.status_code == 409
    assert "edited since you opened it" in answer.context["form"].non_field_errors()[0]
    message.refresh_from_db()
    assert message.body == "Bigger logo please"


def test_someone_elses_message_is_not_theirs_to_edit(client, world, asked):
    message = asked.messages.get()
    for name in ("ray", "alice"):
        answer = _as(Client(), world.persona(name)).post(
            _edit(message), {"body": "Mine now", "revision": 1}
        )
        assert answer.status_code == 403
    message.refresh_from_db()
    assert message.revision == 1


# --- Relays ---------------------------------------------------------------------------------


def test_a_relay_with_to_dos_but_no_assignee_is_refused_keeping_the_lines(
    client, world, asked, team
):
    question = asked.messages.get()
    typed = {"body": "Carol wants it larger.", "todos": "Logo larger\nWarmer colours"}
    answer = _as(client, world.alice).post(_relay(question), typed)
    assert answer.status_code == 422
    form = answer.context["form"]
    assert form.errors["assignee"] == ["Choose who the to-dos are for."]
    assert form["todos"].value() == typed["todos"]
    assert not Todo.objects.exists() and team.messages.count() == 1


def test_a_relay_gives_each_line_as_a_to_do_for_the_assignee(client, world, asked, team):
    question = asked.messages.get()
    alice = _as(client, world.alice)
    page = alice.get(_relay(question))
    assert (world.dan.pk, "Dan Northwind") in page.context["form"].fields["assignee"].choices
    typed = {
        "body": "Carol wants it larger.",
        "todos": "Logo larger\n\nWarmer colours",
        "assignee": world.dan.pk,
        "thread": team.pk,
    }
    answer = alice.post(_relay(question), typed)
    assert answer.status_code == 302
    assert list(Todo.objects.order_by("pk").values_list("text", "assignee")) == [
        ("Logo larger", world.dan.pk),
        ("Warmer colours", world.dan.pk),
    ]
    todo = Todo.objects.first()
    tick = reverse("conversations:tick_todo", args=[todo.pk])
    assert _as(Client(), world.dan).post(tick, {"done": "1"}).status_code == 302
    todo.refresh_from_db()
    assert todo.done_by == world.dan


def test_a_creative_reads_the_relay_not_the_clients_own_words(client, world, asked, team):
    relays.relay_to_team(
        by=world.alice, source=asked.messages.get(), body="Logo a touch larger.", target=team
    )
    html = _as(client, world.dan).get(_thread(team)).content.decode()
    assert "Logo a touch larger." in html
    assert "Can the logo be bigger?" not in html


@pytest.mark.parametrize("name", ["carol", "ray"])
def test_contacts_may_not_relay_or_clear_the_court(client, world, asked, name):
    person = _as(client, world.persona(name))
    assert person.get(_relay(asked.messages.get())).status_code == 403
    court = reverse("conversations:clear_court", args=[asked.pk])
    assert person.post(court).status_code == 403
    asked.refresh_from_db()
    assert asked.waiting_on == Court.AGENCY


def test_the_team_may_not_reply_to_the_client_itself(client, world, team):
    note = team.messages.get()
    assert _as(client, world.dan).get(_reply(note)).status_code == 403
    answer = _as(Client(), world.alice).post(_reply(note), {"body": ""})
    assert answer.status_code == 422
    assert answer.context["form"].errors["body"] == ["Write a message first."]


def test_clearing_the_court(client, world, asked):
    answer = _as(client, world.alice).post(reverse("conversations:clear_court", args=[asked.pk]))
    assert answer.status_code == 302
    asked.refresh_from_db()
    assert (asked.waiting_on, asked.waiting_since) == (Court.NOBODY, None)


# --- Lists and their cost -------------------------------------------------------------------


def _many(world: Any, job: Any, n: int) -> None:
    for i in range(n):
        carol_asks(world, job, body=f"Question {i}")
        team_thread(world, job, body=f"Team {i}")


def test_the_inbox_filters(client, world, job):
    _many(world, job, 2)
    answered = carol_asks(world, body="General question")
    threads.post(by=world.alice, thread=answered, body="Answered.")
    alice = _as(client, world.alice)

    def shown(**params: Any) -> set[int]:
        page = alice.get(reverse("conversations:inbox"), params)
        assert page.status_code == 200
        return {t.pk for t in page.context["page"].object_list}

    internal = set(Thread.objects.filter(audience="internal").values_list("pk", flat=True))
    assert shown(show="internal") == internal
    assert shown(show="waiting_on_client") == {answered.pk}
    assert len(shown(show="waiting_on_agency")) == 2
    assert len(shown()) == 5
    assert shown(client=world.globex.pk) == set()
    assert len(shown(show="nonsense")) == 5
    carol = _as(Client(), world.carol)
    page = carol.get(reverse("conversations:inbox"), {"show": "waiting_on_client"})
    assert page.context["show"] == ""  # not a filter offered to contacts
    assert "internal" not in page.context["shows"]


def test_the_inbox_pages_by_25_newest_first(client, world, job):
    _many(world, job, 15)  # 30 threads
    alice = _as(client, world.alice)
    first = alice.get(reverse("conversations:inbox"))
    second = alice.get(reverse("conversations:inbox"), {"page": 2})
    one, two = list(first.context["page"].object_list), list(second.context["page"].object_list)
    assert len(one) == 25 and len(two) == 5
    assert one[0].last_message_at >= one[-1].last_message_at >= two[0].last_message_at
    assert "page=2" in first.content.decode()


@pytest.mark.parametrize("name", ["alice", "dan", "carol"])
def test_the_inbox_takes_the_same_queries_however_many_threads(
    client, world, job, django_assert_max_num_queries, name
):
    _many(world, job, 2)
    person = _as(client, world.persona(name))
    with django_assert_max_num_queries(INBOX_QUERIES) as few:
        assert person.get(reverse("conversations:inbox")).status_code == 200
    _many(world, job, 15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = person.get(reverse("conversations:inbox"))
    assert len(page.context["page"].object_list) >= 15


def test_a_thread_page_takes_the_same_queries_however_many_messages(
    client, world, asked, team, django_assert_max_num_queries
):
    question = asked.messages.get()
    relay = relays.relay_to_team(by=world.alice, source=question, body="Larger", target=team)
    relays.reply_to_client(by=world.alice, source=relay, body="Coming.")
    alice = _as(client, world.alice)
    with django_assert_max_num_queries(THREAD_QUERIES) as few:
        assert alice.get(_thread(asked)).status_code == 200
    for i in range(30):
        threads.post(
            by=world.carol if i % 2 else world.alice,
            thread=asked,
            body=f"Message {i} for @ray",
            attachments=[png(f"f{i}.png")] if i % 10 == 0 else [],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = alice.get(_thread(asked))
    assert _shown(page) == 32


def test_older_messages_are_a_page_away(client, world, asked):
    Message.objects.bulk_create(
        Message(thread=asked, author=world.alice, body=f"M{i}", html=f"<p>M{i}</p>")
        for i in range(60)
    )
    page = _as(client, world.carol).get(_thread(asked))
    assert _shown(page) == 50
    first = Message.objects.filter(thread=asked).order_by("-pk")[49]
    assert page.context["older"] == first.pk
    older = client.get(_thread(asked), {"before": page.context["older"]})
    assert _shown(older) == 11 and older.context["older"] is None
