"""Messages in search: found by whoever may read their thread, and by nobody else."""

from accord.conversations.services import threads
from accord.core import search

from .talk import acme_job, carol_asks, team_thread


def kinds_found(person, text):
    return [(h.kind, h.title) for h in search.search(person, text, kinds=["message"]).hits]


def test_each_side_finds_only_the_messages_it_may_read(world):
    job = acme_job(world)
    carol_asks(world, job, body="Could the pistachio logo be bigger?")
    team_thread(world, job, body="The pistachio logo is fine; the client is fussy.")
    both = {("message", "Logo size"), ("message", "Spring launch: team")}
    assert set(kinds_found(world.alice, "pistachio")) == both
    assert set(kinds_found(world.erin, "pistachio")) == both
    assert kinds_found(world.carol, "pistachio") == [("message", "Logo size")]
    assert kinds_found(world.carol, "fussy") == []
    assert kinds_found(world.dan, "pistachio") == [("message", "Spring launch: team")]
    assert kinds_found(world.gus, "pistachio") == []
    assert kinds_found(world.max, "pistachio") == []
    assert kinds_found(world.cora, "pistachio") == []


def test_an_edit_is_what_search_finds(world):
    thread = carol_asks(world, body="Make it teal.")
    message = thread.messages.get()
    message.thread = thread
    threads.edit(by=world.carol, message=message, body="Make it saffron.", revision=1)
    assert kinds_found(world.alice, "saffron") == [("message", "Logo size")]
    assert kinds_found(world.alice, "teal") == []


def test_a_job_opened_to_its_team_lets_its_creatives_find_the_client_thread(world):
    job = acme_job(world)
    carol_asks(world, job, body="Lavender or lilac?")
    assert kinds_found(world.dan, "lavender") == []
    threads.set_team_voice(by=world.alice, job=job, open=True)
    assert kinds_found(world.dan, "lavender") == [("message", "Logo size")]
