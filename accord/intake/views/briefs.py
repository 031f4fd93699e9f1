"""Briefs: the list, starting one, the brief page and the AM's moves on it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accord.clients import queries as client_queries
from accord.core import compose, panels, policy
from accord.core.errors import DomainError
from accord.core.http import int_param
from accord.core.pages import show_errors_in_form, show_errors_on
from accord.core.pagination import paginate
from accord.intake import access, coach, pdf, queries, services
from accord.intake.forms import (
    AnswerForm,
    ApplyAnswerForm,
    AskForm,
    BriefFilterForm,
    CancelForm,
    NotesForm,
    StartBriefForm,
)
from accord.intake.models import Brief, ClarifyingQuestion, WaitingOn
from accord.intake.services.briefs import OPEN_STATUSES
from accord.intake.services.clarifications import AnswerOverwrite
from accord.intake.services.signoff import current_sign_off
from accord.intake.views.common import (
    HtmxHttpRequest,
    asks_internal,
    client_picker,
    me,
    sections_of,
)

S = Brief.Status
VERSIONS_SHOWN = 10


@login_required
def brief_list(request: HtmxHttpRequest) -> HttpResponse:
    user = me(request)
    clients = client_queries.visible_to(user).order_by("name")
    filters = BriefFilterForm(request.GET or None, clients=clients)
    criteria = filters.criteria()
    items = queries.briefs_of(user, **criteria, sort=filters.sort_by())
    context = {
        "filters": filters,
        "page": paginate(request, items),
        "filtered": any(criteria.values()),
        "can_start": not policy.is_creative(user) and access.clients_for_intake(user).exists(),
    }
    if request.htmx:
        return render(request, "intake/_brief_table.html", context)
    return render(request, "intake/brief_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def brief_create(request: HttpRequest) -> HttpResponse:
    user = me(request)
    clients = access.clients_for_intake(user).order_by("name")
    takes_work = clients.exists()
    refusal = "Only the account manager and the client's contacts start briefs."
    if not takes_work and request.method != "POST":
        access.refuse_intake(user, refusal)
    templates = access.templates_for(user).filter(is_active=True)
    source = None
    initial: dict[str, Any] = {"client": request.GET.get("client") or None}
    raw_request = request.POST.get("request") or request.GET.get("request")
    if raw_request:
        if (request_id := int_param(raw_request)) is None:
            raise Http404("No such request.")
        source = access.request_for(user, request_id, "brief")
        initial = {"client": source.client_id, "request": source.pk, "title": source.title}
    form = StartBriefForm(
        request.POST or None,
        initial=initial,
        clients=clients,
        templates=templates,
        staff=not policy.is_contact(user),
    )
    context = {"form": form, "templates": list(templates), "source": source}
    if request.method == "GET":
        if form.many_clients and not source and not initial["client"]:
            context["picker"] = client_picker(request, clients)
        return render(request, "intake/brief_create.html", context)
    show_errors_in_form(
        request,
        form,
        lambda status: render(request, "intake/brief_create.html", context, status=status),
    )
    if not takes_work:  # archived while the person typed: the form again, with their words
        access.refuse_intake(user, refusal)
    if form.is_valid():
        client = access.client_for_intake(user, form.cleaned_data["client"].pk)
        template = access.template_for(user, form.cleaned_data["template"].pk)
        brief = services.start_brief(
            by=user,
            client=client,
            template=template,
            title=form.cleaned_data["title"],
            request=source,
            filled_by=form.cleaned_data.get("filled_by") or "client",
        )
        messages.success(request, _started_message(user, brief))
        return redirect("intake:brief_edit", brief_id=brief.pk)
    return render(request, "intake/brief_create.html", context, status=422)


def _started_message(user: Any, brief: Brief) -> str:
    if policy.is_contact(user):
        return "The brief is started. It saves as you type."
    if brief.waiting_on == WaitingOn.CLIENT:
        return (
            f"The brief is started and {brief.client.name} is emailed to fill it in. "
            "You can add what you know here; it saves as you type."
        )
    return "The brief is started and it's yours to write. It saves as you type."


def brief_page(
    request: HttpRequest,
    brief: Brief,
    *,
    error: str = "",
    status: int = 200,
    ask_form: AskForm | None = None,
    notes_form: NotesForm | None = None,
    apply_refused: dict[str, Any] | None = None,
) -> HttpResponse:
    """The brief as its reader may see it, with the moves open to them."""
    user = me(request)
    actions: tuple[access.BriefAction, ...] = (
        "edit",
        "answer",
        "sign_off",
        "request_changes",
        "view_internal",
        "edit_internal",
        "propose",
    )
    may = {action: access.may_brief(user, brief, action) for action in actions}
    job = None
    if brief.status == S.CONVERTED:
        try:
            job = brief.job
        except ObjectDoesNotExist:
            job = None
    context = {
        "brief": brief,
        "may": may,
        "error": error,
        "sections": sections_of(brief.questions, brief.answers, currency=brief.client.currency),
        "completeness": coach.of_brief(brief, today=timezone.localdate()),
        "clarifications": _with_field_labels(
            brief, list(brief.clarifications.select_related("asked_by", "answered_by"))
        ),
        "apply_refused": apply_refused,
        # The newest few, without their content; the versions page compares any two of them all.
        "versions": list(
            brief.versions.select_related("created_by")
            .defer("questions", "answers")
            .order_by("-number")[:VERSIONS_SHOWN]
        ),
        "signed": current_sign_off(brief),
        "replanned": _changed_since_sign_off(brief),
        "changes_request": _changes_request(brief) if may["view_internal"] else None,
        "ask_form": ask_form or AskForm(questions=brief.questions),
        "notes_form": notes_form or NotesForm(initial={"notes": brief.internal_notes}),
        "is_open": brief.status in OPEN_STATUSES,
        "job": job,
        "files": queries.files_of_brief(user, brief),
        # Creatives read the brief, never the request it came from: no link that would 404.
        "may_see_request": brief.request_id is not None
        and access.visible_requests(user).filter(pk=brief.request_id).exists(),
        "panels": panels.page_panels("brief", request, brief),
    }
    return render(request, "intake/brief_detail.html", context, status=status)


def _with_field_labels(brief: Brief, questions: list[ClarifyingQuestion]) -> list[Any]:
    """Each question with the label of the brief field it is about (`field_label`), if any."""
    labels = {q["key"]: q["label"] for q in brief.questions}
    for question in questions:
        question.field_label = labels.get(question.field_key, "")  # type: ignore[attr-defined]
    return questions


def _changes_request(brief: Brief) -> Any:
    """The client's request for changes that no new version has taken in yet, if any."""
    if brief.status != S.SUBMITTED:
        return None
    asked = queries.latest_changes_request(brief)
    version = brief.current_version
    if asked is None or (version is not None and version.created_at >= asked.created_at):
        return None
    return asked


def _changed_since_sign_off(brief: Brief) -> tuple[int, int] | None:
    """(signed version, current version) of a brief in work changed since its sign-off."""
    if brief.status != S.CONVERTED or brief.current_version is None:
        return None
    signed = brief.sign_offs.select_related("version").order_by("-signed_at", "-pk").first()
    if signed is None or signed.version_id == brief.current_version_id:
        return None
    return signed.version.number, brief.current_version.number


@login_required
def brief_detail(request: HttpRequest, brief_id: int) -> HttpResponse:
    return brief_page(request, access.brief_for(me(request), brief_id))


@login_required
@require_POST
def brief_ask(request: HttpRequest, brief_id: int) -> HttpResponse:
    user = me(request)
    brief = access.brief_for(user, brief_id, "ask")
    form = AskForm(request.POST, questions=brief.questions)
    show_errors_in_form(
        request, form, lambda status: brief_page(request, brief, ask_form=form, status=status)
    )
    if form.is_valid():
        question = services.ask_question(
            by=user,
            brief=brief,
            text=form.cleaned_data["text"],
            field_key=form.cleaned_data["field_key"],
        )
        compose.sent(request, "question", question, question.text)
        messages.success(request, "Your question is sent; the client is emailed.")
        return redirect(f"{brief.get_absolute_url()}#questions")
    return brief_page(request, brief, ask_form=form, status=422)


@login_required
@require_POST
def brief_notes(request: HttpRequest, brief_id: int) -> HttpResponse:
    """The agency's internal notes on the brief; the client never sees them."""
    user = me(request)
    brief = access.brief_for(user, brief_id, "edit_internal")
    form = NotesForm(request.POST)
    show_errors_in_form(
        request, form, lambda status: brief_page(request, brief, notes_form=form, status=status)
    )
    if form.is_valid():
        services.save_internal_notes(by=user, brief=brief, notes=form.cleaned_data["notes"])
        messages.success(request, "The internal notes are saved.")
        return redirect(f"{brief.get_absolute_url()}#notes")
    return brief_page(request, brief, notes_form=form, status=422)


@login_required
@require_POST
def question_answer(request: HtmxHttpRequest, question_id: int) -> HttpResponse:
    user = me(request)
    question = access.question_for(user, question_id, "answer")
    form = AnswerForm(request.POST)
    show_errors_in_form(
        request, form, lambda status: _answer_again(request, question, form, status)
    )
    if form.is_valid():
        question = services.answer_question(
            by=user, question=question, answer=form.cleaned_data["answer"]
        )
        if request.htmx:
            question = ClarifyingQuestion.objects.select_related("asked_by", "answered_by").get(
                pk=question.pk
            )
            # The answered item, and the page's header: the ball may have changed court.
            brief = access.brief_for(user, question.brief_id)
            context = {"question": question, "brief": brief}
            return HttpResponse(
                render_to_string("intake/_question.html", context, request)
                + render_to_string("intake/_brief_header_oob.html", context, request)
            )
        messages.success(request, "Thank you: your answer is sent.")
        return redirect(f"{reverse('intake:brief_detail', args=[question.brief_id])}#questions")
    return _answer_again(request, question, form, 422)


def _answer_again(
    request: HtmxHttpRequest, question: ClarifyingQuestion, form: AnswerForm, status: int
) -> HttpResponse:
    """The answer as typed with why it was refused: in place for htmx, else on the brief."""
    if request.htmx:
        context = {"question": question, "answer_form": form, "can_answer": True}
        return render(request, "intake/_question.html", context, status=status)
    brief = access.brief_for(me(request), question.brief_id)
    return brief_page(request, brief, error=_first_error(form), status=status)


def _first_error(form: Any) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return "Please check what you wrote."


def show_errors_on_brief(request: HttpRequest, brief: Brief) -> None:
    """A refused move on the brief shows why at the top of the brief's page."""
    show_errors_on(
        request, lambda error: brief_page(request, brief, error=error.message, status=error.status)
    )


def _move(request: HttpRequest, brief: Brief, done: str, move: Any) -> HttpResponse:
    show_errors_on_brief(request, brief)
    move()
    messages.success(request, done)
    return redirect(brief.get_absolute_url())


@login_required
@require_POST
def brief_propose(request: HttpRequest, brief_id: int) -> HttpResponse:
    user = me(request)
    brief = access.brief_for(user, brief_id, "propose")
    return _move(
        request,
        brief,
        "The brief is sent for sign-off; the client's approvers are emailed.",
        lambda: services.propose_for_sign_off(by=user, brief=brief),
    )


@login_required
@require_POST
def brief_cancel(request: HttpRequest, brief_id: int) -> HttpResponse:
    user = me(request)
    brief = access.brief_for(user, brief_id, "cancel")
    form = CancelForm(request.POST)
    if not form.is_valid():  # the reason the client would read: not cancelled without it
        field, errors = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else ""
        problem = f"{label}: {errors[0]}" if label else str(errors[0])
        return brief_page(request, brief, error=f"Not cancelled. {problem}", status=422)
    reason = form.cleaned_data["reason"]
    return _move(
        request,
        brief,
        "The brief is cancelled.",
        lambda: services.cancel_brief(by=user, brief=brief, reason=reason),
    )


@login_required
def brief_print(request: HttpRequest, brief_id: int) -> HttpResponse:
    user = me(request)
    brief = access.brief_for(user, brief_id)
    # The notes only when asked for, and only to staff: anyone else gets the client's version.
    internal = asks_internal(request) and access.may_brief(user, brief, "view_internal")
    return HttpResponse(pdf.render_print_html(brief=brief, show_internal=internal))


@login_required
@require_POST
def question_apply(request: HttpRequest, question_id: int) -> HttpResponse:
    """The client's answer becomes the answer of the field it is about, in one click; over a
    change made since, only once the account manager confirms."""
    user = me(request)
    question = access.question_for(user, question_id, "propose")
    brief = access.brief_for(user, question.brief_id, "propose")
    form = ApplyAnswerForm(request.POST)
    form.is_valid()  # both fields optional: a bad value reads as not given
    data = form.cleaned_data

    def refused(error: DomainError) -> HttpResponse:
        context = {"question": question.pk, "message": error.message, "reason": data.get("reason")}
        context["confirm"] = isinstance(error, AnswerOverwrite)
        return brief_page(request, brief, apply_refused=context, status=error.status)

    show_errors_on(request, refused)
    question = services.apply_answer(
        by=user, question=question, confirm=bool(data.get("confirm")), reason=data.get("reason")
    )
    where = f" as version {question.applied_version}" if question.applied_version else ""
    messages.success(request, f"The answer is applied to the brief{where}. You can still edit it.")
    return redirect(f"{brief.get_absolute_url()}#question-{question.pk}")
