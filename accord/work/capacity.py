"""Reads about capacity: who is booked how much in which week, against what they can do, and
who could take a task. A fixed number of queries whatever the data: the open tasks of the
people shown, their time off and the agency's public holidays, each read once."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accord.accounts.models import User
from accord.core import policy
from accord.core.policy import Kind, StaffRole
from accord.work import access as work_access
from accord.work import capacity_rules as cr
from accord.work import queries, rules
from accord.work.capacity_rules import Away, Cell
from accord.work.models import Job, JobMember, PublicHoliday, Task, TimeOff

MAX_CANDIDATES = 30
MAX_CANDIDATE_POOL = 300  # staff read to rank candidates from (an agency's creatives)
MAX_CELL_TASKS = 50
KIND_LABELS = dict(TimeOff.Kind.choices)


def today() -> date:
    return timezone.localdate()


@dataclass
class Grid:
    """Booked hours against capacity per person and week, with what explains them."""

    weeks: list[date]
    cells: dict[int, dict[date, Cell]] = field(default_factory=dict)
    aways: dict[int, list[Away]] = field(default_factory=dict)
    holidays: dict[date, str] = field(default_factory=dict)
    # The days each person does not work (time off and holidays) over the span read.
    closed: dict[int, set[date]] = field(default_factory=dict)
    # The tasks booked in each person's week, with their hours there.
    booked: dict[int, dict[date, list[tuple[int, Decimal]]]] = field(default_factory=dict)

    def row(self, person_id: int) -> list[Cell]:
        return [self.cells[person_id][w] for w in self.weeks]


def _open_tasks(
    person_ids: list[int], first: date, weeks: int, *, on: date, exclude_task: int | None
) -> list[tuple[int, int, Decimal, date | None, date]]:
    due_from, last_day = cr.task_window(first, weeks, today=on)
    tasks = Task.objects.filter(
        assignee_id__in=person_ids, status__in=rules.OPEN_TASK, due_on__isnull=False
    ).filter(Q(due_on__lte=last_day) | Q(starts_on__lte=last_day))
    if due_from is not None:
        tasks = tasks.filter(due_on__gte=due_from)
    if exclude_task is not None:
        tasks = tasks.exclude(pk=exclude_task)
    # The job's status is read, not filtered on: a filter on it leads SQLite to walk every
    # open job's tasks instead of these people's (the assignee index).
    rows = tasks.values_list(
        "pk", "assignee_id", "estimate_hours", "starts_on", "due_on", "job__status"
    ).order_by()
    return [
        (pk, who, hours, start, due)
        for pk, who, hours, start, due, job_status in rows
        if due and job_status == Job.Status.OPEN
    ]


def grid(
    people: Sequence[Any],
    weeks: Sequence[date],
    *,
    on: date | None = None,
    exclude_task: int | None = None,
    until: date | None = None,
    with_tasks: bool = False,
) -> Grid:
    """Booked vs capacity for each person (users with `weekly_capacity_hours`) in each week
    (Mondays, consecutive). Three queries. `until` reads time off and holidays up to that day
    too (for a task to be booked beyond the weeks shown); `with_tasks` also lists the tasks
    booked in each week."""
    on = on or today()
    result = Grid(weeks=list(weeks))
    if not people or not weeks:
        return result
    ids = [p.pk for p in people]
    first, last_day = weeks[0], weeks[-1] + timedelta(days=6)
    tasks = _open_tasks(ids, first, len(weeks), on=on, exclude_task=exclude_task)
    # Spreading a task over its days needs the days off over all of them, not only those shown.
    lo = min(first, on)
    hi = max([last_day, until or last_day, *(t[4] for t in tasks)])
    hi = min(hi, lo + timedelta(days=rules.MAX_DAYS_SPAN))
    aways: dict[int, list[Away]] = defaultdict(list)
    for user_id, start, end, kind in TimeOff.objects.filter(
        user_id__in=ids, starts_on__lte=hi, ends_on__gte=lo
    ).values_list("user_id", "starts_on", "ends_on", "kind"):
        aways[user_id].append(Away(start, end, kind, str(KIND_LABELS.get(kind, kind)).lower()))
    result.holidays = dict(
        PublicHoliday.objects.filter(on__range=(lo, hi)).values_list("on", "name")
    )
    by_person: dict[int, list[tuple[int, Decimal, date | None, date]]] = defaultdict(list)
    for pk, assignee, estimate, starts_on, due_on in tasks:
        by_person[assignee].append((pk, estimate, starts_on, due_on))
    for person in people:
        mine = aways.get(person.pk, [])
        closed = cr.closed_days(mine, result.holidays, lo, hi)
        away_days = cr.closed_days(mine, (), first, last_day)
        person_weeks = cr.build_weeks(
            result.weeks,
            weekly_hours=person.weekly_capacity_hours,
            closed=closed,
            away_days=away_days,
        )
        booked: dict[date, list[tuple[int, Decimal]]] = defaultdict(list)
        for pk, estimate, starts_on, due_on in by_person.get(person.pk, []):
            single = cr.one_week(starts_on, due_on, today=on)  # most tasks: no need to spread
            hours = (
                {single: cr.rounded(estimate)}
                if single is not None
                else cr.booked_weeks(rules.Booking(estimate, starts_on, due_on), closed, today=on)
            )
            cr.add_booking(person_weeks, hours)
            if with_tasks:
                for monday, h in hours.items():
                    if monday in person_weeks and h > 0:
                        booked[monday].append((pk, h))
        result.aways[person.pk] = mine
        result.closed[person.pk] = closed
        result.cells[person.pk] = {w: cr.cell_of(w, week) for w, week in person_weeks.items()}
        result.booked[person.pk] = dict(booked)
    return result


# --- The workload page ------------------------------------------------------------------------


def workload_people(viewer: Any, *, discipline: str = "") -> QuerySet[User]:
    """Whose rows a person sees: admins and account managers everyone's (the agency's active
    creatives), a creative only their own; anyone else no one."""
    people = User.objects.filter(kind=Kind.STAFF, is_active=True).order_by("name", "pk")
    if policy.is_creative(viewer):
        people = people.filter(pk=viewer.pk)
    elif policy.is_admin(viewer) or policy.is_account_manager(viewer):
        people = people.filter(staff_role=StaffRole.CREATIVE)
    else:
        return User.objects.none()
    if discipline:
        people = people.filter(disciplines__icontains=f'"{discipline}"')
    return people


def may_see_row(viewer: Any, person: Any) -> bool:
    if policy.is_admin(viewer) or policy.is_account_manager(viewer):
        return True
    return policy.is_creative(viewer) and viewer.pk == person.pk


@dataclass(frozen=True)
class BookedTask:
    task: Task | None  # None: work the viewer may not see (another client's)
    hours: Decimal


def cell_tasks(
    viewer: Any, person: Any, monday: date, *, on: date | None = None
) -> list[BookedTask]:
    """The tasks booked in a person's week, biggest first (at most MAX_CELL_TASKS), as far as
    the viewer may see them; the hours of the others in one line without a task."""
    found = (
        grid([person], [monday], on=on, with_tasks=True).booked.get(person.pk, {}).get(monday, [])
    )
    found.sort(key=lambda t: (-t[1], t[0]))
    found = found[:MAX_CELL_TASKS]
    visible = {
        t.pk: t
        for t in Task.objects.filter(
            pk__in=[pk for pk, _ in found], job__in=queries.visible_to(viewer)
        ).select_related("job", "job__client")
    }
    shown = [BookedTask(visible[pk], h) for pk, h in found if pk in visible]
    hidden = rules.sum_hours(h for pk, h in found if pk not in visible)
    return shown + ([BookedTask(None, hidden)] if hidden > 0 else [])


# --- Candidates for a task --------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    person: User
    matches: bool  # has the task's discipline
    on_job: bool  # on the job's team already
    cells: list[Cell]  # the weeks the task concerns, the new task's hours included
    warnings: list[str]

    @property
    def peak(self) -> int:
        return max(
            (rules.percent(c.booked, c.capacity) if c.capacity else 1000) for c in self.cells
        )


def _pool(discipline: str) -> list[User]:
    staff = User.objects.filter(kind=Kind.STAFF, is_active=True)
    who = Q(staff_role=StaffRole.CREATIVE)
    if discipline:  # an account manager or admin who also practises it
        who |= Q(disciplines__icontains=f'"{discipline}"')
    return list(staff.filter(who).order_by("name", "pk")[:MAX_CANDIDATE_POOL])


def candidates(
    *,
    job: Job | None,
    discipline: str,
    starts_on: date | None,
    due_on: date,
    estimate: Decimal,
    task: int | None = None,
    on: date | None = None,
) -> list[Candidate]:
    """Who could take a task: active agency staff (creatives, and others of its discipline),
    discipline matches first, then the least loaded, each with their load in the weeks the
    task concerns including its own hours, and what to beware of. `task` leaves that task's
    current booking out (when re-assigning it)."""
    on = on or today()
    weeks = cr.concerned_weeks(starts_on, due_on, today=on)
    people = _pool(discipline)
    loads = grid(people, weeks, on=on, exclude_task=task, until=due_on)
    team = (
        set(JobMember.objects.filter(job=job).values_list("user_id", flat=True))
        if job is not None
        else set()
    )
    start = min(max(starts_on or due_on, on), max(due_on, on))
    end = max(due_on, on)
    found = []
    for person in people:
        closed = loads.closed[person.pk]
        person_weeks = {
            w: cr.Week(capacity=c.capacity, booked=c.booked, days_away=c.days_away)
            for w, c in loads.cells[person.pk].items()
        }
        cr.add_booking(
            person_weeks,
            cr.booked_weeks(rules.Booking(estimate, starts_on, due_on), closed, today=on),
        )
        cells = [cr.cell_of(w, person_weeks[w]) for w in weeks]
        found.append(
            Candidate(
                person=person,
                matches=bool(discipline) and discipline in (person.disciplines or []),
                on_job=person.pk in team,
                cells=cells,
                warnings=cr.warnings_for(
                    cells,
                    aways=loads.aways[person.pk],
                    holidays=loads.holidays,
                    start=start,
                    end=end,
                ),
            )
        )
    found.sort(
        key=lambda c: (not c.matches, not c.on_job, len(c.warnings) > 0, c.peak, c.person.name)
    )
    return found[:MAX_CANDIDATES]


# --- Access: the only way the capacity pages and endpoints get what they show ----------------


def require_staff(user: Any) -> None:
    """Capacity is the agency's business: a client contact is refused (403)."""
    if not policy.is_staff_member(user):
        raise PermissionDenied("Only agency staff see capacity and time off.")


def may_plan(user: Any) -> bool:
    """Admins and account managers see everyone's load and time off and record anyone's."""
    return policy.is_admin(user) or policy.is_account_manager(user)


def person_for(viewer: Any, person_id: int) -> User:
    """A person whose week the viewer may look at: any active staff member for those who
    plan, oneself for a creative (else 404)."""
    require_staff(viewer)
    person = workload_people(viewer).filter(pk=person_id).first()
    if person is None and may_plan(viewer):
        person = User.objects.filter(pk=person_id, kind=Kind.STAFF, is_active=True).first()
    if person is None:
        raise Http404("No such person.")
    return person


def time_off_visible_to(viewer: Any) -> QuerySet[TimeOff]:
    require_staff(viewer)
    time_off = TimeOff.objects.select_related("user").order_by("-starts_on", "-pk")
    return time_off if may_plan(viewer) else time_off.filter(user=viewer)


def time_off_for(viewer: Any, time_off_id: int) -> TimeOff:
    found = time_off_visible_to(viewer).filter(pk=time_off_id).first()
    if found is None:
        raise Http404("No such time off.")
    return found


def require_holiday_admin(user: Any) -> None:
    require_staff(user)
    if not policy.is_admin(user):
        raise PermissionDenied("Only an admin changes the agency's public holidays.")


def agency_holidays() -> list[date]:
    """Every day the agency is closed for a public holiday: what the waiting-on clocks skip
    (registered with `core.clock`, which keeps them a minute)."""
    return list(PublicHoliday.objects.values_list("on", flat=True))


def holiday_for(user: Any, holiday_id: int) -> PublicHoliday:
    require_holiday_admin(user)
    found = PublicHoliday.objects.filter(pk=holiday_id).first()
    if found is None:
        raise Http404("No such public holiday.")
    return found


def job_to_staff(user: Any, job_id: int) -> Job:
    """A job whose tasks the person assigns: visible (else 404), and theirs to run, as an
    admin or the client's account manager (else 403)."""
    job = queries.visible_to(user).select_related("client").filter(pk=job_id).first()
    if job is None:
        raise Http404("No such job.")
    if not work_access.manages(user, job):
        raise PermissionDenied("Only the job's account manager assigns its tasks.")
    return job
