"""Reads about clients, always scoped to the person asking."""

from collections.abc import Collection
from typing import Any

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce

from accord.accounts.models import User
from accord.clients.models import Client, Contact, TeamMembership
from accord.core import policy, reach, verbs
from accord.core.models import Event


def visible_to(user: Any) -> QuerySet[Client]:
    """Every client this person may see: admins all; staff theirs; contacts their own."""
    clients = Client.objects.all()
    if policy.is_admin(user):
        return clients
    if policy.is_account_manager(user):
        on_team = Exists(TeamMembership.objects.filter(client=OuterRef("pk"), user=user))
        return clients.filter(Q(account_manager=user) | on_team)
    if policy.is_creative(user):
        # The clients whose team they are on (their brand, people and terms), and those of
        # the jobs they are on; a client's work itself they see only through their jobs.
        on_team = Exists(TeamMembership.objects.filter(client=OuterRef("pk"), user=user))
        return clients.filter(on_team | Q(pk__in=reach.of(user).client_ids))
    if policy.is_contact(user):
        return clients.filter(Exists(Contact.objects.filter(client=OuterRef("pk"), user=user)))
    return clients.none()


def _count(model: Any) -> Any:
    counted = (
        model.objects.filter(client=OuterRef("pk"))
        .order_by()
        .values("client")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(clients: QuerySet[Client]) -> QuerySet[Client]:
    """Team and contact counts per client, in the same query as the list."""
    return clients.select_related("account_manager").annotate(
        team_count=_count(TeamMembership), contact_count=_count(Contact)
    )


def with_my_contact_role(clients: QuerySet[Client], user: Any) -> QuerySet[Client]:
    role = Contact.objects.filter(client=OuterRef("pk"), user=user).values("role")[:1]
    return clients.annotate(my_contact_role=Subquery(role))


def search(
    clients: QuerySet[Client],
    *,
    q: str = "",
    status: str = "",
    account_manager_id: int | None = None,
) -> QuerySet[Client]:
    if q:
        clients = clients.filter(Q(name__icontains=q) | Q(industry__icontains=q))
    if status in Client.Status.values:
        clients = clients.filter(status=status)
    if account_manager_id:
        clients = clients.filter(account_manager_id=account_manager_id)
    return clients


def team_of(client: Client) -> QuerySet[TeamMembership]:
    return client.team.select_related("user").order_by("user__name")


def contacts_of(client: Client) -> QuerySet[Contact]:
    return client.contacts.select_related("user").order_by("user__name")


def activity_of(client: Client, user: Any) -> QuerySet[Event]:
    """The client's events this person may read, newest first (index: client, audience, -id)."""
    events = Event.objects.filter(client_id=client.pk, audience__in=policy.audiences_for(user))
    if policy.is_contact(user):
        events = events.filter(verb__in=verbs.for_contacts())
    elif policy.is_creative(user):
        events = events.filter(reach.of(user).events, verb__in=verbs.for_creatives())
    return named_people(events.select_related("actor").order_by("-id"))


def named_people(events: QuerySet[Event]) -> QuerySet[Event]:
    """Each event that names a person by user id, with their name and email from the user row,
    in the same query (see `feed.payload`)."""
    named_user = Case(
        When(
            verb__in=verbs.naming_a_user(),
            then=Cast(KeyTextTransform("user", "data"), BigIntegerField()),
        ),
        default=None,
        output_field=BigIntegerField(),
    )
    person = User.objects.filter(pk=OuterRef("named_user"))
    return events.annotate(
        named_user=named_user,
        named_name=Subquery(person.values("name")[:1]),
        named_email=Subquery(person.values("email")[:1]),
    )


# --- Added for the web UI ------------------------------------------------------------------


def team_candidates(client: Client) -> QuerySet[User]:
    """Active staff who could join the client's team: not on it yet, and not its AM."""
    on_team = TeamMembership.objects.filter(client=client, user=OuterRef("pk"))
    return (
        User.objects.filter(kind=policy.Kind.STAFF, is_active=True)
        .exclude(pk=client.account_manager_id)
        .exclude(Exists(on_team))
        .order_by("name")
    )


def involving(clients: QuerySet[Client], member: Any) -> QuerySet[Client]:
    """Those of `clients` that `member` runs as AM or works on as part of the team."""
    on_team = Exists(TeamMembership.objects.filter(client=OuterRef("pk"), user=member))
    return clients.filter(Q(account_manager=member) | on_team)


def names_of(client_ids: Collection[int]) -> dict[int, str]:
    """Clients' names by id, in one query (for core's digests, which cannot import clients)."""
    return dict(Client.objects.filter(pk__in=list(client_ids)).values_list("pk", "name"))
