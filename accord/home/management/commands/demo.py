import os
from typing import Any

from django.core.management.base import BaseCommand

from accord.home import demo, demo_intake


class Command(BaseCommand):
    help = "Load the Northwind Creative demo agency (idempotent: safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo.load()
        if created:
            self.stdout.write(f"Demo clients created: {', '.join(created)}.")
        intake = demo_intake.load()
        if intake:
            self.stdout.write(f"Demo intake created: {', '.join(intake)}.")
        if not created and not intake:
            self.stdout.write("Demo data already loaded.")
        port = os.environ.get("PORT", "").strip() or "8000"  # as `accord run` serves it
        self.stdout.write(
            f"\nSign in at http://127.0.0.1:{port} with password “accord-demo” as:\n"
            "  erin@northwind.test   admin\n"
            "  alice@northwind.test  account manager (Acme Foods, Bluebird, Harbor & Pine)\n"
            "  max@northwind.test    account manager (Globex Bank, Lumen, Kestrel)\n"
            "  dan@northwind.test    designer  ·  cora@northwind.test copywriter  ·  "
            "sam@northwind.test social\n"
            "  carol@acme.test       client approver at Acme Foods\n"
            "  gus@globex.test       client approver at Globex Bank\n"
            "Client contacts can also ask for a sign-in link by email "
            "(printed in the server log).\n"
        )
