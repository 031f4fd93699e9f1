"""What was agreed, for the tests: Alice's notes of a call with Acme, a brief Carol signed off,
and work Carol approved — each made through the services, as the listeners see them."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from accord.insights.models import Agreement, MeetingNote
from accord.insights.services import notes
from accord.reviews.models import Version
from accord.reviews.services import rounds
from tests.api.intake_data import brief_at
from tests.reviews.helpers import sent
from tests.reviews.review_data import banner_job

BODY = (
    "- Launch moves to 14 April.\n"
    "- Budget stays at £12,000.\n"
    "- Carol sends the store list by Friday."
)


def kickoff(
    world: Any, *, by: Any = None, title: str = "Spring launch kick-off", **more: Any
) -> MeetingNote:
    """Alice's notes of last Tuesday's call with Acme, put to Carol and Ray."""
    fields = {
        "held_on": timezone.localdate() - timedelta(days=2),
        "attendees": "Carol, Ray, Alice",
        "body": BODY,
        **more,
    }
    return notes.record_note(by=by or world.alice, client=world.acme, title=title, **fields)


def signed_brief(world: Any, title: str = "Summer") -> Any:
    return brief_at(world, "signed_off", title=title)


def approved_version(world: Any, *, verdict: str = "approved", note: str = "") -> Version:
    """Dan's banner, approved internally, sent to Acme, decided by Carol."""
    version, client_round = sent(world, banner_job(world))
    rounds.decide(by=world.carol, round=client_round, verdict=verdict, note=note)
    return version


def approvals(client: Any, summaries: list[str]) -> None:
    """The client's record holding one approval a summary, newest first ("Poster 0"…), each
    with its number as SHA-256 (f"{n:064x}") and source: for reads of many or long entries."""
    now = timezone.now()
    Agreement.objects.bulk_create(
        Agreement(
            client=client,
            kind=Agreement.Kind.APPROVAL,
            title=f"Poster {n}",
            summary=summary,
            sha256=f"{n:064x}",
            agreed_at=now - timedelta(minutes=n),
            source_type="version",
            source_id=n,
        )
        for n, summary in enumerate(summaries)
    )
