from typing import Any

from django.core.management.base import BaseCommand

from accord.insights import backfill
from accord.insights.models import Agreement

LABELS = dict(Agreement.Kind.choices)


class Command(BaseCommand):
    help = (
        "Add to what was agreed the briefs signed off and the work clients approved before "
        "Accord kept that record (an install upgraded to the release that brought it): each "
        "entry from the event that recorded it, as it would have been written then. Safe while "
        "Accord runs, and to run again: it adds only what is missing, in batches."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for kind, added in backfill.backfill().items():
            entries = "entry" if added == 1 else "entries"
            self.stdout.write(f"{LABELS[kind]}: {added} {entries} added.")
