from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accord.core import mail
from accord.core.worker import worker_status


class Command(BaseCommand):
    help = (
        "Outbound email the worker could not deliver. `accord mail` lists what waits or was "
        "given up on; `accord mail --retry ID [ID …]` sends given-up messages again."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--retry", nargs="+", type=int, metavar="ID", default=[])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["retry"]:
            queued, refused = mail.retry(options["retry"])
            for email_id in queued:
                self.stdout.write(f"#{email_id}: queued again.")
            for email_id, reason in refused.items():
                self.stderr.write(f"#{email_id}: not sent again: {reason}.")
            if refused:
                raise CommandError(f"{len(refused)} message(s) not sent again.", returncode=1)
            return
        counts, oldest = mail.undelivered()
        self.stdout.write(
            f"{counts['waiting']} waiting to be delivered, {counts['given_up']} given up on."
        )
        worker = worker_status()
        if worker["alive"]:
            self.stdout.write(f"{worker['alive']} worker(s) alive.")
        else:
            last = worker["last_seen"] or "never"
            self.stdout.write(
                f"No worker is alive (last seen: {last}): nothing will be delivered until "
                "`accord worker` runs."
            )
        if worker["overdue"]:
            self.stdout.write(
                f"{worker['overdue']} task(s) running for longer than "
                f"{settings.TASK_TIMEOUT_SECONDS} s on a live worker: hung? See its log; "
                "restarting that worker runs them again."
            )
        for email in oldest:
            state = (
                "given up"
                if email.abandoned_at
                else "being sent"
                if email.claimed_at
                else "waiting"
            )
            error = email.last_error.splitlines()[0][:100] if email.last_error else ""
            self.stdout.write(
                f"#{email.pk}  {email.created_at:%Y-%m-%d %H:%M}  {state}, "
                f"{email.attempts} attempt(s)  to {', '.join(email.to)}: {email.subject}"
                + (f"\n      {error}" if error else "")
            )
