"""Intake: requests, brief templates, briefs, clarifying questions, sign-off and conversion."""

from typing import Any, Literal

from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from accord.core import policy
from accord.core.api_support import (
    BODY_ERRORS,
    ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    ErrorOut,
    ObjectId,
    PageParams,
    binary_response,
    page_of,
)
from accord.core.errors import InvalidInput
from accord.core.uploads import ALLOWED_DESCRIPTION
from accord.intake import access, approvers, downloads, pdf, queries, services
from accord.intake.models import (
    Brief,
    BriefPdf,
    BriefTemplate,
    ClarifyingQuestion,
)
from accord.intake.models import Request as IntakeRequest
from accord.intake.schemas import (
    AnswerIn,
    AnswersPatch,
    ApplyAnswerIn,
    BriefCompareOut,
    BriefCompareParams,
    BriefFilters,
    BriefIn,
    BriefInternalOut,
    BriefOut,
    BriefPage,
    CancelIn,
    ConflictOut,
    FieldChangeOut,
    MissingAnswersOut,
    NotesIn,
    PdfPreparingOut,
    QuestionIn,
    QueueBriefOut,
    QueueBriefs,
    QueueOut,
    QueueRequestOut,
    QueueRequests,
    RequestChangesIn,
    RequestDecisionIn,
    RequestDetailOut,
    RequestFields,
    RequestFilters,
    RequestIn,
    RequestPage,
    SignOffIn,
    StaleOut,
    TemplateIn,
    TemplateOut,
    VersionPage,
    attachments_out,
    brief_detail,
)
from accord.intake.services import pdfs
from accord.intake.services.briefs import StaleBrief
from accord.intake.services.edits import EditConflict
from accord.intake.services.signoff import current_sign_off

router = Router(tags=["intake"])

# A save or sign-off can be stale (409 with the changes); a submission can miss answers (422
# with their keys).
STALE_ERRORS: dict[int, Any] = {**BODY_ERRORS, 409: StaleOut}
SUBMIT_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 422: MissingAnswersOut}
PATCH_ERRORS: dict[int, Any] = {**STALE_ERRORS, 422: MissingAnswersOut}


# --- Requests -----------------------------------------------------------------------------


def _request_detail(item: IntakeRequest, request: AuthedRequest) -> RequestDetailOut:
    attachments = attachments_out(
        item.attachments.order_by("created_at", "pk"), request.build_absolute_uri
    )
    brief_id = access.visible_briefs(request.user).filter(request=item).values_list("pk").first()
    return RequestDetailOut(
        **RequestFields.from_orm(queries.as_read_by(item, request.user)).model_dump(),
        attachment_count=len(attachments),
        attachments=attachments,
        brief_id=brief_id[0] if brief_id else None,
    )


@router.get("/requests", response={200: RequestPage, **READ_ERRORS}, operation_id="list_requests")
def list_requests(
    request: AuthedRequest, filters: Query[RequestFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """The requests I can see, newest first or by the date needed (`sort=needed_by`), each
    flagged `overdue` when that date has passed. Creatives are refused (403): requests are
    between the client and the account side."""
    access.require_request_reader(request.user)
    items = queries.requests_of(
        request.user,
        client_id=filters.client_id,
        status=filters.status or "",
        overdue=filters.overdue,
        sort=filters.sort,
    )
    return page_of(items, page)


@router.get(
    "/requests/{request_id}",
    response={200: RequestDetailOut, **READ_ERRORS},
    operation_id="get_request",
)
def get_request(request: AuthedRequest, request_id: ObjectId) -> RequestDetailOut:
    """One request with its attachments (each with its `download_url`) and its brief."""
    return _request_detail(access.request_for(request.user, request_id), request)


@router.get(
    "/attachments/{attachment_id}",
    response={200: None, **READ_ERRORS, 503: ErrorOut},
    operation_id="download_attachment",
    openapi_extra=binary_response(
        f"The file as it was sent ({ALLOWED_DESCRIPTION}), in its `content_type`.", ["*/*"]
    ),
)
def download_attachment(request: AuthedRequest, attachment_id: ObjectId) -> FileResponse:
    """A request's attachment under the name it was sent with, for whoever sees the request
    and the creatives working on what it became."""
    return downloads.attachment_file(access.attachment_for(request.user, attachment_id))


@router.get(
    "/attachments/{attachment_id}/thumbnail",
    response={200: None, **READ_ERRORS},
    operation_id="download_attachment_thumbnail",
    openapi_extra=binary_response(
        "A PNG of the image or of the PDF's first page, at most 320 pixels; 404 while "
        "`thumbnail_state` is not `ready`.",
        ["image/png"],
    ),
)
def download_attachment_thumbnail(request: AuthedRequest, attachment_id: ObjectId) -> FileResponse:
    """An attachment's thumbnail, for whoever may open the attachment itself."""
    return downloads.thumbnail_file(access.attachment_for(request.user, attachment_id))


@router.post(
    "/requests", response={201: RequestDetailOut, **BODY_ERRORS}, operation_id="create_request"
)
def create_request(request: AuthedRequest, payload: RequestIn) -> Status[RequestDetailOut]:
    """File a request. A client contact files it in the portal (`source` and `requested_by_id`
    are ignored); the account manager logs one received by email, phone or in a meeting.
    Add its files with `add_request_attachments`."""
    client = access.client_for_intake(request.user, payload.client_id)
    requested_by = None
    if payload.requested_by_id is not None and not policy.is_contact(request.user):
        contact = client.contacts.select_related("user").filter(user_id=payload.requested_by_id)
        if (found := contact.first()) is None:
            raise InvalidInput(
                "The person who asked must be a contact of this client.", field="requested_by_id"
            )
        requested_by = found.user
    item = services.submit_request(
        by=request.user,
        client=client,
        title=payload.title,
        what=payload.what,
        why=payload.why,
        needed_by=payload.needed_by,
        source=payload.source,
        requested_by=requested_by,
    )
    return Status(201, _request_detail(access.request_for(request.user, item.pk), request))


@router.post(
    "/requests/{request_id}/attachments",
    response={201: RequestDetailOut, **BODY_ERRORS, 503: ErrorOut},
    operation_id="add_request_attachments",
)
def add_request_attachments(
    request: AuthedRequest, request_id: ObjectId, attachments: File[list[UploadedFile]]
) -> Status[RequestDetailOut]:
    """Add files to a request (multipart/form-data, one `attachments` part per file): its client's
    approvers and reviewers, or its account manager, until it is declined or delivered.
    Each file is checked by its content (422 naming it); 503 when the file store does not
    answer, and then nothing is added."""
    item = access.request_for(request.user, request_id, "attach")
    services.add_attachments(by=request.user, request=item, files=list(attachments))
    return Status(201, _request_detail(access.request_for(request.user, request_id), request))


@router.post(
    "/requests/{request_id}/decision",
    response={200: RequestDetailOut, **BODY_ERRORS},
    operation_id="decide_request",
)
def decide_request(
    request: AuthedRequest, request_id: ObjectId, payload: RequestDecisionIn
) -> RequestDetailOut:
    """Decline or park a request, with a courteous reason the client will read."""
    item = access.request_for(request.user, request_id, "decide")
    services.decide_request(
        by=request.user, request=item, decision=payload.decision, reason=payload.reason
    )
    return _request_detail(access.request_for(request.user, request_id), request)


@router.post(
    "/requests/{request_id}/reopen",
    response={200: RequestDetailOut, **WRITE_ERRORS},
    operation_id="reopen_request",
)
def reopen_request(request: AuthedRequest, request_id: ObjectId) -> RequestDetailOut:
    """Bring a declined or parked request back as new."""
    item = access.request_for(request.user, request_id, "decide")
    services.reopen_request(by=request.user, request=item)
    return _request_detail(access.request_for(request.user, request_id), request)


# --- Brief templates ----------------------------------------------------------------------


@router.get(
    "/brief-templates",
    response={200: list[TemplateOut], **ERRORS},
    operation_id="list_brief_templates",
)
def list_brief_templates(request: AuthedRequest) -> list[BriefTemplate]:
    """The templates a brief can start from, with their questions (admins also see retired
    ones)."""
    return list(access.templates_for(request.user).prefetch_related("questions"))


@router.get(
    "/brief-templates/{template_id}",
    response={200: TemplateOut, **READ_ERRORS},
    operation_id="get_brief_template",
)
def get_brief_template(request: AuthedRequest, template_id: ObjectId) -> BriefTemplate:
    """One brief template and its questions, in order."""
    return access.template_for(request.user, template_id)


@router.post(
    "/brief-templates",
    response={201: TemplateOut, **BODY_ERRORS},
    operation_id="create_brief_template",
)
def create_brief_template(request: AuthedRequest, payload: TemplateIn) -> Status[BriefTemplate]:
    """Add a brief template for a kind of work. Admins only."""
    access.require_template_admin(request.user)
    template = services.save_template(by=request.user, template=None, **_template(payload))
    return Status(201, template)


@router.put(
    "/brief-templates/{template_id}",
    response={200: TemplateOut, **BODY_ERRORS},
    operation_id="update_brief_template",
)
def update_brief_template(
    request: AuthedRequest, template_id: ObjectId, payload: TemplateIn
) -> BriefTemplate:
    """Replace a template, questions and all. Briefs already started keep their questions.
    Admins only."""
    template = access.template_for(request.user, template_id, "edit")
    return services.save_template(by=request.user, template=template, **_template(payload))


def _template(payload: TemplateIn) -> dict[str, Any]:
    return {
        **payload.model_dump(exclude={"questions"}),
        "questions": [q.model_dump() for q in payload.questions],
    }


# --- Briefs -------------------------------------------------------------------------------


def _detail(request: AuthedRequest, brief_id: int) -> BriefInternalOut | BriefOut:
    """The brief as it stands now, for the person asking."""
    brief = access.brief_for(request.user, brief_id)
    clarifications = list(
        ClarifyingQuestion.objects.filter(brief=brief).select_related("asked_by", "answered_by")
    )
    return brief_detail(
        brief,
        request.user,
        sign_off=current_sign_off(brief),
        clarifications=clarifications,
        attachments=queries.files_of_brief(request.user, brief),
        build_uri=request.build_absolute_uri,
    )


DETAIL = {200: BriefInternalOut | BriefOut}


@router.get("/briefs", response={200: BriefPage, **READ_ERRORS}, operation_id="list_briefs")
def list_briefs(
    request: AuthedRequest, filters: Query[BriefFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """The briefs I can see, most recently changed first, with whose court each is in.
    Creatives see signed-off briefs of their teams' clients only."""
    items = queries.briefs_of(
        request.user,
        client_id=filters.client_id,
        status=filters.status or "",
        waiting_on=filters.waiting_on or "",
        sort=filters.sort,
    )
    return page_of(items, page)


@router.get("/briefs/{brief_id}", response={**DETAIL, **READ_ERRORS}, operation_id="get_brief")
def get_brief(request: AuthedRequest, brief_id: ObjectId) -> BriefInternalOut | BriefOut:
    """One brief: questions, answers, completeness and what is weak or missing, versions,
    sign-off and clarifying questions. Internal notes for agency staff only."""
    return _detail(request, brief_id)


@router.post(
    "/briefs",
    response={201: BriefInternalOut | BriefOut, **BODY_ERRORS},
    operation_id="create_brief",
)
def create_brief(request: AuthedRequest, payload: BriefIn) -> Status[BriefInternalOut | BriefOut]:
    """Start a draft brief from a template, for a client, optionally from one of its requests
    (whose words fill in the background and deadline)."""
    client = access.client_for_intake(request.user, payload.client_id)
    template = access.template_for(request.user, payload.template_id)
    from_request = None
    if payload.request_id is not None:
        from_request = access.request_for(request.user, payload.request_id, "brief")
        if from_request.client_id != client.pk:
            raise InvalidInput("The request belongs to another client.", field="request_id")
    brief = services.start_brief(
        by=request.user,
        client=client,
        template=template,
        title=payload.title or "",
        request=from_request,
        filled_by=payload.filled_by or "client",
    )
    return Status(201, _detail(request, brief.pk))


@router.patch(
    "/briefs/{brief_id}", response={**DETAIL, **PATCH_ERRORS}, operation_id="update_brief_answers"
)
def update_brief_answers(
    request: AuthedRequest, brief_id: ObjectId, payload: AnswersPatch
) -> BriefInternalOut | BriefOut | Status[StaleOut]:
    """Save answers (and the title). A draft saves in place; after submission each change is
    a new version, and changing a proposed or signed-off brief withdraws it from sign-off.
    With `base_version`, a brief that moved on since is refused (409) with what changed;
    with `bases`, an answer changed by someone else since is kept (409 with `conflicts`)."""
    brief = access.brief_for(request.user, brief_id, "edit")
    try:
        services.save_answers(
            by=request.user,
            brief=brief,
            answers=payload.answers,
            title=payload.title,
            base_version=payload.base_version,
            bases=payload.bases,
            title_base=payload.title_base,
            reason=payload.reason,
        )
    except StaleBrief as stale:
        raise approvers.named_stale(stale, brief.questions) from None
    except EditConflict as conflict:
        conflicts = [ConflictOut.of(c) for c in conflict.conflicts]
        now = conflict.brief.current_version
        return Status(
            409,
            StaleOut(
                detail=conflict.message,
                conflicts=conflicts,
                saved=conflict.saved,
                current_version=now.number if now else None,
            ),
        )
    return _detail(request, brief_id)


@router.post(
    "/briefs/{brief_id}/submit",
    response={**DETAIL, **SUBMIT_ERRORS},
    operation_id="submit_brief",
)
def submit_brief(request: AuthedRequest, brief_id: ObjectId) -> BriefInternalOut | BriefOut:
    """Send the draft to the agency as version 1. Missing required answers are refused (422)
    with their keys."""
    brief = access.brief_for(request.user, brief_id, "edit")
    services.submit_brief(by=request.user, brief=brief)
    return _detail(request, brief_id)


@router.get(
    "/briefs/{brief_id}/pdf",
    response={200: None, 202: PdfPreparingOut, **READ_ERRORS, 503: ErrorOut},
    operation_id="download_brief_pdf",
    openapi_extra=binary_response("The brief on A4 pages.", ["application/pdf"]),
)
def download_brief_pdf(
    request: AuthedRequest, brief_id: ObjectId, internal: bool = False
) -> HttpResponseBase:
    """The brief as a PDF, as the web app prints it. Internal notes are left out unless staff
    ask for them (`internal=true`; anyone else gets the client's version), and then every
    page is marked "Agency only".
    The worker makes it: 202 (with `Retry-After`) while it is being prepared, then 200 with
    the file. 503 when it could not be made (e.g. the server's Pango libraries are missing)."""
    brief = access.brief_for(request.user, brief_id)
    made = pdfs.requested_pdf(brief=brief, reader=request.user, internal=internal)
    if made.state == BriefPdf.State.READY:
        return downloads.brief_pdf_file(made)
    if made.state == BriefPdf.State.FAILED:
        raise pdf.PdfUnavailable(made.error)
    return downloads.pdf_preparing()


@router.get(
    "/briefs/{brief_id}/versions",
    response={200: VersionPage, **READ_ERRORS},
    operation_id="list_brief_versions",
)
def list_brief_versions(
    request: AuthedRequest, brief_id: ObjectId, page: Query[PageParams]
) -> dict[str, Any]:
    """The versions written since submission, oldest first, each with its SHA-256; paged
    (compare two with `compare_brief_versions`)."""
    brief = access.brief_for(request.user, brief_id)
    versions = brief.versions.select_related("created_by").defer("questions", "answers", "changes")
    return page_of(versions.order_by("number"), page)


@router.get(
    "/briefs/{brief_id}/compare",
    response={200: BriefCompareOut, **READ_ERRORS},
    operation_id="compare_brief_versions",
)
def compare_brief_versions(
    request: AuthedRequest, brief_id: ObjectId, versions: Query[BriefCompareParams]
) -> BriefCompareOut:
    """What changed from version `a` to version `b`, field by field, with a word-level diff."""
    brief = access.brief_for(request.user, brief_id)
    found = {v.number: v for v in brief.versions.filter(number__in=[versions.a, versions.b])}
    if versions.a not in found or versions.b not in found:
        raise Http404("This brief has no such version.")
    old, new = found[versions.a], found[versions.b]
    changes = approvers.version_changes(old, new)
    return BriefCompareOut(
        a=old.number, b=new.number, changes=[FieldChangeOut.of(c) for c in changes]
    )


@router.post(
    "/briefs/{brief_id}/questions",
    response={201: BriefInternalOut | BriefOut, **BODY_ERRORS},
    operation_id="ask_brief_question",
)
def ask_brief_question(
    request: AuthedRequest, brief_id: ObjectId, payload: QuestionIn
) -> Status[BriefInternalOut | BriefOut]:
    """Ask the client a clarifying question; they are emailed and the ball is in their court."""
    brief = access.brief_for(request.user, brief_id, "ask")
    services.ask_question(
        by=request.user, brief=brief, text=payload.text, field_key=payload.field_key
    )
    return Status(201, _detail(request, brief_id))


@router.post(
    "/brief-questions/{question_id}/answer",
    response={**DETAIL, **BODY_ERRORS},
    operation_id="answer_brief_question",
)
def answer_brief_question(
    request: AuthedRequest, question_id: ObjectId, payload: AnswerIn
) -> BriefInternalOut | BriefOut:
    """Answer a clarifying question (client approvers and reviewers); returns the brief."""
    question = access.question_for(request.user, question_id, "answer")
    services.answer_question(by=request.user, question=question, answer=payload.answer)
    return _detail(request, question.brief_id)


@router.post(
    "/brief-questions/{question_id}/apply",
    response={**DETAIL, **BODY_ERRORS},
    operation_id="apply_brief_answer",
)
def apply_brief_answer(
    request: AuthedRequest, question_id: ObjectId, payload: ApplyAnswerIn
) -> BriefInternalOut | BriefOut:
    """Make the client's answer the answer of the field the question is about (the account
    side only), once. A field changed since the answer came is refused (409, its current
    value in `detail`) unless `confirm`; a signed-off brief needs a `reason` (422)."""
    question = access.question_for(request.user, question_id, "propose")
    services.apply_answer(
        by=request.user, question=question, confirm=payload.confirm, reason=payload.reason
    )
    return _detail(request, question.brief_id)


@router.post(
    "/briefs/{brief_id}/propose",
    response={**DETAIL, **WRITE_ERRORS},
    operation_id="propose_brief",
)
def propose_brief(request: AuthedRequest, brief_id: ObjectId) -> BriefInternalOut | BriefOut:
    """Send the current version to the client's approvers for sign-off."""
    brief = access.brief_for(request.user, brief_id, "propose")
    services.propose_for_sign_off(by=request.user, brief=brief)
    return _detail(request, brief_id)


@router.post(
    "/briefs/{brief_id}/sign-off",
    response={**DETAIL, **STALE_ERRORS},
    operation_id="sign_off_brief",
)
def sign_off_brief(
    request: AuthedRequest, brief_id: ObjectId, payload: SignOffIn
) -> BriefInternalOut | BriefOut:
    """Sign off the version you read (client approvers only). If the brief changed since,
    it is refused (409) with what changed. The sign-off records the version's SHA-256."""
    brief = access.brief_for(request.user, brief_id, "sign_off")
    try:
        services.sign_off(
            by=request.user,
            brief=brief,
            version_number=payload.version_number,
            sha256=payload.sha256,
        )
    except StaleBrief as stale:
        raise approvers.named_stale(stale, brief.questions) from None
    return _detail(request, brief_id)


@router.post(
    "/briefs/{brief_id}/request-changes",
    response={**DETAIL, **STALE_ERRORS},
    operation_id="request_brief_changes",
)
def request_brief_changes(
    request: AuthedRequest, brief_id: ObjectId, payload: RequestChangesIn
) -> BriefInternalOut | BriefOut:
    """Instead of signing off, send the proposed version back to the agency with a note of
    what should change (client approvers and reviewers). A stale version is refused (409)."""
    brief = access.brief_for(request.user, brief_id, "request_changes")
    try:
        services.request_changes(
            by=request.user,
            brief=brief,
            version_number=payload.version_number,
            note=payload.note,
        )
    except StaleBrief as stale:
        raise approvers.named_stale(stale, brief.questions) from None
    return _detail(request, brief_id)


@router.post(
    "/briefs/{brief_id}/cancel",
    response={**DETAIL, **BODY_ERRORS},
    operation_id="cancel_brief",
)
def cancel_brief(
    request: AuthedRequest, brief_id: ObjectId, payload: CancelIn
) -> BriefInternalOut | BriefOut:
    """Cancel a brief that will not go ahead; the reason is kept with the event."""
    brief = access.brief_for(request.user, brief_id, "cancel")
    services.cancel_brief(by=request.user, brief=brief, reason=payload.reason)
    return _detail(request, brief_id)


@router.put(
    "/briefs/{brief_id}/notes",
    response={200: BriefInternalOut, **BODY_ERRORS},
    operation_id="update_brief_notes",
)
def update_brief_notes(
    request: AuthedRequest, brief_id: ObjectId, payload: NotesIn
) -> BriefInternalOut | BriefOut:
    """Replace the brief's internal notes (the account side only; clients never see them)."""
    brief = access.brief_for(request.user, brief_id, "edit_internal")
    services.save_internal_notes(by=request.user, brief=brief, notes=payload.notes)
    return _detail(request, brief_id)


# --- The intake queue ---------------------------------------------------------------------


@router.get("/intake/queue", response={200: QueueOut, **READ_ERRORS}, operation_id="intake_queue")
def intake_queue(
    request: AuthedRequest, request_sort: Literal["oldest", "needed_by"] = "oldest"
) -> QueueOut:
    """Across my clients: new requests, drafts we write ourselves, briefs waiting on the
    client, briefs ready for sign-off and signed-off briefs ready for work, oldest first
    (new requests by the date needed with `request_sort=needed_by`). Admins and AMs only."""
    access.require_intake_desk(request.user)
    queue = queries.intake_queue(request.user, request_sort=request_sort)

    def briefs(items: list[Brief], key: str) -> QueueBriefs:
        return QueueBriefs(count=queue.counts[key], items=[QueueBriefOut.of(b) for b in items])

    return QueueOut(
        new_requests=QueueRequests(
            count=queue.counts["new_requests"],
            items=[QueueRequestOut.of(r) for r in queue.new_requests],
        ),
        drafts_with_us=briefs(queue.drafts_with_us, "drafts_with_us"),
        waiting_on_client=briefs(queue.waiting_on_client, "waiting_on_client"),
        ready_for_sign_off=briefs(queue.ready_for_sign_off, "ready_for_sign_off"),
        ready_for_work=briefs(queue.ready_for_work, "ready_for_work"),
    )
