"""A client's currency: part of its terms, the currency of a budget written without one."""

from django.test import override_settings
from django.urls import reverse

from accord.clients import services
from accord.clients.models import Client


def _terms(**changes: str) -> dict[str, str]:
    return {
        "name": "Acme Foods",
        "revision_rounds_included": "2",
        "response_target_hours": "8",
        "currency": "GBP",
        **changes,
    }


def test_the_am_sets_the_currency_with_the_terms(client, alice, acme):
    client.force_login(alice)
    edit = reverse("clients:edit", kwargs={"client_id": acme.pk})
    assert 'name="currency" value="GBP"' in client.get(edit).text
    assert client.post(edit, _terms(currency="eur")).status_code == 302
    acme.refresh_from_db()
    assert acme.currency == "EUR"
    assert "<dt>Currency</dt><dd>EUR</dd>" in client.get(acme.get_absolute_url()).text


def test_an_unknown_currency_is_refused_and_what_was_typed_kept(client, alice, acme):
    client.force_login(alice)
    edit = reverse("clients:edit", kwargs={"client_id": acme.pk})
    refused = client.post(edit, _terms(currency="XYZ", industry="Typed industry"))
    assert refused.status_code == 422
    assert "“XYZ” is not a currency code we know" in refused.text
    assert 'value="Typed industry"' in refused.text
    acme.refresh_from_db()
    assert acme.currency == "GBP"


@override_settings(DEFAULT_CURRENCY="EUR")
def test_a_new_client_takes_the_agency_s_currency(alice):
    created = services.create_client(by=alice, name="Initech")
    assert Client.objects.get(pk=created.pk).currency == "EUR"
    chosen = services.create_client(by=alice, name="Hooli", currency="usd")
    assert chosen.currency == "USD"
