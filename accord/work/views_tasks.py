"""A job's deliverables and tasks on its page, and a task's own page.

The job page's section (`work/_job_work.html`) is built by `work_section` in a constant number
of queries whatever the job holds: deliverables in one query, all the job's tasks in another,
links made by string formatting from one reversed pattern per kind of link. Moves and additions
answer an htmx request with the section again (a refusal shown in place, at the row it is
about); without JavaScript they go back to the job's page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST

from accord.accounts.models import User
from accord.core import policy
from accord.core.errors import DomainError, InvalidInput, NeedsConfirmation
from accord.core.forms import attach_error
from accord.core.links import page_pattern, url_pattern
from accord.core.pages import show_errors_on
from accord.core.policy import Discipline
from accord.intake import queries as intake_queries
from accord.intake.views.common import me
from accord.work import access, rules, timekeeping
from accord.work.forms_tasks import (
    AssignForm,
    ChecklistItemForm,
    DeliverableForm,
    DependencyForm,
    TaskForm,
    takers,
)
from accord.work.models import Deliverable, Job, Task
from accord.work.services import deliverables as deliverable_services
from accord.work.services import tasks as task_services
from accord.work.views_board import required_base_status

DELIVERABLE_LABELS = dict(Deliverable.Status.choices)
TASK_LABELS = dict(Task.Status.choices)
KIND_LABELS = dict(Deliverable.Kind.choices)
DISCIPLINE_LABELS = dict(Discipline.choices)
TASK_BADGES = {"doing": "badge--info", "blocked": "badge--danger", "done": "badge--success"}
DELIVERABLES_SHOWN = 25  # a page of them, with their tasks
# The two forms of the section share a page: their ids must not.
ADD_DELIVERABLE, ADD_TASK = "add-deliverable-%s", "add-task-%s"


def takes_work(job: Job) -> bool:
    return job.status in (Job.Status.OPEN, Job.Status.ON_HOLD)


def task_moves(task: Task) -> list[tuple[str, str]]:
    """Where a task can go from where it is, in the order of its statuses."""
    allowed = rules.TASK_MOVES.get(task.status, set())
    return [(s, str(TASK_LABELS[s])) for s in Task.Status.values if s in allowed]


@dataclass
class Group:
    """A deliverable and its tasks, or (deliverable None) the tasks for the whole job."""

    deliverable: Deliverable | None
    tasks: list[Task]


@dataclass
class WorkSection:
    """What `_job_work.html` shows: for contacts (`client_view`) the deliverables in client
    words only; for staff the deliverables with their tasks, the moves open to the reader and,
    for those who plan the job (`may_plan`), the forms to add more."""

    job: Job
    client_view: bool
    deliverables: list[Deliverable]
    page: Page | None = None  # of the deliverables
    groups: list[Group] = field(default_factory=list)
    task_count: int = 0
    manages: bool = False
    may_plan: bool = False
    error: str = ""
    notice: str = ""  # what was just done, said in the section an htmx request answers
    deliverable_form: DeliverableForm | None = None
    task_form: TaskForm | None = None
    # The CSRF field, made once for the section's many small forms.
    csrf_input: str = ""
    add_deliverable_url: str = ""
    add_task_url: str = ""


def work_section(
    request: HttpRequest,
    job: Job,
    *,
    error: str = "",
    error_on: tuple[str, int] | None = None,
    deliverable_form: DeliverableForm | None = None,
    task_form: TaskForm | None = None,
    notice: str = "",
) -> WorkSection:
    """The section as `request`'s person may see it; `error` shows at the row `error_on`
    names (("deliverable" | "task", pk)), else above the lists."""
    user = me(request)
    shown = _page_of(request, job)
    rows: list[Any] = list(shown.object_list)
    page = page_pattern("deliverable")
    for row in rows:
        row.page_url = page.format(row.pk) if page else ""
    if policy.is_contact(user):
        for row in rows:
            row.client_words = rules.client_status(row.status)
            row.kind_label = KIND_LABELS.get(row.kind, "")
        return WorkSection(job=job, client_view=True, deliverables=rows, page=shown, error=error)
    manages = access.manages(user, job)
    open_job = takes_work(job)
    by_deliverable = _tasks_by_deliverable(
        job, user, [row.pk for row in rows], job_wide=not shown.has_next()
    )
    urls = {
        "move": url_pattern("work:deliverable_move", "deliverable_id"),
        "edit": url_pattern("work:deliverable_edit", "deliverable_id"),
    }
    for row in rows:
        row.job = job
        row.kind_label = KIND_LABELS.get(row.kind, "")
        row.status_label = DELIVERABLE_LABELS.get(row.status, row.status)
        row.move_url = urls["move"].format(row.pk)
        row.edit_url = urls["edit"].format(row.pk)
        row.moves = [
            (s, str(DELIVERABLE_LABELS[s]))
            for s in deliverable_services.moves_for(row)
            if open_job and access.may_move_deliverable(user, row, s, managing=manages)
        ]
        row.error = error if error_on == ("deliverable", row.pk) else ""
    for tasks in by_deliverable.values():
        for task in tasks:
            task.error = error if error_on == ("task", task.pk) else ""  # type: ignore[attr-defined]
    shown_at_row = error_on is not None and error_on[0] in ("deliverable", "task")
    may_plan = manages and open_job
    if may_plan:
        people = takers()
        deliverable_form = deliverable_form or DeliverableForm(
            people=people, auto_id=ADD_DELIVERABLE
        )
        task_form = task_form or TaskForm(
            deliverables=job.deliverables.all(), people=people, auto_id=ADD_TASK
        )
    return WorkSection(
        job=job,
        client_view=False,
        deliverables=rows,
        groups=[Group(row, by_deliverable.get(row.pk, [])) for row in rows]
        + ([Group(None, by_deliverable[None])] if None in by_deliverable else []),
        page=shown,
        task_count=job.tasks.count(),
        manages=manages,
        may_plan=may_plan,
        error="" if shown_at_row and _row_exists(rows, by_deliverable, error_on) else error,
        notice=notice,
        csrf_input=format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
        deliverable_form=deliverable_form if may_plan else None,
        task_form=task_form if may_plan else None,
        add_deliverable_url=reverse("work:deliverable_add", kwargs={"job_id": job.pk}),
        add_task_url=reverse("work:task_add", kwargs={"job_id": job.pk}),
    )


def _row_exists(
    rows: list[Deliverable], tasks: dict[int | None, list[Task]], error_on: Any
) -> bool:
    kind, pk = error_on
    if kind == "deliverable":
        return any(row.pk == pk for row in rows)
    return any(task.pk == pk for group in tasks.values() for task in group)


def _page_of(request: HttpRequest, job: Job) -> Page:
    """The page of the job's deliverables asked for (`page`, in the address or, from the
    section's own forms, in the body; "last": the last one)."""
    paginator = Paginator(
        job.deliverables.select_related("owner").order_by("position", "pk"), DELIVERABLES_SHOWN
    )
    number = request.GET.get("page") or request.POST.get("page")
    return paginator.get_page(paginator.num_pages if number == "last" else number)


def _tasks_by_deliverable(
    job: Job, user: Any, deliverable_ids: list[int], *, job_wide: bool
) -> dict[int | None, list[Task]]:
    """In one query, the tasks of the deliverables shown (and with `job_wide` those of the
    whole job), grouped by deliverable (None: job-wide), each with its link and what it
    waits for. The reader's own tasks carry their moves; the job's managers move the others
    from each task's page (a job may hold 2,000 tasks)."""
    shown = Q(deliverable_id__in=deliverable_ids)
    if job_wide:
        shown |= Q(deliverable__isnull=True)
    tasks = list(
        job.tasks.filter(shown)
        .select_related("assignee")
        .defer("created_at", "status_changed_at", "done_at", "assignee__last_login")
        .order_by("position", "pk")[: task_services.MAX_PER_JOB]
    )
    by_pk = {task.pk: task for task in tasks}
    # What a task waits for may be on another page: their titles in one more query.
    elsewhere = {t.depends_on_id for t in tasks if t.depends_on_id and t.depends_on_id not in by_pk}
    if elsewhere:
        by_pk |= {t.pk: t for t in job.tasks.filter(pk__in=elsewhere).only("title", "job_id")}
    detail = url_pattern("work:task_detail", "task_id")
    move = url_pattern("work:task_move", "task_id")
    grouped: dict[int | None, list[Task]] = {}
    for task in tasks:
        task.url = detail.format(task.pk)  # type: ignore[attr-defined]
        task.move_url = move.format(task.pk)  # type: ignore[attr-defined]
        task.status_label = TASK_LABELS.get(task.status, task.status)  # type: ignore[attr-defined]
        task.badge = TASK_BADGES.get(task.status, "badge--muted")  # type: ignore[attr-defined]
        task.discipline_label = DISCIPLINE_LABELS.get(task.discipline, "—")  # type: ignore[attr-defined]
        task.waits_for = by_pk.get(task.depends_on_id) if task.depends_on_id else None  # type: ignore[attr-defined]
        moves = task_moves(task) if task.assignee_id == user.pk and takes_work(job) else []
        task.buttons = [m for m in moves if m[0] != rules.BLOCKED]  # type: ignore[attr-defined]
        task.may_block = len(moves) > len(task.buttons)  # type: ignore[attr-defined]
        grouped.setdefault(task.deliverable_id, []).append(task)
    return grouped


def _section(request: HttpRequest, job: Job, *, status: int = 200, **kwargs: Any) -> HttpResponse:
    context = {"job": job, "work": work_section(request, job, **kwargs)}
    if getattr(request, "htmx", False):
        return render(request, "work/_job_work.html", context, status=status)
    return render(request, "work/job_work_page.html", context, status=status)


def _done(request: HttpRequest, job: Job, anchor: str = "", said: str = "") -> HttpResponse:
    """After a change made from the job's page: the section again (htmx), saying `said` in
    it, or the page with `said` as its message."""
    if getattr(request, "htmx", False):
        return _section(request, job, notice=said)
    if said:
        messages.success(request, said)
    page = request.POST.get("page", "")
    query = f"?page={page}" if page.isdigit() or page == "last" else ""
    return redirect(reverse("work:job_detail", kwargs={"job_id": job.pk}) + query + anchor)


def errors_in_form(request: HttpRequest, form: Any, page: Callable[[int], HttpResponse]) -> None:
    """A refusal goes next to its field; a question (a date after the deadline) goes above
    the form with a "Save anyway" that sends the same again with `confirm`."""

    def answer(error: DomainError) -> HttpResponse:
        if isinstance(error, NeedsConfirmation):
            form.confirm_question = error.message
        else:
            attach_error(form, error)
        return page(error.status)

    show_errors_on(request, answer)


def refused_form(
    request: HttpRequest, form: Any, page: Callable[[int], HttpResponse]
) -> HttpResponse | None:
    """The page again (422) if the form is not valid; else None, with a service's refusal
    of it set to come back in the form (`errors_in_form`)."""
    errors_in_form(request, form, page)
    return None if form.is_valid() else page(422)


def confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "1"


DELIVERABLE_FIELDS = ("title", "kind", "channel", "format", "due_on", "owner")
TASK_FIELDS = (
    "title",
    "discipline",
    "estimate_hours",
    "due_on",
    "starts_on",
    "deliverable",
    "priority",
)


def _fields(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """What a planning form says about the fields a service takes by the same names."""
    return {name: form.cleaned_data[name] for name in names}


def base_revision(form: Any) -> int:
    """The revision the page was read at: an edit without it could overwrite unseen changes."""
    value = form.cleaned_data.get("base_revision")
    if value is None:
        raise InvalidInput("Reload the page, then make your change again.", field="base_revision")
    return int(value)


# --- Deliverables ---------------------------------------------------------------------------


@login_required
@require_POST
def deliverable_add(request: HttpRequest, job_id: int) -> HttpResponse:
    user = me(request)
    job = access.job_for(user, job_id, "plan")
    form = DeliverableForm(request.POST, people=takers(), auto_id=ADD_DELIVERABLE)
    page = lambda status: _section(request, job, status=status, deliverable_form=form)  # noqa: E731
    if (refused := refused_form(request, form, page)) is not None:
        return refused
    deliverable = deliverable_services.add_deliverable(
        by=user, job=job, **_fields(form, DELIVERABLE_FIELDS), confirm=confirmed(request)
    )
    return _done(request, job, f"#deliverable-{deliverable.pk}", f"“{deliverable.title}” is added.")


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_edit(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    user = me(request)
    deliverable = access.deliverable_for(user, deliverable_id, "edit")
    initial = {
        "title": deliverable.title,
        "kind": deliverable.kind,
        "channel": deliverable.channel,
        "format": deliverable.format,
        "due_on": deliverable.due_on,
        "owner": deliverable.owner_id,
        "base_revision": deliverable.revision,
    }
    people = takers(keep=deliverable.owner_id)
    form = DeliverableForm(request.POST or None, initial=initial, people=people)
    context = {"deliverable": deliverable, "job": deliverable.job, "form": form}
    page = lambda status: render(request, "work/deliverable_edit.html", context, status=status)  # noqa: E731
    if request.method == "GET":
        return page(200)
    if (refused := refused_form(request, form, page)) is not None:
        return refused
    deliverable_services.update_deliverable(
        by=user,
        deliverable=deliverable,
        base_revision=base_revision(form),
        **_fields(form, DELIVERABLE_FIELDS),
        confirm=confirmed(request),
    )
    messages.success(request, "The deliverable is saved.")
    return redirect(
        reverse("work:job_detail", kwargs={"job_id": deliverable.job_id})
        + f"#deliverable-{deliverable.pk}"
    )


@login_required
@require_POST
def deliverable_move(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    """Move a deliverable from the status the person saw (`base_status`) to `to`."""
    user = me(request)
    deliverable = access.deliverable_for(user, deliverable_id, "move")
    job = deliverable.job
    at_row = ("deliverable", deliverable.pk)
    show_errors_on(
        request,
        lambda error: _section(
            request, job, status=error.status, error=error.message, error_on=at_row
        ),
    )
    to = request.POST.get("to", "")
    access.ensure_may_move_deliverable(user, deliverable, to)
    deliverable_services.move_deliverable(
        by=user, deliverable=deliverable, to=to, base_status=required_base_status(request)
    )
    return _done(request, job, f"#deliverable-{deliverable.pk}")


# --- Tasks ----------------------------------------------------------------------------------


@login_required
@require_POST
def task_add(request: HttpRequest, job_id: int) -> HttpResponse:
    user = me(request)
    job = access.job_tasks_for(user, job_id, "plan")
    form = TaskForm(
        request.POST, deliverables=job.deliverables.all(), people=takers(), auto_id=ADD_TASK
    )
    page = lambda status: _section(request, job, status=status, task_form=form)  # noqa: E731
    if (refused := refused_form(request, form, page)) is not None:
        return refused
    task = task_services.add_task(
        by=user,
        job=job,
        assignee=form.cleaned_data["assignee"],
        **_fields(form, TASK_FIELDS),
        confirm=confirmed(request),
    )
    return _done(request, job, f"#task-{task.pk}", f"“{task.title}” is added.")


def task_page(
    request: HttpRequest,
    task: Task,
    *,
    status: int = 200,
    error: str = "",
    edit_form: TaskForm | None = None,
    assign_form: AssignForm | None = None,
    dependency_form: DependencyForm | None = None,
    checklist_form: ChecklistItemForm | None = None,
) -> HttpResponse:
    """A task with its job, brief and files at hand, and the moves open to the reader."""
    user = me(request)
    job = task.job
    manages = access.manages(user, job)
    open_job = takes_work(job)
    may_move = open_job and access.may_move_task(user, task, managing=manages)
    brief = job.brief
    others = job.tasks.exclude(pk=task.pk).order_by("position", "pk")
    if manages and open_job:
        edit_form = edit_form or TaskForm(
            initial=_task_initial(task), deliverables=job.deliverables.all()
        )
        assign_form = assign_form or AssignForm(
            initial={"assignee": task.assignee_id, "base_revision": task.revision},
            people=takers(keep=task.assignee_id),  # one who left shows as such, until replaced
        )
        dependency_form = dependency_form or DependencyForm(
            initial={"depends_on": task.depends_on_id, "base_revision": task.revision},
            tasks=others,
        )
    context = {
        "task": task,
        "job": job,
        "brief": brief,
        "files": intake_queries.files_of_brief(user, brief) if brief is not None else [],
        "manages": manages and open_job,
        "may_move": may_move,
        "moves": task_moves(task) if may_move else [],
        "status_label": TASK_LABELS.get(task.status, task.status),
        "error": error,
        "edit_form": edit_form,
        "assign_form": assign_form,
        "dependency_form": dependency_form,
        **_checklist_context(task, may_move, checklist_form),
    }
    return render(request, "work/task_detail.html", context, status=status)


def _task_initial(task: Task) -> dict[str, Any]:
    return {
        "title": task.title,
        "deliverable": task.deliverable_id,
        "discipline": task.discipline,
        "estimate_hours": timekeeping.plain(task.estimate_hours),  # 2.5, not 2.50
        "starts_on": task.starts_on,
        "due_on": task.due_on,
        "priority": task.priority,
        "base_revision": task.revision,
    }


def _checklist_context(
    task: Task, may_tick: bool, form: ChecklistItemForm | None = None, error: str = ""
) -> dict[str, Any]:
    return {
        "task": task,
        "items": list(task.checklist.all()),
        "may_tick": may_tick,
        "checklist_form": form or ChecklistItemForm(),
        "checklist_error": error,
    }


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    return task_page(request, access.task_for(me(request), task_id))


def _back_to_task(task: Task) -> HttpResponse:
    return redirect("work:task_detail", task_id=task.pk)


def _edit_task(
    request: HttpRequest,
    task_id: int,
    *,
    form_name: str,
    make_form: Callable[[Task], Any],
    save: Callable[[User, Task, Any], Any],
    said: str,
) -> HttpResponse:
    """One of the task page's forms posted: refused with the page and the form's errors, or
    saved and back to the task with `said`."""
    user = me(request)
    task = access.task_for(user, task_id, "edit")
    form = make_form(task)
    page = lambda status: task_page(request, task, status=status, **{form_name: form})  # noqa: E731
    if (refused := refused_form(request, form, page)) is not None:
        return refused
    save(user, task, form)
    messages.success(request, said)
    return _back_to_task(task)


@login_required
@require_POST
def task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    return _edit_task(
        request,
        task_id,
        form_name="edit_form",
        make_form=lambda task: TaskForm(request.POST, deliverables=task.job.deliverables.all()),
        save=lambda user, task, form: task_services.update_task(
            by=user,
            task=task,
            base_revision=base_revision(form),
            **_fields(form, TASK_FIELDS),
            confirm=confirmed(request),
        ),
        said="The task is saved.",
    )


@login_required
@require_POST
def task_assign(request: HttpRequest, task_id: int) -> HttpResponse:
    return _edit_task(
        request,
        task_id,
        form_name="assign_form",
        make_form=lambda task: AssignForm(request.POST, people=takers()),
        save=lambda user, task, form: task_services.assign_task(
            by=user,
            task=task,
            assignee=form.cleaned_data["assignee"],
            base_revision=base_revision(form),
        ),
        said="The task is assigned.",
    )


@login_required
@require_POST
def task_dependency(request: HttpRequest, task_id: int) -> HttpResponse:
    return _edit_task(
        request,
        task_id,
        form_name="dependency_form",
        make_form=lambda task: DependencyForm(
            request.POST, tasks=task.job.tasks.exclude(pk=task.pk)
        ),
        save=lambda user, task, form: task_services.set_dependency(
            by=user,
            task=task,
            depends_on=form.cleaned_data["depends_on"],
            base_revision=base_revision(form),
        ),
        said="Saved what the task waits for.",
    )


@login_required
@require_POST
def task_move(request: HttpRequest, task_id: int) -> HttpResponse:
    """Move a task from the status the person saw (`base_status`); from the job's page
    (`on=job`) the answer is the job's section, else the task's page."""
    user = me(request)
    task = access.task_for(user, task_id, "move")
    from_job = request.POST.get("on") == "job"
    at_row = ("task", task.pk)
    show_errors_on(
        request,
        lambda error: (
            _section(request, task.job, status=error.status, error=error.message, error_on=at_row)
            if from_job
            else task_page(request, task, status=error.status, error=error.message)
        ),
    )
    moved = task_services.move_task(
        by=user,
        task=task,
        to=request.POST.get("to", ""),
        base_status=required_base_status(request),
        reason=request.POST.get("reason", "")[:1000],
    )
    if from_job:
        return _done(request, task.job, f"#task-{task.pk}")
    messages.success(request, f"The task is now “{TASK_LABELS[moved.status]}”.")
    return _back_to_task(task)


# --- Checklist ------------------------------------------------------------------------------


def _checklist(
    request: HttpRequest, task: Task, *, status: int = 200, **kwargs: Any
) -> HttpResponse:
    if getattr(request, "htmx", False):
        context = _checklist_context(task, True, **kwargs)
        return render(request, "work/_checklist.html", context, status=status)
    if status >= 400:
        return task_page(
            request,
            task,
            status=status,
            error=kwargs.get("error", ""),
            checklist_form=kwargs.get("form"),
        )
    return _back_to_task(task)


@login_required
@require_POST
def checklist_add(request: HttpRequest, task_id: int) -> HttpResponse:
    user = me(request)
    task = access.task_for(user, task_id, "move")
    form = ChecklistItemForm(request.POST)
    show_errors_on(
        request,
        lambda error: _checklist(request, task, status=error.status, error=error.message),
    )
    if not form.is_valid():
        return _checklist(request, task, status=422, form=form)
    task_services.add_checklist_item(by=user, task=task, text=form.cleaned_data["text"])
    return _checklist(request, task)


@login_required
@require_POST
def checklist_tick(request: HttpRequest, item_id: int) -> HttpResponse:
    user = me(request)
    item = access.checklist_item_for(user, item_id)
    task_services.tick_checklist_item(by=user, item=item, done=request.POST.get("done") == "1")
    return _checklist(request, item.task)


@login_required
@require_POST
def checklist_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    user = me(request)
    item = access.checklist_item_for(user, item_id)
    task_services.remove_checklist_item(by=user, item=item)
    return _checklist(request, item.task)
