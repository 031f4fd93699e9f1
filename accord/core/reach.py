"""What a creative reaches: deny by default, decided in one place by the app that owns jobs.

Creatives see a client's work only through the jobs they are on (on the job's team, or with a
task on it). Jobs live in an app above clients and intake, so those apps ask here; the work app
registers the one rule from its AppConfig.ready. With nothing registered, a creative reaches
nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q


@dataclass(frozen=True)
class Reach:
    """The ids a creative's jobs lead to, resolved in one query up front so that each list
    built on them carries a plain `IN (…)` list rather than repeating a subquery."""

    job_ids: frozenset[int] = frozenset()
    client_ids: frozenset[int] = frozenset()
    brief_ids: frozenset[int] = frozenset()
    # Which events of those clients the person may read (see `events_q`).
    events: Q = field(default_factory=lambda: Q(pk__in=[]))


ReachRule = Callable[[Any], Reach]

_rule: list[ReachRule] = []


def register(rule: ReachRule) -> None:
    _rule[:] = [rule]


def of(user: Any) -> Reach:
    """The person's reach: one query (not cached: an assignment made a moment ago counts)."""
    return _rule[0](user) if _rule else Reach()
