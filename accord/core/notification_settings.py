"""How each person hears of each kind of notification by email: right away, in a daily digest
or not at all (the in-app list always has it), and the signed links that turn one kind off in
one click, without signing in.
"""

from collections.abc import Collection, Mapping
from typing import Any

from django.core import signing
from django.db import transaction
from django.urls import reverse

from accord.core import events
from accord.core import notification_kinds as kinds
from accord.core.errors import DomainError, InvalidInput
from accord.core.mail import absolute_url
from accord.core.models import EmailChoice, Notification, NotificationPreference

# Its own salt: a token signed for anything else in Accord is never an unsubscribe token.
UNSUBSCRIBE_SALT = "accord.notifications.unsubscribe"
# The kind a digest's link names: every kind the person gets in digests.
ALL_DIGESTS = "*digest"


class BadUnsubscribeLink(DomainError):
    """An unsubscribe link that was changed, cut short or names what no longer exists."""

    status = 400


def audience_of(user: Any) -> str:
    """ "staff" or "contact": which kinds a person can get."""
    return str(getattr(user, "kind", ""))


def choices_for(user_ids: Collection[int], kind: kinds.NotificationKind) -> dict[int, str]:
    """Each person's email choice for `kind` (its default where they made none): one query."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=list(user_ids), kind=kind.name)
        .order_by()
        .values_list("user_id", "email")
    )
    return {pk: chosen.get(pk, kind.default) for pk in user_ids}


def choices_of(user: Any) -> dict[str, str]:
    """A person's email choice for every kind they can get, by kind name: one query."""
    declared = kinds.for_audience(audience_of(user))
    chosen = dict(
        NotificationPreference.objects.filter(user=user, kind__in=[k.name for k in declared])
        .order_by()
        .values_list("kind", "email")
    )
    return {k.name: chosen.get(k.name, k.default) for k in declared}


@transaction.atomic
def choose(*, user: Any, choices: Mapping[str, str], via: str = "settings") -> dict[str, str]:
    """Set how `user` hears of some kinds by email; returns all their choices.

    A kind they cannot get, or a choice that is not one of `EmailChoice`, is refused whole
    (InvalidInput naming it). A kind turned off leaves the digests still to come.
    """
    mine = {k.name for k in kinds.for_audience(audience_of(user))}
    for kind, email in choices.items():
        if kind not in mine:
            raise InvalidInput(
                f"There are no notifications of the kind “{kind}” for you.", field=kind
            )
        if email not in EmailChoice.values:
            allowed = ", ".join(EmailChoice.values)
            raise InvalidInput(f"Choose one of {allowed} for “{kind}”, not “{email}”.", field=kind)
    current = choices_of(user)
    changed = {kind: email for kind, email in choices.items() if current[kind] != email}
    if not changed:
        return current
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=user, kind=k, email=e) for k, e in sorted(changed.items())],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["email", "updated_at"],
    )
    off = [kind for kind, email in changed.items() if email == EmailChoice.OFF]
    if off:
        _leave_digests(user=user, kind_names=off)
    events.record(
        actor=user, verb="notifications.chosen", target=user, data={"email": changed, "via": via}
    )
    return {**current, **changed}


def _leave_digests(*, user: Any, kind_names: list[str]) -> None:
    """Drop notifications of these kinds from the digests still to come (they stay listed)."""
    Notification.objects.filter(
        user=user, kind__in=kind_names, digest_due_at__isnull=False, digested_in=""
    ).update(digest_due_at=None)


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    """A signed token for turning `kind` (or, with `ALL_DIGESTS`, the digests) off."""
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_link(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return absolute_url(reverse("notifications:unsubscribe", kwargs={"token": token}))


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """The person's id and the kind a token names, or BadUnsubscribeLink."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise BadUnsubscribeLink(
            "This unsubscribe link is not valid: it may have been cut short or changed. "
            "Copy the whole link from the email, or sign in and open Notification settings."
        ) from exc
    if not (
        isinstance(value, dict)
        and isinstance(value.get("u"), int)
        and isinstance(value.get("k"), str)
    ):
        raise BadUnsubscribeLink("This unsubscribe link is not valid.")
    return value["u"], value["k"]


def unsubscribing_from(user: Any, kind: str) -> list[kinds.NotificationKind]:
    """The kinds a link turns off for `user`: its own kind, or every kind in their digests."""
    if kind == ALL_DIGESTS:
        current = choices_of(user)
        return [k for k in kinds.for_audience(audience_of(user)) if current[k.name] == "digest"]
    declared = kinds.get(kind)
    if declared is None or audience_of(user) not in declared.audience:
        raise BadUnsubscribeLink(
            "This unsubscribe link names notifications Accord no longer sends. Sign in and open "
            "Notification settings to choose what you get by email."
        )
    return [declared]


def unsubscribe(*, user: Any, kind: str) -> list[kinds.NotificationKind]:
    """Turn off email for what a link names (one kind, or all digests); returns those kinds."""
    turned_off = unsubscribing_from(user, kind)
    if turned_off:
        choose(user=user, choices=dict.fromkeys((k.name for k in turned_off), "off"), via="link")
    return turned_off
