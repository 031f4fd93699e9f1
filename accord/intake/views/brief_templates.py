"""Brief templates: the admin's list and editor (the questions as a formset)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accord.core.http import int_param
from accord.core.pages import show_errors_in_form
from accord.core.pagination import paginate
from accord.intake import access, services
from accord.intake.forms import TemplateForm, question_formset
from accord.intake.models import BriefTemplate
from accord.intake.views.common import me


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    user = me(request)
    access.require_template_admin(user)
    templates = (
        access.templates_for(user)
        .annotate(question_count=Count("questions"))
        .order_by("position", "name")
    )
    return render(request, "intake/template_list.html", {"page": paginate(request, templates)})


def _questions_initial(template: BriefTemplate) -> list[dict[str, Any]]:
    return [
        {
            "section": q.section,
            "key": q.key,
            "label": q.label,
            "help_text": q.help_text,
            "example": q.example,
            "kind": q.kind,
            "fact": q.fact,
            "required": q.required,
            "order": (number + 1) * 10,
        }
        for number, q in enumerate(template.questions.all())
    ]


GARBLED = (
    "The list of questions arrived garbled (its count is not a number), so nothing was saved. "
    "Please make your changes again."
)


def _counts_readable(data: Any) -> bool:
    """Whether the formset's management counts are small whole numbers, as the page sends."""
    return all(
        int_param(data.get(f"questions-{name}")) is not None
        for name in ("TOTAL_FORMS", "INITIAL_FORMS")
    )


def _with_one_more(data: Any) -> Any:
    """The posted formset with one more empty question, for “Add a question” without script."""
    data = data.copy()
    data["questions-TOTAL_FORMS"] = str((int_param(data.get("questions-TOTAL_FORMS")) or 0) + 1)
    return data


def _questions(formset: Any) -> list[dict[str, Any]]:
    existing = formset.initial_form_count()
    kept = [
        (form.cleaned_data.get("order"), number, form.cleaned_data)
        for number, form in enumerate(formset.forms)
        if (number < existing or form.has_changed())
        and form.cleaned_data
        and not form.cleaned_data.get("DELETE")
    ]
    kept.sort(key=lambda item: (item[0] if item[0] is not None else 1000 + item[1], item[1]))
    return [{k: v for k, v in data.items() if k not in ("order", "DELETE")} for _, _, data in kept]


def _editor(request: HttpRequest, template: BriefTemplate | None) -> HttpResponse:
    user = me(request)
    initial_form: dict[str, Any] = {}
    initial_questions: list[dict[str, Any]] = []
    if template is not None:
        initial_form = {
            "name": template.name,
            "description": template.description,
            "min_lead_days": template.min_lead_days,
            "is_active": template.is_active,
        }
        initial_questions = _questions_initial(template)
    formset_class = question_formset(extra=0 if template else 1)
    data = request.POST if request.method == "POST" else None
    if data is not None and not _counts_readable(data):
        context = {
            "form": TemplateForm(data, initial=initial_form),
            "formset": formset_class(initial=initial_questions, prefix="questions"),
            "template": template,
            "error": GARBLED,
        }
        return render(request, "intake/template_form.html", context, status=400)
    adding = data is not None and "add_question" in data
    if adding:
        data = _with_one_more(data)
    form = TemplateForm(data, initial=initial_form)
    formset = formset_class(data, initial=initial_questions, prefix="questions")
    context = {"form": form, "formset": formset, "template": template}
    if data is None or adding:
        return render(request, "intake/template_form.html", context)
    show_errors_in_form(
        request,
        form,
        lambda status: render(request, "intake/template_form.html", context, status=status),
    )
    if form.is_valid() and formset.is_valid():
        saved = services.save_template(
            by=user, template=template, questions=_questions(formset), **form.cleaned_data
        )
        messages.success(request, f"The template “{saved.name}” is saved.")
        return redirect("intake:template_list")
    return render(request, "intake/template_form.html", context, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def template_create(request: HttpRequest) -> HttpResponse:
    access.require_template_admin(me(request))
    return _editor(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    user = me(request)
    access.require_template_admin(user)
    return _editor(request, access.template_for(user, template_id, "edit"))
