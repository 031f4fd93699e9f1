"""Demo intake: requests and briefs at every stage for the demo clients, told in the order it
happened over the past weeks (`history.Timeline`), with the files clients sent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client
from accord.home import demo_files
from accord.home.history import Timeline
from accord.intake import services as intake
from accord.intake.models import Brief, BriefTemplate, ClarifyingQuestion, Request
from accord.work.models import Job
from accord.work.services import add_job_member, finish_job, start_job_from_brief


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _on_the_job(job: Job, *emails: str) -> None:
    """The creatives who do the work, on the job's team: they see it, its brief and files."""
    assert job.owner is not None
    for email in emails:
        add_job_member(by=job.owner, job=job, person=_user(email))


def _in(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


SOCIAL = {
    "objective": "Get 2,000 shoppers to try the new plant-based range in its first month.",
    "success_measure": "2,000 redemptions of the in-app voucher by the end of April.",
    "audience": "Families in the North of England who shop weekly at Acme stockists and "
    "follow food accounts on Instagram; often the parent who plans the meals.",
    "key_message": "Same family recipes, now made with plants — and just as good.",
    "channels": "Instagram (feed and stories), TikTok, Facebook for the over-40s",
    "deliverables": "8 feed posts, 12 stories, 3 reels of 15 seconds; £3,000 paid boost",
    "tone": "Warm, plain-spoken, a little witty",
    "mandatories": "Pack shot in every reel end-frame; no health claims; #ad on paid posts.",
    "budget": "£12,000",
}


def _brief(
    *,
    am: User,
    client: Client,
    template: str,
    title: str,
    answers: dict[str, str],
    request: Request | None = None,
    by: User | None = None,
) -> Brief:
    brief = intake.start_brief(
        by=by or am,
        client=client,
        request=request,
        title=title,
        template=BriefTemplate.objects.get(name=template),
        # The AM's own demo briefs are written by the AM and sent at once.
        filled_by="client" if by else "agency",
    )
    return intake.save_answers(by=by or am, brief=brief, answers=answers)


@transaction.atomic
def load(timeline: Timeline | None = None) -> list[str]:  # noqa: PLR0915 - one story
    """Create the demo requests and briefs if they are not there yet, oldest first, on
    `timeline` (shared with the work's story, told in between)."""
    if Request.objects.exists() or Brief.objects.exists():
        return []
    alice, max_ = _user("alice@northwind.test"), _user("max@northwind.test")
    carol, ray, gus = _user("carol@acme.test"), _user("ray@acme.test"), _user("gus@globex.test")
    acme, globex = Client.objects.get(name="Acme Foods"), Client.objects.get(name="Globex Bank")
    bluebird = Client.objects.get(name="Bluebird Coffee Roasters")
    lumen = Client.objects.get(name="Lumen Health Clinics")
    kestrel = Client.objects.get(name="Kestrel Cycling")
    harbor = Client.objects.get(name="Harbor & Pine Hotels")
    maya, priya = _user("maya@bluebird.test"), _user("priya@lumenhealth.test")
    julia = _user("julia@harborpine.test")
    day = (timeline or Timeline()).at

    # Acme: the spring launch went all the way — request, brief, question, sign-off, job.
    with day(40, 9, 12):
        spring = intake.submit_request(
            by=carol,
            client=acme,
            title="Spring plant-based launch on social",
            what="We need a social campaign for the plant-based range launching in April.",
            why="It's our biggest launch this year and the range is new to our shoppers.",
            needed_by=timezone.localdate() + timedelta(days=45),
            attachments=[
                demo_files.mood_board(
                    "spring-mood-board.png",
                    ("#7A9E7E", "#F2C14E", "#F78154", "#4D9078", "#B4436C", "#5FAD56"),
                    ("fresh", "sunny", "family", "green", "bold", "honest"),
                ),
                demo_files.spec_sheet(
                    "plant-range-fact-sheet.pdf",
                    "Plant-based range: facts",
                    (
                        "Six products: two burgers, sausages, mince, meatballs, nuggets",
                        "In 40 stores across Yorkshire and Lancashire from 3 April",
                        "Same family recipes since 1952, now made with plants",
                        "No health claims: legal has not signed any off",
                    ),
                ),
            ],
        )
    with day(39, 10, 5):
        brief = _brief(
            am=alice,
            client=acme,
            template="Social campaign",
            request=spring,
            title="Spring plant-based launch",
            by=carol,
            answers={**SOCIAL, "deadline": _in(45), "approver": str(carol.pk)},
        )
    with day(38, 15, 40):
        intake.submit_brief(by=carol, brief=brief)
    with day(37, 11, 20):
        question = intake.ask_question(
            by=alice, brief=brief, text="Which stores stock the range at launch?"
        )
    with day(36, 9, 45):
        intake.answer_question(
            by=carol,
            question=question,
            answer="All 40 stores in Yorkshire and Lancashire from 3 April.",
        )
    with day(35, 14, 10):
        intake.save_internal_notes(
            by=alice,
            brief=brief,
            notes="Carol's budget is firm; the paid boost is where we have room. "
            "Dan to reuse the autumn pack shots where he can.",
        )
        intake.propose_for_sign_off(by=alice, brief=brief)
    brief.refresh_from_db()
    assert brief.current_version is not None
    with day(33, 16, 30):
        intake.sign_off(by=carol, brief=brief, version_number=brief.current_version.number)
    with day(32, 10, 0):
        spring_job = start_job_from_brief(by=alice, brief=brief)
        _on_the_job(spring_job, "dan@northwind.test", "cora@northwind.test")

    # Bluebird: product copy from Maya's request, signed off, written and delivered.
    with day(26, 11, 35):
        product_copy = intake.submit_request(
            by=maya,
            client=bluebird,
            title="Product copy for the March coffees",
            what="Descriptions for the six single-origin coffees arriving in March.",
            why="Our current ones are tasting notes only; people don't know what to pick.",
            attachments=[
                demo_files.spec_sheet(
                    "march-coffees.pdf",
                    "Single origins, March",
                    (
                        "Ethiopia Guji: peach, jasmine",
                        "Colombia Huila: red apple, caramel",
                        "Kenya Nyeri: blackcurrant, grapefruit",
                        "Brazil Cerrado: hazelnut, cocoa",
                        "Guatemala Huehuetenango: plum, brown sugar",
                        "Rwanda Nyamasheke: cranberry, black tea",
                    ),
                )
            ],
        )
    with day(25, 9, 50):
        gifts = intake.submit_request(
            by=maya,
            client=bluebird,
            title="Holiday gift guide",
            what="A printed and online gift guide for December.",
        )
    with day(24, 14, 0):
        intake.decide_request(
            by=alice,
            request=gifts,
            decision="park",
            reason="Let's pick this up in September, once the autumn range is confirmed — "
            "I've kept your notes with the request so nothing gets lost.",
        )
        copy = _brief(
            am=alice,
            client=bluebird,
            template="Copywriting",
            request=product_copy,
            title="Single-origin product descriptions",
            answers={
                "background": "Six new single-origin coffees arrive in March.",
                "objective": "10% more online sales of the single-origin range.",
                "success_measure": "Shopify sales for the range, March vs January.",
                "audience": "Home brewers who care about taste but not jargon.",
                "key_message": "There's a coffee here that's exactly your taste.",
                "deliverables": "6 descriptions of 80–100 words, one range intro",
                "budget": "£1,800",
                "deadline": _in(20),
                "approver": str(maya.pk),
            },
        )
    with day(22, 10, 25):
        intake.submit_brief(by=alice, brief=copy)
        intake.propose_for_sign_off(by=alice, brief=copy)
    copy.refresh_from_db()
    with day(21, 16, 5):
        intake.sign_off(by=maya, brief=copy, version_number=1)

    # Acme: a summer brief the AM wrote, sent for Carol's sign-off.
    with day(20, 11, 0):
        summer = _brief(
            am=alice,
            client=acme,
            template="Display or print ad",
            title="Summer barbecue range: display ads",
            answers={
                "background": "The barbecue range returns in June with two new sauces.",
                "objective": "Sell 15,000 bottles of the new sauces in June.",
                "success_measure": "Retail sales data from our top 3 stockists.",
                "audience": "Weekend hosts aged 30–50 who barbecue for friends.",
                "key_message": "Your barbecue, only louder.",
                "deliverables": "MPU 300×250, leaderboard 728×90, half-page press",
                "channels": "Google Display, Evening Post",
                "budget": "£8,000–10,000",
                "deadline": _in(30),
                "approver": str(carol.pk),
            },
        )
        intake.submit_brief(by=alice, brief=summer)

    # Harbor & Pine: photos for the autumn rooms, needed by a date now past.
    with day(19, 9, 30):
        rooms = intake.submit_request(
            by=julia,
            client=harbor,
            title="Autumn rooms: new photography",
            what="Fresh photos of the lake-view rooms for the autumn campaign and the website.",
            why="The current photos are three years old and show the old furniture.",
            needed_by=timezone.localdate() + timedelta(days=1),
            attachments=[demo_files.product_photo("lake-room-reference.jpg", "#1B4332", "Lake")],
        )
    # Asked for a date two weeks after it was filed, which has passed since.
    Request.objects.filter(pk=rooms.pk).update(needed_by=timezone.localdate() - timedelta(days=5))
    with day(18, 14, 30):
        shoot = _brief(
            am=alice,
            client=harbor,
            template="Display or print ad",
            request=rooms,
            title="Autumn rooms photography",
            answers={
                "background": "The lake-view rooms were refurbished in spring.",
                "objective": "Lift autumn weekend bookings of lake-view rooms by 15%.",
                "success_measure": "Lake-view bookings, October vs last October.",
                "audience": "Couples from Manchester and Leeds looking for a quiet weekend.",
                "key_message": "The lake, the breakfast, the silence — this autumn.",
                "deliverables": "12 room photos, 4 detail shots, 2 print ads (A4, half page)",
                "channels": "Website, Country Living, Instagram",
                "budget": "£6,500",
                "deadline": _in(12),
                "approver": str(julia.pk),
            },
        )
        intake.submit_brief(by=alice, brief=shoot)
        intake.propose_for_sign_off(by=alice, brief=shoot)

    with day(17, 10, 15):
        copy_job = start_job_from_brief(by=alice, brief=Brief.objects.get(pk=copy.pk))
        # Cora writes it, though she is not on Bluebird's team: the job shows her its brief.
        _on_the_job(copy_job, "cora@northwind.test")
    with day(16, 9, 20):
        intake.sign_off(by=julia, brief=Brief.objects.get(pk=shoot.pk), version_number=1)

    # Globex: Max logged a request from a meeting; Gus is filling in the brief.
    with day(15, 15, 20):
        video = intake.submit_request(
            by=max_,
            client=globex,
            source=Request.Source.MEETING,
            requested_by=gus,
            title="Savings app launch video",
            what="A 30-second video and cut-downs to launch the savings app.",
            why="App launch in Q3; the board wants awareness among young savers.",
        )
    with day(14, 9, 40):
        intake.propose_for_sign_off(by=alice, brief=summer)
    with day(13, 11, 5):
        _brief(
            am=max_,
            client=globex,
            template="Video",
            request=video,
            by=gus,
            title="Savings app launch video",
            answers={"objective": "Make people aware of the app.", "audience": "Everyone"},
        )

    # Acme: a website brief with a question still open (the ball is with the client).
    with day(12, 14, 45):
        recipes = _brief(
            am=alice,
            client=acme,
            template="Website or landing page",
            title="Recipes section on acme.test",
            answers={
                "background": "Shoppers ask for recipes using our sauces.",
                "objective": "Grow organic visits to the site by 30% by autumn.",
                "success_measure": "Organic sessions in analytics, June vs October.",
                "audience": "everyone",
                "key_message": "Dinner sorted in 20 minutes.",
                "deliverables": "Recipe index, recipe page template, search",
                "channels": "Search, newsletter",
                "budget": "£18,000",
                "deadline": _in(6),
                "approver": str(carol.pk),
            },
        )
        intake.submit_brief(by=alice, brief=recipes)
    # Ray reviewed the summer ads and asked for a change; Alice made it and proposed again.
    with day(11, 10, 20):
        intake.request_changes(
            by=ray,
            brief=summer,
            version_number=1,
            note="Could the key message name the two new sauces? Shoppers won't know them yet.",
        )
    with day(11, 15, 5):
        intake.save_answers(
            by=alice,
            brief=summer,
            answers={"key_message": "Your barbecue, only louder: Smoky Chipotle and Sticky Maple."},
            base_version=1,
        )
        intake.propose_for_sign_off(by=alice, brief=summer)
    with day(10, 10, 10):
        radio = intake.submit_request(
            by=gus,
            client=globex,
            title="Branch opening radio ad",
            what="A 30-second radio spot for the new Leeds branch.",
        )
    with day(9, 11, 30):
        intake.ask_question(
            by=alice,
            brief=recipes,
            text="Who should the recipes be for? “Everyone” is hard to write for "
            "— are we talking busy parents, students, keen cooks?",
            field_key="audience",
        )
    with day(9, 15, 55):
        intake.decide_request(
            by=max_,
            request=radio,
            decision="decline",
            reason="Thank you for thinking of us. Radio isn't something we produce in-house, "
            "and we'd rather point you to a specialist than do it half-well — I'll send you "
            "two studios we trust, and we'll happily adapt the campaign visuals for them.",
        )
    with day(8, 17, 10):
        finish_job(by=alice, job=copy_job)

    # Lumen: submitted, every question answered — ready for Max to propose for sign-off.
    with day(6, 9, 5):
        lumen_brief = _brief(
            am=max_,
            client=lumen,
            template="Email campaign",
            by=priya,
            title="Flu clinic reminder emails",
            answers={
                "background": "Flu season bookings open in September.",
                "objective": "Book 3,000 flu vaccinations in September.",
                "success_measure": "Bookings attributed to the emails.",
                "audience": "Registered patients over 50 and carers.",
                "key_message": "Book your flu jab in two minutes.",
                "deliverables": "3 emails over 3 weeks",
                "budget": "£3,500",
                "deadline": _in(25),
                "approver": str(priya.pk),
            },
        )
    with day(5, 16, 20):
        intake.submit_brief(by=priya, brief=lumen_brief)

    # Bluebird: a brief Alice writes herself after a call, still a draft on her desk.
    with day(4, 12, 15):
        _brief(
            am=alice,
            client=bluebird,
            template="Email campaign",
            title="Coffee subscription welcome emails",
            answers={
                "background": "New subscribers get one generic email and a third cancel by "
                "month two.",
                "objective": "Cut cancellations in the first two months from 33% to 20%.",
                "audience": "New subscribers in their first eight weeks.",
            },
        )

    # Acme: a fresh request from Ray, with a photo of the tasting stand.
    with day(3, 10, 50):
        intake.submit_request(
            by=ray,
            client=acme,
            title="Recipe booklet copy",
            what="Twelve short recipes for an in-store booklet, about 120 words each.",
            why="Stores asked for something to hand out at tastings.",
            needed_by=timezone.localdate() + timedelta(days=10),
            attachments=[demo_files.product_photo("tasting-stand.jpg", "#F2C14E", "Acme")],
        )

    # The spring launch changes plan after the work started: the job shows it.
    with day(3, 14, 5):
        spring_brief = Brief.objects.select_related("current_version").get(pk=brief.pk)
        intake.save_answers(
            by=carol,
            brief=spring_brief,
            answers={"channels": "Instagram (feed + stories) only"},
            base_version=(
                spring_brief.current_version.number if spring_brief.current_version else None
            ),
            reason="Our legal team wants the launch on Instagram only; TikTok waits for summer.",
        )

    # Kestrel: a new request.
    with day(2, 8, 55):
        intake.submit_request(
            by=_user("noah@kestrel.test"),
            client=kestrel,
            title="Spring sportive email",
            what="An email inviting members to the April sportive.",
            needed_by=timezone.localdate() + timedelta(days=21),
        )
    return [
        f"{Request.objects.count()} requests",
        f"{Brief.objects.count()} briefs",
        f"{ClarifyingQuestion.objects.count()} questions",
    ]
