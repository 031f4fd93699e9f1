"""Conversations API: threads between a client and the agency or inside the agency, their
messages (Markdown, edits, files) and read state. Relays, to-dos and the court are in
`api_relays.py`.

A client contact sees only their client's client threads: an internal thread is 404 to them
even by id, and their messages carry no `relayed_from` (the client schemas have no such field).
Writing in a client thread is for its contacts and the account manager (a creative only once
the job is opened to its team: else 403 with the reason); editing is for the author, for five
minutes (403 after), against the `revision` read (409 with the message as it is now).
"""

from collections.abc import Sequence
from typing import Any

from django.db.models import prefetch_related_objects
from django.http import FileResponse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from accord.accounts.models import User
from accord.clients import access as client_access
from accord.conversations import access, queries
from accord.conversations.models import Message, Thread
from accord.conversations.schemas import (
    ClientMessageOut,
    ClientMessagePage,
    ClientThreadDetailOut,
    EditConflictOut,
    EditIn,
    MessageForm,
    MessageIn,
    MessageOut,
    MessagePage,
    MessageQuery,
    StartThreadIn,
    ThreadDetailOut,
    ThreadFilters,
    ThreadOut,
    ThreadPage,
)
from accord.conversations.services import threads
from accord.core import downloads, policy
from accord.core.api_support import (
    BODY_ERRORS,
    READ_ERRORS,
    AuthedRequest,
    ErrorOut,
    ObjectId,
    PageParams,
    binary_response,
    page_of,
)
from accord.core.errors import Conflict, InvalidInput
from accord.intake import access as intake_access
from accord.work import access as work_access

router = Router(tags=["conversations"])

UPLOAD_ERRORS: dict[int, Any] = {**BODY_ERRORS, 503: ErrorOut}
AnyMessage = MessageOut | ClientMessageOut


def _is_contact(request: AuthedRequest) -> bool:
    return policy.is_contact(request.user)


# --- What the answers are made of -----------------------------------------------------------


def read_state(request: AuthedRequest, thread: Thread) -> Thread:
    """The thread with how far the person read it (`read_to`) and `unread`, in one query."""
    state = queries.on(request.user, pk=thread.pk).only("pk", "last_message_id").first()
    thread.read_to = getattr(state, "read_to", 0)  # type: ignore[attr-defined]
    thread.unread = getattr(state, "unread", False)  # type: ignore[attr-defined]
    return thread


def messages_out(
    request: AuthedRequest, messages: Sequence[Message], *, managing: bool
) -> list[Any]:
    """Messages as the person may read them, their files, mentions and relay sources read for
    all of them at once; a relay's source only for those who run the client (`managing`), as
    on the thread page: the team reads the account manager's words, not the client's."""
    user, absolute = request.user, request.build_absolute_uri
    prefetch_related_objects(
        list(messages), "attachments", "mentions__user", "relayed_from__author"
    )
    if _is_contact(request):
        return [ClientMessageOut.of(m, user, absolute) for m in messages]
    return [MessageOut.of_agency(m, user, absolute, show_source=managing) for m in messages]


def message_out(request: AuthedRequest, message: Message, *, managing: bool) -> Any:
    return messages_out(request, [message], managing=managing)[0]


def thread_detail(request: AuthedRequest, thread: Thread) -> Any:
    read_state(request, thread)
    people = queries.people_of(thread)
    may_post = access.may_post(request.user, thread)
    if _is_contact(request):
        return ClientThreadDetailOut.of_detail(thread, people, may_post)
    todos = queries.todos_of(thread) if thread.is_internal else []
    return ThreadDetailOut.of_agency(thread, people, may_post, todos)


# --- Threads --------------------------------------------------------------------------------


@router.get(
    "/threads",
    response={200: ThreadPage, **READ_ERRORS},
    operation_id="list_threads",
)
def list_threads(
    request: AuthedRequest, filters: Query[ThreadFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """The conversations you see, newest activity first, each with its court and whether you
    have read its newest message. Filters: `client_id`, `audience`, `show` (unread, waiting on
    the agency or on the client), and the brief, job or deliverable it is on."""
    rows = queries.inbox(request.user, show=filters.show or "", client_id=filters.client_id)
    if filters.audience:
        rows = rows.filter(audience=filters.audience)
    for anchor in ("brief_id", "job_id", "deliverable_id"):
        if (value := getattr(filters, anchor)) is not None:
            rows = rows.filter(**{anchor: value})
    result = page_of(rows, page)
    result["items"] = [ThreadOut.of(t) for t in result["items"]]
    return result


def _start_on(user: Any, payload: StartThreadIn) -> dict[str, Any]:
    """The client and what on it the thread is about, each through its access function (404
    if not seen); a `client_id` given with an anchor must be the anchor's client."""
    anchors = [payload.deliverable_id, payload.job_id, payload.brief_id]
    if sum(value is not None for value in anchors) > 1:
        raise InvalidInput("Give one of brief_id, job_id and deliverable_id.", field="job_id")
    found: dict[str, Any] = {}
    if payload.deliverable_id is not None:
        found["deliverable"] = work_access.deliverable_for(user, payload.deliverable_id)
        found["client"] = found["deliverable"].job.client
    elif payload.job_id is not None:
        found["job"] = work_access.job_for(user, payload.job_id)
        found["client"] = found["job"].client
    elif payload.brief_id is not None:
        found["brief"] = intake_access.brief_for(user, payload.brief_id)
        found["client"] = found["brief"].client
    if payload.client_id is not None:
        client = client_access.client_for(user, payload.client_id)
        if found and found["client"].pk != client.pk:
            raise InvalidInput("That work belongs to another client.", field="client_id")
        found["client"] = client
    if not found:
        raise InvalidInput(
            "Say which client the conversation is with, or what it is on.", field="client_id"
        )
    return found


@router.post(
    "/threads",
    response={201: ThreadDetailOut | ClientThreadDetailOut, **BODY_ERRORS},
    operation_id="start_thread",
)
def start_thread(request: AuthedRequest, payload: StartThreadIn) -> Status[Any]:
    """Start a conversation with its first message, on a client (`client_id`) or on one of
    its briefs, jobs or deliverables. Contacts start client threads; a creative starts
    internal ones (a client thread: 403 unless the job is opened to its team). The client's
    account manager is always in a client thread."""
    user = request.user
    on = _start_on(user, payload)
    people = User.objects.filter(pk__in=payload.people, is_active=True) if payload.people else []
    thread = threads.start_thread(
        by=user,
        client=on["client"],
        audience=payload.audience,
        subject=payload.subject,
        body=payload.body,
        brief=on.get("brief"),
        job=on.get("job"),
        deliverable=on.get("deliverable"),
        people=people,
        via=Message.Via.API,
    )
    return Status(201, thread_detail(request, access.thread_for(user, thread.pk)))


@router.get(
    "/threads/{thread_id}",
    response={200: ThreadDetailOut | ClientThreadDetailOut, **READ_ERRORS},
    operation_id="get_thread",
)
def get_thread(request: AuthedRequest, thread_id: ObjectId) -> Any:
    """One conversation: its court, who follows it, whether you may write in it; for the
    agency whether you broker it and, in an internal one, its to-dos. Reading it does not mark
    it read (`mark_thread_read` does)."""
    return thread_detail(request, access.thread_for(request.user, thread_id))


@router.post(
    "/threads/{thread_id}/read",
    response={200: ThreadOut, **READ_ERRORS},
    operation_id="mark_thread_read",
)
def mark_thread_read(request: AuthedRequest, thread_id: ObjectId) -> ThreadOut:
    """You have read the conversation up to its newest message."""
    thread = access.thread_for(request.user, thread_id)
    threads.mark_read(user=request.user, thread=thread)
    return ThreadOut.of(read_state(request, thread))


# --- Messages -------------------------------------------------------------------------------


@router.get(
    "/threads/{thread_id}/messages",
    response={200: MessagePage | ClientMessagePage, **READ_ERRORS},
    operation_id="list_messages",
)
def list_messages(
    request: AuthedRequest, thread_id: ObjectId, params: Query[MessageQuery]
) -> dict[str, Any]:
    """A conversation's messages, newest first, 50 at a time: pass the page's `next_before`
    as `before` for the older ones."""
    thread = access.thread_for(request.user, thread_id)
    page, older = queries.messages_of(thread, before=params.before)
    page.reverse()
    return {
        "items": messages_out(request, page, managing=thread.managing),
        "next_before": page[-1].pk if older and page else None,
    }


@router.post(
    "/threads/{thread_id}/messages",
    response={201: MessageOut | ClientMessageOut, **BODY_ERRORS},
    operation_id="post_message",
)
def post_message(request: AuthedRequest, thread_id: ObjectId, payload: MessageIn) -> Status[Any]:
    """Write in a conversation (files: `post_message_with_files`). The ball goes to the other
    side of a client thread; those following it are told."""
    thread = access.thread_for(request.user, thread_id, "post")
    message = threads.post(by=request.user, thread=thread, body=payload.body, via=Message.Via.API)
    return Status(201, message_out(request, message, managing=thread.managing))


@router.post(
    "/threads/{thread_id}/messages/with-files",
    response={201: MessageOut | ClientMessageOut, **UPLOAD_ERRORS},
    operation_id="post_message_with_files",
)
def post_message_with_files(
    request: AuthedRequest,
    thread_id: ObjectId,
    form: Form[MessageForm],
    attachments: File[list[UploadedFile]],
) -> Status[Any]:
    """Write a message with files (multipart/form-data: `body`, and one `attachments` part
    per file, up to 10). Each file is checked by its content (422 naming it); 503 when the file
    store does not answer, and then nothing is posted."""
    thread = access.thread_for(request.user, thread_id, "post")
    message = threads.post(
        by=request.user,
        thread=thread,
        body=form.body,
        attachments=list(attachments),
        via=Message.Via.API,
    )
    return Status(201, message_out(request, message, managing=thread.managing))


@router.patch(
    "/messages/{message_id}",
    response={200: MessageOut | ClientMessageOut, **BODY_ERRORS, 409: EditConflictOut},
    operation_id="edit_message",
)
def edit_message(request: AuthedRequest, message_id: ObjectId, payload: EditIn) -> Any:
    """Edit your message within five minutes of sending it (403 after, or when a record stands
    on it, as on the message that confirmed meeting notes: `detail` says why; the earlier text
    is kept). `revision` is the one you read: edited since, 409 with the message as it is now."""
    user = request.user
    message = access.message_for(user, message_id)
    managing = message.thread.managing
    try:
        edited = threads.edit(
            by=user, message=message, body=payload.body, revision=payload.revision
        )
    except Conflict as conflict:
        current = message_out(request, access.message_for(user, message_id), managing=managing)
        return Status(
            409, EditConflictOut(detail=conflict.message, field="revision", current=current)
        )
    return message_out(request, edited, managing=managing)


@router.get(
    "/message-files/{attachment_id}",
    response={200: None, **READ_ERRORS, 503: ErrorOut},
    operation_id="download_message_file",
    openapi_extra=binary_response(
        "The file as it was sent, always as an attachment, in its stored `content_type`.",
        ["*/*"],
    ),
)
def download_message_file(request: AuthedRequest, attachment_id: ObjectId) -> FileResponse:
    """A message's file under the name it was sent with, for whoever reads its thread."""
    item = access.attachment_for(request.user, attachment_id)
    return downloads.stored_file(item.file, filename=item.name, content_type=item.content_type)
