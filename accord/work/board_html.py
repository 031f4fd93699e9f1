"""The board's cards as HTML, built in Python: a board holds up to hundreds of cards, each with
its own little form (the keyboard's way to move it) and a task's link to its page, and the
template engine would spend most of a request on them. Every value is escaped here."""

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe

from accord.core.links import url_pattern
from accord.work import rules
from accord.work.overview import Card

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Cards:
    """Writes one board's cards; what many cards share (a list of moves, the CSRF token) is
    written once."""

    def __init__(self, csrf_token: str) -> None:
        self.csrf = escape(csrf_token)
        self.task_page = url_pattern("work:task_detail", "task_id")
        self._options: dict[int, tuple[str, str, bool]] = {}

    def _moves(self, card: Card) -> tuple[str, str, bool]:
        """(data-moves, <option>s, may block) of the card's list of moves (shared by cards)."""
        key = id(card.moves)
        if key not in self._options:
            self._options[key] = (
                "".join(f"{s} " for s, _ in card.moves),
                "".join(f'<option value="{s}">{escape(label)}</option>' for s, label in card.moves),
                card.kind == "task" and any(s == rules.BLOCKED for s, _ in card.moves),
            )
        return self._options[key]

    def _form(self, card: Card, title: str, url: str, options: str, may_block: bool) -> str:
        ref = f"{card.kind}-{card.id}"
        reason = ""
        if may_block:
            reason = (
                f'<label for="reason-{card.id}" class="visually-hidden">Why it is blocked (if '
                f'you block it)</label><input id="reason-{card.id}" name="reason" '
                'maxlength="300" placeholder="Reason, if blocked">'
            )
        return (
            f'<form method="post" action="{url}" class="board-card__move">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{self.csrf}">'
            f'<input type="hidden" name="base_status" value="{card.status}">'
            f'<label for="to-{ref}" class="visually-hidden">Move “{title}” to</label>'
            f'<select id="to-{ref}" name="to">{options}</select>{reason}'
            '<button type="submit" class="button button--secondary button--small">Move'
            f'<span class="visually-hidden"> “{title}”</span></button></form>'
        )

    def card(self, card: Card) -> str:
        title, url = escape(card.title), escape(card.move_url)
        named = title
        if card.kind == "task":
            named = f'<a href="{self.task_page.format(card.id)}">{title}</a>'
        classes = "board-card"
        meta = f"<span>{escape(card.who) if card.who else 'Nobody yet'}</span>"
        if card.due_on:
            due = card.due_on
            day = f"{due.day} {MONTHS[due.month - 1]}"
            meta += f' · <time datetime="{due.isoformat()}">due {day}</time>'
        if card.late:
            classes += " board-card--late"
            meta += ' · <strong class="board-card__late">Late</strong>'
        if card.hours:
            meta += f" · {card.hours} h"
        moves, form = "", ""
        if card.moves:
            classes += " board-card--movable"
            moves, options, may_block = self._moves(card)
            form = self._form(card, title, url, options, may_block)
        reason = (
            f'<p class="board-card__reason">Blocked: {escape(card.blocked_reason)}</p>'
            if card.blocked_reason
            else ""
        )
        return (
            f'<li class="{classes}" id="{card.kind}-{card.id}" data-card data-kind="{card.kind}" '
            f'data-status="{card.status}" data-url="{url}" data-moves="{moves}" '
            f'data-title="{title}"><p class="board-card__title">{named}</p>'
            f'<p class="board-card__meta">{meta}</p>{reason}{form}</li>'
        )

    def html(self, items: Iterable[Card]) -> SafeString:
        return mark_safe("".join(self.card(c) for c in items))  # noqa: S308 (escaped above)
