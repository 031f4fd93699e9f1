"""One soak run on one database: set up, load with faults, wait for the mail, check, report."""

import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.soak import checks
from bench.soak.browser import Browser
from bench.soak.load import PERSONAS, Person, Recorder, Shared, assign_slots
from bench.soak.smtp import MailServer
from bench.soak.stack import ROOT, Stack, database_url, environment, prepare, reset_postgres

# When each fault happens, as a share of the run: (share, what).
SCHEDULE = [
    (0.10, "kill a web worker"),
    (0.20, "kill the mail worker"),
    (0.35, "mail server down"),
    (0.50, "mail server hung"),
    (0.65, "mail server slow"),
    (0.72, "kill the mail worker mid-send"),
    (0.80, "mail server normal"),
]
WORKER_RESTART_AFTER = 5.0


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def inject(stack: Stack, smtp: MailServer, what: str) -> str:
    if what == "kill a web worker":
        return stack.kill_web_worker()
    if what.startswith("kill the mail worker"):
        waited = 0.0
        if what.endswith("mid-send"):  # while the slow server holds a message
            while smtp.in_flight == 0 and waited < 15:
                time.sleep(0.1)
                waited += 0.1
        holding = smtp.in_flight
        done = stack.kill_worker()
        if what.endswith("mid-send"):
            done += f" while the mail server held {holding} message(s) unacknowledged"
        stack.restart_worker_after(WORKER_RESTART_AFTER)
        return f"{done}; restarting it in {WORKER_RESTART_AFTER:.0f} s"
    mode = what.rsplit(" ", 1)[1]
    smtp.switch(mode)
    return f"mail server {mode}"


def faults(
    stack: Stack, smtp: MailServer, recorder: Recorder, duration: float, stop: threading.Event
) -> list[dict[str, Any]]:
    done: list[dict[str, Any]] = []
    for share, what in SCHEDULE:
        at = share * duration
        if stop.wait(max(0.0, at - recorder.now())):
            break
        now = recorder.now()
        note = inject(stack, smtp, what)
        done.append({"at_s": round(now, 1), "fault": what, "note": note})
        print(f"   [{now:6.1f} s] {note}", flush=True)
    return done


def wait_for_mail(env: dict[str, str], grace: float) -> tuple[int, float]:
    """Poll until every stored email is sent or given up, or the grace period ends."""
    started = time.monotonic()
    left = -1
    while time.monotonic() - started < grace:
        out = subprocess.run(
            [sys.executable, "-m", "bench.soak.verify", "--pending"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        left = int(out.stdout.strip() or -1)
        if left == 0:
            break
        time.sleep(5)
    return left, time.monotonic() - started


def soak(db: str, options: Any, out_dir: Path, stamp: str) -> dict[str, Any]:
    var_dir = (out_dir / f"{stamp}-{db}").resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    log = var_dir / "setup.log"
    pg_name = options.pg_name
    if db == "postgres":
        reset_postgres(pg_name, create=True)
    smtp = MailServer(slow_seconds=options.slow_seconds)
    smtp.start()
    port = free_port()
    env = environment(
        db_url=database_url(db, var_dir, pg_name),
        var_dir=var_dir,
        smtp_port=smtp.port,
        web_port=port,
    )
    print(f"\n== {db}: preparing a fresh database in {var_dir}", flush=True)
    seed_file = var_dir / "seed.json"
    prepare(env, log, seed_file)
    seed = json.loads(seed_file.read_text())
    stack = Stack(env=env, port=port, log_dir=var_dir)
    try:
        stack.start(options.web_workers)
        result = load_and_check(
            db, options, env=env, stack=stack, smtp=smtp, seed=seed, var_dir=var_dir
        )
    finally:
        stack.stop()
        smtp.stop()
        if db == "postgres" and not options.keep:
            reset_postgres(pg_name, create=False)
    return result


def load_and_check(
    db: str,
    options: Any,
    *,
    env: dict[str, str],
    stack: Stack,
    smtp: MailServer,
    seed: dict[str, Any],
    var_dir: Path,
) -> dict[str, Any]:
    recorder, shared = Recorder(), Shared()
    people = [
        Person(
            n,
            PERSONAS[n % len(PERSONAS)],
            browser=Browser("127.0.0.1", stack.port, timeout=options.timeout),
            seed=seed,
            recorder=recorder,
            shared=shared,
            write_share=options.writes,
            think=(options.think * 0.5, options.think * 1.5),
        )
        for n in range(options.users)
    ]
    assign_slots(people, seed)
    print(f"   signing in {len(people)} people…", flush=True)
    with ThreadPoolExecutor(4) as pool:
        signed = sum(pool.map(Person.sign_in, people))
    if signed < len(people):
        print(f"   {len(people) - signed} could not sign in", flush=True)
    recorder.samples.clear()
    recorder.started = time.monotonic()
    stop = threading.Event()
    print(f"   load: {options.users} people for {options.duration:.0f} s", flush=True)
    threads = [
        threading.Thread(target=p.run, args=(options.duration, stop), daemon=True) for p in people
    ]
    for t in threads:
        t.start()
    injected: list[dict[str, Any]] = []
    fault_thread = threading.Thread(
        target=lambda: injected.extend(faults(stack, smtp, recorder, options.duration, stop)),
        daemon=True,
    )
    if not options.no_faults:
        fault_thread.start()
    for t in threads:
        t.join()
    stop.set()
    if fault_thread.is_alive():
        fault_thread.join()
    smtp.switch("normal")
    duration = recorder.now()
    stack.settle()
    alive = stack.alive()
    print(
        f"   load done after {duration:.0f} s; waiting up to {options.grace:.0f} s for mail",
        flush=True,
    )
    left, waited = wait_for_mail(env, options.grace)

    samples = [asdict(s) for s in recorder.samples]
    writes = [asdict(w) for w in recorder.writes]
    received = [asdict(m) for m in smtp.snapshot()]
    run_file, db_file = var_dir / "run.json", var_dir / "database.json"
    run_file.write_text(json.dumps({"writes": writes, "received": received, "samples": samples}))
    subprocess.run(
        [sys.executable, "-m", "bench.soak.verify", str(run_file), str(db_file)],
        env=env,
        cwd=ROOT,
        check=True,
    )
    found = json.loads(db_file.read_text())
    stored = found["stored"]
    schedule = [(f["at_s"], f["fault"]) for f in injected]
    report = {
        "database": db,
        "users": options.users,
        "duration_s": round(duration, 1),
        "load": checks.latency(samples, duration),
        "phases": checks.phases(samples, schedule, duration),
        "faults": injected,
        "writes": {
            "sent": len(writes),
            "acknowledged": sum(w["acked"] for w in writes),
            "by_kind": _by_kind(writes),
        },
        "mail_wait": {"seconds": round(waited, 1), "still_waiting": left},
        "checks": {
            "stored_once": checks.stored_once(writes, stored["counts"]),
            "co_editing": checks.lost_updates(writes, recorder.lost, stored["answers"]),
            "sign_off_flow": checks.sign_off_flow(stored["flows"]),
            "mail": checks.mail(
                writes, stored["counts"], stored["flows"], found["emails"], received
            ),
            "audit": found["audit"],
        },
        "tasks": found["tasks"],
        "processes_at_end": alive,
        "tool_errors": recorder.tool_errors[:5],
        "tool_error_count": len(recorder.tool_errors),
        "log_dir": str(var_dir),
    }
    report["failures"] = failures(report)
    return report


def _by_kind(writes: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for w in writes:
        entry = out.setdefault(w["kind"], {"sent": 0, "acknowledged": 0})
        entry["sent"] += 1
        entry["acknowledged"] += int(w["acked"])
    return out


def failures(report: dict[str, Any]) -> list[str]:
    """The headline: what failed, one line each (empty when the run passed)."""
    out = []
    load, c = report["load"], report["checks"]
    if load["server_errors"]:
        out.append(f"{load['server_errors']} responses were 5xx")
    # A web worker killed mid-request drops that one request: tolerated, once per kill.
    killed = sum(1 for f in report["faults"] if f["fault"] == "kill a web worker")
    if load["no_answer"] > killed:
        out.append(f"{load['no_answer']} requests got no answer (refused, reset or timed out)")
    if n := len(c["stored_once"]["problems"]):
        out.append(f"{n} writes not stored exactly once")
    co = c["co_editing"]
    if co["lost"]:
        out.append(
            f"{len(co['lost'])} times an editor's saved text was overwritten by the other "
            f"editor's, on {co['fields_hit']} of {co['fields']} co-edited fields"
        )
    if c["sign_off_flow"]:
        out.append(f"{len(c['sign_off_flow'])} sign-off briefs broke an invariant")
    out += mail_failures(c["mail"])
    for name, state in report["processes_at_end"].items():
        if state != "running":
            out.append(f"the {name} was not running at the end of the load: {state}")
    if report["tool_error_count"]:
        out.append(f"the soak tool itself failed {report['tool_error_count']} times (see JSON)")
    if not c["audit"]["intact"]:
        out.append(f"audit verify failed: {c['audit']['reason']}")
    return out


def mail_failures(mail: dict[str, Any]) -> list[str]:
    out = []
    if mail["missing_rows"]:
        out.append(f"{len(mail['missing_rows'])} changes without their email row")
    if mail["unsent"]:
        given_up = sum(1 for r in mail["unsent"] if r["abandoned"])
        arrived = sum(1 for r in mail["unsent"] if r["received_anyway"])
        out.append(
            f"{len(mail['unsent'])} emails never marked sent ({given_up} given up; "
            f"{arrived} of them reached the mail server before their sender died)"
        )
    if mail["sent_not_received"]:
        out.append(f"{len(mail['sent_not_received'])} emails marked sent but never received")
    if mail["doubled"]:
        out.append(
            f"{mail['doubled']} emails delivered more than once "
            f"({mail['extra_copies']} extra copies)"
        )
    return out
