"""Reads about jobs, scoped to the person asking."""

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from accord.clients import queries as client_queries
from accord.clients.models import TeamMembership
from accord.core import policy
from accord.work.models import Job


def visible_to(user: Any) -> QuerySet[Job]:
    """Jobs of the clients a person can see; creatives those of their teams' clients."""
    jobs = Job.objects.filter(client__in=client_queries.visible_to(user).values("pk"))
    if policy.is_creative(user):
        jobs = jobs.filter(
            Exists(TeamMembership.objects.filter(client=OuterRef("client_id"), user=user))
        )
    return jobs
