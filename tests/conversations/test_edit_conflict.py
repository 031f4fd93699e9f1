"""Two edits of one message: the second person sees the message as it is now, keeps what they
typed, and can save it knowingly."""

from django.urls import reverse

from accord.conversations.models import Message
from accord.conversations.services import threads

from .talk import carol_asks


def test_a_stale_edit_shows_the_text_as_it_is_now_and_can_be_saved_again(client, world):
    thread = carol_asks(world)
    message = thread.messages.get()
    message.thread = thread
    threads.edit(by=world.carol, message=message, body="Bigger, please.", revision=1)
    client.force_login(world.carol)
    url = reverse("conversations:edit", args=[message.pk])
    answer = client.post(url, {"body": "Much bigger, please.", "revision": 1})
    page = answer.content.decode()
    assert answer.status_code == 409
    assert "It now reads" in page and "Bigger, please." in page and "Much bigger, please." in page
    assert 'name="revision" value="2"' in page
    assert client.post(url, {"body": "Much bigger, please.", "revision": 2}).status_code == 302
    assert Message.objects.get(pk=message.pk).body == "Much bigger, please."


def test_to_dos_given_to_the_account_manager_are_on_their_today(world):
    from accord.conversations.services import relays
    from accord.home import today

    thread = carol_asks(world)
    relays.relay_to_team(
        by=world.alice,
        source=thread.messages.get(),
        body="Noted.",
        todos=[relays.TodoLine("Call Carol about the logo", world.alice)],
    )
    assert ("todo", "Call Carol about the logo") in [
        (i.kind, i.title) for i in today.of(world.alice).items
    ]
