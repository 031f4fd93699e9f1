"""The notifications conversations send (see accord/core/notification_kinds.py)."""

from accord.core.notification_kinds import declare_kind

STAFF = {"staff"}


def declare_kinds() -> None:
    """Conversations' kinds of notification (called from ConversationsConfig.ready)."""
    declare_kind(
        "thread.message",
        label="New messages in your conversations",
        help="Someone wrote in a conversation you are in. Reply to the email to answer.",
    )
    declare_kind(
        "thread.mention",
        label="You are mentioned",
        help="Someone @mentioned you in a conversation.",
    )
    declare_kind(
        "thread.todo",
        label="To-dos from the account manager",
        help="The account manager passed on something the client asked for, as a to-do for you.",
        audience=STAFF,
    )
    declare_kind(
        "mail.triage",
        label="Email to sort",
        help="An email came in that Accord could not file by itself: sort it in the triage list.",
        audience=STAFF,
    )
