"""Whose court the ball is in, and since when, in business hours: `{% court brief %}`.

For the agency, a wait on the agency runs against the client's response target ("Your court
since Tue 14:05 · 5 h of 8 h", then "due in 1 h" from 75 % of it, "overdue by 3 h" past it);
a wait on the client is shown with its business days, and as late once a due date it has is
past. A client contact reads who it waits on, without the agency's clock. The state is said in
words as well as by its colour. Each clock is arithmetic on values the row already holds, with
the agency's holidays read once a minute at most: cheap for every row of a long list.
"""

from datetime import datetime, timedelta
from typing import Any

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from accord.core import clock

register = template.Library()

_HOUR = timedelta(hours=1)


def _value(subject: Any, name: str) -> Any:
    if isinstance(subject, dict):
        return subject.get(name)
    return getattr(subject, name, None)


def _time(moment: datetime, now: datetime, week: clock.BusinessHours) -> SafeString:
    """`<time>`: "14:05" today, "Tue 14:05" this week, "3 Mar" this year, else "3 Mar 2024"."""
    local, today = moment.astimezone(week.zone), now.astimezone(week.zone)
    if local.date() == today.date():
        text = f"{local:%H:%M}"
    elif timedelta(0) < now - moment < timedelta(days=6):
        text = f"{local:%a %H:%M}"
    elif local.year == today.year:
        text = f"{local.day} {local:%b}"
    else:
        text = f"{local.day} {local:%b %Y}"
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        moment.isoformat(),
        f"{local:%a} {local.day} {local:%b %Y, %H:%M}",
        text,
    )


def hours_text(span: timedelta) -> str:
    """A span in hours, to a tenth below ten: "1.5 h", "12 h"; "40 min" under an hour."""
    if span < _HOUR:
        return f"{int(span.total_seconds() // 60)}\xa0min"
    hours = span / _HOUR
    return f"{hours:.1f}".removesuffix(".0") + "\xa0h" if hours < 10 else f"{int(hours)}\xa0h"


def waited_text(span: timedelta, week: clock.BusinessHours) -> str:
    """Business time waited: "2 business days" (of the agency's day length), "5 business
    hours", or nothing under an hour."""
    if span >= week.day_length:
        days = int(span / week.day_length)
        return f"{days} business day{'s' if days != 1 else ''}"
    if span >= _HOUR:
        hours = int(span / _HOUR)
        return f"{hours} business hour{'s' if hours != 1 else ''}"
    return ""


def _waited(span: timedelta) -> str:
    """The hours waited against a target: whole hours, rounded down ("7 h" at 7:59)."""
    return f"{int(span / _HOUR)}\xa0h" if span >= _HOUR else hours_text(span)


def _flag(words: str, *values: Any) -> SafeString:
    """The clock's state in words, marked for its colour: "overdue by 3 h"."""
    return format_html('<strong class="court__flag">{}</strong>', format_html(words, *values))


def _agency_court(
    since: datetime, target: Any, now: datetime, week: clock.BusinessHours
) -> tuple[str, list[Any]]:
    reading = clock.response(
        waiting_on=clock.AGENCY, since=since, target_hours=target, now=now, hours=week
    )
    if reading is None:
        return "", [waited_text(clock.business_time(since, now, hours=week), week)]
    parts: list[Any] = [f"{_waited(reading.waited)} of {hours_text(reading.target)}"]
    if reading.state == clock.NEAR:
        parts.append(_flag("due in {}", hours_text(reading.target - reading.waited)))
    elif reading.state == clock.BREACHED:
        parts.append(_flag("overdue by {}", hours_text(reading.waited - reading.target)))
    return f" court--{reading.state}", parts


@register.simple_tag
def court(
    subject: Any,
    target: Any = None,
    due: datetime | None = None,
    for_client: bool = False,
    empty: str = "",
) -> SafeString | str:
    """Whose court `subject` (anything with `waiting_on` and `waiting_since`, or such a dict)
    is in. `target`: the client's response target in hours; `due`: when the one waited on
    was asked to answer by (a round's due date); `for_client`: worded for a client contact;
    `empty`: what to show when it waits on nobody."""
    waiting_on, since = _value(subject, "waiting_on"), _value(subject, "waiting_since")
    if waiting_on not in (clock.AGENCY, clock.CLIENT) or not isinstance(since, datetime):
        return empty
    now, week = timezone.now(), clock.agency_hours()
    when = _time(since, now, week)
    state = ""
    parts: list[Any] = []
    if for_client and waiting_on == clock.AGENCY:
        lead = format_html("Waiting on {} since {}", settings.AGENCY_NAME, when)
    elif for_client:
        lead = format_html("Waiting on you since {}", when)
    elif waiting_on == clock.AGENCY:
        lead = format_html('<span class="court__who">Your court</span> since {}', when)
        state, parts = _agency_court(since, target, now, week)
    else:
        lead = format_html("Waiting on the client since {}", when)
        parts = [waited_text(clock.business_time(since, now, hours=week), week)]
    if waiting_on == clock.CLIENT and isinstance(due, datetime) and due < now:
        state = " court--late"
        parts.append(
            _flag("overdue, due {}" if for_client else "late, due {}", _time(due, now, week))
        )
    return format_html(
        '<span class="court court--{}{}">{}{}</span>',
        waiting_on,
        state,
        lead,
        format_html_join("", " · {}", ((part,) for part in parts if part)),
    )
