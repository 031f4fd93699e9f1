"""Email for the demo's conversations, as mail programs write it: a client's reply to the
notification email they had from a thread (to the reply address it carried, quoting it under
a signature, the way Gmail, Outlook or a phone does), an out-of-office answer, and new mail to a
client's own address. Each is stored raw and processed as `accord mail-in` and the worker
would (`inbound.store`, then `inbound.process`)."""

from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from enum import Enum
from html import escape

from django.conf import settings
from django.utils import timezone

from accord.accounts.models import User
from accord.conversations.models import InboundEmail, ReplyAddress, Thread
from accord.conversations.services import inbound
from accord.core.models import OutboundEmail

PEER = "198.51.100.25"  # the agency's mail server, handing mail on to `accord mail-in`
File = tuple[str, str, bytes]  # name, content type, data


class MailProgram(Enum):
    """How the person's mail program writes a reply."""

    GMAIL = "gmail"  # text and HTML, the history in a gmail_quote under "On … wrote:"
    OUTLOOK = "outlook"  # text, the history under a line and a From/Sent/To/Subject block
    IPHONE = "iphone"  # text, "Sent from my iPhone", the history quoted under "On … wrote:"


def notification_to(person: User, thread: Thread) -> OutboundEmail:
    """The last email `person` was sent about `thread`: the one they answer."""
    address = ReplyAddress.objects.filter(thread=thread, user=person).latest("id")
    return OutboundEmail.objects.get(message_id=address.message_id)


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())


def _said(sent: OutboundEmail, style: MailProgram) -> str:
    """The line a mail program puts above the history it quotes."""
    when = timezone.localtime(sent.created_at)
    sender = settings.DEFAULT_FROM_EMAIL
    if style is MailProgram.IPHONE:
        return f"On {when.day} {when:%b %Y}, at {when:%H:%M}, {sender} wrote:"
    return f"On {when:%a}, {when.day} {when:%b %Y} at {when:%H:%M}, {sender} wrote:"


def _plain(
    sent: OutboundEmail, style: MailProgram, person: User, words: str, signature: str
) -> str:
    if style is MailProgram.IPHONE:
        return f"{words}\n\nSent from my iPhone\n\n{_said(sent, style)}\n\n{_quoted(sent.text)}\n"
    signed = f"{words}\n\n-- \n{signature}\n"
    if style is MailProgram.GMAIL:
        return f"{signed}\n{_said(sent, style)}\n\n{_quoted(sent.text)}\n"
    when = timezone.localtime(sent.created_at)
    header = (
        f"{'_' * 32}\nFrom: {settings.DEFAULT_FROM_EMAIL}\n"
        f"Sent: {when:%A}, {when.day} {when:%B %Y %H:%M}\n"
        f"To: {formataddr((person.name, person.email))}\nSubject: {sent.subject}\n"
    )
    return f"{signed}\n{header}\n{sent.text.strip()}\n"


def _html(sent: OutboundEmail, words: str, signature: str) -> str:
    """Gmail's HTML alternative: the words, its signature block, the history in a quote."""
    paragraphs = "".join(f"<div>{escape(p)}</div><div><br></div>" for p in words.split("\n\n"))
    signed = "<br>".join(escape(line) for line in signature.splitlines())
    history = "<br>".join(escape(line) for line in sent.text.strip().splitlines())
    return (
        f'<div dir="ltr">{paragraphs}<div>-- <br><div class="gmail_signature">{signed}</div>'
        f'</div></div><br><div class="gmail_quote"><div class="gmail_attr">'
        f"{escape(_said(sent, MailProgram.GMAIL))}<br></div>"
        f'<blockquote class="gmail_quote">{history}</blockquote></div>'
    )


def _message(
    *, sender: tuple[str, str], to: str, subject: str, at: datetime, headers: dict[str, str]
) -> EmailMessage:
    """An email from `sender` (name, address), written `at` (the story's moment: the mail
    arrives then, or a little later if the day was busy), with its own Message-ID."""
    message = EmailMessage()
    message["From"] = formataddr(sender)
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(at)
    message["Message-ID"] = make_msgid(domain=sender[1].rpartition("@")[2])
    for name, value in headers.items():
        message[name] = value
    return message


def _attach(message: EmailMessage, files: Sequence[File]) -> None:
    for name, content_type, data in files:
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)


def _received(raw: bytes, *, envelope: str, to: str, expect: str) -> InboundEmail:
    """Store the email as the listener does, process it as the worker does, and check that it
    went where the story says (a demo that silently lost its email would tell another one)."""
    email = inbound.store(raw=raw, peer=PEER, mail_from=envelope, rcpt_to=[to])
    inbound.process(email_id=email.pk)
    email.refresh_from_db()
    if email.status != expect:
        raise RuntimeError(f"Demo email {email.subject!r} is {email.status}: {email.reason}")
    return email


def reply(
    *,
    written: datetime,
    person: User,
    thread: Thread,
    words: str,
    signature: str = "",
    style: MailProgram = MailProgram.GMAIL,
    files: Sequence[File] = (),
) -> InboundEmail:
    """`person` answers, at `written`, the last notification email they had from `thread`."""
    sent = notification_to(person, thread)
    subject = sent.subject if sent.subject.lower().startswith("re:") else f"Re: {sent.subject}"
    references = " ".join(filter(None, [sent.headers.get("References", ""), sent.message_id]))
    message = _message(
        sender=(person.name, person.email),
        to=sent.reply_to,
        subject=subject,
        at=written,
        headers={"In-Reply-To": sent.message_id, "References": references},
    )
    message.set_content(_plain(sent, style, person, words, signature))
    if style is MailProgram.GMAIL:
        message.add_alternative(_html(sent, words, signature), subtype="html")
    if style is MailProgram.OUTLOOK:
        message["X-Mailer"] = "Microsoft Outlook 16.0"
    _attach(message, files)
    return _received(
        message.as_bytes(),
        envelope=person.email,
        to=sent.reply_to,
        expect=InboundEmail.Status.THREADED,
    )


def out_of_office(*, written: datetime, person: User, thread: Thread, words: str) -> InboundEmail:
    """The automatic answer of someone away to the notification email they were sent."""
    sent = notification_to(person, thread)
    message = _message(
        sender=(person.name, person.email),
        to=sent.reply_to,
        subject=f"Automatic reply: {sent.subject}",
        at=written,
        headers={
            "In-Reply-To": sent.message_id,
            "Auto-Submitted": "auto-replied",
            "X-Auto-Response-Suppress": "All",
        },
    )
    message.set_content(words)
    return _received(
        message.as_bytes(),
        envelope=person.email,
        to=sent.reply_to,
        expect=InboundEmail.Status.AUTOMATIC,
    )


def new_mail(
    *,
    written: datetime,
    sender: tuple[str, str],
    to: str,
    subject: str,
    words: str,
    signature: str,
    expect: str,
    files: Sequence[File] = (),
) -> InboundEmail:
    """A new email (no history) from `sender` (name, address: someone Accord may not know)."""
    message = _message(sender=sender, to=to, subject=subject, at=written, headers={})
    message.set_content(f"{words}\n\n-- \n{signature}\n")
    _attach(message, files)
    return _received(message.as_bytes(), envelope=sender[1], to=to, expect=expect)
