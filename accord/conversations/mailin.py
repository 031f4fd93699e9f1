"""`accord mail-in`'s SMTP listener (aiosmtpd): it takes mail for the inbound domain only, keeps
each email raw in the database before saying it is accepted, and leaves the rest to the worker.

The answers a sending server gets: 550 for a recipient at another domain (we relay nothing) or
one that is neither a reply address nor a client's own address (checked in the database thread),
552 for an email over INBOUND_MAX_BYTES (announced with SIZE), 451 when the database cannot
keep it (a temporary failure: the sender retries later), 250 only once it is stored.
Database work runs in one thread of its own, off the event loop, one email at a time.
"""

import asyncio
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.conf import settings
from django.db import close_old_connections, connection

from accord.conversations.services import inbound
from accord.core.text import one_line

log = logging.getLogger(__name__)
MAX_RECIPIENTS = 50
STOP_WAIT_SECONDS = 30.0


def _store(raw: bytes, peer: str, mail_from: str, rcpt_to: list[str]) -> int:
    close_old_connections()  # a connection the database dropped is opened again
    try:
        return inbound.store(raw=raw, peer=peer, mail_from=mail_from, rcpt_to=rcpt_to).pk
    except Exception:
        connection.close()
        raise


def _takes(address: str) -> bool:
    close_old_connections()
    try:
        return inbound.takes(address)
    except Exception:
        connection.close()
        raise


def _close_connection() -> None:
    connection.close()


class Inbox:
    """aiosmtpd's handler: which recipients are taken, and where an email is kept."""

    def __init__(self) -> None:
        self.database = ThreadPoolExecutor(max_workers=1, thread_name_prefix="accord-mail-in")
        self.in_flight = 0
        self.lock = threading.Lock()

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        domain = address.rpartition("@")[2].strip().lower()
        if domain != settings.INBOUND_DOMAIN:
            return "550 5.7.1 Relaying denied: this server takes mail for its own domain only"
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        try:
            loop = asyncio.get_running_loop()
            known = await loop.run_in_executor(self.database, _takes, address)
        except Exception as failure:
            log.warning("A recipient was not checked (%s); asked the sender to retry.", failure)
            return "451 4.3.0 The recipient cannot be checked now; try again later"
        if not known:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        if len(raw) > settings.INBOUND_MAX_BYTES:
            return "552 5.3.4 Message too big"
        peer = session.peer[0] if isinstance(session.peer, tuple) else str(session.peer or "")
        mail_from = envelope.mail_from or ""
        with self.lock:
            self.in_flight += 1
        try:
            loop = asyncio.get_running_loop()
            email_id = await loop.run_in_executor(
                self.database, _store, raw, str(peer), mail_from, list(envelope.rcpt_tos)
            )
        except Exception as failure:
            log.warning(
                "An email from %s was not stored (%s: %s); asked the sender to try again.",
                peer,
                type(failure).__name__,
                one_line(str(failure))[:200],
            )
            return "451 4.3.0 The message could not be stored now; try again later"
        finally:
            with self.lock:
                self.in_flight -= 1
        log.info("Stored inbound email %s (%d bytes) from %s", email_id, len(raw), peer)
        return f"250 2.0.0 Stored as {email_id}"

    def drain(self, timeout: float = STOP_WAIT_SECONDS) -> None:
        """Wait for emails being stored to be stored (their senders get their answer)."""
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)
        self.database.submit(_close_connection).result(timeout=5)
        self.database.shutdown(wait=True)


def listener(*, host: str | None = None, port: int | None = None) -> Controller:
    """The listener, not yet started (`start()`, then `stop()`)."""
    return Controller(
        Inbox(),
        hostname=host or settings.MAILIN_HOST,
        port=settings.MAILIN_PORT if port is None else port,
        data_size_limit=settings.INBOUND_MAX_BYTES,
        enable_SMTPUTF8=True,
        ident="Accord mail-in",
    )


def stop(controller: Controller) -> None:
    """Stop taking new connections, let the emails being stored finish, then stop."""
    handler: Any = controller.handler
    server = controller.server
    if server is not None:
        controller.loop.call_soon_threadsafe(server.close)
    handler.drain()
    controller.stop()
