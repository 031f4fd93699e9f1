"""Demo work: the jobs of the demo clients, planned from templates or by hand, their
deliverables and tasks moving along, time off and public holidays, and a month of time
logged by the creatives — one story in the order it happened.

The story is woven into the intake's (`Story` is the timeline both tell theirs on), so
the event chain keeps the order things happened in."""

import heapq
import random
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.core.models import Notification
from accord.home import demo_conversations, demo_reviews
from accord.home.history import Timeline
from accord.insights import demo_agreements
from accord.reviews.services import rounds as round_services
from accord.reviews.services import versions
from accord.work import rules
from accord.work.models import (
    Deliverable,
    Job,
    JobTemplate,
    PublicHoliday,
    Task,
    TimeEntry,
    TimeOff,
)
from accord.work.services import (
    add_job_member,
    capacity,
    create_job,
    finish_job,
    move_job,
    plan_job_from_template,
    tasks,
    time,
)
from accord.work.services.deliverables import add_deliverable, move_deliverable

Moment = tuple[int, int, int]  # days ago, hour, minute
BLOCKED_ON = "Waiting for Acme's final pack shots from their photographer"
CREATIVES = ("dan@northwind.test", "cora@northwind.test", "sam@northwind.test")
# Time is logged up to each task's estimate, but for these: the job overview has one to flag.
UNREAD = 3  # each person's latest notifications, still to read
OVERRUNS = {"Recipe card copy: three recipes": Decimal("1.4")}


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _today() -> date:
    return timezone.localdate()


def _monday(weeks: int) -> date:
    """The Monday `weeks` weeks from this one (1 = next week)."""
    today = _today()
    return today - timedelta(days=today.weekday()) + timedelta(weeks=weeks)


def _on(days: int) -> date:
    return _today() + timedelta(days=days)


def _next_week(days: int) -> date:
    """Next week's Monday (0) to Friday (4), or `days` after that Monday."""
    return _monday(1) + timedelta(days=days)


def _job(title: str) -> Job:
    return Job.objects.get(title=title)


DISCIPLINES = {"dan": "design", "cora": "copywriting", "sam": "social"}


def _task(job: Job, title: str, who: User, hours: str, due: date, **more: Any) -> Task:
    """A task the job's owner adds by hand, in the discipline of the creative it is for."""
    discipline = DISCIPLINES[who.email.split("@")[0]]
    assert job.owner is not None
    return tasks.add_task(
        by=job.owner,
        job=job,
        title=title,
        discipline=discipline,
        assignee=who,
        estimate_hours=hours,
        due_on=due,
        **more,
    )


def _plan(by: User, job: Job, template: str, people: dict[str, User]) -> list[Task]:
    """Plan the job from a seeded template and give each task to the person of its
    discipline."""
    plan_job_from_template(by=by, job=job, template=JobTemplate.objects.get(name=template))
    planned = list(Task.objects.filter(job=job).order_by("position"))
    for task in planned:
        who = people.get(task.discipline)
        if who is not None:
            tasks.assign_task(by=by, task=task, assignee=who)
    return list(Task.objects.filter(job=job).order_by("position"))


def _move(task: Task, *statuses: str, by: User | None = None, reason: str = "") -> None:
    for to in statuses:
        task.refresh_from_db()
        mover = by or task.assignee or task.job.owner
        assert mover is not None
        tasks.move_task(
            by=mover,
            task=task,
            to=to,
            base_status=task.status,
            reason=reason if to == rules.BLOCKED else "",
        )


def _finish(planned: list[Task], *indexes: int) -> None:
    for i in indexes:
        _move(planned[i], rules.DONE)


def _walk(by: User, deliverable: Deliverable, *statuses: str) -> None:
    """Move the deliverable through `statuses`; the client's steps go through a review round,
    as they must (a proof link as the version when it has none)."""
    for to in statuses:
        deliverable.refresh_from_db()
        if to in CLIENT_STEPS:
            _review_step(by, deliverable, to)
            continue
        move_deliverable(by=by, deliverable=deliverable, to=to, base_status=deliverable.status)


CLIENT_STEPS = {rules.CLIENT_REVIEW, rules.APPROVED, rules.CHANGES_REQUESTED}


def _review_step(by: User, deliverable: Deliverable, to: str) -> None:
    approver = (
        Contact.objects.filter(client_id=deliverable.job.client_id, role="approver")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if approver is None:  # a client without an approver: no one to review it in Accord
        move_deliverable(by=by, deliverable=deliverable, to=to, base_status=None, by_review=True)
        return
    if to == rules.CLIENT_REVIEW:
        version = deliverable.versions.order_by("-number").first() or versions.add_version(
            by=deliverable.owner or by,
            deliverable=deliverable,
            link_url=f"https://proofs.northwind.example/{deliverable.pk}/v1",
            note="Proof for review",
        )
        internal = round_services.open_round(
            by=by, version=version, stage="internal", seats=[round_services.Seat(by)]
        )
        round_services.decide(by=by, round=internal, verdict="approved")
        round_services.open_round(
            by=by, version=version, stage="client", seats=[round_services.Seat(approver.user)]
        )
        return
    open_round = deliverable.rounds.filter(stage="client", status="open").first()
    if open_round is None:
        _review_step(by, deliverable, rules.CLIENT_REVIEW)
        open_round = deliverable.rounds.get(stage="client", status="open")
    verdict = "approved" if to == rules.APPROVED else "changes_required"
    note = "" if verdict == "approved" else "A few changes, as discussed on the call."
    round_services.decide(by=approver.user, round=open_round, verdict=verdict, note=note)


def _deliverables(job: Job) -> list[Deliverable]:
    return list(Deliverable.objects.filter(job=job).order_by("position"))


TO_REVIEW = (rules.IN_PRODUCTION, rules.INTERNAL_REVIEW, rules.CLIENT_REVIEW)


def _order(moment: Moment) -> Moment:
    """Where a moment falls in the story: by the days ago it says, not by the working day it
    lands on (a weekend's steps land on the Friday before, after that Friday's own)."""
    days_ago, hour, minute = moment
    return (-days_ago, hour, minute)


class Story(Timeline):
    """The intake's timeline, with the work's story (and the reviews' and conversations'
    within it) told in between: before each moment the intake asks for, the steps that
    happened earlier are run."""

    def __init__(self) -> None:
        super().__init__()
        self._steps = heapq.merge(
            _story(),
            demo_reviews.story(),
            demo_conversations.story(),
            demo_agreements.story(),
            key=_order,
        )
        self._next: Moment | None = next(self._steps, None)
        self.told = self._next is not None

    def at(
        self, days_ago: int, hour: int = 10, minute: int = 0
    ) -> AbstractContextManager[datetime]:
        self.catch_up(before=(days_ago, hour, minute))
        return super().at(days_ago, hour, minute)

    def catch_up(self, before: Moment | None = None) -> None:
        while self._next is not None and (before is None or _order(self._next) < _order(before)):
            with super().at(*self._next):
                self._next = next(self._steps, None)


@transaction.atomic
def load(story: Story | None = None) -> list[str]:
    """Tell whatever is left of the work's story (all of it when the intake's was told
    before); nothing when the demo has work already."""
    story = story or Story()
    story.catch_up()
    if not story.told:
        return []
    # People read what they were told, but for their latest news.
    fresh = [
        pk
        for person in Notification.objects.order_by().values_list("user", flat=True).distinct()
        for pk in Notification.objects.filter(user=person)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:UNREAD]
    ]
    Notification.objects.exclude(pk__in=fresh).update(read_at=F("created_at") + timedelta(hours=1))
    return [f"{Job.objects.count()} jobs", f"{Task.objects.count()} tasks"]


class Timesheets:
    """The creatives' days: 5 to 7.5 hours, split over what they had on, logged at the end
    of each working day they were in."""

    def __init__(self, first: int) -> None:
        self.next_day = first
        self.dice = random.Random(9)  # noqa: S311 - the same demo every time, not a secret

    def until(self, days_ago: int) -> Iterator[Moment]:
        """Log every working day from the last one logged down to `days_ago` (included)."""
        while self.next_day >= max(days_ago, 1):
            day = _today() - timedelta(days=self.next_day)
            if day.weekday() < 5 and not PublicHoliday.objects.filter(on=day).exists():
                yield (self.next_day, 17, 45)
                for email in CREATIVES:
                    self._log(_user(email), day)
            self.next_day -= 1

    def _log(self, person: User, day: date) -> None:
        if TimeOff.objects.filter(user=person, starts_on__lte=day, ends_on__gte=day).exists():
            return
        mine = Task.objects.filter(assignee=person, job__status=Job.Status.OPEN)
        on = list(mine.filter(status=rules.DOING)) + list(
            mine.filter(status=rules.DONE, done_at__date=day)
        )
        on = [t for t in on if self._left(t) > 0] or [
            t for t in mine.exclude(status=rules.DONE).order_by("due_on") if self._left(t) > 0
        ][:2]
        if not on:
            return
        left = Decimal(self.dice.choice(["5", "5.5", "6", "6.5", "7", "7.5"]))
        if day.weekday() == 0:  # the Monday studio meeting
            time.log_time(
                by=person, job=on[0].job, on=day, hours="1", billable=False, note="Studio meeting"
            )
            left -= 1
        if self.dice.random() < 0.25:
            time.log_time(
                by=person,
                job=on[-1].job,
                task=on[-1],
                on=day,
                hours="0.5",
                billable=False,
                note="Internal review",
            )
            left -= Decimal("0.5")
        picked = self.dice.sample(on, min(len(on), 3))
        for n, task in enumerate(picked):
            share = left if n == len(picked) - 1 else (left / len(picked)).quantize(Decimal("0.5"))
            share = min(share, self._left(task))  # a day ends early when the work runs out
            if share > 0:
                time.log_time(by=person, job=task.job, task=task, on=day, hours=share)
                left -= share

    @staticmethod
    def _left(task: Task) -> Decimal:
        """Hours still to log on the task: its estimate (one task runs over, as one does)."""
        budget = (task.estimate_hours or Decimal(4)) * OVERRUNS.get(task.title, 1)
        logged = TimeEntry.objects.filter(task=task).aggregate(s=Sum("hours"))["s"] or 0
        return Decimal(budget - logged).quantize(Decimal("0.5"), rounding=ROUND_DOWN)


def _story() -> Iterator[Moment]:  # noqa: PLR0915 - one story, told in the order it happened
    if Task.objects.exists() or not Client.objects.filter(name="Acme Foods").exists():
        return
    erin, alice, max_ = (_user(f"{n}@northwind.test") for n in ("erin", "alice", "max"))
    dan, cora, sam = (_user(e) for e in CREATIVES)
    acme, globex = Client.objects.get(name="Acme Foods"), Client.objects.get(name="Globex Bank")
    bluebird = Client.objects.get(name="Bluebird Coffee Roasters")
    lumen = Client.objects.get(name="Lumen Health Clinics")
    harbor = Client.objects.get(name="Harbor & Pine Hotels")
    kestrel = Client.objects.get(name="Kestrel Cycling")
    studio = {"design": dan, "web": dan, "copywriting": cora, "social": sam, "video": sam}
    sheets = Timesheets(first=28)

    # Erin sets the agency's calendar: England's bank holidays, this year and next.
    yield (44, 9, 20)
    year = _today().year
    capacity.import_public_holidays(
        by=erin, country="GB", subdivision="ENG", years=[year, year + 1]
    )

    # Lumen: opening-hours posters, made and delivered; the newsletter redesign, cancelled.
    yield (42, 10, 0)
    posters = create_job(
        by=max_, client=lumen, title="New opening hours: clinic posters", due_on=_today()
    )
    poster = add_deliverable(
        by=max_, job=posters, title="A3 poster for six clinics", kind=Deliverable.Kind.PRINT_AD
    )
    hours_copy = _task(
        posters, "Write the opening-hours poster", cora, "3", _on(-30), deliverable=poster
    )
    hours_design = _task(
        posters,
        "Design the A3 poster and the six clinic versions",
        dan,
        "10",
        _on(-20),
        deliverable=poster,
        depends_on=hours_copy,
    )
    newsletter = create_job(
        by=max_, client=lumen, title="Patient newsletter redesign", due_on=_on(40)
    )
    _task(newsletter, "Audit the last six newsletters", cora, "4", _on(10))
    # Harbor & Pine and Kestrel: summer pieces, delivered and closed.
    yield (41, 15, 0)
    for client, owner, title, piece in (
        (harbor, alice, "Summer breakfast menu cards", "Menu card, A5 folded"),
        (kestrel, max_, "Club jersey launch posts", "Two feed posts"),
    ):
        summer = create_job(by=owner, client=client, title=title, due_on=_on(-35))
        made = add_deliverable(by=owner, job=summer, title=piece)
        _walk(owner, made, *TO_REVIEW, rules.APPROVED, rules.DELIVERED)
        finish_job(by=owner, job=summer)
    # Globex: a mortgage-rates email, done before the month began.
    yield (40, 11, 30)
    rates = create_job(by=max_, client=globex, title="Mortgage rates email", due_on=_on(-20))
    email = add_deliverable(by=max_, job=rates, title="Rates email", kind=Deliverable.Kind.EMAIL)
    rates_copy = _task(
        rates, "Write the rates email with APR lines", cora, "4", _on(-30), deliverable=email
    )
    yield (36, 10, 0)
    _move(hours_copy, rules.DOING)
    _move(rates_copy, rules.DOING)
    _walk(max_, poster, rules.IN_PRODUCTION)
    _walk(max_, email, rules.IN_PRODUCTION)

    # Acme: the spring launch (started from Carol's brief) planned from the social template.
    yield (32, 11, 0)
    spring = _job("Spring plant-based launch")
    add_job_member(by=alice, job=spring, person=sam)
    social = _plan(alice, spring, "Social campaign — 6 posts", {**studio, "strategy": alice})
    yield from sheets.until(30)
    _finish([hours_copy, rates_copy], 0, 1)
    _move(hours_design, rules.DOING)
    _move(social[0], rules.DOING)

    # Acme: in-store tasting cards, straight from a call with Carol.
    yield (29, 14, 30)
    cards = create_job(
        by=alice,
        client=acme,
        title="In-store tasting cards",
        due_on=_next_week(4),
        notes="Carol wants them in stores for the first tasting weekend.",
    )
    card, wobbler = (
        add_deliverable(by=alice, job=cards, title=t, kind=Deliverable.Kind.PRINT_AD, owner=dan)
        for t in ("Recipe tasting card, A6", "Shelf wobbler")
    )
    card_copy = _task(
        cards, "Recipe card copy: three recipes", cora, "5", _on(-14), deliverable=card
    )
    artwork = _task(
        cards,
        "Final artwork with pack shots",
        dan,
        "6",
        _next_week(2),
        deliverable=card,
        priority=Task.Priority.HIGH,
        checklist=["Place the pack shots", "Check the allergen line", "Export print PDF"],
    )
    _task(cards, "Shelf wobbler design and die-line", dan, "8", _next_week(3), deliverable=wobbler)
    yield from sheets.until(27)
    _finish(social, 0)
    _move(social[1], rules.DOING)
    _move(social[2], rules.DOING)
    _move(card_copy, rules.DOING)
    _walk(max_, email, rules.DELIVERED)  # approved by Gus (demo_reviews)

    # Globex: the branch posters need a refresh; Max plans it from the print template.
    yield (26, 9, 40)
    finish_job(by=max_, job=rates)
    refresh = create_job(
        by=max_,
        client=globex,
        title="Branch poster refresh",
        due_on=_next_week(4),
        notes="Twelve branches; compliance adds two days to every approval.",
    )
    add_job_member(by=max_, job=refresh, person=dan)
    print_ad = _plan(max_, refresh, "Print ad campaign", {**studio, "strategy": cora})
    _move(print_ad[0], rules.DOING)
    # Kestrel: the spring ride video, from the video template.
    yield (25, 11, 15)
    ride = create_job(by=max_, client=kestrel, title="Spring ride video", due_on=_next_week(25))
    video = _plan(max_, ride, "Product launch video (30s)", {**studio, "strategy": sam})
    _move(video[0], rules.DOING)
    yield from sheets.until(23)
    _finish(social, 1, 2)
    _finish(print_ad, 0)
    _finish([card_copy], 0)
    _finish(video, 0)
    _move(video[1], rules.DOING, by=cora)
    for i in (1, 2):
        _move(print_ad[i], rules.DOING)
    for i in (3, 4):  # the first two post designs
        _move(social[i], rules.DOING)
    for post in _deliverables(spring)[:2]:
        _walk(alice, post, rules.IN_PRODUCTION)
    _walk(alice, card, rules.IN_PRODUCTION)

    # Bluebird: cold-brew posts for Sam and Dan, added by hand.
    yield (22, 15, 0)
    brew = create_job(
        by=alice, client=bluebird, title="Cold brew launch posts", due_on=_next_week(4)
    )
    brew_post = add_deliverable(
        by=alice,
        job=brew,
        title="Three feed posts",
        kind=Deliverable.Kind.SOCIAL_POST,
        channel="Instagram",
    )
    brew_plan = _task(
        brew,
        "Shot list and captions for the three posts",
        sam,
        "6",
        _today(),
        deliverable=brew_post,
    )
    _task(
        brew,
        "Design the three cold brew posts",
        dan,
        "7.5",
        _next_week(4),
        deliverable=brew_post,
        depends_on=brew_plan,
    )
    _move(brew_plan, rules.DOING)
    yield from sheets.until(18)
    _finish([hours_design], 0)
    _walk(max_, poster, rules.INTERNAL_REVIEW, rules.CLIENT_REVIEW, rules.APPROVED, rules.DELIVERED)
    _move(artwork, rules.BLOCKED, reason=BLOCKED_ON)

    yield from sheets.until(17)
    # Bluebird: Cora writes the product copy Maya signed off.
    yield (16, 11, 0)
    copy_job = _job("Single-origin product descriptions")
    words = add_deliverable(
        by=alice,
        job=copy_job,
        title="Six descriptions and a range intro",
        kind=Deliverable.Kind.COPY,
        channel="Shopify",
        owner=cora,
    )
    descriptions = _task(
        copy_job,
        "Write the six descriptions, 80–100 words each",
        cora,
        "8",
        _on(-10),
        deliverable=words,
    )
    _move(descriptions, rules.DOING)
    _walk(alice, words, rules.IN_PRODUCTION)
    yield from sheets.until(16)

    # Harbor & Pine: a landing page for the autumn rooms, from the landing-page template.
    yield (15, 10, 45)
    finish_job(by=max_, job=posters)
    move_job(by=max_, job=newsletter, to=Job.Status.CANCELLED, was=Job.Status.OPEN)
    landing = create_job(
        by=alice, client=harbor, title="Autumn rooms landing page", due_on=_next_week(11)
    )
    page = _plan(alice, landing, "Website landing page", {**studio, "strategy": alice})
    _finish(page, 0)
    _move(page[1], rules.DOING)
    _task(landing, "Hero illustration of the lake at dawn", dan, "6", _next_week(2))
    yield from sheets.until(12)
    _finish(print_ad, 1, 2)
    _move(print_ad[3], rules.DOING)
    _move(print_ad[4], rules.DOING)
    _finish(video, 1)
    _move(video[2], rules.DOING)

    yield from sheets.until(11)

    # Cora books her holiday; the copy for the landing page goes ahead of it.
    yield (10, 16, 30)
    _finish([descriptions], 0)
    _walk(alice, words, rules.INTERNAL_REVIEW, rules.CLIENT_REVIEW, rules.APPROVED)
    _walk(alice, words, rules.DELIVERED)
    capacity.record_time_off(
        by=cora,
        person=cora,
        starts_on=_monday(2),
        ends_on=_monday(2) + timedelta(days=4),
        kind=TimeOff.Kind.HOLIDAY,
        note="Family visit in Gothenburg",
    )
    yield from sheets.until(8)
    _finish(page, 1)
    _move(page[2], rules.DOING)
    _finish(video, 2)
    _walk(max_, _deliverables(ride)[0], *TO_REVIEW, rules.APPROVED)
    _finish(social, 3)
    _walk(alice, _deliverables(landing)[0], *TO_REVIEW)

    yield from sheets.until(6)

    # Kestrel moved the ride to May: the video waits.
    yield (5, 11, 10)
    move_job(by=max_, job=ride, to=Job.Status.ON_HOLD, was=Job.Status.OPEN)
    yield from sheets.until(3)
    _finish([brew_plan], 0)
    _walk(alice, brew_post, rules.IN_PRODUCTION)
    _walk(alice, _deliverables(landing)[0], rules.APPROVED)
    yield from sheets.until(1)
    # The card, the key visual, the rates email and the first posts go through their reviews
    # in demo_reviews' story, told alongside this one.
