import os
from argparse import ArgumentParser
from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accord.home import demo, demo_conversations, demo_intake, demo_reviews, demo_work
from accord.insights import demo_agreements, demo_conflicts, demo_health


class Command(BaseCommand):
    help = "Load the Northwind Creative demo agency (idempotent: safe to run again)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--yes-create-demo-accounts",
            action="store_true",
            help="Load the demo into a database that is not in debug mode (a real one).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["yes_create_demo_accounts"]:
            # Every demo account signs in with a password printed below and in the docs.
            raise CommandError(
                "This is not a debug setup (ACCORD_DEBUG is off): the demo would create accounts "
                "anyone can sign in to with the published password “accord-demo”. Use "
                "ACCORD_DEBUG=True for a local demo, or pass --yes-create-demo-accounts."
            )
        created = demo.load()
        if created:
            self.stdout.write(f"Demo clients created: {', '.join(created)}.")
        story = demo_work.Story()  # the work's story, told between the intake's steps
        intake = demo_intake.load(story)
        if intake:
            self.stdout.write(f"Demo intake created: {', '.join(intake)}.")
        work = demo_work.load(story)
        if work:
            self.stdout.write(f"Demo work created: {', '.join(work)}.")
        reviews = demo_reviews.load(told=bool(work))
        if reviews:
            self.stdout.write(f"Demo reviews created: {', '.join(reviews)}.")
        conversations = demo_conversations.load(told=bool(work))
        if conversations:
            self.stdout.write(f"Demo conversations created: {', '.join(conversations)}.")
        told = bool(work)
        # Today's turn of the story (health, what was agreed, conflicts), when it was told now.
        with story.now() if told else nullcontext():
            insights = demo_health.load(told=told)
            agreed = demo_agreements.load(told=told)
            conflicts = demo_conflicts.load(told=told)
        if insights:
            self.stdout.write(f"Demo insights created: {'; '.join(insights)}.")
        if agreed:
            self.stdout.write(f"Demo record of what was agreed: {'; '.join(agreed)}.")
        if conflicts:
            self.stdout.write(f"Demo conflicting feedback: {'; '.join(conflicts)}.")
        if not created and not intake and not work:
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
