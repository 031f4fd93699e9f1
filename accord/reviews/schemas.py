"""The reviews API's shapes: strict bodies in, and separate outputs for the agency and the
client. A contact's version has no uploader or upload note (the creative's own words), a
contact's round no override reason (why the AM sent it without an internal approval): the
client schemas have no such fields at all, rather than fields left empty."""

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.urls import reverse
from django.utils import timezone
from ninja import Schema
from pydantic import AwareDatetime, BaseModel, Field

from accord.core import clock
from accord.core.api_support import MAX_ID, Input, PageMeta, Text
from accord.intake.schemas import RESPONSE_DUE_AT, RESPONSE_STATE, NamedRef
from accord.reviews import rules
from accord.reviews.models import Comment, Decision, Reviewer, Round, Todo, Version, VersionPage
from accord.reviews.services import comments as comment_services
from accord.reviews.services import rounds as round_services
from accord.reviews.services import todos as todo_services

Absolute = Callable[[str], str]
StageValue = Literal["internal", "client"]
RuleValue = Literal["any", "all", "final"]
RoleValue = Literal["approver", "reviewer"]
VerdictValue = Literal["approved", "approved_with_changes", "changes_required"]
AnchorValue = Literal["none", "point", "moment", "range"]
AudienceValue = Literal["internal", "client"]
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
Id = Field(..., ge=1, le=MAX_ID)


def _ref(person: Any) -> NamedRef | None:
    return NamedRef(id=person.pk, name=person.name) if person is not None else None


# --- Versions -------------------------------------------------------------------------------


class PageOut(BaseModel):
    """A preview of one page (an image has one, a PDF one per page), as PNG."""

    number: int
    width: int
    height: int
    image_url: str
    thumbnail_url: str | None = Field(..., description="A small PNG, once made.")

    @classmethod
    def of(cls, page: VersionPage, version_id: int, absolute: Absolute) -> "PageOut":
        url = absolute(
            reverse(
                "api:get_version_page", kwargs={"version_id": version_id, "number": page.number}
            )
        )
        return cls(
            number=page.number,
            width=page.width,
            height=page.height,
            image_url=url,
            thumbnail_url=f"{url}?size=thumbnail" if page.thumbnail else None,
        )


class ClientVersionSummaryOut(BaseModel):
    """A version as listed for the client."""

    id: int
    deliverable_id: int
    number: int
    kind: str = Field(..., description="image, pdf, video, copy or link.")
    sha256: str = Field(..., description="The SHA-256 of the content: what a decision approves.")
    created_at: datetime

    @classmethod
    def fields_of(cls, version: Version) -> dict[str, Any]:
        return {
            "id": version.pk,
            "deliverable_id": version.deliverable_id,
            "number": version.number,
            "kind": version.kind,
            "sha256": version.sha256,
            "created_at": version.created_at,
        }

    @classmethod
    def of(cls, version: Version) -> "ClientVersionSummaryOut":
        return cls(**cls.fields_of(version))


class VersionSummaryOut(ClientVersionSummaryOut):
    """A version as listed for the agency: with who uploaded it and what changed."""

    note: str = Field(..., description="What changed since the last version.")
    uploaded_by: NamedRef | None

    @classmethod
    def of(cls, version: Version) -> "VersionSummaryOut":
        return cls(
            **cls.fields_of(version), note=version.note, uploaded_by=_ref(version.uploaded_by)
        )


class ClientVersionOut(ClientVersionSummaryOut):
    """One version for the client, with what the viewer needs to show it."""

    original_name: str
    content_type: str
    size: int
    preview_state: str = Field(..., description="pending, ready, failed or none.")
    page_count: int
    pages: list[PageOut]
    download_url: str | None = Field(..., description="The file (images, PDFs, videos).")
    copy_html: str = Field(..., description="Copy: its sanitised HTML.")
    copy_text: str = Field(..., description="Copy: its plain text (passages count in it).")
    link_url: str = Field(..., description="A link: the address of the work.")

    @classmethod
    def detail_of(cls, version: Version, absolute: Absolute) -> dict[str, Any]:
        download = (
            absolute(reverse("api:download_version", kwargs={"version_id": version.pk}))
            if version.file
            else None
        )
        pages = [PageOut.of(p, version.pk, absolute) for p in version.pages.all()]
        return {
            **cls.fields_of(version),
            "original_name": version.original_name,
            "content_type": version.content_type,
            "size": version.size,
            "preview_state": version.preview_state,
            "page_count": version.page_count,
            "pages": pages,
            "download_url": download,
            "copy_html": version.copy_html,
            "copy_text": version.copy_text,
            "link_url": version.link_url,
        }

    @classmethod
    def of_version(cls, version: Version, absolute: Absolute) -> "ClientVersionOut":
        return cls(**cls.detail_of(version, absolute))


class VersionOut(ClientVersionOut):
    """One version for the agency."""

    note: str
    uploaded_by: NamedRef | None

    @classmethod
    def of_version(cls, version: Version, absolute: Absolute) -> "VersionOut":
        return cls(
            **cls.detail_of(version, absolute),
            note=version.note,
            uploaded_by=_ref(version.uploaded_by),
        )


class VersionListPage(PageMeta):
    items: list[VersionSummaryOut]


class ClientVersionPage(PageMeta):
    items: list[ClientVersionSummaryOut]


class VersionForm(Schema):
    """The rest of an upload (multipart/form-data): give `file`, or `copy`, or `link_url`."""

    copy_text: str = Field(
        "", alias="copy", max_length=60_000, description="Copy to review (plain text or HTML)."
    )
    link_url: str = Field("", max_length=2_000, description="The address of the work.")
    note: str = Field("", max_length=2_000, description="What changed since the last version.")
    answers: list[RowId] = Field(
        [], max_length=300, description="Ids of the to-dos this version answers."
    )


# --- Rounds ---------------------------------------------------------------------------------


class ReviewerOut(BaseModel):
    id: int
    user: NamedRef | None = Field(..., description="A person with an account (null: a guest).")
    guest: str | None = Field(..., description="A guest reviewer's name or email.")
    role: str = Field(..., description="approver or reviewer (reviewers comment, not decide).")
    decided: bool

    @classmethod
    def of(cls, seat: Reviewer, decided: set[int]) -> "ReviewerOut":
        guest = (seat.guest.name or seat.guest.email) if seat.guest is not None else None
        return cls(
            id=seat.pk,
            user=_ref(seat.user),
            guest=guest,
            role=seat.role,
            decided=seat.pk in decided,
        )


class DecisionOut(BaseModel):
    """One reviewer's decision: never changed, bound to the SHA-256 of what was decided on."""

    id: int
    reviewer_id: int
    by: NamedRef | None
    verdict: str
    note: str
    content_sha256: str
    decided_at: datetime

    @classmethod
    def of(cls, decision: Decision) -> "DecisionOut":
        return cls(
            id=decision.pk,
            reviewer_id=decision.reviewer_id,
            by=_ref(decision.reviewer.user),
            verdict=decision.verdict,
            note=decision.note,
            content_sha256=decision.content_sha256,
            decided_at=decision.decided_at,
        )


class ClientRoundOut(BaseModel):
    """A client round as the client sees it, with its reviewers and their decisions."""

    id: int
    deliverable_id: int
    version_id: int
    version_number: int
    stage: str
    rule: str = Field(..., description="any, all or final (one final approver decides).")
    final_approver: NamedRef | None
    status: str
    due_at: datetime | None
    opened_at: datetime
    closed_at: datetime | None
    waiting_on: str = Field(..., description="client, agency or nobody.")
    waiting_since: datetime | None
    revision: int
    reviewers: list[ReviewerOut]
    decisions: list[DecisionOut]

    @classmethod
    def fields_of(cls, round: Round) -> dict[str, Any]:
        seats = list(round.reviewers.all())
        decisions = list(round.decisions.all())
        decided = {d.reviewer_id for d in decisions}
        return {
            "id": round.pk,
            "deliverable_id": round.deliverable_id,
            "version_id": round.version_id,
            "version_number": round.version.number,
            "stage": round.stage,
            "rule": round.rule,
            "final_approver": _ref(round.final_approver),
            "status": round.status,
            "due_at": round.due_at,
            "opened_at": round.opened_at,
            "closed_at": round.closed_at,
            "waiting_on": round.waiting_on,
            "waiting_since": round.waiting_since,
            "revision": round.revision,
            "reviewers": [ReviewerOut.of(s, decided) for s in seats],
            "decisions": [DecisionOut.of(d) for d in decisions],
        }

    @classmethod
    def of(cls, round: Round) -> "ClientRoundOut":
        return cls(**cls.fields_of(round))


class RoundOut(ClientRoundOut):
    """A round as the agency sees it, with the agency's response clock."""

    opened_by: NamedRef | None
    override_reason: str = Field(
        ..., description="Why it went to the client without an internal approval."
    )
    response_due_at: datetime | None = Field(..., description=RESPONSE_DUE_AT)
    response_state: clock.ResponseState = Field(..., description=RESPONSE_STATE)

    @classmethod
    def of(cls, round: Round, *, client_words: bool = True) -> "RoundOut":
        """`client_words`: whether the person reads the client's own words (the account
        manager does; creatives get them as to-dos, so a client decision's note is empty)."""
        fields = cls.fields_of(round)
        if not client_words and round.stage == Round.Stage.CLIENT:
            fields["decisions"] = [d.model_copy(update={"note": ""}) for d in fields["decisions"]]
        # Only a wait on the agency reads the client's target (its row, once a round).
        on_agency = round.waiting_on == clock.AGENCY
        reading = clock.response(
            waiting_on=round.waiting_on,
            since=round.waiting_since,
            target_hours=round.client.response_target_hours if on_agency else None,
            now=timezone.now(),
        )
        due_at, state = clock.response_due(reading)
        return cls(
            **fields,
            opened_by=_ref(round.opened_by),
            override_reason=round.override_reason,
            response_due_at=due_at,
            response_state=state,
        )


class RoundPage(PageMeta):
    items: list[RoundOut]


class ClientRoundPage(PageMeta):
    items: list[ClientRoundOut]


class SeatIn(Input):
    user_id: int = Id
    role: RoleValue = "approver"


class RoundIn(Input):
    stage: StageValue
    reviewers: list[SeatIn] = Field(..., min_length=1, max_length=round_services.MAX_REVIEWERS)
    rule: RuleValue = "any"
    final_approver_id: int | None = Field(None, ge=1, le=MAX_ID)
    due_at: AwareDatetime | None = Field(None, strict=False, description="With its time zone.")
    reason: Text = Field(
        "",
        max_length=round_services.MAX_REASON,
        description="Why a client round goes without an internal approval (then required).",
    )
    confirm: bool = Field(False, description="Yes, send a round past the included revisions.")
    version_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="The version you mean to put to review: if a newer one came since, 409.",
    )


class DecisionIn(Input):
    verdict: VerdictValue
    note: Text = Field(
        "",
        max_length=round_services.MAX_DECISION_NOTE,
        description="What to change: required unless approved.",
    )


class NudgeOut(BaseModel):
    reminded: int = Field(..., description="How many undecided reviewers were reminded.")


# --- Comments -------------------------------------------------------------------------------


class AnchorOut(BaseModel):
    anchor: str = Field(..., description="none, point, moment or range.")
    page: int | None
    x: float | None
    y: float | None
    at_seconds: Decimal | None
    start: int | None
    end: int | None
    quote: str


class CommentOut(BaseModel):
    id: int
    version_id: int
    round_id: int | None
    parent_id: int | None
    author: NamedRef | None
    guest: str | None = Field(..., description="A guest author's name or email.")
    audience: str
    body: str
    anchor: AnchorOut
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: NamedRef | None
    revision: int

    @classmethod
    def of(cls, comment: Comment) -> "CommentOut":
        guest = comment.guest
        return cls(
            id=comment.pk,
            version_id=comment.version_id,
            round_id=comment.round_id,
            parent_id=comment.parent_id,
            author=_ref(comment.author),
            guest=(guest.name or guest.email) if guest is not None else None,
            audience=comment.audience,
            body=comment.body,
            anchor=AnchorOut(
                anchor=comment.anchor,
                page=comment.page,
                x=comment.x,
                y=comment.y,
                at_seconds=comment.at_seconds,
                start=comment.start,
                end=comment.end,
                quote=comment.quote,
            ),
            created_at=comment.created_at,
            resolved_at=comment.resolved_at,
            resolved_by=_ref(comment.resolved_by),
            revision=comment.revision,
        )


class CommentPage(PageMeta):
    items: list[CommentOut]


class AnchorIn(Input):
    """Where the comment is pinned: a point on a page (x, y as fractions of its width and
    height), a moment of a video, a passage of copy (character offsets), or none."""

    anchor: AnchorValue = "none"
    page: int | None = Field(None, ge=1, le=100_000)
    x: float | None = Field(None, ge=0, le=1, strict=False)
    y: float | None = Field(None, ge=0, le=1, strict=False)
    at_seconds: Decimal | None = Field(
        None, ge=0, le=comment_services.MAX_SECONDS, decimal_places=2, strict=False
    )
    start: int | None = Field(None, ge=0, le=2**31 - 1)
    end: int | None = Field(None, ge=0, le=2**31 - 1)


class CommentIn(Input):
    body: Text = Field(..., min_length=1, max_length=comment_services.MAX_BODY)
    audience: AudienceValue = Field(
        "internal",
        description="Who sees it (the account manager chooses; contacts always write to the "
        "client audience, creatives internally).",
    )
    anchor: AnchorIn | None = None
    parent_id: int | None = Field(None, ge=1, le=MAX_ID, description="Reply to this comment.")


class ResolveIn(Input):
    base_revision: int | None = Field(
        None,
        ge=1,
        le=2**31 - 1,
        description="The comment's `revision` you read: if it changed since, nothing is saved "
        "(409).",
    )


# --- To-dos and the ledger ------------------------------------------------------------------


class VersionRef(BaseModel):
    id: int
    number: int


class FeedbackTodoOut(BaseModel):
    id: int
    deliverable_id: int
    text: str
    sources: list[int] = Field(..., description="Ids of the client comments it comes from.")
    position: int
    created_by: NamedRef | None
    created_at: datetime
    done: bool
    done_at: datetime | None
    done_by: NamedRef | None
    done_in: VersionRef | None = Field(..., description="The version that answers it.")

    @classmethod
    def of(cls, todo: Todo) -> "FeedbackTodoOut":
        answered = todo.done_in
        return cls(
            id=todo.pk,
            deliverable_id=todo.deliverable_id,
            text=todo.text,
            sources=sorted(c.pk for c in todo.sources.all()),
            position=todo.position,
            created_by=_ref(todo.created_by),
            created_at=todo.created_at,
            done=todo.done_at is not None,
            done_at=todo.done_at,
            done_by=_ref(todo.done_by),
            done_in=VersionRef(id=answered.pk, number=answered.number) if answered else None,
        )


class TodoPage(PageMeta):
    items: list[FeedbackTodoOut]


class TodoItemIn(Input):
    text: Text = Field(..., min_length=1, max_length=todo_services.MAX_TEXT)
    sources: list[RowId] = Field([], max_length=100, description="Ids of client comments.")


class TodosIn(Input):
    items: list[TodoItemIn] = Field(..., min_length=1, max_length=todo_services.MAX_AT_ONCE)


class LedgerOut(BaseModel):
    """Client rounds of the deliverable against the revision rounds the client's terms
    include."""

    client_rounds: int = Field(..., description="Sent to the client (not superseded/cancelled).")
    revisions_used: int = Field(..., description="Client rounds that asked for changes.")
    included: int = Field(..., description="Revision rounds per deliverable in the terms.")
    beyond: bool = Field(..., description="The next round sent is past those included.")
    words: str

    @classmethod
    def of(cls, ledger: rules.Ledger) -> "LedgerOut":
        return cls(
            client_rounds=ledger.client_rounds,
            revisions_used=ledger.revisions_used,
            included=ledger.included,
            beyond=ledger.beyond,
            words=ledger.words,
        )
