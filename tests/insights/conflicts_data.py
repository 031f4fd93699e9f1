"""Acme's banner, sent to the client (Carol approves, Ray reviews), and what they say of it,
for the conflicting feedback tests."""

from typing import Any

from accord.reviews.models import Comment, Round, Version
from accord.reviews.services import comments, rounds
from tests.reviews.helpers import acme_contact, sent
from tests.reviews.review_data import banner_job


def sent_banner(world: Any, **more: Any) -> tuple[Version, Round]:
    """Version 1 of Acme's "Hero banner", approved inside and sent to Acme."""
    return sent(world, banner_job(world), **more)


def point(x: float = 0.5, y: float = 0.5, page: int = 1) -> dict[str, Any]:
    return {"anchor": "point", "page": page, "x": x, "y": y}


def say(who: Any, version: Version, body: str, **more: Any) -> Comment:
    """A comment by a contact or a guest (for the client), or the agency's (`managing`)."""
    return comments.add_comment(by=who, version=version, body=body, **more)


def both_approvers(world: Any, version: Version) -> Round:
    """A client round on `version` where Carol and Pat (another Acme approver) must both
    decide (rule "all")."""
    pat = acme_contact(world, "Pat")
    return rounds.open_round(
        by=world.alice,
        version=version,
        stage="client",
        seats=[rounds.Seat(world.carol), rounds.Seat(pat)],
        rule="all",
    )
