"""The system under test: a fresh database, gunicorn, the mail worker, and the faults."""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def database_url(db: str, var_dir: Path, pg_name: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{var_dir / 'accord.sqlite3'}"
    return f"{PG_SERVER}/{pg_name}"


def environment(*, db_url: str, var_dir: Path, smtp_port: int, web_port: int) -> dict[str, str]:
    """Production-like settings: DEBUG off, a real SMTP server, plain HTTP on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "accord.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": db_url,
        "ACCORD_ENV_FILE": "",  # not the demo's local settings file
        "ACCORD_VAR_DIR": str(var_dir),
        "ACCORD_DEBUG": "False",
        "ACCORD_SECRET_KEY": "soak-run-secret-key-not-for-production-0123456789abcdef",
        "ACCORD_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ACCORD_SSL_REDIRECT": "False",
        "ACCORD_BASE_URL": f"http://127.0.0.1:{web_port}",
        "ACCORD_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "ACCORD_EMAIL_HOST": "127.0.0.1",
        "ACCORD_EMAIL_PORT": str(smtp_port),
        "ACCORD_LOG_LEVEL": "WARNING",
        # A killed mail worker's message is sent again once its lease lapses: 30 s instead of
        # production's 5 minutes, so that happens within the run's grace period.
        "ACCORD_MAIL_LEASE_SECONDS": "30",
        "ACCORD_WORKER_STALE_SECONDS": "30",
    }


def reset_postgres(name: str, *, create: bool) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


def accord(env: dict[str, str], *args: str, log: Path | None = None) -> subprocess.CompletedProcess:
    out = log.open("a") if log else subprocess.DEVNULL
    return subprocess.run(
        [str(BIN / "accord"), *args],
        env=env,
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        check=False,
    )


def prepare(env: dict[str, str], log: Path, seed_file: Path) -> None:
    """Migrate, load the demo agency, collect static files, make the soak's briefs."""
    for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        if accord(env, *args, log=log).returncode:
            raise SystemExit(f"accord {' '.join(args)} failed: see {log}")
    help_text = subprocess.run(
        [str(BIN / "accord"), "demo", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    demo = (
        ["demo", "--yes-create-demo-accounts"]
        if "--yes-create-demo-accounts" in help_text
        else ["demo"]
    )
    if accord(env, *demo, log=log).returncode:
        raise SystemExit(f"accord demo failed: see {log}")
    seeded = subprocess.run(
        [sys.executable, "-m", "bench.soak.seed", str(seed_file)],
        env=env,
        cwd=ROOT,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        check=False,
    )
    if seeded.returncode:
        raise SystemExit(f"seeding the soak's briefs failed: see {log}")


@dataclass
class Stack:
    env: dict[str, str]
    port: int
    log_dir: Path
    web: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    restarts: list[threading.Timer] = field(default_factory=list)

    def _spawn(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.log_dir / f"{name}.log").open("a")
        return subprocess.Popen(
            [str(BIN / "accord"), *args],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start(self, workers: int) -> None:
        self.web = self._spawn(
            "web", "run", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)
        )
        self.start_worker()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5):
                    return
            except OSError:
                time.sleep(0.5)
        raise SystemExit(f"gunicorn did not answer on port {self.port}: see {self.log_dir}/web.log")

    def start_worker(self) -> None:
        self.worker = self._spawn("worker", "worker")

    def restart_worker_after(self, seconds: float) -> None:
        timer = threading.Timer(seconds, self.start_worker)
        self.restarts.append(timer)
        timer.start()

    def settle(self) -> None:
        """Let pending restarts of the mail worker happen."""
        for timer in self.restarts:
            timer.join()

    def web_workers(self) -> list[int]:
        """The gunicorn worker processes (children of the master)."""
        assert self.web is not None
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.web.pid:
                children.append(int(stat.parent.name))
        return sorted(children)

    def kill_web_worker(self) -> str:
        workers = self.web_workers()
        if not workers:
            return "no web worker found"
        os.kill(workers[0], signal.SIGKILL)
        return f"SIGKILL web worker {workers[0]}"

    def kill_worker(self) -> str:
        assert self.worker is not None
        pid = self.worker.pid
        os.kill(pid, signal.SIGKILL)
        self.worker.wait()
        return f"SIGKILL mail worker {pid}"

    def alive(self) -> dict[str, str]:
        """Whether gunicorn and the mail worker still run (neither should exit by itself)."""
        out = {}
        for name, proc in (("web server", self.web), ("mail worker", self.worker)):
            code = proc.poll() if proc is not None else "never started"
            out[name] = "running" if code is None else f"exited ({code})"
        return out

    def stop(self) -> None:
        for proc in (self.web, self.worker):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
