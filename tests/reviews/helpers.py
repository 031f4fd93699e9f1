"""More of the review story for the rule-by-rule tests: a second approver at Acme, a version
approved internally and sent, and what was notified or recorded."""

from typing import Any

from accord.accounts.models import User
from accord.clients.models import Contact
from accord.core import events
from accord.core.models import Event, Notification, OutboundEmail
from accord.core.policy import ContactRole, Kind
from accord.reviews.models import Round, Version
from accord.reviews.services import rounds
from accord.work.models import Deliverable
from tests.conftest import PASSWORD

from .review_data import client_round, internal_round, upload


def acme_contact(world: Any, name: str, role: str = ContactRole.APPROVER) -> User:
    """Another of Acme's people (Pat approves, Vic only views…)."""
    person = User.objects.create_user(
        f"{name.lower()}@acme.test", PASSWORD, name=f"{name} Acme", kind=Kind.CONTACT, staff_role=""
    )
    Contact.objects.create(client=world.acme, user=person, role=role)
    return person


def approved_internally(world: Any, version: Version) -> Round:
    """Dan puts the version to Alice, who approves it."""
    internal = internal_round(world, version)
    rounds.decide(by=world.alice, round=internal, verdict="approved")
    return internal


def sent(world: Any, deliverable: Deliverable, **more: Any) -> tuple[Version, Round]:
    """The next version, approved internally and sent to Acme (Carol approves, Ray reviews)."""
    version = upload(world, deliverable)
    approved_internally(world, version)
    return version, client_round(world, version, **more)


def status_of(obj: Any) -> str:
    return type(obj).objects.get(pk=obj.pk).status


def notified(person: User, kind: str) -> int:
    """How many notifications of `kind` the person has, each with its email."""
    rows = Notification.objects.filter(user=person, kind=kind).count()
    mails = sum(1 for m in OutboundEmail.objects.all() if m.to == [person.email])
    assert mails >= rows, "every notification here is also an email"
    return rows


def verbs_of(target: Any) -> list[str]:
    return list(
        Event.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )


def chain_intact() -> bool:
    return events.verify_chain().intact
