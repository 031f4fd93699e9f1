from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accord.core import search
from accord.core.search import registry


class Command(BaseCommand):
    help = (
        "Rebuild the search index from what each app holds: new documents added, changed ones "
        "rewritten, those whose object is gone removed. `--kind K` (repeatable) for some kinds "
        "only. Safe while Accord runs; it works in batches."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--kind", action="append", default=[], metavar="K")

    def handle(self, *args: Any, **options: Any) -> None:
        known = sorted(registry.sources())
        kinds = options["kind"] or known
        unknown = [k for k in kinds if k not in known]
        if unknown:
            raise CommandError(
                f"No such kind: {', '.join(unknown)}. Kinds: {', '.join(known)}.", returncode=2
            )
        for kind, done in search.reindex(kinds).items():
            self.stdout.write(
                f"{kind}: {done.written} written, {done.unchanged} unchanged, "
                f"{done.removed} removed."
            )
