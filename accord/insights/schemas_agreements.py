"""The shapes of the agreements API: a client's record of what was agreed and its meeting notes.
Nothing in them is for the agency only, so the client's contacts and the agency read the same."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BaseModel, Field

from accord.core.api_support import Input, PageMeta, Text
from accord.insights.forms_agreements import SEARCH_LIMIT
from accord.insights.models import Agreement, MeetingNote
from accord.insights.services import notes
from accord.intake.schemas import IsoDate, NamedRef

KindValue = Literal["sign_off", "approval", "meeting_note"]
StatusValue = Literal["awaiting", "confirmed", "corrected", "withdrawn"]
SourceValue = Literal["brief", "version", "meeting_note"]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="Lower-case hex.")]


def _person(user: Any) -> NamedRef | None:
    return NamedRef(id=user.pk, name=user.name or user.email) if user is not None else None


class RecordFilters(Schema):
    """Which entries: each word of `q` in the title or in what was agreed, and one kind."""

    q: str | None = Field(None, max_length=SEARCH_LIMIT)
    kind: KindValue | None = None


class SourceOut(BaseModel):
    type: SourceValue = Field(
        ..., description="brief (signed off), version (approved) or meeting_note (confirmed)."
    )
    id: int
    deliverable_id: int | None = Field(None, description="The approved version's deliverable.")
    url: str = Field(..., description="Its page in Accord (empty if it is gone).")


class AgreementOut(BaseModel):
    """One entry of what was agreed, with the SHA-256 of exactly what was agreed."""

    id: int
    kind: KindValue
    kind_label: str
    title: str
    summary: str = Field(..., description="What was agreed, as text (up to 20,000 characters).")
    sha256: str
    agreed_at: datetime
    agreed_by: NamedRef | None = Field(None, description="None for a guest reviewer.")
    source: SourceOut

    @classmethod
    def of(cls, row: Agreement, absolute: Any) -> "AgreementOut":
        url = getattr(row, "source_url", "")
        return cls(
            id=row.pk,
            kind=row.kind,  # type: ignore[arg-type]
            kind_label=row.get_kind_display(),
            title=row.title,
            summary=row.summary,
            sha256=row.sha256,
            agreed_at=row.agreed_at,
            agreed_by=_person(row.agreed_by),
            source=SourceOut(
                type=row.source_type,  # type: ignore[arg-type]
                id=row.source_id,
                deliverable_id=getattr(row, "deliverable_id", None),
                url=absolute(url) if url else "",
            ),
        )


class AgreementPage(PageMeta):
    items: list[AgreementOut]


class NoteIn(Input):
    """Notes of a meeting, to put to the client's approvers and reviewers."""

    title: Text = Field(..., min_length=1, max_length=notes.TITLE_LIMIT)
    held_on: IsoDate = Field(..., description="The day of the meeting (not in the future).")
    attendees: Text = Field("", max_length=notes.ATTENDEES_LIMIT, description="Who was there.")
    body: Text = Field(
        ..., min_length=1, max_length=notes.BODY_LIMIT, description="The notes (Markdown)."
    )


class ConfirmIn(Input):
    sha256: Sha256 = Field(
        ..., description="The `sha256` of the notes you read (`get_meeting_note`)."
    )


class CorrectIn(Input):
    text: Text = Field(..., min_length=1, max_length=notes.CORRECTION_LIMIT)


class NoteOut(BaseModel):
    """Meeting notes, where they stand, and the client's answer."""

    id: int
    client: NamedRef
    title: str
    held_on: date
    attendees: str
    body: str
    sha256: str = Field(
        ...,
        description="SHA-256 of the title, day, attendees and body: what a confirmation covers.",
    )
    status: StatusValue
    revision: int
    recorded_by: NamedRef | None
    recorded_at: datetime
    answered_by: NamedRef | None
    answered_at: datetime | None
    correction: str
    thread_id: int | None = Field(None, description="The conversation the notes were sent in.")
    replaces: int | None = Field(None, description="The notes these revise.")
    replaced_by: int | None = Field(None, description="The notes that revise these.")
    agreement_id: int | None = Field(
        None, description="Their entry in what was agreed, once confirmed."
    )

    @classmethod
    def of(
        cls, note: MeetingNote, *, replaced_by: int | None, agreement_id: int | None
    ) -> "NoteOut":
        return cls(
            id=note.pk,
            client=NamedRef(id=note.client_id, name=note.client.name),
            title=note.title,
            held_on=note.held_on,
            attendees=note.attendees,
            body=note.body,
            sha256=note.sha256,
            status=note.status,  # type: ignore[arg-type]
            revision=note.revision,
            recorded_by=_person(note.recorded_by),
            recorded_at=note.recorded_at,
            answered_by=_person(note.answered_by),
            answered_at=note.answered_at,
            correction=note.correction,
            thread_id=note.thread_id,
            replaces=note.replaces_id,
            replaced_by=replaced_by,
            agreement_id=agreement_id,
        )
