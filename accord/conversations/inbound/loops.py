"""Automatic mail: out-of-office replies, bounces and delivery reports, mailing lists. They are
recognised from their headers (RFC 3834, RFC 3464 and the headers common servers add) and kept,
but never become messages: answering them would start a loop between two robots."""

from email.message import Message

_AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
_AUTOREPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-AutoReply-From", "X-Mail-Autoreply")
_ROBOTS = {"mailer-daemon", "postmaster"}
_AUTOMATIC_SUBJECTS = (
    "automatic reply:",
    "auto-reply:",
    "autoreply:",
    "réponse automatique",
    "automatische antwort:",
    "respuesta automática:",
    "risposta automatica:",
    "autosvar:",
    "undeliverable:",
    "undelivered mail returned to sender",
    "delivery status notification",
    "mail delivery failed",
)


def _local_part(address: str) -> str:
    return address.strip().strip("<>").rpartition("@")[0].lower() if "@" in address else ""


def automatic_reason(message: Message, *, mail_from: str, sender: str) -> str | None:
    """Why the email is automatic (a sentence for the record), or None for a person's mail.

    `mail_from` is the envelope sender (empty for bounces), `sender` the From address.
    """
    auto_submitted = str(message.get("Auto-Submitted", "") or "").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return f"Sent automatically (Auto-Submitted: {auto_submitted[:40]})."
    precedence = str(message.get("Precedence", "") or "").strip().lower()
    if precedence in _AUTOMATIC_PRECEDENCE:
        return f"Sent automatically (Precedence: {precedence})."
    for header in _AUTOREPLY_HEADERS:
        if message.get(header) is not None:
            return f"An automatic reply ({header})."
    if message.get("List-Id") is not None:
        return "Sent by a mailing list."
    if message.get_content_type() == "multipart/report":
        return "A delivery report (a bounce)."
    if not mail_from.strip().strip("<>"):
        return "A bounce: it has no return address."
    if _local_part(mail_from) in _ROBOTS or _local_part(sender) in _ROBOTS:
        return "A bounce from a mail server."
    subject = str(message.get("Subject", "") or "").strip().lower()
    if subject.startswith(_AUTOMATIC_SUBJECTS):
        return "An automatic reply, by its subject."
    return None
