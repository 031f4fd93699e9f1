"""Help beside a text box, offered by apps above the one that owns the form.

A form in conversations, intake or reviews where someone writes to a client names the box
(`{% compose_assist form.body "message" thread %}`); apps above fill the registry (insights adds
its tone check for the account manager). Each assist gets the request, the bound field, what
is being written (`where`) and the object it is about, and returns HTML or "".
"""

import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)
Assist = Callable[[HttpRequest, Any, str, Any], str]

_assists: list[Assist] = []


def register_compose_assist(assist: Assist) -> None:
    if assist not in _assists:
        _assists.append(assist)


def assists_for(request: HttpRequest, field: Any, where: str, subject: Any) -> SafeString:
    """The HTML every registered assist offers for this box (assists escape what they render)."""
    parts = [assist(request, field, where, subject) for assist in _assists]
    return mark_safe("".join(part for part in parts if part))  # noqa: S308 - rendered templates


# What apps above do once the text is sent (the form's fields as posted, what was made of it):
# insights keeps what its tone check said about the draft.
SentObserver = Callable[[HttpRequest, str, Any, str], None]

_observers: list[SentObserver] = []


def register_sent_observer(observer: SentObserver) -> None:
    if observer not in _observers:
        _observers.append(observer)


def sent(request: HttpRequest, where: str, subject: Any, text: str) -> None:
    """Tell the observers that `text` was sent as `subject` (a message, a question…), after its
    service has committed it."""
    for observer in _observers:
        try:
            observer(request, where, subject, text)
        except Exception:  # what was sent is sent: an observer's failure must not say otherwise
            logger.exception("A sent-text observer failed for %s", where)
