"""Demo conversations: what the clients and the agency said to each other over the last two
weeks, on the demo's jobs, briefs and deliverables. Client messages relayed to the team with
to-dos, the team's answers, the account manager's replies in their own words; a job opened to
its team so the social manager talks to the client himself; @mentions, an edited message, files;
replies that came by email (quoted history and signatures taken off), an out-of-office answer,
an email for the triage queue and one that opened a request. Whose court each conversation is
in differs: Acme's tasting-card question has waited past Acme's response target.

Its story is told on the work's timeline (`demo_work.Story` tells it in order with the work's and
the reviews'). Its moments are counted in working days back (`_back`), never folded onto the
Friday before a weekend, so the steps keep their order whatever day the demo is loaded on."""

from collections.abc import Iterator
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from accord.accounts.models import User
from accord.clients.models import Client
from accord.conversations.models import InboundEmail, Message, Thread, Todo
from accord.conversations.services import inbound, relays, threads
from accord.conversations.services.relays import TodoLine
from accord.core.demo_days import days_back, workday, working_day
from accord.core.policy import Audience
from accord.home import demo_files, demo_mail
from accord.home.demo_mail import MailProgram
from accord.intake.models import Brief
from accord.work.models import Deliverable, Job, Task

Moment = tuple[int, int, int]  # days ago, hour, minute
S = InboundEmail.Status

CAROL_SIGNATURE = "Carol Reyes\nHead of Marketing, Acme Foods\n0113 496 0321 · acme.test"
NOAH_SIGNATURE = "Noah Fischer | Head of Brand\nKestrel Cycling\n+44 161 496 0754"
HANNAH_SIGNATURE = "Hannah Berg\nLegal Counsel, Acme Foods\nThis email is confidential."
MAYA_SIGNATURE = "Maya Chen\nFounder, Bluebird Coffee Roasters\nbluebird.test · @bluebirdroasters"


def _spoken(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _client(name: str) -> Client:
    return Client.objects.get(name=name)


def _job(title: str) -> Job:
    return Job.objects.get(title=title)


def _last(thread: Thread) -> Message:
    return thread.messages.latest("id")


def _tick_all(person: User, message: Message) -> None:
    """The person ticks off the to-dos they were given with `message`."""
    for todo in Todo.objects.filter(message=message, assignee=person, done_at=None):
        relays.tick(by=person, todo=todo, done=True)


def _read(thread: Thread, *people: User) -> None:
    """They read the thread up to its newest message."""
    thread.refresh_from_db()
    for person in people:
        threads.mark_read(user=person, thread=thread)


def _file(upload: SimpleUploadedFile) -> demo_mail.File:
    """A file made for the demo, as an email's attachment."""
    return (upload.name or "file", upload.content_type or "application/octet-stream", upload.read())


def story() -> Iterator[Moment]:  # noqa: PLR0915 - one story, told in the order it happened
    """The conversation steps, each after the moment it yields (days ago, hour, minute)."""
    if Thread.objects.exists() or Task.objects.exists():  # the work's story told already
        return
    # Everyone in the demo by the name before the @ of their address.
    who = {u.email.partition("@")[0]: u for u in User.objects.all()}
    alice, max_, dan, cora, sam = (who[n] for n in ("alice", "max", "dan", "cora", "sam"))
    carol, ray, gus, petra = (who[n] for n in ("carol", "ray", "gus", "petra"))
    maya, priya, omar, julia = (who[n] for n in ("maya", "priya", "omar", "julia"))
    noah, ines = who["noah"], who["ines"]
    acme, globex = _client("Acme Foods"), _client("Globex Bank")
    bluebird, harbor = _client("Bluebird Coffee Roasters"), _client("Harbor & Pine Hotels")
    lumen, kestrel = _client("Lumen Health Clinics"), _client("Kestrel Cycling")

    # Bluebird: Alice opens the cold brew job to its team, so Sam plans the shoot with Maya.
    yield (days_back(8), 10, 20)
    brew = _job("Cold brew launch posts")
    threads.set_team_voice(by=alice, job=brew, open=True)
    shoot = threads.start_thread(
        by=alice,
        client=bluebird,
        audience=Audience.CLIENT,
        subject="Cold brew shoot",
        job=brew,
        people=[maya, sam],
        body="Hi Maya, meet Sam: he's planning and shooting the three cold brew posts, so I've "
        "opened this conversation to him. He'll sort the details of the shoot with you "
        "directly, and I'm reading along.",
    )
    yield (days_back(8), 14, 10)
    threads.post(
        by=sam,
        thread=shoot,
        body="Hi Maya! Two things for the shot list:\n\n"
        "1. Could we shoot at the café one morning before you open? The light through the "
        "front window is lovely on glass bottles.\n"
        "2. Which farm is the cold brew from? Your brand notes say we credit the farmers by "
        "name, and I'd love to do that in the captions.",
    )

    # Acme: Carol asks whether the launch can skip TikTok; the team answers, Alice replies.
    yield (days_back(7), 9, 40)
    spring = _job("Spring plant-based launch")
    launch = threads.start_thread(
        by=carol,
        client=acme,
        audience=Audience.CLIENT,
        subject="Launch without TikTok?",
        job=spring,
        people=[ray],
        body="Hi Alice, our legal team is nervous about TikTok for the launch: they worry about "
        "the comments, and nobody here can moderate at weekends. Could we launch on Instagram "
        "only and keep TikTok for the summer? What would we lose?",
    )
    yield (days_back(7), 11, 15)
    relayed = relays.relay_to_team(
        by=alice,
        source=_last(launch),
        body="Acme's legal team would rather not be on TikTok at launch (moderation at "
        "weekends). Carol asks whether we can launch on Instagram only and keep TikTok for "
        "the summer, and what it costs us. Before I answer:",
        todos=[
            TodoLine("Check the three reels work as Instagram Reels without TikTok edits", sam),
            TodoLine("Say what the TikTok share of the paid boost could move to", sam),
            TodoLine("Rewrite the two TikTok hooks as story frames", cora),
        ],
    )
    team = relayed.thread
    yield (days_back(7), 15, 30)
    threads.post(
        by=maya,
        thread=shoot,
        body="Hi Sam! Any weekday before 10 works, we open at 10. The cold brew is our Brazil "
        "Cerrado from Fazenda Santa Inês, the Ribeiro family's farm: please do credit them, "
        "they'll be thrilled.",
    )

    yield (days_back(6), 10, 5)
    threads.post(
        by=sam,
        thread=team,
        body="@alice the reels are 9:16 and 15 seconds already, so they go to Reels as they are; "
        "only the on-screen captions change. The £1,000 we had on TikTok would do more as "
        "Instagram stories aimed at the 40 stores' postcodes.",
    )
    _tick_all(sam, relayed)
    yield (days_back(6), 11, 40)
    words = threads.post(
        by=cora,
        thread=team,
        body="Both TikTok hooks work as the first frame of a story: “Same recipe. Now with "
        "plants.” and “Grandma's meatballs, no meat.” No copy lost.",
    )
    _tick_all(cora, relayed)
    yield (days_back(6), 15, 50)
    _read(team, alice, sam)
    relays.reply_to_client(
        by=alice,
        source=words,
        body="Good news, Carol: we lose very little. The three reels run as Instagram Reels as "
        "they are, both TikTok opening lines become story frames, and we'd move the TikTok "
        "part of the boost to stories for shoppers near the 40 stores. If legal is happy, "
        "change the channels in the brief and we'll re-plan from there.",
    )

    # Kestrel: the ride moves to May; the video waits for the real thing.
    yield (days_back(6), 16, 30)
    ride = threads.start_thread(
        by=noah,
        client=kestrel,
        audience=Audience.CLIENT,
        subject="Spring ride video: new date",
        job=_job("Spring ride video"),
        people=[ines],
        body="Max, bad news from the council: the road closure for the spring ride only came "
        "through for 10 May, so the ride moves. Can the video wait? We'd rather film the real "
        "ride with real riders than stage one.",
    )
    yield (days_back(6), 17, 5)
    threads.post(
        by=max_,
        thread=ride,
        body="Of course, Noah: real riders on real roads is the whole point of the film. I'll "
        "put the job on hold until the new date, and Sam will move the crew.",
    )

    # Carol answers Alice's reply from her inbox; nothing more is needed from anyone.
    sent = (days_back(5), 9, 50)
    yield sent
    _read(launch, carol)
    demo_mail.reply(
        written=workday(*sent),
        person=carol,
        thread=launch,
        words="Thanks Alice, that's a relief. Legal has confirmed: Instagram only at launch, "
        "TikTok waits for the summer.\n\nI'll update the channels in the brief this week.",
        signature=CAROL_SIGNATURE,
        style=MailProgram.GMAIL,
    )
    yield (days_back(5), 10, 30)
    threads.clear_court(by=alice, thread=launch)

    # Globex: Gus's video brief says "Everyone"; Max asks the team who it is really for.
    yield (days_back(5), 11, 20)
    video_brief = Brief.objects.get(title="Savings app launch video")
    audience = threads.start_thread(
        by=max_,
        client=globex,
        audience=Audience.INTERNAL,
        subject="Savings app video: who is it for?",
        brief=video_brief,
        body="Gus's first pass at the savings app video brief says the audience is "
        "“Everyone”. Before I go back to him: @cora @sam, who would you make this for? The "
        "board wants awareness among young savers.",
    )
    yield (days_back(5), 14, 0)
    threads.post(
        by=cora,
        thread=audience,
        body="People of 18 to 30 who've just had their first proper payslip. The round-ups are "
        "the hook: “Save without thinking about it.”",
    )

    # Acme: Ray asks whether the tasting cards make the first weekend. Alice passes it to Dan
    # and waits for his answer, while Acme's response clock runs.
    yield (days_back(4), 9, 20)
    cards = threads.start_thread(
        by=ray,
        client=acme,
        audience=Audience.CLIENT,
        subject="Tasting cards for the first weekend",
        job=_job("In-store tasting cards"),
        people=[carol],
        body="Good news: our photographer sends the final pack shots in the next few days. "
        "The first tasting weekend is confirmed in Leeds and York, and the stores need the "
        "cards by the Thursday before. Can we still make it?",
    )
    yield (days_back(4), 9, 45)
    threads.post(
        by=sam,
        thread=audience,
        body="Agree with Cora. Cut-downs: a 6-second bumper for YouTube and one 15-second for "
        "Instagram. And no piggy banks, it's in their don'ts.",
    )
    yield (days_back(4), 10, 5)
    visual = Deliverable.objects.get(job__title="Branch poster refresh", title="Key visual")
    committee = threads.start_thread(
        by=gus,
        client=globex,
        audience=Audience.CLIENT,
        subject="Key visual for the compliance committee",
        deliverable=visual,
        people=[petra],
        body="Max, our compliance committee meets at the end of next week. Could they see the "
        "key visual with the APRC added before then? They won't approve anything they haven't "
        "seen in its final form.",
    )
    yield (days_back(4), 10, 40)
    cards_team = relays.relay_to_team(
        by=alice,
        source=_last(cards),
        body="Acme's pack shots arrive in the next few days; stores need the tasting cards "
        "by the Thursday before the first tasting weekend (Leeds and York).",
        todos=[TodoLine("Give me the earliest print-ready date once the pack shots land", dan)],
    )
    yield (days_back(4), 11, 10)
    threads.post(
        by=max_,
        thread=audience,
        body="Thanks both. I'll take “young savers with a first payslip” back to Gus as a "
        "question on the brief, with the cut-downs.",
    )
    _read(audience, cora, sam)
    yield (days_back(4), 11, 30)
    visual_team = relays.relay_to_team(
        by=max_,
        source=_last(committee),
        body="Globex's compliance committee wants to see the key visual with the APRC before "
        "it meets at the end of next week.",
        todos=[
            TodoLine("Add “Representative” and the APRC beside the rate on pages 2 and 3", dan),
            TodoLine("Move the logo 5 cm clear of the window frame on page 3", dan),
        ],
    )
    yield (days_back(4), 14, 20)
    threads.post(
        by=sam,
        thread=shoot,
        attachments=[
            demo_files.spec_sheet(
                "cold-brew-shot-list.pdf",
                "Cold brew: shot list",
                (
                    "1. Bottles on the window bench, morning light, beans in a Kilner jar",
                    "2. Pour over ice into your own tumblers (no takeaway cups)",
                    "3. Hands holding a bottle, the Fazenda Santa Inês bag behind",
                    "Captions under 150 characters, crediting the Ribeiro family",
                ),
            )
        ],
        body="Brilliant, thank you! Here's the shot list: three set-ups, glass bottles and your "
        "own tumblers only (no takeaway cups, as your brand notes say). Could you have six "
        "bottles ready, two of each size? Tell me which morning suits you and I'll book it.",
    )

    # Harbor & Pine: Alice shares Dan's colour study for the hero; Julia is away.
    yield (days_back(3), 10, 30)
    hero = threads.start_thread(
        by=alice,
        client=harbor,
        audience=Audience.CLIENT,
        subject="Hero illustration: the lake at dawn",
        job=_job("Autumn rooms landing page"),
        people=[julia],
        attachments=[
            demo_files.mood_board(
                "hero-lake-at-dawn.png",
                ("#1B4332", "#95D5B2", "#D8F3DC", "#B08968", "#52796F", "#E9EDC9"),
                ("mist", "still water", "jetty", "first light", "pines", "warm wood"),
            )
        ],
        body="Julia, here's Dan's colour study for the landing page's hero: the lake at dawn, "
        "mist on the water and the jetty in the foreground. Before he draws it in full, does "
        "it feel like Harbor & Pine to you?",
    )
    sent = (days_back(3), 10, 34)
    yield sent
    demo_mail.out_of_office(
        written=workday(*sent),
        person=julia,
        thread=hero,
        words=f"Thank you for your email. I'm visiting our suppliers in the Lake District and "
        f"back in the office on {_spoken(working_day(1))}.\n\nFor bookings, please call "
        f"reception on 015394 96000.\n\nJulia Castillo\nMarketing Manager, Harbor & Pine Hotels",
    )
    yield (days_back(3), 15, 0)
    done = threads.post(
        by=dan,
        thread=visual_team.thread,
        body="@max both done: the APRC sits under the rate in the same weight, so the headline "
        "still carries the poster, and the logo clears the frame by 5 cm. I'll upload it as "
        "the next version once you've had a look.",
    )
    _tick_all(dan, visual_team)
    yield (days_back(3), 16, 10)
    _read(visual_team.thread, max_)
    answer = relays.reply_to_client(
        by=max_,
        source=done,
        body="Gus, the revised key visual will be with you tomorrow, with “Representative” and "
        "the APR beside the rate on every use and the logo clear of the window frame: in good "
        "time for the committee.",
    )
    threads.edit(  # Max spots it at once: compliance wants the overall cost, not the APR
        by=max_,
        message=answer,
        revision=answer.revision,
        body="Gus, the revised key visual will be with you tomorrow, with “Representative” and "
        "the APRC (the overall cost for comparison) beside the rate on every use and the logo "
        "clear of the window frame: in good time for the committee.",
    )

    # Bluebird: Maya emails her own address at Accord for something new.
    sent = (days_back(2), 9, 5)
    yield sent
    demo_mail.new_mail(
        written=workday(*sent),
        sender=(maya.name, maya.email),
        to=inbound.mailbox_address(bluebird),
        subject="Iced drinks menu boards for the summer",
        words="Hi Alice,\n\nWe're adding three iced drinks in June (cold brew tonic, iced oat "
        "latte and iced chai) and need menu boards for the counter: A2, chalkboard style, "
        "matching the cold brew posts. Could you quote for it? A photo of the counter is "
        "attached so you can see the space.\n\nThanks!\nMaya",
        signature=MAYA_SIGNATURE,
        expect=S.REQUEST,
        files=[_file(demo_files.product_photo("counter.jpg", "#2E4057", "Bluebird"))],
    )
    # Lumen: Max asks for the approved eligibility wording before Cora writes.
    yield (days_back(2), 10, 0)
    flu = threads.start_thread(
        by=max_,
        client=lumen,
        audience=Audience.CLIENT,
        subject="Flu reminder emails: eligibility wording",
        brief=Brief.objects.get(title="Flu clinic reminder emails"),
        people=[priya, omar],
        body="Thank you for the brief, Priya: it's clear and complete. One thing before Cora "
        "starts: could you send the eligibility wording your clinical lead approved for this "
        "season? We'll use it word for word.",
    )
    # Acme: the summer brief is back with Carol for her sign-off.
    yield (days_back(2), 11, 30)
    threads.start_thread(
        by=alice,
        client=acme,
        audience=Audience.CLIENT,
        subject="Summer barbecue ads: ready for your sign-off",
        brief=Brief.objects.get(title="Summer barbecue range: display ads"),
        people=[carol, ray],
        body="Carol, the brief's key message now names Smoky Chipotle and Sticky Maple, as Ray "
        "asked. If you can sign it off this week, Dan starts the display ads straight away "
        "and they'll be live for June.",
    )
    yield (days_back(2), 14, 40)
    threads.post(
        by=max_,
        thread=ride,
        body="Noah, Sam has the crew pencilled in for 10 May, with the 17th as a rain date. "
        "Shall I confirm?",
    )

    # Priya answers from her phone with the wording attached; Max thanks her, and that's it.
    sent = (days_back(1), 9, 10)
    yield sent
    demo_mail.reply(
        written=workday(*sent),
        person=priya,
        thread=flu,
        words="Hi Max, here it is: Dr Shah approved it last week. Please keep the line about "
        "carers, many bookings come from sons and daughters booking for their parents.",
        style=MailProgram.IPHONE,
        files=[
            _file(
                demo_files.spec_sheet(
                    "flu-eligibility-wording.pdf",
                    "Flu vaccination: who is eligible this season",
                    (
                        "Everyone aged 65 and over",
                        "Adults under 65 with a long-term health condition",
                        "Pregnant women, at any stage of pregnancy",
                        "Carers, and those living with someone immunosuppressed",
                    ),
                )
            )
        ],
    )
    yield (days_back(1), 11, 0)
    threads.post(
        by=max_,
        thread=flu,
        body="Perfect, thank you Priya. The carers' line stays, and Cora will work from this "
        "wording exactly. I'll propose the brief for your sign-off next.",
    )
    threads.clear_court(by=max_, thread=flu)
    # Noah confirms by email, and asks for one more thing: Max passes it to Sam.
    sent = (days_back(1), 11, 20)
    yield sent
    demo_mail.reply(
        written=workday(*sent),
        person=noah,
        thread=ride,
        words="Hi Max,\n\nYes please, confirm the 10th. One more thing: could we have a "
        "15-second cut for the sportive email Ines is sending to members next month?\n\n"
        "Cheers,\nNoah",
        signature=NOAH_SIGNATURE,
        style=MailProgram.OUTLOOK,
    )
    # Someone at Acme nobody at the agency knows writes to Acme's address: triage.
    sent = (days_back(1), 13, 30)
    yield sent
    demo_mail.new_mail(
        written=workday(*sent),
        sender=("Hannah Berg", "hannah.berg@acme.test"),
        to=inbound.mailbox_address(acme),
        subject="Legal lines for the plant-based range",
        words="Hello,\n\nCarol asked me to send over the approved legal lines for the "
        "plant-based launch. Please use them exactly as written:\n\n"
        "- “Made with plants. Same family recipe since 1952.”\n"
        "- No claims about health, protein or the environment.\n\n"
        "Best regards,\nHannah",
        signature=HANNAH_SIGNATURE,
        expect=S.TRIAGE,
    )
    yield (days_back(1), 14, 10)
    relays.relay_to_team(
        by=max_,
        source=_last(ride),
        body="Kestrel confirms the ride video shoot for 10 May (rain date the 17th), and asks "
        "for a 15-second cut for their sportive email next month.",
        todos=[
            TodoLine("Confirm the crew for 10 May, with the 17th as the rain date", sam),
            TodoLine("Plan a 15-second cut-down for Kestrel's sportive email", sam),
        ],
    )
    yield (days_back(1), 15, 40)
    threads.post(
        by=dan,
        thread=cards_team.thread,
        body="@alice if the pack shots reach me by the end of the week, the print PDFs are "
        "ready two working days later. The printer needs three working days, so the stores "
        "have them the Thursday before the tasting weekend: just. The wobbler too, if Acme "
        "approves its die-line in time.",
    )
    _tick_all(dan, cards_team)
    yield (days_back(1), 16, 30)
    threads.post(
        by=julia,
        thread=hero,
        body="Back from the Lakes, and this is lovely: the mist is exactly right. One thing: "
        "our jetty is on the east shore, so in the morning it's on the left of the view from "
        "the terrace. And could a rowing boat be tied up? Guests ask about the boats all the "
        "time.",
    )


def load(*, told: bool) -> list[str]:
    """What the conversations' story made, when it was `told` now (with the work's)."""
    if not told:
        return []
    emails = InboundEmail.objects.all()
    return [
        f"{Thread.objects.count()} threads",
        f"{Message.objects.count()} messages",
        f"{Message.objects.filter(todos__isnull=False).distinct().count()} relays with "
        f"{Todo.objects.count()} to-dos",
        f"{emails.count()} emails received ({emails.filter(status=S.THREADED).count()} into "
        f"threads, {emails.filter(status=S.REQUEST).count()} opening a request, "
        f"{emails.filter(status=S.AUTOMATIC).count()} automatic, "
        f"{emails.filter(status=S.TRIAGE).count()} in triage)",
    ]
