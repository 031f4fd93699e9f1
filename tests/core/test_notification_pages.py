"""The notification settings page, and the one-click unsubscribe page an email links to."""

import re

import pytest
from django.core import signing
from django.test import Client as HttpClient
from django.urls import reverse

from accord.core import notification_settings as choices
from accord.core.models import NotificationPreference
from tests.conftest import PERSONAS

SETTINGS = reverse("notifications:settings")


def _unsubscribe_url(person, kind="review.requested") -> str:
    token = choices.unsubscribe_token(user_id=person.pk, kind=kind)
    return reverse("notifications:unsubscribe", kwargs={"token": token})


# --- Settings --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_signed_in_has_notification_settings_for_their_own_kinds(
    client, world, persona, django_assert_max_num_queries
):
    client.force_login(world.persona(persona))
    with django_assert_max_num_queries(8):
        page = client.get(SETTINGS)
    assert page.status_code == 200
    text = page.text
    assert "<h1>Notification settings</h1>" in text
    assert "Your review is asked for" in text
    contact = persona in {"carol", "ray", "gus"}
    assert ("A task is given to you" in text) is not contact
    assert "08:00 (UTC)" in text


def test_signing_in_comes_first(client, db):
    response = client.get(SETTINGS)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_saving_settings_keeps_each_choice(client, world):
    client.force_login(world.carol)
    form = dict.fromkeys(choices.choices_of(world.carol), "immediate")
    form["review.comment"] = "digest"
    form["review.nudged"] = "off"
    response = client.post(SETTINGS, form, follow=True)
    assert "Your notification settings are saved." in response.text
    assert choices.choices_of(world.carol)["review.comment"] == "digest"
    assert choices.choices_of(world.carol)["review.nudged"] == "off"
    assert re.search(r'name="review\.comment" value="digest"[^>]* checked', response.text)


def test_a_value_that_is_not_a_choice_is_shown_on_its_field(client, world):
    client.force_login(world.dan)
    form = dict.fromkeys(choices.choices_of(world.dan), "immediate")
    form["task.assigned"] = "weekly"
    response = client.post(SETTINGS, form)
    assert response.status_code == 422
    assert "Select a valid choice" in response.text
    assert not NotificationPreference.objects.exists()


def test_the_notifications_list_links_to_the_settings(client, world):
    client.force_login(world.ray)
    assert SETTINGS in client.get(reverse("notifications:list")).text


# --- Unsubscribe -----------------------------------------------------------------------------


def test_an_unsubscribe_link_asks_first_without_signing_in(client, world):
    page = client.get(_unsubscribe_url(world.ray))
    assert page.status_code == 200
    assert "Unsubscribe?" in page.text and "Your review is asked for" in page.text
    assert '<form method="post"' in page.text
    assert choices.choices_of(world.ray)["review.requested"] == "immediate"  # not yet


def test_one_click_from_a_mail_client_turns_the_kind_off(world):
    mail_client = HttpClient(enforce_csrf_checks=True)  # no session, no CSRF token
    response = mail_client.post(
        _unsubscribe_url(world.ray),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Unsubscribed" in response.text and "Notification settings" in response.text
    assert choices.choices_of(world.ray)["review.requested"] == "off"
    assert choices.choices_of(world.ray)["review.comment"] == "immediate"


def test_a_digest_s_link_stops_every_digest(client, world):
    choices.choose(
        user=world.cora, choices={"review.requested": "digest", "task.assigned": "digest"}
    )
    url = _unsubscribe_url(world.cora, choices.ALL_DIGESTS)
    page = client.get(url)
    assert "Stop the daily digest?" in page.text and "A task is given to you" in page.text
    client.post(url)
    mine = choices.choices_of(world.cora)
    assert mine["review.requested"] == "off" and mine["task.assigned"] == "off"
    assert "digest" not in mine.values()
    assert "gets no daily digest" in client.get(url).text


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_changed_link_is_refused_with_what_to_do(client, world, method):
    url = _unsubscribe_url(world.ray)
    tampered = url.replace("/unsubscribe/", "/unsubscribe/x")
    response = getattr(client, method)(tampered)
    assert response.status_code == 400
    assert "This unsubscribe link is not valid" in response.text
    assert "Notification settings" in response.text
    assert choices.choices_of(world.ray)["review.requested"] == "immediate"


def test_a_token_signed_for_something_else_is_not_an_unsubscribe_link(client, world):
    token = signing.dumps({"u": world.ray.pk, "k": "review.requested"}, salt="something.else")
    url = reverse("notifications:unsubscribe", kwargs={"token": token})
    assert client.post(url).status_code == 400


def test_a_link_for_a_kind_the_person_cannot_get_or_a_closed_account_is_refused(client, world):
    assert client.get(_unsubscribe_url(world.ray, "task.assigned")).status_code == 400
    world.dan.is_active = False
    world.dan.save(update_fields=["is_active"])
    response = client.post(_unsubscribe_url(world.dan, "task.assigned"))
    assert response.status_code == 400 and "closed" in response.text
