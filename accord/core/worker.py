"""`accord worker`: django-tasks' database worker, kept alive and watched.

On top of `db_worker` it survives transient database errors (a locked SQLite, a dropped
PostgreSQL connection) by waiting and trying again; it records a heartbeat that `/healthz` and
`accord mail` read (and renews the leases of the messages it is sending); it runs again tasks
left "running" by a worker that died, and only those; it sweeps the mail outbox for messages
that were stored but never queued; and it stores the daily digests that are due. Times it
compares are the database's where it sets them.
"""

import contextlib
import logging
import os
import random
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.db import connection as default_connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from accord.core import digest, mail
from accord.core.models import WorkerHeartbeat
from accord.core.text import one_line

log = logging.getLogger(__name__)

# Transient: the database is busy or briefly unreachable; anything else is a bug and stops.
TRANSIENT = (OperationalError, InterfaceError)
MAX_BACKOFF_SECONDS = 60.0
# Heartbeats of workers gone this long are deleted, and finished task rows this old.
FORGET_AFTER = timedelta(days=1)
KEEP_FINISHED_TASKS = timedelta(days=7)
PRUNE_BATCH = 500
# Higher apps' sweeps for work stored but never queued (thumbnails…), run with the mail's.
SWEEPS: list[Callable[[], object]] = []


def register_sweep(sweep: Callable[[], object]) -> None:
    """Run `sweep` in the worker's housekeeping (called from an app's `ready`)."""
    if sweep not in SWEEPS:
        SWEEPS.append(sweep)


def worker_status(*, now: datetime | None = None) -> dict[str, Any]:
    """How many workers beat within `WORKER_STALE_SECONDS`, when one last did, and how many
    tasks live workers have been running for longer than `TASK_TIMEOUT_SECONDS` (`overdue`)."""
    now = now or mail.db_now()
    stale = now - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    last = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=stale).count()
    timeout = now - timedelta(seconds=settings.TASK_TIMEOUT_SECONDS)
    overdue = DBTaskResult.objects.running().filter(started_at__lt=timeout).count()
    return {"alive": alive, "last_seen": last.isoformat() if last else None, "overdue": overdue}


def beat(worker_id: str, *, started_at: datetime) -> None:
    """Record that this worker process is alive (by the database's clock)."""
    now = mail.db_now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now},
        create_defaults={
            "seen_at": now,
            "started_at": started_at,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def requeue_stuck_tasks(*, now: datetime | None = None) -> int:
    """Make tasks ready again that are "running" but whose worker stopped beating (killed
    mid-task); their side effects are idempotent, so running one again is safe. A live worker's
    task past `TASK_TIMEOUT_SECONDS` is logged, not run a second time alongside. Returns how
    many were queued again."""
    now = now or mail.db_now()
    stale = now - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    timeout = now - timedelta(seconds=settings.TASK_TIMEOUT_SECONDS)
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=stale).values_list("worker_id", flat=True)
    )
    requeued = 0
    candidates = DBTaskResult.objects.running().filter(started_at__lt=stale).order_by()
    for task in candidates.only("id", "started_at", "worker_ids", "task_path"):
        owner = task.worker_ids[-1] if task.worker_ids else ""
        if owner in alive:
            if task.started_at < timeout:
                log.warning(
                    "Task %s (%s) has been running on worker %s since %s, past the timeout; "
                    "its worker is alive, so it is not run again. Is it hung?",
                    task.pk,
                    task.task_path,
                    owner,
                    task.started_at,
                )
            continue
        # Conditional on what was read, so two workers never both requeue (and both run) it.
        if not DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        ).update(status=TaskResultStatus.READY, started_at=None):
            continue
        requeued += 1
        log.warning(
            "Task %s (%s) was left running by worker %s since %s: queued again.",
            task.pk,
            task.task_path,
            owner or "?",
            task.started_at,
        )
    return requeued


def prune_finished_tasks(*, now: datetime | None = None) -> int:
    """Delete up to `PRUNE_BATCH` task rows finished more than `KEEP_FINISHED_TASKS` ago."""
    now = now or mail.db_now()
    old = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=now - KEEP_FINISHED_TASKS)
        .order_by()
        .values_list("pk", flat=True)[:PRUNE_BATCH]
    )
    deleted, _ = DBTaskResult.objects.filter(pk__in=list(old)).delete()
    return deleted


class Heartbeat(threading.Thread):
    """Beats every `WORKER_HEARTBEAT_SECONDS` from its own thread, so a long task (a slow mail
    server) does not make a live worker look dead, and renews the leases of the messages being
    sent; a killed process stops beating."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="accord-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                beat(self.worker_id, started_at=self.started_at)
                mail.renew_leases()
            except Exception as exc:  # a beat missed is logged; the thread must go on beating
                log.warning(
                    "Worker heartbeat not recorded (%s: %s); trying again in %s s.",
                    type(exc).__name__,
                    one_line(str(exc)),
                    settings.WORKER_HEARTBEAT_SECONDS,
                )
            finally:
                with contextlib.suppress(Exception):
                    default_connection.close()  # this thread's own connection
            self.stopped.wait(settings.WORKER_HEARTBEAT_SECONDS)

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)  # a beat in flight would bring the row back
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError as exc:
            log.warning(
                "Worker heartbeat not removed (%s: %s); it will go stale.",
                type(exc).__name__,
                one_line(str(exc)),
            )


class Worker(db_worker.Worker):
    """`db_worker`'s loop, with transient database errors retried and housekeeping between
    tasks: stuck tasks queued again, overdue mail swept."""

    def __init__(self, *, heartbeat: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.heartbeat = Heartbeat(self.worker_id) if heartbeat else None
        self.failures = 0
        self.next_housekeeping = 0.0

    def run(self) -> None:
        log.info("Starting worker %s on queues %s", self.worker_id, ",".join(self.queue_names))
        if self.heartbeat:
            self.heartbeat.start()
        try:
            self._loop()
        finally:
            if self.heartbeat:
                self.heartbeat.stop()

    def _loop(self) -> None:
        while self.running:
            try:
                close_old_connections()
                self._housekeeping()
                task_result = self._claim()
                if task_result is not None:
                    self.run_task(task_result)
                close_old_connections()
            except TRANSIENT as exc:
                self._back_off(exc)
                continue
            self.failures = 0
            if self.batch and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and task_result is None:
                time.sleep(self.interval)

    def _housekeeping(self) -> None:
        if time.monotonic() < self.next_housekeeping:
            return
        requeue_stuck_tasks()
        mail.sweep()
        digest.send_due()
        for sweep in SWEEPS:
            try:
                sweep()
            except TRANSIENT:
                raise  # the database is away: the loop's own handling applies
            except Exception:  # one app's sweep failing must not stop the others, nor the worker
                log.exception("Housekeeping sweep %s failed", getattr(sweep, "__qualname__", sweep))
        prune_finished_tasks()
        self.next_housekeeping = time.monotonic() + settings.MAIL_SWEEP_SECONDS / 2

    def _claim(self) -> DBTaskResult | None:
        tasks = DBTaskResult.objects.ready().filter(
            backend_name=self.backend_name, queue_name__in=self.queue_names
        )
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def _back_off(self, exc: Exception) -> None:
        self.failures += 1
        delay = min(MAX_BACKOFF_SECONDS, 0.5 * 2 ** min(self.failures, 8))
        delay *= random.uniform(0.8, 1.2)  # noqa: S311 - spreads workers, not a secret
        log.warning(
            "Database error in the worker (%s: %s); trying again in %.1f s.",
            type(exc).__name__,
            one_line(str(exc)),
            delay,
        )
        with contextlib.suppress(DatabaseError):
            default_connection.close()
        if self.running:
            time.sleep(delay)
