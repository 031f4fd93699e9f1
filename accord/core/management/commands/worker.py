from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker (emails and other side effects), via the database queue."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("db_worker", "--queue-name", "default")
