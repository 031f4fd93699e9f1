"""`python -m bench`: generate a large agency and time every registered page and API call."""

import argparse
import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "var" / "bench"
DEFAULT_DB = DEFAULT_DIR / "bench.sqlite3"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Time Accord's pages and API on a large generated agency. "
        "Targets are registered in bench/registry.py.",
    )
    parser.add_argument("--clients", type=int, default=500, help="clients (default 500)")
    parser.add_argument("--users", type=int, default=5000, help="users in all (default 5000)")
    parser.add_argument(
        "--events", type=int, default=20000, help="events in the audit chain (default 20000)"
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=200,
        help="timed requests per target after warm-up (default 200)",
    )
    parser.add_argument(
        "--warmup", type=int, default=20, help="untimed requests per target first (default 20)"
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="database to generate into (default: a fresh SQLite file "
        "var/bench/bench.sqlite3); its contents are replaced unless --keep",
    )
    parser.add_argument(
        "--keep", action="store_true", help="reuse the generated agency already in the database"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this target (repeatable; 'api.' selects a prefix)",
    )
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    parser.add_argument(
        "--no-fail",
        action="store_true",
        help="exit 0 even when targets are slow or query counts grow",
    )
    parser.add_argument(
        "--require-all",
        action="store_true",
        help="fail when a registered target's URL does not exist yet",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed for generation")
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_DIR,
        help="where results-<timestamp>.json and latest.json go",
    )
    return parser.parse_args(argv)


def configure(args: argparse.Namespace) -> None:
    """Point Django at the bench database and settings, before django.setup()."""
    url = args.database_url
    if not url:
        DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DEFAULT_DB}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    configure(args)
    import django

    # WhiteNoise warns that STATIC_ROOT was never collected; pages do not need it here.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    from bench import registry, runner

    if args.list:
        for t in registry.TARGETS.values():
            print(f"{t.name:<32} {t.kind:<5} as {t.persona:<6} p95 ≤ {t.p95_ms:g} ms")
        return 0
    targets = registry.selected(args.only)
    if not args.keep and not args.database_url:  # start from a fresh SQLite file
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{DEFAULT_DB}{suffix}").unlink(missing_ok=True)
    options = runner.Options(
        clients=args.clients,
        users=args.users,
        events=args.events,
        requests=args.requests,
        warmup=args.warmup,
        keep=args.keep,
        only=args.only,
        no_fail=args.no_fail,
        require_all=args.require_all,
        seed=args.seed,
        out_dir=args.out_dir,
    )
    return runner.run(targets, options)


if __name__ == "__main__":
    sys.exit(main())
