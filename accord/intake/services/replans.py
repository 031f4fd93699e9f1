"""A change of plan: a signed-off brief, or one already in work, changed with a reason.

The sign-off stops being current and the change is an event of its own, never a silent reset.
Higher apps (the job a brief became) hear of it through `on_change_in_work`, which they fill
in their `ready()`: intake never imports them."""

from collections.abc import Callable

from accord.accounts.models import User
from accord.core import events, policy
from accord.core.errors import InvalidInput
from accord.core.policy import Audience
from accord.core.text import short_line
from accord.intake import notify, rules
from accord.intake.models import Brief, BriefVersion, SignOff

# Called in the transaction of a change to a brief in work: (brief, new version, who).
ChangeInWork = Callable[[Brief, BriefVersion, User], None]
_IN_WORK_HOOKS: list[ChangeInWork] = []

NEEDS_REASON = (Brief.Status.SIGNED_OFF, Brief.Status.CONVERTED)


def on_change_in_work(hook: ChangeInWork) -> None:
    """Register `hook` to run when a brief already in work changes (once per hook)."""
    if hook not in _IN_WORK_HOOKS:
        _IN_WORK_HOOKS.append(hook)


def is_change_of_plan(brief: Brief) -> bool:
    """Whether a change to `brief` now voids a sign-off, and so needs a reason."""
    return brief.status in NEEDS_REASON


def clean_reason(reason: str | None) -> str:
    """The one-line reason a change of plan needs: required, at most 200 characters."""
    if "\n" in (reason or "").strip():
        raise InvalidInput("Give the reason on one line.", field="reason")
    line = short_line(reason, limit=rules.MAX_REASON, what="the reason", field="reason")
    if not line:
        raise InvalidInput(
            "This brief is signed off: say in one line why the plan changes. "
            "The change voids the sign-off.",
            field="reason",
        )
    return line


def record_replan(
    *,
    by: User,
    brief: Brief,
    version: BriefVersion,
    reason: str,
    fields: list[str],
    was: str,
    extra: dict[str, object] | None = None,
) -> None:
    """After the new version is written: the sign-off is no longer current, the event, the
    other side told, and (for a brief in work) the job flagged."""
    signed = (
        SignOff.objects.filter(brief=brief).select_related("version").order_by("-signed_at", "-pk")
    ).first()
    SignOff.objects.filter(brief=brief, is_current=True).update(is_current=False)
    signed_number = signed.version.number if signed is not None else None
    events.record(
        actor=by,
        verb="brief.replanned",
        target=brief,
        client=brief.client,
        audience=Audience.CLIENT,
        data={
            "title": brief.title,
            "reason": reason,
            "signed_version": signed_number,
            "version": version.number,
            "fields": fields,
            "in_work": was == Brief.Status.CONVERTED,
            **(extra or {}),
        },
    )
    notify.replanned(brief, by=by, reason=reason, to_agency=policy.is_contact(by))
    if was == Brief.Status.CONVERTED:
        for hook in _IN_WORK_HOOKS:
            hook(brief, version, by)
