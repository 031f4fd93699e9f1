"""`{% job_work job as work %}`: the job page's deliverables-and-tasks section, built for the
person reading, wherever the job page's view is (it needs only `request` in the context)."""

from typing import Any

from django import template

from accord.work.views_tasks import WorkSection, work_section

register = template.Library()


@register.simple_tag(takes_context=True)
def job_work(context: Any, job: Any) -> WorkSection:
    return work_section(context["request"], job)
