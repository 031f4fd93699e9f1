import signal
import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from accord.conversations import mailin


class Command(BaseCommand):
    help = (
        "Receive email for the inbound domain (ACCORD_INBOUND_DOMAIN) over SMTP: replies to "
        "conversations and mail to clients' own addresses. Each email is stored before it is "
        "accepted; the worker (`accord worker`) processes it. SIGTERM or Ctrl-C stops it once "
        "the emails being stored are stored."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=settings.MAILIN_HOST, help="Address to listen on.")
        parser.add_argument("--port", type=int, default=settings.MAILIN_PORT, help="Port.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        controller = mailin.listener(host=options["host"], port=options["port"])
        controller.start()
        self.stdout.write(
            f"Receiving mail for {settings.INBOUND_DOMAIN} on {options['host']}:{options['port']} "
            f"(up to {settings.INBOUND_MAX_BYTES:,} bytes an email)"
        )
        self.stdout.flush()
        try:
            while not stopping.wait(1.0):
                pass
        finally:
            self.stdout.write("Stopping: finishing the emails being stored…")
            mailin.stop(controller)
            self.stdout.write("Stopped.")
