from typing import Any

from django.core.management.base import BaseCommand

from accord.home import demo


class Command(BaseCommand):
    help = "Load the Northwind Creative demo agency (idempotent: safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo.load()
        if created:
            self.stdout.write(f"Demo clients created: {', '.join(created)}.")
        else:
            self.stdout.write("Demo data already loaded.")
        self.stdout.write(
            "\nSign in at http://127.0.0.1:8000 with password “accord-demo” as:\n"
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
