"""Reads of conflicting feedback, scoped to the person asking: the agency's side only (admins
every client's, an account manager their own clients')."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case, Exists, OuterRef, QuerySet, Subquery, Value, When

from accord.core import policy
from accord.core.links import url_pattern
from accord.insights.models import FeedbackConflict
from accord.reviews.models import Version

STATUSES = tuple(FeedbackConflict.Status.values)
ROW_FIELDS = (
    "pk",
    "kind",
    "status",
    "summary",
    "element",
    "detected_at",
    "settled_at",
    "revision",
    "client_id",
    "client__name",
    "deliverable_id",
    "deliverable__title",
    "version_id",
    "version__number",
    "round_id",
    "settled_by__name",
)
# The two sides of a conflict, read with it in one query.
SIDES = (
    "version",
    "settled_by",
    "first_comment__author",
    "first_comment__guest",
    "second_comment__author",
    "second_comment__guest",
    "first_decision__reviewer__user",
    "first_decision__reviewer__guest",
    "second_decision__reviewer__user",
    "second_decision__reviewer__guest",
)


def visible_to(user: Any) -> QuerySet[FeedbackConflict]:
    """Conflicts the person may read: admins all, account managers their clients'; nobody
    else (creatives, contacts, guests) any."""
    if policy.is_admin(user):
        return FeedbackConflict.objects.all()
    if policy.is_account_manager(user):
        return FeedbackConflict.objects.filter(client__account_manager=user)
    return FeedbackConflict.objects.none()


def with_status(conflicts: QuerySet[FeedbackConflict], status: str) -> QuerySet[FeedbackConflict]:
    """`status` "open" or "settled"; anything else: both, the open ones first."""
    if status in STATUSES:
        conflicts = conflicts.filter(status=status)
    # "open" sorts before "settled": the ones to settle come first, then the newest.
    return conflicts.order_by("status", "-detected_at", "-pk")


def rows(conflicts: QuerySet[FeedbackConflict]) -> QuerySet[Any]:
    return conflicts.values(*ROW_FIELDS)


def open_on(deliverable: Any, version_id: int | None = None) -> QuerySet[FeedbackConflict]:
    """A deliverable's open conflicts on the version its review page shows: `version_id` when
    it is one of the deliverable's versions, else the latest (`deliverable` from an access
    function: its reader may see them)."""
    chosen = [Case(When(pk=version_id, then=Value(0)), default=Value(1))] if version_id else []
    shown = Version.objects.filter(deliverable=deliverable).order_by(*chosen, "-number")
    return FeedbackConflict.objects.filter(
        deliverable=deliverable,
        status=FeedbackConflict.Status.OPEN,
        version_id=Subquery(shown.values("pk")[:1]),
    ).order_by("-detected_at", "-pk")


def on_latest_versions(conflicts: QuerySet[FeedbackConflict]) -> QuerySet[FeedbackConflict]:
    """Those on their deliverable's latest version: a newer version is what the client
    reviews now (older ones stay in the lists, with their version). No query of its own."""
    newer = Version.objects.filter(
        deliverable_id=OuterRef("deliverable_id"), number__gt=OuterRef("version__number")
    )
    return conflicts.exclude(Exists(newer))


@dataclass
class Side:
    """One side of a conflict: who said what, where, and whether it was resolved since."""

    who: str
    said: str
    where: str
    at: datetime | None
    url: str
    verdict: str = ""
    resolved: bool = False
    comment_id: int | None = None
    decision_id: int | None = None


def _name(person: Any, guest: Any) -> str:
    if person is not None:
        return str(person.name or person.email)
    if guest is not None:
        return f"{guest.name or guest.email} (guest)"
    return "Someone"


def _where(comment: Any, version_kind: str) -> str:
    if comment.parent_id:
        return "in reply to a comment"
    if comment.anchor == "point":
        return (
            "pinned on the image" if version_kind == "image" else f"pinned on page {comment.page}"
        )
    if comment.anchor == "moment" and comment.at_seconds is not None:
        seconds = int(comment.at_seconds)
        return f"at {seconds // 60}:{seconds % 60:02d}"
    if comment.anchor == "range":
        return f"on “{comment.quote}”"
    return "on the whole version"


def review_url(
    deliverable_id: int, version_id: int, place: str = "conflicts", *, page: str = ""
) -> str:
    """Where a conflict is settled: its deliverable's review page at its version, at `place`
    (an anchor: "conflicts", "todos", "comment-<id>"…; "" for none). `page`: the review page's
    `url_pattern`, built once for a long list."""
    page = page or url_pattern("reviews:deliverable", "deliverable_id")
    url = f"{page.format(deliverable_id)}?version={version_id}"
    return f"{url}#{place}" if place else url


def sides(conflict: FeedbackConflict) -> list[Side]:
    """Both sides, the earlier first (`conflict` read with SIDES)."""
    page = url_pattern("reviews:deliverable", "deliverable_id")
    out = []
    if conflict.kind == FeedbackConflict.Kind.COMMENTS:
        for comment in (conflict.first_comment, conflict.second_comment):
            if comment is None:
                continue
            out.append(
                Side(
                    who=_name(comment.author, comment.guest),
                    said=comment.body,
                    where=_where(comment, conflict.version.kind),
                    at=comment.created_at,
                    url=review_url(
                        conflict.deliverable_id,
                        conflict.version_id,
                        f"comment-{comment.pk}",
                        page=page,
                    ),
                    resolved=comment.resolved_at is not None,
                    comment_id=comment.pk,
                )
            )
        return out
    for decision in (conflict.first_decision, conflict.second_decision):
        if decision is None:
            continue
        out.append(
            Side(
                who=_name(decision.reviewer.user, decision.reviewer.guest),
                said=decision.note,
                where=f"on the client round of version {conflict.version.number}",
                at=decision.decided_at,
                url=review_url(
                    conflict.deliverable_id,
                    conflict.version_id,
                    f"round-{decision.round_id}",
                    page=page,
                ),
                verdict=decision.get_verdict_display(),
                decision_id=decision.pk,
            )
        )
    return out
