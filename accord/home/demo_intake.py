"""Demo intake: requests and briefs at every stage for the demo clients."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client
from accord.intake import services as intake
from accord.intake.models import Brief, BriefTemplate, ClarifyingQuestion, Request
from accord.work.services import start_job_from_brief


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _backdate(obj: Any, days: float, *fields: str) -> None:
    when = timezone.now() - timedelta(days=days)
    type(obj).objects.filter(pk=obj.pk).update(**dict.fromkeys(fields, when))


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
    "budget": "12000",
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


def _summer_ads(*, alice: User, ray: User, carol: User, acme: Client) -> None:
    """Acme: a summer brief waiting for Carol's sign-off, after Ray asked for a change."""
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
            "budget": "9000",
            "deadline": _in(30),
            "approver": str(carol.pk),
        },
    )
    intake.submit_brief(by=alice, brief=summer)
    intake.propose_for_sign_off(by=alice, brief=summer)
    # Ray reviewed version 1 and asked for a change; Alice made it and proposed version 2.
    intake.request_changes(
        by=ray,
        brief=summer,
        version_number=1,
        note="Could the key message name the two new sauces? Shoppers won't know them yet.",
    )
    intake.save_answers(
        by=alice,
        brief=summer,
        answers={"key_message": "Your barbecue, only louder: Smoky Chipotle and Sticky Maple."},
        base_version=1,
    )
    intake.propose_for_sign_off(by=alice, brief=summer)
    _backdate(summer, 2, "waiting_since")


@transaction.atomic
def load() -> list[str]:
    """Create the demo requests and briefs if they are not there yet."""
    if Request.objects.exists() or Brief.objects.exists():
        return []
    alice, max_ = _user("alice@northwind.test"), _user("max@northwind.test")
    carol, ray, gus = _user("carol@acme.test"), _user("ray@acme.test"), _user("gus@globex.test")
    acme, globex = Client.objects.get(name="Acme Foods"), Client.objects.get(name="Globex Bank")
    bluebird = Client.objects.get(name="Bluebird Coffee Roasters")
    lumen = Client.objects.get(name="Lumen Health Clinics")
    kestrel = Client.objects.get(name="Kestrel Cycling")
    maya, priya = _user("maya@bluebird.test"), _user("priya@lumenhealth.test")

    # Acme: the spring launch went all the way — request, brief, question, sign-off, job.
    spring = intake.submit_request(
        by=carol,
        client=acme,
        title="Spring plant-based launch on social",
        what="We need a social campaign for the plant-based range launching in April.",
        why="It's our biggest launch this year and the range is new to our shoppers.",
        needed_by=timezone.localdate() + timedelta(days=45),
    )
    brief = _brief(
        am=alice,
        client=acme,
        template="Social campaign",
        request=spring,
        title="Spring plant-based launch",
        by=carol,
        answers={**SOCIAL, "deadline": _in(45), "approver": str(carol.pk)},
    )
    intake.submit_brief(by=carol, brief=brief)
    question = intake.ask_question(
        by=alice, brief=brief, text="Which stores stock the range at launch?"
    )
    intake.answer_question(
        by=carol,
        question=question,
        answer="All 40 stores in Yorkshire and Lancashire from 3 April.",
    )
    intake.propose_for_sign_off(by=alice, brief=brief)
    brief.refresh_from_db()
    assert brief.current_version is not None
    intake.sign_off(by=carol, brief=brief, version_number=brief.current_version.number)
    start_job_from_brief(by=alice, brief=brief)
    # …then a change of plan: the job shows that its brief changed since the work started.
    brief.refresh_from_db()
    intake.save_answers(
        by=carol,
        brief=brief,
        answers={"channels": "Instagram (feed + stories) only"},
        base_version=brief.current_version.number if brief.current_version else None,
        reason="Our legal team wants the launch on Instagram only; TikTok waits for summer.",
    )
    _backdate(spring, 12, "created_at")

    _summer_ads(alice=alice, ray=ray, carol=carol, acme=acme)

    # Acme: a website brief with a question still open (the ball is with the client).
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
            "budget": "18000",
            "deadline": _in(6),
            "approver": str(carol.pk),
        },
    )
    intake.submit_brief(by=alice, brief=recipes)
    intake.ask_question(
        by=alice,
        brief=recipes,
        text="Who should the recipes be for? “Everyone” is hard to write for "
        "— are we talking busy parents, students, keen cooks?",
        field_key="audience",
    )
    _backdate(recipes, 4, "waiting_since")
    # Acme: a fresh request from Ray.
    booklet = intake.submit_request(
        by=ray,
        client=acme,
        title="Recipe booklet copy",
        what="Twelve short recipes for an in-store booklet, about 120 words each.",
        why="Stores asked for something to hand out at tastings.",
    )
    _backdate(booklet, 1, "created_at")

    # Globex: Max logged a request from a meeting; Gus is filling in the brief.
    video = intake.submit_request(
        by=max_,
        client=globex,
        source=Request.Source.MEETING,
        requested_by=gus,
        title="Savings app launch video",
        what="A 30-second video and cut-downs to launch the savings app.",
        why="App launch in Q3; the board wants awareness among young savers.",
    )
    draft = _brief(
        am=max_,
        client=globex,
        template="Video",
        request=video,
        by=gus,
        title="Savings app launch video",
        answers={"objective": "Make people aware of the app.", "audience": "Everyone"},
    )
    _backdate(video, 6, "created_at")
    _backdate(draft, 3, "waiting_since")
    radio = intake.submit_request(
        by=gus,
        client=globex,
        title="Branch opening radio ad",
        what="A 30-second radio spot for the new Leeds branch.",
    )
    intake.decide_request(
        by=max_,
        request=radio,
        decision="decline",
        reason="Thank you for thinking of us. Radio isn't something we produce in-house, and "
        "we'd rather point you to a specialist than do it half-well — I'll send you "
        "two studios we trust, and we'll happily adapt the campaign visuals for them.",
    )

    # Bluebird: a parked request and a signed-off copywriting brief.
    gifts = intake.submit_request(
        by=maya,
        client=bluebird,
        title="Holiday gift guide",
        what="A printed and online gift guide for December.",
    )
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
        title="Single-origin product descriptions",
        answers={
            "background": "Six new single-origin coffees arrive in March.",
            "objective": "10% more online sales of the single-origin range.",
            "success_measure": "Shopify sales for the range, March vs January.",
            "audience": "Home brewers who care about taste but not jargon.",
            "key_message": "There's a coffee here that's exactly your taste.",
            "deliverables": "6 descriptions of 80–100 words, one range intro",
            "budget": "1800",
            "deadline": _in(20),
            "approver": str(maya.pk),
        },
    )
    intake.submit_brief(by=alice, brief=copy)
    intake.propose_for_sign_off(by=alice, brief=copy)
    copy.refresh_from_db()
    intake.sign_off(by=maya, brief=copy, version_number=1)

    # Bluebird: a brief Alice writes herself after a call, still a draft on her desk.
    newsletter = _brief(
        am=alice,
        client=bluebird,
        template="Email campaign",
        title="Coffee subscription welcome emails",
        answers={
            "background": "New subscribers get one generic email and a third cancel by month two.",
            "objective": "Cut cancellations in the first two months from 33% to 20%.",
            "audience": "New subscribers in their first eight weeks.",
        },
    )
    _backdate(newsletter, 1, "waiting_since")

    # Lumen: submitted, every question answered — ready for Max to propose for sign-off.
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
            "budget": "3500",
            "deadline": _in(25),
            "approver": str(priya.pk),
        },
    )
    intake.submit_brief(by=priya, brief=lumen_brief)
    _backdate(lumen_brief, 1, "waiting_since")

    # Kestrel: a new request.
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
