"""Messages in search: a message's words under its thread's subject, found by whoever may read
its thread.

Scope keys (the first layer; `access.visible_to` is the second):
- a client thread's message: "client:<id>:talk" (the client's contacts and those who run or
  are on the client), and "job:<id>:talk" when on a job (its team, once the account manager
  opened the job's client threads to it);
- an internal thread's message: "client:<id>:team" (the agency's people on the client), with
  "job:<id>:team" or "brief:<id>:team" for the creatives on that work, and
  "client:<id>:general" before there is a job (the client's team).
"""

from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from accord.clients import queries as client_queries
from accord.clients.models import TeamMembership
from accord.conversations import access
from accord.conversations.models import CreativeVoice, Message, Thread
from accord.core import policy, reach, search

KIND = "message"


def scopes_of(thread: Thread) -> list[str]:
    client = thread.client_id
    if not thread.is_internal:
        keys = [f"client:{client}:talk"]
        return keys + ([f"job:{thread.job_id}:talk"] if thread.job_id else [])
    keys = [f"client:{client}:team"]
    if thread.job_id:
        keys.append(f"job:{thread.job_id}:team")
    if thread.brief_id:
        keys.append(f"brief:{thread.brief_id}:team")
    if not thread.job_id:
        keys.append(f"client:{client}:general")
    return keys


def document_of(message: Message, thread: Thread) -> search.Document:
    url = reverse("conversations:thread", args=[thread.pk])
    return search.Document(
        kind=KIND,
        object_id=message.pk,
        client_id=thread.client_id,
        title=thread.subject,
        body=message.text,
        url=f"{url}#m{message.pk}",
        created_at=message.created_at,
        scopes=scopes_of(thread),
    )


def index_message(message: Message, thread: Thread) -> None:
    """Keep the message's entry current (in the transaction that wrote it)."""
    search.index(document_of(message, thread))


def scopes(user: Any) -> list[str] | None:
    if policy.is_admin(user):
        return None
    if not policy.is_signed_in(user):
        return []
    if policy.is_creative(user):
        mine = reach.of(user)
        opened = CreativeVoice.objects.filter(job_id__in=mine.job_ids).values_list(
            "job_id", flat=True
        )
        teams = TeamMembership.objects.filter(user=user).values_list("client_id", flat=True)
        return (
            [f"job:{pk}:team" for pk in sorted(mine.job_ids)]
            + [f"brief:{pk}:team" for pk in sorted(mine.brief_ids)]
            + [f"job:{pk}:talk" for pk in opened]
            + [f"client:{pk}:general" for pk in teams]
        )
    ids = list(client_queries.visible_to(user).order_by().values_list("pk", flat=True))
    keys = [f"client:{pk}:talk" for pk in ids]
    if policy.is_staff_member(user):
        keys += [f"client:{pk}:team" for pk in ids]
    return keys


def visible(user: Any, ids: list[int]) -> set[int]:
    rows = Message.objects.filter(pk__in=ids, thread__in=access.visible_to(user))
    return set(rows.values_list("pk", flat=True))


def documents() -> Iterator[search.Document]:
    rows = Message.objects.select_related("thread").only(
        "text",
        "created_at",
        "thread__client_id",
        "thread__audience",
        "thread__subject",
        "thread__job_id",
        "thread__brief_id",
    )
    for message in search.in_date_order(rows):
        yield document_of(message, message.thread)


def register() -> None:
    search.register(
        search.Source(
            kind=KIND, label="Message", scopes=scopes, visible=visible, documents=documents
        )
    )
