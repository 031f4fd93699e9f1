"""Reads about jobs, scoped to the person asking."""

from typing import Any

from django.db.models import QuerySet

from accord.clients import queries as client_queries
from accord.core import policy, reach
from accord.work.models import Job


def visible_to(user: Any) -> QuerySet[Job]:
    """Jobs of the clients a person can see; creatives only the jobs they are on."""
    if policy.is_creative(user):
        return Job.objects.filter(pk__in=reach.of(user).job_ids)
    if policy.is_admin(user):
        return Job.objects.all()
    return Job.objects.filter(client__in=client_queries.visible_to(user).values("pk"))
