"""How a web page answers a domain error: the one place a `DomainError` becomes a response.

Views call services and let a `DomainError` (or a stale or conflict error, its subclasses)
escape; `DomainErrorMiddleware` hands it to `error_response`. A view whose page can show the
error in place says so up front with `show_errors_on` (the page again, with what the person
typed and the message next to its field); otherwise the answer is a small page (or, for htmx,
a fragment) with the message. The status is the error's own: 422 invalid, 409 conflict, 403
not allowed — the same the API answers for the same situation.
"""

from collections.abc import Callable

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from accord.core.errors import DomainError
from accord.core.forms import attach_error

ErrorPage = Callable[[DomainError], HttpResponse]
_PAGE = "accord_error_page"


def show_errors_on(request: HttpRequest, page: ErrorPage) -> None:
    """Answer a DomainError raised while handling `request` with `page(error)`."""
    setattr(request, _PAGE, page)


def show_errors_in_form(
    request: HttpRequest, form: forms.BaseForm, page: Callable[[int], HttpResponse]
) -> None:
    """Answer a DomainError by putting it on `form` (next to its field if it has one) and
    rendering `page(status)` again, so the person keeps what they typed."""

    def answer(error: DomainError) -> HttpResponse:
        attach_error(form, error)
        return page(error.status)

    show_errors_on(request, answer)


def error_response(request: HttpRequest, error: DomainError) -> HttpResponse:
    """The page's answer to `error`: the page the view named, else the message on its own."""
    page: ErrorPage | None = getattr(request, _PAGE, None)
    if page is not None:
        return page(error)
    context = {"message": error.message, "status": error.status, "back": _back(request)}
    if getattr(request, "htmx", False):
        return render(request, "core/_problem.html", context, status=error.status)
    return render(request, "core/problem.html", context, status=error.status)


def _back(request: HttpRequest) -> str:
    """The page the person came from, if it is one of ours, to go back to."""
    referer = request.headers.get("Referer", "")
    allowed = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if referer and allowed else ""
