"""The notifications the reviews app sends (see accord/core/notification_kinds.py)."""

from accord.core.notification_kinds import declare_kind

STAFF = {"staff"}


def declare_kinds() -> None:
    """Reviews' kinds of notification (called from ReviewsConfig.ready)."""
    declare_kind(
        "review.requested",
        label="Your review is asked for",
        help="A version of a piece of work waits for your review.",
    )
    declare_kind(
        "review.nudged",
        label="A reminder to review",
        help="The account manager reminds you that a piece of work waits for your review.",
    )
    declare_kind(
        "review.reminder",
        label="A review past its due time",
        help="A piece of work was due for your review and is still waiting for you.",
    )
    declare_kind(
        "review.comment",
        label="Comments on work under review",
        help="Someone comments on a version you look after, or replies to your comment.",
    )
    declare_kind(
        "review.decided",
        label="A decision on work under review",
        help="A reviewer approves a version or asks for changes.",
        audience=STAFF,
    )
    declare_kind(
        "review.todos",
        label="To-dos from a client's review",
        help="The client's feedback on a piece of work becomes to-dos for you.",
        audience=STAFF,
    )
