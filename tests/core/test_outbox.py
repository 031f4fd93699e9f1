"""The outbox under faults: a crash after the commit, a slow mail server, a killed worker, a
locked database, a task left running. Real processes and a real SMTP server on loopback."""

import io
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accord.core import mail
from accord.core.models import OutboundEmail, WorkerHeartbeat
from accord.core.worker import (
    KEEP_FINISHED_TASKS,
    Heartbeat,
    Worker,
    beat,
    prune_finished_tasks,
    requeue_stuck_tasks,
)
from accord.intake import services as intake
from accord.intake.models import Request
from tests.core.smtp import Recorder, smtp_server, use_smtp

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
REPO = Path(__file__).resolve().parents[2]


def _queue() -> OutboundEmail:
    return mail.queue_email(
        to=["carol@acme.test"],
        subject="A question about your brief",
        template="accounts/email/magic_link",
        context={"user": None, "minutes": 30, "link": "https://accord.example.com/m/x"},
    )


def _run_worker_once() -> None:
    """The worker's loop in this process: housekeeping, then every ready task, then exit."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="in-process",
        excluded_queue_names=[],
        heartbeat=False,
    ).run()


def _request_from_carol(world: Any, title: str = "Oat milk posters") -> Request:
    return intake.submit_request(
        by=world.carol,
        client=world.acme,
        title=title,
        what="Posters for the new oat milk range, for 40 stores.",
    )


# --- The email is part of the change ---------------------------------------------------------


def test_a_template_error_rolls_the_whole_change_back(world, settings, tmp_path):
    broken = tmp_path / "intake" / "email"
    broken.mkdir(parents=True)
    (broken / "request_received.txt").write_text("Hello {% if %}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    with pytest.raises(Exception, match="if"):
        _request_from_carol(world)
    assert not Request.objects.exists(), "nothing half-done: no request without its email"
    assert not OutboundEmail.objects.exists()


class Crash(Exception):
    """The process dies right after the commit, before the delivery is queued."""


def _crash() -> None:
    raise Crash


@pytest.mark.django_db(transaction=True)
def test_a_commit_followed_by_a_crash_still_delivers(world, settings):
    settings.TASKS = DB_TASKS
    with pytest.raises(Crash), transaction.atomic():
        transaction.on_commit(_crash)  # runs first, so the enqueue after it never happens
        request = _request_from_carol(world)
    assert Request.objects.filter(pk=request.pk).exists()
    email = OutboundEmail.objects.get()
    assert not DBTaskResult.objects.exists(), "the delivery was never queued"

    _run_worker_once()
    assert django_mail.outbox == [], "not overdue yet: a queued task may be about to send it"

    settings.MAIL_SWEEP_SECONDS = 0
    _run_worker_once()
    [sent] = django_mail.outbox
    assert sent.to == ["alice@northwind.test"]
    assert sent.extra_headers["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1


# --- No network I/O inside a transaction -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_slow_mail_server_does_not_delay_a_concurrent_write(world, settings):
    settings.TASKS = DB_TASKS  # the test itself delivers, from a thread, as a worker would
    _request_from_carol(world, title="Templates loaded, connection open")  # warm, not measured
    recorder = Recorder(delay=float(os.environ.get("ACCORD_TEST_SMTP_DELAY", "15")))
    with smtp_server(recorder) as server:
        use_smtp(settings, server.port)
        email = _queue()

        def deliver() -> None:
            try:
                mail.deliver(email.pk)
            finally:
                connection.close()

        sender = threading.Thread(target=deliver)
        sender.start()
        try:
            assert recorder.received.wait(10), "the mail server never got the message"
            started = time.monotonic()
            request = _request_from_carol(world, title="Written while the mail server is slow")
            took = time.monotonic() - started
            sending = sender.is_alive()
        finally:
            sender.join(60)
    assert Request.objects.filter(pk=request.pk).exists()
    assert sending, "the write finished while the mail server was still answering"
    assert took < 1.0, f"a web write waited {took:.1f} s for the mail server"
    email.refresh_from_db()
    assert email.sent_at is not None


# --- A real worker, killed and restarted -----------------------------------------------------


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(log: Path, *args: str, **env: str) -> subprocess.Popen[bytes]:
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "accord.settings",
        "DATABASE_URL": _database_url(),
        "ACCORD_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "ACCORD_EMAIL_HOST": "127.0.0.1",
        "ACCORD_MAIL_LEASE_SECONDS": "3",
        "ACCORD_MAIL_SWEEP_SECONDS": "1",
        "ACCORD_WORKER_HEARTBEAT_SECONDS": "1",
        "ACCORD_WORKER_STALE_SECONDS": "3",
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    environ.pop("TEST_DATABASE_URL", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "accord.cli",
            "worker",
            "--interval",
            "0.2",
            "--no-reload",
            "--skip-checks",
            *args,
        ],
        cwd=REPO,
        env=environ,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for(condition: Any, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_sends_at_most_once_more_with_the_same_message_id(
    settings, tmp_path, workers
):
    settings.TASKS = DB_TASKS
    log = tmp_path / "worker.log"
    recorder = Recorder(delay=60, slow=1)  # the first send hangs until the worker is killed
    with smtp_server(recorder) as server:
        email = _queue()
        workers.append(_start_worker(log, ACCORD_EMAIL_PORT=str(server.port)))
        assert recorder.received.wait(30), log.read_text()
        os.killpg(workers[0].pid, signal.SIGKILL)
        workers[0].wait(10)
        email.refresh_from_db()
        assert email.sent_at is None and email.claimed_at is not None and email.attempts == 1
        # Left running by the dead worker (a slow start may also have let the sweep queue one).
        assert DBTaskResult.objects.filter(status="RUNNING").count() == 1

        workers.append(_start_worker(log, ACCORD_EMAIL_PORT=str(server.port)))
        _wait_for(
            lambda: OutboundEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists(),
            timeout=30,
            what="the restarted worker to send",
        )
        time.sleep(3)  # a few more sweeps: nothing is sent a third time
    assert len(recorder.messages) == 2, log.read_text()
    assert {m["Message-ID"] for m in recorder.messages} == {email.message_id}
    email.refresh_from_db()
    assert email.attempts == 2 and email.claimed_at is None and email.last_error == ""
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    assert workers[1].poll() is None, log.read_text()


def _hold_the_write_lock(seconds: float, holding: threading.Event | None = None) -> None:
    """Another SQLite process holds the write lock longer than the worker waits for it."""
    locker = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        if holding is not None:
            holding.set()
        time.sleep(seconds)
    finally:
        locker.execute("ROLLBACK")
        locker.close()


def _terminate(pid: int) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        connection.close()


def _drop_connections_until(seen: Any, *, timeout: float) -> None:
    """PostgreSQL ends every other session (a failover, a restart), again and again, until
    `seen()`: a worker between two polls may reconnect and finish a query inside any fixed
    window, so the test waits for the worker to meet a dropped connection, not for a time."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while not seen():
            assert time.monotonic() < deadline, "the worker never met a dropped connection"
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_transient_database_errors(settings, tmp_path, workers):
    settings.TASKS = DB_TASKS
    log = tmp_path / "worker.log"
    recorder = Recorder()
    with smtp_server(recorder) as server:
        workers.append(
            _start_worker(log, ACCORD_EMAIL_PORT=str(server.port), ACCORD_SQLITE_TIMEOUT="1")
        )
        _wait_for(WorkerHeartbeat.objects.exists, timeout=30, what="the worker to start")
        if connection.vendor == "sqlite":
            _hold_the_write_lock(4)
            _wait_for(lambda: "database is locked" in log.read_text(), timeout=10, what="the lock")
        else:
            _drop_connections_until(
                lambda: "Database error in the worker" in log.read_text(), timeout=30
            )
        assert workers[0].poll() is None, log.read_text()
        email = _queue()  # and it still delivers
        _wait_for(
            lambda: OutboundEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists(),
            timeout=30,
            what="delivery after the database came back",
        )
    assert len(recorder.messages) == 1
    assert workers[0].poll() is None, log.read_text()
    assert "Traceback" not in log.read_text(), "an expected error is one line in the log"


# --- Tasks left running ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_past_the_timeout_is_run_again_only_if_its_worker_is_dead(
    settings, caplog
):
    settings.TASKS = DB_TASKS
    settings.TASK_TIMEOUT_SECONDS = 600
    email = _queue()
    now = timezone.now()
    task = DBTaskResult.objects.get()
    beat("busy", started_at=now)  # a live worker, but the task has run for far too long
    DBTaskResult.objects.filter(pk=task.pk).update(
        status="RUNNING", started_at=now - timedelta(minutes=11), worker_ids=["busy"]
    )
    _run_worker_once()
    task.refresh_from_db()
    assert task.status == "RUNNING" and task.worker_ids == ["busy"], "not run twice at once"
    assert django_mail.outbox == []
    assert "its worker is alive, so it is not run again" in caplog.text
    out = io.StringIO()
    call_command("mail", stdout=out)
    assert "1 task(s) running for longer than 600 s on a live worker" in out.getvalue()

    stale = now - timedelta(seconds=settings.WORKER_STALE_SECONDS + 1)
    WorkerHeartbeat.objects.update(seen_at=stale)  # the worker died: no more beats
    _run_worker_once()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.worker_ids == ["busy", "in-process"]
    assert [m.to for m in django_mail.outbox] == [["carol@acme.test"]]
    email.refresh_from_db()
    assert email.sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_task_is_left_alone_while_its_worker_beats_and_run_again_once_it_stops(settings):
    settings.TASKS = DB_TASKS
    settings.WORKER_STALE_SECONDS = 60
    _queue()
    now = timezone.now()
    beat("alive", started_at=now)
    DBTaskResult.objects.update(
        status="RUNNING", started_at=now - timedelta(minutes=2), worker_ids=["alive"]
    )
    assert requeue_stuck_tasks(now=now) == 0
    WorkerHeartbeat.objects.update(seen_at=now - timedelta(minutes=2))  # killed: no more beats
    assert requeue_stuck_tasks(now=now) == 1
    assert DBTaskResult.objects.get().status == "READY"
    assert requeue_stuck_tasks(now=now) == 0


@pytest.mark.django_db(transaction=True)
def test_a_batch_worker_beats_while_it_runs_a_task(settings, tmp_path, workers):
    settings.TASKS = DB_TASKS
    log = tmp_path / "worker.log"
    recorder = Recorder(delay=4)
    with smtp_server(recorder) as server:
        email = _queue()
        workers.append(_start_worker(log, "--batch", ACCORD_EMAIL_PORT=str(server.port)))
        assert recorder.received.wait(30), log.read_text()
        # Other workers must see it alive, or they would run its task again meanwhile.
        assert WorkerHeartbeat.objects.exists(), log.read_text()
        assert workers[0].wait(30) == 0, log.read_text()
    email.refresh_from_db()
    assert email.sent_at is not None and len(recorder.messages) == 1
    assert not WorkerHeartbeat.objects.exists(), "a worker that exits removes its heartbeat"


# --- Leases, and recording a send ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_send_that_outlasts_the_lease_is_not_taken_over_while_its_worker_beats(settings):
    settings.TASKS = DB_TASKS  # the test delivers, from a thread, as a worker would
    settings.MAIL_LEASE_SECONDS = 2
    settings.WORKER_HEARTBEAT_SECONDS = 0.5
    recorder = Recorder(delay=4)
    heartbeat = Heartbeat("sender")
    heartbeat.start()
    results: list[Any] = []
    try:
        with smtp_server(recorder) as server:
            use_smtp(settings, server.port)
            email = _queue()

            def deliver() -> None:
                try:
                    results.append(mail.deliver(email.pk))
                finally:
                    connection.close()

            sender = threading.Thread(target=deliver)
            sender.start()
            try:
                assert recorder.received.wait(10), "the mail server never got the message"
                time.sleep(settings.MAIL_LEASE_SECONDS + 1)  # past the lease it was claimed for
                assert mail.deliver(email.pk) is False, "its worker is alive and still sending"
            finally:
                sender.join(30)
    finally:
        heartbeat.stop()
    assert results == [True]
    assert len(recorder.messages) == 1
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1


class FaultAfterAccepting(Recorder):
    """Accepts the message, then breaks the database under the sender before answering."""

    def __init__(self, fault: Any) -> None:
        super().__init__()
        self.fault = fault

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        reply = await super().handle_DATA(server, session, envelope)
        self.fault()
        return reply


@pytest.mark.django_db(transaction=True)
def test_a_database_error_while_recording_a_send_is_tried_again_not_sent_twice(settings, caplog):
    settings.TASKS = DB_TASKS
    sender_pid: list[int] = []
    holding = threading.Event()

    def break_the_database() -> None:
        if connection.vendor == "sqlite":  # another process holds the write lock a while
            threading.Thread(target=_hold_the_write_lock, args=(2.5, holding)).start()
            assert holding.wait(5)
        else:  # the sender's connection is dropped (a failover, a restart)
            dropper = threading.Thread(target=_terminate, args=(sender_pid[0],))
            dropper.start()
            dropper.join(5)

    recorder = FaultAfterAccepting(break_the_database)
    results: list[Any] = []
    with smtp_server(recorder) as server:
        use_smtp(settings, server.port)
        email = _queue()

        def deliver() -> None:
            try:
                if connection.vendor == "sqlite":  # give up waiting for the lock after 1 s
                    options = {
                        **connection.settings_dict["OPTIONS"],
                        "timeout": 1,
                        "init_command": "PRAGMA busy_timeout=1000;",
                    }
                    connection.settings_dict = {**connection.settings_dict, "OPTIONS": options}
                else:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_backend_pid()")
                        sender_pid.append(cursor.fetchone()[0])
                results.append(mail.deliver(email.pk))
            except Exception as exc:
                results.append(exc)
            finally:
                connection.close()

        sender = threading.Thread(target=deliver)
        sender.start()
        sender.join(60)
    assert results == [True], caplog.text
    assert "was sent but not recorded" in caplog.text
    email.refresh_from_db()
    assert email.sent_at is not None and email.claimed_at is None
    assert mail.deliver(email.pk) is False
    assert len(recorder.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_a_database_too_busy_to_claim_a_message_is_one_line_and_left_to_the_sweep(settings, caplog):
    settings.TASKS = DB_TASKS
    email = _queue()
    results: list[Any] = []

    def deliver() -> None:
        try:
            if connection.vendor == "sqlite":  # another process holds the write lock
                options = {
                    **connection.settings_dict["OPTIONS"],
                    "timeout": 1,
                    "init_command": "PRAGMA busy_timeout=1000;",
                }
                connection.settings_dict = {**connection.settings_dict, "OPTIONS": options}
                holding = threading.Event()
                threading.Thread(target=_hold_the_write_lock, args=(2.5, holding)).start()
                assert holding.wait(5)
            else:  # the server cannot be reached
                connection.settings_dict = {**connection.settings_dict, "PORT": "1"}
            results.append(mail.deliver(email.pk))
        except Exception as exc:
            results.append(exc)
        finally:
            connection.close()

    with caplog.at_level(logging.WARNING, logger="accord.core.mail"):
        sender = threading.Thread(target=deliver)
        sender.start()
        sender.join(30)
    assert results == [False], "an expected failure, not an error"
    [record] = [r for r in caplog.records if r.name == "accord.core.mail"]
    assert record.getMessage().startswith(f"Email {email.pk} not claimed (OperationalError: ")
    assert record.getMessage().endswith("; the worker's sweep will try it again.")
    assert record.exc_info is None
    email.refresh_from_db()
    assert email.attempts == 0 and email.claimed_at is None, "nothing half-claimed"
    settings.MAIL_SWEEP_SECONDS = 0
    assert mail.sweep() == [email.pk], "the sweep queues it again"


@pytest.mark.django_db(transaction=True)
def test_a_sweep_skips_messages_another_sweep_is_queueing(settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writing transaction at a time: two sweeps never overlap")
    settings.TASKS = DB_TASKS
    settings.MAIL_SWEEP_SECONDS = 0
    email = _queue()
    DBTaskResult.objects.all().delete()  # stored, never queued
    locked, release = threading.Event(), threading.Event()

    def other_sweep() -> None:
        try:
            with transaction.atomic():
                OutboundEmail.objects.select_for_update().filter(pk=email.pk).first()
                locked.set()
                release.wait(3)
                OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        finally:
            connection.close()

    other = threading.Thread(target=other_sweep)
    other.start()
    try:
        assert locked.wait(5)
        assert mail.sweep() == [], "the other sweep queues it"
    finally:
        release.set()
        other.join(10)
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_prunes_finished_task_rows_once_old(settings):
    settings.TASKS = DB_TASKS
    for _ in range(3):
        _queue()
    old, recent, ready = DBTaskResult.objects.order_by("enqueued_at")
    now = timezone.now()
    DBTaskResult.objects.filter(pk=old.pk).update(
        status="SUCCESSFUL", finished_at=now - KEEP_FINISHED_TASKS - timedelta(hours=1)
    )
    DBTaskResult.objects.filter(pk=recent.pk).update(
        status="FAILED", finished_at=now - timedelta(days=1)
    )
    assert prune_finished_tasks(now=now) == 1
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, ready.pk}


def test_the_worker_housekeeping_reads_the_task_table_by_index(db):
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, DBTaskResult._meta.db_table)
    columns = {name: info["columns"] for name, info in found.items() if info["index"]}
    assert columns["accord_task_running"] == ["status", "started_at"]
    assert columns["accord_task_finished"] == ["finished_at"]
