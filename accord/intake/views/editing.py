"""The guided brief: one section per step, saved as the person types, then reviewed and sent.

A draft saves in place. After submission every save is a new version, so the whole brief is
one form carrying the version it was loaded at; a save over a newer version shows what changed.
"""

import re
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accord.clients.models import Contact
from accord.core.errors import DomainError, IllegalTransition
from accord.core.http import int_param
from accord.core.pages import show_errors_on
from accord.intake import access, approvers, coach, queries, rules, services
from accord.intake.forms import BriefAnswersForm
from accord.intake.models import Brief
from accord.intake.services.briefs import (
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    Autosave,
    MissingAnswers,
    StaleBrief,
)
from accord.intake.services.edits import EditConflict, FieldConflict
from accord.intake.services.replans import is_change_of_plan
from accord.intake.views import coediting
from accord.intake.views.briefs import brief_page
from accord.intake.views.common import me, sections_of, uses_approver

S = Brief.Status
Question = dict[str, Any]
SENT_MEANWHILE = (
    "This brief was sent while you were editing; your text is kept below — review and save."
)


def steps_of(questions: list[Question]) -> list[tuple[str, list[Question]]]:
    """The brief's sections in the order the template asks them: one step each."""
    steps: dict[str, list[Question]] = {}
    for question in questions:
        steps.setdefault(question.get("section") or "Questions", []).append(question)
    return list(steps.items())


def _approvers(brief: Brief) -> list[Contact]:
    return queries.approvers_of(brief.client) if uses_approver(brief.questions) else []


def _initial(brief: Brief) -> dict[str, Any]:
    initial: dict[str, Any] = {f"q_{key}": value for key, value in brief.answers.items()}
    initial["title"] = brief.title
    if brief.current_version is not None:
        initial["base_version"] = brief.current_version.number
    return initial


def _attach(form: BriefAnswersForm, error: DomainError) -> None:
    """Put a service's error next to the question it is about."""
    for name in (f"q_{error.field}", error.field):
        if name and name in form.fields:
            form.add_error(name, error.message)
            return
    form.add_error(None, error.message)


def _completeness(brief: Brief) -> coach.Completeness:
    return coach.of_brief(brief, today=timezone.localdate())


def _step(request: HttpRequest, count: int) -> int:
    number = int_param(request.GET.get("step"), 1) or 1
    return min(max(number, 1), count)


def _edit_url(brief: Brief, step: int) -> str:
    return f"{reverse('intake:brief_edit', kwargs={'brief_id': brief.pk})}?step={step}"


def _render_edit(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    brief: Brief = context["brief"]
    context.setdefault("completeness", _completeness(brief))
    context["steps"] = [name for name, _ in steps_of(brief.questions)]
    context["autosave_page"] = new_autosave_page()
    return render(request, "intake/brief_edit.html", context, status=status)


def review_page(
    request: HttpRequest,
    brief: Brief,
    *,
    data: Any = None,
    missing: list[str] | None = None,
    error: str = "",
    conflicts: list[FieldConflict] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The last step: everything answered so far, what is still missing, and Send."""
    approvers = _approvers(brief)
    in_conflict = {c.key for c in conflicts or []}
    unanswered = [
        q
        for q in brief.questions
        if (q.get("required") and not rules.answered(brief.answers, q["key"]))
        or q["key"] in in_conflict
    ]
    if missing:
        unanswered = [q for q in brief.questions if q["key"] in missing]
    form = BriefAnswersForm(
        data, initial=_initial(brief), questions=unanswered, approvers=approvers
    )
    if data is not None:
        form.is_valid()
        if missing:
            form.mark(missing, "Answer this before sending the brief.")
    steps = steps_of(brief.questions)
    context = {
        "brief": brief,
        "step": len(steps) + 1,
        "review": True,
        "form": form,
        "sections": sections_of(brief.questions, brief.answers, currency=brief.client.currency),
        "section_steps": {name: number for number, (name, _) in enumerate(steps, start=1)},
        "error": error,
        "rows": coediting.rows_of(
            form, brief, conflicts=coediting.shown_conflicts(brief, conflicts or [])
        ),
    }
    return _render_edit(request, context, status)


@login_required
@require_http_methods(["GET", "POST"])
def brief_edit(request: HttpRequest, brief_id: int) -> HttpResponse:
    user = me(request)
    brief = access.brief_for(user, brief_id, "edit")
    if brief.status not in EDITABLE_STATUSES:
        messages.info(request, f"This brief is {brief.get_status_display().lower()}; it is final.")
        return redirect(brief.get_absolute_url())
    if brief.status != S.DRAFT:
        return _changes(request, brief)
    steps = steps_of(brief.questions)
    step = _step(request, len(steps) + 1)
    if step > len(steps):
        return review_page(request, brief)
    name, questions = steps[step - 1]
    form = BriefAnswersForm(
        request.POST or None,
        initial=_initial(brief),
        questions=questions,
        approvers=_approvers(brief),
        with_title=step == 1,
    )
    context: dict[str, Any] = {"brief": brief, "form": form, "step": step, "section": name}
    show_errors_on(request, lambda error: _step_refused(request, context, error))
    if request.method == "POST" and form.is_valid():
        edit = coediting.edit_of(request, form)
        brief = services.save_answers(
            by=user,
            brief=brief,
            answers=edit.answers,
            title=edit.title,
            only_draft=True,
            bases=edit.bases,
            title_base=edit.title_base,
        )
        # A choice between two versions of a field stays on the step to show the result.
        chosen = any(name.startswith("choose_") for name in request.POST)
        return redirect(_edit_url(brief, step if chosen else step + 1))
    context["rows"] = coediting.rows_of(form, brief)
    return _render_edit(request, context, status=422 if request.method == "POST" else 200)


def _step_refused(
    request: HttpRequest, context: dict[str, Any], error: DomainError
) -> HttpResponse:
    if isinstance(error, IllegalTransition):  # sent (or cancelled) since the page was checked
        brief = access.brief_for(me(request), context["brief"].pk, "edit")
        if brief.status not in OPEN_STATUSES:
            return redirect(brief.get_absolute_url())
        return _sent_meanwhile(request, brief, status=409)
    if isinstance(error, EditConflict):  # the other fields were saved; these wait for a choice
        shown = coediting.shown_conflicts(error.brief, error.conflicts)
        context.update(brief=error.brief, problem=error.message)
        context["rows"] = coediting.rows_of(context["form"], error.brief, conflicts=shown)
        return _render_edit(request, context, status=error.status)
    _attach(context["form"], error)
    context["rows"] = coediting.rows_of(context["form"], context["brief"])
    return _render_edit(request, context, status=error.status)


def _posted_over_stored(request: HttpRequest, brief: Brief) -> dict[str, Any]:
    """The stored brief with whatever fields the POST carried written over it."""
    names = {"title", *(f"q_{q['key']}" for q in brief.questions)}
    posted = {name: request.POST[name] for name in names if name in request.POST}
    return {**_initial(brief), **posted}


def _sent_meanwhile(request: HttpRequest, brief: Brief, status: int) -> HttpResponse:
    """A save that does not say which version it edited is not a version: show the whole
    brief, the text just typed over the stored answers, to review and save."""
    form = BriefAnswersForm(
        initial=_posted_over_stored(request, brief),
        questions=brief.questions,
        approvers=_approvers(brief),
        with_title=True,
    )
    context = {"brief": brief, "form": form, "changing": True, "problem": SENT_MEANWHILE}
    return _render_edit(request, context, status)


def _changes(request: HttpRequest, brief: Brief) -> HttpResponse:
    """A submitted brief, all on one page: saving it writes the next version."""
    user = me(request)
    if request.method == "POST" and "base_version" not in request.POST:
        # One step of the draft, posted after the brief was sent: its fields alone would
        # blank every other answer.
        return _sent_meanwhile(request, brief, status=409)
    replan = is_change_of_plan(brief)
    form = BriefAnswersForm(
        request.POST or None,
        initial=_initial(brief),
        questions=brief.questions,
        approvers=_approvers(brief),
        with_title=True,
        with_reason=replan,
    )
    context: dict[str, Any] = {"brief": brief, "form": form, "changing": True, "replan": replan}
    if request.method == "GET" or not form.is_valid():
        return _render_edit(request, context, 200 if request.method == "GET" else 422)
    before = brief.current_version.number if brief.current_version else 0
    if form.cleaned_data["base_version"] is None:
        return _sent_meanwhile(request, brief, status=422)
    show_errors_on(request, lambda error: _changes_refused(request, context, error))
    brief = services.save_answers(
        by=user,
        brief=brief,
        answers=form.answers(),
        title=form.cleaned_data["title"],
        base_version=form.cleaned_data["base_version"],
        reason=form.cleaned_data.get("reason"),
    )
    after = brief.current_version.number if brief.current_version else 0
    if after == before:
        messages.info(request, "Nothing changed, so no new version was written.")
    else:
        messages.success(request, f"Saved as version {after}.")
    return redirect(brief.get_absolute_url())


def _changes_refused(
    request: HttpRequest, context: dict[str, Any], error: DomainError
) -> HttpResponse:
    """A stale save shows what changed since; any other refusal shows next to its field."""
    if isinstance(error, StaleBrief):
        context.update(stale=approvers.named_stale(error, context["brief"].questions))
    else:
        _attach(context["form"], error)
    return _render_edit(request, context, status=error.status)


AUTOSAVE_PAGE = re.compile(r"[A-Za-z0-9_-]{8,32}")


def new_autosave_page() -> str:
    """A name for one load of an editing page, under which its autosaves are numbered."""
    return secrets.token_urlsafe(9)


def _autosave_of(request: HttpRequest) -> Autosave | None:
    """The page and place in its sequence an autosave says it has (the page's script numbers
    them); None from a client that doesn't say, whose saves then simply apply in turn."""
    page = request.POST.get("autosave_page", "")
    seq = int_param(request.POST.get("autosave_seq"))
    if seq is None or not AUTOSAVE_PAGE.fullmatch(page):
        return None
    return Autosave(page=page, seq=seq)


@login_required
@require_POST
def brief_autosave(request: HttpRequest, brief_id: int) -> HttpResponse:
    """Save a draft step as the person types; answers a small status and the new score."""
    user = me(request)
    brief = access.brief_for(user, brief_id, "edit")
    template = "intake/_autosave_status.html"
    if brief.status != S.DRAFT:
        message = (
            "This brief has been sent, so it no longer saves as you type: "
            "use Save changes to write a new version."
        )
        return render(request, template, {"problem": message}, status=409)
    questions = [q for q in brief.questions if f"q_{q['key']}" in request.POST]
    form = BriefAnswersForm(
        request.POST,
        questions=questions,
        approvers=_approvers(brief),
        with_title="title" in request.POST,
    )
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else ""
        problem = f"{label}: {errors[0]}" if label else str(errors[0])
        return render(request, template, {"problem": f"Not saved. {problem}"}, status=422)
    edit = coediting.edit_of(request, form)
    show_errors_on(request, lambda error: _autosave_refused(request, template, edit, error))
    brief = services.save_answers(
        by=user,
        brief=brief,
        answers=edit.answers,
        title=edit.title,
        only_draft=True,
        autosave=_autosave_of(request),
        bases=edit.bases,
        title_base=edit.title_base,
    )
    context = {
        "saved_at": timezone.localtime(),
        "completeness": _completeness(brief),
        "bases": coediting.new_bases(request, brief, edit, []),
        "oob": True,
    }
    return render(request, template, context)


def _autosave_refused(
    request: HttpRequest, template: str, edit: coediting.Edit, error: DomainError
) -> HttpResponse:
    """A conflict comes back with both versions (the other fields were saved, their new bases
    with it); any other refusal as a short status."""
    if isinstance(error, EditConflict):
        context = {
            "problem": error.message,
            "conflicts": coediting.shown_conflicts(error.brief, error.conflicts),
            "bases": coediting.new_bases(request, error.brief, edit, error.conflicts),
            "completeness": _completeness(error.brief),
            "oob": True,
        }
        return render(request, template, context, status=error.status)
    return render(
        request, template, {"problem": f"Not saved. {error.message}"}, status=error.status
    )


@login_required
@require_POST
def brief_submit(request: HttpRequest, brief_id: int) -> HttpResponse:
    """Send the draft to the agency; answers typed on the review step are saved first."""
    user = me(request)
    brief = access.brief_for(user, brief_id, "edit")
    if brief.status != S.DRAFT:
        # A second click or a resent form: the brief went already, and a save now would
        # write a version nobody meant to.
        message = f"This brief was already sent; it is {brief.get_status_display().lower()}."
        return brief_page(request, brief, error=message, status=409)
    show_errors_on(request, lambda error: _submit_refused(request, brief, error))
    questions = [q for q in brief.questions if f"q_{q['key']}" in request.POST]
    if questions:
        form = BriefAnswersForm(request.POST, questions=questions, approvers=_approvers(brief))
        if not form.is_valid():
            return review_page(request, brief, data=request.POST, status=422)
        edit = coediting.edit_of(request, form)
        brief = services.save_answers(
            by=user, brief=brief, answers=edit.answers, only_draft=True, bases=edit.bases
        )
    brief = services.submit_brief(by=user, brief=brief)
    messages.success(request, "The brief is sent. We'll come back to you with any questions.")
    return redirect(brief.get_absolute_url())


def _submit_refused(request: HttpRequest, brief: Brief, error: DomainError) -> HttpResponse:
    """A brief that moved on shows on its page; answers missing, refused or changed by
    someone else meanwhile, on the review."""
    if isinstance(error, IllegalTransition):
        return brief_page(request, brief, error=error.message, status=error.status)
    if isinstance(error, EditConflict):
        return review_page(
            request,
            error.brief,
            data=request.POST,
            error=error.message,
            conflicts=error.conflicts,
            status=error.status,
        )
    missing = error.keys if isinstance(error, MissingAnswers) else None
    return review_page(
        request, brief, data=request.POST, missing=missing, error=error.message, status=error.status
    )
