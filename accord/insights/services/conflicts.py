"""Conflicting feedback: found when a client's reviewer comments or decides (listeners on the
review services' events, inside their transaction), settled by the account manager.

A comment is compared with the other client comments on its version (the latest
MAX_COMPARED, by other people of the client: contacts and guests; not those resolved, nor
replies in a resolved thread); a decision with the other client decisions on its version. Each
pair that pulls two ways becomes one FeedbackConflict, recorded ("conflict.detected", for the
agency) and told to the client's account manager. A comment resolved later does not settle it:
only the account manager does, saying what was agreed with the client.

While a conflict is open, the same two people pulling the same element (or, naming none, the
same place) two ways again open no second one. Once it is settled, its two comments are
settled between those two people about that element: neither pairs with the other person
about it again, so restating the agreement reopens nothing. A comment either of them writes
after the settlement pairs with the other's comments that were not part of it.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accord.accounts.erasure import ERASED_DOMAIN
from accord.accounts.models import User
from accord.core import events
from accord.core.errors import Conflict, InvalidInput, NotAllowed
from accord.core.models import Event
from accord.core.notify import notify
from accord.core.policy import Audience, Kind
from accord.insights import conflicts as rules
from accord.insights import queries_conflicts as queries
from accord.insights.access_conflicts import manages
from accord.insights.models import FeedbackConflict
from accord.reviews.models import Comment, Decision, Round

MAX_COMPARED = 200  # the other client comments a new one is compared with (the latest)
MAX_DECISIONS = 50
MAX_NEW = 5  # conflicts one comment or decision opens at most
MAX_RESOLUTION = 2_000
MEDIUMS = {"copy": "copy", "video": "video"}  # any other version is looked at
NOTIFICATION_KIND = "insights.conflict"  # declared in hooks_conflicts

_PLACE_FIELDS = ("anchor", "page", "x", "y", "at_seconds", "start", "end")
COMMENT_FIELDS = (
    "pk",
    "body",
    *_PLACE_FIELDS,
    "parent_id",
    "author_id",
    "guest_id",
    "created_at",
    "author__name",
    "author__email",
    "guest__name",
    "guest__email",
    "parent__body",
    *(f"parent__{f}" for f in _PLACE_FIELDS),
)
# A comment's and a decision's two relations to who wrote it: a user or a guest.
AUTHOR = ("author", "guest")
DECIDER = ("reviewer__user", "reviewer__guest")
DECISION_FIELDS = (
    "pk",
    "verdict",
    "note",
    "decided_at",
    "round_id",
    "reviewer__user_id",
    "reviewer__guest_id",
    "reviewer__user__name",
    "reviewer__user__email",
    "reviewer__guest__name",
    "reviewer__guest__email",
)


def client_voice() -> Q:
    """Comments the client wrote (its contacts' and its guests'), not the agency's replies."""
    return Q(guest__isnull=False) | Q(author__kind=Kind.CONTACT)


def first_name(name: str | None, email: str | None) -> str:
    """How a summary names a reviewer: their first name (an erased person, their placeholder)."""
    if (email or "").endswith(f"@{ERASED_DOMAIN}"):
        return name or "Someone"
    if name and name.strip():
        return name.split()[0]
    return (email or "Someone").split("@")[0]


People = frozenset[tuple[str, int]]


def place_of(row: dict[str, Any], prefix: str = "") -> rules.Place:
    seconds = row.get(f"{prefix}at_seconds")
    return rules.Place(
        anchor=row.get(f"{prefix}anchor") or "none",
        page=row.get(f"{prefix}page"),
        x=row.get(f"{prefix}x"),
        y=row.get(f"{prefix}y"),
        seconds=float(seconds) if seconds is not None else None,
        start=row.get(f"{prefix}start"),
        end=row.get(f"{prefix}end"),
    )


def said_where(row: dict[str, Any], prefix: str = "") -> rules.Place:
    """Where a comment is about: where it is pinned, or for a reply where what it answers is."""
    return (
        place_of(row, f"{prefix}parent__")
        if row.get(f"{prefix}parent_id")
        else place_of(row, prefix)
    )


@dataclass(frozen=True)
class Said:
    """A client comment as the rules read it: whose, what it asks, where."""

    pk: int
    person: tuple[str, int]
    name: str
    body: str
    remark: rules.Remark

    @classmethod
    def of(cls, row: dict[str, Any], medium: str) -> "Said":
        asks = rules.parse(row["body"], medium=medium)
        place = said_where(row)
        if row.get("parent_id"):
            # A reply is about what it answers.
            asks = rules.inherit(asks, rules.parse(row.get("parent__body") or "", medium=medium))
        person, name = _who(row, *AUTHOR), _named(row, *AUTHOR)
        return cls(row["pk"], person, name, row["body"], rules.Remark(asks, place))


def _who(row: dict[str, Any], user: str, guest: str) -> tuple[str, int]:
    """Who wrote a comment's or a decision's row (`user`, `guest`: its two relations to its
    author, e.g. AUTHOR): ("guest", id) or ("user", id)."""
    return ("guest", row[f"{guest}_id"]) if row[f"{guest}_id"] else ("user", row[f"{user}_id"] or 0)


def _named(row: dict[str, Any], user: str, guest: str) -> str:
    """The first name a summary gives whoever wrote a row (read with their name and email)."""
    by = guest if row[f"{guest}_id"] else user
    return first_name(row[f"{by}__name"], row[f"{by}__email"])


def _people(first: Any, second: Any) -> People:
    return frozenset({first, second})


@dataclass
class KnownOnVersion:
    """The conflicts already on a version. Open ones, to open no second one about the same
    thing: who each is between and the element it names ("decisions" for decisions), or,
    naming none, the places its two comments are about. Settled ones between comments: each
    comment with the other person and the element it was settled with."""

    about: set[tuple[People, str]]
    places: dict[People, list[rules.Place]]
    settled: set[tuple[int, tuple[str, int], str]]

    def covers(self, people: People, element: str, place: rules.Place) -> bool:
        if element:
            return (people, element) in self.about
        return any(rules.same_place(known, place) for known in self.places.get(people, ()))


# --- Listeners ---------------------------------------------------------------------------------


def on_comment_added(event: Event) -> None:
    """A client comment: compare it with the others on its version."""
    if event.audience == Audience.CLIENT and event.target_type == "reviews.comment":
        detect_for_comment(comment_id=int(event.target_id), at=event.created_at)


def on_review_decided(event: Event) -> None:
    """A client reviewer's decision: compare it with the others on the version."""
    if event.target_type == "reviews.decision" and (event.data or {}).get("stage") == "client":
        detect_for_decision(decision_id=int(event.target_id), at=event.created_at)


def detect_for_comment(*, comment_id: int, at: datetime | None = None) -> list[FeedbackConflict]:
    """The conflicts a client comment opens with other people's client comments on its version
    (none for the agency's comments, nor for one that asks for no change: one query then)."""
    comments = Comment.objects.filter(audience=Audience.CLIENT).filter(client_voice())
    row = (
        comments.filter(pk=comment_id)
        .values(
            *COMMENT_FIELDS,
            "version_id",
            "version__kind",
            "version__number",
            "deliverable_id",
            "deliverable__title",
            "client_id",
            "round_id",
        )
        .first()
    )
    if row is None:
        return []
    medium = MEDIUMS.get(row["version__kind"], "visual")
    new = Said.of(row, medium)
    if not new.remark.asks:
        return []
    others = (
        comments.filter(version_id=row["version_id"])
        .filter(resolved_at__isnull=True, parent__resolved_at__isnull=True)
        .exclude(pk=comment_id)
        .exclude(
            **(
                {"guest_id": row["guest_id"]}
                if row["guest_id"]
                else {"author_id": row["author_id"]}
            )
        )
        .order_by("-created_at", "-pk")
        .values(*COMMENT_FIELDS)[:MAX_COMPARED]
    )
    known = _known_on(row["version_id"], FeedbackConflict.Kind.COMMENTS)
    found: list[tuple[Said, rules.Ask, rules.Ask]] = []
    seen: set[tuple[tuple[str, int], str]] = set()
    for other_row in others:
        other = Said.of(other_row, medium)
        pair = rules.clash(other.remark, new.remark)
        if pair is None:
            continue
        # One conflict with each other person about each element (or, naming none, one).
        element = pair[0].element or pair[1].element
        key = (other.person, element)
        if (
            key in seen
            or (other.pk, new.person, element) in known.settled
            or known.covers(_people(other.person, new.person), element, new.remark.place)
        ):
            continue
        seen.add(key)
        found.append((other, *pair))
        if len(found) >= MAX_NEW:
            break
    return _open_for_comments(row, new, found, at)


@transaction.atomic
def _open_for_comments(
    row: dict[str, Any], new: Said, found: list[tuple[Said, rules.Ask, rules.Ask]], at: Any
) -> list[FeedbackConflict]:
    made = []
    for other, first_ask, second_ask in reversed(found):  # the oldest first
        conflict = FeedbackConflict.objects.create(
            client_id=row["client_id"],
            deliverable_id=row["deliverable_id"],
            version_id=row["version_id"],
            round_id=row["round_id"],
            kind=FeedbackConflict.Kind.COMMENTS,
            first_comment_id=other.pk,
            second_comment_id=new.pk,
            element=(first_ask.element or second_ask.element)[:80],
            summary=rules.describe(other.name, first_ask, new.name, second_ask),
            detected_at=at or timezone.now(),
        )
        quotes = [(other.name, other.body), (new.name, new.body)]
        _announce(conflict, row["deliverable__title"], row["version__number"], quotes=quotes)
        made.append(conflict)
    return made


_SIDE_PLACE = (*_PLACE_FIELDS, "parent_id", *(f"parent__{f}" for f in _PLACE_FIELDS))


def _known_on(version_id: int, kind: str) -> KnownOnVersion:
    """The conflicts on a version (a second one between the same two people about the same
    element, or naming none about the same place, adds nothing to settle; a settled one's
    comments are settled with each other's author). One query, the open ones first."""
    side = "comment" if kind == FeedbackConflict.Kind.COMMENTS else "decision"
    user, guest = AUTHOR if side == "comment" else DECIDER
    places = (
        [f"{first}_comment__{f}" for first in ("first", "second") for f in _SIDE_PLACE]
        if side == "comment"
        else []
    )
    conflicts = FeedbackConflict.objects.filter(version_id=version_id, kind=kind)
    if side == "decision":
        conflicts = conflicts.filter(status=FeedbackConflict.Status.OPEN)
    rows = conflicts.order_by("status", "-pk").values(
        "status",
        "element",
        f"first_{side}_id",
        f"second_{side}_id",
        *(f"{n}_{side}__{by}_id" for n in ("first", "second") for by in (user, guest)),
        *places,
    )[:500]
    found = KnownOnVersion(about=set(), places={}, settled=set())
    for row in rows:
        first = _who(row, f"first_{side}__{user}", f"first_{side}__{guest}")
        second = _who(row, f"second_{side}__{user}", f"second_{side}__{guest}")
        people = _people(first, second)
        if row["status"] == FeedbackConflict.Status.SETTLED:
            found.settled.add((row["first_comment_id"], second, row["element"]))
            found.settled.add((row["second_comment_id"], first, row["element"]))
        elif side == "decision":
            found.about.add((people, "decisions"))
        elif row["element"]:
            found.about.add((people, row["element"]))
        else:
            found.places.setdefault(people, []).extend(
                said_where(row, f"{n}_comment__") for n in ("first", "second")
            )
    return found


@transaction.atomic
def detect_for_decision(*, decision_id: int, at: datetime | None = None) -> list[FeedbackConflict]:
    """The conflicts a client decision opens: one reviewer approving the version while another
    asks for changes to it (in the same round, or another client round of the version)."""
    decisions = Decision.objects.filter(round__stage=Round.Stage.CLIENT)
    row = (
        decisions.filter(pk=decision_id)
        .values(
            *DECISION_FIELDS,
            "round__version_id",
            "round__version__number",
            "round__deliverable_id",
            "round__deliverable__title",
            "round__client_id",
        )
        .first()
    )
    if row is None:
        return []
    person = _who(row, *DECIDER)
    known = _known_on(row["round__version_id"], FeedbackConflict.Kind.DECISIONS)
    others = (
        decisions.filter(round__version_id=row["round__version_id"])
        .exclude(pk=decision_id)
        .order_by("-decided_at", "-pk")
        .values(*DECISION_FIELDS)[:MAX_DECISIONS]
    )
    made = []
    seen: set[tuple[str, int]] = set()
    for other in others:
        who = _who(other, *DECIDER)
        if (
            who == person
            or who in seen
            or not rules.decisions_clash(other["verdict"], row["verdict"])
        ):
            continue
        seen.add(who)
        if known.covers(_people(who, person), "decisions", rules.Place()):
            continue
        number = row["round__version__number"]
        first, second = _named(other, *DECIDER), _named(row, *DECIDER)
        conflict = FeedbackConflict.objects.create(
            client_id=row["round__client_id"],
            deliverable_id=row["round__deliverable_id"],
            version_id=row["round__version_id"],
            round_id=row["round_id"],
            kind=FeedbackConflict.Kind.DECISIONS,
            first_decision_id=other["pk"],
            second_decision_id=row["pk"],
            summary=rules.describe_decisions(
                first, other["verdict"], second, row["verdict"], number
            ),
            detected_at=at or timezone.now(),
        )
        quotes = [(first, other["note"] or _verdict(other)), (second, row["note"] or _verdict(row))]
        _announce(conflict, row["round__deliverable__title"], number, quotes=quotes)
        made.append(conflict)
        if len(made) >= MAX_NEW:
            break
    return made


def _verdict(row: dict[str, Any]) -> str:
    return str(dict(Decision.Verdict.choices).get(row["verdict"], row["verdict"]))


def _about(conflict: FeedbackConflict, title: str, number: int) -> dict[str, Any]:
    """What an event says of a conflict: ids, the deliverable's title, never a person."""
    return {
        "deliverable": conflict.deliverable_id,
        "title": title,
        "version": conflict.version_id,
        "number": number,
        "kind": conflict.kind,
        "element": conflict.element,
    }


def _announce(
    conflict: FeedbackConflict,
    title: str,
    number: int,
    *,
    quotes: list[tuple[str, str]],
) -> None:
    """Record the conflict and tell the client's account manager (in this transaction): Accord
    found it, so neither records nor notifies anyone as its actor."""
    events.record(
        actor=None,
        verb="conflict.detected",
        target=conflict,
        client=conflict.client_id,
        data={
            **_about(conflict, title, number),
            **(
                {"comments": [conflict.first_comment_id, conflict.second_comment_id]}
                if conflict.kind == FeedbackConflict.Kind.COMMENTS
                else {"decisions": [conflict.first_decision_id, conflict.second_decision_id]}
            ),
        },
    )
    manager = User.objects.filter(managed_clients__pk=conflict.client_id, is_active=True).first()
    said = "\n".join(f"{name}: “{' '.join(body.split())[:400]}”" for name, body in quotes)
    notify(
        people=[manager] if manager else [],
        kind="insights.conflict",
        text=f"Conflicting feedback on “{title}” (version {number}): {conflict.summary}",
        url=queries.review_url(conflict.deliverable_id, conflict.version_id),
        client_id=conflict.client_id,
        details=f"{said}\n\nSettle it with the client before to-dos go to the team.",
    )


# --- Settling ----------------------------------------------------------------------------------


@transaction.atomic
def settle(
    *, by: User, conflict: FeedbackConflict, resolution: str, revision: int
) -> FeedbackConflict:
    """The account manager records what was agreed with the client about it; `revision` is
    the one they read (someone else's change since is never overwritten: 409)."""
    resolution = resolution.strip()
    if not resolution:
        raise InvalidInput("Say what was agreed with the client.", field="resolution")
    if len(resolution) > MAX_RESOLUTION:
        raise InvalidInput(
            f"Keep what was agreed under {MAX_RESOLUTION:,} characters.", field="resolution"
        )
    # Only the conflict's row is locked (`of`), and no nullable relation is joined to it:
    # PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    locked = (
        FeedbackConflict.objects.select_for_update(of=("self",))
        .select_related("client", "deliverable", "version")
        .get(pk=conflict.pk)
    )
    if not manages(by, locked.client):
        raise NotAllowed("Only the client's account manager settles its conflicting feedback.")
    if locked.status == FeedbackConflict.Status.SETTLED:
        who = locked.settled_by.name if locked.settled_by else "Someone"  # read after the lock
        when = timezone.localtime(locked.settled_at) if locked.settled_at else None
        on = f" on {when:%-d %b %Y at %H:%M}" if when else ""
        raise Conflict(
            f"{who} settled this already{on}; nothing was changed. What was agreed: "
            f"“{locked.resolution}”",
            field="revision",
        )
    if revision != locked.revision:
        raise Conflict(
            "This conflict changed since you read it: read it again, then settle it.",
            field="revision",
        )
    locked.status = FeedbackConflict.Status.SETTLED
    locked.settled_by, locked.settled_at = by, timezone.now()
    locked.resolution = resolution
    locked.revision += 1
    locked.save(update_fields=["status", "settled_by", "settled_at", "resolution", "revision"])
    events.record(
        actor=by,
        verb="conflict.settled",
        target=locked,
        client=locked.client_id,
        data=_about(locked, locked.deliverable.title, locked.version.number),
    )
    return locked


# --- Erasing a person ----------------------------------------------------------------------------


def forget_person(person: User, by: User | None) -> None:
    """Summaries name reviewers: those naming an erased person are written again (the
    person's row already holds the placeholder name)."""
    mine = (
        Q(first_comment__author=person)
        | Q(second_comment__author=person)
        | Q(first_decision__reviewer__user=person)
        | Q(second_decision__reviewer__user=person)
    )
    for conflict in FeedbackConflict.objects.filter(mine).select_related("version").iterator():
        summary = _summary_again(conflict)
        if summary and summary != conflict.summary:
            conflict.summary = summary
            conflict.save(update_fields=["summary"])


def _summary_again(conflict: FeedbackConflict) -> str:
    if conflict.kind == FeedbackConflict.Kind.DECISIONS:
        rows = {
            r["pk"]: r
            for r in Decision.objects.filter(
                pk__in=[conflict.first_decision_id, conflict.second_decision_id]
            ).values(*DECISION_FIELDS)
        }
        first, second = rows.get(conflict.first_decision_id), rows.get(conflict.second_decision_id)
        if not first or not second:
            return ""
        return rules.describe_decisions(
            _named(first, *DECIDER), first["verdict"], _named(second, *DECIDER), second["verdict"],
            conflict.version.number,
        )  # fmt: skip
    medium = MEDIUMS.get(conflict.version.kind, "visual")
    said = {
        r["pk"]: Said.of(r, medium)
        for r in Comment.objects.filter(
            pk__in=[conflict.first_comment_id, conflict.second_comment_id]
        ).values(*COMMENT_FIELDS)
    }
    first_said, second_said = (
        said.get(conflict.first_comment_id),
        said.get(conflict.second_comment_id),
    )
    if not first_said or not second_said:
        return ""
    pair = rules.clash(first_said.remark, second_said.remark)
    if pair is None:
        return ""
    return rules.describe(first_said.name, pair[0], second_said.name, pair[1])
