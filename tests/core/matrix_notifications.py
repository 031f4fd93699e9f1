"""Notification settings and one-click unsubscribe in the access matrix: everyone signed in has
their own settings; an unsubscribe link works for whoever holds it (Dan's here), signed in or
not, and a changed one is refused (400) to everyone."""

from typing import Any

from accord.core import notification_kinds as kinds
from accord.core import notification_settings as choices
from tests.test_access_matrix import (
    OK,
    OPERATIONS,
    PAGES,
    SAME_SITUATION,
    Operation,
    Route,
    everyone_ok,
    outcome,
    signed_in,
)


def _every_kind_right_away(w: Any) -> dict[str, str]:
    # The kinds nobody can get are ignored, so one form fits staff and contacts alike.
    return dict.fromkeys(kinds.REGISTRY, "immediate")


def _dans_link(w: Any) -> dict[str, str]:
    return {"token": choices.unsubscribe_token(user_id=w.dan.pk, kind="task.assigned")}


def _changed_link(w: Any) -> dict[str, str]:
    return {"token": _dans_link(w)["token"] + "x"}


# fmt: off
PAGES += [
    Route("notifications:settings", expect=signed_in(OK)),
    Route("notifications:settings", "post", expect=signed_in(OK), data=_every_kind_right_away),
    Route("notifications:unsubscribe", kwargs=_dans_link, expect=everyone_ok()),
    Route("notifications:unsubscribe", "post", kwargs=_dans_link, expect=everyone_ok(), ok="200"),
    Route("notifications:unsubscribe", kwargs=_changed_link, expect=outcome(default="400")),
    Route("notifications:unsubscribe", "post", kwargs=_changed_link, expect=outcome(default="400")),
]
OPERATIONS.update({
    "get_notification_settings": Operation(),
    "update_notification_settings": Operation(
        body=lambda w: {"email": {"review.comment": "digest"}}),
})
SAME_SITUATION += [
    ("notifications:settings", "get_notification_settings"),
]
# fmt: on
