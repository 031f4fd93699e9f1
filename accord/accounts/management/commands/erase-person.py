from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accord.accounts import erasure
from accord.accounts.models import User
from accord.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Erase a person's personal data (a GDPR request): `accord erase-person EMAIL --yes`. "
        "What they did stays, under a placeholder name; the event chain still verifies."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise CommandError(f"Nobody has the email {email}.", returncode=1)
        placeholder = erasure.placeholder_for(person)
        self.stdout.write(
            f"This replaces {person.name or email}'s name and email with “{placeholder.name}” "
            f"and {placeholder.email} everywhere (events, stored emails, their account), "
            "deactivates them, ends their sessions and removes their tokens, sign-in links, "
            "contacts and team places. It cannot be undone."
        )
        if not options["yes"]:
            try:
                answer = input("Erase this person? Type “erase” to confirm: ")
            except (EOFError, OSError):
                answer = ""
            if answer.strip().lower() != "erase":
                raise CommandError("Nothing erased (pass --yes to confirm).", returncode=1)
        try:
            event = erasure.erase_person(person=person, by=None)
        except DomainError as error:
            raise CommandError(error.message, returncode=1) from error
        self.stdout.write(f"Erased: now “{placeholder.name}” (event {event.pk}).")
