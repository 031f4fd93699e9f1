"""The demo's meeting notes, told on the work's timeline (`home.demo_work.Story` merges this
story with the others): Alice's notes of Acme's spring launch kick-off, which Carol confirms by
replying "Confirmed" to the email; her notes of the recipes workshop, which Ray corrects in the
portal (Alice checks the number with Carol before she revises them); her notes of the barbecue
shoot call, still waiting for Acme; and Max's notes of Globex's compliance review, which Gus
confirms on their page.

The sign-offs and client approvals in the demo's story join what was agreed by themselves, as
they happen (the listeners in `insights.services.agreements`)."""

from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client
from accord.conversations.models import InboundEmail, ReplyAddress, Thread
from accord.conversations.services import inbound, threads
from accord.core.demo_days import days_back, workday, working_day
from accord.core.models import OutboundEmail
from accord.insights.models import Agreement, MeetingNote
from accord.insights.services import notes
from accord.work.models import Task

Moment = tuple[int, int, int]  # days ago, hour, minute
PEER = "198.51.100.25"  # the agency's mail server, handing mail on to `accord mail-in`
S = MeetingNote.Status

CAROL_SIGNATURE = "Carol Reyes\nHead of Marketing, Acme Foods\n0113 496 0321 · acme.test"
KICKOFF = """Thanks all for the time today. What we agreed:

- **Channels:** Instagram at launch (3 April); TikTok waits for the summer, as legal asked.
- **Posts:** six feed posts and twelve stories over the first three weeks, one product each.
- **Claims:** no health claims anywhere; "same family recipes since 1952" is fine to use.
- **Shoot:** pack shots and one family table scene, at the Leeds test kitchen.
- **Budget:** £12,000 including the shoot, as in the signed brief.

Next steps:

1. Carol sends the final store list (40 stores) by Friday.
2. Dan shares three moodboard routes next Wednesday.
3. Ray checks the product names against the packaging."""
WORKSHOP = """What we agreed in the workshop:

- The recipes section launches with **20 recipes**, each with a photo and a printable card.
- Filters: meal, time to cook, and "plant-based".
- Acme's kitchen team writes the recipes; Cora edits them for the web.
- The section goes live with the spring range, linked from every product page."""
BARBECUE = """Thanks for the call. To sum up:

- One shoot day in the second week of May, outdoors if the weather allows, with a covered
  backup at the test kitchen.
- Four display sizes from one key visual; the 300x250 is the priority.
- Acme supplies the full barbecue range two days before the shoot.
- Budget for the shoot: £4,500, inside the brief's total."""
COMPLIANCE = """Notes of our review of the branch poster with the compliance committee:

- The APRC appears on the key visual at the size the committee asked for (at least 12pt).
- "Representative example" sits directly under the rate.
- The photography stays as approved; no change to the headline.
- Globex's legal team signs off the final artwork before it goes to print."""
CORRECTION = (
    "One correction: we agreed 24 recipes at launch, not 20 — the four plant-based ones "
    "from the spring range are in from day one."
)


def _reply_by_email(person: User, thread: Thread, words: str, *, written: datetime) -> None:
    """`person` answers the email they had with the notes, from their mail program: stored
    raw and processed as `accord mail-in` and the worker would."""
    address = ReplyAddress.objects.filter(thread=thread, user=person).latest("id")
    sent = OutboundEmail.objects.get(message_id=address.message_id)
    mail = EmailMessage()
    mail["From"] = formataddr((person.name, person.email))
    mail["To"] = sent.reply_to
    mail["Subject"] = f"Re: {sent.subject}"
    mail["Date"] = format_datetime(written)
    mail["Message-ID"] = make_msgid(domain=person.email.rpartition("@")[2])
    mail["In-Reply-To"] = sent.message_id
    mail["References"] = sent.message_id
    quoted = "\n".join(f"> {line}" if line else ">" for line in sent.text.strip().splitlines())
    said = f"On {timezone.localtime(sent.created_at):%a, %-d %b %Y at %H:%M}, Accord wrote:"
    mail.set_content(f"{words}\n\n-- \n{CAROL_SIGNATURE}\n\n{said}\n\n{quoted}\n")
    email = inbound.store(
        raw=mail.as_bytes(), peer=PEER, mail_from=person.email, rcpt_to=[sent.reply_to]
    )
    inbound.process(email_id=email.pk)
    email.refresh_from_db()
    if email.status != InboundEmail.Status.THREADED:  # a demo that lost its email tells another
        raise RuntimeError(f"Demo reply {email.subject!r} is {email.status}: {email.reason}")


def story() -> Iterator[Moment]:
    """The notes' steps, each after the moment it yields (days ago, hour, minute)."""
    if MeetingNote.objects.exists() or Task.objects.exists():  # told already
        return
    who = {u.email.partition("@")[0]: u for u in User.objects.all()}
    alice, max_, carol, ray, gus = (who[n] for n in ("alice", "max", "carol", "ray", "gus"))
    acme, globex = Client.objects.get(name="Acme Foods"), Client.objects.get(name="Globex Bank")

    # Acme's spring launch kick-off: Alice sends the notes that afternoon; Carol replies
    # "Confirmed" from her inbox the next morning.
    yield (days_back(24), 16, 10)
    kickoff = notes.record_note(
        by=alice,
        client=acme,
        title="Spring launch kick-off",
        held_on=working_day(24),
        attendees="Carol Reyes, Ray Jensen, Alice, Dan",
        body=KICKOFF,
    )
    yield (days_back(23), 9, 5)
    assert kickoff.thread is not None
    _reply_by_email(
        carol,
        kickoff.thread,
        "Confirmed, thanks Alice \u2014 great call.",
        written=workday(days_back(23), 9, 5),
    )

    # The recipes workshop: Ray corrects the number of recipes in the portal.
    yield (days_back(9), 17, 5)
    workshop = notes.record_note(
        by=alice,
        client=acme,
        title="Recipes section: content workshop",
        held_on=working_day(9),
        attendees="Carol Reyes, Ray Jensen, Alice, Cora",
        body=WORKSHOP,
    )
    yield (days_back(8), 11, 40)
    notes.correct(by=ray, note=workshop, text=CORRECTION)
    # Alice checks the number with Carol before revising: the conversation waits on Acme.
    yield (days_back(8), 14, 20)
    assert workshop.thread is not None
    threads.post(
        by=alice,
        thread=workshop.thread,
        body="Thanks Ray, good catch. Carol, can you confirm 24 recipes at launch? I'll send "
        "the revised notes as soon as you do.",
    )

    # Globex's compliance review: Gus confirms Max's notes on their page.
    yield (days_back(6), 15, 20)
    compliance = notes.record_note(
        by=max_,
        client=globex,
        title="Branch poster: compliance review",
        held_on=working_day(6),
        attendees="Gus Lindgren, Petra Novak, Max",
        body=COMPLIANCE,
    )
    yield (days_back(5), 14, 35)
    notes.confirm(by=gus, note=compliance, sha256=compliance.sha256)

    # The barbecue shoot call: the notes wait for Acme (sent before Alice's message asking for
    # the ads' sign-off, which stays Acme's latest conversation).
    yield (days_back(3), 16, 45)
    notes.record_note(
        by=alice,
        client=acme,
        title="Summer barbecue ads: shoot planning call",
        held_on=working_day(3),
        attendees="Carol Reyes, Alice, Sam",
        body=BARBECUE,
    )


def load(*, told: bool) -> list[str]:
    """What the demo's record of what was agreed holds, when the story was `told` now."""
    if not told:
        return []
    kinds = dict(Agreement.Kind.choices)
    counts = [
        f"{Agreement.objects.filter(kind=kind).count()} {label.lower()}"
        for kind, label in kinds.items()
    ]
    waiting = MeetingNote.objects.filter(status=S.AWAITING).count()
    corrected = MeetingNote.objects.filter(status=S.CORRECTED).count()
    return [
        "agreed: " + ", ".join(counts),
        f"{MeetingNote.objects.count()} meeting notes ({waiting} waiting, {corrected} corrected)",
    ]
