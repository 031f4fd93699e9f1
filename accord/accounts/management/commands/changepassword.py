"""`accord changepassword EMAIL`: Django's command, but the new password goes through
`accounts.services.change_password`, so the person's API tokens are revoked and the change is
recorded, as on the profile page."""

import getpass
from typing import Any

from django.contrib.auth.management.commands import changepassword
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from accord.accounts import services
from accord.accounts.models import User

TRIES = 3


class Command(changepassword.Command):
    help = "Set the password of the person with EMAIL; their API tokens stop working."

    def handle(self, *args: Any, **options: Any) -> str:
        email = (options["username"] or "").strip().lower()
        user = User.objects.using(options["database"]).filter(email=email).first()
        if user is None:
            raise CommandError(f"Nobody has the email {email}.")
        self.stdout.write(f"Changing the password of {user.email}")
        for _ in range(TRIES):
            password = _ask("Password: ")
            if password != _ask("Password (again): "):
                self.stdout.write("The passwords do not match. Try again.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write("\n".join(error.messages))
                continue
            services.change_password(user=user, password=password)
            return f"Password changed for {user.email}; their API tokens are revoked."
        raise CommandError(f"The password of {user.email} is unchanged after {TRIES} tries.")


def _ask(prompt: str) -> str:
    password = getpass.getpass(prompt=prompt)
    if not password:
        raise CommandError("Aborted: no password given.")
    return password
