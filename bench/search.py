"""Search for the benchmarks: a million indexed messages over 48 clients, and the searches an
account manager (Alice, on 48 clients), a client contact (Carol) and a creative (Dan) make.

The messages are written straight into the index (bulk inserts, not through services): the
conversations app is still being written, and what is timed here is the index and the search
around it. They are a kind of their own, "bench.message", registered below as an app would
register its kind: scope keys by client and audience ("client:<id>:client",
"client:<id>:internal") and by job ("job:<id>", for creatives); every id is visible (the
objects are made up), so the second layer costs its one query without dropping anything.
The words are made up too (from syllables), so a search finds only these messages: the same
queries on the small and the large agency.
"""

import random
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from accord.clients import queries as client_queries
from accord.clients.models import Client, TeamMembership
from accord.core import policy, reach
from accord.core.search import Source, register
from accord.core.search.index import tokens_of
from accord.core.search.models import SearchEntry
from accord.work.models import Job
from bench.context import BenchContext

KIND = "bench.message"
LARGE, SMALL = 1_000_000, 10_000
CLIENTS = 48
WORDS_PER_MESSAGE = 24
BATCH = 20_000
SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tu", "vel", "bri", "no", "qua", "zef", "dor"]
# Searches: a word in one message in 6, one in 5,000, two words (the second a word and the
# start of longer ones), and the start of a rare word.
COMMON, RARE = "kalo", "zefdorqua"
SEARCHES = {"common": COMMON, "rare": RARE, "two": f"{COMMON} mika", "prefix": "zefd"}


def _vocabulary() -> list[str]:
    words = {a + b for a in SYLLABLES for b in SYLLABLES}
    words |= {a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES}
    return sorted(words)


def _scopes(user: Any) -> list[str] | None:
    if policy.is_admin(user):
        return None
    if policy.is_creative(user):
        return [f"job:{pk}" for pk in sorted(reach.of(user).job_ids)]
    ids = list(client_queries.visible_to(user).order_by().values_list("pk", flat=True))
    keys = [f"client:{pk}:client" for pk in ids]
    return keys + ([f"client:{pk}:internal" for pk in ids] if policy.is_staff_member(user) else [])


register(
    Source(
        kind=KIND,
        label="Message",
        scopes=_scopes,
        visible=lambda user, ids: set(ids),
        documents=lambda: iter(()),
    )
)


def _clients(ctx: BenchContext) -> list[Client]:
    """Acme, Globex, Alice's and Dan's jobs' clients first, then others: 48 in all."""
    dan = ctx.user("dan")
    first = [ctx.acme.pk, ctx.globex.pk, *ctx.alice_client_ids]
    first += Job.objects.filter(pk__in=reach.of(dan).job_ids).values_list("client_id", flat=True)
    rest = Client.objects.exclude(pk__in=first).order_by("pk").values_list("pk", flat=True)
    ids = list(dict.fromkeys([*first, *rest]))[:CLIENTS]
    return list(Client.objects.filter(pk__in=ids).order_by("pk"))


def messages(ctx: BenchContext) -> None:
    """The messages, once per database (a million on the large agency), and Alice on the
    team of every client they are spread over."""
    if SearchEntry.objects.filter(kind=KIND).exists():
        return
    count = LARGE if ctx.client_count > 100 else SMALL
    clients = _clients(ctx)
    alice = ctx.user("alice")
    TeamMembership.objects.bulk_create(
        [TeamMembership(client=c, user=alice) for c in clients], ignore_conflicts=True
    )
    jobs: dict[int, list[int]] = {}
    for pk, client_id in Job.objects.filter(client__in=clients).values_list("pk", "client_id"):
        jobs.setdefault(client_id, []).append(pk)
    rng = random.Random(7)
    with transaction.atomic():
        for rows in _batches(_rows(rng, count, clients, jobs)):
            _insert(rows)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # as a long-running index is, after its merges
            cursor.execute("INSERT INTO core_search_fts(core_search_fts) VALUES ('optimize')")


def _rows(
    rng: random.Random, count: int, clients: list[Client], jobs: dict[int, list[int]]
) -> Iterator[tuple[Any, ...]]:
    words = _vocabulary()
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf: a few words are common
    start = timezone.now() - timedelta(days=3 * 365)
    step = timedelta(days=3 * 365) / count
    adapt = connection.ops.adapt_datetimefield_value
    for n in range(count):
        client = clients[n % len(clients)]
        audience = "client" if rng.random() < 0.5 else "internal"
        scopes = [f"client:{client.pk}:{audience}"]
        if audience == "internal" and jobs.get(client.pk):
            scopes.append(f"job:{rng.choice(jobs[client.pk])}")
        text = rng.choices(words, weights, k=WORDS_PER_MESSAGE)
        if n % 6 == 0:
            text.append(COMMON)
        if n % 5_000 == 0:
            text.append(RARE)
        at = adapt(start + step * n)
        yield (
            KIND,
            n + 1,
            client.pk,
            f"Re: {' '.join(text[:4])}",
            " ".join(text),
            f"/messages/{n + 1}/",
            tokens_of(KIND, scopes),
            at,
            at,
        )


def _batches(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(rows: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO core_searchentry (kind, object_id, client_id, title, body, url, tokens, "
            "created_at, indexed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )


def search_api(what: str) -> Any:
    """The API's search for one of SEARCHES (made once per database)."""

    def path(ctx: BenchContext) -> str:
        messages(ctx)
        return f"/api/v1/search?q={SEARCHES[what].replace(' ', '+')}"

    return path


def search_page(what: str) -> Any:
    def path(ctx: BenchContext) -> str:
        messages(ctx)
        return f"/search/?q={SEARCHES[what].replace(' ', '+')}"

    return path
