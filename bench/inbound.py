"""`python -m bench.inbound`: 10,000 emails through a real SMTP session to `accord mail-in`'s
listener, then processed by a real worker; every email sent must be stored, and every one
processed into its thread. Reports the throughput of both.

Not part of `make test` (it takes minutes); run it after changing the listener or processing.
"""

import argparse
import os
import sys
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "var" / "bench" / "inbound.sqlite3"
QUOTE = "\n\nOn Mon, 3 Mar 2025 at 10:00, Alice <alice@northwind.test> wrote:\n> Bigger logo?\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.inbound",
        description="Send emails through accord mail-in's listener and process them.",
    )
    parser.add_argument("--messages", type=int, default=10_000, help="emails (default 10000)")
    parser.add_argument(
        "--database-url",
        default="",
        help="database to use (default: a fresh SQLite file var/bench/inbound.sqlite3); "
        "it is migrated and emptied first",
    )
    return parser.parse_args(argv)


def configure(args: argparse.Namespace) -> None:
    url = args.database_url
    if not url:
        DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{DEFAULT_DB}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{DEFAULT_DB}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    # The notifications the replies cause are sent too, to memory (no mail server needed).
    os.environ["ACCORD_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"


def email(to: str, number: int) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = "Carol Acme <carol@acme.test>", to
    message["Subject"] = "Re: Logo size"
    message["Message-ID"] = f"<bench-{number}@acme.test>"
    message.set_content(f"Reply number {number}: yes, bigger please.{QUOTE}")
    return message.as_bytes()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    configure(args)
    import django

    django.setup()
    import smtplib
    import socket

    from django.core.management import call_command
    from django.utils.crypto import get_random_string

    from accord.accounts.models import User
    from accord.clients.models import Client, Contact
    from accord.conversations import addresses, mailin
    from accord.conversations.models import InboundEmail, Message
    from accord.conversations.services import threads
    from accord.core.policy import Audience, ContactRole, Kind, StaffRole
    from accord.core.worker import Worker

    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    alice = User.objects.create_user(
        "alice@northwind.test", "x", name="Alice", kind=Kind.STAFF,
        staff_role=StaffRole.ACCOUNT_MANAGER,
    )  # fmt: skip
    carol = User.objects.create_user(
        "carol@acme.test", "x", name="Carol", kind=Kind.CONTACT, staff_role=""
    )
    acme = Client.objects.create(name="Acme Foods", account_manager=alice)
    Contact.objects.create(client=acme, user=carol, role=ContactRole.APPROVER)
    thread = threads.start_thread(
        by=carol, client=acme, audience=Audience.CLIENT, subject="Logo size", body="Bigger?"
    )
    to = addresses.issue(thread=thread, user=carol, message_id="<bench@accord>")

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = mailin.listener(host="127.0.0.1", port=port)
    controller.start()
    started = time.perf_counter()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
            for number in range(args.messages):
                smtp.sendmail("carol@acme.test", [to], email(to, number))
    finally:
        mailin.stop(controller)
    received_seconds = time.perf_counter() - started
    stored = InboundEmail.objects.count()
    print(
        f"Received {args.messages} emails in one SMTP session, stored {stored}: "
        f"{received_seconds:.1f} s, {args.messages / received_seconds:.0f} emails/s"
    )

    started = time.perf_counter()
    Worker(
        queue_names=["default"], interval=0.0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id=get_random_string(32),
        excluded_queue_names=[], heartbeat=False,
    ).run()  # fmt: skip
    processed_seconds = time.perf_counter() - started
    threaded = InboundEmail.objects.filter(status=InboundEmail.Status.THREADED).count()
    posted = Message.objects.filter(thread=thread, via=Message.Via.EMAIL).count()
    print(
        f"Processed {threaded} into the thread ({posted} messages): {processed_seconds:.1f} s, "
        f"{threaded / processed_seconds:.0f} emails/s (their notifications sent too)"
    )
    ok = stored == args.messages == threaded == posted
    stripped = not Message.objects.filter(thread=thread, body__contains="wrote:").exists()
    print("OK" if ok and stripped else "FAILED: emails lost, or quoted history kept")
    return 0 if ok and stripped else 1


if __name__ == "__main__":
    sys.exit(main())
