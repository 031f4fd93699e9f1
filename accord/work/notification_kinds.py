"""The notifications the work app sends (see accord/core/notification_kinds.py)."""

from accord.core.notification_kinds import declare_kind

STAFF = {"staff"}


def declare_kinds() -> None:
    """Work's kinds of notification (called from WorkConfig.ready)."""
    declare_kind(
        "task.assigned",
        label="A task is given to you",
        help="Someone makes you the assignee of a task, with its due date.",
        audience=STAFF,
    )
    declare_kind(
        "task.due_moved",
        label="Your task's due date moves",
        help="The due date of a task of yours is set, moved or removed.",
        audience=STAFF,
    )
    declare_kind(
        "job_team",
        label="You join a job's team",
        help="Someone puts you on the team of a job.",
        audience=STAFF,
    )
    declare_kind(
        "brief_changed",
        label="The brief of your job changes",
        help="The brief of a job you work on changes after work started: check your work "
        "against it.",
        audience=STAFF,
    )
