"""Work API: a job's deliverables (contacts read them in client words) and tasks (agency staff
only: for contacts they do not exist, 404). Every edit carries its base: `base_revision` for
details, `base_status` for moves; a stale base is a 409 that says what it is now. A due date
after the job's deadline is a 409 with `field: "confirm"`: send the same again with
`confirm: true`."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Query, Router, Status
from pydantic import BaseModel, Field

from accord.accounts.models import User
from accord.core import policy
from accord.core.api_support import (
    BODY_ERRORS,
    MAX_ID,
    READ_ERRORS,
    WRITE_ERRORS,
    AuthedRequest,
    Input,
    ObjectId,
    PageMeta,
    PageParams,
    Text,
    TickIn,
    page_of,
)
from accord.core.errors import InvalidInput
from accord.core.policy import Kind
from accord.intake.schemas import IsoDate, NamedRef
from accord.work import access, rules
from accord.work.models import Deliverable, Task
from accord.work.services import deliverables as deliverable_services
from accord.work.services import tasks as task_services

router = Router(tags=["work"])

DeliverableStatus = Literal[
    "not_started",
    "in_production",
    "internal_review",
    "client_review",
    "changes_requested",
    "approved",
    "delivered",
    "published",
    "on_hold",
    "cancelled",
]
DeliverableKind = Literal[
    "social_post",
    "story",
    "print_ad",
    "display_ad",
    "video",
    "script",
    "copy",
    "email",
    "web_page",
    "presentation",
    "other",
]
TaskStatus = Literal["todo", "doing", "blocked", "done"]
DisciplineValue = Literal["", "copywriting", "design", "social", "video", "web", "strategy"]
Id = Field(None, ge=1, le=MAX_ID)
BASE_REVISION = Field(
    ..., ge=1, description="The `revision` you read: if it changed since, nothing is saved (409)."
)
BASE_STATUS_HELP = "The status you read: if it moved since, nothing changes (409)."
CONFIRM = Field(False, description="Yes, save a due date after the job's deadline.")


def _ref(person: Any) -> NamedRef | None:
    return NamedRef(id=person.pk, name=person.name) if person is not None else None


# --- Deliverables ---------------------------------------------------------------------------


class DeliverableOut(BaseModel):
    """A deliverable as the agency sees it, with the moves open from its status."""

    id: int
    job_id: int
    title: str
    kind: str
    channel: str
    format: str
    due_on: date | None
    owner: NamedRef | None
    status: str
    held_from: str = Field(..., description="Where an on-hold deliverable resumes to.")
    revision: int
    moves: list[str] = Field(..., description="Statuses it can move to from here.")

    @classmethod
    def of(cls, deliverable: Deliverable) -> "DeliverableOut":
        return cls(
            id=deliverable.pk,
            job_id=deliverable.job_id,
            title=deliverable.title,
            kind=deliverable.kind,
            channel=deliverable.channel,
            format=deliverable.format,
            due_on=deliverable.due_on,
            owner=_ref(deliverable.owner),
            status=deliverable.status,
            held_from=deliverable.held_from,
            revision=deliverable.revision,
            moves=deliverable_services.moves_for(deliverable),
        )


class ClientDeliverableOut(BaseModel):
    """A deliverable as the client reads it: where it stands in client words only."""

    id: int
    title: str
    kind: str
    due_on: date | None
    status: str = Field(..., description="In the client's words, e.g. “In production”.")

    @classmethod
    def of(cls, deliverable: Deliverable) -> "ClientDeliverableOut":
        return cls(
            id=deliverable.pk,
            title=deliverable.title,
            kind=deliverable.kind,
            due_on=deliverable.due_on,
            status=rules.client_status(deliverable.status),
        )


class DeliverablePage(PageMeta):
    items: list[DeliverableOut]


class ClientDeliverablePage(PageMeta):
    items: list[ClientDeliverableOut]


class DeliverableIn(Input):
    title: Text = Field(..., min_length=1, max_length=160)
    kind: DeliverableKind = "other"
    channel: Text = Field("", max_length=80)
    format: Text = Field("", max_length=80)
    due_on: IsoDate | None = None
    owner_id: int | None = Id
    confirm: bool = CONFIRM


class DeliverablePatch(Input):
    """The fields to change (the others stay as they are), and the revision you read."""

    base_revision: int = BASE_REVISION
    title: Text | None = Field(None, min_length=1, max_length=160)
    kind: DeliverableKind | None = None
    channel: Text | None = Field(None, max_length=80)
    format: Text | None = Field(None, max_length=80)
    due_on: IsoDate | None = None
    owner_id: int | None = Id
    confirm: bool = CONFIRM


class DeliverableMoveIn(Input):
    to: DeliverableStatus
    base_status: DeliverableStatus = Field(..., description=BASE_STATUS_HELP)


def _person(person_id: int | None, field: str) -> User | None:
    """A person to give work to, by id: agency staff only (anyone else is no such person)."""
    if person_id is None:
        return None
    person = User.objects.filter(pk=person_id, kind=Kind.STAFF).first()
    if person is None:
        raise InvalidInput(f"No one at the agency has the id {person_id}.", field=field)
    return person


@router.get(
    "/jobs/{job_id}/deliverables",
    response={200: DeliverablePage | ClientDeliverablePage, **READ_ERRORS},
    operation_id="list_job_deliverables",
)
def list_job_deliverables(
    request: AuthedRequest, job_id: ObjectId, page: Query[PageParams]
) -> DeliverablePage | ClientDeliverablePage:
    """A job's deliverables in their order. Contacts get the client's view: title, kind,
    due date and the status in client words, nothing else."""
    job = access.job_for(request.user, job_id)
    rows = job.deliverables.select_related("owner").order_by("position", "pk")
    result = page_of(rows, page)
    if policy.is_contact(request.user):
        result["items"] = [ClientDeliverableOut.of(d) for d in result["items"]]
        return ClientDeliverablePage(**result)
    result["items"] = [DeliverableOut.of(d) for d in result["items"]]
    return DeliverablePage(**result)


@router.post(
    "/jobs/{job_id}/deliverables",
    response={201: DeliverableOut, **BODY_ERRORS},
    operation_id="create_deliverable",
)
def create_deliverable(
    request: AuthedRequest, job_id: ObjectId, payload: DeliverableIn
) -> Status[DeliverableOut]:
    """Add a deliverable to a job (those who run the job; others 403)."""
    job = access.job_for(request.user, job_id, "plan")
    deliverable = deliverable_services.add_deliverable(
        by=request.user,
        job=job,
        title=payload.title,
        kind=payload.kind,
        channel=payload.channel,
        format=payload.format,
        due_on=payload.due_on,
        owner=_person(payload.owner_id, "owner_id"),
        confirm=payload.confirm,
    )
    return Status(201, DeliverableOut.of(deliverable))


@router.patch(
    "/deliverables/{deliverable_id}",
    response={200: DeliverableOut, **BODY_ERRORS},
    operation_id="update_deliverable",
)
def update_deliverable(
    request: AuthedRequest, deliverable_id: ObjectId, payload: DeliverablePatch
) -> DeliverableOut:
    """Change a deliverable's details (not its status). `owner_id: null` clears the owner."""
    deliverable = access.deliverable_for(request.user, deliverable_id, "edit")
    given = payload.model_fields_set
    owner = _person(payload.owner_id, "owner_id") if "owner_id" in given else deliverable.owner
    updated = deliverable_services.update_deliverable(
        by=request.user,
        deliverable=deliverable,
        base_revision=payload.base_revision,
        title=payload.title if payload.title is not None else deliverable.title,
        kind=payload.kind or deliverable.kind,
        channel=payload.channel if payload.channel is not None else deliverable.channel,
        format=payload.format if payload.format is not None else deliverable.format,
        due_on=payload.due_on if "due_on" in given else deliverable.due_on,
        owner=owner,
        confirm=payload.confirm,
    )
    return DeliverableOut.of(access.deliverable_for(request.user, updated.pk))


@router.post(
    "/deliverables/{deliverable_id}/move",
    response={200: DeliverableOut, **BODY_ERRORS},
    operation_id="move_deliverable",
)
def move_deliverable(
    request: AuthedRequest, deliverable_id: ObjectId, payload: DeliverableMoveIn
) -> DeliverableOut:
    """Move a deliverable to `to` from `base_status`. Creatives on the job move it within
    production (else 403); an illegal move or a stale base is a 409 saying why."""
    deliverable = access.deliverable_for(request.user, deliverable_id, "move")
    access.ensure_may_move_deliverable(request.user, deliverable, payload.to)
    moved = deliverable_services.move_deliverable(
        by=request.user, deliverable=deliverable, to=payload.to, base_status=payload.base_status
    )
    return DeliverableOut.of(access.deliverable_for(request.user, moved.pk))


# --- Tasks ----------------------------------------------------------------------------------


class ChecklistItemOut(BaseModel):
    id: int
    text: str
    done: bool
    done_by: NamedRef | None

    @classmethod
    def of(cls, item: Any) -> "ChecklistItemOut":
        return cls(id=item.pk, text=item.text, done=item.done, done_by=_ref(item.done_by))


class TaskOut(BaseModel):
    id: int
    job_id: int
    deliverable_id: int | None
    title: str
    discipline: str
    assignee: NamedRef | None
    estimate_hours: Decimal
    starts_on: date | None
    due_on: date | None
    status: str
    blocked_reason: str
    priority: int = Field(..., description="1 (low) to 4 (urgent).")
    depends_on_id: int | None = Field(..., description="The task it waits for, if any.")
    revision: int

    @classmethod
    def fields_of(cls, task: Task) -> dict[str, Any]:
        return {
            "id": task.pk,
            "job_id": task.job_id,
            "deliverable_id": task.deliverable_id,
            "title": task.title,
            "discipline": task.discipline,
            "assignee": _ref(task.assignee),
            "estimate_hours": task.estimate_hours,
            "starts_on": task.starts_on,
            "due_on": task.due_on,
            "status": task.status,
            "blocked_reason": task.blocked_reason,
            "priority": task.priority,
            "depends_on_id": task.depends_on_id,
            "revision": task.revision,
        }

    @classmethod
    def of(cls, task: Task) -> "TaskOut":
        return cls(**cls.fields_of(task))


class TaskDetailOut(TaskOut):
    checklist: list[ChecklistItemOut]

    @classmethod
    def of(cls, task: Task) -> "TaskDetailOut":
        items = task.checklist.select_related("done_by")
        return cls(**cls.fields_of(task), checklist=[ChecklistItemOut.of(i) for i in items])


class TaskPage(PageMeta):
    items: list[TaskOut]


# Hours as a JSON number or a string ("4.5"): not strict, so either is read as a Decimal.
Hours = Field(Decimal(0), ge=0, le=999, max_digits=6, decimal_places=2, strict=False)


class TaskIn(Input):
    title: Text = Field(..., min_length=1, max_length=160)
    deliverable_id: int | None = Id
    discipline: DisciplineValue = ""
    assignee_id: int | None = Id
    estimate_hours: Decimal = Hours
    starts_on: IsoDate | None = None
    due_on: IsoDate | None = None
    priority: int = Field(2, ge=1, le=4)
    depends_on_id: int | None = Id
    checklist: list[Annotated[Text, Field(max_length=task_services.MAX_CHECKLIST_TEXT)]] = Field(
        [], max_length=task_services.MAX_CHECKLIST
    )
    confirm: bool = CONFIRM


class TaskPatch(Input):
    """The details to change (the others stay); assignee, status and dependency have their
    own operations."""

    base_revision: int = BASE_REVISION
    title: Text | None = Field(None, min_length=1, max_length=160)
    deliverable_id: int | None = Id
    discipline: DisciplineValue | None = None
    estimate_hours: Decimal | None = Field(
        None, ge=0, le=999, max_digits=6, decimal_places=2, strict=False
    )
    starts_on: IsoDate | None = None
    due_on: IsoDate | None = None
    priority: int | None = Field(None, ge=1, le=4)
    confirm: bool = CONFIRM


class AssignIn(Input):
    assignee_id: int | None = Field(..., ge=1, le=MAX_ID, description="null: nobody.")
    base_revision: int = BASE_REVISION


class TaskMoveIn(Input):
    to: TaskStatus
    base_status: TaskStatus = Field(..., description=BASE_STATUS_HELP)
    reason: Text = Field("", max_length=300, description="What it is blocked on (to blocked).")


class DependencyIn(Input):
    depends_on_id: int | None = Field(..., ge=1, le=MAX_ID, description="null: nothing.")
    base_revision: int = BASE_REVISION


class ChecklistItemIn(Input):
    text: Text = Field(..., min_length=1, max_length=300)


def _deliverable_of(job: Any, deliverable_id: int | None) -> Deliverable | None:
    if deliverable_id is None:
        return None
    deliverable = job.deliverables.filter(pk=deliverable_id).first()
    if deliverable is None:
        raise InvalidInput("The job has no such deliverable.", field="deliverable_id")
    return deliverable


def _task_of(job: Any, task_id: int | None) -> Task | None:
    if task_id is None:
        return None
    task = job.tasks.filter(pk=task_id).first()
    if task is None:
        raise InvalidInput("The job has no such task.", field="depends_on_id")
    return task


def _task_out(request: AuthedRequest, task_id: int) -> TaskDetailOut:
    return TaskDetailOut.of(access.task_for(request.user, task_id))


@router.get(
    "/jobs/{job_id}/tasks",
    response={200: TaskPage, **READ_ERRORS},
    operation_id="list_job_tasks",
)
def list_job_tasks(
    request: AuthedRequest, job_id: ObjectId, page: Query[PageParams]
) -> dict[str, Any]:
    """A job's tasks in their order (agency staff; contacts 404)."""
    job = access.job_tasks_for(request.user, job_id)
    result = page_of(job.tasks.select_related("assignee").order_by("position", "pk"), page)
    result["items"] = [TaskOut.of(t) for t in result["items"]]
    return result


@router.get(
    "/tasks/{task_id}", response={200: TaskDetailOut, **READ_ERRORS}, operation_id="get_task"
)
def get_task(request: AuthedRequest, task_id: ObjectId) -> TaskDetailOut:
    """One task with its checklist (agency staff who see its job; contacts 404)."""
    return _task_out(request, task_id)


@router.post(
    "/jobs/{job_id}/tasks",
    response={201: TaskDetailOut, **BODY_ERRORS},
    operation_id="create_task",
)
def create_task(request: AuthedRequest, job_id: ObjectId, payload: TaskIn) -> Status[TaskDetailOut]:
    """Add a task to a job (those who run it); its assignee is notified. Work goes only to
    active agency staff (422)."""
    job = access.job_tasks_for(request.user, job_id, "plan")
    task = task_services.add_task(
        by=request.user,
        job=job,
        title=payload.title,
        discipline=payload.discipline,
        assignee=_person(payload.assignee_id, "assignee_id"),
        estimate_hours=payload.estimate_hours,
        due_on=payload.due_on,
        starts_on=payload.starts_on,
        deliverable=_deliverable_of(job, payload.deliverable_id),
        depends_on=_task_of(job, payload.depends_on_id),
        priority=payload.priority,
        checklist=payload.checklist,
        confirm=payload.confirm,
    )
    return Status(201, _task_out(request, task.pk))


@router.patch(
    "/tasks/{task_id}", response={200: TaskDetailOut, **BODY_ERRORS}, operation_id="update_task"
)
def update_task(request: AuthedRequest, task_id: ObjectId, payload: TaskPatch) -> TaskDetailOut:
    """Change a task's details; a moved due date reaches its assignee."""
    task = access.task_for(request.user, task_id, "edit")
    given = payload.model_fields_set
    task_services.update_task(
        by=request.user,
        task=task,
        base_revision=payload.base_revision,
        title=payload.title if payload.title is not None else task.title,
        discipline=payload.discipline if payload.discipline is not None else task.discipline,
        estimate_hours=(
            payload.estimate_hours if payload.estimate_hours is not None else task.estimate_hours
        ),
        due_on=payload.due_on if "due_on" in given else task.due_on,
        starts_on=payload.starts_on if "starts_on" in given else task.starts_on,
        deliverable=(
            _deliverable_of(task.job, payload.deliverable_id)
            if "deliverable_id" in given
            else task.deliverable
        ),
        priority=payload.priority if payload.priority is not None else task.priority,
        confirm=payload.confirm,
    )
    return _task_out(request, task.pk)


@router.post(
    "/tasks/{task_id}/assign",
    response={200: TaskDetailOut, **BODY_ERRORS},
    operation_id="assign_task",
)
def assign_task(request: AuthedRequest, task_id: ObjectId, payload: AssignIn) -> TaskDetailOut:
    """Give the task to someone (`null`: nobody); they are notified."""
    task = access.task_for(request.user, task_id, "edit")
    task_services.assign_task(
        by=request.user,
        task=task,
        assignee=_person(payload.assignee_id, "assignee_id"),
        base_revision=payload.base_revision,
    )
    return _task_out(request, task.pk)


@router.post(
    "/tasks/{task_id}/move", response={200: TaskDetailOut, **BODY_ERRORS}, operation_id="move_task"
)
def move_task(request: AuthedRequest, task_id: ObjectId, payload: TaskMoveIn) -> TaskDetailOut:
    """Move a task (its assignee and the job's managers). Blocked needs a `reason` (422); a
    task waiting for an unfinished one cannot start (409); a stale `base_status` is a 409."""
    task = access.task_for(request.user, task_id, "move")
    task_services.move_task(
        by=request.user,
        task=task,
        to=payload.to,
        base_status=payload.base_status,
        reason=payload.reason,
    )
    return _task_out(request, task.pk)


@router.post(
    "/tasks/{task_id}/dependency",
    response={200: TaskDetailOut, **BODY_ERRORS},
    operation_id="set_task_dependency",
)
def set_task_dependency(
    request: AuthedRequest, task_id: ObjectId, payload: DependencyIn
) -> TaskDetailOut:
    """Make the task wait for another of its job (`null`: for nothing); a loop is a 422."""
    task = access.task_for(request.user, task_id, "edit")
    task_services.set_dependency(
        by=request.user,
        task=task,
        depends_on=_task_of(task.job, payload.depends_on_id),
        base_revision=payload.base_revision,
    )
    return _task_out(request, task.pk)


@router.post(
    "/tasks/{task_id}/checklist",
    response={201: ChecklistItemOut, **BODY_ERRORS},
    operation_id="add_checklist_item",
)
def add_checklist_item(
    request: AuthedRequest, task_id: ObjectId, payload: ChecklistItemIn
) -> Status[ChecklistItemOut]:
    """Add a line to the task's checklist (its assignee and the job's managers)."""
    task = access.task_for(request.user, task_id, "move")
    item = task_services.add_checklist_item(by=request.user, task=task, text=payload.text)
    return Status(201, ChecklistItemOut.of(item))


@router.post(
    "/checklist/{item_id}/tick",
    response={200: ChecklistItemOut, **BODY_ERRORS},
    operation_id="tick_checklist_item",
)
def tick_checklist_item(
    request: AuthedRequest, item_id: ObjectId, payload: TickIn
) -> ChecklistItemOut:
    """Tick (`done: true`) or untick a checklist line; ticking twice changes nothing."""
    item = access.checklist_item_for(request.user, item_id)
    ticked = task_services.tick_checklist_item(by=request.user, item=item, done=payload.done)
    return ChecklistItemOut.of(ticked)


@router.delete(
    "/checklist/{item_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="remove_checklist_item",
)
def remove_checklist_item(request: AuthedRequest, item_id: ObjectId) -> Status[None]:
    """Remove a checklist line."""
    item = access.checklist_item_for(request.user, item_id)
    task_services.remove_checklist_item(by=request.user, item=item)
    return Status(204, None)
