"""The intake API's shapes: what goes in (strict bodies) and what comes out.

Lists use ninja schemas read off model rows (with the queries' annotations); the brief's detail
is built explicitly (`brief_detail`) so a client contact gets a schema that has no internal notes
at all, rather than one with a field left empty.
"""

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from pydantic import BaseModel, BeforeValidator

from accord.core import clock, policy
from accord.core.api_support import MAX_ID, Input, PageMeta, Text
from accord.intake import access, coach, rules
from accord.intake.models import Attachment, Brief, BriefTemplate, ClarifyingQuestion, SignOff
from accord.intake.models import Request as IntakeRequest
from accord.intake.services.briefs import MAX_ANSWER
from accord.intake.services.edits import FieldConflict

# Versions are numbered from 1 in a positive integer column.
MAX_VERSION = 2**31 - 1
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

RequestStatusValue = Literal[
    "new", "briefing", "signed_off", "in_work", "delivered", "parked", "declined"
]
RequestSortValue = Literal["newest", "needed_by"]
StaffSourceValue = Literal["email", "phone", "meeting", "other"]
BriefStatusValue = Literal["draft", "submitted", "proposed", "signed_off", "converted", "cancelled"]
WaitingOnValue = Literal["client", "agency", "nobody"]
QuestionKindValue = Literal["text", "long_text", "date", "money", "approver"]
FactValue = Literal[
    "",
    "objective",
    "success_measure",
    "audience",
    "key_message",
    "channel",
    "format",
    "budget",
    "deadline",
    "approver",
]
FACT_HELP = (
    "The key fact this question's answer supplies (`deadline`, `budget`, `approver`, "
    "`channel`, `format`, `objective`, `audience`, `key_message`, `success_measure`), or "
    "empty. One question per fact; a deadline needs a `date` question, a budget `money`, an "
    "approver `approver`."
)


def _iso_date(value: Any) -> date:
    """Only `YYYY-MM-DD`: strict bodies take no timestamps or other spellings of a date."""
    if not isinstance(value, str) or not ISO_DATE.match(value):
        raise ValueError("Use a date like 2027-03-31.")
    return date.fromisoformat(value)


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
QuestionKey = Annotated[str, Field(min_length=1, max_length=40)]
AnswerText = Annotated[Text, Field(max_length=MAX_ANSWER)]


def age_seconds(since: datetime) -> int:
    return max(0, int((timezone.now() - since).total_seconds()))


# --- Shared pieces ------------------------------------------------------------------------


class NamedRef(Schema):
    """A client, template or person, by id and name."""

    id: int
    name: str


class SignOffOut(BaseModel):
    """Who signed which version, when, and the SHA-256 of exactly what they signed."""

    signed_by: NamedRef
    signed_at: datetime
    version: int
    sha256: str

    @classmethod
    def of(cls, signed: SignOff | None) -> "SignOffOut | None":
        if signed is None:
            return None
        return cls(
            signed_by=NamedRef(id=signed.signed_by.pk, name=signed.signed_by.name),
            signed_at=signed.signed_at,
            version=signed.version.number,
            sha256=signed.sha256,
        )


class FieldChangeOut(BaseModel):
    """One field that differs: the old and new text, and the new text marked word by word
    (`<del>` removed, `<ins>` added; everything else HTML-escaped)."""

    key: str
    label: str
    old: str
    new: str
    html: str

    @classmethod
    def of(cls, change: rules.FieldChange) -> "FieldChangeOut":
        return cls(
            key=change.key, label=change.label, old=change.old, new=change.new, html=change.html
        )


class ConflictOut(BaseModel):
    """A field someone else changed since you read it, so your value was not written: the
    value you based your edit on, the value stored now, and yours."""

    field: Literal["title", "answer"]
    key: str = Field(description="The question's key (`title` for the brief's title).")
    label: str
    base: str
    current: str
    yours: str

    @classmethod
    def of(cls, conflict: FieldConflict) -> "ConflictOut":
        return cls(
            field=conflict.field,
            key=conflict.key,
            label=conflict.label,
            base=conflict.base,
            current=conflict.current,
            yours=conflict.yours,
        )


class StaleOut(BaseModel):
    """Refused (409). For a stale save or sign-off, `changes` says what changed meanwhile;
    for a save with `bases`, `conflicts` names the fields changed meanwhile by someone else,
    and `saved` the ones of that save that were stored, as version `current_version`."""

    detail: str
    field: str | None = None
    changes: list[FieldChangeOut] = Field(default_factory=list)
    conflicts: list[ConflictOut] = Field(default_factory=list)
    saved: list[str] = Field(
        default_factory=list,
        description="The question keys (and `title`) of a partly refused save that were stored.",
    )
    current_version: int | None = Field(
        None,
        description="The brief's version after a partly refused save (none while a draft).",
    )


class MissingAnswersOut(BaseModel):
    """Refused (422). When required answers are missing, `keys` names each question."""

    detail: str | list[dict[str, Any]]
    field: str | None = None
    keys: list[str] = Field(default_factory=list)


# --- Requests -----------------------------------------------------------------------------


class RequestFields(Schema):
    id: int
    client: NamedRef
    title: str
    what: str
    why: str
    needed_by: date | None
    source: str
    status: str = Field(
        ..., description="new, briefing, signed_off, in_work, delivered, parked or declined."
    )
    status_label: str = Field(..., description="The status in the words of the person asking.")
    overdue: bool = Field(..., description="Needed by a day that has passed, and still open.")
    status_reason: str = Field(
        ..., description="Why it was declined or parked; the client sees it."
    )
    status_changed_at: datetime | None
    requested_by: NamedRef | None
    logged_by: NamedRef | None = Field(..., description="The staff member who logged it, if any.")
    created_at: datetime


class RequestOut(RequestFields):
    attachment_count: int

    @staticmethod
    def resolve_attachment_count(obj: IntakeRequest) -> int:
        return getattr(obj, "attachment_count", 0)  # annotated by `queries.requests_of`


class RequestPage(PageMeta):
    items: list[RequestOut]


class RequestAttachmentOut(BaseModel):
    id: int
    name: str
    size: int
    content_type: str
    download_url: str = Field(..., description="The file (`download_attachment`).")
    thumbnail_state: Literal["pending", "ready", "failed", "none"] = Field(
        ...,
        description="Images and PDFs get a thumbnail from the worker: pending until it is "
        "made; failed for a file that cannot be previewed; none for other kinds of file.",
    )
    thumbnail_url: str | None = Field(
        ..., description="A PNG of at most 320 pixels (`download_attachment_thumbnail`)."
    )

    @classmethod
    def of(cls, attachment: Attachment, build_uri: Callable[[str], str]) -> "RequestAttachmentOut":
        ids = {"attachment_id": attachment.pk}
        ready = attachment.thumbnail_state == Attachment.Thumbnail.READY
        thumbnail = reverse("api:download_attachment_thumbnail", kwargs=ids)
        return cls(
            id=attachment.pk,
            name=attachment.original_name,
            size=attachment.size,
            content_type=attachment.content_type,
            download_url=build_uri(reverse("api:download_attachment", kwargs=ids)),
            thumbnail_state=attachment.thumbnail_state,  # type: ignore[arg-type]
            thumbnail_url=build_uri(thumbnail) if ready else None,
        )


def attachments_out(
    attachments: Iterable[Attachment], build_uri: Callable[[str], str]
) -> list[RequestAttachmentOut]:
    return [RequestAttachmentOut.of(a, build_uri) for a in attachments]


class RequestDetailOut(RequestFields):
    attachment_count: int
    attachments: list[RequestAttachmentOut]
    brief_id: int | None = Field(..., description="The brief started from this request, if any.")


class RequestFilters(Schema):
    client_id: int | None = Field(None, ge=1, le=MAX_ID)
    status: RequestStatusValue | None = None
    overdue: bool = Field(False, description="Only those needed by a day that has passed.")
    sort: RequestSortValue = Field(
        "newest", description="newest first, or by the date needed (soonest first, none last)."
    )


class RequestIn(Input):
    client_id: int = Field(..., ge=1, le=MAX_ID)
    title: Text = Field(..., min_length=1, max_length=160)
    what: Text = Field(..., min_length=1, max_length=20_000, description="What is needed.")
    why: Text = Field("", max_length=20_000, description="The business reason behind it.")
    needed_by: IsoDate | None = None
    source: StaffSourceValue | None = Field(
        None, description="Staff only, required for them: how the request reached you."
    )
    requested_by_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Staff only: the client contact (user id) who asked."
    )


class RequestDecisionIn(Input):
    decision: Literal["decline", "park"]
    reason: Text = Field(
        ..., max_length=5_000, description="A courteous sentence or two (at least 20 characters)."
    )


# --- Templates ----------------------------------------------------------------------------


class TemplateQuestionOut(Schema):
    key: str
    section: str
    label: str
    help_text: str
    example: str
    kind: str
    fact: str = Field(..., description=FACT_HELP)
    required: bool


class TemplateOut(Schema):
    id: int
    name: str
    description: str
    min_lead_days: int
    is_active: bool
    position: int
    updated_at: datetime
    questions: list[TemplateQuestionOut]

    @staticmethod
    def resolve_questions(obj: BriefTemplate) -> list[Any]:
        return list(obj.questions.all())


class TemplateQuestionIn(Input):
    key: str = Field(..., pattern=r"^[a-z][a-z0-9_]{0,39}$", description="Like `objective`.")
    label: Text = Field(..., min_length=1, max_length=200)
    section: Text = Field("", max_length=80)
    help_text: Text = Field("", max_length=2_000)
    example: Text = Field("", max_length=2_000)
    kind: QuestionKindValue = "long_text"
    fact: FactValue = Field("", description=FACT_HELP)
    required: bool = True


class TemplateIn(Input):
    name: Text = Field(..., min_length=1, max_length=120)
    description: Text = Field("", max_length=2_000)
    min_lead_days: int = Field(10, ge=0, le=365, description="Working days from sign-off.")
    is_active: bool = True
    questions: list[TemplateQuestionIn] = Field(..., min_length=1, max_length=60)


# --- Briefs -------------------------------------------------------------------------------


RESPONSE_DUE_AT = (
    "While it waits on the agency: when the agency's response is due, the client's response "
    "target counted in business hours from `waiting_since`. Null otherwise, and for client "
    "contacts."
)
RESPONSE_STATE = (
    "The agency's response clock: `ok`, `near` (75 % of the target used), `breached`, or "
    "`none` when it does not wait on the agency (and for client contacts)."
)


def _response(brief: Brief) -> tuple[datetime | None, clock.ResponseState]:
    """The brief's response clock, read once for both of its fields."""
    found = getattr(brief, "_response", None)
    if found is None:
        reading = clock.response(
            waiting_on=brief.waiting_on,
            since=brief.waiting_since,
            target_hours=brief.client.response_target_hours,
            now=timezone.now(),
        )
        found = clock.response_due(reading)
        brief._response = found  # type: ignore[attr-defined]
    return found


def _staff_asks(context: Any) -> bool:
    request = (context or {}).get("request")
    return request is not None and not policy.is_contact(getattr(request, "user", None))


class BriefSummaryOut(Schema):
    id: int
    client: NamedRef
    template: NamedRef
    request_id: int | None
    title: str
    status: str
    completeness: int = Field(..., description="0–100, as of the last save.")
    waiting_on: str = Field(..., description="Whose court the ball is in.")
    waiting_since: datetime
    response_due_at: datetime | None = Field(None, description=RESPONSE_DUE_AT)
    response_state: clock.ResponseState = Field("none", description=RESPONSE_STATE)
    open_questions: int = Field(..., description="Clarifying questions not answered yet.")
    deadline: date | None = Field(..., description="The brief's deadline (its key fact).")
    overdue: bool = Field(..., description="Past its deadline and not yet in work.")
    current_version: int | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None

    @staticmethod
    def resolve_current_version(obj: Brief) -> int | None:
        return obj.current_version.number if obj.current_version else None

    @staticmethod
    def resolve_overdue(obj: Brief) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_response_due_at(obj: Brief, context: Any) -> datetime | None:
        return _response(obj)[0] if _staff_asks(context) else None

    @staticmethod
    def resolve_response_state(obj: Brief, context: Any) -> clock.ResponseState:
        return _response(obj)[1] if _staff_asks(context) else "none"


class BriefPage(PageMeta):
    items: list[BriefSummaryOut]


class BriefFilters(Schema):
    client_id: int | None = Field(None, ge=1, le=MAX_ID)
    status: BriefStatusValue | None = None
    waiting_on: WaitingOnValue | None = None
    sort: Literal["updated", "deadline"] = Field(
        "updated",
        description="`updated` (most recently changed first) or `deadline` (soonest first, "
        "briefs without one last).",
    )


class QuestionOut(BaseModel):
    key: str
    section: str
    label: str
    help_text: str
    example: str
    kind: str
    fact: str = Field(..., description=FACT_HELP)
    required: bool


class FindingOut(BaseModel):
    key: str
    message: str
    severity: str = Field(..., description="`missing` (required, unanswered) or `weak` (vague).")
    code: str = Field(
        ...,
        description="What kind of finding: `missing`, `objective_no_number`, "
        "`objective_no_time_frame`, `audience_vague`, `key_message_too_short`, "
        "`channel_vague`, `format_no_quantity`, `budget_no_currency`, `budget_unreadable`, "
        "`deadline_not_a_date`, `deadline_past` or `deadline_too_soon`.",
    )
    example: str = Field(..., description="A good answer to follow, or empty.")


class BudgetOut(BaseModel):
    low: Decimal = Field(..., description="The amount, or the low end of a range (a string).")
    high: Decimal = Field(..., description="The high end of a range; equal to `low` if none.")
    currency: str = Field(..., description="ISO 4217 code, or empty when none applies.")
    display: str = Field(..., description="As Accord shows it everywhere: “£8,000–10,000”.")


class KeyFactsOut(BaseModel):
    """The brief's key facts, typed, from the questions mapped to them."""

    deadline: date | None
    overdue: bool = Field(..., description="Past its deadline and not yet in work.")
    budget: BudgetOut | None
    approver: NamedRef | None
    channel: str
    format: str = Field(..., description="What is to be made: formats, sizes, quantities.")

    @classmethod
    def of(cls, brief: Brief) -> "KeyFactsOut":
        budget = None
        if brief.budget_low is not None and brief.budget_high is not None:
            budget = BudgetOut(
                low=brief.budget_low,
                high=brief.budget_high,
                currency=brief.budget_currency,
                display=brief.budget_display,
            )
        return cls(
            deadline=brief.deadline,
            overdue=brief.is_overdue(timezone.localdate()),
            budget=budget,
            approver=_person(brief.approver),
            channel=brief.channel,
            format=brief.format,
        )


class BriefVersionRef(BaseModel):
    number: int
    sha256: str


class ClarificationOut(BaseModel):
    id: int
    text: str
    asked_by: NamedRef | None
    asked_at: datetime
    answer: str
    answered_by: NamedRef | None
    answered_at: datetime | None
    is_open: bool
    field_key: str = Field("", description="The brief question it is about, if the AM said.")
    applied_at: datetime | None = Field(
        None, description="When the answer was applied to that field (once only)."
    )
    applied_version: int | None = Field(
        None, description="The version applying it made (none on a draft)."
    )

    @classmethod
    def of(cls, question: ClarifyingQuestion) -> "ClarificationOut":
        return cls(
            id=question.pk,
            text=question.text,
            asked_by=_person(question.asked_by),
            asked_at=question.asked_at,
            answer=question.answer,
            answered_by=_person(question.answered_by),
            answered_at=question.answered_at,
            is_open=question.is_open,
            field_key=question.field_key,
            applied_at=question.applied_at,
            applied_version=question.applied_version,
        )


def _person(user: Any) -> NamedRef | None:
    return NamedRef(id=user.pk, name=user.name) if user is not None else None


def _version(version: Any) -> BriefVersionRef | None:
    return BriefVersionRef(number=version.number, sha256=version.sha256) if version else None


class _BriefDetail(BaseModel):
    id: int
    client: NamedRef
    template: NamedRef
    request_id: int | None
    title: str
    status: str
    waiting_on: str
    waiting_since: datetime
    min_lead_days: int
    completeness: int = Field(..., description="0–100, computed now.")
    findings: list[FindingOut] = Field(..., description="What is weak or missing, in plain words.")
    facts: KeyFactsOut = Field(..., description="Deadline, budget, approver, channel, format.")
    questions: list[QuestionOut]
    answers: dict[str, str]
    current_version: BriefVersionRef | None
    proposed_version: BriefVersionRef | None = Field(
        ..., description="The version up for sign-off."
    )
    sign_off: SignOffOut | None = Field(..., description="The sign-off that still stands.")
    clarifying_questions: list[ClarificationOut]
    actions: list[str] = Field(..., description="What you may do on this brief now.")
    pdf_url: str = Field(..., description="The brief as a PDF (`download_brief_pdf`).")
    attachments: list[RequestAttachmentOut] = Field(
        ..., description="The files sent with its request."
    )
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None


class BriefOut(_BriefDetail):
    """A brief as the client sees it: no internal notes."""


class BriefInternalOut(_BriefDetail):
    """A brief as agency staff see it, with the internal notes and the response clock."""

    internal_notes: str
    response_due_at: datetime | None = Field(..., description=RESPONSE_DUE_AT)
    response_state: clock.ResponseState = Field(..., description=RESPONSE_STATE)


ACTIONS: list[access.BriefAction] = [
    "edit",
    "ask",
    "answer",
    "propose",
    "sign_off",
    "convert",
    "cancel",
]


def brief_detail(
    brief: Brief,
    user: Any,
    *,
    sign_off: SignOff | None,
    clarifications: list[ClarifyingQuestion],
    attachments: list[Attachment],
    build_uri: Callable[[str], str],
) -> BriefOut | BriefInternalOut:
    """Staff get the internal schema; a contact one that has no internal notes at all."""
    result = coach.of_brief(brief, today=timezone.localdate())
    fields: dict[str, Any] = {
        "id": brief.pk,
        "client": NamedRef(id=brief.client.pk, name=brief.client.name),
        "template": NamedRef(id=brief.template.pk, name=brief.template.name),
        "request_id": brief.request_id,
        "title": brief.title,
        "status": brief.status,
        "waiting_on": brief.waiting_on,
        "waiting_since": brief.waiting_since,
        "min_lead_days": brief.min_lead_days,
        "completeness": result.score,
        "findings": [
            FindingOut(
                key=f.key, message=f.message, severity=f.severity, code=f.code, example=f.example
            )
            for f in result.findings
        ],
        "facts": KeyFactsOut.of(brief),
        "questions": [QuestionOut.model_validate(_question(q)) for q in brief.questions],
        "answers": {key: str(value or "") for key, value in brief.answers.items()},
        "current_version": _version(brief.current_version),
        "proposed_version": _version(brief.proposed_version),
        "sign_off": SignOffOut.of(sign_off),
        "clarifying_questions": [ClarificationOut.of(q) for q in clarifications],
        "actions": [a for a in ACTIONS if access.may_brief(user, brief, a)],
        "pdf_url": build_uri(reverse("api:download_brief_pdf", kwargs={"brief_id": brief.pk})),
        "attachments": attachments_out(attachments, build_uri),
        "created_at": brief.created_at,
        "updated_at": brief.updated_at,
        "submitted_at": brief.submitted_at,
    }
    if access.may_brief(user, brief, "view_internal"):
        due_at, state = _response(brief)
        return BriefInternalOut(
            **fields,
            internal_notes=brief.internal_notes,
            response_due_at=due_at,
            response_state=state,
        )
    return BriefOut(**fields)


def _question(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A brief's question as the template had it when the brief started."""
    return {
        "key": str(snapshot.get("key", "")),
        "section": str(snapshot.get("section", "")),
        "label": str(snapshot.get("label", "")),
        "help_text": str(snapshot.get("help_text", "")),
        "example": str(snapshot.get("example", "")),
        "kind": str(snapshot.get("kind", "long_text")),
        "fact": str(snapshot.get("fact", "")),
        "required": bool(snapshot.get("required", False)),
    }


class BriefIn(Input):
    client_id: int = Field(..., ge=1, le=MAX_ID)
    template_id: int = Field(..., ge=1, le=MAX_ID)
    title: Text | None = Field(None, max_length=160, description="Defaults to the request's.")
    request_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Start from this request (account managers)."
    )
    filled_by: Literal["client", "agency"] | None = Field(
        None,
        description="Who fills it in. `client` (the default) emails the client's approvers and "
        "reviewers and waits on them; `agency` (staff only) waits on you until you submit it.",
    )


class NotesIn(Input):
    notes: Text = Field(..., max_length=10_000, description="Agency only; never shown to clients.")


class AnswersPatch(Input):
    answers: dict[QuestionKey, AnswerText] = Field(
        default_factory=dict,
        max_length=100,
        description="Answers by question key; the ones not given stay as they are.",
    )
    title: Text | None = Field(None, min_length=1, max_length=160)
    base_version: int | None = Field(
        None,
        ge=1,
        le=MAX_VERSION,
        description="The version you edited; if the brief moved on since, 409 with the changes.",
    )
    bases: dict[QuestionKey, AnswerText] | None = Field(
        None,
        max_length=100,
        description=(
            "For each answer, the value you based it on (as you read it). An answer someone "
            "else changed since is not overwritten: 409 with `conflicts`, the others are saved."
        ),
    )
    title_base: Text | None = Field(
        None, max_length=160, description="The title you based `title` on, as with `bases`."
    )
    reason: Text | None = Field(
        None,
        max_length=200,
        description=(
            "Required (422 without) to change a signed-off brief or one in work: a change of "
            "plan, in one line. It voids the sign-off and is kept with the new version."
        ),
    )


class BriefVersionOut(Schema):
    number: int
    title: str
    sha256: str
    reason: str = Field("", description="Why the plan changed, for a change after sign-off.")
    created_at: datetime
    created_by: NamedRef | None


class VersionPage(PageMeta):
    items: list[BriefVersionOut]


class BriefCompareParams(Schema):
    a: int = Field(..., ge=1, le=MAX_VERSION, description="The older version's number.")
    b: int = Field(..., ge=1, le=MAX_VERSION, description="The newer version's number.")


class PdfPreparingOut(BaseModel):
    """The PDF is being made by the worker (202): ask again after `retry_after` seconds."""

    status: Literal["preparing"]
    detail: str
    retry_after: int = Field(..., description="Seconds to wait, as in the Retry-After header.")


class BriefCompareOut(BaseModel):
    a: int
    b: int
    changes: list[FieldChangeOut]


class QuestionIn(Input):
    text: Text = Field(..., min_length=1, max_length=2_000)
    field_key: str = Field(
        "",
        max_length=40,
        description="Optional: the key of the brief question this is about (422 if not one).",
    )


class ApplyAnswerIn(Input):
    confirm: bool = Field(
        False,
        description="Apply even though the field changed since the answer came (else 409 "
        "with the field's current value in `detail`).",
    )
    reason: Text | None = Field(
        None, max_length=200, description="Required for a signed-off brief or one in work."
    )


class AnswerIn(Input):
    answer: Text = Field(..., min_length=1, max_length=2_000)


class SignOffIn(Input):
    version_number: int = Field(..., ge=1, le=MAX_VERSION, description="The version you read.")
    sha256: str = Field(
        "",
        pattern=r"^([0-9a-f]{64})?$",
        description="Its fingerprint as you received it; refused (409) if it no longer matches.",
    )


class RequestChangesIn(Input):
    version_number: int = Field(..., ge=1, le=MAX_VERSION, description="The version you read.")
    note: Text = Field(
        ..., min_length=1, max_length=2_000, description="What should change, for the AM."
    )


class CancelIn(Input):
    reason: Text = Field("", max_length=500)


# --- The intake queue ---------------------------------------------------------------------


class QueueRequestOut(BaseModel):
    id: int
    title: str
    client: NamedRef
    requested_by: NamedRef | None
    created_at: datetime
    needed_by: date | None
    overdue: bool = Field(..., description="Needed by a day that has passed.")
    age_seconds: int

    @classmethod
    def of(cls, item: IntakeRequest) -> "QueueRequestOut":
        return cls(
            id=item.pk,
            title=item.title,
            client=NamedRef(id=item.client.pk, name=item.client.name),
            requested_by=_person(item.requested_by),
            created_at=item.created_at,
            needed_by=item.needed_by,
            overdue=item.is_overdue,
            age_seconds=age_seconds(item.created_at),
        )


class QueueBriefOut(BaseModel):
    id: int
    title: str
    client: NamedRef
    template: NamedRef
    status: str
    completeness: int
    open_questions: int
    waiting_since: datetime
    age_seconds: int = Field(..., description="Seconds since the ball landed where it is.")
    deadline: date | None = Field(..., description="The brief's deadline (its key fact).")
    overdue: bool = Field(..., description="Past its deadline and not yet in work.")

    @classmethod
    def of(cls, brief: Brief) -> "QueueBriefOut":
        return cls(
            id=brief.pk,
            title=brief.title,
            client=NamedRef(id=brief.client.pk, name=brief.client.name),
            template=NamedRef(id=brief.template.pk, name=brief.template.name),
            status=brief.status,
            completeness=brief.completeness,
            open_questions=getattr(brief, "open_questions", 0),
            waiting_since=brief.waiting_since,
            age_seconds=age_seconds(brief.waiting_since),
            deadline=brief.deadline,
            overdue=brief.is_overdue(timezone.localdate()),
        )


class QueueRequests(BaseModel):
    count: int
    items: list[QueueRequestOut]


class QueueBriefs(BaseModel):
    count: int
    items: list[QueueBriefOut]


class QueueOut(BaseModel):
    """What needs the account side, oldest first; `count` is all of them, `items` the first."""

    new_requests: QueueRequests
    drafts_with_us: QueueBriefs = Field(
        ..., description="Drafts the agency writes itself: send them when they are ready."
    )
    waiting_on_client: QueueBriefs
    ready_for_sign_off: QueueBriefs = Field(
        ..., description="Submitted briefs with nothing open: propose them for sign-off."
    )
    ready_for_work: QueueBriefs = Field(..., description="Signed off: turn them into jobs.")
