from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accord.core.errors import DomainError
from accord.work.services import capacity


class Command(BaseCommand):
    help = (
        "The agency's public holidays. `accord holidays import [--country GB] "
        "[--subdivision ENG] [--years 2026 2027]` adds a country's calendar (days already "
        "set are kept)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        imports = actions.add_parser("import", help="Add a country's public holidays.")
        imports.add_argument(
            "--country",
            default=settings.HOLIDAYS_COUNTRY,
            help="ISO 3166 country code (default: ACCORD_HOLIDAYS_COUNTRY, else GB).",
        )
        imports.add_argument(
            "--subdivision",
            default=settings.HOLIDAYS_SUBDIVISION,
            help="Subdivision code, e.g. ENG (default: ACCORD_HOLIDAYS_SUBDIVISION).",
        )
        imports.add_argument(
            "--years", type=int, nargs="+", help="Years to import (default: this year and next)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = timezone.localdate().year
        years = options["years"] or [year, year + 1]
        try:
            added = capacity.import_public_holidays(
                by=None,
                country=options["country"],
                subdivision=options["subdivision"] or "",
                years=years,
            )
        except DomainError as exc:
            raise CommandError(exc.message, returncode=1) from exc
        where = options["country"].upper() + (
            f"-{options['subdivision'].upper()}" if options["subdivision"] else ""
        )
        self.stdout.write(
            f"Added {added} public holidays of {where} for {', '.join(map(str, sorted(years)))}."
        )
