"""Jobs and job templates: the jobs list, setting up, editing and moving a job, its team, and
planning it from a template; the templates themselves (admins edit, staff read)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel

from accord.accounts.models import User
from accord.clients import access as client_access
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
    page_of,
)
from accord.core.errors import InvalidInput
from accord.intake.schemas import IsoDate, NamedRef
from accord.work import access, plans, queries, rules, services
from accord.work.api import JobOut
from accord.work.models import Job, JobMember, JobTemplate
from accord.work.services.templates import template_lines

router = Router(tags=["jobs"])

JobStatusValue = Literal["open", "on_hold", "done", "cancelled"]
DueValue = Literal["overdue", "this_week", "next_14_days", "none"]
KindValue = Literal[plans.KINDS]  # type: ignore[valid-type]
DisciplineValue = Literal[plans.DISCIPLINES]  # type: ignore[valid-type]


# --- Jobs -------------------------------------------------------------------------------------


class JobFilters(Schema):
    client_id: int | None = Field(None, ge=1, le=MAX_ID)
    status: JobStatusValue | None = None
    due: DueValue | None = Field(
        None,
        description="`overdue` (past the deadline, not done or cancelled), `this_week`, "
        "`next_14_days` (from today), `none` (no deadline yet).",
    )
    mine: bool = Field(
        False,
        description="Account managers and admins: the jobs I run. Creatives: the jobs I am on.",
    )


class JobRowOut(Schema):
    """A job as the client reads it: title, where it stands in their words, and when."""

    id: int
    client: NamedRef
    title: str
    status: str
    status_words: str = Field(..., description="The status in the client's words.")
    due_on: date | None

    @staticmethod
    def resolve_status_words(obj: Job) -> str:
        return rules.JOB_WORDS.get(obj.status, "In progress")


class JobInternalRowOut(JobRowOut):
    """A job as the agency sees it in a list, with who runs it and what is still open."""

    owner: NamedRef | None
    revision: int
    brief_id: int | None
    template_id: int | None
    open_deliverables: int
    open_tasks: int


class JobPage(PageMeta):
    items: list[JobRowOut]


class JobInternalPage(PageMeta):
    items: list[JobInternalRowOut]


class MemberOut(BaseModel):
    """A member of the job's team: a person of the agency."""

    id: int
    name: str
    job_title: str
    added_at: datetime

    @classmethod
    def of(cls, member: JobMember) -> "MemberOut":
        user = member.user
        return cls(id=user.pk, name=user.name, job_title=user.job_title, added_at=member.added_at)


class JobDetailOut(BaseModel):
    """A job as the agency runs it: owner, internal notes, team and the revision to base an
    edit on."""

    id: int
    client: NamedRef
    title: str
    status: str
    status_words: str
    due_on: date | None
    owner: NamedRef | None
    notes: str = Field(..., description="Internal notes: agency only, never the client's.")
    revision: int = Field(..., description="Send it back with an edit (`update_job`).")
    brief_id: int | None
    template: NamedRef | None = Field(..., description="The template it was planned from.")
    members: list[MemberOut]
    created_at: datetime

    @classmethod
    def of(cls, job: Job) -> "JobDetailOut":
        members = JobMember.objects.filter(job=job).select_related("user").order_by("user__name")
        template = (
            JobTemplate.objects.filter(pk=job.template_id).first() if job.template_id else None
        )
        return cls(
            id=job.pk,
            client=NamedRef(id=job.client.pk, name=job.client.name),
            title=job.title,
            status=job.status,
            status_words=rules.JOB_WORDS.get(job.status, "In progress"),
            due_on=job.due_on,
            owner=NamedRef(id=job.owner.pk, name=job.owner.name) if job.owner else None,
            notes=job.notes,
            revision=job.revision,
            brief_id=job.brief_id,
            template=NamedRef(id=template.pk, name=template.name) if template else None,
            members=[MemberOut.of(m) for m in members],
            created_at=job.created_at,
        )


def _detail(request: AuthedRequest, job_id: int) -> JobDetailOut:
    return JobDetailOut.of(access.job_for(request.user, job_id, "view_internal"))


JobTitle = Annotated[Text, Field(min_length=1, max_length=160)]
Notes = Annotated[Text, Field(max_length=20_000)]


class JobIn(Input):
    client_id: int = Field(..., ge=1, le=MAX_ID)
    title: JobTitle
    due_on: IsoDate | None = None
    owner_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="An account manager or admin; the client's AM if left out.",
    )
    notes: Notes = ""
    template_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="A template to plan the job from, in the same step."
    )


class JobUpdateIn(Input):
    revision: int = Field(..., ge=0, le=2**31 - 1, description="The revision you read.")
    title: JobTitle | None = None
    due_on: IsoDate | None = None
    owner_id: int | None = Field(None, ge=1, le=MAX_ID)
    notes: Notes | None = None


class JobMoveIn(Input):
    to: JobStatusValue
    was: JobStatusValue = Field(..., description="The status you read; if it moved since: 409.")


class MemberIn(Input):
    user_id: int = Field(..., ge=1, le=MAX_ID)


class PlanIn(Input):
    template_id: int = Field(..., ge=1, le=MAX_ID)


def _person(user_id: int | None, field: str) -> User | None:
    if user_id is None:
        return None
    person = User.objects.filter(pk=user_id).first()
    if person is None:
        raise InvalidInput("No such person.", field=field)
    return person


def _template(request: AuthedRequest, template_id: int | None) -> JobTemplate | None:
    if template_id is None:
        return None
    template = access.templates_for(request.user).filter(pk=template_id).first()
    if template is None:
        raise InvalidInput("No such template.", field="template_id")
    return template


@router.get(
    "/jobs", response={200: JobInternalPage | JobPage, **READ_ERRORS}, operation_id="list_jobs"
)
def list_jobs(
    request: AuthedRequest, filters: Query[JobFilters], page: Query[PageParams]
) -> JobInternalPage | JobPage:
    """The jobs I can see, soonest deadline first (none last). Staff also get who runs each
    job and its open deliverables and tasks; client contacts get the client's words only."""
    jobs = queries.jobs_of(
        request.user,
        client_id=filters.client_id,
        status=filters.status or "",
        due=filters.due or "",
        mine=filters.mine,
    )
    rows = page_of(jobs, page)
    if policy.is_staff_member(request.user):
        return JobInternalPage.model_validate(rows)
    return JobPage.model_validate(rows)


@router.post("/jobs", response={201: JobDetailOut, **BODY_ERRORS}, operation_id="create_job")
def create_job(request: AuthedRequest, payload: JobIn) -> Status[JobDetailOut]:
    """Set up a job without a brief (account managers and admins, for clients they run). With
    `template_id`, it is planned from that template in the same step (a deadline is needed)."""
    access.require_job_starter(request.user)
    client = client_access.client_for(request.user, payload.client_id, "edit")
    job = services.create_job(
        by=request.user,
        client=client,
        title=payload.title,
        due_on=payload.due_on,
        owner=_person(payload.owner_id, "owner_id"),
        notes=payload.notes,
        template=_template(request, payload.template_id),
    )
    return Status(201, _detail(request, job.pk))


# Read and edited at one address: both operations live in this router (two routers each
# serving one method of the same path would answer the second method with a 405).
@router.get("/jobs/{job_id}", response={200: JobOut, **READ_ERRORS}, operation_id="get_job")
def get_job(request: AuthedRequest, job_id: ObjectId) -> JobOut:
    """One job, with the brief it started from, that brief's sign-off fingerprint and the
    files of the request behind it (`list_jobs` and the write operations give who runs it
    and its revision)."""
    return JobOut.of(access.job_for(request.user, job_id), request)


@router.patch(
    "/jobs/{job_id}", response={200: JobDetailOut, **BODY_ERRORS}, operation_id="update_job"
)
def update_job(request: AuthedRequest, job_id: ObjectId, payload: JobUpdateIn) -> JobDetailOut:
    """Change the title, deadline (`due_on`, null clears it), owner or internal notes; fields
    left out stay. Based on `revision`: if the job changed since, 409 and nothing is saved."""
    job = access.job_for(request.user, job_id, "manage")
    sent = payload.model_fields_set
    services.update_job(
        by=request.user,
        job=job,
        revision=payload.revision,
        title=payload.title if payload.title is not None else job.title,
        due_on=payload.due_on if "due_on" in sent else job.due_on,
        owner=_person(payload.owner_id, "owner_id")
        if payload.owner_id
        else job.owner or job.client.account_manager,
        notes=payload.notes if payload.notes is not None else job.notes,
    )
    return _detail(request, job_id)


@router.post(
    "/jobs/{job_id}/move", response={200: JobDetailOut, **BODY_ERRORS}, operation_id="move_job"
)
def move_job(request: AuthedRequest, job_id: ObjectId, payload: JobMoveIn) -> JobDetailOut:
    """Put a job on hold, resume it, cancel it or mark it done (as `finish_job`), from the
    status you read (`was`). A move the job cannot make, or a stale `was`, is a 409."""
    job = access.job_for(request.user, job_id, "manage")
    services.move_job(by=request.user, job=job, to=payload.to, was=payload.was)
    return _detail(request, job_id)


@router.get(
    "/jobs/{job_id}/members",
    response={200: list[MemberOut], **READ_ERRORS},
    operation_id="list_job_members",
)
def list_job_members(request: AuthedRequest, job_id: ObjectId) -> list[MemberOut]:
    """The job's team (agency staff only)."""
    job = access.job_for(request.user, job_id, "view_internal")
    members = JobMember.objects.filter(job=job).select_related("user").order_by("user__name")
    return [MemberOut.of(member) for member in members]


@router.post(
    "/jobs/{job_id}/members",
    response={201: MemberOut, **BODY_ERRORS},
    operation_id="add_job_member",
)
def add_job_member(
    request: AuthedRequest, job_id: ObjectId, payload: MemberIn
) -> Status[MemberOut]:
    """Put an active member of staff on the job's team; they are notified. A client contact
    or a deactivated person is refused (422)."""
    job = access.job_for(request.user, job_id, "manage")
    person = _person(payload.user_id, "user_id")
    assert person is not None
    member = services.add_job_member(by=request.user, job=job, person=person)
    return Status(201, MemberOut.of(JobMember.objects.select_related("user").get(pk=member.pk)))


@router.delete(
    "/jobs/{job_id}/members/{user_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="remove_job_member",
)
def remove_job_member(request: AuthedRequest, job_id: ObjectId, user_id: ObjectId) -> Status[None]:
    """Take someone off the job's team."""
    job = access.job_for(request.user, job_id, "manage")
    membership = JobMember.objects.filter(job=job, user_id=user_id).select_related("user").first()
    if membership is None:
        raise InvalidInput("That person is not on this job's team.", field="user_id")
    services.remove_job_member(by=request.user, job=job, person=membership.user)
    return Status(204, None)


@router.post(
    "/jobs/{job_id}/plan", response={200: JobDetailOut, **BODY_ERRORS}, operation_id="plan_job"
)
def plan_job(request: AuthedRequest, job_id: ObjectId, payload: PlanIn) -> JobDetailOut:
    """Plan the job from a template in one step: its deliverables and tasks, due the
    template's working days before the job's deadline. A job without a deadline is refused
    (422), and so is one planned from a template already that has work (409)."""
    job = access.job_for(request.user, job_id, "manage")
    template = _template(request, payload.template_id)
    assert template is not None
    services.plan_job_from_template(by=request.user, job=job, template=template)
    return _detail(request, job_id)


# --- Job templates ----------------------------------------------------------------------------


class TemplateSummaryOut(Schema):
    id: int
    name: str
    description: str
    is_active: bool
    revision: int
    deliverable_count: int
    task_count: int


class TemplatePage(PageMeta):
    items: list[TemplateSummaryOut]


class TemplateDeliverableLine(BaseModel):
    title: Annotated[Text, Field(min_length=1, max_length=160)]
    kind: KindValue = "other"
    channel: Annotated[Text, Field(max_length=80)] = ""
    format: Annotated[Text, Field(max_length=80)] = ""
    days_before_deadline: int = Field(0, ge=0, le=plans.MAX_DAYS_BEFORE)


class TemplateTaskLine(BaseModel):
    title: Annotated[Text, Field(min_length=1, max_length=160)]
    discipline: DisciplineValue = ""
    estimate_hours: Decimal = Field(Decimal(0), ge=0, le=plans.MAX_ESTIMATE, decimal_places=2)
    days_before_deadline: int = Field(0, ge=0, le=plans.MAX_DAYS_BEFORE)
    deliverable: int | None = Field(
        None, ge=0, lt=plans.MAX_DELIVERABLES, description="Index (from 0) into `deliverables`."
    )
    depends_on: int | None = Field(
        None, ge=0, lt=plans.MAX_TASKS, description="Index (from 0) of the task it waits for."
    )


class JobTemplateOut(BaseModel):
    id: int
    name: str
    description: str
    is_active: bool
    revision: int = Field(..., description="Send it back with an edit (`update_job_template`).")
    deliverables: list[TemplateDeliverableLine]
    tasks: list[TemplateTaskLine]

    @classmethod
    def of(cls, template: JobTemplate) -> "JobTemplateOut":
        deliverables, tasks = template_lines(template)
        return cls(
            id=template.pk,
            name=template.name,
            description=template.description,
            is_active=template.is_active,
            revision=template.revision,
            deliverables=[TemplateDeliverableLine(**d) for d in deliverables],
            tasks=[TemplateTaskLine(**t) for t in tasks],
        )


class TemplateDeliverableIn(Input, TemplateDeliverableLine):
    pass


class TemplateTaskIn(Input, TemplateTaskLine):
    # JSON has no decimals: an estimate comes as a number (or a string of one).
    estimate_hours: Decimal = Field(
        Decimal(0), ge=0, le=plans.MAX_ESTIMATE, decimal_places=2, strict=False
    )


class _TemplateLinesIn(Input):
    name: Annotated[Text, Field(min_length=1, max_length=120)]
    description: Annotated[Text, Field(max_length=2_000)] = ""
    is_active: bool = True
    deliverables: list[TemplateDeliverableIn] = Field(
        default_factory=list, max_length=plans.MAX_DELIVERABLES
    )
    tasks: list[TemplateTaskIn] = Field(default_factory=list, max_length=plans.MAX_TASKS)


class JobTemplateIn(_TemplateLinesIn):
    pass


class TemplateUpdateIn(_TemplateLinesIn):
    revision: int = Field(..., ge=0, le=2**31 - 1, description="The revision you read.")


def _lines(payload: _TemplateLinesIn) -> dict[str, Any]:
    return {
        "name": payload.name,
        "description": payload.description,
        "is_active": payload.is_active,
        "deliverables": [line.model_dump() for line in payload.deliverables],
        "tasks": [line.model_dump() for line in payload.tasks],
    }


@router.get(
    "/job-templates",
    response={200: TemplatePage, **READ_ERRORS},
    operation_id="list_job_templates",
)
def list_job_templates(request: AuthedRequest, page: Query[PageParams]) -> dict[str, Any]:
    """Job templates, those in use first, by name (agency staff only)."""
    access.require_template_reader(request.user)
    templates = queries.templates_with_counts(access.templates_for(request.user))
    return page_of(templates, page)


@router.get(
    "/job-templates/{template_id}",
    response={200: JobTemplateOut, **READ_ERRORS},
    operation_id="get_job_template",
)
def get_job_template(request: AuthedRequest, template_id: ObjectId) -> JobTemplateOut:
    """A job template with its deliverables and tasks (agency staff only)."""
    return JobTemplateOut.of(access.template_for(request.user, template_id))


@router.post(
    "/job-templates",
    response={201: JobTemplateOut, **BODY_ERRORS},
    operation_id="create_job_template",
)
def create_job_template(request: AuthedRequest, payload: JobTemplateIn) -> Status[JobTemplateOut]:
    """A new job template (admins only): at most 50 deliverables and 200 tasks; a task's
    `deliverable` and `depends_on` are indexes into the lists sent; no dependency loops."""
    access.require_template_admin(request.user)
    template = services.save_job_template(by=request.user, template=None, **_lines(payload))
    return Status(201, JobTemplateOut.of(template))


@router.put(
    "/job-templates/{template_id}",
    response={200: JobTemplateOut, **BODY_ERRORS},
    operation_id="update_job_template",
)
def update_job_template(
    request: AuthedRequest, template_id: ObjectId, payload: TemplateUpdateIn
) -> JobTemplateOut:
    """Replace a template's name, description and lines (admins only), based on `revision`:
    if it was saved since, 409 and nothing changes. Jobs planned from it keep their work."""
    template = access.template_for(request.user, template_id, "edit")
    saved = services.save_job_template(
        by=request.user, template=template, revision=payload.revision, **_lines(payload)
    )
    return JobTemplateOut.of(saved)


@router.post(
    "/job-templates/{template_id}/deactivate",
    response={200: JobTemplateOut, **WRITE_ERRORS},
    operation_id="deactivate_job_template",
)
def deactivate_job_template(request: AuthedRequest, template_id: ObjectId) -> JobTemplateOut:
    """Take a template out of use (admins only): no new job is planned from it."""
    template = access.template_for(request.user, template_id, "edit")
    return JobTemplateOut.of(services.deactivate_job_template(by=request.user, template=template))
