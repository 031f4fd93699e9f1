"""Template helpers of the work pages."""

from typing import Any

from django import template

from accord.work import mywork_html

register = template.Library()


@register.filter
def fill(pattern: str, object_id: Any) -> str:
    """`{{ links.job|fill:task.job_id }}`: a path reversed once for a list ("/jobs/{}/"),
    with one row's id in it — long lists build their links without a reverse() per row."""
    return pattern.replace("{}", str(object_id))


# Hours as people write them: 1.5, 2, 0.25 (one rule for the templates and My work's rows).
register.filter("hours", mywork_html.hours)
