"""Personas shared by every test, exactly as in DESIGN.md.

Agency "Northwind Creative": Erin (admin), Alice (AM of Acme), Max (AM of Globex),
Dan (designer, on the Acme team), Cora (copywriter, on both teams), Sam (social media,
on the Globex team). "Acme Foods": Carol (approver), Ray (reviewer).
"Globex Bank": Gus (approver).
"""

import builtins
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from accord.accounts.models import User
from accord.clients.models import BrandProfile, Client, Contact, TeamMembership
from accord.core import clock
from accord.core.policy import ContactRole, Discipline, Kind, StaffRole

PASSWORD = "accord-demo"


@dataclass
class World:
    erin: User
    alice: User
    max: User
    dan: User
    cora: User
    sam: User
    carol: User
    ray: User
    gus: User
    acme: Client
    globex: Client

    def persona(self, name: str) -> User:
        return getattr(self, name)


PERSONAS = ["erin", "alice", "max", "dan", "cora", "sam", "carol", "ray", "gus"]


def _staff(name: str, role: str, disciplines: list[str] = (), title: str = "") -> User:  # type: ignore[assignment]
    return User.objects.create_user(
        f"{name.lower()}@northwind.test",
        PASSWORD,
        name=f"{name} Northwind",
        kind=Kind.STAFF,
        staff_role=role,
        disciplines=list(disciplines),
        job_title=title,
        weekly_capacity_hours=Decimal("37.5"),
    )


def _contact(name: str, domain: str) -> User:
    return User.objects.create_user(
        f"{name.lower()}@{domain}",
        PASSWORD,
        name=f"{name} {domain.split('.', maxsplit=1)[0].title()}",
        kind=Kind.CONTACT,
        staff_role="",
    )


def build_world() -> World:
    erin = _staff("Erin", StaffRole.ADMIN, title="Managing director")
    alice = _staff("Alice", StaffRole.ACCOUNT_MANAGER, title="Account manager")
    max_ = _staff("Max", StaffRole.ACCOUNT_MANAGER, title="Account manager")
    dan = _staff("Dan", StaffRole.CREATIVE, [Discipline.DESIGN], "Designer")
    cora = _staff("Cora", StaffRole.CREATIVE, [Discipline.COPYWRITING], "Copywriter")
    sam = _staff("Sam", StaffRole.CREATIVE, [Discipline.SOCIAL], "Social media manager")
    carol = _contact("Carol", "acme.test")
    ray = _contact("Ray", "acme.test")
    gus = _contact("Gus", "globex.test")
    acme = Client.objects.create(
        name="Acme Foods", industry="Food & beverage", account_manager=alice
    )
    globex = Client.objects.create(
        name="Globex Bank", industry="Financial services", account_manager=max_
    )
    BrandProfile.objects.create(client=acme, voice_and_tone="Warm, plain-spoken, a little witty.")
    BrandProfile.objects.create(client=globex, voice_and_tone="Calm, precise, reassuring.")
    TeamMembership.objects.bulk_create(
        [
            TeamMembership(client=acme, user=dan),
            TeamMembership(client=acme, user=cora),
            TeamMembership(client=globex, user=cora),
            TeamMembership(client=globex, user=sam),
        ]
    )
    Contact.objects.bulk_create(
        [
            Contact(client=acme, user=carol, role=ContactRole.APPROVER),
            Contact(client=acme, user=ray, role=ContactRole.REVIEWER),
            Contact(client=globex, user=gus, role=ContactRole.APPROVER),
        ]
    )
    return World(erin, alice, max_, dan, cora, sam, carol, ray, gus, acme, globex)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


for _name in PERSONAS:

    def _fixture(world: World, _name: str = _name) -> User:
        return world.persona(_name)

    globals()[_name] = pytest.fixture(_fixture, name=_name)


@pytest.fixture(autouse=True)
def _no_public_holidays_yet() -> None:
    """Each test starts with the waiting-on clocks knowing no public holiday, without a query
    (so query counts do not depend on which test ran before); a holiday added through work's
    services, or `clock.forget_holidays()`, has them read from the database again."""
    clock.remember_holidays(())


@pytest.fixture
def acme(world: World) -> Client:
    return world.acme


@pytest.fixture
def globex(world: World) -> Client:
    return world.globex


@pytest.fixture
def without_pango(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint fails to import, as on a server without the Pango libraries."""
    real_import = builtins.__import__

    def failing_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
