"""Every kind of notification, declared once: its label, what it is about, who can get it and
how it is emailed unless the person chooses otherwise.

Apps declare their kinds from `AppConfig.ready`, as they declare event verbs. `notify()` refuses
an undeclared kind, or a recipient outside the kind's audience, when `STRICT_EVENT_VERBS` is on
(debug and tests); in production it logs the mistake and notifies anyway. The notification
settings page lists, for each person, only the kinds declared for their audience.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from accord.core.models import EmailChoice
from accord.core.policy import Kind as PersonKind

EVERYONE = frozenset({PersonKind.STAFF.value, PersonKind.CONTACT.value})


class UndeclaredKind(Exception):
    """A notification kind no app declared, or sent to someone outside its audience."""


@dataclass(frozen=True)
class NotificationKind:
    name: str
    label: str
    help: str
    # Who may get it: "staff", "contact" (the person's `kind`).
    audience: frozenset[str]
    default: str


REGISTRY: dict[str, NotificationKind] = {}


def declare_kind(
    kind: str,
    *,
    label: str,
    help: str,
    audience: Iterable[str] = EVERYONE,
    default: str = EmailChoice.IMMEDIATE,
) -> NotificationKind:
    """Declare a kind of notification (from the owning app's `AppConfig.ready`)."""
    audience = frozenset(str(a) for a in audience)
    if not audience or not audience <= EVERYONE:
        raise ValueError(f"{kind}: the audience is staff, contact or both, not {set(audience)}.")
    if default not in EmailChoice.values:
        raise ValueError(f"{kind}: the default is one of {EmailChoice.values}, not {default!r}.")
    if len(kind) > 40:
        raise ValueError(f"{kind}: a kind is at most 40 characters (the column's width).")
    declared = NotificationKind(
        name=kind, label=label, help=help, audience=audience, default=str(default)
    )
    REGISTRY[kind] = declared
    return declared


def undeclare(kind: str) -> None:
    """Forget a kind (for tests that declare their own)."""
    REGISTRY.pop(kind, None)


def get(kind: str) -> NotificationKind | None:
    return REGISTRY.get(kind)


def check(kind: str, audiences: Iterable[str] = ()) -> NotificationKind:
    """The declaration of `kind`, or UndeclaredKind when it (or one of `audiences`) is not."""
    declared = REGISTRY.get(kind)
    if declared is None:
        raise UndeclaredKind(
            f"The notification kind {kind!r} is not declared "
            "(see accord/core/notification_kinds.py)."
        )
    outside = set(audiences) - declared.audience
    if outside:
        raise UndeclaredKind(f"{kind} is not declared for {', '.join(sorted(outside))}.")
    return declared


def for_audience(audience: str) -> list[NotificationKind]:
    """The kinds a person of this audience ("staff" or "contact") can get, by label."""
    return sorted(
        (k for k in REGISTRY.values() if audience in k.audience), key=lambda k: k.label.lower()
    )
