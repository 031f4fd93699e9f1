"""The agreements part of the insights API: a client's record of what was agreed (a list and a
PDF) and meeting notes — recorded, withdrawn and revised by the client's account manager,
confirmed or corrected by its approvers and reviewers.

Who reads: admins, the account managers who see the client, its contacts (404 for anyone else,
creatives included). Someone who reads the notes but may not answer them gets a 403 saying why
("Only Acme Foods's people can confirm these notes."); notes that no longer wait for an answer
a 409; a confirmation of notes that changed since they were read (another `sha256`) a 409.
"""

from typing import Any

from django.http.response import HttpResponseBase
from ninja import Query, Router, Status

from accord.conversations.models import Message
from accord.core.api_support import (
    BODY_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    ErrorOut,
    ObjectId,
    PageParams,
    binary_response,
    page_of,
)
from accord.insights import access_agreements as access
from accord.insights import pdf_agreements, queries_agreements, search_agreements
from accord.insights.models import AgreementsPdf, MeetingNote
from accord.insights.schemas_agreements import (
    AgreementOut,
    AgreementPage,
    ConfirmIn,
    CorrectIn,
    NoteIn,
    NoteOut,
    RecordFilters,
)
from accord.insights.services import agreements_pdf, notes
from accord.intake.downloads import pdf_preparing
from accord.intake.pdf import PdfUnavailable
from accord.intake.schemas import PdfPreparingOut

router = Router(tags=["Insights"])
API = Message.Via.API


def note_out(request: AuthedRequest, note_id: int) -> NoteOut:
    """The notes as they are now, read again through the access check."""
    note = access.note_for(request.user, note_id)
    revisions = queries_agreements.revisions_of(note)
    later = revisions["replaced_by"]
    agreement = queries_agreements.agreement_of(note)
    return NoteOut.of(
        note,
        replaced_by=later.pk if later is not None else None,
        agreement_id=agreement.pk if agreement is not None else None,
    )


@router.get(
    "/clients/{client_id}/agreements",
    response={200: AgreementPage, **READ_ERRORS},
    operation_id="list_agreements",
)
def list_agreements(
    request: AuthedRequest,
    client_id: ObjectId,
    filters: Query[RecordFilters],
    page: Query[PageParams],
) -> dict[str, Any]:
    """What the client agreed, newest first: briefs signed off, work approved, meeting notes
    confirmed, each with the SHA-256 of exactly what was agreed and its source."""
    client = access.client_for(request.user, client_id)
    rows = queries_agreements.record_of(client, q=filters.q or "", kind=filters.kind or "")
    result = page_of(rows, page)
    queries_agreements.with_sources(result["items"], search_agreements.source_urls())
    absolute = request.build_absolute_uri
    result["items"] = [AgreementOut.of(row, absolute) for row in result["items"]]
    return result


@router.get(
    "/clients/{client_id}/agreements.pdf",
    response={200: None, 202: PdfPreparingOut, **READ_ERRORS, 503: ErrorOut},
    operation_id="export_agreements_pdf",
    openapi_extra=binary_response(
        "The record as a PDF: the newest 200 entries at most, each with its full SHA-256.",
        ["application/pdf"],
    ),
)
def export_agreements_pdf(
    request: AuthedRequest, client_id: ObjectId, filters: Query[RecordFilters]
) -> HttpResponseBase:
    """The same record as a PDF (same `q` and `kind`). The worker makes it: 202 (with
    `Retry-After`) while it is being prepared, then 200 with the file. 503 when it could not
    be made (e.g. the server's Pango libraries are missing)."""
    client = access.client_for(request.user, client_id)
    made = agreements_pdf.requested_pdf(client=client, q=filters.q or "", kind=filters.kind or "")
    if made.state == AgreementsPdf.State.READY:
        return pdf_agreements.served(made)
    if made.state == AgreementsPdf.State.FAILED:
        raise PdfUnavailable(made.error)
    return pdf_preparing()


@router.post(
    "/clients/{client_id}/meeting-notes",
    response={201: NoteOut, **BODY_ERRORS},
    operation_id="record_meeting_note",
)
def record_meeting_note(
    request: AuthedRequest, client_id: ObjectId, payload: NoteIn
) -> Status[Any]:
    """Record the notes of a meeting (the client's account manager or an admin): they go to
    the client's approvers and reviewers by email, in a conversation of their own, to confirm
    or correct."""
    client = access.client_for(request.user, client_id, "record")
    note = notes.record_note(by=request.user, client=client, via=API, **payload.model_dump())
    return Status(201, note_out(request, note.pk))


@router.get(
    "/meeting-notes/{note_id}",
    response={200: NoteOut, **READ_ERRORS},
    operation_id="get_meeting_note",
)
def get_meeting_note(request: AuthedRequest, note_id: ObjectId) -> NoteOut:
    """Meeting notes, their status and the client's answer; `sha256` is what a confirmation
    must name."""
    return note_out(request, note_id)


def _note(request: AuthedRequest, note_id: int, action: access.NoteAction = "view") -> MeetingNote:
    return access.note_for(request.user, note_id, action)


@router.post(
    "/meeting-notes/{note_id}/confirm",
    response={200: NoteOut, **BODY_ERRORS},
    operation_id="confirm_meeting_note",
)
def confirm_meeting_note(request: AuthedRequest, note_id: ObjectId, payload: ConfirmIn) -> NoteOut:
    """Confirm the notes you read (an approver or reviewer of the client): they join what was
    agreed. 409 if they changed since (`sha256` differs) or no longer wait for an answer."""
    notes.confirm(by=request.user, note=_note(request, note_id), sha256=payload.sha256, via=API)
    return note_out(request, note_id)


@router.post(
    "/meeting-notes/{note_id}/correct",
    response={200: NoteOut, **BODY_ERRORS},
    operation_id="correct_meeting_note",
)
def correct_meeting_note(request: AuthedRequest, note_id: ObjectId, payload: CorrectIn) -> NoteOut:
    """Say what is wrong in the notes (an approver or reviewer of the client): the account
    manager is told, and revises them."""
    notes.correct(by=request.user, note=_note(request, note_id), text=payload.text, via=API)
    return note_out(request, note_id)


@router.post(
    "/meeting-notes/{note_id}/withdraw",
    response={200: NoteOut, **WRITE_ERRORS},
    operation_id="withdraw_meeting_note",
)
def withdraw_meeting_note(request: AuthedRequest, note_id: ObjectId) -> NoteOut:
    """Withdraw notes the client has not confirmed (the account manager): the client is told
    there is nothing to confirm."""
    notes.withdraw(by=request.user, note=_note(request, note_id, "manage"), via=API)
    return note_out(request, note_id)


@router.post(
    "/meeting-notes/{note_id}/revise",
    response={201: NoteOut, **BODY_ERRORS},
    operation_id="revise_meeting_note",
)
def revise_meeting_note(request: AuthedRequest, note_id: ObjectId, payload: NoteIn) -> Status[Any]:
    """Record revised notes in place of these (the account manager): new notes, put to the
    client the same way; `replaces` names these."""
    note = _note(request, note_id, "manage")
    fresh = notes.revise(by=request.user, note=note, via=API, **payload.model_dump())
    return Status(201, note_out(request, fresh.pk))
