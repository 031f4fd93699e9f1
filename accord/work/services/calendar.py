"""A person's private calendar feed (ICS): made, turned off, and read by their calendar app.

The address carries a random token; only its SHA-256 is stored, with a short prefix to know it
by. Making a new address turns the old one off. The feed lists the person's due dates: open
tasks assigned to them, deliverables they own, and jobs they run — as all-day events.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from accord.accounts.models import User
from accord.core import events, policy
from accord.core.errors import IllegalTransition, NotAllowed
from accord.core.links import url_pattern
from accord.core.mail import absolute_url
from accord.core.policy import Audience
from accord.core.secrets import hash_secret, new_secret
from accord.work import queries
from accord.work.models import CalendarFeed, Deliverable, Job, Task

TOKEN_KIND = "cal"
# Due dates from a month ago to a year ahead, and no more than this many events.
DAYS_BEFORE, DAYS_AFTER = 30, 365
MAX_EVENTS = 1000
# A feed's use is written down at most this often: calendar apps poll every few minutes.
USE_NOTED_EVERY = timedelta(hours=1)
FINISHED_DELIVERABLES = (
    Deliverable.Status.DELIVERED,
    Deliverable.Status.PUBLISHED,
    Deliverable.Status.CANCELLED,
)


@dataclass(frozen=True)
class NewFeed:
    feed: CalendarFeed
    token: str  # shown once, in the address, never stored


def feed_path(token: str) -> str:
    return reverse("work:calendar_ics", kwargs={"token": token})


@transaction.atomic
def create_feed(*, by: User) -> NewFeed:
    """A new private address for the person's calendar; any older one stops working."""
    if not policy.is_staff_member(by):
        raise NotAllowed("Calendar feeds are for the agency's staff.")
    User.objects.select_for_update().filter(pk=by.pk).values_list("pk").get()
    now = timezone.now()
    CalendarFeed.objects.filter(user=by, revoked_at__isnull=True).update(revoked_at=now)
    secret = new_secret(TOKEN_KIND)
    feed = CalendarFeed.objects.create(
        user=by, prefix=secret.prefix, token_hash=secret.digest, created_at=now
    )
    events.record(
        actor=by,
        verb="calendar_feed.created",
        target=feed,
        audience=Audience.INTERNAL,
        data={"prefix": feed.prefix},
    )
    return NewFeed(feed=feed, token=secret.plaintext)


@transaction.atomic
def revoke_feed(*, by: User, feed: CalendarFeed) -> CalendarFeed:
    """Turn a calendar address off for good."""
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if feed.revoked_at is not None:
        raise IllegalTransition("This calendar address is off already.")
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    events.record(
        actor=by,
        verb="calendar_feed.revoked",
        target=feed,
        audience=Audience.INTERNAL,
        data={"prefix": feed.prefix},
    )
    return feed


def current_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_of_token(token: str) -> CalendarFeed | None:
    """The live feed a token opens (of an active staff member), or None."""
    if not token.startswith(f"{TOKEN_KIND}_") or len(token) > 200:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=hash_secret(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not policy.is_staff_member(feed.user):
        return None
    return feed


def note_use(feed: CalendarFeed) -> None:
    """Write down that the feed was read, at most once an hour (one cheap UPDATE)."""
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at >= USE_NOTED_EVERY:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)


@dataclass(frozen=True)
class DueDate:
    uid: str
    on: date
    summary: str
    url: str
    description: str


# What each kind of due date says: its summary, then its description (of the job and client).
WORDING = {
    "task": ("Due: {title} ({client})", "Task on the job “{job}” for {client}."),
    "deliverable": (
        "Deliverable due: {title} ({client})",
        "Deliverable of the job “{job}” for {client}.",
    ),
    "job": ("Job deadline: {title} ({client})", "The deadline of the job “{job}” for {client}."),
}


def _due(kind: str, thing: Task | Deliverable | Job, job: Job, url: str) -> DueDate:
    summary, description = WORDING[kind]
    words = {"title": thing.title, "client": job.client.name, "job": job.title}
    assert thing.due_on is not None  # the window's filter leaves out undated things
    return DueDate(
        uid=f"{kind}-{thing.pk}@accord",
        on=thing.due_on,
        summary=summary.format(**words),
        url=url,
        description=description.format(**words),
    )


def due_dates(user: User, *, today: date | None = None) -> list[DueDate]:
    """The person's due dates in the feed's window, soonest first, at most MAX_EVENTS."""
    today = today or timezone.localdate()
    window = (today - timedelta(days=DAYS_BEFORE), today + timedelta(days=DAYS_AFTER))
    job_url, task_url = (
        url_pattern("work:job_detail", "job_id"),
        url_pattern("work:task_detail", "task_id"),
    )
    # Only what the person may still see: work of a client or job they have left stays out.
    visible = queries.visible_to(user)
    tasks = (
        Task.objects.filter(
            assignee=user, due_on__range=window, job__in=visible, job__status__in=Job.LIVE
        )
        .exclude(status=Task.Status.DONE)
        .select_related("job__client")
        .order_by("due_on", "pk")[:MAX_EVENTS]
    )
    deliverables = (
        Deliverable.objects.filter(
            owner=user, due_on__range=window, job__in=visible, job__status__in=Job.LIVE
        )
        .exclude(status__in=FINISHED_DELIVERABLES)
        .select_related("job__client")
        .order_by("due_on", "pk")[:MAX_EVENTS]
    )
    jobs = (
        visible.filter(
            owner=user, due_on__range=window, status__in=(Job.Status.OPEN, Job.Status.ON_HOLD)
        )
        .select_related("client")
        .order_by("due_on", "pk")[:MAX_EVENTS]
    )
    found = [
        *(_due("task", task, task.job, absolute_url(task_url.format(task.pk))) for task in tasks),
        *(
            _due("deliverable", d, d.job, absolute_url(job_url.format(d.job_id)))
            for d in deliverables
        ),
        *(_due("job", job, job, absolute_url(job_url.format(job.pk))) for job in jobs),
    ]
    found.sort(key=lambda due: (due.on, due.uid))
    return found[:MAX_EVENTS]


def ics_of(user: User) -> bytes:
    """The person's due dates as an iCalendar file (all-day events with stable UIDs)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Accord//Due dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{settings.AGENCY_NAME}: {user.name or user.email}")
    stamp = timezone.now()
    for due in due_dates(user):
        event = Event()
        event.add("uid", due.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", due.on)
        event.add("dtend", due.on + timedelta(days=1))
        event.add("summary", due.summary)
        event.add("description", due.description)
        event.add("url", due.url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
