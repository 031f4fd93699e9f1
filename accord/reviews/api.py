"""Reviews API: a deliverable's versions, its review rounds and their decisions, comments on
versions, the to-dos made of them, and the revision ledger.

Contacts see only versions sent to them, client rounds and client comments (anything else is
404 to them), in schemas without the agency's fields; creatives read internal comments only.
Sending to the client without an internal approval needs a `reason` (422, `field: "reason"`);
a round past the revision rounds the terms include is a 409 with `field: "confirm"`: send the
same again with `confirm: true`.
"""

from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from ninja import File, Form, Path, Query, Router, Status
from ninja.files import UploadedFile
from pydantic import BaseModel

from accord.accounts.models import User
from accord.clients.models import Contact
from accord.core import downloads, policy
from accord.core.api_support import (
    BODY_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    ErrorOut,
    ObjectId,
    PageParams,
    TickIn,
    binary_response,
    page_of,
)
from accord.core.errors import Conflict, InvalidInput
from accord.core.policy import Kind
from accord.reviews import access, files
from accord.reviews.models import Comment, Round
from accord.reviews.schemas import (
    ClientRoundOut,
    ClientRoundPage,
    ClientVersionOut,
    ClientVersionPage,
    ClientVersionSummaryOut,
    CommentIn,
    CommentOut,
    CommentPage,
    DecisionIn,
    FeedbackTodoOut,
    LedgerOut,
    NudgeOut,
    ResolveIn,
    RoundIn,
    RoundOut,
    RoundPage,
    TodoPage,
    TodosIn,
    VersionForm,
    VersionListPage,
    VersionOut,
    VersionSummaryOut,
)
from accord.reviews.services import comments as comment_services
from accord.reviews.services import rounds as round_services
from accord.reviews.services import todos as todo_services
from accord.reviews.services import versions as version_services

router = Router(tags=["reviews"])

MEDIA_TYPES = sorted({*files.IMAGE_TYPES, "application/pdf", "video/mp4", "video/webm"})
# What the viewer may show in the page: images, PDFs and videos. Anything else (never accepted
# as a version, but stored types are checked again here) only ever leaves as an attachment.
INLINE_TYPES = frozenset(MEDIA_TYPES)
# Pages are numbered from 1 in a positive integer column.
PageNumber = Annotated[int, Path(ge=1, le=2**31 - 1)]
UPLOAD_ERRORS: dict[int, Any] = {**BODY_ERRORS, 503: ErrorOut}


def _is_contact(request: AuthedRequest) -> bool:
    return policy.is_contact(request.user)


# --- Versions -------------------------------------------------------------------------------


def _version_out(request: AuthedRequest, version_id: int) -> VersionOut | ClientVersionOut:
    version = access.version_for(request.user, version_id)
    version = (
        access.versions_visible_to(request.user, version.deliverable)
        .select_related("uploaded_by")
        .prefetch_related("pages")
        .get(pk=version.pk)
    )
    if _is_contact(request):
        return ClientVersionOut.of_version(version, request.build_absolute_uri)
    return VersionOut.of_version(version, request.build_absolute_uri)


@router.get(
    "/deliverables/{deliverable_id}/versions",
    response={200: VersionListPage | ClientVersionPage, **READ_ERRORS},
    operation_id="list_versions",
)
def list_versions(
    request: AuthedRequest, deliverable_id: ObjectId, page: Query[PageParams]
) -> VersionListPage | ClientVersionPage:
    """A deliverable's versions, newest first. Contacts get those sent to them only, without
    the uploader's name and note."""
    deliverable = access.deliverable_for(request.user, deliverable_id)
    rows = access.versions_visible_to(request.user, deliverable).select_related("uploaded_by")
    result = page_of(rows.order_by("-number"), page)
    if _is_contact(request):
        result["items"] = [ClientVersionSummaryOut.of(v) for v in result["items"]]
        return ClientVersionPage(**result)
    result["items"] = [VersionSummaryOut.of(v) for v in result["items"]]
    return VersionListPage(**result)


@router.get(
    "/versions/{version_id}",
    response={200: VersionOut | ClientVersionOut, **READ_ERRORS},
    operation_id="get_version",
)
def get_version(request: AuthedRequest, version_id: ObjectId) -> VersionOut | ClientVersionOut:
    """One version: its kind, SHA-256, preview state and pages (with their image addresses),
    its file's `download_url`, a copy's sanitised HTML and plain text, a link's address."""
    return _version_out(request, version_id)


@router.post(
    "/deliverables/{deliverable_id}/versions",
    response={201: VersionOut, **UPLOAD_ERRORS},
    operation_id="upload_version",
)
def upload_version(
    request: AuthedRequest,
    deliverable_id: ObjectId,
    form: Form[VersionForm],
    file: File[UploadedFile | None] = None,
) -> Status[VersionOut]:
    """Add the next version (multipart/form-data): a `file` (an image, PDF or video), or
    `copy`, or `link_url`; with a `note` and the to-do ids it `answers`. The agency's people
    on the job (contacts 403). Rounds open on older versions close as superseded."""
    deliverable = access.deliverable_for(request.user, deliverable_id, "upload")
    checked = version_services.check_file(file) if file is not None else None
    version = version_services.add_version(
        by=request.user,
        deliverable=deliverable,
        upload=file,
        checked=checked,
        copy_text=form.copy_text,
        link_url=form.link_url,
        note=form.note,
        answers=form.answers,
    )
    return Status(201, VersionOut.of_version(version, request.build_absolute_uri))


@router.get(
    "/versions/{version_id}/file",
    response={200: None, **READ_ERRORS, 503: ErrorOut},
    operation_id="download_version",
    openapi_extra=binary_response(
        "The version's file in its checked content type; an attachment unless `inline`.",
        MEDIA_TYPES,
    ),
)
def download_version(
    request: AuthedRequest, version_id: ObjectId, inline: bool = False
) -> FileResponse:
    """The version's file under the name it was uploaded with (copy and links have none:
    404). `inline=true` lets the viewer show an image, a PDF or a video in the page."""
    version = access.version_for(request.user, version_id)
    if not version.file:
        raise Http404("This version has no file.")
    return downloads.stored_file(
        version.file,
        filename=version.original_name or f"v{version.number}",
        content_type=version.content_type or "application/octet-stream",
        as_attachment=not (inline and version.content_type in INLINE_TYPES),
    )


class PageParamsIn(BaseModel):
    size: Literal["full", "thumbnail"] = "full"


@router.get(
    "/versions/{version_id}/pages/{number}",
    response={200: None, **READ_ERRORS, 503: ErrorOut},
    operation_id="get_version_page",
    openapi_extra=binary_response(
        "The page's preview (or its thumbnail) as a PNG; 404 until the worker made it.",
        ["image/png"],
    ),
)
def get_version_page(
    request: AuthedRequest,
    version_id: ObjectId,
    number: PageNumber,
    params: Query[PageParamsIn],
) -> FileResponse:
    """A preview of one page of an image or a PDF, shown inline."""
    page = access.page_for(request.user, version_id, number)
    image = page.thumbnail if params.size == "thumbnail" else page.image
    if not image:
        raise Http404("This page has no thumbnail yet.")
    return downloads.stored_file(
        image,
        filename=f"v{page.version.number}-page-{page.number}.png",
        content_type="image/png",
        as_attachment=False,
    )


# --- Rounds ---------------------------------------------------------------------------------


def _rounds(request: AuthedRequest) -> Any:
    return (
        access.rounds_visible_to(request.user)
        .select_related("version", "final_approver", "opened_by")
        .prefetch_related("reviewers__user", "reviewers__guest", "decisions__reviewer__user")
    )


def _round_out(request: AuthedRequest, round_id: int) -> RoundOut | ClientRoundOut:
    found = access.round_for(request.user, round_id)
    round = _rounds(request).get(pk=found.pk)
    if _is_contact(request):
        return ClientRoundOut.of(round)
    return RoundOut.of(round, client_words=found.deliverable.managing)


@router.get(
    "/deliverables/{deliverable_id}/rounds",
    response={200: RoundPage | ClientRoundPage, **READ_ERRORS},
    operation_id="list_rounds",
)
def list_rounds(
    request: AuthedRequest, deliverable_id: ObjectId, page: Query[PageParams]
) -> RoundPage | ClientRoundPage:
    """A deliverable's review rounds, newest first, with reviewers and decisions. Contacts
    see client rounds only."""
    deliverable = access.deliverable_for(request.user, deliverable_id)
    result = page_of(_rounds(request).filter(deliverable=deliverable), page)
    if _is_contact(request):
        result["items"] = [ClientRoundOut.of(r) for r in result["items"]]
        return ClientRoundPage(**result)
    result["items"] = [RoundOut.of(r, client_words=deliverable.managing) for r in result["items"]]
    return RoundPage(**result)


@router.get(
    "/rounds/{round_id}",
    response={200: RoundOut | ClientRoundOut, **READ_ERRORS},
    operation_id="get_round",
)
def get_round(request: AuthedRequest, round_id: ObjectId) -> RoundOut | ClientRoundOut:
    """One round with its reviewers and their decisions (contacts: client rounds only)."""
    return _round_out(request, round_id)


def _seats(deliverable: Any, payload: RoundIn) -> list[round_services.Seat]:
    """The people named, among those who may sit on a round of this stage: the agency's
    staff for an internal round, the client's contacts for a client round. Anyone else is no
    such person (so no name leaks across clients)."""
    ids = [seat.user_id for seat in payload.reviewers]
    people = User.objects.filter(pk__in=ids, is_active=True)
    if payload.stage == Round.Stage.INTERNAL:
        people = people.filter(kind=Kind.STAFF)
    else:
        contacts = Contact.objects.filter(client_id=deliverable.job.client_id)
        people = people.filter(pk__in=contacts.values("user_id"))
    found = {person.pk: person for person in people}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        who = "at the agency" if payload.stage == Round.Stage.INTERNAL else "at this client"
        raise InvalidInput(f"No one {who} has the id {missing[0]}.", field="reviewers")
    return [round_services.Seat(found[s.user_id], s.role) for s in payload.reviewers]


@router.post(
    "/deliverables/{deliverable_id}/rounds",
    response={201: RoundOut, **BODY_ERRORS},
    operation_id="open_round",
)
def open_round(
    request: AuthedRequest, deliverable_id: ObjectId, payload: RoundIn
) -> Status[RoundOut]:
    """Put the latest version to reviewers. The agency's people on the job open internal
    rounds; the account manager client rounds (403). A client round without the version's
    internal approval needs a `reason` (422); past the included revision rounds it needs
    `confirm` (409)."""
    action: access.DeliverableAction = "manage" if payload.stage == Round.Stage.CLIENT else "upload"
    deliverable = access.deliverable_for(request.user, deliverable_id, action)
    latest = access.versions_visible_to(request.user, deliverable).order_by("-number").first()
    if latest is None:
        raise Conflict("There is no version to review yet: upload one first.")
    if payload.version_id is not None and payload.version_id != latest.pk:
        raise Conflict(
            f"Version {latest.number} is now the latest: review it instead.", field="version_id"
        )
    seats = _seats(deliverable, payload)
    final = next((s.user for s in seats if s.user.pk == payload.final_approver_id), None)
    opened = round_services.open_round(
        by=request.user,
        version=latest,
        stage=payload.stage,
        seats=seats,
        rule=payload.rule,
        final_approver=final,
        due_at=payload.due_at,
        override_reason=payload.reason,
        confirm=payload.confirm,
    )
    return Status(201, RoundOut.of(_rounds(request).get(pk=opened.pk)))


@router.post(
    "/rounds/{round_id}/decisions",
    response={201: RoundOut | ClientRoundOut, **BODY_ERRORS},
    operation_id="decide_round",
)
def decide_round(
    request: AuthedRequest, round_id: ObjectId, payload: DecisionIn
) -> Status[RoundOut | ClientRoundOut]:
    """Record your decision on an open round you approve on: final, bound to the version's
    SHA-256; a note is required unless approved (422). Not on the round, or only reviewing:
    403; a round already closed (decided, superseded by a newer version) or a second
    decision: 409. Answers the round as it stands after it."""
    round = access.round_for(request.user, round_id, "decide")
    round_services.decide(by=request.user, round=round, verdict=payload.verdict, note=payload.note)
    return Status(201, _round_out(request, round_id))


@router.post(
    "/rounds/{round_id}/cancel",
    response={200: RoundOut, **WRITE_ERRORS},
    operation_id="cancel_round",
)
def cancel_round(request: AuthedRequest, round_id: ObjectId) -> RoundOut:
    """Withdraw an open round (the account manager); a closed one is a 409."""
    round = access.round_for(request.user, round_id, "manage")
    round_services.cancel_round(by=request.user, round=round)
    return RoundOut.of(_rounds(request).get(pk=round.pk))


@router.post(
    "/rounds/{round_id}/nudge",
    response={200: NudgeOut, **WRITE_ERRORS},
    operation_id="nudge_round",
)
def nudge_round(request: AuthedRequest, round_id: ObjectId) -> NudgeOut:
    """Remind the round's undecided reviewers now (the account manager); once an hour at
    most, and not on a closed round (409)."""
    round = access.round_for(request.user, round_id, "manage")
    return NudgeOut(reminded=round_services.nudge(by=request.user, round=round))


@router.get(
    "/deliverables/{deliverable_id}/ledger",
    response={200: LedgerOut, **READ_ERRORS},
    operation_id="get_revision_ledger",
)
def get_revision_ledger(request: AuthedRequest, deliverable_id: ObjectId) -> LedgerOut:
    """The deliverable's client rounds against the revision rounds the client's terms
    include, for the agency's people on the job (contacts 403)."""
    deliverable = access.deliverable_for(request.user, deliverable_id, "upload")
    return LedgerOut.of(round_services.ledger_for(deliverable))


# --- Comments -------------------------------------------------------------------------------


def _comments(request: AuthedRequest, deliverable: Any) -> Any:
    return access.comments_visible_to(request.user, deliverable).select_related(
        "author", "guest", "resolved_by"
    )


@router.get(
    "/versions/{version_id}/comments",
    response={200: CommentPage, **READ_ERRORS},
    operation_id="list_comments",
)
def list_comments(
    request: AuthedRequest, version_id: ObjectId, page: Query[PageParams]
) -> dict[str, Any]:
    """The comments on a version you may read, oldest first, replies among them: the
    account manager both audiences, contacts the client's, creatives the internal ones."""
    version = access.version_for(request.user, version_id)
    rows = _comments(request, version.deliverable).filter(version=version)
    result = page_of(rows.order_by("created_at", "pk"), page)
    result["items"] = [CommentOut.of(c) for c in result["items"]]
    return result


def _parent(request: AuthedRequest, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    try:
        return access.comment_for(request.user, parent_id, "reply")
    except Http404:
        raise InvalidInput("There is no such comment to reply to.", field="parent_id") from None


@router.post(
    "/versions/{version_id}/comments",
    response={201: CommentOut, **BODY_ERRORS},
    operation_id="add_comment",
)
def add_comment(
    request: AuthedRequest, version_id: ObjectId, payload: CommentIn
) -> Status[CommentOut]:
    """Comment on a version, pinned by `anchor` (a point on a page, a moment of a video, a
    passage of copy) or on the whole, or reply to `parent_id`. Staff on the job and the
    client's approvers and reviewers (viewers 403) comment."""
    version = access.version_for(request.user, version_id)
    if not access.may_comment(request.user, version):
        raise PermissionDenied("You follow this work without commenting on it.")
    made = comment_services.add_comment(
        by=request.user,
        version=version,
        body=payload.body,
        audience=payload.audience,
        anchor=payload.anchor.model_dump() if payload.anchor else None,
        parent=_parent(request, payload.parent_id),
        managing=version.deliverable.managing,
    )
    return Status(201, CommentOut.of(_comments(request, version.deliverable).get(pk=made.pk)))


def _resolve(request: AuthedRequest, comment_id: int, payload: ResolveIn, *, to: bool) -> Any:
    comment = access.comment_for(request.user, comment_id, "resolve")
    comment_services.resolve_comment(
        by=request.user, comment=comment, resolved=to, base_revision=payload.base_revision
    )
    return CommentOut.of(_comments(request, comment.version.deliverable).get(pk=comment.pk))


@router.post(
    "/comments/{comment_id}/resolve",
    response={200: CommentOut, **BODY_ERRORS},
    operation_id="resolve_comment",
)
def resolve_comment(request: AuthedRequest, comment_id: ObjectId, payload: ResolveIn) -> Any:
    """Mark a top-level comment dealt with (the agency, and a contact their own). With the
    `base_revision` you read, a change made since is a 409."""
    return _resolve(request, comment_id, payload, to=True)


@router.post(
    "/comments/{comment_id}/reopen",
    response={200: CommentOut, **BODY_ERRORS},
    operation_id="reopen_comment",
)
def reopen_comment(request: AuthedRequest, comment_id: ObjectId, payload: ResolveIn) -> Any:
    """Open a resolved comment again (as `resolve_comment`)."""
    return _resolve(request, comment_id, payload, to=False)


# --- To-dos ---------------------------------------------------------------------------------


def _todos(deliverable: Any) -> Any:
    return (
        access.todos_of(deliverable)
        .select_related("created_by", "done_by", "done_in")
        .prefetch_related("sources")
    )


@router.get(
    "/deliverables/{deliverable_id}/todos",
    response={200: TodoPage, **READ_ERRORS},
    operation_id="list_todos",
)
def list_todos(
    request: AuthedRequest, deliverable_id: ObjectId, page: Query[PageParams]
) -> dict[str, Any]:
    """The deliverable's to-dos in order, each with the client comments it comes from and
    the version that answers it. The agency's people on the job (contacts 404)."""
    deliverable = access.todos_deliverable_for(request.user, deliverable_id)
    result = page_of(_todos(deliverable).order_by("position", "pk"), page)
    result["items"] = [FeedbackTodoOut.of(t) for t in result["items"]]
    return result


@router.post(
    "/deliverables/{deliverable_id}/todos",
    response={201: list[FeedbackTodoOut], **BODY_ERRORS},
    operation_id="add_todos",
)
def add_todos(
    request: AuthedRequest, deliverable_id: ObjectId, payload: TodosIn
) -> Status[list[FeedbackTodoOut]]:
    """Write to-dos for the creatives from the client's comments (`sources`: their ids); the
    account manager (403), who tells the people on the work."""
    deliverable = access.todos_deliverable_for(request.user, deliverable_id, "manage")
    made = todo_services.add_todos(
        by=request.user,
        deliverable=deliverable,
        items=[(item.text, item.sources) for item in payload.items],
    )
    rows = _todos(deliverable).filter(pk__in=[t.pk for t in made]).order_by("position", "pk")
    return Status(201, [FeedbackTodoOut.of(t) for t in rows])


@router.post(
    "/todos/{todo_id}/tick",
    response={200: FeedbackTodoOut, **BODY_ERRORS},
    operation_id="tick_todo",
)
def tick_todo(request: AuthedRequest, todo_id: ObjectId, payload: TickIn) -> FeedbackTodoOut:
    """Tick a to-do done (`done: true`) or not; the agency's people on the job. It counts as
    answered by the first version after it was written."""
    todo = access.todo_for(request.user, todo_id, "tick")
    todo_services.tick_todo(by=request.user, todo=todo, done=payload.done)
    return FeedbackTodoOut.of(_todos(todo.deliverable).get(pk=todo.pk))
