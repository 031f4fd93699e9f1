"""The demo's past: each step runs through the services as it would have on a working day
weeks ago, so the desk looks lived-in rather than made a minute ago.

Events are recorded at that moment through `events.as_of` (they are hashed, so they are
never edited afterwards); the rows the step wrote or moved carry the real time of the
loading, and take the historical moment instead once the step is done.
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timedelta

from django.apps import apps
from django.db import models
from django.utils import timezone

from accord.core import events
from accord.core.demo_days import office_now, workday

# Whose rows carry the time they were written: everything the demo writes but the event
# chain itself (recorded at the moment already) and the worker's bookkeeping.
APPS = ("accounts", "clients", "core", "intake", "work", "reviews", "conversations", "insights")
LOOK_AHEAD = {"expires_at", "due_at"}
UNSTAMPED = {
    "core.event",
    "core.chainhead",
    "core.workerheartbeat",
    "intake.briefpdf",
    "insights.agreementspdf",
}


def _stamped_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.label_lower not in UNSTAMPED
        for field in model._meta.concrete_fields
        # Expiry and due times look ahead from now (links, emails, rounds): the past would
        # expire them.
        if isinstance(field, models.DateTimeField) and field.name not in LOOK_AHEAD
    ]


@contextmanager
def at(moment: datetime) -> Iterator[datetime]:
    """Run a step of the demo as of `moment`: its events recorded then, and every time its
    rows were given while it ran (created, sent, waiting since…) set to `moment`."""
    started = timezone.now()
    with events.as_of(moment):
        yield moment
    for model, name in _stamped_fields():
        model._default_manager.filter(**{f"{name}__gte": started}).update(**{name: moment})


class Timeline:
    """Moments on working days, each after the one before: steps that fall on the same day
    (a weekend moved to Friday) keep their order."""

    GAP = timedelta(minutes=17)

    def __init__(self) -> None:
        self.last: datetime | None = None

    def at(
        self, days_ago: int, hour: int = 10, minute: int = 0
    ) -> AbstractContextManager[datetime]:
        moment = workday(days_ago, hour, minute)
        if self.last is not None and moment <= self.last:
            moment = self.last + self.GAP
        self.last = moment
        return at(moment)

    def now(self) -> AbstractContextManager[datetime]:
        """The moment the story reaches today: now in office hours, else the last working
        evening (always after the moments before it)."""
        moment = office_now()
        if self.last is not None and moment <= self.last:
            moment = self.last + self.GAP
        self.last = moment
        return at(moment)
