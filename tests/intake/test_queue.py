"""The queue's scope (whose intake a person runs), the ages it shows, and the lists' filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.clients.models import Client, TeamMembership
from accord.intake import access, queries
from accord.intake.forms import CLIENT_CHOICES_LIMIT
from accord.intake.templatetags.intake_tags import age, age_time
from tests.intake.view_helpers import new_request, signed_brief, submitted_brief, url


def test_an_am_queues_the_clients_they_manage_not_those_whose_team_they_are_on(client, world):
    TeamMembership.objects.create(client=world.globex, user=world.alice)
    new_request(world, title="Acme request")
    new_request(world, title="Globex request", client=world.globex)
    signed_brief(world, title="Globex brief", client=world.globex)
    # On Globex's team, Alice sees its requests in her lists...
    titles = {r.title for r in access.visible_requests(world.alice)}
    assert titles == {"Acme request", "Globex request"}
    # ...but Max runs Globex's intake: it is his queue, not hers.
    alice_queue = queries.intake_queue(world.alice)
    assert [r.title for r in alice_queue.new_requests] == ["Acme request"]
    assert alice_queue.counts == {
        "new_requests": 1,
        "drafts_with_us": 0,
        "waiting_on_client": 0,
        "ready_for_sign_off": 0,
        "ready_for_work": 0,
    }
    max_queue = queries.intake_queue(world.max)
    assert [r.title for r in max_queue.new_requests] == ["Globex request"]
    assert [b.title for b in max_queue.ready_for_work] == ["Globex brief"]
    counts, items = queries.intake_summary(world.alice)
    assert counts["total"] == 1 and [i.title for i in items] == ["Acme request"]
    client.force_login(world.alice)
    page = client.get(url("queue")).text
    assert "Acme request" in page and "Globex" not in page


def test_admins_queue_every_client(world):
    new_request(world, title="Acme request")
    submitted_brief(world, title="Globex brief", client=world.globex)
    queue = queries.intake_queue(world.erin)
    assert {r.title for r in queue.new_requests} == {"Acme request"}
    assert [b.title for b in queue.ready_for_sign_off] == ["Globex brief"]


@pytest.mark.parametrize("persona", ["dan", "cora", "carol", "gus"])
def test_people_who_run_no_intake_have_an_empty_queue(world, persona):
    new_request(world)
    signed_brief(world)
    managed = access.managed(world.persona(persona))
    assert not managed.requests.exists() and not managed.briefs.exists()
    queue = queries.intake_queue(world.persona(persona))
    assert not any(queue.counts.values())
    assert queue.new_requests == queue.ready_for_work == []


@pytest.mark.parametrize(
    ("waited", "shown"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(minutes=1), "1\xa0minute"),
        (timedelta(minutes=59, seconds=59), "59\xa0minutes"),
        (timedelta(hours=5, minutes=30), "5\xa0hours"),
        (timedelta(days=1), "1\xa0day"),
        (timedelta(days=6, hours=23), "6\xa0days"),
        (timedelta(days=15), "2\xa0weeks"),
        (timedelta(days=75), "2\xa0months"),
        (timedelta(days=800), "2\xa0years"),
    ],
)
def test_age_is_the_largest_whole_unit(waited, shown):
    assert age(timezone.now() - waited) == shown


def test_age_of_nothing_or_of_the_future():
    assert age(None) == ""
    assert age(timezone.now() + timedelta(hours=2)) == "just now"


def test_age_time_gives_machines_the_exact_moment():
    since = timezone.now() - timedelta(days=3)
    assert age_time(since) == f'<time datetime="{since.isoformat()}">3\xa0days</time>'
    assert age_time(since, "ago") == f'<time datetime="{since.isoformat()}">3\xa0days ago</time>'
    assert ">just now<" in age_time(timezone.now(), "ago")
    assert age_time(None) == ""


# --- The lists' client filter -------------------------------------------------------------


def _many_clients(world, n=CLIENT_CHOICES_LIMIT):
    Client.objects.bulk_create(
        Client(name=f"Northern Client {i:03d}", account_manager=world.max) for i in range(n)
    )


@pytest.mark.parametrize("name", ["request_list", "brief_list"])
def test_a_few_clients_are_a_drop_down(client, world, name):
    client.force_login(world.erin)
    page = client.get(url(name)).text
    assert '<select name="client"' in page
    assert '<option value="" selected>All clients</option>' in page
    assert f'<option value="{world.acme.pk}">Acme Foods</option>' in page
    assert 'name="client_name"' not in page


@pytest.mark.parametrize("name", ["request_list", "brief_list"])
def test_many_clients_are_a_search_by_name(client, world, name, django_assert_max_num_queries):
    new_request(world, title="Acme request")
    submitted_brief(world, title="Acme brief")
    new_request(world, title="Globex request", client=world.globex)
    submitted_brief(world, title="Globex brief", client=world.globex)
    client.force_login(world.erin)
    with django_assert_max_num_queries(12) as few:
        client.get(url(name))
    _many_clients(world)
    with django_assert_max_num_queries(len(few)):
        page = client.get(url(name)).text
    assert '<select name="client"' not in page  # no drop-down of every client on every page
    assert "Northern Client" not in page
    assert 'type="search" name="client_name"' in page
    found = client.get(url(name), {"client_name": "  acme "}).text
    assert "Acme" in found and "Globex request" not in found and "Globex brief" not in found
    # A link from a client's page still filters by that client, and says which.
    chosen = client.get(url(name), {"client": world.globex.pk}).text
    assert f'<input type="hidden" name="client" value="{world.globex.pk}"' in chosen
    assert '<p class="filters__chosen">Globex Bank' in chosen
    assert "Acme request" not in chosen and "Acme brief" not in chosen


def test_searching_by_name_stays_within_the_clients_a_person_sees(client, world):
    _many_clients(world)
    new_request(world, title="Globex request", client=world.globex)
    client.force_login(world.alice)  # Alice sees Acme only, so she still has a drop-down
    page = client.get(url("request_list"), {"client_name": "Globex"}).text
    assert "Globex request" not in page
    assert "Northern Client" not in page


def test_drafts_the_am_writes_have_their_own_section(client, world):
    from accord.intake import services
    from tests.intake.view_helpers import good_answers, social

    mine = services.start_brief(
        by=world.alice,
        client=world.acme,
        template=social(),
        title="Our own draft",
        filled_by="agency",
    )
    services.start_brief(by=world.alice, client=world.acme, template=social(), title="Theirs")
    queue = queries.intake_queue(world.alice)
    assert [b.title for b in queue.drafts_with_us] == ["Our own draft"]
    assert [b.title for b in queue.waiting_on_client] == ["Theirs"]
    assert queue.counts["drafts_with_us"] == 1
    _, items = queries.intake_summary(world.alice)
    assert ("Draft you're writing", "Our own draft") in [(i.section, i.title) for i in items]
    client.force_login(world.alice)
    page = client.get(url("queue")).text
    assert "Drafts you're writing" in page
    assert page.index("Our own draft") < page.index("Theirs")
    assert "?status=draft&amp;waiting_on=agency" in page
    # Sent, it leaves the section.
    services.save_answers(by=world.alice, brief=mine, answers=good_answers(world))
    services.submit_brief(by=world.alice, brief=mine)
    assert queries.intake_queue(world.alice).drafts_with_us == []
