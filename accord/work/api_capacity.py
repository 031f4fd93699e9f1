"""Capacity: the workload grid, candidates for a task, time off, public holidays and a
person's weekly hours."""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.db.models import QuerySet
from ninja import Query, Router, Schema, Status
from pydantic import Field

from accord.accounts import access as people_access
from accord.accounts import services as people
from accord.accounts.models import User
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
from accord.core.policy import Discipline
from accord.intake.schemas import IsoDate, NamedRef
from accord.work import capacity as cap
from accord.work import capacity_rules as cr
from accord.work import rules
from accord.work.forms_capacity import DEFAULT_WEEKS, FAR
from accord.work.models import PublicHoliday, TimeOff
from accord.work.services import capacity as services

router = Router(tags=["capacity"])


class CellOut(Schema):
    week: date = Field(..., description="The Monday of the week.")
    booked: Decimal = Field(..., description="Hours of open tasks booked in the week.")
    capacity: Decimal = Field(..., description="Weekly hours less days away and holidays.")
    state: str = Field(..., description="ok, full (from 90 %), over (above capacity) or away.")
    days_away: int = Field(..., description="Working days of the week the person is away.")
    days_closed: int = Field(..., description="Working days the agency is closed.")


def _cells(cells: list[cr.Cell]) -> list[CellOut]:
    return [
        CellOut(
            week=c.week,
            booked=c.booked,
            capacity=c.capacity,
            state=c.state,
            days_away=c.days_away,
            days_closed=c.days_closed,
        )
        for c in cells
    ]


class RowOut(Schema):
    person: NamedRef
    weekly_hours: Decimal
    disciplines: list[str]
    cells: list[CellOut]


class WorkloadOut(PageMeta):
    weeks: list[date]
    items: list[RowOut]


class WorkloadFilters(Schema):
    start: IsoDate | None = Field(
        None, alias="from", description="A day of the first week (default: this week)."
    )
    weeks: int = Field(DEFAULT_WEEKS, ge=1, le=cr.MAX_WEEKS)
    discipline: Discipline | None = None


@router.get("/workload", response={200: WorkloadOut, **READ_ERRORS}, operation_id="workload")
def workload(
    request: AuthedRequest, filters: Query[WorkloadFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """Booked hours against capacity per person and week: every active creative for admins
    and account managers, one's own row for a creative; contacts are refused (403)."""
    cap.require_staff(request.user)
    today = cap.today()
    start = filters.start or today
    if abs((start - today).days) > FAR.days:
        raise InvalidInput("Look at most two years away from today.", field="from")
    weeks = rules.weeks_from(rules.week_of(start), filters.weeks)
    people_qs = cap.workload_people(
        request.user, discipline=filters.discipline.value if filters.discipline else ""
    )
    result = page_of(people_qs, page)
    persons = result["items"]
    loads = cap.grid(persons, weeks, on=today)
    result["weeks"] = weeks
    result["items"] = [
        RowOut(
            person=NamedRef(id=p.pk, name=p.name),
            weekly_hours=p.weekly_capacity_hours,
            disciplines=list(p.disciplines or []),
            cells=_cells(loads.row(p.pk)),
        )
        for p in persons
    ]
    return result


class CandidateQuery(Schema):
    job: int = Field(..., ge=1, le=MAX_ID, description="The job the task belongs to.")
    discipline: Discipline | None = None
    starts_on: IsoDate | None = None
    due_on: IsoDate
    estimate: Decimal = Field(..., ge=0, le=1000, description="The task's estimate in hours.")
    task: int | None = Field(
        None, ge=1, le=MAX_ID, description="The task being re-assigned: its booking is left out."
    )


class CandidateOut(Schema):
    person: NamedRef
    disciplines: list[str]
    matches_discipline: bool
    on_job: bool
    cells: list[CellOut] = Field(..., description="The task's weeks, its own hours included.")
    warnings: list[str]


class CandidatesOut(Schema):
    weeks: list[date]
    items: list[CandidateOut]


@router.get(
    "/candidates", response={200: CandidatesOut, **READ_ERRORS}, operation_id="task_candidates"
)
def task_candidates(request: AuthedRequest, query: Query[CandidateQuery]) -> dict[str, Any]:
    """Who could take a task of a job: active staff, discipline matches first, with their load
    in the weeks the task concerns (the task included) and warnings. For admins and the
    job's account manager."""
    cap.require_staff(request.user)
    job = cap.job_to_staff(request.user, query.job)
    today = cap.today()
    for name in ("starts_on", "due_on"):
        day = getattr(query, name)
        if day is not None and abs((day - today).days) > FAR.days:
            raise InvalidInput(f"Give {name} within two years of today.", field=name)
    if query.starts_on and query.starts_on > query.due_on:
        raise InvalidInput("The task starts after it is due.", field="starts_on")
    if query.starts_on and (query.due_on - query.starts_on).days > rules.MAX_DAYS_SPAN:
        raise InvalidInput("A task runs for a year at most.", field="starts_on")
    found = cap.candidates(
        job=job,
        discipline=query.discipline.value if query.discipline else "",
        starts_on=query.starts_on,
        due_on=query.due_on,
        estimate=query.estimate,
        task=query.task,
        on=today,
    )
    return {
        "weeks": cr.concerned_weeks(query.starts_on, query.due_on, today=today),
        "items": [
            CandidateOut(
                person=NamedRef(id=c.person.pk, name=c.person.name),
                disciplines=list(c.person.disciplines or []),
                matches_discipline=c.matches,
                on_job=c.on_job,
                cells=_cells(c.cells),
                warnings=c.warnings,
            )
            for c in found
        ],
    }


# --- Time off ---------------------------------------------------------------------------------


class TimeOffOut(Schema):
    id: int
    person: NamedRef
    starts_on: date
    ends_on: date
    kind: str
    note: str

    @staticmethod
    def resolve_person(obj: TimeOff) -> NamedRef:
        return NamedRef(id=obj.user.pk, name=obj.user.name)


class TimeOffPage(PageMeta):
    items: list[TimeOffOut]


class TimeOffFilters(Schema):
    person: int | None = Field(None, ge=1, le=MAX_ID)
    ends_from: IsoDate | None = Field(
        None, description="Only time off ending on or after this day."
    )


@router.get("/time-off", response={200: TimeOffPage, **READ_ERRORS}, operation_id="list_time_off")
def list_time_off(
    request: AuthedRequest, filters: Query[TimeOffFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """Time off, latest first: one's own, or everyone's for admins and account managers."""
    listed: QuerySet[TimeOff] = cap.time_off_visible_to(request.user)
    if filters.person:
        listed = listed.filter(user_id=filters.person)
    if filters.ends_from:
        listed = listed.filter(ends_on__gte=filters.ends_from)
    return page_of(listed, page)


class TimeOffIn(Input):
    person_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Whose (default: yours); others' for planners only."
    )
    starts_on: IsoDate
    ends_on: IsoDate
    kind: Literal["holiday", "sick", "training", "other"] = "holiday"
    note: Text = Field("", max_length=200)


@router.post("/time-off", response={201: TimeOffOut, **BODY_ERRORS}, operation_id="record_time_off")
def record_time_off(request: AuthedRequest, payload: TimeOffIn) -> Status[TimeOff]:
    """Record time off (both days included). An end before the start, a range over a year or
    an overlap with recorded time off is refused (422)."""
    cap.require_staff(request.user)
    person = request.user
    if payload.person_id is not None and payload.person_id != request.user.pk:
        person = cap.person_for(request.user, payload.person_id)
    time_off = services.record_time_off(
        by=request.user,
        person=person,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        kind=payload.kind,
        note=payload.note,
    )
    return Status(201, cap.time_off_for(request.user, time_off.pk))


@router.delete(
    "/time-off/{time_off_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="delete_time_off",
)
def delete_time_off(request: AuthedRequest, time_off_id: ObjectId) -> Status[None]:
    """Remove recorded time off (one's own; anyone's for admins and account managers)."""
    services.remove_time_off(by=request.user, time_off=cap.time_off_for(request.user, time_off_id))
    return Status(204, None)


# --- Public holidays --------------------------------------------------------------------------


class HolidayOut(Schema):
    id: int
    on: date
    name: str


class HolidayPage(PageMeta):
    items: list[HolidayOut]


class HolidayFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


@router.get(
    "/public-holidays",
    response={200: HolidayPage, **READ_ERRORS},
    operation_id="list_public_holidays",
)
def list_public_holidays(
    request: AuthedRequest, filters: Query[HolidayFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """The agency's public holidays by date (of one year if asked). Staff only."""
    cap.require_staff(request.user)
    listed = PublicHoliday.objects.order_by("on")
    if filters.year:
        listed = listed.filter(on__year=filters.year)
    return page_of(listed, page)


class HolidayIn(Input):
    on: IsoDate
    name: Text = Field(..., min_length=1, max_length=120)


@router.post(
    "/public-holidays",
    response={201: HolidayOut, **BODY_ERRORS},
    operation_id="add_public_holiday",
)
def add_public_holiday(request: AuthedRequest, payload: HolidayIn) -> Status[PublicHoliday]:
    """Close the agency on a day. Admins only; a day that is a holiday already is refused."""
    cap.require_holiday_admin(request.user)
    return Status(
        201, services.add_public_holiday(by=request.user, on=payload.on, name=payload.name)
    )


@router.delete(
    "/public-holidays/{holiday_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="remove_public_holiday",
)
def remove_public_holiday(request: AuthedRequest, holiday_id: ObjectId) -> Status[None]:
    """Open the agency again on a public holiday. Admins only."""
    services.remove_public_holiday(
        by=request.user, holiday=cap.holiday_for(request.user, holiday_id)
    )
    return Status(204, None)


# --- Weekly hours -----------------------------------------------------------------------------


class WeeklyHoursIn(Input):
    weekly_hours: Decimal = Field(
        ...,
        ge=0,
        le=80,
        max_digits=3,
        decimal_places=1,
        strict=False,
        description="Hours a normal week holds.",
    )


class WeeklyHoursOut(Schema):
    person: NamedRef
    weekly_hours: Decimal


@router.put(
    "/team/{staff_id}/weekly-hours",
    response={200: WeeklyHoursOut, **BODY_ERRORS},
    operation_id="set_weekly_hours",
)
def set_weekly_hours(
    request: AuthedRequest, staff_id: ObjectId, payload: WeeklyHoursIn
) -> dict[str, Any]:
    """Set a person's weekly hours, from which each week's capacity is counted. Admins only."""
    people_access.require_staff(request.user)
    member: User = people_access.staff_member_for(request.user, staff_id, action="edit")
    member = people.update_staff(
        by=request.user, user=member, weekly_capacity_hours=payload.weekly_hours
    )
    return {
        "person": NamedRef(id=member.pk, name=member.name),
        "weekly_hours": member.weekly_capacity_hours,
    }
