"""Capacity pages: the workload (people × weeks), a week's tasks, who could take a task, time
off and the agency's public holidays."""

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.models import User
from accord.core.errors import InvalidInput
from accord.core.http import int_param
from accord.core.pages import show_errors_in_form
from accord.core.pagination import paginate
from accord.core.policy import Kind
from accord.intake.views.common import me
from accord.work import capacity as cap
from accord.work import capacity_rules as cr
from accord.work import rules
from accord.work.forms_capacity import (
    FAR,
    CandidatesQuery,
    HolidayForm,
    TimeOffForm,
    WorkloadFilters,
)
from accord.work.models import PublicHoliday
from accord.work.services import capacity as services

PEOPLE_PER_PAGE = 60
STATE_WORDS = {
    "ok": "Has room",
    "full": "Nearly full",
    "over": "Over-booked",
    "away": "Away all week",
}


def _cell(cell: cr.Cell, person_id: int, cell_url: str) -> dict[str, Any]:
    """What the template shows of a cell, worked out once here (no lookups per cell there)."""
    booked, capacity = cr.hours_label(cell.booked), cr.hours_label(cell.capacity)
    away = (
        f", away {cell.days_away} day{'s' if cell.days_away != 1 else ''}" if cell.days_away else ""
    )
    closed = (
        f", agency closed {cell.days_closed} day{'s' if cell.days_closed != 1 else ''}"
        if cell.days_closed
        else ""
    )
    return {
        "state": cell.state,
        "booked": booked,
        "capacity": capacity,
        "percent": (
            min(rules.percent(cell.booked, cell.capacity), 100)
            if cell.capacity
            else (100 if cell.booked else 0)
        ),
        "words": f"{STATE_WORDS[cell.state]}: {booked} booked of {capacity}{away}{closed}",
        "away": cell.days_away,
        "closed": cell.days_closed,
        "url": f"{cell_url}?person={person_id}&week={cell.week.isoformat()}",
    }


FLAGS = {"over": "Over", "away": "Away"}


def _row_html(person: User, cells: list[cr.Cell], cell_url: str) -> SafeString:
    """A person's week cells, built here rather than in the template: 60 people × 26 weeks
    of template nodes take longer than the rest of the page."""
    name = escape(person.name)
    parts = []
    for cell in cells:
        c = _cell(cell, person.pk, cell_url)
        flag = FLAGS.get(c["state"]) or (f"{c['away']} d away" if c["away"] else "")
        state, url = c["state"], escape(c["url"])
        parts.append(
            f'<td class="num workload__cell workload__cell--{state}">'
            f'<a href="{url}" hx-get="{url}" aria-label="{name}, {c["words"]}">'
            f'<span class="workload__hours">{c["booked"]} <span class="muted">/ {c["capacity"]}'
            "</span></span>"
            + (f'<span class="workload__flag" aria-hidden="true">{flag}</span>' if flag else "")
            + f'<meter class="workload__bar" aria-hidden="true" min="0" max="100" '
            f'value="{c["percent"]}"></meter></a></td>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - the name is escaped, the rest is ours


@login_required
@require_GET
def workload(request: HttpRequest) -> HttpResponse:
    """People × weeks: booked hours against capacity; admins and account managers see every
    creative, a creative their own row."""
    user = me(request)
    cap.require_staff(user)
    filters = WorkloadFilters(request.GET)
    first, count, discipline = filters.window(cap.today())
    weeks = rules.weeks_from(first, count)
    page = paginate(request, cap.workload_people(user, discipline=discipline), PEOPLE_PER_PAGE)
    people = list(page.object_list)
    loads = cap.grid(people, weeks)
    cell_url = reverse("work:workload_cell")
    rows = [{"person": p, "cells": _row_html(p, loads.row(p.pk), cell_url)} for p in people]

    def shifted(by: int) -> str:
        start = first + timedelta(weeks=by)
        return "?" + urlencode(
            {"start": start.isoformat(), "weeks": count, "discipline": discipline}
        )

    context = {
        "filters": filters,
        "weeks": weeks,
        "rows": rows,
        "page": page,
        "discipline": discipline,
        "this_week": rules.week_of(cap.today()),
        "previous_url": shifted(-count),
        "next_url": shifted(count),
        "today_url": "?" + urlencode({"weeks": count, "discipline": discipline}),
        "plans": cap.may_plan(user),
        "holidays": sorted(loads.holidays.items()) if people else [],
        "last_day": weeks[-1] + timedelta(days=6),
    }
    return render(request, "work/workload.html", context)


def _date_param(request: HttpRequest, name: str) -> date:
    try:
        day = date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        raise InvalidInput(f"Give {name} as a date (YYYY-MM-DD).", field=name) from None
    if abs((day - timezone.localdate()).days) > FAR.days:
        raise InvalidInput(f"Give {name} within two years of today.", field=name)
    return day


def _id_param(request: HttpRequest, name: str) -> int:
    value = int_param(request.GET.get(name))
    if not value:
        raise InvalidInput(f"Give {name} as a number.", field=name)
    return value


@login_required
@require_GET
def workload_cell(request: HttpRequest) -> HttpResponse:
    """The tasks booked in one person's week (an htmx partial): `?person=<id>&week=<date>`.
    Work on clients the viewer does not see is summed up without its titles."""
    user = me(request)
    cap.require_staff(user)
    person = cap.person_for(user, _id_param(request, "person"))
    monday = rules.week_of(_date_param(request, "week"))
    booked = cap.cell_tasks(user, person, monday)
    context = {
        "person": person,
        "week": monday,
        "booked": booked,
        "total": rules.sum_hours(b.hours for b in booked),
        "limit": cap.MAX_CELL_TASKS,
    }
    return render(request, "work/_workload_cell.html", context)


@login_required
@require_GET
def candidates(request: HttpRequest) -> HttpResponse:
    """Who could take a task (an htmx partial for the task form): a table of candidates with
    their booked hours against capacity in each week the task concerns, the task's own hours
    included, and warnings (over-booked, away, agency closed).

    Query parameters: `job` (id, required), `discipline` (a discipline value, optional),
    `starts_on` (YYYY-MM-DD, optional), `due_on` (YYYY-MM-DD, required), `estimate` (hours,
    0–1000, required) and `task` (id of the task being re-assigned, optional: its current
    booking is left out). For admins and the job's account manager (403 otherwise; 404 when
    the job is not visible); invalid parameters answer 422 with the message in the partial.
    """
    user = me(request)
    cap.require_staff(user)
    asked = request.GET.copy()
    if not asked.get("estimate") and asked.get("estimate_hours"):  # the task form's own name
        asked["estimate"] = asked.get("estimate_hours", "")
    query = CandidatesQuery(asked)
    if not query.is_valid():
        if job_id := int_param(request.GET.get("job")):
            cap.job_to_staff(user, job_id)  # a refusal comes before any complaint
        return render(request, "work/_candidates.html", {"query": query}, status=422)
    data = query.cleaned_data
    job = cap.job_to_staff(user, data["job"])
    found = cap.candidates(
        job=job,
        discipline=data["discipline"],
        starts_on=data["starts_on"],
        due_on=data["due_on"],
        estimate=data["estimate"],
        task=data["task"],
    )
    weeks = cr.concerned_weeks(data["starts_on"], data["due_on"], today=cap.today())
    rows = [
        {
            "person": c.person,
            "matches": c.matches,
            "on_job": c.on_job,
            "warnings": c.warnings,
            "cells": [_cell(cell, c.person.pk, "") for cell in c.cells],
        }
        for c in found
    ]
    return render(request, "work/_candidates.html", {"query": query, "weeks": weeks, "rows": rows})


# --- Time off ---------------------------------------------------------------------------------


def _staff_choices() -> Any:
    return User.objects.filter(kind=Kind.STAFF, is_active=True).order_by("name", "pk")


@login_required
@require_http_methods(["GET", "POST"])
def time_off(request: HttpRequest) -> HttpResponse:
    """Time off: one's own (and, for admins and account managers, everyone's), and a form to
    record more."""
    user = me(request)
    listed = cap.time_off_visible_to(user)
    plans = cap.may_plan(user)
    people = _staff_choices() if plans else None
    form = TimeOffForm(request.POST or None, people=people)

    def page(status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "page": paginate(request, listed),
            "plans": plans,
            "today": cap.today(),
        }
        return render(request, "work/time_off.html", context, status=status)

    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(422)
    show_errors_in_form(request, form, page)
    data = form.cleaned_data
    person = data.get("person") or user
    services.record_time_off(
        by=user,
        person=person,
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        kind=data["kind"],
        note=data["note"],
    )
    messages.success(request, "Time off recorded.")
    _warn_if_over_booked(request, person, data["starts_on"], data["ends_on"])
    return redirect("work:time_off")


def _warn_if_over_booked(request: HttpRequest, person: Any, starts_on: date, ends_on: date) -> None:
    """Time off leaves less room in its weeks: say so where work booked there no longer fits."""
    first, last = rules.week_of(starts_on), rules.week_of(ends_on)
    weeks = rules.weeks_from(first, (last - first).days // 7 + 1)
    cells = cap.grid([person], weeks).cells.get(person.pk, {})
    over = [cr.over_warning(cell) for cell in cells.values() if cell.state == "over"]
    if over:
        messages.warning(
            request,
            f"{person.name or person.email} is now {'; '.join(over[:4])}: hand some of that "
            "work on from the workload.",
        )


@login_required
@require_POST
def time_off_delete(request: HttpRequest, time_off_id: int) -> HttpResponse:
    user = me(request)
    found = cap.time_off_for(user, time_off_id)
    services.remove_time_off(by=user, time_off=found)
    messages.success(request, "Time off removed.")
    return redirect("work:time_off")


# --- Public holidays --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def holidays(request: HttpRequest) -> HttpResponse:
    """The agency's public holidays, this year's and later; admins add and remove them."""
    user = me(request)
    cap.require_holiday_admin(user)
    form = HolidayForm(request.POST or None)
    since = date(cap.today().year, 1, 1)

    def page(status: int = 200) -> HttpResponse:
        listed = PublicHoliday.objects.filter(on__gte=since).order_by("on")
        context = {"form": form, "page": paginate(request, listed, 50)}
        return render(request, "work/holidays.html", context, status=status)

    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(422)
    show_errors_in_form(request, form, page)
    services.add_public_holiday(by=user, on=form.cleaned_data["on"], name=form.cleaned_data["name"])
    messages.success(request, "Public holiday added.")
    return redirect("work:holidays")


@login_required
@require_POST
def holiday_delete(request: HttpRequest, holiday_id: int) -> HttpResponse:
    user = me(request)
    holiday = cap.holiday_for(user, holiday_id)
    services.remove_public_holiday(by=user, holiday=holiday)
    messages.success(request, "Public holiday removed.")
    return redirect("work:holidays")
