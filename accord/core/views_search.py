"""The search page: what a person finds among what they may see, newest first."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accord.core import search
from accord.core.search import registry
from accord.core.search.terms import MAX_CHARS


def read_cursor(value: str | None) -> int | None:
    """The `before` cursor of a link; anything else is the first page."""
    return int(value) if value and value.isdigit() and len(value) < 19 else None


@login_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    kinds = {kind: source.label for kind, source in registry.sources().items()}
    kind = request.GET.get("kind", "")
    context: dict[str, Any] = {
        "text": text,
        "kind": kind if kind in kinds else "",
        "kinds": kinds,
        "kind_label": kinds.get(kind, ""),
        "max_chars": MAX_CHARS,
        "results": None,
        "error": "",
        "paged": read_cursor(request.GET.get("before")) is not None,
    }
    if not text.strip():
        return render(request, "core/search.html", context)
    try:
        context["results"] = search.search(
            request.user,
            text,
            kinds=[context["kind"]] if context["kind"] else None,
            before=read_cursor(request.GET.get("before")),
        )
    except search.BadSearch as exc:
        context["error"] = exc.message
        return render(request, "core/search.html", context, status=400)
    return render(request, "core/search.html", context)
