"""Work: jobs, for now the ones started from signed-off briefs."""

from datetime import date, datetime

from ninja import Router, Status
from pydantic import BaseModel, Field

from accord.core import policy
from accord.core.api_support import WRITE_ERRORS, AuthedRequest, ObjectId
from accord.intake import access as intake_access
from accord.intake import queries as intake_queries
from accord.intake.schemas import NamedRef, RequestAttachmentOut, SignOffOut, attachments_out
from accord.intake.services.signoff import current_sign_off
from accord.work import access, services
from accord.work.models import Job

router = Router(tags=["work"])


class JobOut(BaseModel):
    id: int
    client: NamedRef
    title: str
    status: str
    due_on: date | None
    created_by: NamedRef | None
    created_at: datetime
    brief_id: int | None = Field(..., description="The brief the job started from.")
    sign_off: SignOffOut | None = Field(
        ..., description="The brief's sign-off: who, when, and the SHA-256 of what was signed."
    )
    attachments: list[RequestAttachmentOut] = Field(
        ..., description="The files sent with the request behind the job."
    )
    started_version: int | None = Field(
        ..., description="The brief version the work started from (agency only: null for contacts)."
    )
    brief_version: int | None = Field(
        ..., description="The brief's version now (agency only: null for contacts)."
    )
    brief_changed_at: datetime | None = Field(
        ...,
        description="When the brief last changed since the work started (a change of plan); "
        "null once the account manager acknowledged it. Compare `started_version` with "
        "`brief_version` through the brief's versions. The agency's flag: null for contacts.",
    )

    @classmethod
    def of(cls, job: Job, request: AuthedRequest) -> "JobOut":
        by = job.created_by
        files = intake_queries.files_of_brief(request.user, job.brief) if job.brief else []
        agency = policy.is_staff_member(request.user)
        version = job.brief.current_version if agency and job.brief else None
        return cls(
            id=job.pk,
            client=NamedRef(id=job.client.pk, name=job.client.name),
            title=job.title,
            status=job.status,
            due_on=job.due_on,
            created_by=NamedRef(id=by.pk, name=by.name) if by is not None else None,
            created_at=job.created_at,
            brief_id=job.brief_id,
            sign_off=SignOffOut.of(current_sign_off(job.brief)) if job.brief else None,
            attachments=attachments_out(files, request.build_absolute_uri),
            started_version=job.started_version if agency else None,
            brief_version=version.number if version else None,
            brief_changed_at=job.brief_changed_at if agency else None,
        )


@router.post(
    "/briefs/{brief_id}/convert",
    response={201: JobOut, **WRITE_ERRORS},
    operation_id="convert_brief",
)
def convert_brief(request: AuthedRequest, brief_id: ObjectId) -> Status[JobOut]:
    """Turn a signed-off brief into a job. An unsigned brief, or one changed since its
    sign-off, is refused (409), and so is a brief of an archived client (422)."""
    brief = intake_access.brief_for(request.user, brief_id, "convert")
    job = services.start_job_from_brief(by=request.user, brief=brief)
    return Status(201, JobOut.of(access.job_for(request.user, job.pk), request))


@router.post(
    "/jobs/{job_id}/done", response={200: JobOut, **WRITE_ERRORS}, operation_id="finish_job"
)
def finish_job(request: AuthedRequest, job_id: ObjectId) -> JobOut:
    """Mark the job delivered; the request behind it becomes delivered too. Account side
    only (403); a job done already is refused (409)."""
    job = access.job_for(request.user, job_id, "finish")
    services.finish_job(by=request.user, job=job)
    return JobOut.of(access.job_for(request.user, job_id), request)


@router.post(
    "/jobs/{job_id}/acknowledge-brief-change",
    response={200: JobOut, **WRITE_ERRORS},
    operation_id="acknowledge_brief_change",
)
def acknowledge_brief_change(request: AuthedRequest, job_id: ObjectId) -> JobOut:
    """The account manager has taken in the brief's change of plan: the job's flag is
    cleared (recorded). A job whose brief has not changed is refused (409)."""
    job = access.job_for(request.user, job_id, "acknowledge")
    services.acknowledge_brief_change(by=request.user, job=job)
    return JobOut.of(access.job_for(request.user, job_id), request)
