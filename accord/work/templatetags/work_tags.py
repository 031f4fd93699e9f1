"""Template helpers of the work pages."""

from decimal import Decimal
from typing import Any

from django import template

from accord.work import timekeeping

register = template.Library()


@register.filter
def fill(pattern: str, object_id: Any) -> str:
    """`{{ links.job|fill:task.job_id }}`: a path reversed once for a list ("/jobs/{}/"),
    with one row's id in it — long lists build their links without a reverse() per row."""
    return pattern.replace("{}", str(object_id))


@register.filter
def hours(value: Any) -> str:
    """Hours as people write them: 1.5, 2, 0.25 (and "—" for none given, as an estimate)."""
    return "—" if value in (None, "") else timekeeping.plain(Decimal(value))
