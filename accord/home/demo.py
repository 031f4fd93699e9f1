"""Demo data: Northwind Creative, its people and clients, built through the services."""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from accord.accounts.models import User
from accord.clients import services as clients
from accord.clients.models import Client
from accord.core.policy import ContactRole, Discipline, Kind, StaffRole
from accord.home.history import Timeline

PASSWORD = "accord-demo"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    role: str = ""
    title: str = ""
    disciplines: tuple[str, ...] = ()
    capacity: str = "37.5"


STAFF = [
    Person(
        "erin@northwind.test",
        "Erin Walsh",
        StaffRole.ADMIN,
        "Managing director",
        (Discipline.STRATEGY,),
    ),
    Person(
        "alice@northwind.test", "Alice Moreno", StaffRole.ACCOUNT_MANAGER, "Senior account manager"
    ),
    Person("max@northwind.test", "Max Okafor", StaffRole.ACCOUNT_MANAGER, "Account manager"),
    Person(
        "dan@northwind.test",
        "Dan Kowalski",
        StaffRole.CREATIVE,
        "Senior designer",
        (Discipline.DESIGN, Discipline.WEB),
    ),
    Person(
        "cora@northwind.test",
        "Cora Lindqvist",
        StaffRole.CREATIVE,
        "Copywriter",
        (Discipline.COPYWRITING, Discipline.STRATEGY),
        "30",
    ),
    Person(
        "sam@northwind.test",
        "Sam Achebe",
        StaffRole.CREATIVE,
        "Social media manager",
        (Discipline.SOCIAL, Discipline.VIDEO),
    ),
]


@dataclass(frozen=True)
class DemoClient:
    name: str
    industry: str
    website: str
    am: str
    team: tuple[str, ...]
    contacts: tuple[tuple[str, str, str], ...]  # email, name, role
    voice: str
    dos: str
    donts: str
    colours: tuple[str, ...]
    rounds: int = 2
    response_hours: int = 8
    notes: str = ""
    tags: list[str] = field(default_factory=list)


CLIENTS = [
    DemoClient(
        "Acme Foods",
        "Food & beverage",
        "https://acme.test",
        "alice@northwind.test",
        ("dan@northwind.test", "cora@northwind.test"),
        (
            ("carol@acme.test", "Carol Reyes", ContactRole.APPROVER),
            ("ray@acme.test", "Ray Jensen", ContactRole.REVIEWER),
        ),
        "Warm, plain-spoken and a little witty — the neighbour who always brings snacks. "
        "We talk about real kitchens and real families, never about 'consumers'.",
        "Show the food, not the packaging\nUse first names and everyday words\n"
        "Mention the family recipe heritage (since 1952)",
        "No health claims without legal sign-off\nNever show competitors' products\n"
        "No more than one exclamation mark per piece",
        ("#E4572E", "#F3A712", "#29335C", "#FFFFFF"),
        2,
        8,
        "Carol prefers a call before big creative changes. Budget year ends in March.",
    ),
    DemoClient(
        "Globex Bank",
        "Financial services",
        "https://globex.test",
        "max@northwind.test",
        ("cora@northwind.test", "sam@northwind.test"),
        (
            ("gus@globex.test", "Gus Lindgren", ContactRole.APPROVER),
            ("petra@globex.test", "Petra Novak", ContactRole.REVIEWER),
            ("leo@globex.test", "Leo Tanaka", ContactRole.VIEWER),
        ),
        "Calm, precise and reassuring. Short sentences. We explain, we never hype.",
        "Plain-English explanations of every product\nInclusive imagery\n"
        "Representative APR next to every rate",
        "No slang, no emoji in paid media\nNo 'guaranteed returns'\nNo stock photos of piggy banks",
        ("#0B3C5D", "#328CC1", "#D9B310", "#1D2731"),
        3,
        4,
        "Compliance review adds two business days to every approval.",
    ),
    DemoClient(
        "Bluebird Coffee Roasters",
        "Hospitality",
        "https://bluebird.test",
        "alice@northwind.test",
        ("sam@northwind.test", "dan@northwind.test"),
        (
            ("maya@bluebird.test", "Maya Chen", ContactRole.APPROVER),
            ("theo@bluebird.test", "Theo Brandt", ContactRole.VIEWER),
        ),
        "Curious, crafty and upbeat — we geek out about origin and roast, but never snobbishly.",
        "Credit the farmers by name\nShoot in natural light\nKeep captions under 150 characters",
        "No 'best coffee in town' claims\nNo disposable-cup hero shots",
        ("#2E4057", "#D1495B", "#EDAE49", "#F5F0E6"),
        2,
        8,
    ),
    DemoClient(
        "Lumen Health Clinics",
        "Healthcare",
        "https://lumenhealth.test",
        "max@northwind.test",
        ("cora@northwind.test", "dan@northwind.test"),
        (
            ("priya@lumenhealth.test", "Priya Raman", ContactRole.APPROVER),
            ("omar@lumenhealth.test", "Omar Haddad", ContactRole.REVIEWER),
        ),
        "Kind, clear and evidence-led. We speak to patients as adults and never scare them.",
        "Cite sources for any statistic\nShow real clinicians (with consent)\n"
        "Offer a next step in every piece",
        "No before/after images\nNo medical jargon without an explanation",
        ("#3D5A80", "#98C1D9", "#E0FBFC", "#EE6C4D"),
        2,
        8,
    ),
    DemoClient(
        "Harbor & Pine Hotels",
        "Travel & leisure",
        "https://harborpine.test",
        "alice@northwind.test",
        ("sam@northwind.test", "cora@northwind.test"),
        (("julia@harborpine.test", "Julia Castillo", ContactRole.APPROVER),),
        "Quietly luxurious and local: we sell the view, the breakfast and the silence.",
        "Feature local makers and suppliers\nUse seasonal imagery",
        "No crowded pool shots\nNever discount language like 'cheap' or 'deal'",
        ("#1B4332", "#95D5B2", "#D8F3DC", "#B08968"),
        2,
        16,
    ),
    DemoClient(
        "Kestrel Cycling",
        "Sports & outdoors",
        "https://kestrel.test",
        "max@northwind.test",
        ("sam@northwind.test",),
        (
            ("noah@kestrel.test", "Noah Fischer", ContactRole.APPROVER),
            ("ines@kestrel.test", "Ines Duarte", ContactRole.REVIEWER),
        ),
        "Fast, gritty and encouraging. Every rider is an athlete, whatever their pace.",
        "Show mud, sweat and real roads\nCelebrate community rides",
        "No unrealistic body imagery\nNo helmet-free riding shots",
        ("#FF6B35", "#004E89", "#1A659E", "#EFEFD0"),
        1,
        8,
    ),
]


def _logo(name: str, colours: tuple[str, ...]) -> SimpleUploadedFile:
    """A simple monogram logo in the brand's first two colours."""
    image = Image.new("RGB", (256, 256), colours[0])
    draw = ImageDraw.Draw(image)
    draw.ellipse((32, 32, 224, 224), fill=colours[1])
    initials = "".join(word[0] for word in name.split()[:2] if word[0].isalpha())
    draw.text((128, 128), initials, fill=colours[-1], anchor="mm", font_size=96)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def _person(person: Person, *, kind: str) -> User:
    user = User.objects.filter(email=person.email).first()
    if user is not None:
        return user
    return User.objects.create_user(
        person.email,
        PASSWORD,
        name=person.name,
        kind=kind,
        staff_role=person.role if kind == Kind.STAFF else "",
        job_title=person.title,
        disciplines=list(person.disciplines),
        weekly_capacity_hours=Decimal(person.capacity),
    )


@transaction.atomic
def load() -> list[str]:
    """Create whatever part of the demo is missing; safe to run again. Returns what it did."""
    done: list[str] = []
    day = Timeline().at
    with day(75, 9, 0):  # the agency's people, set up before its clients came on board
        staff = {p.email: _person(p, kind=Kind.STAFF) for p in STAFF}
    erin = staff["erin@northwind.test"]
    for n, spec in enumerate(CLIENTS):
        if Client.objects.filter(name=spec.name).exists():
            continue
        with day(70 - 3 * n, 9, 30):
            _onboard(spec, by=erin, am=staff[spec.am], staff=staff)
        done.append(spec.name)
    return done


def _onboard(spec: DemoClient, *, by: User, am: User, staff: dict[str, User]) -> None:
    """A client as its first days at the agency made it: the account, its brand, the team
    and the contacts."""
    client = clients.create_client(
        by=by,
        name=spec.name,
        account_manager=am,
        industry=spec.industry,
        website=spec.website,
        revision_rounds_included=spec.rounds,
        response_target_hours=spec.response_hours,
        internal_notes=spec.notes,
    )
    clients.update_brand(
        by=am,
        client=client,
        voice_and_tone=spec.voice,
        dos=spec.dos,
        donts=spec.donts,
        colours=list(spec.colours),
        logo=_logo(spec.name, spec.colours),
    )
    for email in spec.team:
        clients.add_team_member(by=am, client=client, user=staff[email])
    for email, name, role in spec.contacts:
        _person(Person(email, name, title="Client"), kind=Kind.CONTACT)
        clients.invite_contact(by=am, client=client, email=email, name=name, role=role)
