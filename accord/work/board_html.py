"""The board's cards as HTML, built in Python: a board holds up to hundreds of cards, each with
its own little form (the keyboard's way to move it), and the template engine would spend most
of a request on them. Every value is escaped here."""

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe

from accord.work.overview import Card


def _meta(card: Card) -> str:
    parts = [f"<span>{escape(card.who or 'Nobody yet')}</span>"]
    if card.due_on:
        parts.append(
            f'<time datetime="{card.due_on.isoformat()}">due {card.due_on.day} '
            f"{card.due_on.strftime('%b')}</time>"
        )
    if card.late:
        parts.append('<strong class="board-card__late">Late</strong>')
    if card.hours:
        parts.append(f"{card.hours} h")
    return " · ".join(parts)


def _form(card: Card, csrf_token: str, title: str) -> str:
    ref = f"{card.kind}-{card.id}"
    options = "".join(f'<option value="{s}">{escape(label)}</option>' for s, label in card.moves)
    reason = ""
    if card.may_block:
        reason = (
            f'<label for="reason-{card.id}" class="visually-hidden">Why it is blocked (if you '
            f'block it)</label><input id="reason-{card.id}" name="reason" maxlength="300" '
            'placeholder="Reason, if blocked">'
        )
    return (
        f'<form method="post" action="{escape(card.move_url)}" class="board-card__move">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
        f'<input type="hidden" name="base_status" value="{card.status}">'
        f'<label for="to-{ref}" class="visually-hidden">Move “{title}” to</label>'
        f'<select id="to-{ref}" name="to">{options}</select>{reason}'
        '<button type="submit" class="button button--secondary button--small">Move'
        f'<span class="visually-hidden"> “{title}”</span></button></form>'
    )


def card(card: Card, csrf_token: str) -> str:
    title = escape(card.title)
    classes = "board-card"
    if card.late:
        classes += " board-card--late"
    if card.moves:
        classes += " board-card--movable"
    moves = "".join(f"{s} " for s, _ in card.moves)
    reason = (
        f'<p class="board-card__reason">Blocked: {escape(card.blocked_reason)}</p>'
        if card.blocked_reason
        else ""
    )
    form = _form(card, csrf_token, title) if card.moves else ""
    return (
        f'<li class="{classes}" id="{card.kind}-{card.id}" data-card data-kind="{card.kind}" '
        f'data-status="{card.status}" data-url="{escape(card.move_url)}" data-moves="{moves}" '
        f'data-title="{title}"><p class="board-card__title">{title}</p>'
        f'<p class="board-card__meta">{_meta(card)}</p>{reason}{form}</li>'
    )


def cards(items: Iterable[Card], csrf_token: str) -> SafeString:
    return mark_safe("".join(card(c, csrf_token) for c in items))  # noqa: S308 (escaped above)
