"""A local mail server whose behaviour the run switches: normal, down, hung or slow.

One asyncio loop in a thread of the tool's process. "down" closes the listening socket (the
port refuses connections); "hung" accepts connections and never says a word; "slow" takes each
message and waits `slow_seconds` before saying so. Every message received is kept for the checks.
"""

import asyncio
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

MODES = ("normal", "down", "hung", "slow")


@dataclass
class Received:
    """One message as the mail server accepted it."""

    message_id: str
    subject: str
    to: list[str]
    text: str
    at: float


def parse(raw: bytes, rcpt_tos: list[str]) -> Received:
    message = message_from_bytes(raw, policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""  # type: ignore[attr-defined]
    return Received(
        message_id=str(message.get("Message-ID", "")).strip(),
        subject=str(message.get("Subject", "")),
        to=sorted(rcpt_tos),
        text=text,
        at=time.time(),
    )


@dataclass
class MailServer:
    host: str = "127.0.0.1"
    port: int = 0
    slow_seconds: float = 5.0
    mode: str = "normal"
    in_flight: int = 0  # messages taken but not yet acknowledged (slow mode)
    received: list[Received] = field(default_factory=list)
    _loop: asyncio.AbstractEventLoop | None = None
    _server: asyncio.AbstractServer | None = None
    _hung: list[asyncio.Transport] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # Handler hook called by aiosmtpd for each message.
    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        with self._lock:
            self.received.append(parse(raw, [str(t) for t in envelope.rcpt_tos]))
        if self.mode == "slow":
            # The message is in the mailbox; the sender only hears so after the pause. A
            # sender that dies meanwhile does not know it was delivered.
            self.in_flight += 1
            try:
                await asyncio.sleep(self.slow_seconds)
            finally:
                self.in_flight -= 1
        return "250 Message accepted for delivery"

    def start(self) -> None:
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self._listen())
            ready.set()
            self._loop.run_forever()

        threading.Thread(target=run, name="soak-smtp", daemon=True).start()
        ready.wait(10)

    def _protocol(self) -> asyncio.Protocol:
        if self.mode == "hung":
            return _Silent(self._hung)
        return SMTP(self, hostname="soak.local", data_size_limit=None)

    async def _listen(self) -> None:
        assert self._loop is not None
        self._server = await self._loop.create_server(
            self._protocol, self.host, self.port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _switch(self, mode: str) -> None:
        if mode == "down" and self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        self.mode = mode
        if mode != "down" and self._server is None:
            await self._listen()

    def switch(self, mode: str) -> None:
        """Change behaviour now (thread-safe): one of MODES."""
        if mode not in MODES:
            raise ValueError(mode)
        assert self._loop is not None
        asyncio.run_coroutine_threadsafe(self._switch(mode), self._loop).result(10)

    def snapshot(self) -> list[Received]:
        with self._lock:
            return list(self.received)

    def stop(self) -> None:
        if self._loop is None:
            return

        async def close() -> None:
            if self._server is not None:
                self._server.close()
            for transport in self._hung:
                transport.abort()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)


class _Silent(asyncio.Protocol):
    """Accepts the connection and never answers: no greeting, nothing."""

    def __init__(self, hung: list[Any]) -> None:
        self.hung = hung

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.hung.append(transport)
