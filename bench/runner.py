"""Time every registered target in-process with Django's test client, and report.

Two phases on two databases:
1. a SMALL agency (10 clients) in a throwaway test database: query counts only;
2. the large agency (default 500 clients, 5,000 users, 20,000 events): timings and counts.
A target passes when its p95 is within its target and its query count is the same in both.
"""

import json
import math
import os
import platform
import subprocess
import sys
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import django
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, Resolver404, resolve

from accord.accounts.services import create_api_token
from accord.core.events import verify_chain
from bench import generate
from bench.context import BenchContext, load_context
from bench.registry import Target

SMALL_WARMUP, SMALL_REQUESTS = 5, 10


@dataclass
class Options:
    clients: int
    users: int
    events: int
    requests: int
    warmup: int
    keep: bool
    only: list[str] | None
    no_fail: bool
    require_all: bool
    seed: int
    out_dir: Path


class TargetError(Exception):
    """A target answered with something other than 200 OK."""


@dataclass
class Result:
    name: str
    persona: str
    kind: str
    p95_target_ms: float
    path: str = ""
    state: str = "ok"  # ok | unavailable | error
    detail: str = ""
    times_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    response_bytes: int = 0
    small_queries: list[int] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return percentile(self.times_ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 95)

    @property
    def max(self) -> float:
        return max(self.times_ms) if self.times_ms else math.nan

    @property
    def fast_enough(self) -> bool:
        return self.state == "ok" and self.p95 <= self.p95_target_ms

    @property
    def constant_queries(self) -> bool | None:
        """Same usual query count on the small and the large agency (None: not measured)."""
        if not self.queries or not self.small_queries:
            return None
        return usual(self.queries) == usual(self.small_queries)

    @property
    def passed(self) -> bool:
        return self.fast_enough and self.constant_queries is not False

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["times_ms"], data["queries"], data["small_queries"]
        if self.state == "ok":
            data.update(
                p50_ms=round(self.p50, 2),
                p95_ms=round(self.p95, 2),
                max_ms=round(self.max, 2),
                requests=len(self.times_ms),
                queries_min=min(self.queries),
                queries_max=max(self.queries),
                queries_usual=usual(self.queries),
                small_queries_usual=usual(self.small_queries) if self.small_queries else None,
                constant_queries=self.constant_queries,
                passed=self.passed,
            )
        return data


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def usual(counts: list[int]) -> int:
    """The most common query count (an API token's once-a-minute touch is not a regression)."""
    return Counter(counts).most_common(1)[0][0]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Requests -------------------------------------------------------------------------------


class Sessions:
    """One signed-in test client per persona (pages) and one bearer token per persona (API)."""

    def __init__(self, ctx: BenchContext) -> None:
        self.ctx = ctx
        self.pages: dict[str, HttpClient] = {}
        self.tokens: dict[str, str] = {}
        self.api = HttpClient()

    def get(self, target: Target, path: str, data: dict[str, Any] | None = None) -> Any:
        try:
            return self._get(target, path, data)
        finally:
            # As a server does when a request finishes (the test client skips it): on SQLite
            # the connection closes, so each request pays its connection's whole life.
            close_old_connections()

    def _get(self, target: Target, path: str, data: dict[str, Any] | None) -> Any:
        if target.kind == "api":
            if target.persona not in self.tokens:
                _, plaintext = create_api_token(user=self.ctx.user(target.persona), name="bench")
                self.tokens[target.persona] = plaintext
            return self.api.get(
                path, headers={"authorization": f"Bearer {self.tokens[target.persona]}"}
            )
        if target.persona not in self.pages:
            client = HttpClient()
            client.force_login(self.ctx.user(target.persona))
            self.pages[target.persona] = client
        if data is not None:
            return self.pages[target.persona].post(path, data)
        return self.pages[target.persona].get(path)


def refresh_statistics() -> None:
    """On PostgreSQL, what autovacuum keeps up to date on a running server: the planner's
    statistics. Rows bulk-created a moment ago would otherwise be planned as empty tables
    (a nested loop over every job for each task: 30 ms instead of 0.5). SQLite analyses the
    tables a connection used as it closes (`PRAGMA optimize`)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def path_for(target: Target, ctx: BenchContext) -> str | None:
    """The target's URL, or None when its view does not exist yet."""
    if target.kind == "job":
        return target.path_fn(ctx)
    try:
        path = target.path_fn(ctx)
        resolve(urlsplit(path).path)
    except (NoReverseMatch, Resolver404):
        return None
    return path


def check(response: Any, target: Target, path: str) -> None:
    if response.status_code != target.expect:
        body = response.content[:500].decode(errors="replace")
        where = f" → {response['Location']}" if response.has_header("Location") else ""
        raise TargetError(
            f"{target.name}: GET {path} as {target.persona} answered "
            f"{response.status_code}{where}, not {target.expect}.\n{body}"
        )


def measure(
    target: Target, ctx: BenchContext, sessions: Sessions, *, warmup: int, requests: int
) -> Result:
    result = Result(target.name, target.persona, target.kind, target.p95_ms)
    path = path_for(target, ctx)
    if path is None:
        result.state, result.detail = "unavailable", "no such URL yet"
        return result
    result.path = path
    refresh_statistics()  # the target's URL may have made its own rows (a busy job, a board)
    if target.max_requests is not None:
        requests = min(requests, target.max_requests)
        warmup = min(warmup, max(1, target.max_requests // 5))
    try:
        if target.job_fn is not None:
            _measure_job(target.job_fn(ctx), result, warmup=warmup, runs=requests)
            return result
        # Queries are counted on the untimed requests: Django's query log (on SQLite it quotes
        # every parameter with a query of its own) would be timed with the page otherwise.
        for n in range(max(warmup, 1)):
            data = target.data_fn(ctx) if target.data_fn else None
            if n < warmup // 2:  # the first requests fill caches (content types, sessions)
                check(sessions.get(target, path, data), target, path)
                continue
            with CaptureQueriesContext(connection) as queries:
                check(sessions.get(target, path, data), target, path)
            result.queries.append(len(queries))
        for _ in range(requests):
            data = target.data_fn(ctx) if target.data_fn else None
            start = time.perf_counter()
            response = sessions.get(target, path, data)
            elapsed = time.perf_counter() - start
            check(response, target, path)
            result.times_ms.append(elapsed * 1000)
            result.response_bytes = len(_body(response))
    except TargetError as exc:
        result.state, result.detail = "error", str(exc)
        log(f"\n!!! {exc}\n")
    except Exception as exc:  # the view raised: report it and go on with the other targets
        result.state = "error"
        result.detail = (
            f"{target.name}: GET {path} as {target.persona} raised {type(exc).__name__}: {exc}"
        )
        log(f"\n!!! {result.detail}\n{traceback.format_exc(limit=-8)}")
    return result


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _measure_job(job: Any, result: Result, *, warmup: int, runs: int) -> None:
    """Time work the worker does (no request): the call `job_fn` prepared."""
    for _ in range(max(warmup, 1)):  # counted, not timed (see `measure`)
        with CaptureQueriesContext(connection) as queries:
            job()
        result.queries.append(len(queries))
    for _ in range(runs):
        start = time.perf_counter()
        made = job()
        elapsed = time.perf_counter() - start
        result.times_ms.append(elapsed * 1000)
        result.response_bytes = len(made) if isinstance(made, bytes | str) else 0


def run_targets(
    targets: list[Target], *, warmup: int, requests: int, phase: str
) -> dict[str, Result]:
    ctx = load_context()
    sessions = Sessions(ctx)
    results = {}
    for target in targets:
        result = measure(target, ctx, sessions, warmup=warmup, requests=requests)
        if result.state == "ok":
            log(
                f"  [{phase}] {target.name:<30} p95 {result.p95:7.1f} ms, "
                f"{usual(result.queries)} queries"
            )
        else:
            log(f"  [{phase}] {target.name:<30} {result.state}: {result.detail.splitlines()[0]}")
        results[target.name] = result
    return results


# --- Databases ------------------------------------------------------------------------------


def _reset_caches() -> None:
    ContentType.objects.clear_cache()
    cache.clear()


def small_phase(targets: list[Target], opts: Options) -> tuple[dict[str, Result], float]:
    """Query counts on a 10-client agency, in a throwaway test database."""
    log(f"Small agency ({generate.SMALL.clients} clients) in a throwaway database…")
    started = time.perf_counter()
    if connection.vendor == "sqlite":  # a file, not Django's in-memory test database
        connection.settings_dict["TEST"]["NAME"] = str(opts.out_dir / "small.sqlite3")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        _reset_caches()
        generate.generate(generate.SMALL, seed=opts.seed)
        seconds = time.perf_counter() - started
        results = run_targets(targets, warmup=SMALL_WARMUP, requests=SMALL_REQUESTS, phase="small")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        _reset_caches()
    return results, seconds


def prepare_large(opts: Options) -> tuple[dict[str, int], float, bool]:
    """Migrate the bench database and fill it unless --keep found a generated agency."""
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    reused = False
    if opts.keep:
        try:
            load_context()
            reused = True
        except RuntimeError:
            log("--keep: no generated agency in the database yet; generating one.")
    if not reused:
        if generate.counts()["users"] or generate.counts()["events"]:  # not a fresh database
            log("Emptying the bench database (flush)…")
            call_command("flush", verbosity=0, interactive=False)
        size = generate.Size(clients=opts.clients, users=opts.users, events=opts.events)
        log(f"Large agency ({size.clients} clients, {size.users} users, {size.events} events)…")
        generate.generate(size, seed=opts.seed)
    counts = generate.counts()
    seconds = time.perf_counter() - started
    if reused:
        log(
            f"Reusing the generated agency ({counts['clients']} clients, "
            f"{counts['users']} users, {counts['events']} events)."
        )
    else:
        log(f"Generated in {seconds:.1f} s: {counts}")
    return counts, seconds, reused


# --- Report ---------------------------------------------------------------------------------

COLUMNS = (
    "target",
    "as",
    "p50 ms",
    "p95 ms",
    "max ms",
    "goal",
    "queries",
    "small→large",
    "bytes",
    "result",
)


def _row(r: Result, small_clients: int, large_clients: int) -> tuple[str, ...]:
    if r.state != "ok":
        label = "n/a (not available yet)" if r.state == "unavailable" else "ERROR"
        return (r.name, r.persona, "", "", "", f"{r.p95_target_ms:g}", "", "", "", label)
    q_min, q_max = min(r.queries), max(r.queries)
    queries = f"{q_min}" if q_min == q_max else f"{q_min}-{q_max}"
    if r.constant_queries is None:
        scaling = "not measured"
    else:
        mark = "=" if r.constant_queries else "≠"
        scaling = (
            f"{usual(r.small_queries)}@{small_clients} {mark} {usual(r.queries)}@{large_clients}"
        )
    verdict = "PASS" if r.passed else "FAIL"
    if not r.fast_enough:
        verdict += " (slow)"
    if r.constant_queries is False:
        verdict += " (queries grow)"
    return (
        r.name,
        r.persona,
        f"{r.p50:.1f}",
        f"{r.p95:.1f}",
        f"{r.max:.1f}",
        f"≤{r.p95_target_ms:g}",
        queries,
        scaling,
        f"{r.response_bytes:,}",
        verdict,
    )


def table(results: list[Result], small_clients: int, large_clients: int) -> str:
    rows = [COLUMNS, *(_row(r, small_clients, large_clients) for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=settings.BASE_DIR,
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    dirty = subprocess.run(
        ["git", "status", "--porcelain"],
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    ).stdout.strip()
    return out.stdout.strip() + ("-dirty" if dirty else "")


def write_json(payload: dict[str, Any], out_dir: Path, stamp: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    path = out_dir / f"results-{stamp}.json"
    path.write_text(text)
    (out_dir / "latest.json").write_text(text)
    return path


# --- Entry point ----------------------------------------------------------------------------


def run(targets: list[Target], opts: Options) -> int:
    started = datetime.now(UTC)
    small, small_seconds = small_phase(targets, opts)
    counts, large_seconds, reused = prepare_large(opts)
    report = verify_chain()
    if not report.intact:
        raise SystemExit(
            f"The generated event chain is broken at event "
            f"{report.broken_event_id}: {report.reason}"
        )
    log(
        f"Event chain verified: {report.checked} events. Timing {opts.requests} requests "
        f"per target after {opts.warmup} warm-up requests…"
    )
    large = run_targets(targets, warmup=opts.warmup, requests=opts.requests, phase="large")
    results = list(large.values())
    for result in results:
        result.small_queries = small[result.name].queries
        if small[result.name].state == "error" and result.state == "ok":
            result.state = "error"
            result.detail = f"on the small agency: {small[result.name].detail}"
    small_clients, large_clients = generate.SMALL.clients, counts["clients"]
    print()
    print(table(results, small_clients, large_clients))
    print()

    errors = [r for r in results if r.state == "error"]
    missing = [r for r in results if r.state == "unavailable"]
    failed = [r for r in results if r.state == "ok" and not r.passed]
    passed = sum(r.passed for r in results)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    payload: dict[str, Any] = {
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _git_commit(),
        "environment": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "database": connection.vendor,
            "machine": platform.machine(),
            "cpus": os.cpu_count() or 0,
        },
        "settings": {
            "requests": opts.requests,
            "warmup": opts.warmup,
            "seed": opts.seed,
            "small_requests": SMALL_REQUESTS,
            "reused_database": reused,
        },
        "data": {
            "small": {"clients": small_clients},
            "large": counts,
            "events_verified": report.checked,
        },
        "generation_seconds": {"small": round(small_seconds, 1), "large": round(large_seconds, 1)},
        "results": [r.as_json() for r in results],
        "summary": {
            "passed": passed,
            "failed": len(failed),
            "errors": len(errors),
            "not_available": len(missing),
        },
    }
    path = write_json(payload, opts.out_dir, stamp)
    print(
        f"{len(results) - len(missing)} of {len(results)} targets available; "
        f"{passed} passed, {len(failed)} failed, {len(errors)} errors"
        + (f"; not available yet: {', '.join(r.name for r in missing)}" if missing else "")
        + f".\nResults: {path} (and {opts.out_dir / 'latest.json'})"
    )
    if errors:
        return 2
    if (failed or (missing and opts.require_all)) and not opts.no_fail:
        return 1
    return 0
