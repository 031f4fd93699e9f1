"""Example briefs for the completeness coach, labelled with the findings each should get.

Twelve good briefs (two for each starting template) that must get no finding at all, and twelve
weak ones, each labelled with exactly the findings (question key, kind of finding) expected.
Answers are written as clients write them; today is Monday 1 March 2027 throughout.
"""

from dataclasses import dataclass, field
from datetime import date

TODAY = date(2027, 3, 1)
LATER = "2027-05-28"  # well past every template's lead time


@dataclass(frozen=True)
class Case:
    name: str
    template: str
    answers: dict[str, str]
    expected: set[tuple[str, str]] = field(default_factory=set)
    currency: str = "GBP"  # the client's


GOOD = [
    Case(
        "oat latte launch",
        "Social campaign",
        {
            "background": "We're launching an oat latte in 40 stores in April.",
            "objective": "Get 2,000 people to try the new oat latte in the first month.",
            "success_measure": "2,000 redemptions of the in-app voucher by 30 April.",
            "audience": "Commuters aged 25–40 in Leeds and Manchester who buy coffee on the way "
            "to work and follow food accounts on Instagram.",
            "key_message": "The oat latte tastes as good as the one you already love.",
            "channels": "Instagram (feed + stories), TikTok",
            "deliverables": "8 feed posts, 12 stories, 3 reels of 15 s",
            "budget": "£12,000",
            "deadline": LATER,
            "approver": "7",
        },
    ),
    Case(
        "bike club summer rides",
        "Social campaign",
        {
            "background": "Our summer group rides restart in June after two years off.",
            "objective": "Fill 300 places on the June group rides within three weeks.",
            "success_measure": "Bookings through the club app.",
            "audience": "Road cyclists in their 30s and 40s around Sheffield who ride weekends.",
            "key_message": "Your Sunday ride just got company again.",
            "channels": "Strava club posts and Instagram",
            "deliverables": "6 feed posts and 10 stories",
            "budget": "3k",
            "deadline": LATER,
            "approver": "12",
        },
    ),
    Case(
        "harbour street opening",
        "Display or print ad",
        {
            "background": "A new branch opens on Harbour Street in May.",
            "objective": "Fill the new Harbour Street branch with first-time diners in its "
            "opening month.",
            "success_measure": "600 table bookings through the landing page in May.",
            "audience": "Couples and friends aged 30–55 living within 5 km who eat out twice a "
            "month.",
            "key_message": "A table by the water, ten minutes from home.",
            "deliverables": "MPU 300×250, leaderboard 728×90, 48-sheet poster",
            "channels": "Google Display, JCDecaux Bristol sites",
            "budget": "15,000–18,000",
            "deadline": LATER,
            "approver": "7",
        },
    ),
    Case(
        "january sale press",
        "Display or print ad",
        {
            "background": "The January sale is our biggest week.",
            "objective": "Sell 1,200 sofas in the first week of the sale.",
            "success_measure": "Sofa sales counted by the tills, week 1.",
            "audience": "Homeowners aged 35–60 in the North West planning a living-room refresh.",
            "key_message": "Half price on every sofa, this week only.",
            "deliverables": "2 half-page press ads and 4 banner sizes",
            "channels": "Manchester Evening News print and its website",
            "budget": "EUR 20,000",
            "deadline": LATER,
            "approver": "7",
        },
    ),
    Case(
        "savings app film",
        "Video",
        {
            "background": "Globex launches its savings app in the spring.",
            "objective": "Make Globex's new savings app feel simple enough to open today.",
            "success_measure": "30,000 app installs from the campaign in 8 weeks.",
            "audience": "First-time savers aged 22–30 who bank on their phone and distrust banks.",
            "key_message": "Saving is one tap, not a chore.",
            "deliverables": "1 × 30 s hero (16:9), 3 × 6 s bumpers (9:16)",
            "channels": "YouTube pre-roll, TikTok, Instagram",
            "budget": "£45,000",
            "deadline": "2027-06-30",
            "approver": "9",
        },
    ),
    Case(
        "recruitment film",
        "Video",
        {
            "background": "We need 40 new drivers before the autumn peak.",
            "objective": "40 driver applications before September.",
            "success_measure": "Completed applications on the careers site.",
            "audience": "Van and lorry drivers in Kent who are tired of agency shifts.",
            "key_message": "Steady hours, home every night, a team that knows your name.",
            "deliverables": "One 60-second film and two 15-second cut-downs",
            "channels": "Facebook and YouTube",
            "budget": "£8,000–10,000",
            "deadline": "2027-06-30",
            "approver": "9",
        },
    ),
    Case(
        "clinic landing page",
        "Website or landing page",
        {
            "background": "Our clinic now takes self-referrals.",
            "objective": "Turn campaign traffic into booked consultations.",
            "success_measure": "400 bookings in the first quarter.",
            "audience": "Adults with a new diagnosis searching on mobile, often late at night, "
            "anxious.",
            "key_message": "You can see a specialist this week, without a referral.",
            "deliverables": "1 landing page with booking form, thank-you page",
            "channels": "Google Ads, email to existing patients",
            "budget": "£20,000",
            "deadline": LATER,
            "approver": "7",
        },
    ),
    Case(
        "school open days microsite",
        "Website or landing page",
        {
            "background": "Open days move online this year.",
            "objective": "600 families registered for the open days by 15 October.",
            "success_measure": "Registrations in the form tool.",
            "audience": "Parents of Year 6 children within 10 miles of the school.",
            "key_message": "See a day at our school from your kitchen table.",
            "deliverables": "A 4-page microsite with a registration form",
            "channels": "Email to feeder primaries and Facebook ads",
            "budget": "$9,500",
            "deadline": LATER,
            "approver": "7",
        },
    ),
    Case(
        "lapsed members",
        "Email campaign",
        {
            "background": "Membership fell after the price rise.",
            "objective": "Bring lapsed members back for the spring season.",
            "success_measure": "12% of lapsed members rejoin within 3 weeks.",
            "audience": "Members who cancelled in the last 18 months, mostly road cyclists in "
            "their 40s.",
            "key_message": "Your riding group missed you: come back with a free first month.",
            "deliverables": "3 emails over 10 days: invite, reminder, last chance",
            "budget": "£4,000",
            "deadline": LATER,
            "approver": "7",
        },
    ),
    Case(
        "webinar invitations",
        "Email campaign",
        {
            "background": "Our first customer webinar is on 20 April.",
            "objective": "250 sign-ups for the webinar by 15 April.",
            "success_measure": "Sign-ups in the webinar tool.",
            "audience": "Finance managers at our existing customers who use the reporting module.",
            "key_message": "Close the month in half the time: we'll show you how.",
            "deliverables": "2 emails: invitation and reminder",
            "budget": "1500",
            "deadline": LATER,
            "approver": "7",
        },
    ),
    Case(
        "single-origin range copy",
        "Copywriting",
        {
            "background": "Customers email us asking which coffee to choose.",
            "objective": "Help shoppers choose the right roast in under a minute.",
            "success_measure": "Support emails down 30% and 10% more online sales of the range.",
            "audience": "Home brewers who care about taste but don't know the jargon.",
            "key_message": "There's a coffee here that's exactly your taste.",
            "deliverables": "12 product descriptions of 80–100 words",
            "budget": "£2,500",
            "deadline": LATER,
            "approver": "7",
        },
    ),
    Case(
        "annual report foreword",
        "Copywriting",
        {
            "background": "The annual report goes to shareholders in May.",
            "objective": "A foreword the chair signs off in one round, by 30 April.",
            "success_measure": "One round of changes at most.",
            "audience": "Shareholders and staff of the cooperative, many reading on paper.",
            "key_message": "A hard year, and the members who carried us through it.",
            "deliverables": "One foreword of 600 words",
            "budget": "CHF 3,000",
            "deadline": LATER,
            "approver": "7",
        },
    ),
]

WEAK = [
    Case(
        "soup everywhere",
        "Social campaign",
        {
            **GOOD[0].answers,
            "key_message": "Soup",
            "channels": "Stores",
            "audience": "everyone who likes food",
        },
        {
            ("key_message", "key_message_too_short"),
            ("channels", "channel_vague"),
            ("audience", "audience_vague"),
        },
    ),
    Case(
        "awareness for young people",
        "Social campaign",
        {
            **GOOD[1].answers,
            "objective": "Raise awareness",
            "success_measure": "Engagement",
            "audience": "young people",
        },
        {("objective", "objective_no_number"), ("audience", "audience_vague")},
    ),
    Case(
        "banners",
        "Display or print ad",
        {**GOOD[2].answers, "deliverables": "banners"},
        {("deliverables", "format_no_quantity")},
    ),
    Case(
        "sales without a time frame",
        "Display or print ad",
        {
            **GOOD[3].answers,
            "objective": "Increase sofa sales by 10%",
            "success_measure": "Till data",
        },
        {("objective", "objective_no_time_frame")},
    ),
    Case(
        "budget in no currency",
        "Video",
        {**GOOD[4].answers, "budget": "45,000"},
        {("budget", "budget_no_currency")},
        currency="",
    ),
    Case(
        "deadline next week",
        "Video",
        {**GOOD[5].answers, "deadline": "2027-03-05"},
        {("deadline", "deadline_too_soon")},
    ),
    Case(
        "customers online",
        "Website or landing page",
        {**GOOD[6].answers, "audience": "customers", "channels": "Online"},
        {("audience", "audience_vague"), ("channels", "channel_vague")},
    ),
    Case(
        "half-finished page",
        "Website or landing page",
        {
            key: value
            for key, value in GOOD[7].answers.items()
            if key not in ("key_message", "approver")
        },
        {("key_message", "missing"), ("approver", "missing")},
    ),
    Case(
        "emails, some",
        "Email campaign",
        {**GOOD[8].answers, "deliverables": "Emails", "key_message": "Come back"},
        {("deliverables", "format_no_quantity"), ("key_message", "key_message_too_short")},
    ),
    Case(
        "past deadline, no budget",
        "Email campaign",
        {
            **{k: v for k, v in GOOD[9].answers.items() if k != "budget"},
            "deadline": "2027-02-01",
        },
        {("deadline", "deadline_past"), ("budget", "missing")},
    ),
    Case(
        "copy for the public",
        "Copywriting",
        {
            **GOOD[10].answers,
            "audience": "the general public",
            "objective": "Better copy",
            "success_measure": "",
        },
        {
            ("objective", "objective_no_number"),
            ("audience", "audience_vague"),
            ("success_measure", "missing"),
        },
    ),
    Case(
        "words, ASAP",
        "Copywriting",
        {**GOOD[11].answers, "deliverables": "Words", "deadline": "ASAP"},
        {("deliverables", "format_no_quantity"), ("deadline", "deadline_not_a_date")},
    ),
]
