"""A change of plan: a signed-off brief, or one already in work, changed with a reason.

A signed-off brief goes back for a new sign-off. A brief in work keeps the sign-off its work
started from (it covers that version, by its fingerprint) and its job is flagged with what
changed since. Either way the change is an event of its own, never a silent reset.
Higher apps (the job a brief became) hear of it through `on_change_in_work`, which they fill
in their `ready()`: intake never imports them."""

from collections.abc import Callable

from accord.accounts.models import User
from accord.clients.models import Contact
from accord.core import events, policy
from accord.core.errors import InvalidInput, NotAllowed
from accord.core.policy import Audience, ContactRole
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


def ensure_may_replan(by: User, brief: Brief) -> None:
    """On the client's side, only an approver changes the plan of a signed-off brief: a
    reviewer's change would undo what an approver signed."""
    if (
        policy.is_contact(by)
        and not Contact.objects.filter(
            client_id=brief.client_id, user=by, role=ContactRole.APPROVER
        ).exists()
    ):
        raise NotAllowed(
            f"Only an approver at {brief.client.name} can change the plan of a signed-off "
            "brief; tell them, or your account manager, what should change."
        )


def clean_reason(reason: str | None, brief: Brief) -> str:
    """The one-line reason a change of plan needs: required, at most 200 characters."""
    if "\n" in (reason or "").strip():
        raise InvalidInput("Give the reason on one line.", field="reason")
    line = short_line(reason, limit=rules.MAX_REASON, what="the reason", field="reason")
    if not line:
        if brief.status == Brief.Status.CONVERTED:
            message = (
                "This brief is in work: say in one line why the plan changes. The job will "
                "show what changed since the work started."
            )
        else:
            message = (
                "This brief is signed off: say in one line why the plan changes. "
                "The change voids the sign-off."
            )
        raise InvalidInput(message, field="reason")
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
    """After the new version is written: the event, the other side told, and either the
    sign-off no longer current (a signed-off brief) or the job flagged (a brief in work, whose
    sign-off stays what the work started from)."""
    signed = (
        SignOff.objects.filter(brief=brief).select_related("version").order_by("-signed_at", "-pk")
    ).first()
    if was != Brief.Status.CONVERTED:
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
