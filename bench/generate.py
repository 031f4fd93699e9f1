"""Generate a large agency fast: bulk inserts, one precomputed password hash, a real event chain.

The agency is "Northwind Creative" with the DESIGN.md personas (Erin, Alice, Max, Dan, Cora,
Sam; Carol and Ray at Acme Foods, Gus at Globex Bank) plus generated staff, clients, teams,
contacts, brand profiles and events. Alice runs about 3% of the clients (15 of 500), Erin
(admin) sees them all. Generation is deterministic for a given seed and size.
"""

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import BrandProfile, Client, Contact, TeamMembership
from accord.core.events import GENESIS_HASH, canonical_json, event_hash
from accord.core.models import ChainHead, Event
from accord.core.policy import Audience, ContactRole, Discipline, Kind, StaffRole
from accord.intake.models import Brief, Request
from bench.generate_capacity import make_capacity
from bench.generate_intake import make_intake

PASSWORD = "accord-demo"
BATCH = 1000
AGENCY_DOMAIN = "northwind.test"
ACME, GLOBEX = "Acme Foods", "Globex Bank"


@dataclass(frozen=True)
class Size:
    clients: int
    users: int
    events: int

    @property
    def staff(self) -> int:
        return max(12, round(self.users * 0.03))

    @property
    def account_managers(self) -> int:
        return max(3, round(self.staff * 0.27))

    @property
    def admins(self) -> int:
        return 1 + self.staff // 50

    @property
    def alice_clients(self) -> int:
        return max(2, round(self.clients * 0.03))

    def check(self) -> None:
        if self.clients < 2:
            raise ValueError("The agency needs at least 2 clients (Acme Foods and Globex Bank).")
        if self.users < self.staff + 2 * self.clients:
            raise ValueError(
                f"{self.users} users are too few for {self.staff} staff and "
                f"2 contacts for each of {self.clients} clients."
            )


SMALL = Size(clients=10, users=100, events=400)


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("""
    Ada Ben Chloe Dev Elif Femi Gita Hugo Ines Jon Kai Lena Milo Nora Omar Pia Quinn Rosa
    Sven Tara Uma Vik Wren Xena Yusuf Zoe
""")
LAST = _words("""
    Abbott Brooks Chen Diaz Evans Fischer Garcia Haddad Ito Jensen Kowalski Lopez Murphy
    Nakamura Okafor Patel Quint Rossi Singh Tanaka Ueda Varga Walsh Young Zimmer
""")
ADJECTIVES = _words("""
    Amber Bright Cedar Crimson Dune Ember Fable Golden Harbor Iron Juniper Kestrel Lumen
    Maple North Opal Pine Quartz River Silver Tidal Umber Velvet Willow
""")
NOUNS = _words("""
    Orchard Bakery Motors Mutual Outfitters Pharma Studios Foods Logistics Dairy Coffee
    Hotels Energy Games Health Insurance Kitchens Labs Media Optics Press Robotics
    Textiles Wines
""")
SUFFIXES = [
    "",
    "Co",
    "Group",
    "& Sons",
    "Holdings",
    "Collective",
    "International",
    "Partners",
    "Works",
    "Brothers",
]
INDUSTRIES = [
    "Food & beverage",
    "Financial services",
    "Retail",
    "Automotive",
    "Healthcare",
    "Hospitality",
    "Technology",
    "Energy",
    "Fashion",
    "Education",
    "Non-profit",
]
VOICES = [
    "Warm, plain-spoken, a little witty.",
    "Calm, precise, reassuring.",
    "Bold and energetic; short sentences.",
    "Friendly expert; no jargon.",
    "Playful, colourful, never sarcastic.",
    "Understated luxury; fewer words.",
]
DOS = [
    "Lead with the benefit",
    "Use real customer photos",
    "Say 'you' more than 'we'",
    "Keep headlines under eight words",
    "Show the product in use",
]
DONTS = [
    "No stock photos of handshakes",
    "Never mention competitors by name",
    "No exclamation marks in headlines",
    "Avoid 'synergy' and friends",
    "No puns on the name",
]


@dataclass
class Pending:
    """Events collected during generation, hashed and inserted in time order at the end."""

    rows: list[tuple[datetime, int | None, str, str, str, int | None, str, dict[str, Any]]] = field(
        default_factory=list
    )

    def add(
        self,
        at: datetime,
        actor: int | None,
        verb: str,
        target: tuple[str, Any],
        *,
        client: int | None,
        audience: str,
        data: dict[str, Any],
    ) -> None:
        self.rows.append((at, actor, verb, target[0], str(target[1]), client, audience, data))


class Generator:
    def __init__(self, size: Size, seed: int) -> None:
        size.check()
        self.size = size
        self.rng = random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        self.password = make_password(PASSWORD)
        self.events = Pending()
        self.staff: dict[str, User] = {}
        self.ams: list[User] = []
        self.creatives: list[User] = []
        self.admins: list[User] = []

    # --- helpers ---------------------------------------------------------------------------

    def ago(self, days_max: float, days_min: float = 0) -> datetime:
        return self.now - timedelta(days=self.rng.uniform(days_min, days_max))

    def _user(
        self,
        email: str,
        name: str,
        *,
        kind: str,
        role: str = "",
        disciplines: list[str] | None = None,
        title: str = "",
    ) -> User:
        return User(
            email=email,
            name=name,
            kind=kind,
            staff_role=role,
            password=self.password,
            disciplines=disciplines or [],
            job_title=title,
            weekly_capacity_hours=Decimal("37.5"),
            date_joined=self.ago(900, 400),
        )

    def _person_name(self, n: int) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return f"{first} {last}", f"{first}.{last}.{n}".lower()

    # --- staff -----------------------------------------------------------------------------

    def make_staff(self) -> None:
        size = self.size
        personas = [
            ("erin", StaffRole.ADMIN, [], "Managing director"),
            ("alice", StaffRole.ACCOUNT_MANAGER, [], "Account manager"),
            ("max", StaffRole.ACCOUNT_MANAGER, [], "Account manager"),
            ("dan", StaffRole.CREATIVE, [Discipline.DESIGN], "Designer"),
            ("cora", StaffRole.CREATIVE, [Discipline.COPYWRITING], "Copywriter"),
            ("sam", StaffRole.CREATIVE, [Discipline.SOCIAL], "Social media manager"),
        ]
        users = [
            self._user(
                f"{n}@{AGENCY_DOMAIN}",
                f"{n.title()} Northwind",
                kind=Kind.STAFF,
                role=role,
                disciplines=[str(d) for d in ds],
                title=title,
            )
            for n, role, ds, title in personas
        ]
        roles = [StaffRole.ADMIN] * (size.admins - 1) + [StaffRole.ACCOUNT_MANAGER] * (
            size.account_managers - 2
        )
        roles += [StaffRole.CREATIVE] * (size.staff - len(personas) - len(roles))
        disciplines = [d.value for d in Discipline]
        for i, role in enumerate(roles):
            name, local = self._person_name(i)
            ds = [self.rng.choice(disciplines)] if role == StaffRole.CREATIVE else []
            users.append(
                self._user(
                    f"{local}@{AGENCY_DOMAIN}",
                    name,
                    kind=Kind.STAFF,
                    role=role,
                    disciplines=ds,
                    title=str(role.label),
                )
            )
        created = User.objects.bulk_create(users, batch_size=BATCH)
        by_role = {
            StaffRole.ADMIN: self.admins,
            StaffRole.ACCOUNT_MANAGER: self.ams,
            StaffRole.CREATIVE: self.creatives,
        }
        for (name, *_), user in zip(personas, created, strict=False):
            self.staff[name] = user
        for user in created:
            by_role[StaffRole(user.staff_role)].append(user)
            self.events.add(
                user.date_joined,
                self.staff["erin"].pk,
                "staff.invited",
                ("accounts.user", user.pk),
                client=None,
                audience=Audience.INTERNAL,
                data={"email": user.email, "role": user.staff_role},
            )

    # --- clients ---------------------------------------------------------------------------

    def _client_names(self) -> list[str]:
        combos = [f"{a} {n} {s}".strip() for a in ADJECTIVES for n in NOUNS for s in SUFFIXES]
        extra = self.size.clients - 2
        names = self.rng.sample(combos, min(extra, len(combos)))
        names += [f"Client {i:05d}" for i in range(extra - len(names))]
        return [ACME, GLOBEX, *names]

    def _account_manager_for(self, index: int) -> User:
        alice, max_ = self.staff["alice"], self.staff["max"]
        if index == 0 or 2 <= index < 2 + self.size.alice_clients - 1:
            return alice
        if index == 1:
            return max_
        others = [am for am in self.ams if am.pk != alice.pk]
        return others[index % len(others)]

    def make_clients(self) -> list[Client]:
        clients = []
        for i, name in enumerate(self._client_names()):
            industry = (
                INDUSTRIES[0]
                if name == ACME
                else INDUSTRIES[1]
                if name == GLOBEX
                else self.rng.choice(INDUSTRIES)
            )
            clients.append(
                Client(
                    name=name,
                    industry=industry,
                    account_manager=self._account_manager_for(i),
                    website=f"https://{name.lower().replace(' ', '-').replace('&', 'and')}.example",
                    created_at=self.ago(730, 60),
                    revision_rounds_included=self.rng.choice([1, 2, 3]),
                    response_target_hours=self.rng.choice([4, 8, 16]),
                    internal_notes="Generated for benchmarks.",
                )
            )
        clients = Client.objects.bulk_create(clients, batch_size=BATCH)
        brands = []
        for client in clients:
            brands.append(
                BrandProfile(
                    client=client,
                    voice_and_tone=self.rng.choice(VOICES),
                    dos="\n".join(self.rng.sample(DOS, 3)),
                    donts="\n".join(self.rng.sample(DONTS, 2)),
                    colours=[f"#{self.rng.randrange(0x1000000):06X}" for _ in range(3)],
                    updated_at=client.created_at,
                )
            )
            self.events.add(
                client.created_at,
                client.account_manager_id,
                "client.created",
                ("clients.client", client.pk),
                client=client.pk,
                audience=Audience.INTERNAL,
                data={"name": client.name, "account_manager": client.account_manager_id},
            )
        BrandProfile.objects.bulk_create(brands, batch_size=BATCH)
        return clients

    def make_teams(self, clients: list[Client]) -> None:
        forced = {
            ACME: [self.staff["dan"], self.staff["cora"]],
            GLOBEX: [self.staff["cora"], self.staff["sam"]],
        }
        memberships = []
        for client in clients:
            team = list(forced.get(client.name, []))
            pool = [c for c in self.creatives if c not in team]
            team += self.rng.sample(pool, min(len(pool), self.rng.randint(3, 8) - len(team)))
            memberships += [
                TeamMembership(
                    client=client, user=u, added_at=client.created_at + timedelta(hours=1)
                )
                for u in team
            ]
        names = {u.pk: u.name for u in self.creatives}
        for m in TeamMembership.objects.bulk_create(memberships, batch_size=BATCH):
            self.events.add(
                m.added_at,
                m.client.account_manager_id,
                "team.added",
                ("clients.teammembership", m.pk),
                client=m.client_id,
                audience=Audience.INTERNAL,
                data={"user": m.user_id, "name": names[m.user_id]},
            )

    def _contact_counts(self, n_clients: int, n_contacts: int) -> list[int]:
        counts = [2] * n_clients
        left = n_contacts - 2 * n_clients
        open_ = list(range(n_clients))
        while left > 0 and open_:
            i = self.rng.choice(open_)
            counts[i] += 1
            left -= 1
            if counts[i] == 12:
                open_.remove(i)
        return counts

    def make_contacts(self, clients: list[Client]) -> None:
        n_contacts = self.size.users - self.size.staff
        counts = self._contact_counts(len(clients), n_contacts)
        users: list[User] = []
        owners: list[tuple[Client, str]] = []
        personas = {
            ACME: [("carol", ContactRole.APPROVER), ("ray", ContactRole.REVIEWER)],
            GLOBEX: [("gus", ContactRole.APPROVER)],
        }
        roles = [
            ContactRole.APPROVER,
            ContactRole.REVIEWER,
            ContactRole.REVIEWER,
            ContactRole.VIEWER,
        ]
        for client, count in zip(clients, counts, strict=True):
            domain = client.name.split(" ")[0].lower() + ".test"
            for name, role in personas.get(client.name, []):
                users.append(
                    self._user(
                        f"{name}@{domain}",
                        f"{name.title()} {domain.split('.')[0].title()}",
                        kind=Kind.CONTACT,
                    )
                )
                owners.append((client, role))
            for _ in range(count - len(personas.get(client.name, []))):
                name, local = self._person_name(len(users))
                users.append(self._user(f"{local}@{domain}", name, kind=Kind.CONTACT))
                owners.append((client, self.rng.choice(roles)))
        # Contacts beyond 12 per client are people who used to work with the agency.
        for i in range(n_contacts - len(users)):
            name, local = self._person_name(len(users) + i)
            users.append(self._user(f"{local}@former.test", name, kind=Kind.CONTACT))
        users = User.objects.bulk_create(users, batch_size=BATCH)
        contacts = [
            Contact(client=c, user=u, role=role, added_at=c.created_at + timedelta(hours=2))
            for u, (c, role) in zip(users, owners, strict=False)
        ]
        for contact in Contact.objects.bulk_create(contacts, batch_size=BATCH):
            self.events.add(
                contact.added_at,
                contact.client.account_manager_id,
                "contact.added",
                ("clients.contact", contact.pk),
                client=contact.client_id,
                audience=Audience.CLIENT,
                data={"name": contact.user.name, "role": contact.role},
            )

    # --- events ----------------------------------------------------------------------------

    def make_activity(self, clients: list[Client]) -> None:
        """Everyday edits until the chain holds `size.events` events; Acme is a busy client."""
        weights = [20 if c.name == ACME else 1 for c in clients]
        teams: dict[int, list[int]] = {}
        for client_id, user_id in TeamMembership.objects.values_list("client_id", "user_id"):
            teams.setdefault(client_id, []).append(user_id)
        contacts_of: dict[int, list[tuple[int, str, str]]] = {}
        for pk, client_id, name, role in Contact.objects.values_list(
            "pk", "client_id", "user__name", "role"
        ):
            contacts_of.setdefault(client_id, []).append((pk, name, role))
        brand_of = dict(BrandProfile.objects.values_list("client_id", "pk"))
        fields = [
            "industry",
            "website",
            "internal_notes",
            "revision_rounds_included",
            "response_target_hours",
        ]
        for _ in range(max(0, self.size.events - len(self.events.rows))):
            client = self.rng.choices(clients, weights)[0]
            at = client.created_at + (self.now - client.created_at) * self.rng.random()
            actor = self.rng.choice([client.account_manager_id] * 3 + teams.get(client.pk, []))
            roll = self.rng.random()
            if roll < 0.45:
                self.events.add(
                    at,
                    actor,
                    "brand.updated",
                    ("clients.brandprofile", brand_of[client.pk]),
                    client=client.pk,
                    audience=Audience.CLIENT,
                    data={
                        "fields": sorted(
                            self.rng.sample(["voice_and_tone", "dos", "donts", "colours"], 2)
                        )
                    },
                )
            elif roll < 0.85 or not contacts_of.get(client.pk):
                changed = sorted(self.rng.sample(fields, self.rng.randint(1, 2)))
                audience = (
                    Audience.CLIENT
                    if set(changed) <= {"revision_rounds_included", "response_target_hours"}
                    else Audience.INTERNAL
                )
                self.events.add(
                    at,
                    client.account_manager_id,
                    "client.updated",
                    ("clients.client", client.pk),
                    client=client.pk,
                    audience=audience,
                    data={"fields": changed},
                )
            else:
                pk, name, role = self.rng.choice(contacts_of[client.pk])
                self.events.add(
                    at,
                    client.account_manager_id,
                    "contact.role_changed",
                    ("clients.contact", pk),
                    client=client.pk,
                    audience=Audience.CLIENT,
                    data={"name": name, "role": role},
                )

    def write_events(self) -> int:
        """Hash-chain every pending event in time order and insert them; returns the count."""
        prev = GENESIS_HASH
        rows = []
        for at, actor, verb, ttype, tid, client, audience, raw in sorted(
            self.events.rows, key=lambda r: r[0]
        ):
            data = json.loads(canonical_json(raw))  # exactly what record() stores
            digest = event_hash(
                prev_hash=prev,
                created_at=at,
                actor_id=actor,
                verb=verb,
                target_type=ttype,
                target_id=tid,
                client_id=client,
                audience=audience,
                data=data,
            )
            rows.append(
                Event(
                    created_at=at,
                    actor_id=actor,
                    verb=verb,
                    target_type=ttype,
                    target_id=tid,
                    client_id=client,
                    audience=audience,
                    data=data,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
        Event.objects.bulk_create(rows, batch_size=BATCH)
        last = Event.objects.order_by("-id").values_list("id", flat=True).first()
        ChainHead.objects.update_or_create(
            pk=1, defaults={"last_hash": prev, "last_event_id": last}
        )
        return len(rows)


def generate(size: Size, *, seed: int = 42) -> dict[str, int]:
    """Fill an empty, migrated database with the agency; returns what was created."""
    if Event.objects.exists() or User.objects.exists():
        raise RuntimeError("generate() needs an empty database (migrate a fresh one first).")
    gen = Generator(size, seed)
    with transaction.atomic():
        gen.make_staff()
        clients = gen.make_clients()
        gen.make_teams(clients)
        gen.make_contacts(clients)
        gen.make_activity(clients)
        gen.write_events()
        make_intake(clients, rng=gen.rng, now=gen.now)
        make_capacity(clients, rng=gen.rng, now=gen.now)
    return counts()


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "staff": User.objects.filter(kind=Kind.STAFF).count(),
        "account_managers": User.objects.filter(staff_role=StaffRole.ACCOUNT_MANAGER).count(),
        "contacts_users": User.objects.filter(kind=Kind.CONTACT).count(),
        "clients": Client.objects.count(),
        "team_memberships": TeamMembership.objects.count(),
        "contacts": Contact.objects.count(),
        "events": Event.objects.count(),
        "requests": Request.objects.count(),
        "briefs": Brief.objects.count(),
        "alice_clients": Client.objects.filter(
            account_manager__email=f"alice@{AGENCY_DOMAIN}"
        ).count(),
    }
