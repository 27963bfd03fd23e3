"""Getting one email to one member's mail server, once.

A task that records "sent" and then sends can lose an email when its worker
dies between the two; one that sends and then records can send it twice. The
`Mailer` narrows that gap to nothing a worker can fall into: inside the
transaction that records the send, it hands the server the whole message but
its last line. A worker that dies there leaves the server with half a message,
which SMTP throws away, and a transaction that never committed, so the retry
sends it whole. Only after the commit does the last line go out. Backends that
aren't SMTP (the console and test backends) simply send after the commit.
"""

import contextlib
import re
import smtplib
import socket

from allauth.account.models import EmailAddress

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

# Anything shaped like an email address, with the angle brackets around it.
_ADDRESS = re.compile(r"<?[^\s<>@,;:\"'()\[\]]+@[^\s<>,;:\"'()\[\]]+>?")


def without_addresses(text: str) -> str:
    """`text` with every email address in it replaced by "(an address)"."""
    return _ADDRESS.sub("(an address)", text)


class DeliveryError(Exception):
    """A mail server's refusal. Mail servers often repeat the address in their
    reply ("452 <river@example.org>: Mailbox full"), and the message of an
    exception ends up in logs and the task's stored result, so the reply is
    kept without addresses."""

    def __init__(self, code: int | None, reply: str):
        reply = without_addresses(reply)
        super().__init__(f"{code} {reply}".strip())
        self.code = code
        self.reply = reply


class TransientDeliveryError(DeliveryError):
    """The mail server couldn't take it now (4xx, or unreachable): try again later."""


class PermanentDeliveryError(DeliveryError):
    """The mail server refused the address for good (5xx)."""


def verified_addresses(member_ids) -> dict[int, str]:
    """Each member's verified address, the primary one first, in one query."""
    addresses: dict[int, str] = {}
    rows = (
        EmailAddress.objects.filter(user_id__in=list(member_ids), verified=True)
        .order_by("user_id", "-primary", "pk")
        .values_list("user_id", "email")
    )
    for member_id, address in rows:
        addresses.setdefault(member_id, address)
    return addresses


def may_receive(member) -> bool:
    """Whether the site emails this member at all: an active account that is
    neither suspended nor silenced."""
    return member.is_active and not member.is_suspended and not member.is_silenced


_LINE_ENDS = re.compile(rb"\r\n|\n|\r")
_LEADING_DOT = re.compile(rb"(?m)^\.")


def _smtp_payload(data: bytes) -> bytes:
    """The message as SMTP carries it: CRLF line ends, a leading dot doubled
    (RFC 5321 §4.5.2), and ending with a line end, ready for the final dot."""
    data = _LEADING_DOT.sub(b"..", _LINE_ENDS.sub(b"\r\n", data))
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def _reply_text(reply) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def _failure(code: int, reply, *, address_refused: bool) -> DeliveryError:
    if code >= 500 and address_refused:
        return PermanentDeliveryError(code, _reply_text(reply))
    return TransientDeliveryError(code, _reply_text(reply))


def _send_small_writes_at_once(connection: smtplib.SMTP) -> None:
    """Turn off Nagle's algorithm on the connection. The final dot is a
    3-byte write right after the body; with Nagle on, the kernel holds it until
    the server acknowledges the body, and a server waiting for the rest of a
    message delays that acknowledgment (40 ms on Linux): a stall on every
    email, as long as all the rest of a digest's work or longer."""
    sock = getattr(connection, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class Mailer:
    """One connection for a batch of emails, each sent in two steps:
    `prepare(message)` inside the transaction that records it, `finish()` after
    that transaction commits, or `abandon()` when it doesn't."""

    def __init__(self):
        self.backend = get_connection()
        self.smtp = isinstance(self.backend, SMTPBackend)
        self._pending: EmailMessage | None = None
        self._half_sent = False

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        # Closing a connection that already broke has nothing left to do.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.backend.close()

    def prepare(self, message: EmailMessage) -> None:
        self._pending = message
        if not self.smtp:
            return
        try:
            self._start(message)
        except DeliveryError:
            self.abandon()
            raise
        except (smtplib.SMTPException, OSError) as error:
            self._drop_connection()
            raise TransientDeliveryError(None, str(error)) from error

    def _start(self, message: EmailMessage) -> None:
        if self.backend.connection is None:
            self.backend.open()
            _send_small_writes_at_once(self.backend.connection)
        connection = self.backend.connection
        encoding = message.encoding or "utf-8"
        connection.ehlo_or_helo_if_needed()
        code, reply = connection.mail(sanitize_address(message.from_email, encoding))
        if code != 250:
            raise _failure(code, reply, address_refused=False)
        for recipient in message.recipients():
            code, reply = connection.rcpt(sanitize_address(recipient, encoding))
            if code not in (250, 251):
                raise _failure(code, reply, address_refused=True)
        code, reply = connection.docmd("data")
        if code != 354:
            raise _failure(code, reply, address_refused=False)
        self._half_sent = True
        connection.send(_smtp_payload(message.message().as_bytes(linesep="\r\n")))

    def finish(self) -> None:
        """Send what `prepare` held back; raise a DeliveryError if the server
        refuses it, so the caller can undo its record."""
        message, self._pending = self._pending, None
        if message is None:
            return
        if not self.smtp:
            self.backend.send_messages([message])
            return
        try:
            connection = self.backend.connection
            connection.send(b".\r\n")
            self._half_sent = False
            code, reply = connection.getreply()
        except (smtplib.SMTPException, OSError) as error:
            self._drop_connection()
            raise TransientDeliveryError(None, str(error)) from error
        if code != 250:
            raise _failure(code, reply, address_refused=True)

    def abandon(self) -> None:
        """Forget a message `prepare` started: the server throws its half away."""
        self._pending = None
        if not self.smtp or self.backend.connection is None:
            return
        if self._half_sent:
            # Mid-message, RSET would be read as text: hang up instead, which
            # SMTP servers take as "throw it away".
            self._drop_connection()
            return
        try:
            self.backend.connection.rset()
        except (smtplib.SMTPException, OSError):
            self._drop_connection()

    def _drop_connection(self) -> None:
        self._half_sent = False
        connection = self.backend.connection
        self.backend.connection = None
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.close()
