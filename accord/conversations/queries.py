"""Reads of conversations: a person's inbox and a thread's page of messages, each in a bounded
number of queries whatever the size of the data."""

from typing import Any

from django.db.models import BooleanField, Case, F, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from accord.conversations import access
from accord.conversations.models import Message, Participant, Thread, Todo

MESSAGES_PER_PAGE = 50
FILTERS = ("unread", "waiting_on_agency", "waiting_on_client", "client", "internal")


def with_read_state(threads: QuerySet[Thread], user: Any) -> QuerySet[Thread]:
    """Annotate how far the person read (`read_to`) and whether anything is new (`unread`)."""
    # A thread the person never opened and is not in is not "new" to them: only what they
    # follow or read before can be (as Today counts it).
    read_to = Participant.objects.filter(thread=OuterRef("pk"), user=user).values("last_read_id")
    return threads.annotate(read_to=Coalesce(Subquery(read_to[:1]), F("last_message_id"))).annotate(
        unread=Case(
            When(last_message_id__gt=F("read_to"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def inbox(user: Any, *, show: str = "", client_id: int | None = None) -> QuerySet[Thread]:
    """The threads a person sees, newest activity first, with their read state."""
    threads = with_read_state(access.visible_to(user), user)
    if client_id:
        threads = threads.filter(client_id=client_id)
    if show == "unread":
        threads = threads.filter(last_message_id__gt=F("read_to"))
    elif show == "waiting_on_agency":
        threads = threads.filter(waiting_on="agency")
    elif show == "waiting_on_client":
        threads = threads.filter(waiting_on="client")
    elif show in ("client", "internal"):
        threads = threads.filter(audience=show)
    return threads.select_related("client", "brief", "job", "deliverable").order_by(
        "-last_message_at", "-id"
    )


def on(user: Any, **anchor: Any) -> QuerySet[Thread]:
    """The threads a person sees on one client, brief, job or deliverable."""
    return (
        with_read_state(access.visible_to(user), user).filter(**anchor).order_by("-last_message_at")
    )


def messages_of(thread: Thread, *, before: int | None = None) -> tuple[list[Message], bool]:
    """A page of a thread's messages, oldest first: the newest `MESSAGES_PER_PAGE` (before a
    message id, for older ones), with authors, files and relay sources in two queries; and
    whether older ones exist."""
    rows = Message.objects.filter(thread=thread)
    if before:
        rows = rows.filter(pk__lt=before)
    page = list(
        rows.select_related("author", "relayed_from", "relayed_from__author")
        .prefetch_related("attachments", "relays")
        .order_by("-id")[: MESSAGES_PER_PAGE + 1]
    )
    older = len(page) > MESSAGES_PER_PAGE
    page = page[:MESSAGES_PER_PAGE]
    page.reverse()
    for message in page:
        message.thread = thread
    return page, older


def todos_of(thread: Thread) -> list[Todo]:
    return list(
        Todo.objects.filter(thread=thread)
        .select_related("assignee", "done_by")
        .order_by("id")[:200]
    )


def people_of(thread: Thread) -> list[Participant]:
    return list(
        Participant.objects.filter(thread=thread, following=True)
        .select_related("user")
        .order_by("joined_at")[:100]
    )


def open_todos_for(user: Any) -> QuerySet[Todo]:
    """A person's open to-dos from relays, oldest first (index todo_open)."""
    return (
        Todo.objects.filter(assignee=user, done_at__isnull=True)
        .select_related("thread", "thread__client")
        .order_by("id")
    )
