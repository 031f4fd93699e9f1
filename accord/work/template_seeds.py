"""Four job templates to start from, as an agency plans these jobs: deliverables with their
channel and format, and the tasks behind them per discipline with estimates, each due a number
of working days before the job's deadline. Tasks name their deliverable and the task they wait
for by position (from 0) in the lists below. The data migration 0006 seeds them."""

from decimal import Decimal
from typing import Any

D, T = "deliverables", "tasks"


def _d(title: str, kind: str, channel: str, fmt: str, days: int) -> dict[str, Any]:
    return {"title": title, "kind": kind, "channel": channel, "format": fmt, "days": days}


def _t(
    title: str,
    discipline: str,
    hours: str,
    days: int,
    *,
    deliverable: int | None = None,
    after: int | None = None,
) -> dict[str, Any]:
    return {
        "title": title,
        "discipline": discipline,
        "hours": Decimal(hours),
        "days": days,
        "deliverable": deliverable,
        "after": after,
    }


def _social() -> dict[str, Any]:
    posts = [
        _d(f"Post {n}", "social_post", "Instagram" if n % 2 else "LinkedIn", "1080×1350 image", 0)
        for n in range(1, 7)
    ]
    tasks = [
        _t("Content plan: themes, dates and hashtags for the six posts", "social", "4", 12),
        _t("Write captions for the six posts", "copywriting", "6", 10, after=0),
        _t("Art direction: look and feel, moodboard", "design", "4", 10, after=0),
    ]
    for n in range(6):
        tasks.append(_t(f"Design post {n + 1}", "design", "2.5", 6, deliverable=n, after=2))
    tasks += [
        _t("Proofread captions against the designs", "copywriting", "1.5", 4, after=1),
        _t("Schedule the posts and tag the client's accounts", "social", "2", 1, after=9),
        _t("Community management plan for launch week", "social", "2", 1, after=0),
    ]
    return {
        "name": "Social campaign — 6 posts",
        "description": "Six posts across Instagram and LinkedIn: plan, captions, designs, "
        "scheduling. About 33 hours over three weeks.",
        D: posts,
        T: tasks,
    }


def _print() -> dict[str, Any]:
    return {
        "name": "Print ad campaign",
        "description": "A magazine full page and a half page, with one adaptation: concept, "
        "copy, layout, retouching and press-ready files.",
        D: [
            _d("Full-page magazine ad", "print_ad", "Magazine", "A4, 3 mm bleed, PDF/X-4", 0),
            _d("Half-page ad", "print_ad", "Newspaper", "262×170 mm, PDF/X-4", 0),
            _d("Key visual", "print_ad", "", "Layered artwork", 8),
        ],
        T: [
            _t("Creative strategy and single-minded proposition", "strategy", "4", 18),
            _t("Concepts: three routes, headline and visual", "copywriting", "6", 15, after=0),
            _t("Concept scamps for the three routes", "design", "6", 15, after=0),
            _t(
                "Key visual: photography brief and retouching",
                "design",
                "8",
                8,
                deliverable=2,
                after=2,
            ),
            _t("Body copy and legal lines", "copywriting", "4", 8, deliverable=0, after=1),
            _t("Layout of the full page", "design", "6", 5, deliverable=0, after=3),
            _t("Adapt to the half page", "design", "3", 3, deliverable=1, after=5),
            _t("Proofread both ads", "copywriting", "1.5", 2, after=6),
            _t("Press-ready files and preflight", "design", "2", 0, after=7),
        ],
    }


def _video() -> dict[str, Any]:
    return {
        "name": "Product launch video (30s)",
        "description": "A 30-second launch film with 15- and 6-second cut-downs: script, "
        "storyboard, shoot, edit, grade, sound, subtitles.",
        D: [
            _d("Script", "script", "", "Two-column script", 20),
            _d("Storyboard", "presentation", "", "PDF, 12–16 frames", 16),
            _d("Launch film 30s", "video", "YouTube, TV", "16:9, 1080p, ProRes + MP4", 0),
            _d("Cut-down 15s", "video", "Instagram, TikTok", "9:16, 1080×1920", 0),
            _d("Bumper 6s", "video", "YouTube", "16:9, 1080p", 0),
        ],
        T: [
            _t("Creative brief and references", "strategy", "3", 24),
            _t("Write the 30s script", "copywriting", "6", 20, deliverable=0, after=0),
            _t("Storyboard", "design", "10", 16, deliverable=1, after=1),
            _t("Pre-production: casting, location, shot list", "video", "8", 13, after=2),
            _t("Shoot day", "video", "10", 10, deliverable=2, after=3),
            _t("Offline edit of the 30s", "video", "12", 7, deliverable=2, after=4),
            _t("Grade, sound mix and music licence", "video", "8", 4, deliverable=2, after=5),
            _t("End frame and supers", "design", "3", 4, deliverable=2, after=5),
            _t("Subtitles and cut-downs (15s, 6s)", "video", "6", 2, deliverable=3, after=6),
            _t("Deliver masters to every channel's spec", "video", "2", 0, deliverable=4, after=8),
        ],
    }


def _landing() -> dict[str, Any]:
    return {
        "name": "Website landing page",
        "description": "One campaign landing page: wireframe, copy, design for mobile and "
        "desktop, build in the client's CMS, tracking and tests.",
        D: [
            _d("Wireframe", "presentation", "Website", "Clickable prototype", 12),
            _d("Page design", "web_page", "Website", "Mobile and desktop", 6),
            _d("Live landing page", "web_page", "Website", "Built in the CMS", 0),
        ],
        T: [
            _t("Goals, audience and conversion metric", "strategy", "3", 16),
            _t("Wireframe and content structure", "web", "6", 12, deliverable=0, after=0),
            _t(
                "Page copy, meta title and description",
                "copywriting",
                "5",
                9,
                deliverable=1,
                after=1,
            ),
            _t("Visual design, mobile and desktop", "design", "12", 6, deliverable=1, after=1),
            _t("Build in the CMS", "web", "14", 3, deliverable=2, after=3),
            _t("Analytics and conversion tracking", "web", "3", 2, deliverable=2, after=4),
            _t(
                "Cross-browser, accessibility and speed tests",
                "web",
                "4",
                1,
                deliverable=2,
                after=4,
            ),
            _t("Proofread on the staging page", "copywriting", "1", 1, deliverable=2, after=4),
        ],
    }


def seed(job_template: Any, template_deliverable: Any, template_task: Any) -> None:
    """Create the four templates that do not exist yet (by name), with the given models (the
    migration's historical ones, or the app's)."""
    for spec in (_social(), _print(), _video(), _landing()):
        template, made = job_template.objects.get_or_create(
            name=spec["name"], defaults={"description": spec["description"]}
        )
        if not made:
            continue
        deliverables = [
            template_deliverable.objects.create(
                template=template,
                position=i,
                title=d["title"],
                kind=d["kind"],
                channel=d["channel"],
                format=d["format"],
                days_before_deadline=d["days"],
            )
            for i, d in enumerate(spec[D])
        ]
        tasks: list[Any] = []
        for i, t in enumerate(spec[T]):
            tasks.append(
                template_task.objects.create(
                    template=template,
                    position=i,
                    title=t["title"],
                    discipline=t["discipline"],
                    estimate_hours=t["hours"],
                    days_before_deadline=t["days"],
                    deliverable=deliverables[t["deliverable"]]
                    if t["deliverable"] is not None
                    else None,
                    depends_on=tasks[t["after"]] if t["after"] is not None else None,
                )
            )
