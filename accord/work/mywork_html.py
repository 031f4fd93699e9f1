"""My work's two long tables as HTML rows, built in Python: a creative's open tasks and the
week's time entries, each row with its links, badges and little forms. The template engine
would spend half the page on them (a filter or tag per cell). Every value is escaped here."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from accord.work import timekeeping
from accord.work.board_html import MONTHS
from accord.work.models import Task, TimeEntry

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
STATUS_BADGE = {"blocked": " badge--danger", "doing": " badge--info"}
PRIORITIES = dict(Task.Priority.choices)
STATUSES = dict(Task.Status.choices)


def short_day(on: date) -> str:
    """ "Wed 2 Dec", as the pages write a day."""
    return f"{DAYS[on.weekday()]} {on.day} {MONTHS[on.month - 1]}"


def hours(value: Any) -> str:
    """Hours as people write them: 1.5, 2, 0.25 (and "—" for none given, as an estimate)."""
    return "—" if value in (None, "") else timekeeping.plain(Decimal(value))


class Rows:
    """Writes My work's rows; what they share (links, the CSRF field, today) is set once."""

    def __init__(self, *, links: dict[str, str], csrf_token: str, today: date) -> None:
        self.links = {name: escape(pattern) for name, pattern in links.items()}
        self.csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
        self.today = today

    def _form(self, url: str, label: str, hidden: str, what: str, classes: str) -> str:
        return (
            f'<form method="post" action="{url}" hx-post="{url}" data-swap-errors{what}>'
            f'{self.csrf}{hidden}<button type="submit" class="button {classes}">{label}</button>'
            "</form>"
        )

    def task(self, task: Task, *, timer_task: int | None, stop_url: str) -> str:
        title, late = escape(task.title), task.due_on is not None and task.due_on < self.today
        lead = f'<a href="{self.links["task"].format(task.pk)}">{title}</a>'
        if task.priority >= Task.Priority.HIGH:
            priority = escape(str(PRIORITIES.get(task.priority, "")))
            lead += f' <span class="badge badge--warning">{priority}</span>'
        if task.deliverable_id is not None and task.deliverable is not None:
            lead += f'<span class="people__meta">{escape(task.deliverable.title)}</span>'
        job, job_url = task.job, self.links["job"].format(task.job_id)
        meta = escape(job.client.name)
        if job.brief_id:
            meta += f' · <a href="{self.links["brief"].format(job.brief_id)}">Brief</a>'
        files = getattr(task, "files", 0)
        if files:
            meta += f' · <a href="{job_url}#files">{files} file{"" if files == 1 else "s"}</a>'
        if job.status == "on_hold":
            meta += ' · <span class="badge badge--warning">Job on hold</span>'
        if task.due_on is None:
            due = '<span class="muted">No date</span>'
        else:
            due = short_day(task.due_on)
            if late:
                due += ' <span class="badge badge--danger">Overdue</span>'
            elif task.due_on == self.today:
                due += ' <span class="badge badge--warning">Today</span>'
        status = (
            f'<span class="badge{STATUS_BADGE.get(task.status, " badge--muted")}">'
            f"{escape(str(STATUSES.get(task.status, task.status)))}</span>"
        )
        if task.status == "blocked" and task.blocked_reason:
            status += f' <span class="people__meta">{escape(task.blocked_reason)}</span>'
        action = ""
        if timer_task == task.pk:
            action = self._form(
                stop_url,
                f'Stop<span class="visually-hidden"> the timer on {title}</span>',
                "",
                "",
                "button--small",
            )
        elif task.status != "blocked":
            action = self._form(
                self.links["start"].format(task.pk),
                f'Start<span class="visually-hidden"> a timer on {title}</span>',
                "",
                "",
                "button--secondary button--small",
            )
        logged = hours(getattr(task, "logged", None))
        overdue = ' class="is-overdue"' if late else ""
        return (
            f'<tr id="task-{task.pk}"{overdue}>'
            f'<td class="table__lead table__primary">{lead}</td>'
            f'<td data-label="Job"><a href="{job_url}">{escape(job.title)}</a> '
            f'<span class="people__meta">{meta}</span></td>'
            f'<td data-label="Due" class="nowrap">{due}</td>'
            f'<td data-label="Logged / estimate" class="num nowrap">{logged} / '
            f"{hours(task.estimate_hours)} h</td>"
            f'<td data-label="Status">{status}</td><td class="actions">{action}</td></tr>'
        )

    def tasks(self, tasks: Iterable[Task], *, timer_task: int | None, stop_url: str) -> SafeString:
        rows = "".join(self.task(t, timer_task=timer_task, stop_url=stop_url) for t in tasks)
        return mark_safe(rows)  # noqa: S308 - every value is escaped above

    def entry(self, entry: TimeEntry, base: str) -> str:
        on = entry.on
        long_day = f"{on.day} {MONTH_NAMES[on.month - 1]}"
        work = f"{escape(entry.task.title)} · " if entry.task_id and entry.task else ""
        work += escape(entry.job.title)
        meta = escape(entry.job.client.name)
        if not entry.billable:
            meta += " · not billable"
        if entry.note:
            meta += f" · {escape(entry.note)}"
        running = entry.is_running
        shown = '<span class="badge badge--info">Running</span>' if running else hours(entry.hours)
        edit = ""
        if not running:
            edit = (
                f'<a class="button button--secondary button--small" '
                f'href="{self.links["edit"].format(entry.pk)}">Edit<span '
                f'class="visually-hidden"> the entry of {long_day}</span></a>'
            )
        delete = self._form(
            self.links["delete"].format(entry.pk),
            f'Delete<span class="visually-hidden"> the entry of {long_day}</span>',
            f'<input type="hidden" name="base" value="{escape(base)}">',
            ' data-confirm="Delete this time entry?"',
            "button--danger button--small",
        )
        return (
            f'<tr><td class="nowrap">{short_day(on)}</td>'
            f'<td data-label="Work">{work} <span class="people__meta">{meta}</span></td>'
            f'<td data-label="Hours" class="num">{shown}</td>'
            f'<td class="actions">{edit}{delete}</td></tr>'
        )

    def entries(self, entries: Iterable[tuple[TimeEntry, str]]) -> SafeString:
        return mark_safe("".join(self.entry(e, base) for e, base in entries))  # noqa: S308
