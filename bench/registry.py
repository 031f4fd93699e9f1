"""Every page and API operation the benchmark times, with who asks and how fast it must be.

To benchmark a new page or endpoint, add one `register(...)` call at the bottom of this file:

    register("briefs.detail",                      # unique name, used by --only
             lambda ctx: reverse("intake:brief", kwargs={"brief_id": ...}),
             "alice",                              # persona from bench/context.py
             kind="page",                          # "page": session login; "api": bearer token
             p95_ms=50)                            # optional target, default 50 ms

The path function gets a `BenchContext` (personas, Acme, Globex, Alice's client ids) and
returns the URL. A target whose URL does not exist yet (NoReverseMatch, or a path that does
not resolve) is reported as "not available" instead of failing, so targets can be
registered before their views land.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from django.urls import reverse

from accord.work.models import Job
from bench.context import BenchContext

Kind = Literal["page", "api", "job"]
PathFn = Callable[[BenchContext], str]
DataFn = Callable[[BenchContext], dict[str, Any]]
JobFn = Callable[[BenchContext], Callable[[], object]]
DEFAULT_P95_MS = 50.0
API = "/api/v1"


@dataclass(frozen=True)
class Target:
    name: str
    path_fn: PathFn
    persona: str
    kind: Kind = "page"
    p95_ms: float = DEFAULT_P95_MS
    # A POST with this form data (files too) instead of a GET; it must answer `expect`.
    data_fn: DataFn | None = None
    expect: int = 200
    # kind="job": work the worker does, no request. `job_fn` prepares it (untimed) and returns
    # the call that is timed.
    job_fn: JobFn | None = None
    # At most this many timed runs (and a fifth of them as warm-up): for heavy targets.
    max_requests: int | None = None


TARGETS: dict[str, Target] = {}


def register(
    name: str,
    path_fn: PathFn,
    persona: str,
    kind: Kind = "page",
    *,
    p95_ms: float = DEFAULT_P95_MS,
    data_fn: DataFn | None = None,
    expect: int = 200,
    job_fn: JobFn | None = None,
    max_requests: int | None = None,
) -> Target:
    """Add a target; names are unique."""
    if name in TARGETS:
        raise ValueError(f"A benchmark target called {name!r} is already registered.")
    if kind not in ("page", "api", "job"):
        raise ValueError(f"kind must be 'page', 'api' or 'job', not {kind!r}")
    if (kind == "job") != (job_fn is not None):
        raise ValueError("A job target, and only a job target, has a job_fn.")
    target = Target(
        name=name,
        path_fn=path_fn,
        persona=persona,
        kind=kind,
        p95_ms=p95_ms,
        data_fn=data_fn,
        expect=expect,
        job_fn=job_fn,
        max_requests=max_requests,
    )
    TARGETS[name] = target
    return target


def _matches(target: Target, pattern: str) -> bool:
    return target.name == pattern or (pattern.endswith(".") and target.name.startswith(pattern))


def selected(only: list[str] | None) -> list[Target]:
    """The targets named by --only (exact names, or a prefix ending in '.'), else all."""
    if not only:
        return list(TARGETS.values())
    unknown = [o for o in only if not any(_matches(t, o) for t in TARGETS.values())]
    if unknown:
        raise SystemExit(f"Unknown target(s) {unknown}; known: {', '.join(TARGETS)}")
    return [t for t in TARGETS.values() if any(_matches(t, o) for o in only)]


def _client_url(name: str) -> PathFn:
    return lambda ctx: reverse(name, kwargs={"client_id": ctx.acme.pk})


# --- Pages (signed in with a session) -----------------------------------------------------
register("healthz", lambda ctx: reverse("healthz"), "erin", p95_ms=20)
register("home.alice", lambda ctx: reverse("home:index"), "alice")
register("clients.list.alice", lambda ctx: reverse("clients:list"), "alice")
register("clients.list.erin", lambda ctx: reverse("clients:list"), "erin")
register("clients.list.erin.page10", lambda ctx: reverse("clients:list") + "?page=10", "erin")
register("clients.detail.alice", _client_url("clients:detail"), "alice")
register("clients.activity.alice", _client_url("clients:activity"), "alice")
register("accounts.team.erin", lambda ctx: reverse("accounts:team"), "erin")

# --- API (Authorization: Bearer <token>) --------------------------------------------------
register("api.me", lambda ctx: f"{API}/me", "alice", kind="api")
register("api.clients.list.erin", lambda ctx: f"{API}/clients", "erin", kind="api")
register(
    "api.clients.detail.alice", lambda ctx: f"{API}/clients/{ctx.acme.pk}", "alice", kind="api"
)
register(
    "api.clients.activity.alice",
    lambda ctx: f"{API}/clients/{ctx.acme.pk}/activity",
    "alice",
    kind="api",
)
register("api.team.erin", lambda ctx: f"{API}/team", "erin", kind="api")


# --- Intake (issue 3) ---------------------------------------------------------------------
def _acme_brief_id(ctx: BenchContext, status: str) -> int:
    from accord.intake.models import Brief

    brief = Brief.objects.filter(client=ctx.acme, status=status).order_by("pk").first()
    if brief is None:
        raise LookupError(f"no {status} brief for {ctx.acme}")
    return brief.pk


def _brief_page(status: str) -> PathFn:
    return lambda ctx: reverse(
        "intake:brief_detail", kwargs={"brief_id": _acme_brief_id(ctx, status)}
    )


register("intake.queue.alice", lambda ctx: reverse("intake:queue"), "alice")
register("intake.queue.erin", lambda ctx: reverse("intake:queue"), "erin")
register("intake.requests.alice", lambda ctx: reverse("intake:request_list"), "alice")
register("intake.briefs.alice", lambda ctx: reverse("intake:brief_list"), "alice")
# An admin sees all 500 clients: the client filter must not grow with them.
register("intake.requests.erin", lambda ctx: reverse("intake:request_list"), "erin")
register("intake.briefs.erin", lambda ctx: reverse("intake:brief_list"), "erin")
# Sorted by deadline (its own index), across every client and across one AM's.
register(
    "intake.briefs.by_deadline.erin",
    lambda ctx: reverse("intake:brief_list") + "?sort=deadline",
    "erin",
)
register(
    "intake.queue.by_deadline.alice",
    lambda ctx: reverse("intake:queue") + "?sort=deadline",
    "alice",
)
register("intake.brief.proposed.alice", _brief_page("proposed"), "alice")
register("intake.brief.proposed.carol", _brief_page("proposed"), "carol")
register("intake.brief.signed.dan", _brief_page("signed_off"), "dan")
register("api.intake.queue.alice", lambda ctx: f"{API}/intake/queue", "alice", kind="api")
register(
    "api.briefs.detail.alice",
    lambda ctx: f"{API}/briefs/{_acme_brief_id(ctx, 'proposed')}",
    "alice",
    kind="api",
)
register("api.briefs.list.erin", lambda ctx: f"{API}/briefs", "erin", kind="api")


# --- Bounded costs (issue 7): the worst input each bound accepts --------------------------
from bench import hostile  # noqa: E402  (the targets below use what the registry defines)

register(
    "bounds.versions.compare.maximal",
    hostile.versions_page,
    "carol",
    p95_ms=1000,
    max_requests=50,
)
register(
    "bounds.versions.compare.maximal.far",
    hostile.versions_page_far,
    "carol",
    p95_ms=1000,
    max_requests=50,
)
register(
    "bounds.api.compare.maximal",
    hostile.compare_api,
    "carol",
    kind="api",
    p95_ms=1000,
    max_requests=50,
)
register(
    "bounds.pdf.job.maximal",
    lambda ctx: "(worker)",
    "alice",
    kind="job",
    job_fn=hostile.pdf_job,
    # The worker's job, not a request: bounded by the brief's limits, not held to 1 s.
    p95_ms=5000,
    max_requests=10,
)
for name, job in (("lines", hostile.pdf_job_lines), ("unbroken", hostile.pdf_job_unbroken)):
    register(
        f"bounds.pdf.job.{name}",
        lambda ctx: "(worker)",
        "alice",
        kind="job",
        job_fn=job,
        p95_ms=5000,
        max_requests=10,
    )
register(
    "bounds.pdf.request.maximal",
    hostile.pdf_page,
    "alice",
    p95_ms=1000,
    expect=202,
    max_requests=50,
)
register(
    "bounds.logo.upload.pixel_limit",
    hostile.brand_page,
    "alice",
    p95_ms=1000,
    data_fn=hostile.logo_at_pixel_limit,
    expect=302,
    max_requests=20,
)
register(
    "bounds.templates.editor.max_questions",
    hostile.template_editor,
    "erin",
    p95_ms=1000,
    max_requests=50,
)
register(
    "bounds.templates.save.max_questions",
    hostile.template_editor,
    "erin",
    p95_ms=1000,
    data_fn=hostile.template_with_max_questions,
    expect=302,
    max_requests=20,
)
register(
    "bounds.templates.save.huge_count",
    hostile.template_editor,
    "erin",
    p95_ms=1000,
    data_fn=hostile.template_claiming_a_billion_questions,
    expect=422,
    max_requests=50,
)

# Capacity: 60 creatives × 8 weeks of booked hours (a page of people), and who could take a task.
register("work.workload.alice", lambda ctx: reverse("work:workload"), "alice", p95_ms=100)
register(
    "work.workload.erin.26weeks",
    lambda ctx: reverse("work:workload") + "?weeks=26",
    "erin",
    p95_ms=200,
)
register(
    "api.workload.alice", lambda ctx: f"{API}/workload?limit=60", "alice", kind="api", p95_ms=100
)


def _candidates(ctx: BenchContext) -> str:
    job = Job.objects.filter(client=ctx.acme).order_by("pk").first()
    return reverse("work:candidates") + (
        f"?job={job.pk if job else 0}&discipline=design&due_on="
        f"{(date.today() + timedelta(days=20)).isoformat()}&estimate=12"
    )


register("work.candidates.alice", _candidates, "alice", p95_ms=100)

# --- The job board, timeline and overview (issue 9): a job with 100 deliverables, 400 tasks --
from bench import work_board  # noqa: E402

register("work.board.alice", work_board.board_page, "alice")
register("work.board.dan", work_board.board_page, "dan")
register("work.timeline.alice", work_board.timeline_page, "alice")
register("work.job_overview.alice", work_board.job_overview_page, "alice")
register("work.overview.alice", lambda ctx: reverse("work:overview"), "alice")
register("api.work.board.alice", work_board.board_api, "alice", kind="api")

# --- My work (a creative with 200 open tasks) and the jobs list (issue 9) ---
from bench import work_mine  # noqa: E402

register("work.my_work.dan", work_mine.my_work_page, "dan", p95_ms=50)
register("api.work.my_work.dan", work_mine.my_work_api, "dan", kind="api", p95_ms=50)
register("work.jobs.alice", work_mine.jobs_page, "alice", p95_ms=50)
register("work.jobs.dan", work_mine.jobs_page, "dan", p95_ms=50)
register("api.work.jobs.alice", work_mine.jobs_api, "alice", kind="api", p95_ms=50)

# --- Reviews (issue 10) -------------------------------------------------------------------
from bench import reviews  # noqa: E402

register("reviews.page.alice", reviews.review_page, "alice", p95_ms=80)
register("reviews.page.carol", reviews.review_page, "carol", p95_ms=80)
register("api.reviews.comments.alice", reviews.review_api, "alice", kind="api", p95_ms=80)
register("reviews.queue.carol", reviews.queue_page, "carol", p95_ms=50)
register("reviews.queue.alice", reviews.queue_page, "alice", p95_ms=50)
register("reviews.queue.clients.alice", reviews.clients_queue_page, "alice", p95_ms=50)
register(
    "bounds.reviews.upload.pdf_20mb",
    reviews.upload_page,
    "dan",
    p95_ms=1000,
    data_fn=reviews.pdf_upload,
    expect=302,
    max_requests=10,
)
register(
    "bounds.reviews.previews.pdf_20mb",
    lambda ctx: "(worker)",
    "dan",
    kind="job",
    job_fn=reviews.pdf_preview_job,
    p95_ms=5000,
    max_requests=5,
)

# --- Conversations (issue 11): Today for an account manager with 40 clients, 2,000 open items
from bench import today  # noqa: E402

register("home.today.tara", today.home_page, "tara", p95_ms=80)
register("home.today_list.tara", today.today_list, "tara", p95_ms=80)

# --- Search: a million messages over 48 clients (bench/search.py) -------------------------
from bench import search  # noqa: E402

for _persona in ("alice", "carol", "dan", "erin"):
    for _what in search.SEARCHES:
        register(
            f"api.search.{_what}.{_persona}",
            search.search_api(_what),
            _persona,
            kind="api",
            p95_ms=100,
        )
register("search.page.alice", search.search_page("two"), "alice", p95_ms=100)

# --- Insights: account health over every client (bench/insights.py) -------------------------
from bench import insights  # noqa: E402

register("insights.health.erin", insights.health_list, "erin", p95_ms=100)
register("api.insights.health.erin", insights.health_list_api, "erin", kind="api", p95_ms=100)
register("insights.client_health.alice", insights.client_health, "alice", p95_ms=100)

# --- The tone check: a 2,000-character message, as the account manager types (bench/tone.py) -
from bench import tone  # noqa: E402

register(
    "tone.assess.2000", lambda ctx: "(tone check)", "alice", kind="job", job_fn=tone.job, p95_ms=5
)
