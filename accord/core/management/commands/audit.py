from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accord.core.events import verifiers, verify_chain


class Command(BaseCommand):
    help = "Audit the event log. `accord audit verify` recomputes the hash chain."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.intact:
            raise CommandError(
                f"Event chain broken at event {report.broken_event_id}: {report.reason} "
                f"({report.checked} events before it verified).",
                returncode=1,
            )
        self.stdout.write(f"Event chain intact: {report.checked} events verified.")
        failures = 0
        for verifier in verifiers():
            name, checked, problems = verifier()
            if not problems:
                self.stdout.write(f"{name}: {checked} verified.")
                continue
            failures += len(problems)
            for problem in problems:
                self.stderr.write(f"{name}: {problem}")
        if failures:
            raise CommandError(f"{failures} problem(s) found after the event chain.", returncode=1)
