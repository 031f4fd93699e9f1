import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from accord.core.checks import SERVING


class Command(BaseCommand):
    help = "Serve Accord with gunicorn (production-grade WSGI server)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--bind", default=f"127.0.0.1:{os.environ.get('PORT', '8000')}")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.wsgiapp import run

        # What must hold before serving (static files collected…), not only for `check --deploy`.
        self.check(tags=[SERVING], include_deployment_checks=True)

        argv = [
            "gunicorn",
            "accord.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
        ]
        import sys

        sys.argv = argv
        run()
