"""Each persona's home page shows their own world and nothing else."""

import pytest
from django.urls import reverse

from accord.clients import services

HOME = reverse("home:index")


def test_home_needs_sign_in(client, db):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_am_sees_the_clients_they_manage(client, alice):
    client.force_login(alice)
    page = client.get(HOME).text
    assert "My clients" in page
    assert "Acme Foods" in page
    assert "Globex Bank" not in page
    assert reverse("clients:create") in page


def test_admin_sees_all_clients(client, erin):
    client.force_login(erin)
    page = client.get(HOME).text
    assert "All clients" in page
    assert "Acme Foods" in page
    assert "Globex Bank" in page


def test_am_with_no_clients_gets_a_helpful_empty_state(client, world):
    world.acme.account_manager = world.erin
    world.acme.save()
    client.force_login(world.alice)
    page = client.get(HOME).text
    assert "No clients yet" in page


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("dan", ["Acme Foods"]), ("sam", ["Globex Bank"]), ("cora", ["Acme Foods", "Globex Bank"])],
)
def test_creative_sees_their_work_and_team_clients(client, world, persona, sees):
    client.force_login(world.persona(persona))
    page = client.get(HOME).text
    assert "My work" in page
    assert reverse("work:my_work") in page
    for name in ["Acme Foods", "Globex Bank"]:
        assert (name in page) is (name in sees)
    assert reverse("clients:create") not in page


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("carol", ("Acme Foods", "Globex Bank", "Approver")),
        ("ray", ("Acme Foods", "Globex Bank", "Reviewer")),
        ("gus", ("Globex Bank", "Acme Foods", "Approver")),
    ],
)
def test_contact_sees_their_portal(client, world, persona, expected):
    mine, other, role = expected
    client.force_login(world.persona(persona))
    page = client.get(HOME).text
    assert mine in page
    assert other not in page
    assert role in page
    assert "No work started yet" in page
    # Contacts' navigation has no staff pages.
    assert f'href="{reverse("clients:list")}"' not in page
    assert reverse("accounts:team") not in page


def test_carols_portal_links_to_what_was_agreed_with_acme(client, world):
    client.force_login(world.carol)
    page = client.get(HOME).text
    assert f'href="{reverse("insights:agreed", args=[world.acme.pk])}">What was agreed</a>' in page
    assert reverse("insights:agreed", args=[world.globex.pk]) not in page


def test_staff_navigation(client, dan):
    client.force_login(dan)
    page = client.get(HOME).text
    for name in ["clients:list", "accounts:team", "accounts:profile", "accounts:logout"]:
        assert reverse(name) in page
    assert 'href="#main"' in page  # skip link
    assert "style=" not in page  # the CSP forbids inline styles
    assert "<script>" not in page


def test_home_queries_do_not_grow_with_clients(client, erin, dan, django_assert_max_num_queries):
    # The page, the bell's unread count and Today: a COUNT and a capped read per section (client
    # messages, email to sort, requests, briefs, reviews, overdue decisions, team updates) and
    # one COUNT per kind of breach; the same whatever the number of clients.
    client.force_login(erin)
    with django_assert_max_num_queries(26):
        client.get(HOME)
    for i in range(30):
        new = services.create_client(by=erin, name=f"Client {i:02d}")
        services.add_team_member(by=erin, client=new, user=dan)
    with django_assert_max_num_queries(26):
        response = client.get(HOME)
    assert "Showing 1\u201325 of 32" in response.text
    client.force_login(dan)
    with django_assert_max_num_queries(14):
        client.get(HOME)
