"""Today: what needs each person now, most urgent first, in a bounded number of queries."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accord.conversations.models import Thread
from accord.conversations.services import relays, threads
from accord.home import today
from accord.intake.models import Request
from tests.conversations.talk import acme_job, carol_asks


def test_a_client_message_waits_on_the_account_manager_and_leaves_when_answered(world):
    thread = carol_asks(world)
    items = today.of(world.alice).items
    assert [(i.kind, i.title) for i in items] == [("message", "Logo size")]
    assert today.of(world.max).items == []
    threads.post(by=world.alice, thread=thread, body="Yes, we can.")
    assert today.of(world.alice).items == []
    assert [(i.kind, i.title) for i in today.of(world.carol).items] == [("reply", "Logo size")]


def test_a_breached_response_target_comes_first(world):
    old = carol_asks(world, body="An old question")
    Thread.objects.filter(pk=old.pk).update(waiting_since=timezone.now() - timedelta(days=10))
    Request.objects.create(client=world.acme, title="Leaflets", what="Leaflets.")
    result = today.of(world.alice)
    assert [i.kind for i in result.items] == ["message", "request"]
    assert result.items[0].state == "breached"
    assert result.counts["breached"] == 1


def test_the_creative_sees_the_to_dos_relayed_to_them(world):
    job = acme_job(world)
    thread = carol_asks(world, job)
    relays.relay_to_team(
        by=world.alice,
        source=thread.messages.get(),
        body="Carol would like a bigger logo.",
        todos=[relays.TodoLine("Make the logo 20% bigger", world.dan)],
    )
    kinds = [(i.kind, i.title) for i in today.of(world.dan).items]
    assert ("todo", "Make the logo 20% bigger") in kinds
    assert all(i.client == "Acme Foods" for i in today.of(world.dan).items)


def test_today_runs_a_bounded_number_of_queries(world, client, django_assert_max_num_queries):
    for n in range(30):
        carol_asks(world, body=f"Question {n}")
        Request.objects.create(client=world.acme, title=f"Request {n}", what="x")
    client.force_login(world.alice)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("home:today"))
    assert page.status_code == 200
    assert page.content.decode().count('class="today__item ') == today.SHOWN


def test_the_teams_answer_is_on_the_account_managers_today_until_read(world):
    job = acme_job(world)
    thread = carol_asks(world, job)
    message = relays.relay_to_team(
        by=world.alice, source=thread.messages.get(), body="Carol would like a bigger logo."
    )
    assert [i.kind for i in today.of(world.alice).items] == ["message"]
    threads.post(by=world.dan, thread=message.thread, body="Done, logo at 120%.")
    assert [i.kind for i in today.of(world.alice).items] == ["message", "team"]
    message.thread.refresh_from_db()
    threads.mark_read(user=world.alice, thread=message.thread)
    assert [i.kind for i in today.of(world.alice).items] == ["message"]
