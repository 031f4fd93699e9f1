"""`python -m bench.soak`: a load and fault run against gunicorn (see docs/soak.md)."""

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.soak.report import render
from bench.soak.run import soak
from bench.soak.stack import ROOT


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--users", type=int, default=50, help="simulated people (default 50)")
    p.add_argument("--duration", type=float, default=180, help="seconds of load (default 180)")
    p.add_argument("--writes", type=float, default=0.2, help="share of actions that write")
    p.add_argument("--think", type=float, default=1.5, help="mean pause between actions, s")
    p.add_argument("--grace", type=float, default=120, help="seconds to wait for the mail after")
    p.add_argument("--slow-seconds", type=float, default=5, help="the slow mail server's pause")
    p.add_argument("--timeout", type=float, default=30, help="client timeout per request, s")
    p.add_argument("--web-workers", type=int, default=2)
    p.add_argument("--no-faults", action="store_true", help="load only, no faults")
    p.add_argument("--pg-name", default="accord_soak", help="PostgreSQL database (dropped!)")
    p.add_argument("--keep", action="store_true", help="keep the PostgreSQL database after")
    p.add_argument("--out-dir", type=Path, default=ROOT / "var" / "soak")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse(sys.argv[1:] if argv is None else argv)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    options.out_dir.mkdir(parents=True, exist_ok=True)
    dbs = ["sqlite", "postgres"] if options.db == "both" else [options.db]
    out = options.out_dir / f"{stamp}.json"
    settings = {k: str(v) for k, v in vars(options).items()}
    reports = []
    for db in dbs:
        reports.append(soak(db, options, options.out_dir, stamp))
        print(render(reports[-1]), flush=True)
        out.write_text(json.dumps({"options": settings, "runs": reports}, indent=1))
    print(f"\nFull report: {out}")
    failed = [r for r in reports if r["failures"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
