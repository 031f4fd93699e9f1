"""Who is told of a new message, and how: the people following the thread but the author, in
their list and by email as each chose; those @mentioned are told they were.

Each email about a thread is that person's own: a reply address made for them and this thread
(`reply+<token>@<inbound domain>`), a Message-ID stored with it, In-Reply-To the previous email
they had from the thread and References the thread's root, so mail programs keep the
conversation together and a reply finds its way back (see `addresses`)."""

from typing import Any

from django.conf import settings
from django.urls import reverse

from accord.conversations import access, addresses
from accord.conversations.models import Message, Participant, ReplyAddress, Thread, Todo
from accord.core.mail import new_message_id
from accord.core.notify import PersonalEmail, notify

DETAILS_LIMIT = 4_000
TEMPLATE = "conversations/email/message"


def thread_url(thread_id: int, message_id: int | None = None) -> str:
    url = reverse("conversations:thread", args=[thread_id])
    return f"{url}#m{message_id}" if message_id else url


def _name(person: Any) -> str:
    return (person.name or person.email) if person is not None else "Someone"


def root_id(thread: Thread) -> str:
    """The thread's own Message-ID, which every email about it names in References."""
    return f"<thread.{thread.pk}@{settings.INBOUND_DOMAIN}>"


def _personal(message: Message) -> Any:
    thread = message.thread
    files = [a.name for a in message.attachments.all()]
    replying = message.pk != thread.messages.order_by("id").values_list("pk", flat=True).first()
    context = {
        "author": _name(message.author),
        "subject": thread.subject,
        "body": message.text,
        "html": message.html,
        "files": files,
        "internal": thread.is_internal,
        "client_name": thread.client.name,
    }

    def make(person: Any) -> PersonalEmail:
        message_id = new_message_id()
        previous = (
            ReplyAddress.objects.filter(thread=thread, user=person)
            .order_by("-id")
            .values_list("message_id", flat=True)
            .first()
        )
        root = root_id(thread)
        reply_to = addresses.issue(thread=thread, user=person, message_id=message_id)
        references = f"{root} {previous}" if previous else root
        return PersonalEmail(
            template=TEMPLATE,
            context=context,
            headers={"In-Reply-To": previous or root, "References": references},
            reply_to=reply_to,
            message_id=message_id,
            subject=f"{'Re: ' if replying else ''}{thread.subject}",
        )

    return make


def message_posted(message: Message, *, mentioned: list[Any]) -> None:
    thread = message.thread
    author = message.author
    mentioned_ids = {p.pk for p in mentioned}
    # Only those who may still read it: a job, a client or a contact's place can end.
    followers = [
        p.user
        for p in Participant.objects.filter(thread=thread, following=True)
        .exclude(user_id__in=mentioned_ids)
        .select_related("user")
        if access.visible_to(p.user).filter(pk=thread.pk).exists()
    ]
    notify(
        people=followers,
        kind="thread.message",
        text=f"{_name(author)} wrote in “{thread.subject}”",
        url=thread_url(thread.pk, message.pk),
        actor=author,
        client_id=thread.client_id,
        details=message.text[:DETAILS_LIMIT],
        personal=_personal(message),
    )
    _mentions(message, mentioned)


def message_edited(message: Message, *, mentioned: list[Any]) -> None:
    _mentions(message, mentioned)


def _mentions(message: Message, mentioned: list[Any]) -> None:
    if not mentioned:
        return
    thread = message.thread
    notify(
        people=mentioned,
        kind="thread.mention",
        text=f"{_name(message.author)} mentioned you in “{thread.subject}”",
        url=thread_url(thread.pk, message.pk),
        actor=message.author,
        client_id=thread.client_id,
        details=message.text[:DETAILS_LIMIT],
        personal=_personal(message),
    )


def todos_given(todos: list[Todo], *, by: Any) -> None:
    for todo in todos:
        notify(
            people=[todo.assignee],
            kind="thread.todo",
            text=f"{_name(by)} gave you a to-do: {todo.text}",
            url=thread_url(todo.thread_id, todo.message_id),
            actor=by,
            client_id=todo.thread.client_id,
        )
