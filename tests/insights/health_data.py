"""Acme's account as the health tests need it: a client review past its due date, and an
annoyed message from Carol."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from accord.conversations.services import threads
from accord.core.policy import Audience
from accord.reviews.models import Round
from tests.reviews.review_data import banner_job, client_round, upload

ANNOYED = "We're still waiting for the banner. Frankly disappointed, this is not what we asked for."


def overdue_decision(world: Any) -> Round:
    """Alice sent the banner to Acme with a decision due yesterday; nobody has decided."""
    version = upload(world, banner_job(world))
    round = client_round(world, version, override_reason="Urgent", confirm=True)
    Round.objects.filter(pk=round.pk).update(due_at=timezone.now() - timedelta(days=2))
    return round


def annoyed_message(world: Any) -> Any:
    thread = threads.start_thread(
        by=world.carol,
        client=world.acme,
        audience=Audience.CLIENT,
        subject="The banner",
        body=ANNOYED,
    )
    return thread.messages.get()
