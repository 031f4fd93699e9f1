"""Comments on a version: pinned to a point (image, PDF page), a moment (video) or a passage
(copy), or on the whole; replies under them; resolved and reopened by the agency."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events, policy
from accord.core.errors import Conflict, InvalidInput, NotAllowed
from accord.core.notify import notify
from accord.core.policy import Audience
from accord.reviews import search
from accord.reviews.models import Comment, Guest, Round, Version
from accord.reviews.services.common import actor_of, deliverable_url, is_guest, name_of
from accord.reviews.services.rounds import managers_of

MAX_BODY = 5_000
MAX_PER_VERSION = 2_000
MAX_SECONDS = Decimal(24 * 3600)
QUOTE_LIMIT = 300


def _fraction(value: Any, field: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInput("Pin the comment on the work itself.", field=field) from None
    if not 0.0 <= number <= 1.0:
        raise InvalidInput("Pin the comment on the work itself.", field=field)
    return round(number, 5)


def _point(version: Version, anchor: dict[str, Any]) -> dict[str, Any]:
    if version.kind not in (Version.Kind.IMAGE, Version.Kind.PDF):
        raise InvalidInput("Points are pinned on images and PDF pages.", field="anchor")
    given: Any = anchor.get("page")
    try:
        # No page given is page 1; a page 0 is not (it is no page at all).
        page = 1 if given in (None, "") else int(given)
    except (TypeError, ValueError):
        raise InvalidInput("Give the page as a number.", field="page") from None
    last = 1 if version.kind == Version.Kind.IMAGE else max(version.page_count, 1)
    if not 1 <= page <= last:
        raise InvalidInput(f"There is no page {page} in this version.", field="page")
    return {
        "page": page,
        "x": _fraction(anchor.get("x"), "x"),
        "y": _fraction(anchor.get("y"), "y"),
    }


def _moment(version: Version, anchor: dict[str, Any]) -> dict[str, Any]:
    if version.kind != Version.Kind.VIDEO:
        raise InvalidInput("Moments are pinned on videos.", field="anchor")
    try:
        seconds = Decimal(str(anchor.get("at_seconds"))).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise InvalidInput("Give the moment in seconds.", field="at_seconds") from None
    if not seconds.is_finite() or not 0 <= seconds <= MAX_SECONDS:
        raise InvalidInput("That moment is not in the video.", field="at_seconds")
    return {"at_seconds": seconds}


def _passage(version: Version, anchor: dict[str, Any]) -> dict[str, Any]:
    if version.kind != Version.Kind.COPY:
        raise InvalidInput("Passages are marked in copy.", field="anchor")
    try:
        start, end = int(anchor.get("start")), int(anchor.get("end"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput("Select the words the comment is about.", field="start") from None
    if not 0 <= start < end <= len(version.copy_text):
        raise InvalidInput("That passage is not in this version's copy.", field="start")
    quote = " ".join(version.copy_text[start:end].split())
    if len(quote) > QUOTE_LIMIT:
        quote = quote[: QUOTE_LIMIT - 1] + "…"
    return {"start": start, "end": end, "quote": quote}


ANCHORS = {
    Comment.Anchor.POINT: _point,
    Comment.Anchor.MOMENT: _moment,
    Comment.Anchor.RANGE: _passage,
}


def _anchor(version: Version, anchor: dict[str, Any]) -> dict[str, Any]:
    """The anchor's fields, checked against the version: a point on one of its pages, a moment
    of its video, a passage of its copy, or nothing (the whole version)."""
    kind = anchor.get("anchor") or Comment.Anchor.NONE
    if kind == Comment.Anchor.NONE:
        return {"anchor": kind}
    if kind not in ANCHORS:
        raise InvalidInput(f"“{kind}” is not a place to pin a comment.", field="anchor")
    return {"anchor": kind, **ANCHORS[kind](version, anchor)}


def _audience(by: Any, wanted: str, *, managing: bool, parent: Comment | None) -> str:
    """Contacts and guests always write to the client audience, creatives internally; the AM
    chooses (a reply to an internal comment stays internal)."""
    if is_guest(by) or policy.is_contact(by):
        return Audience.CLIENT
    if not managing:
        return Audience.INTERNAL
    if wanted not in Audience.values:
        raise InvalidInput("Choose who sees the comment.", field="audience")
    if parent is not None and parent.audience == Audience.INTERNAL:
        return Audience.INTERNAL
    return wanted


@transaction.atomic
def add_comment(
    *,
    by: User | Guest,
    version: Version,
    body: str,
    audience: str = Audience.INTERNAL,
    anchor: dict[str, Any] | None = None,
    parent: Comment | None = None,
    managing: bool = False,
) -> Comment:
    """A comment on `version` (or a reply to `parent`, a top-level comment on it). `managing`:
    the author runs the deliverable (from access), so chooses the audience."""
    body = body.strip()
    if not body:
        raise InvalidInput("Write the comment first.", field="body")
    if len(body) > MAX_BODY:
        raise InvalidInput(f"Keep a comment under {MAX_BODY:,} characters.", field="body")
    # One comment at a time per version: its count stays under the limit.
    Version.objects.select_for_update().filter(pk=version.pk).values_list("pk").get()
    if Comment.objects.filter(version=version).count() >= MAX_PER_VERSION:
        raise InvalidInput(f"A version takes {MAX_PER_VERSION:,} comments at most.")
    if parent is not None:
        if (
            parent.version_id != version.pk
            or parent.parent_id is not None
            # A contact's reply is for the client: never under a comment they may not read.
            or ((is_guest(by) or policy.is_contact(by)) and parent.audience != Audience.CLIENT)
        ):
            raise InvalidInput("Reply to a comment on this version.", field="parent")
        fields: dict[str, Any] = {"anchor": Comment.Anchor.NONE}
    else:
        fields = _anchor(version, anchor or {})
    audience = _audience(by, audience, managing=managing, parent=parent)
    stage = Round.Stage.CLIENT if audience == Audience.CLIENT else Round.Stage.INTERNAL
    open_round = version.rounds.filter(status=Round.Status.OPEN, stage=stage).first()
    comment = Comment.objects.create(
        version=version,
        deliverable_id=version.deliverable_id,
        client_id=version.client_id,
        round=open_round,
        parent=parent,
        author=actor_of(by),
        guest=by if isinstance(by, Guest) else None,
        audience=audience,
        body=body,
        **fields,
    )
    search.index_comment(comment)
    deliverable = version.deliverable
    events.record(
        actor=actor_of(by),
        verb="comment.added",
        target=comment,
        client=version.client_id,
        audience=audience,
        data={
            "deliverable": deliverable.pk,
            "title": deliverable.title,
            "version": version.pk,
            "number": version.number,
            "anchor": comment.anchor,
            "reply": parent is not None,
            **({"guest": by.pk} if is_guest(by) else {}),
        },
    )
    _tell(by=by, comment=comment, deliverable=deliverable, parent=parent)
    return comment


def _tell(*, by: Any, comment: Comment, deliverable: Any, parent: Comment | None) -> None:
    """Client comments go to the account manager; internal ones to the manager and whoever
    uploaded the version; a reply to the comment's author too (if they may read it)."""
    people = managers_of(deliverable)
    if comment.audience == Audience.INTERNAL and comment.version.uploaded_by_id:
        people += list(User.objects.filter(pk=comment.version.uploaded_by_id, kind="staff"))
    if parent is not None and parent.author_id:
        author = User.objects.filter(pk=parent.author_id).first()
        if author and (comment.audience == Audience.CLIENT or policy.is_staff_member(author)):
            people.append(author)
    where = "replied on" if parent else "commented on"
    notify(
        people=people,
        kind="review.comment",
        text=f"{name_of(by)} {where} “{deliverable.title}” (version {comment.version.number}).",
        url=deliverable_url(deliverable.pk) + f"?version={comment.version_id}#comment-{comment.pk}",
        actor=actor_of(by),
        client_id=comment.client_id,
        details=comment.body[:500],
        email=comment.audience == Audience.CLIENT or parent is not None,
    )


@transaction.atomic
def resolve_comment(
    *, by: User, comment: Comment, resolved: bool, base_revision: int | None = None
) -> Comment:
    """Mark a top-level comment dealt with, or open it again."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.parent_id is not None:
        raise InvalidInput("Resolve the comment the reply belongs to.", field="comment")
    if base_revision is not None and base_revision != locked.revision:
        state = "resolved" if locked.resolved_at else "open"
        raise Conflict(f"Someone changed this comment meanwhile: it is {state} now.")
    if policy.is_contact(by) and locked.author_id != by.pk:
        raise NotAllowed("Only the agency and the comment's author resolve it.")
    if bool(locked.resolved_at) == resolved:
        return locked
    locked.resolved_at = timezone.now() if resolved else None
    locked.resolved_by = by if resolved else None
    locked.revision += 1
    locked.save(update_fields=["resolved_at", "resolved_by", "revision"])
    events.record(
        actor=by,
        verb="comment.resolved" if resolved else "comment.reopened",
        target=locked,
        client=locked.client_id,
        audience=locked.audience,
        data={"deliverable": locked.deliverable_id, "version": locked.version_id},
    )
    return locked
