"""The comment threads of a version, written in Python: a version may carry hundreds of comments,
and a template per row (with its filters, localised numbers and a form each) was most of the
review page's time. Every value is escaped here."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

AGENCY_ONLY = ' <span class="badge badge--muted">Agency only</span>'


def _when(moment: datetime, zone: Any) -> str:
    return f"{moment.astimezone(zone):%-d %b, %H:%M}"


def _body(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _anchor(c: Any) -> str:
    if c.anchor == "point":
        return f' <span class="muted">· page {c.page}</span>'
    if c.anchor == "moment":
        at = f"{c.at_seconds}"
        return f' <button type="button" class="link-button" data-seek="{at}">at {at} s</button>'
    if c.anchor == "range":
        return f' <span class="muted">· “{escape(c.quote)}”</span>'
    return ""


def _place(c: Any) -> str:
    if c.anchor == "point":
        return f' data-page="{c.page}" data-x="{c.x}" data-y="{c.y}"'
    if c.anchor == "moment":
        return f' data-at="{c.at_seconds}"'
    return ""


def threads_html(
    threads: Iterable[Any], *, managing: bool, csrf_input: str, reply_url: str
) -> SafeString:
    """Each thread: its number, author, time, audience (to the agency), anchor, state, body and
    replies; a Reply link (to the page's one comment form, set to answer it) and, for those who
    may, a Resolve or Reopen button."""
    out: list[str] = []
    zone = timezone.get_current_timezone()
    for thread in threads:
        c = thread.comment
        resolved = c.resolved_at is not None
        internal = AGENCY_ONLY if managing and c.audience == "internal" else ""
        state = ' <span class="badge badge--success">Resolved</span>' if resolved else ""
        out.append(
            f'<li class="review-thread{" review-thread--resolved" if resolved else ""}" '
            f'id="comment-{c.pk}" data-comment="{thread.number}"{_place(c)}>'
            f'<p class="review-thread__head"><span class="review-pin-number" aria-hidden="true">'
            f"{thread.number}</span> <strong>{escape(c.who)}</strong> "
            f'<span class="muted">{_when(c.created_at, zone)}</span>'
            f"{internal}{_anchor(c)}{state}</p>"
            f'<p class="review-thread__body">{_body(c.body)}</p>'
        )
        for r in thread.replies:
            inner = AGENCY_ONLY if managing and r.audience == "internal" else ""
            out.append(
                f'<div class="review-reply" id="comment-{r.pk}"><p class="review-thread__head">'
                f"<strong>{escape(r.who)}</strong> "
                f'<span class="muted">{_when(r.created_at, zone)}</span>{inner}</p>'
                f"<p>{_body(r.body)}</p></div>"
            )
        out.append(
            f'<p class="review-thread__actions"><a href="{reply_url}{c.pk}#comment-form" '
            f'data-reply="{c.pk}" data-reply-number="{thread.number}" '
            f'data-reply-audience="{c.audience}">Reply</a>'
        )
        if c.resolve_url:
            flip, label = ("0", "Reopen") if resolved else ("1", "Resolve")
            out.append(
                f' <form method="post" action="{c.resolve_url}" class="review-thread__resolve">'
                f'{csrf_input}<input type="hidden" name="base_revision" value="{c.revision}">'
                f'<input type="hidden" name="resolved" value="{flip}">'
                f'<button type="submit" class="button button--secondary button--small">{label}'
                "</button></form>"
            )
        out.append("</p></li>")
    return mark_safe("".join(out))  # noqa: S308 - every value escaped or ours
