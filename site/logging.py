import ipaddress
import logging
import re

# Candidates: dotted quads and colon-separated hex groups. Each candidate is
# checked with `ipaddress`, so clock times such as 13:19:34 stay readable.
_CANDIDATE = re.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}"
    r"(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})(?:%\w+)?(?![\w:])"
    r"|\b(?:\d{1,3}\.){3}\d{1,3}\b"
)
REDACTED = "[address removed]"
# Email addresses too: a failed notification logs who it was for.
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
EMAIL_REDACTED = "[email removed]"


def _redact(match: re.Match) -> str:
    text = match.group(0)
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return text
    return REDACTED


def remove_client_addresses(text: str) -> str:
    return _EMAIL.sub(EMAIL_REDACTED, _CANDIDATE.sub(_redact, text))


class RemoveClientAddresses(logging.Filter):
    """Strip every IP address and email address from a log record before any
    handler writes it.

    Django attaches the request to some records; it is dropped here so that no
    formatter or handler added later can print the client's address from it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = remove_client_addresses(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        # An exception's message can hold an address too ("452 <river@...>:
        # Mailbox full"). Formatted here, cleaned, and kept on the record,
        # where every formatter takes it instead of formatting it again.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = remove_client_addresses(record.exc_text)
        if record.stack_info:
            record.stack_info = remove_client_addresses(record.stack_info)
        if hasattr(record, "request"):
            record.request = None
        return True
