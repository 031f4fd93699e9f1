"""My work: a person's open tasks, their timer, their week of time, their calendar feed.

Every form here posts and is sent back to My work (htmx swaps the page's `#my-work` region
from that answer); a refusal shows My work again with the message and what was typed.
"""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.core.errors import DomainError
from accord.core.links import url_pattern
from accord.core.mail import absolute_url
from accord.core.pages import show_errors_in_form, show_errors_on
from accord.core.pagination import paginate
from accord.intake.views.common import me
from accord.work import access_time, mywork_html, queries, queries_mywork, rules, timekeeping
from accord.work.forms_time import EditTimeEntryForm, RealHoursForm, TimeEntryForm
from accord.work.models import Task
from accord.work.services import calendar
from accord.work.services import time as time_services

TASKS_PER_PAGE = 25


def _links() -> dict[str, str]:
    return {
        "job": url_pattern("work:job_detail", "job_id"),
        "task": url_pattern("work:task_detail", "task_id"),
        "brief": url_pattern("intake:brief_detail", "brief_id"),
        "start": url_pattern("work:timer_start", "task_id"),
        "edit": url_pattern("work:time_edit", "entry_id"),
        "delete": url_pattern("work:time_delete", "entry_id"),
    }


def _week_start(request: HttpRequest) -> date:
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = today
    if abs((day - today).days) > 2 * 366:  # a week that far is a typo: show this one
        day = today
    return rules.week_of(day)


def _my_work(request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    user = me(request)
    access_time.require_time_keeper(user)
    today = timezone.localdate()
    timer = time_services.running_timer(user)
    if "entry_form" not in context:  # a refused entry comes with its own form
        tasks, jobs = queries_mywork.task_choices(user), queries_mywork.job_choices(user)
        context["entry_form"] = TimeEntryForm(tasks=tasks, jobs=jobs)
    context.setdefault("hours_form", RealHoursForm(initial={"confirm": True}))
    week = queries_mywork.week_of_time(user, _week_start(request))
    page = paginate(request, queries_mywork.open_tasks(user), TASKS_PER_PAGE)
    links = _links()
    rows = mywork_html.Rows(links=links, csrf_token=get_token(request), today=today)
    context.update(
        today=today,
        links=links,
        page=page,
        task_rows=rows.tasks(
            page,
            timer_task=timer.task_id if timer is not None else None,
            stop_url=reverse("work:timer_stop"),
        ),
        entry_rows=rows.entries((e, time_services.version_of(e)) for e in week.entries),
        done=queries_mywork.done_lately(user),
        timer=timer,
        timer_needs_hours=timer is not None
        and timer.started_at is not None
        and timekeeping.needs_the_real_hours(
            timer.started_at, timezone.now(), timezone.get_current_timezone()
        ),
        week=week,
        feed=calendar.current_feed(user),
    )
    return render(request, "work/my_work.html", context, status=status)


@login_required
@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    return _my_work(request)


def _problem_on_my_work(request: HttpRequest, **context: Any) -> None:
    def answer(error: DomainError) -> HttpResponse:
        return _my_work(request, error.status, problem=error.message, **context)

    # A refusal shows My work again, with the message where the person acted.
    show_errors_on(request, answer)


@login_required
@require_POST
def timer_start(request: HttpRequest, task_id: int) -> HttpResponse:
    """Start timing a task; a timer running on another task is stopped and booked first."""
    user = me(request)
    task = access_time.task_to_time(user, task_id)
    _problem_on_my_work(request)
    time_services.start_timer(by=user, task=task)
    return redirect("work:my_work")


@login_required
@require_POST
def timer_stop(request: HttpRequest) -> HttpResponse:
    """Stop the timer and book its time; a timer left running asks for the real hours."""
    user = me(request)
    access_time.require_time_keeper(user)
    form = RealHoursForm(request.POST)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    _problem_on_my_work(request, hours_form=form)
    entry = time_services.stop_timer(
        by=user, hours=data.get("hours") or None, confirm=bool(data.get("confirm"))
    )
    messages.success(request, f"Booked {timekeeping.plain(entry.hours)} hours.")
    return redirect("work:my_work")


@login_required
@require_POST
def time_log(request: HttpRequest) -> HttpResponse:
    """Log time by hand."""
    user = me(request)
    access_time.require_time_keeper(user)
    form = TimeEntryForm(
        request.POST,
        tasks=queries_mywork.task_choices(user),
        jobs=queries_mywork.job_choices(user),
    )
    if not form.is_valid():
        return _my_work(request, 422, entry_form=form)
    show_errors_in_form(request, form, lambda status: _my_work(request, status, entry_form=form))
    job, task = form.chosen()
    if job is None:  # pragma: no cover - the form's clean() makes sure of one
        raise Http404("No such job.")
    data = form.cleaned_data
    entry = time_services.log_time(
        by=user,
        job=job,
        task=task,
        on=data["on"],
        hours=data["hours"],
        billable=data["billable"],
        note=data["note"],
    )
    messages.success(request, f"Logged {timekeeping.plain(entry.hours)} hours.")
    return redirect(f"{reverse('work:my_work')}?week={rules.week_of(entry.on).isoformat()}")


def _tasks_of_job(user: Any, job_id: int) -> list[Task]:
    """The tasks an entry of this job may be put on: none once the person left the job."""
    visible = queries.visible_to(user).filter(pk=job_id)
    return list(
        Task.objects.filter(job_id=job_id, job__in=visible).order_by("position", "pk")[
            : queries_mywork.CHOICES_LIMIT
        ]
    )


@login_required
@require_http_methods(["GET", "POST"])
def time_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Change one of your time entries (as it was when you opened it)."""
    user = me(request)
    entry = access_time.entry_for(user, entry_id)
    tasks = _tasks_of_job(user, entry.job_id)
    if entry.task is not None and entry.task not in tasks:
        tasks.insert(0, entry.task)  # the entry's own task stays on it, listed or not
    initial = {
        "base": time_services.version_of(entry),
        "on": entry.on,
        "hours": timekeeping.plain(entry.hours),
        "task": entry.task_id,
        "billable": entry.billable,
        "note": entry.note,
    }
    form = EditTimeEntryForm(request.POST or None, initial=initial, tasks=tasks)

    def page(status: int) -> HttpResponse:
        context = {"form": form, "entry": entry}
        return render(request, "work/time_entry_edit.html", context, status=status)

    if request.method == "GET":
        return page(200)
    if not form.is_valid():
        return page(422)
    show_errors_in_form(request, form, page)
    data = form.cleaned_data
    time_services.update_time_entry(
        by=user,
        entry=entry,
        base=data["base"],
        on=data["on"],
        hours=data["hours"],
        billable=data["billable"],
        note=data["note"],
        task=form.tasks.get(data["task"] or 0),
    )
    messages.success(request, "The time entry is saved.")
    return redirect(f"{reverse('work:my_work')}?week={rules.week_of(data['on']).isoformat()}")


@login_required
@require_POST
def time_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    user = me(request)
    entry = access_time.entry_for(user, entry_id)
    _problem_on_my_work(request)
    time_services.delete_time_entry(by=user, entry=entry, base=request.POST.get("base", ""))
    messages.success(request, "The time entry is deleted.")
    return redirect(f"{reverse('work:my_work')}?week={rules.week_of(entry.on).isoformat()}")


@login_required
@require_POST
def calendar_feed_create(request: HttpRequest) -> HttpResponse:
    """A new private calendar address, shown once; the old one stops working."""
    user = me(request)
    access_time.require_time_keeper(user)
    made = calendar.create_feed(by=user)
    response = _my_work(request, 201, new_feed_url=absolute_url(calendar.feed_path(made.token)))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def calendar_feed_revoke(request: HttpRequest, feed_id: int) -> HttpResponse:
    user = me(request)
    feed = access_time.feed_for(user, feed_id)
    _problem_on_my_work(request)
    calendar.revoke_feed(by=user, feed=feed)
    messages.success(request, "Your calendar address is turned off.")
    return redirect("work:my_work")


@require_GET
def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar app's view of a person's due dates; the token in the address is the key."""
    feed = calendar.feed_of_token(token)
    if feed is None:
        raise Http404("No such calendar.")
    calendar.note_use(feed)
    response = HttpResponse(calendar.ics_of(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="accord.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
