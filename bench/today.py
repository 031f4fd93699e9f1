"""Today for a busy account manager, made once per database: Tara runs 40 clients with 2,000
open items between them — client messages waiting on the agency (some past the response
target), new requests, internal reviews waiting on her, client decisions past due and email
to sort — the issue's measure for the Today list."""

import hashlib
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.conversations.models import Court, InboundEmail, Participant, Thread
from accord.core.policy import Audience, ContactRole, Kind, StaffRole
from accord.intake.models import Request
from accord.reviews.models import Reviewer, Round, Version
from accord.work.models import Deliverable, Job
from bench.context import BenchContext
from bench.generate import AGENCY_DOMAIN

CLIENTS = 40
MESSAGES, REQUESTS, REVIEWS, DECISIONS, TRIAGE = 900, 400, 300, 250, 150  # 2,000 in all
EMAIL = f"tara@{AGENCY_DOMAIN}"


def _tara(ctx: BenchContext) -> User:
    found = User.objects.filter(email=EMAIL).first()
    if found is None:
        found = User.objects.create_user(
            EMAIL,
            "bench",
            name="Tara Busy",
            kind=Kind.STAFF,
            staff_role=StaffRole.ACCOUNT_MANAGER,
        )
        _make_desk(found)
    ctx.users["tara"] = found
    return found


def _make_desk(tara: User) -> None:
    now = timezone.now()
    clients = Client.objects.bulk_create(
        Client(name=f"Today client {n:02d}", account_manager=tara, response_target_hours=8)
        for n in range(CLIENTS)
    )
    contacts = User.objects.bulk_create(
        User(
            email=f"today-contact-{n}@client{n}.test",
            name=f"Contact {n}",
            kind=Kind.CONTACT,
            staff_role="",
        )
        for n in range(CLIENTS)
    )
    Contact.objects.bulk_create(
        Contact(client=c, user=u, role=ContactRole.APPROVER)
        for c, u in zip(clients, contacts, strict=True)
    )
    threads = Thread.objects.bulk_create(
        Thread(
            client=clients[i % CLIENTS],
            audience=Audience.CLIENT,
            subject=f"Question {i} about the campaign",
            created_at=now - timedelta(hours=i),
            last_message_at=now - timedelta(hours=i // 2),
            last_message_id=i + 1,
            message_count=2,
            waiting_on=Court.AGENCY,
            waiting_since=now - timedelta(hours=i // 3),
        )
        for i in range(MESSAGES)
    )
    Participant.objects.bulk_create(Participant(thread=t, user=tara) for t in threads)
    Request.objects.bulk_create(
        Request(
            client=clients[i % CLIENTS],
            title=f"Request {i}: leaflets for the spring fair",
            what="Leaflets.",
            created_at=now - timedelta(hours=i),
        )
        for i in range(REQUESTS)
    )
    jobs = Job.objects.bulk_create(
        Job(client=c, title=f"Campaign for {c.name}", owner=tara, created_by=tara) for c in clients
    )
    deliverables = Deliverable.objects.bulk_create(
        Deliverable(job=jobs[i % CLIENTS], title=f"Post {i}", position=i)
        for i in range(REVIEWS + DECISIONS)
    )
    versions = Version.objects.bulk_create(
        Version(
            deliverable=d,
            client_id=d.job.client_id,
            number=1,
            kind=Version.Kind.COPY,
            copy_html="<p>Copy</p>",
            copy_text="Copy",
            sha256=hashlib.sha256(f"today-{d.pk}".encode()).hexdigest(),
            uploaded_by=tara,
        )
        for d in deliverables
    )
    rounds = Round.objects.bulk_create(
        Round(
            version=v,
            deliverable_id=v.deliverable_id,
            client_id=v.client_id,
            stage=Round.Stage.INTERNAL if i < REVIEWS else Round.Stage.CLIENT,
            opened_by=tara,
            opened_at=now - timedelta(hours=i),
            due_at=now - timedelta(hours=1 + i % 48),
            waiting_on=Round.Court.AGENCY if i < REVIEWS else Round.Court.CLIENT,
            waiting_since=now - timedelta(hours=i),
        )
        for i, v in enumerate(versions)
    )
    Reviewer.objects.bulk_create(
        Reviewer(
            round=r,
            user=tara if r.stage == Round.Stage.INTERNAL else contacts[n % CLIENTS],
        )
        for n, r in enumerate(rounds)
    )
    InboundEmail.objects.bulk_create(
        InboundEmail(
            raw=b"From: someone@unknown.test\r\nSubject: Hello\r\n\r\nHi",
            size=50,
            sha256=hashlib.sha256(f"today-{i}".encode()).hexdigest(),
            status=InboundEmail.Status.TRIAGE,
            reason="From someone Accord does not know.",
            sender="someone@unknown.test",
            subject=f"Hello {i}",
            client=clients[i % CLIENTS],
        )
        for i in range(TRIAGE)
    )


def home_page(ctx: BenchContext) -> str:
    _tara(ctx)
    return reverse("home:index")


def today_list(ctx: BenchContext) -> str:
    _tara(ctx)
    return reverse("home:today")
