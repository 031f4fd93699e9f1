"""Reads about clients, always scoped to the person asking."""

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accord.clients.models import Client, Contact, TeamMembership
from accord.core import policy


def visible_to(user: Any) -> QuerySet[Client]:
    """Every client this person may see: admins all; staff theirs; contacts their own."""
    clients = Client.objects.all()
    if policy.is_admin(user):
        return clients
    if policy.is_account_manager(user):
        on_team = Exists(TeamMembership.objects.filter(client=OuterRef("pk"), user=user))
        return clients.filter(Q(account_manager=user) | on_team)
    if policy.is_creative(user):
        return clients.filter(Exists(TeamMembership.objects.filter(client=OuterRef("pk"),
                                                                   user=user)))
    if policy.is_contact(user):
        return clients.filter(Exists(Contact.objects.filter(client=OuterRef("pk"), user=user)))
    return clients.none()


def _count(model: Any) -> Any:
    counted = (model.objects.filter(client=OuterRef("pk")).order_by().values("client")
               .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(clients: QuerySet[Client]) -> QuerySet[Client]:
    """Team and contact counts per client, in the same query as the list."""
    return clients.select_related("account_manager").annotate(
        team_count=_count(TeamMembership), contact_count=_count(Contact)
    )


def with_my_contact_role(clients: QuerySet[Client], user: Any) -> QuerySet[Client]:
    role = Contact.objects.filter(client=OuterRef("pk"), user=user).values("role")[:1]
    return clients.annotate(my_contact_role=Subquery(role))


def search(clients: QuerySet[Client], *, q: str = "", status: str = "",
           account_manager_id: int | None = None) -> QuerySet[Client]:
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
