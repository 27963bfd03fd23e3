"""A real mail server for the email tests: aiosmtpd on 127.0.0.1, keeping every
message it accepts, and refusing chosen addresses the way real servers do
(550 for good, 451 for now)."""

import email
import email.policy
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Received:
    """One message the server accepted: its envelope and the parsed email."""

    sender: str
    recipients: tuple[str, ...]
    message: EmailMessage
    raw: bytes


class RecordingHandler:
    """Answers like a mail server and remembers what it was given.

    `on_rcpt(address, attempt_number)` and `on_data(received, message_number)`
    run inside the server's conversation, before it replies: a test can stop
    the sender right there."""

    def __init__(self):
        self.received: list[Received] = []
        self.rcpt_attempts: list[str] = []
        self.on_rcpt: Callable[[str, int], None] | None = None
        self.on_data: Callable[[Received, int], None] | None = None
        self._refusals: dict[str, list] = {}
        self._lock = threading.Lock()

    def refuse(self, address: str, reply: str, *, times: int | None = None) -> None:
        """Answer RCPT TO `address` with `reply` ("550 5.1.1 No such user"),
        every time, or only the next `times` times."""
        with self._lock:
            self._refusals[address.lower()] = [reply, times]

    def _refusal(self, address: str) -> str | None:
        with self._lock:
            refusal = self._refusals.get(address.lower())
            if refusal is None:
                return None
            reply, times = refusal
            if times is not None:
                if times <= 0:
                    return None
                refusal[1] = times - 1
            return reply

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self._lock:
            self.rcpt_attempts.append(address)
            attempt = len(self.rcpt_attempts)
        if self.on_rcpt is not None:
            self.on_rcpt(address, attempt)
        refusal = self._refusal(address)
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        received = Received(
            sender=envelope.mail_from,
            recipients=tuple(envelope.rcpt_tos),
            message=email.message_from_bytes(envelope.content, policy=email.policy.default),
            raw=envelope.content,
        )
        with self._lock:
            self.received.append(received)
            number = len(self.received)
        if self.on_data is not None:
            self.on_data(received, number)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        """The messages that reached `address`."""
        with self._lock:
            return [r for r in self.received if address.lower() in map(str.lower, r.recipients)]

    def delivered_recipients(self) -> list[str]:
        """Every recipient of every accepted message, repeats included."""
        with self._lock:
            return [recipient for r in self.received for recipient in r.recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    handler: RecordingHandler

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"


@pytest.fixture
def smtp_sink():
    """An SMTP server on a free port of 127.0.0.1 for the test's length."""
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield MailServer(host="127.0.0.1", port=port, handler=handler)
    finally:
        controller.stop()


@pytest.fixture
def mail_server(smtp_sink, settings):
    """The SMTP server above, with this process's Django sending to it over
    plain SMTP, as production sends to its relay."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_sink.host
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    return smtp_sink.handler
