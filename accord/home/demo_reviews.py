"""Demo reviews: versions of the Acme and Globex deliverables (feed posts, a recipe card, a
key visual presented as a PDF, an email's copy), the rounds they went through inside the agency
and with the client, what reviewers said and decided, and the to-dos that came of it.

Its story is told on the work's timeline (`demo_work.Story` tells both in order): every status
a deliverable takes here is the review services' doing."""

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from accord.accounts.models import User
from accord.core.policy import Audience
from accord.home import demo_files
from accord.reviews.models import Comment, Decision, Reviewer, Round, Version
from accord.reviews.services import previews
from accord.reviews.services.comments import add_comment
from accord.reviews.services.rounds import Seat, decide, open_round
from accord.reviews.services.todos import add_todos
from accord.reviews.services.versions import add_version
from accord.work.models import Deliverable, Task

Moment = tuple[int, int, int]  # days ago, hour, minute
REVIEWER = Reviewer.Role.REVIEWER

RATES_EMAIL_V1 = """Subject: Our new mortgage rates, from 1 April

Dear {first_name},

From 1 April our two-year fixed mortgage starts at 4.19%. If your current deal ends this year, \
now is a good moment to look at what you could save.

Book a call with one of our mortgage advisers in your branch or online: it takes twenty minutes \
and there is no fee for the advice.

Representative example: borrowing £200,000 over 25 years at 4.19% fixed for two years, then \
our standard variable rate of 7.49%, the overall cost for comparison is 6.9% APRC.

Your home may be repossessed if you do not keep up repayments on your mortgage."""

RATES_EMAIL_V2 = RATES_EMAIL_V1.replace(
    "our two-year fixed mortgage starts at 4.19%.",
    "our two-year fixed mortgage starts at 4.19% (overall cost for comparison 6.9% APRC).",
)


def working_day(days_ago: int) -> int:
    """The days ago of the working day on or before `days_ago`: the review's steps land on
    working days, so none is folded onto a Friday and pushed after its evening."""
    day = timezone.localdate() - timedelta(days=days_ago)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return (timezone.localdate() - day).days


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _deliverable(job: str, title: str) -> Deliverable:
    return Deliverable.objects.get(job__title=job, title=title)


def _file(by: User, deliverable: Deliverable, upload: Any, note: str, **more: Any) -> Version:
    """A file version, with its previews made at once (the worker's job, done for the demo so
    its pages are there to pin comments on)."""
    version = add_version(by=by, deliverable=deliverable, upload=upload, note=note, **more)
    previews.make(version.pk)
    version.refresh_from_db()
    return version


def _pin(by: User, version: Version, body: str, x: float, y: float, *, page: int = 1) -> Comment:
    anchor = {"anchor": Comment.Anchor.POINT, "page": page, "x": x, "y": y}
    return add_comment(by=by, version=version, body=body, anchor=anchor)


def _passage(by: User, version: Version, words: str, body: str, **more: Any) -> Comment:
    start = version.copy_text.index(words)
    anchor = {"anchor": Comment.Anchor.RANGE, "start": start, "end": start + len(words)}
    return add_comment(by=by, version=version, body=body, anchor=anchor, **more)


def _due_in(days: int) -> datetime:
    """Five in the afternoon `days` from now (real time: a due time must lie ahead)."""
    day = timezone.localtime().date() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(17)))


def story() -> Iterator[Moment]:  # noqa: PLR0915 - one story, told in the order it happened
    """The review steps, each after the moment it yields (days ago, hour, minute)."""
    if Version.objects.exists() or Task.objects.exists():  # the work's story told already
        return
    alice, max_ = _user("alice@northwind.test"), _user("max@northwind.test")
    dan, cora, sam = (_user(f"{n}@northwind.test") for n in ("dan", "cora", "sam"))
    carol, ray, gus = _user("carol@acme.test"), _user("ray@acme.test"), _user("gus@globex.test")

    # Globex's rates email: Max sends Cora's first draft back, approves the second, and Gus
    # approves it for the client after two remarks on its wording.
    day = working_day(34)
    yield (day, 11, 0)
    email = _deliverable("Mortgage rates email", "Rates email")
    draft = add_version(by=cora, deliverable=email, copy_text=RATES_EMAIL_V1, note="First draft")
    yield (day, 11, 15)
    inside = open_round(by=max_, version=draft, stage=Round.Stage.INTERNAL, seats=[Seat(max_)])
    yield (day, 14, 0)
    _passage(
        max_,
        draft,
        "starts at 4.19%.",
        "Compliance will want the APRC right next to the headline rate, not only in the example.",
    )
    decide(
        by=max_,
        round=inside,
        verdict=Decision.Verdict.CHANGES_REQUIRED,
        note="Put the overall cost next to the rate in the first paragraph.",
    )
    yield (day, 15, 30)
    final = add_version(
        by=cora, deliverable=email, copy_text=RATES_EMAIL_V2, note="APRC next to the rate"
    )
    yield (day, 15, 45)
    inside = open_round(by=max_, version=final, stage=Round.Stage.INTERNAL, seats=[Seat(max_)])

    day = working_day(31)
    yield (day, 9, 30)
    decide(by=max_, round=inside, verdict=Decision.Verdict.APPROVED)
    yield (day, 9, 45)
    sent = open_round(by=max_, version=final, stage=Round.Stage.CLIENT, seats=[Seat(gus)])
    yield (day, 14, 0)
    asked = _passage(
        gus,
        final,
        "Book a call with one of our mortgage advisers",
        "Can we say “Book a free call”? The advice is free and that is the point.",
    )
    _passage(gus, final, "7.49%", "Checked against the rate sheet for April: correct.")
    yield (day, 15, 0)
    add_comment(
        by=max_,
        version=final,
        parent=asked,
        audience=Audience.CLIENT,
        managing=True,
        body="Good idea, Gus: “Book a free call” goes into the send.",
    )
    yield (day, 16, 30)
    decide(
        by=gus,
        round=sent,
        verdict=Decision.Verdict.APPROVED,
        note="Approved by compliance; send on 1 April at 8am.",
    )

    # Acme's recipe card: approved inside, then Carol and Ray ask for changes.
    day = working_day(20)
    yield (day, 11, 0)
    card = _deliverable("In-store tasting cards", "Recipe tasting card, A6")
    steps = ("Warm the lentils with the spice mix", "Fold in the roast peppers", "Serve on rye")
    first = _file(
        dan,
        card,
        demo_files.recipe_card("tasting-card-v1.png", "Smoky lentil toast", steps),
        "First layout, photo placeholder until the pack shots arrive",
    )
    yield (day, 11, 20)
    inside = open_round(by=alice, version=first, stage=Round.Stage.INTERNAL, seats=[Seat(alice)])
    yield (day, 15, 0)
    _pin(alice, first, "Allergen line sits close to the trim: fine for proofs.", 0.3, 0.92)
    decide(by=alice, round=inside, verdict=Decision.Verdict.APPROVED)
    yield (day, 15, 30)
    sent = open_round(
        by=alice,
        version=first,
        stage=Round.Stage.CLIENT,
        seats=[Seat(carol), Seat(ray, REVIEWER)],
    )
    day = working_day(17)
    yield (day, 10, 0)
    photo = _pin(ray, first, "The photo reads as curry, not toast: can we see the rye?", 0.5, 0.2)
    steps_note = _pin(ray, first, "Step 2 should say which peppers (ours are jarred).", 0.4, 0.6)
    yield (day, 14, 0)
    allergens = _pin(carol, first, "Allergens must be in bold, per our label rules.", 0.25, 0.92)
    decide(
        by=carol,
        round=sent,
        verdict=Decision.Verdict.CHANGES_REQUIRED,
        note="Close, but the photo and the allergen line need another pass.",
    )
    yield (day, 16, 0)
    _, steps_todo, allergens_todo = add_todos(
        by=alice,
        deliverable=card,
        items=[
            ("Show the toast and the rye in the photo", [photo.pk]),
            ("Name the jarred roast peppers in step 2", [steps_note.pk]),
            ("Set the allergen line in bold", [allergens.pk]),
        ],
    )

    # Globex's key visual, presented as a PDF: approved inside, then compliance's remarks.
    day = working_day(13)
    yield (day, 10, 0)
    visual = _deliverable("Branch poster refresh", "Key visual")
    deck = _file(
        dan,
        visual,
        demo_files.presentation(
            "key-visual-presentation.pdf",
            "Globex — branch poster refresh",
            (
                ("The key visual", "One rate, one promise: the headline carries the poster."),
                ("In the branch window", "A0 poster, seen from the street at two metres."),
                ("Full-page and half-page ads", "The same visual, cropped for print."),
            ),
        ),
        "Key visual and its three uses",
    )
    yield (day, 10, 20)
    inside = open_round(by=max_, version=deck, stage=Round.Stage.INTERNAL, seats=[Seat(max_)])
    yield (day, 15, 0)
    _pin(max_, deck, "Rate in the brand yellow would pop more — your call, Dan.", 0.3, 0.6, page=2)
    decide(by=max_, round=inside, verdict=Decision.Verdict.APPROVED)
    day = working_day(10)
    yield (day, 10, 0)
    sent = open_round(by=max_, version=deck, stage=Round.Stage.CLIENT, seats=[Seat(gus)])

    day = working_day(7)
    yield (day, 11, 0)
    _file(
        dan,
        card,
        demo_files.recipe_card(
            "tasting-card-v2.png",
            "Smoky lentil toast",
            ("Warm the lentils with the spice mix", "Fold in jarred roast peppers", "Serve on rye"),
        ),
        "Peppers named, allergens in bold; the photo waits for the pack shots",
        answers=[steps_todo.pk, allergens_todo.pk],
    )
    yield (day, 14, 0)
    _pin(gus, deck, "The rate needs “Representative” and the APRC beside it.", 0.3, 0.6, page=2)
    _pin(gus, deck, "Our logo must clear the window frame by 5 cm.", 0.78, 0.33, page=3)
    yield (day, 14, 20)
    decide(
        by=gus,
        round=sent,
        verdict=Decision.Verdict.CHANGES_REQUIRED,
        note="Compliance needs the APRC on every use of the rate (pages 2 and 3).",
    )

    # Acme's first two spring posts: one approved inside and waiting on Carol, the other
    # redone before anyone decided, its new version waiting for Alice and Sam.
    day = working_day(4)
    launch = "Spring plant-based launch"
    post_1, post_2 = _deliverable(launch, "Post 1"), _deliverable(launch, "Post 2")
    yield (day, 9, 30)
    greens = _file(
        dan,
        post_1,
        demo_files.social_post(
            "post-1.png", "Fresh. Green. Yours.", background="#2D6A4F", accent="#95D5B2"
        ),
        "Launch post, headline from Cora's line",
    )
    yield (day, 9, 45)
    inside = open_round(by=alice, version=greens, stage=Round.Stage.INTERNAL, seats=[Seat(alice)])
    yield (day, 10, 30)
    bowl = _file(
        dan,
        post_2,
        demo_files.social_post(
            "post-2.png", "Lunch, sorted.", background="#BC6C25", accent="#DDA15E"
        ),
        "Recipe post",
    )
    yield (day, 10, 45)
    open_round(by=alice, version=bowl, stage=Round.Stage.INTERNAL, seats=[Seat(alice)])
    yield (day, 15, 0)
    decide(by=alice, round=inside, verdict=Decision.Verdict.APPROVED)
    yield (day, 15, 20)
    open_round(
        by=alice,
        version=greens,
        stage=Round.Stage.CLIENT,
        seats=[Seat(carol), Seat(ray, REVIEWER)],
        due_at=_due_in(3),
    )

    day = working_day(1)
    yield (day, 10, 0)
    pinned = _pin(ray, greens, "Love the colours. Is the tomato on brand for spring?", 0.57, 0.48)
    _pin(ray, greens, "“Find it in store” — could it name Acme's shops?", 0.5, 0.87)
    yield (day, 11, 0)
    add_comment(
        by=alice,
        version=greens,
        parent=pinned,
        audience=Audience.CLIENT,
        managing=True,
        body="It is the roast tomato from the range, Ray: Carol's call.",
    )
    yield (day, 14, 0)
    brighter = _file(
        dan,
        post_2,
        demo_files.social_post(
            "post-2-brighter.png", "Lunch, sorted.", background="#DDA15E", accent="#FEFAE0"
        ),
        "Brighter ground: the first read too brown on a phone",
    )
    yield (day, 14, 20)
    open_round(
        by=alice,
        version=brighter,
        stage=Round.Stage.INTERNAL,
        seats=[Seat(alice), Seat(sam)],
        rule=Round.Rule.ALL,
    )
    yield (day, 15, 0)
    _pin(sam, brighter, "Headline is tight to the edge in the Instagram grid crop.", 0.5, 0.12)


def load(*, told: bool) -> list[str]:
    """What the review story made, when it was `told` now (with the work's)."""
    if not told:
        return []
    return [
        f"{Version.objects.count()} versions",
        f"{Round.objects.count()} review rounds",
        f"{Comment.objects.count()} comments",
    ]
