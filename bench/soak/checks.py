"""The soak's checks and statistics: pure functions over what the run recorded and what the
database holds afterwards (see verify.py), so they are tested on small made-up data."""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

# How the email of each marked write is recognised: (field, starts with, contains).
MAIL_OF = {
    "request": ("subject", "New request from ", ": Soak request {m}"),
    "brief": ("subject", "Please fill in the brief: ", "Soak brief {m}"),
    "question": ("text", "", "Soak question {m}?"),
    "decision": ("text", "", "Soak reason {m}"),
}


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of `values`; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def latency(samples: Iterable[dict[str, Any]], duration: float) -> dict[str, Any]:
    """Throughput, p50/p95/p99 per kind of request, and answers by status."""
    by_kind: dict[str, list[float]] = defaultdict(list)
    statuses: Counter[str] = Counter()
    kind_status: dict[str, Counter[str]] = defaultdict(Counter)
    for s in samples:
        by_kind[s["kind"]].append(s["seconds"])
        status = str(s["status"]) if s["status"] else "no answer"
        statuses[status] += 1
        kind_status[s["kind"]][status] += 1
    total = sum(statuses.values())
    kinds = {
        kind: {
            "count": len(times),
            "p50_ms": round(percentile(times, 50) * 1000, 1),
            "p95_ms": round(percentile(times, 95) * 1000, 1),
            "p99_ms": round(percentile(times, 99) * 1000, 1),
            "statuses": dict(sorted(kind_status[kind].items())),
        }
        for kind, times in sorted(by_kind.items())
    }
    return {
        "requests": total,
        "per_second": round(total / duration, 1) if duration else 0.0,
        "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(n for status, n in statuses.items() if status.startswith("5")),
        "no_answer": statuses.get("no answer", 0),
        "kinds": kinds,
    }


def phases(
    samples: Sequence[dict[str, Any]], schedule: Sequence[tuple[float, str]], end: float
) -> list[dict[str, Any]]:
    """Requests per second, p95 and 5xx within each stretch between two faults."""
    bounds = [(0.0, "start"), *schedule]
    out = []
    for n, (start, name) in enumerate(bounds):
        stop = bounds[n + 1][0] if n + 1 < len(bounds) else end
        inside = [s for s in samples if start <= s["at"] < stop]
        times = [s["seconds"] for s in inside]
        out.append(
            {
                "from_s": round(start, 1),
                "to_s": round(stop, 1),
                "after": name,
                "requests": len(inside),
                "per_second": round(len(inside) / (stop - start), 1) if stop > start else 0.0,
                "p95_ms": round(percentile(times, 95) * 1000, 1),
                "server_errors": sum(1 for s in inside if s["status"] >= 500),
                "no_answer": sum(1 for s in inside if s["status"] == 0),
            }
        )
    return out


def stored_once(writes: Iterable[dict[str, Any]], counts: dict[str, int]) -> dict[str, Any]:
    """Every acknowledged write is stored exactly once; an unanswered one at most once."""
    problems = []
    checked = 0
    for w in writes:
        if w["marker"] not in counts:
            continue
        checked += 1
        n = counts[w["marker"]]
        if (w["acked"] and n != 1) or n > 1:
            problems.append(
                {"kind": w["kind"], "marker": w["marker"], "status": w["status"], "stored": n}
            )
    return {"checked": checked, "problems": problems}


def lost_updates(
    writes: Iterable[dict[str, Any]],
    seen: Sequence[dict[str, Any]],
    answers: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """Each co-edited field holds the last value its one editor saved, whenever the editor
    reloads the page (`seen` during the run) and at the end."""
    last: dict[tuple[str, str], dict[str, Any]] = {}
    for w in sorted((w for w in writes if w["kind"] == "autosave"), key=lambda w: w["at"]):
        if w["acked"]:
            last[(str(w["data"]["brief"]), w["data"]["key"])] = w
    lost = list(seen)
    for (brief, key), w in sorted(last.items()):
        now = answers.get(brief, {}).get(key, "")
        if now != f"Soak {w['marker']}":
            lost.append(
                {"brief": int(brief), "field": key, "expected": w["marker"], "found": now[:60]}
            )
    hit = {(int(lost_["brief"]), lost_["field"]) for lost_ in lost}
    return {"fields": len(last), "fields_hit": len(hit), "lost": lost}


def _key(row: dict[str, Any]) -> tuple[str, ...]:
    if row.get("message_id"):
        return ("id", row["message_id"])
    text = "" if row.get("sensitive") else normalise(row["text"])
    subject = " ".join(row["subject"].split())  # as folded and unfolded on the way
    return ("content", subject, ",".join(sorted(row["to"])), text)


def normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def mail(
    writes: Iterable[dict[str, Any]],
    counts: dict[str, int],
    flows: dict[str, dict[str, Any]],
    rows: Sequence[dict[str, Any]],
    received: Sequence[dict[str, Any]],
) -> dict[str, Any]:
    """Every stored change that should mail has its row; every row was sent and received,
    once. A message counts as doubled when the server received it more often than it was
    stored (keyed by its stored Message-ID when the rows have one, else by subject, recipients
    and body). SMTP is at-least-once: a sender that dies after the server took a message sends
    it again, with the same Message-ID, for mail clients to drop. One such second copy per
    message is counted apart (`resent_same_id`); anything more is doubled."""
    missing_rows = []
    for w in writes:
        if w["kind"] not in MAIL_OF or counts.get(w["marker"], 0) == 0:
            continue
        where, start, pattern = MAIL_OF[w["kind"]]
        wanted = pattern.format(m=w["marker"])
        found = sum(1 for r in rows if r[where].startswith(start) and wanted in r[where])
        if found != counts[w["marker"]]:
            missing_rows.append({"kind": w["kind"], "marker": w["marker"], "rows": found})
    for brief_id, flow in flows.items():
        proposed = sum(
            1 for r in rows if r["subject"] == f"Please sign off the brief: {flow['title']}"
        )
        signed = sum(
            1 for r in rows if r["subject"].endswith(f"brief signed off — {flow['title']}")
        )
        if proposed != flow["proposals"]:
            missing_rows.append(
                {
                    "kind": "proposal",
                    "brief": int(brief_id),
                    "proposals": flow["proposals"],
                    "rows": proposed,
                }
            )
        if signed != flow["sign_offs"]:
            missing_rows.append(
                {
                    "kind": "sign_off",
                    "brief": int(brief_id),
                    "sign_offs": flow["sign_offs"],
                    "rows": signed,
                }
            )
    by_id = any(r.get("message_id") for r in rows)
    got = Counter(_key(m if by_id else {**m, "message_id": ""}) for m in received)
    # Identical messages can be legitimately separate (a brief proposed twice): compare how
    # many were received with how many rows were sent, key by key.
    # A row still unsent may have reached the server already (its sender died before the
    # answer): that is an unsent row, not a second copy.
    sent = Counter(_key(r) for r in rows if r["sent"])
    stored = Counter(_key(r) for r in rows)
    unsent = [r for r in rows if not r["sent"]]
    short = {k: n - got[k] for k, n in sent.items() if got[k] < n}
    not_received = [r for r in rows if r["sent"] and short.get(_key(r), 0) > 0]
    extra = {k: n - stored[k] for k, n in got.items() if n > stored[k]}
    resent: dict[tuple[str, ...], int] = {}
    if by_id:
        resent = {k: 1 for k, n in extra.items() if n == 1}
        extra = {k: n for k, n in extra.items() if k not in resent}
    return {
        "rows": len(rows),
        "received": len(received),
        "keyed_by": "Message-ID" if by_id else "subject+to+body",
        "missing_rows": missing_rows,
        "unsent": [_brief_row(r, received=got[_key(r)] > 0) for r in unsent],
        "sent_not_received": [_brief_row(r) for r in not_received],
        "resent_same_id": len(resent),
        "doubled": len(extra),
        "extra_copies": sum(extra.values()),
        "doubled_keys": sorted({k[1] for k in extra})[:20],
    }


def _brief_row(row: dict[str, Any], *, received: bool | None = None) -> dict[str, Any]:
    return {
        "id": row["id"],
        "received_anyway": received,
        "subject": row["subject"][:80],
        "attempts": row["attempts"],
        "abandoned": row["abandoned"],
        "last_error": row["last_error"][:120],
    }


def sign_off_flow(flows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A proposed brief has its proposed version; version numbers have no gaps."""
    problems = []
    for brief_id, flow in flows.items():
        if flow["status"] == "proposed" and not flow["proposed_version"]:
            problems.append(
                {"brief": int(brief_id), "problem": "proposed without a proposed version"}
            )
        if flow["versions"] != list(range(1, len(flow["versions"]) + 1)):
            problems.append(
                {"brief": int(brief_id), "problem": f"version numbers {flow['versions']}"}
            )
    return problems
