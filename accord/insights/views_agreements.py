"""What was agreed, per client: the record (page and PDF), and meeting notes — recording them,
reading them, and the client's confirmation or correction."""

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.clients.models import Client
from accord.conversations import markdown
from accord.conversations.models import Message
from accord.core import policy
from accord.core.errors import DomainError
from accord.core.links import url_pattern
from accord.core.pages import show_errors_in_form, show_errors_on
from accord.core.pagination import paginate, query_without_page
from accord.insights import access_agreements as access
from accord.insights import pdf_agreements, queries_agreements, search_agreements
from accord.insights.forms_agreements import ConfirmForm, CorrectForm, NoteForm, RecordFilter
from accord.insights.models import AgreementsPdf, MeetingNote
from accord.insights.services import agreements_pdf, notes
from accord.intake.services import pdf_jobs
from accord.intake.views.common import HtmxHttpRequest, me

PER_PAGE = 20
SHOWN_IN_PROGRESS = 10


def notes_base() -> str:
    """The address of notes without their id (`{{ notes_base }}{{ n.pk }}/` in lists)."""
    return url_pattern("insights:note", "note_id").removesuffix("{}/")


@login_required
@require_GET
def agreed(request: HttpRequest, client_id: int) -> HttpResponse:
    """A client's record of everything agreed, newest first, searchable."""
    client = access.client_for(me(request), client_id)
    filters = RecordFilter(request.GET)
    chosen = filters.filters()
    page = paginate(request, queries_agreements.record_of(client, **chosen), PER_PAGE)
    entries = queries_agreements.shown(list(page.object_list))
    queries_agreements.with_sources(entries, search_agreements.source_urls())
    in_progress = list(queries_agreements.notes_in_progress(client)[: SHOWN_IN_PROGRESS + 1])
    query = query_without_page(request)
    context = {
        "client": client,
        "filters": filters,
        "chosen": chosen,
        "page": page,
        "query": query,
        "pdf_url": reverse("insights:agreed_pdf", args=[client.pk])
        + (f"?{query}" if query else ""),
        "in_progress": in_progress[:SHOWN_IN_PROGRESS],
        "more_in_progress": len(in_progress) > SHOWN_IN_PROGRESS,
        "managing": client.managing,  # type: ignore[attr-defined]
        "is_contact": policy.is_contact(me(request)),
        "notes_base": notes_base(),
    }
    return render(request, "insights/agreements/record.html", context)


@login_required
@require_GET
def agreed_pdf(request: HtmxHttpRequest, client_id: int) -> HttpResponseBase:
    """The same record as a PDF (at most 200 entries, each with its full SHA-256), made by the
    worker: the file when it is ready; until then (202) a page that asks again by itself. From
    htmx, the status alone: still preparing, the link, or why it failed (a 200, which htmx
    swaps in, ending the polling)."""
    client = access.client_for(me(request), client_id)
    made = agreements_pdf.requested_pdf(client=client, **RecordFilter(request.GET).filters())
    if made.state == AgreementsPdf.State.READY and not request.htmx:
        return pdf_agreements.served(made)
    query = query_without_page(request)
    again = f"?{query}" if query else ""
    context = {
        "client": client,
        "made": made,
        "pdf_url": reverse("insights:agreed_pdf", args=[client.pk]) + again,
        "back_url": reverse("insights:agreed", args=[client.pk]) + again,
        "back_label": "Back to what was agreed",
        "meanwhile": "the record of what was agreed works meanwhile",
        **pdf_jobs.waiting(made),
    }
    preparing = made.state == AgreementsPdf.State.PREPARING
    if request.htmx:
        status = 202 if preparing else 200
        return render(request, "intake/_pdf_status.html", context, status=status)
    response = render(
        request, "insights/agreements/pdf.html", context, status=202 if preparing else 503
    )
    if preparing:
        response["Retry-After"] = str(context["retry_after"])
    return response


def _note_form_page(
    request: HttpRequest, *, client: Client, form: NoteForm, note: MeetingNote | None, status: int
) -> HttpResponse:
    context = {"client": client, "form": form, "note": note}
    return render(request, "insights/notes/record.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def note_new(request: HttpRequest, client_id: int) -> HttpResponse:
    """The account manager records the notes of a meeting, to put them to the client."""
    user = me(request)
    client = access.client_for(user, client_id, "record")
    if request.method == "GET":
        form = NoteForm()
        return _note_form_page(request, client=client, form=form, note=None, status=200)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _note_form_page(request, client=client, form=form, note=None, status=422)
    show_errors_in_form(
        request,
        form,
        lambda status: _note_form_page(request, client=client, form=form, note=None, status=status),
    )
    note = notes.record_note(by=user, client=client, **form.cleaned_data)
    flash.success(request, "The notes are on their way to the client to confirm.")
    return redirect(notes.note_url(note.pk))


def _note_page(
    request: HttpRequest, note: MeetingNote, *, status: int = 200, **extra: Any
) -> HttpResponse:
    user = me(request)
    refusal = notes.answer_refusal(user, note)
    awaiting = note.status == MeetingNote.Status.AWAITING
    revisions = queries_agreements.revisions_of(note)
    open_ = note.status in (MeetingNote.Status.AWAITING, MeetingNote.Status.CORRECTED)
    context = {
        "note": note,
        "client": note.client,
        "managing": note.managing,  # type: ignore[attr-defined]
        "is_contact": policy.is_contact(user),
        "may_answer": awaiting and refusal is None,
        "refusal": refusal if policy.is_contact(user) and awaiting else None,
        "confirm_form": extra.get("confirm_form") or ConfirmForm(initial={"sha256": note.sha256}),
        "correct_form": extra.get("correct_form") or CorrectForm(),
        "agreement": queries_agreements.agreement_of(note),
        "error": extra.get("error"),
        "body_html": markdown.render(note.body).html,
        "may_revise": note.managing and open_ and revisions["replaced_by"] is None,  # type: ignore[attr-defined]
        **revisions,
    }
    return render(request, "insights/notes/note.html", context, status=status)


@login_required
@require_GET
def note_page(request: HttpRequest, note_id: int) -> HttpResponse:
    return _note_page(request, access.note_for(me(request), note_id))


def _answer_errors(request: HttpRequest, note: MeetingNote, **forms: Any) -> None:
    """A refused answer shows the notes again as they are now, with why."""

    def page(error: DomainError) -> HttpResponse:
        fresh = access.note_for(me(request), note.pk)
        return _note_page(request, fresh, status=error.status, error=error.message, **forms)

    show_errors_on(request, page)


@login_required
@require_POST
def note_confirm(request: HttpRequest, note_id: int) -> HttpResponse:
    """One of the client's approvers or reviewers confirms the notes they read."""
    user = me(request)
    note = access.note_for(user, note_id)
    form = ConfirmForm(request.POST)
    _answer_errors(request, note)
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _note_page(request, note, status=422, error=error)
    notes.confirm(by=user, note=note, sha256=form.cleaned_data["sha256"], via=Message.Via.WEB)
    flash.success(request, "Thank you: the notes are confirmed, and part of what was agreed.")
    return redirect(notes.note_url(note.pk))


@login_required
@require_POST
def note_correct(request: HttpRequest, note_id: int) -> HttpResponse:
    """One of the client's approvers or reviewers says what to correct."""
    user = me(request)
    note = access.note_for(user, note_id)
    form = CorrectForm(request.POST)
    _answer_errors(request, note, correct_form=form)
    if not form.is_valid():
        return _note_page(request, note, status=422, correct_form=form)
    notes.correct(by=user, note=note, text=form.cleaned_data["text"], via=Message.Via.WEB)
    flash.success(request, "Thank you: your correction is with the account manager.")
    return redirect(notes.note_url(note.pk))


@login_required
@require_POST
def note_withdraw(request: HttpRequest, note_id: int) -> HttpResponse:
    user = me(request)
    note = access.note_for(user, note_id, "manage")
    _answer_errors(request, note)
    notes.withdraw(by=user, note=note, via=Message.Via.WEB)
    flash.success(
        request, "The notes are withdrawn; the client is told there is nothing to confirm."
    )
    return redirect(notes.note_url(note.pk))


@login_required
@require_http_methods(["GET", "POST"])
def note_revise(request: HttpRequest, note_id: int) -> HttpResponse:
    """The account manager records corrected notes in place of these."""
    user = me(request)
    note = access.note_for(user, note_id, "manage")
    notes.ensure_revisable(note)
    if request.method == "GET":
        form = NoteForm(initial=NoteForm.initial_from(note))
        return _note_form_page(request, client=note.client, form=form, note=note, status=200)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _note_form_page(request, client=note.client, form=form, note=note, status=422)
    show_errors_in_form(
        request,
        form,
        lambda status: _note_form_page(
            request, client=note.client, form=form, note=note, status=status
        ),
    )
    fresh = notes.revise(by=user, note=note, **form.cleaned_data)
    flash.success(request, "The revised notes are on their way to the client to confirm.")
    return redirect(notes.note_url(fresh.pk))
