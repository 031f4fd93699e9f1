"""Job templates: the list and a template for every member of staff; the editor (deliverables
and tasks as two formsets) and taking one out of use for admins."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accord.core import policy
from accord.core.errors import InvalidInput
from accord.core.pages import show_errors_in_form, show_errors_on
from accord.core.pagination import paginate
from accord.intake.views.common import me
from accord.work import access, queries, services
from accord.work.forms_jobs import JobTemplateForm, counts_readable, line_formsets
from accord.work.models import JobTemplate, TemplateDeliverable, TemplateTask
from accord.work.services.templates import template_lines

GARBLED = (
    "The lists of deliverables and tasks arrived garbled (a count is not a number), so nothing "
    "was saved. Please make your changes again."
)


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    user = me(request)
    access.require_template_reader(user)
    templates = queries.templates_with_counts(access.templates_for(user))
    context = {"page": paginate(request, templates), "may_edit": policy.is_admin(user)}
    return render(request, "work/template_list.html", context)


@login_required
def template_detail(request: HttpRequest, template_id: int) -> HttpResponse:
    return _template_page(request, access.template_for(me(request), template_id))


def _template_page(
    request: HttpRequest, template: JobTemplate, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "error": error,
        "template": template,
        "deliverables": list(TemplateDeliverable.objects.filter(template=template)),
        "tasks": list(
            TemplateTask.objects.filter(template=template).select_related(
                "deliverable", "depends_on"
            )
        ),
        "may_edit": policy.is_admin(me(request)),
    }
    return render(request, "work/template_detail.html", context, status=status)


def _kept(formset: Any) -> tuple[list[tuple[int, dict[str, Any]]], dict[int, int]]:
    """The rows to keep (filled in and not deleted), and each one's new index by the number
    the page showed it with (from 1)."""
    existing = formset.initial_form_count()
    kept: list[tuple[int, dict[str, Any]]] = []
    index: dict[int, int] = {}
    for number, form in enumerate(formset.forms, start=1):
        data = form.cleaned_data
        if not data or data.get("DELETE") or (number > existing and not form.has_changed()):
            continue
        index[number] = len(kept)
        kept.append((number, data))
    return kept, index


def _reference(shown: int | None, index: dict[int, int], what: str, row: int) -> int | None:
    if shown is None:
        return None
    if shown not in index:
        raise InvalidInput(
            f"Task {row}: {what} {shown} is not in the template (removed or left empty).",
            field="tasks",
        )
    return index[shown]


def _lines(deliverables: Any, tasks: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The formsets' rows as the service takes them: references by index, not by number."""
    kept_d, d_index = _kept(deliverables)
    kept_t, t_index = _kept(tasks)
    plain = ("DELETE", "deliverable", "depends_on")
    return (
        [{k: v for k, v in data.items() if k != "DELETE"} for _, data in kept_d],
        [
            {
                **{k: v for k, v in data.items() if k not in plain},
                "deliverable": _reference(data.get("deliverable"), d_index, "deliverable", n),
                "depends_on": _reference(data.get("depends_on"), t_index, "task", n),
            }
            for n, data in kept_t
        ],
    )


def _with_one_more(data: Any, prefix: str) -> Any:
    """The posted formset with one more empty row, for “Add a row” without script."""
    data = data.copy()
    total = data.get(f"{prefix}-TOTAL_FORMS") or "0"
    data[f"{prefix}-TOTAL_FORMS"] = str(int(total) + 1)
    return data


def _editor(request: HttpRequest, template: JobTemplate | None) -> HttpResponse:
    user = me(request)
    initial_form: dict[str, Any] = {"is_active": True}
    initial_lines: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    if template is not None:
        initial_form = {
            "name": template.name,
            "description": template.description,
            "is_active": template.is_active,
            "revision": template.revision,
        }
        initial_lines = template_lines(template)
    data = request.POST if request.method == "POST" else None
    if data is not None and not counts_readable(data):
        deliverables, tasks = line_formsets(None, initial_lines)
        context = {
            "form": JobTemplateForm(data, initial=initial_form),
            "deliverables": deliverables,
            "tasks": tasks,
            "template": template,
            "error": GARBLED,
        }
        return render(request, "work/template_form.html", context, status=400)
    adding = ""
    if data is not None:
        adding = next((p for p in ("deliverables", "tasks") if f"add_{p}" in data), "")
        data = _with_one_more(data, adding) if adding else data
    form = JobTemplateForm(data, initial=initial_form)
    deliverables, tasks = line_formsets(data, initial_lines)
    context = {"form": form, "deliverables": deliverables, "tasks": tasks, "template": template}
    if data is None or adding:
        return render(request, "work/template_form.html", context)
    show_errors_in_form(
        request,
        form,
        lambda status: render(request, "work/template_form.html", context, status=status),
    )
    if form.is_valid() and deliverables.is_valid() and tasks.is_valid():
        lines = _lines(deliverables, tasks)
        saved = services.save_job_template(
            by=user,
            template=template,
            revision=form.cleaned_data.get("revision"),
            name=form.cleaned_data["name"],
            description=form.cleaned_data.get("description") or "",
            is_active=bool(form.cleaned_data.get("is_active")),
            deliverables=lines[0],
            tasks=lines[1],
        )
        messages.success(request, f"The template “{saved.name}” is saved.")
        return redirect("work:job_template_detail", template_id=saved.pk)
    return render(request, "work/template_form.html", context, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def template_create(request: HttpRequest) -> HttpResponse:
    access.require_template_admin(me(request))
    return _editor(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    return _editor(request, access.template_for(me(request), template_id, "edit"))


@login_required
@require_POST
def template_deactivate(request: HttpRequest, template_id: int) -> HttpResponse:
    user = me(request)
    template = access.template_for(user, template_id, "edit")
    show_errors_on(
        request,
        lambda error: _template_page(request, template, error=error.message, status=error.status),
    )
    services.deactivate_job_template(by=user, template=template)
    messages.success(request, f"“{template.name}” is out of use: no new job is planned from it.")
    return redirect("work:job_template_list")
