"""The review page of a deliverable, and the files it shows (each served after an access
check, never from a public address)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accord.core import panels
from accord.core.downloads import stored_file
from accord.core.http import int_param
from accord.core.links import url_pattern
from accord.intake.views.common import me
from accord.reviews import access, page
from accord.reviews.forms import (
    CommentForm,
    DecisionForm,
    GuestForm,
    RoundForm,
    TodoForm,
    VersionForm,
)
from accord.reviews.models import Guest, Round, Version, VersionPage
from accord.reviews.threads_html import threads_html

# Types a browser shows in place (the viewer needs them); anything else is a download. SVG and
# HTML are never among them: versions of those kinds are refused at upload.
INLINE = {
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
    "application/pdf",
    "video/mp4",
    "video/webm",
}
CACHE_PRIVATE = "private, max-age=3600"


def render_page(
    request: HttpRequest,
    deliverable_id: int,
    *,
    version_id: int | None = None,
    status: int = 200,
    error: str = "",
    forms: dict[str, Any] | None = None,
    needs_confirm: bool = False,
) -> HttpResponse:
    """The review page, with any form given in place of a blank one (kept as typed)."""
    forms = forms or {}
    user = me(request)
    deliverable = access.deliverable_for(user, deliverable_id)
    chosen = version_id or int_param(request.GET.get("version"))
    review = page.build(user, deliverable, chosen)
    version = review.version
    comment_form, replying_to = comment_form_for(request, review, forms.get("comment_form"))
    initial_round = {"version": version.pk if version else None}
    context = {
        "review": review,
        "panels": panels.page_panels("deliverable", request, deliverable),
        "deliverable": deliverable,
        "job": deliverable.job,
        "error": error,
        "version_form": forms.get("version_form")
        or VersionForm(todos=[(t.pk, t.text) for t in review.todos if not t.done_at]),
        "internal_form": forms.get("internal_form")
        or (
            RoundForm(
                people=page.staff_choices(deliverable),
                initial={
                    **initial_round,
                    "stage": Round.Stage.INTERNAL,
                    "approvers": [
                        deliverable.job.owner_id or deliverable.job.client.account_manager_id
                    ],
                },
                prefix="internal",
            )
            if review.may_ask_internal
            else None
        ),
        "client_form": forms.get("client_form")
        or (
            RoundForm(
                people=page.contact_choices(deliverable),
                initial={**initial_round, "stage": Round.Stage.CLIENT},
                prefix="client",
            )
            if review.may_send
            else None
        ),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "comment_form": comment_form,
        "replying_to": replying_to,
        "threads_html": threads_for(request, review),
        "todo_form": forms.get("todo_form") or TodoForm(comments=review.client_comments),
        "needs_confirm": needs_confirm,
        "guest_form": forms.get("guest_form") or GuestForm(),
        "guests": guest_rows(deliverable) if review.managing else [],
    }
    return render(request, "reviews/deliverable.html", context, status=status)


def comment_form_for(
    request: HttpRequest, review: page.ReviewPage, given: Any
) -> tuple[CommentForm, int | None]:
    """The page's comment form: as typed (after a refusal), or set to answer `?reply=<comment>`
    (the Reply link of a thread, which works without JavaScript)."""
    if given is not None:
        return given, None
    reply = int_param(request.GET.get("reply"))
    thread = next((t for t in review.threads if t.comment.pk == reply), None)
    if thread is None:
        # Who sees it, by default: the agency (nothing reaches the client unless chosen).
        return CommentForm(initial={"audience": "internal"}), None
    initial = {"parent": thread.comment.pk, "audience": thread.comment.audience}
    return CommentForm(initial=initial), thread.number


def threads_for(request: HttpRequest, review: page.ReviewPage) -> str:
    if review.version is None:
        return ""
    token = get_token(request)
    csrf_input = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    return threads_html(
        review.threads,
        managing=review.managing,
        csrf_input=csrf_input,
        reply_url=f"{review.page_url}?version={review.version.pk}&reply=",
    )


def guest_rows(deliverable: Any) -> list[Guest]:
    """The deliverable's guests, newest first, each with the state of their link."""
    now = timezone.now()
    revoke = url_pattern("reviews:guest_revoke", "guest_id")
    rows = list(access.guests_of(deliverable)[:50])
    for g in rows:
        g.live = g.revoked_at is None and g.expires_at > now  # type: ignore[attr-defined]
        if g.revoked_at:
            g.state = "revoked"  # type: ignore[attr-defined]
        elif not g.live:  # type: ignore[attr-defined]
            g.state = "expired"  # type: ignore[attr-defined]
        else:
            opened = "opened" if g.verified_at else "invited"
            g.state = f"{opened}, link until {timezone.localtime(g.expires_at):%-d %b}"  # type: ignore[attr-defined]
        g.revoke_url = revoke.format(g.pk)  # type: ignore[attr-defined]
    return rows


@login_required
@require_GET
def deliverable_page(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    """A deliverable's versions and their review: what the person's role lets them see."""
    return render_page(request, deliverable_id)


def serve_version_file(request: HttpRequest, version: Version) -> HttpResponseBase:
    """A version's file (from an access function), shown in place if it is an image, a PDF or
    a video, unless `?download=1`."""
    if not version.file:
        raise Http404("This version has no file.")
    inline = version.content_type in INLINE and request.GET.get("download") != "1"
    return stored_file(
        version.file,
        filename=version.original_name or f"v{version.number}",
        content_type=version.content_type or "application/octet-stream",
        as_attachment=not inline,
        cache_control=CACHE_PRIVATE,
    )


def serve_page_image(request: HttpRequest, preview: VersionPage) -> HttpResponseBase:
    """A preview page (from an access function) as a PNG, or its thumbnail with `?size=thumb`."""
    image = (
        preview.thumbnail
        if request.GET.get("size") == "thumb" and preview.thumbnail
        else preview.image
    )
    return stored_file(
        image,
        filename=f"v{preview.version.number}-page-{preview.number}.png",
        content_type="image/png",
        as_attachment=False,
        cache_control=CACHE_PRIVATE,
    )


@login_required
@require_GET
def version_file(request: HttpRequest, version_id: int) -> HttpResponseBase:
    """The version's file as uploaded: shown in place if it is an image, PDF or video."""
    return serve_version_file(request, access.version_for(me(request), version_id))


@login_required
@require_GET
def page_image(request: HttpRequest, version_id: int, number: int) -> HttpResponseBase:
    """A preview of one page of the version (PNG), or its thumbnail with `?size=thumb`."""
    return serve_page_image(request, access.page_for(me(request), version_id, number))


@login_required
@require_GET
def previews_state(request: HttpRequest, version_id: int) -> HttpResponse:
    """The viewer of a version whose previews are being made (htmx polls it until ready)."""
    version = access.version_for(me(request), version_id)
    deliverable = version.deliverable
    review = page.build(me(request), deliverable, version.pk)
    return render(request, "reviews/_viewer.html", {"review": review})
