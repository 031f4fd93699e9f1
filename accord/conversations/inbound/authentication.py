"""What the receiving mail server found when it checked an email's sender (RFC 8601's
Authentication-Results): a failed DMARC, SPF or DKIM check for the From domain means the From
may be forged.

Only the results the receiving server added count: those above the first Received header (a
server adds its results on top, as it adds its Received line). Results written lower down, by
the sender or a server on the way, are not read; a sender can only make its own mail look
worse by writing a failure, never better.
"""

import re
from email.message import Message

_COMMENT = re.compile(r"\([^()]*\)")
_RESULT = re.compile(r"^\s*(dmarc|spf|dkim)\s*=\s*([a-z]+)", re.IGNORECASE)
_PROPERTY = re.compile(r"\b[a-z]+\.[a-z-]+\s*=\s*\"?([^\s;\"]+)", re.IGNORECASE)
MAX_HEADERS = 20


def _receiving_servers(message: Message) -> list[str]:
    found: list[str] = []
    for name, value in list(message.raw_items())[:500]:
        if name.lower() == "received":
            break
        if name.lower() == "authentication-results" and len(found) < MAX_HEADERS:
            found.append(str(value)[:4000])
    return found


def _domain(value: str) -> str:
    return value.rpartition("@")[2].strip().strip("<>").lower()


def failure(message: Message, *, sender: str) -> str | None:
    """Why the From (`sender`) may be forged, as the receiving server found, or None."""
    domain = _domain(sender)
    if not domain:
        return None
    for header in _receiving_servers(message):
        for result in _COMMENT.sub(" ", header).split(";")[1:]:
            match = _RESULT.match(result)
            if match is None or match.group(2).lower() != "fail":
                continue
            method = match.group(1).lower()
            domains = {_domain(p) for p in _PROPERTY.findall(result[match.end() :])}
            if domain in domains or (method == "dmarc" and not domains):
                return (
                    f"The receiving mail server could not confirm it comes from {domain} "
                    f"({method}=fail): the sender may be forged."
                )
    return None
