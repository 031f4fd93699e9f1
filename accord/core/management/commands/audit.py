from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accord.core.events import verify_chain


class Command(BaseCommand):
    help = "Audit the event log. `accord audit verify` recomputes the hash chain."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if report.intact:
            self.stdout.write(f"Event chain intact: {report.checked} events verified.")
            return
        raise CommandError(
            f"Event chain broken at event {report.broken_event_id}: {report.reason} "
            f"({report.checked} events before it verified).",
            returncode=1,
        )
