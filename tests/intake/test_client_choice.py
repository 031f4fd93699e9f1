"""Choosing the client on a form: a drop-down for a few, a search by name for many, and only
the chosen client's people under "On behalf of"."""

from accord.clients.models import Client, Contact
from accord.intake.forms import CLIENT_CHOICES_LIMIT
from accord.intake.models import Request
from tests.intake.view_helpers import url


def _log(client, world, contact, source="phone"):
    return client.post(
        url("request_create"),
        {
            "client": world.acme.pk,
            "source": source,
            "requested_by": contact.pk,
            "title": "Menu cards",
            "what": "Cards for the tasting days.",
        },
    )


def _many_clients(world):
    Client.objects.bulk_create(
        Client(name=f"Northern Client {i:03d}", account_manager=world.max)
        for i in range(CLIENT_CHOICES_LIMIT)
    )


def test_on_behalf_of_lists_only_the_chosen_clients_people(client, world):
    client.force_login(world.erin)  # two clients: a drop-down
    page = client.get(url("request_create")).text
    assert '<select name="client"' in page
    assert 'hx-select="#requested-by"' in page  # choosing a client refreshes the people
    assert "Choose the client first" in page
    assert "Carol Acme" not in page and "Gus Globex" not in page
    chosen = client.get(url("request_create"), {"client": world.acme.pk}).text
    assert "Carol Acme — Acme Foods (approver)" in chosen
    assert "Ray Acme" in chosen and "Gus Globex" not in chosen
    assert '<div id="requested-by">' in chosen


def test_a_person_of_another_client_is_refused_and_nothing_is_lost(client, world):
    client.force_login(world.erin)
    response = _log(client, world, Contact.objects.get(user=world.gus))
    assert response.status_code == 422
    assert "Select a valid choice" in response.text
    assert 'value="Menu cards"' in response.text
    assert "Cards for the tasting days." in response.text
    assert not Request.objects.exists()


def test_with_many_clients_the_request_form_starts_with_a_search(client, world):
    _many_clients(world)
    client.force_login(world.erin)
    page = client.get(url("request_create")).text
    assert "Which client is it for?" in page
    assert '<select name="client"' not in page and "<textarea" not in page
    assert page.count('href="?client=') == 20  # the first few by name
    found = client.get(url("request_create"), {"client_q": "  acme "}).text
    assert f'href="?client={world.acme.pk}">Acme Foods</a>' in found
    assert "Northern Client" not in found
    nothing = client.get(url("request_create"), {"client_q": "Initech"}).text
    assert "No client's name contains “Initech”." in nothing
    form = client.get(url("request_create"), {"client": world.acme.pk}).text
    assert "Northern Client" not in form and "Globex Bank" not in form  # Acme alone
    assert "Carol Acme" in form and "Ray Acme" in form and "Gus Globex" not in form
    assert f'<option value="{world.acme.pk}" selected>Acme Foods</option>' in form
    assert "Choose another client" in form


def test_with_many_clients_a_request_is_still_logged(client, world):
    _many_clients(world)
    client.force_login(world.erin)
    response = _log(client, world, Contact.objects.get(user=world.carol), source="email")
    assert response.status_code == 302
    assert Request.objects.get().requested_by == world.carol


def test_with_many_clients_a_brief_starts_with_a_search(client, world):
    _many_clients(world)
    client.force_login(world.erin)
    page = client.get(url("brief_create")).text
    assert "Which client is it for?" in page and "Kind of work" not in page
    form = client.get(url("brief_create"), {"client": world.globex.pk}).text
    assert f'<option value="{world.globex.pk}" selected>Globex Bank</option>' in form
    assert "Acme Foods" not in form
    assert "Kind of work" in form


def test_an_account_manager_with_few_clients_keeps_the_drop_down(client, world):
    _many_clients(world)  # Max's: Alice still runs only Acme
    client.force_login(world.alice)
    page = client.get(url("brief_create")).text
    assert "Which client is it for?" not in page
    assert "Northern Client" not in page


def test_a_client_archived_since_the_form_was_loaded_is_refused_in_words(client, world):
    from accord.clients import services as client_services

    client_services.archive_client(by=world.alice, client=world.acme)  # Globex stays active
    client.force_login(world.erin)
    response = _log(client, world, Contact.objects.get(user=world.carol))
    assert response.status_code == 422
    assert "the one chosen is archived (restore it to take new work)" in response.text
    assert "Select a valid choice" not in response.text
    assert 'value="Menu cards"' in response.text
    assert not Request.objects.exists()
