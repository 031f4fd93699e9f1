"""The only way a view or endpoint gets a thread, a message or a to-do.

Who sees which threads:
- admins and the client's account manager: every thread of the client; other agency staff who
  see the client (account managers on its team): its threads too, but they write only in
  internal ones;
- creatives: internal threads on the jobs they are on (or on those jobs' deliverables and briefs)
  and, on a client's team, its team threads about the client or its briefs; a job's client threads
  only when the account manager opened them to the job's team;
- the client's contacts: the client's threads with the client audience, never an internal one.

Writing in a client thread is for the client's contacts and those who run the client (and a
job's team once it is opened to them): everything between the client and the agency goes
through the account manager.
"""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accord.clients import queries as client_queries
from accord.clients.models import Client, Contact, TeamMembership
from accord.conversations.models import (
    CreativeVoice,
    InboundEmail,
    Message,
    MessageAttachment,
    Thread,
    Todo,
)
from accord.core import policy, reach
from accord.core.policy import Audience
from accord.intake import access as intake_access

ThreadAction = Literal["view", "post", "manage"]


def _creative_threads(user: Any) -> Q:
    """A creative reads the team's threads on the jobs they are on (and those jobs' briefs and
    deliverables) and, on the teams of clients they are on, the team's threads about the client
    or one of its briefs; a job's client threads once it is opened to its team. Writing in a
    thread or being named in one never widens this: people are brought in where they may be."""
    mine = reach.of(user)
    on_team = Exists(TeamMembership.objects.filter(client=OuterRef("client_id"), user=user))
    # Before there is a job (about the client, or a brief), the team is the client's team.
    general = Q(job__isnull=True, deliverable__isnull=True) & on_team
    internal = Q(audience=Audience.INTERNAL) & (
        Q(job_id__in=mine.job_ids) | Q(brief_id__in=mine.brief_ids) | general
    )
    opened = Exists(CreativeVoice.objects.filter(job_id=OuterRef("job_id")))
    client = Q(audience=Audience.CLIENT, job_id__in=mine.job_ids) & opened
    return internal | client


def visible_to(user: Any) -> QuerySet[Thread]:
    """Every thread a person may read (see the module's docstring)."""
    threads = Thread.objects.all()
    if policy.is_admin(user):
        return threads
    if policy.is_creative(user):
        return threads.filter(_creative_threads(user))
    if policy.is_account_manager(user):
        return threads.filter(client__in=client_queries.visible_to(user).values("pk"))
    if policy.is_contact(user):
        return threads.filter(
            audience=Audience.CLIENT, client__in=client_queries.visible_to(user).values("pk")
        )
    return threads.none()


def manages(user: Any, client: Any) -> bool:
    """Those who run a client (admins, its account manager) relay and broker its threads."""
    return intake_access.manages(user, client)


def may_post(user: Any, thread: Thread) -> bool:
    """Whether a person who sees `thread` may write in it."""
    if thread.is_internal:
        return policy.is_staff_member(user)
    if policy.is_contact(user):
        return Contact.objects.filter(client_id=thread.client_id, user=user).exists()
    if manages(user, thread.client):
        return True
    return bool(
        policy.is_creative(user)
        and thread.job_id
        and CreativeVoice.objects.filter(job_id=thread.job_id).exists()
    )


POST_REFUSED = (
    "Messages to the client go through the account manager. Write in the team's internal "
    "thread, or ask the account manager to open this job's client threads to its team."
)


def thread_for(user: Any, thread_id: int, action: ThreadAction = "view") -> Thread:
    """A thread the person may read (else 404); writing in it or brokering it (relays, the
    court) as the rules say (else 403)."""
    thread = (
        visible_to(user)
        .select_related("client", "client__account_manager", "brief", "job", "deliverable")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        raise Http404("No such conversation.")
    thread.managing = manages(user, thread.client)
    if action == "post" and not may_post(user, thread):
        raise PermissionDenied(POST_REFUSED)
    if action == "manage" and not thread.managing:
        raise PermissionDenied("Only the account manager can do that.")
    return thread


def message_for(user: Any, message_id: int, action: ThreadAction = "view") -> Message:
    """A message of a thread the person may read (else 404), with its thread as `thread_for`
    gives it (so `action` is judged on the thread)."""
    found = Message.objects.filter(pk=message_id).values_list("thread_id", flat=True).first()
    if found is None:
        raise Http404("No such message.")
    thread = thread_for(user, found, action)
    message = Message.objects.select_related("author").get(pk=message_id)
    message.thread = thread
    return message


def attachment_for(user: Any, attachment_id: int) -> MessageAttachment:
    found = (
        MessageAttachment.objects.filter(pk=attachment_id)
        .values_list("message__thread_id", flat=True)
        .first()
    )
    if found is None:
        raise Http404("No such file.")
    thread_for(user, found)
    return MessageAttachment.objects.get(pk=attachment_id)


def todo_for(user: Any, todo_id: int) -> Todo:
    """A to-do the person may tick: its assignee, or whoever runs the client (else 403); one
    they cannot see is 404."""
    todo = Todo.objects.select_related("thread", "assignee").filter(pk=todo_id).first()
    if todo is None:
        raise Http404("No such to-do.")
    thread = thread_for(user, todo.thread_id)
    if todo.assignee_id != user.pk and not thread.managing:
        raise PermissionDenied("Only the person it is for, or the account manager, ticks it.")
    todo.thread = thread
    return todo


def triage_visible_to(user: Any) -> QuerySet[InboundEmail]:
    """The triage queue: admins all of it; an account manager the mail of the clients they run
    and mail no client could be found for. Nobody else triages."""
    waiting = InboundEmail.objects.filter(status=InboundEmail.Status.TRIAGE)
    if policy.is_admin(user):
        return waiting
    if policy.is_account_manager(user):
        return waiting.filter(Q(client__account_manager=user) | Q(client__isnull=True))
    return waiting.none()


def inbound_for(user: Any, email_id: int) -> InboundEmail:
    """An email the person may read (404 otherwise): admins any; an account manager one waiting
    in their triage queue, or one of a client they run (the page after sorting). Mail without a
    client is theirs only while it waits in triage."""
    if not (policy.is_admin(user) or policy.is_account_manager(user)):
        raise Http404("No such email.")
    readable = InboundEmail.objects.all()
    if not policy.is_admin(user):
        mine = InboundEmail.objects.filter(client__in=_managed_clients(user))
        readable = triage_visible_to(user) | mine
    email = readable.filter(pk=email_id).select_related("client").first()
    if email is None:
        raise Http404("No such email.")
    return email


def _managed_clients(user: Any) -> QuerySet[Client]:
    clients = Client.objects.all()
    return clients if policy.is_admin(user) else clients.filter(account_manager=user)
