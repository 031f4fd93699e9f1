"""An email's raw bytes read into what Accord needs: who sent it, its subject and ids, the
words the person wrote, and its files. Read defensively: anything the parser cannot make sense
of is `Unreadable` with a reason, never an exception the caller did not expect.

Parts are visited without recursion and at most MAX_PARTS of them; a forwarded email
(message/rfc822) is kept whole as an .eml file, not opened.
"""

import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from django.conf import settings

from accord.conversations.inbound import authentication, loops, text
from accord.conversations.services.files import InboundFile
from accord.core.text import one_line

MAX_PARTS = 200
MAX_DEPTH = 20
# Inline images smaller than this are logos in signatures, not something sent on purpose.
SIGNATURE_IMAGE_BYTES = 8 * 1024
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,250}>")


class Unreadable(Exception):
    """The email cannot be read; the message says why, for the triage queue."""


@dataclass(frozen=True)
class TooLarge:
    name: str
    size: int


@dataclass
class Email:
    sender: str  # the From address, lower-cased ("" if none)
    sender_name: str
    subject: str
    message_id: str
    referenced: list[str]  # In-Reply-To then References, newest first
    full_text: str  # everything the person's client showed, quotes included
    words: str  # what they wrote: quoted history and signature taken off
    files: list[InboundFile] = field(default_factory=list)
    too_large: list[TooLarge] = field(default_factory=list)
    automatic: str | None = None
    forged: str | None = None  # why the receiving server doubts the From, if it does


def _header(message: Message, name: str) -> str:
    try:
        return one_line(str(message.get(name, "") or ""))
    except Exception:  # a header the parser cannot decode reads as empty
        return ""


def _sender(message: Message) -> tuple[str, str]:
    raw = _header(message, "From")
    try:
        addresses = [(n, a) for n, a in getaddresses([raw]) if "@" in a]
    except Exception:
        addresses = []
    if not addresses:
        name, address = parseaddr(raw)
        addresses = [(name, address)] if "@" in address else []
    if not addresses:
        return "", ""
    name, address = addresses[0]
    return address.strip().lower()[:320], one_line(name)[:200]


def _ids(value: str) -> list[str]:
    return _MESSAGE_ID.findall(value)[:50]


@dataclass(frozen=True)
class _Leaf:
    part: Message
    parent: str  # the content subtype of the multipart it is in ("mixed", "alternative"…)
    related: bool  # inside a multipart/related: an inline image of the HTML


def _leaves(message: Message) -> list[_Leaf]:
    """Every leaf part in document order, without descending into forwarded emails; too many
    parts, or parts nested too deep, make the email unreadable."""
    stack: list[tuple[Message, int, str, bool]] = [(message, 0, "", False)]
    leaves: list[_Leaf] = []
    seen = 0
    while stack:
        part, depth, parent, related = stack.pop()
        seen += 1
        if seen > MAX_PARTS:
            raise Unreadable(f"It has more than {MAX_PARTS} parts.")
        payload = part.get_payload()
        if part.get_content_maintype() == "multipart" and isinstance(payload, list):
            if depth >= MAX_DEPTH:
                raise Unreadable(f"Its parts are nested more than {MAX_DEPTH} deep.")
            subtype = part.get_content_subtype()
            inner = related or subtype == "related"
            stack.extend((child, depth + 1, subtype, inner) for child in reversed(payload))
            continue
        leaves.append(_Leaf(part, parent, related))
    return leaves


def _decoded_text(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, AssertionError, AttributeError):
        pass  # an unknown or lying charset: read it as UTF-8, replacing what is not
    data = part.get_payload(decode=True)
    return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else ""


def _payload(part: Message) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        return inner.as_bytes() if isinstance(inner, Message) else b""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _filename(part: Message, index: int) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    name = re.sub(r"[\x00-\x1f\x7f/\\]+", "_", one_line(name)).strip(". ")[:200]
    if name:
        return name
    if part.get_content_type() == "message/rfc822":
        return f"forwarded-email-{index}.eml"
    return f"attachment-{index}"


def _is_text(part: Message) -> bool:
    """A text part that is the body, one of its alternatives or a piece of it (a text file
    sent as an attachment has a file name or says it is one)."""
    if part.get_content_type() not in ("text/plain", "text/html"):
        return False
    if (part.get_content_disposition() or "inline").lower() != "inline":
        return False
    try:
        return not part.get_filename()
    except Exception:
        return True


def _is_signature_image(leaf: _Leaf, size: int) -> bool:
    inline = (leaf.part.get_content_disposition() or "inline").lower() == "inline"
    return (
        leaf.part.get_content_maintype() == "image"
        and (leaf.related or inline)
        and size < SIGNATURE_IMAGE_BYTES
    )


def _text_of(message: EmailMessage, leaves: list[_Leaf]) -> str:
    """The body as plain text: the plain alternative (with the further text pieces some clients
    put around inline images), else the HTML one made plain."""
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None and body.get_content_type() == "text/plain":
        pieces = [_decoded_text(body)]
        pieces += [
            _decoded_text(leaf.part)
            for leaf in leaves
            if leaf.part is not body
            and leaf.parent == "mixed"
            and leaf.part.get_content_type() == "text/plain"
            and _is_text(leaf.part)
        ]
        plain = "\n\n".join(p.strip() for p in pieces if p.strip())
        if plain:
            return plain
        body = message.get_body(preferencelist=("html",))
    if body is not None and body.get_content_type() == "text/html":
        return text.html_to_text(_decoded_text(body))
    return ""


def _body_and_files(message: EmailMessage, email: Email) -> None:
    leaves = _leaves(message)
    email.full_text = _text_of(message, leaves)
    email.words = text.strip_reply(email.full_text) if email.full_text else ""
    for index, leaf in enumerate(leaves, start=1):
        if _is_text(leaf.part):
            continue  # the body, one of its alternatives, or a piece of it
        data = _payload(leaf.part)
        if not data or _is_signature_image(leaf, len(data)):
            continue
        name = _filename(leaf.part, index)
        if len(data) > settings.ATTACHMENT_MAX_BYTES:
            email.too_large.append(TooLarge(name=name, size=len(data)))
            continue
        content_type = leaf.part.get_content_type()
        email.files.append(InboundFile(name=name, content_type=content_type, data=data))


def read(raw: bytes, *, mail_from: str = "") -> Email:
    """The email in `raw`, or `Unreadable` saying why not."""
    if not raw.strip():
        raise Unreadable("The email is empty.")
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        if not isinstance(message, EmailMessage) or not message.keys():
            raise Unreadable("It has no headers: it is not an email.")
        sender, sender_name = _sender(message)
        email = Email(
            sender=sender,
            sender_name=sender_name,
            subject=_header(message, "Subject")[:300],
            message_id=(_ids(_header(message, "Message-ID")) or [""])[0],
            referenced=_ids(_header(message, "In-Reply-To"))
            + list(reversed(_ids(_header(message, "References")))),
            full_text="",
            words="",
        )
        email.automatic = loops.automatic_reason(message, mail_from=mail_from, sender=sender)
        email.forged = authentication.failure(message, sender=sender)
        _body_and_files(message, email)
    except Unreadable:
        raise
    except RecursionError as exc:
        raise Unreadable("Its parts are nested too deep to read.") from exc
    except Exception as exc:  # the parser's own failures on hostile input
        raise Unreadable(f"Its MIME structure cannot be read ({type(exc).__name__}).") from exc
    return email
