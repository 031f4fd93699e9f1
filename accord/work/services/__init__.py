"""Every write about work, by subject: jobs, templates, deliverables, tasks, capacity, time."""

from accord.work.services.jobs import (
    acknowledge_brief_change,
    finish_job,
    flag_brief_change,
    start_job_from_brief,
)

__all__ = [
    "acknowledge_brief_change",
    "finish_job",
    "flag_brief_change",
    "start_job_from_brief",
]
