"""Every write about work, by subject: jobs, templates, deliverables, tasks, capacity, time."""

from accord.work.services.jobs import (
    acknowledge_brief_change,
    add_job_member,
    create_job,
    finish_job,
    flag_brief_change,
    move_job,
    remove_job_member,
    start_job_from_brief,
    update_job,
)
from accord.work.services.templates import (
    deactivate_job_template,
    plan_job_from_template,
    save_job_template,
)

__all__ = [
    "acknowledge_brief_change",
    "add_job_member",
    "create_job",
    "deactivate_job_template",
    "finish_job",
    "flag_brief_change",
    "move_job",
    "plan_job_from_template",
    "remove_job_member",
    "save_job_template",
    "start_job_from_brief",
    "update_job",
]
