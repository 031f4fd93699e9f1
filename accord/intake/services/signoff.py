"""Sign-off: the AM proposes a version, an approver signs exactly that version, a job starts."""

from django.db import transaction

from accord.accounts.models import User
from accord.clients.models import Contact
from accord.core import events
from accord.core.errors import DomainError, IllegalTransition, InvalidInput, NotAllowed
from accord.core.events import content_sha256
from accord.core.policy import Audience, ContactRole
from accord.intake import notify, rules
from accord.intake.models import Brief, BriefVersion, SignOff, WaitingOn
from accord.intake.services.briefs import locked, move_brief, stale

S = Brief.Status


@transaction.atomic
def propose_for_sign_off(*, by: User, brief: Brief) -> Brief:
    """The AM sends the current version to the client's approvers for sign-off."""
    brief = locked(brief)
    open_questions = brief.clarifications.filter(answered_at__isnull=True).count()
    if brief.status == S.SUBMITTED and open_questions:
        raise DomainError(
            f"{open_questions} question{'s are' if open_questions > 1 else ' is'} "
            "still open: wait for the answer before asking for sign-off."
        )
    if not Contact.objects.filter(
        client=brief.client, role=ContactRole.APPROVER, user__is_active=True
    ).exists():
        raise DomainError(f"{brief.client.name} has no approver yet: add one under Contacts.")
    move_brief(brief, S.PROPOSED, waiting_on=WaitingOn.CLIENT)
    brief.proposed_version = brief.current_version
    brief.save()
    version = brief.proposed_version
    events.record(
        actor=by,
        verb="brief.proposed",
        target=brief,
        client=brief.client,
        audience=Audience.CLIENT,
        data={"title": brief.title, "version": version.number if version else None},
    )
    notify.sign_off_requested(brief)
    return brief


@transaction.atomic
def sign_off(*, by: User, brief: Brief, version_number: int, sha256: str = "") -> SignOff:
    """An approver signs off exactly the version they read; a stale page is refused."""
    brief = locked(brief)
    if not Contact.objects.filter(client=brief.client, user=by, role=ContactRole.APPROVER).exists():
        raise NotAllowed(f"Only an approver at {brief.client.name} can sign off this brief.")
    proposed = _proposed_as_read(brief, version_number, sha256)
    digest = content_sha256(
        rules.version_content(
            title=proposed.title, questions=proposed.questions, answers=proposed.answers
        )
    )
    if digest != proposed.sha256:
        raise DomainError(
            "This version's content does not match its fingerprint; it cannot "
            "be signed. Please tell your account manager."
        )
    signed = SignOff.objects.create(brief=brief, version=proposed, signed_by=by, sha256=digest)
    move_brief(brief, S.SIGNED_OFF, waiting_on=WaitingOn.AGENCY)
    brief.save()
    events.record(
        actor=by,
        verb="brief.signed_off",
        target=brief,
        client=brief.client,
        audience=Audience.CLIENT,
        data={
            "title": brief.title,
            "version": proposed.number,
            "sha256": digest,
            "sign_off": signed.pk,
        },
    )
    notify.brief_to_agency(brief, what="signed off")
    return signed


MAX_NOTE = 2_000


@transaction.atomic
def request_changes(*, by: User, brief: Brief, version_number: int, note: str) -> Brief:
    """An approver or reviewer sends the proposed version back to the agency with what to
    change; the proposal is withdrawn and the account manager is emailed the note."""
    note = (note or "").replace("\x00", "").strip()
    if not note:
        raise InvalidInput("Say what should change, so the agency knows what to do.", field="note")
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"Keep the note under {MAX_NOTE:,} characters.", field="note")
    brief = locked(brief)
    if not Contact.objects.filter(
        client=brief.client, user=by, role__in=(ContactRole.APPROVER, ContactRole.REVIEWER)
    ).exists():
        raise NotAllowed(f"Only an approver or reviewer at {brief.client.name} can do that.")
    proposed = _proposed_as_read(brief, version_number)
    move_brief(brief, S.SUBMITTED, waiting_on=WaitingOn.AGENCY)
    brief.proposed_version = None
    brief.save()
    events.record(
        actor=by,
        verb="brief.changes_requested",
        target=brief,
        client=brief.client,
        audience=Audience.CLIENT,
        data={"title": brief.title, "version": proposed.number, "note": note},
    )
    notify.changes_requested(brief, by=by, note=note, version=proposed.number)
    return brief


def _proposed_as_read(brief: Brief, version_number: int, sha256: str = "") -> BriefVersion:
    """The version up for sign-off, if it is the one the person read (by number and, when
    the page sent it, fingerprint); else what changed since, or why there is none."""
    proposed = brief.proposed_version
    if brief.status == S.PROPOSED and proposed is not None:
        if version_number == proposed.number and sha256 in ("", proposed.sha256):
            return proposed
        raise stale(
            brief,
            read=version_number,
            now=proposed,
            message=(
                f"The brief changed since you opened it: version {proposed.number} is now up for "
                "sign-off. Here is what changed; please read it before you answer."
            ),
        )
    current = brief.current_version
    if current is not None and version_number != current.number:
        raise stale(
            brief,
            read=version_number,
            now=current,
            message=(
                "The brief changed since you opened it and is no longer up for sign-off; "
                f"{brief.client.account_manager.name} will send you the new version. "
                "Here is what changed."
            ),
        )
    raise IllegalTransition("This brief is not waiting for sign-off.")


def current_sign_off(brief: Brief) -> SignOff | None:
    return brief.sign_offs.filter(is_current=True).select_related("signed_by", "version").first()


@transaction.atomic
def mark_converted(*, by: User, brief: Brief) -> Brief:
    """Called by the work side when a job starts from this brief."""
    brief = locked(brief)
    signed = current_sign_off(brief)
    if brief.status != S.SIGNED_OFF or signed is None:
        raise IllegalTransition("Only a signed-off brief can become a job.")
    if brief.current_version is None or signed.sha256 != brief.current_version.sha256:
        raise IllegalTransition("The brief changed after sign-off; it needs a new sign-off.")
    move_brief(brief, S.CONVERTED, waiting_on=WaitingOn.NOBODY)
    brief.save()
    return brief
