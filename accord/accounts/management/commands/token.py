from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accord.accounts import services
from accord.accounts.models import User


class Command(BaseCommand):
    help = "Personal API tokens. `accord token create EMAIL [--name NAME]` prints a new one once."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a token for the person with EMAIL.")
        create.add_argument("email")
        create.add_argument("--name", default="Command line", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"Nobody has the email {email}.", returncode=1)
        if not user.is_active:
            raise CommandError(f"{email} is deactivated; a token would not work.", returncode=1)
        token, plaintext = services.create_api_token(user=user, name=options["name"])
        self.stdout.write(plaintext)
        self.stderr.write(
            f"Token “{token.name}” ({token.prefix}…) for {user.email}. Copy it now: "
            "Accord stores only its hash and cannot show it again."
        )
