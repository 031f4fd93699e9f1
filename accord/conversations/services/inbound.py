"""Email in: the listener stores each email raw (`store`), the worker reads it and puts it where
it belongs (`process`): a message in its thread, a new request for a client, the triage queue,
or nowhere if it is an automatic reply or a bounce. Nothing is lost: the raw email stays
whatever happens, a failure leaves it `received` for the worker's sweep, and after
MAX_ATTEMPTS it goes to triage with the error as its reason.

Reading the email (bounded, pure) happens before the writing transaction, so the database is
never held while a large email is parsed.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.conversations import addresses, markdown
from accord.conversations.inbound import parse
from accord.conversations.models import InboundEmail, Mailbox, Message, ReplyAddress
from accord.conversations.services import threads
from accord.core import events, policy
from accord.core.errors import Conflict, DomainError, InvalidInput, NotAllowed, Unavailable
from accord.core.models import Notification
from accord.core.notify import notify
from accord.core.policy import Kind, StaffRole
from accord.core.text import one_line, size_in_words
from accord.core.uploads import check_attachment
from accord.intake.access import CONTRIBUTORS
from accord.intake.models import Request
from accord.intake.services import requests

log = logging.getLogger(__name__)
S = InboundEmail.Status
# A failing email is tried this many times, then put in the triage queue with the error.
MAX_ATTEMPTS = 5
# An email still `received` this long after it was queued is queued again by the sweep.
SWEEP_AFTER = timedelta(minutes=5)
SWEEP_BATCH = 100
TITLE_LIMIT = 160
NO_TEXT = "(Sent by email, without any text.)"
REASON_LIMIT = 300
TRIAGE = "mail.triage"  # the notification kind
# A message keeps at most this many of an email's files (the rest stay in the raw email).
FILES_PER_EMAIL = 20
# The triage page reads an email up to this size again to show it (larger: the original).
DISPLAY_MAX_BYTES = 4 * 1024 * 1024

FORGED = (
    "Sent to a reply address Accord does not know, or no longer accepts (forged, or from an "
    "old email)."
)
NOT_THE_PERSON = "Sent from an address that is not the person this reply address was made for."
NOWHERE = "Not a reply to a conversation, and not sent to a client's address."
NOT_YOURS = "Only the client's account manager sorts its email."
# Local parts a client's address never takes (mail systems' own, and the reply addresses').
RESERVED = {
    "postmaster", "abuse", "mailer-daemon", "hostmaster", "webmaster", "root", "admin",
    "noreply", "no-reply", "reply", "accord", "security",
}  # fmt: skip
_FORWARD_PREFIX = re.compile(r"^\s*(fwd?|wg|tr|rv|i|doorst|vs)\s*:", re.IGNORECASE)
_REPLY_PREFIX = re.compile(
    r"^\s*((re|fwd?|aw|wg|sv|vs|tr|rv|r|i|antw|odp|res)\s*(\[\d+\])?\s*:\s*)+", re.I
)


# --- The listener's side ---------------------------------------------------------------------


def store(*, raw: bytes, peer: str, mail_from: str, rcpt_to: list[str]) -> InboundEmail:
    """Keep an email exactly as received, then ask the worker to process it (after the commit;
    the sweep asks again if that is lost). Raises the database's error if it cannot be kept:
    the listener then answers "try again later", never "accepted"."""
    with transaction.atomic():
        email = InboundEmail.objects.create(
            raw=raw,
            size=len(raw),
            sha256=hashlib.sha256(raw).hexdigest(),
            peer=peer[:100],
            mail_from=mail_from[:320],
            rcpt_to=[r[:320] for r in rcpt_to][:100],
            queued_at=timezone.now(),
        )
        transaction.on_commit(lambda: _enqueue([email.pk]), robust=True)
    return email


def _enqueue(email_ids: list[int]) -> None:
    from accord.conversations.tasks import process_inbound_email

    for email_id in email_ids:
        process_inbound_email.enqueue(email_id)


def _backlog() -> bool:
    """Whether processing tasks still wait in the queue: then an email queued long ago is
    late, not lost (a burst of mail), and queueing it again would only add to the queue."""
    from django_tasks_db.models import DBTaskResult

    from accord.conversations.tasks import process_inbound_email

    path = process_inbound_email.module_path
    return DBTaskResult.objects.ready().filter(task_path=path).exists()


def sweep(*, limit: int = SWEEP_BATCH) -> list[int]:
    """Queue again the emails still waiting to be processed long after they were queued (a
    task lost between the listener's commit and the queue, a worker that died), once the
    queue has no processing left to do."""
    if _backlog():
        return []
    cutoff = timezone.now() - SWEEP_AFTER
    waiting = InboundEmail.objects.filter(status=S.RECEIVED).filter(
        Q(queued_at__isnull=True) | Q(queued_at__lte=cutoff)
    )
    email_ids = list(waiting.order_by("id").values_list("pk", flat=True)[:limit])
    if email_ids:
        InboundEmail.objects.filter(pk__in=email_ids).update(queued_at=timezone.now())
        log.warning("Queueing %d inbound email(s) again: %s", len(email_ids), email_ids)
        _enqueue(email_ids)
    return email_ids


# --- The worker's side -----------------------------------------------------------------------


def process(*, email_id: int) -> str:
    """Put a stored email where it belongs; returns its status. Safe to run twice, or at once
    in two workers: only an email still `received` is processed, and only by one of them."""
    with transaction.atomic():
        email = InboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != S.RECEIVED:
            return email.status if email is not None else "missing"
        if email.attempts >= MAX_ATTEMPTS:
            reason = f"Could not be processed after {email.attempts} attempts: {email.reason}"
            _finish(email, S.TRIAGE, reason=reason)
            return S.TRIAGE
        email.attempts += 1
        email.save(update_fields=["attempts"])
    try:
        found: parse.Email | str = parse.read(bytes(email.raw), mail_from=email.mail_from)
    except parse.Unreadable as unreadable:
        found = f"The email cannot be read: {unreadable}"
    try:
        with transaction.atomic():
            # The claim: one writer gets the row while it is still `received`.
            if not InboundEmail.objects.filter(pk=email_id, status=S.RECEIVED).update(
                processed_at=timezone.now()
            ):
                return InboundEmail.objects.values_list("status", flat=True).get(pk=email_id)
            if isinstance(found, str):
                _finish(email, S.TRIAGE, reason=found)
            else:
                _route(email, found)
    except Exception as failure:
        error = f"{type(failure).__name__}: {one_line(str(failure))}"
        log.warning(
            "Inbound email %s not processed (attempt %s): %s", email_id, email.attempts, error
        )
        InboundEmail.objects.filter(pk=email_id, status=S.RECEIVED).update(
            reason=error[:REASON_LIMIT]
        )
        return S.RECEIVED
    return email.status


def _finish(email: InboundEmail, status: str, *, reason: str = "", **fields: Any) -> None:
    email.status = status
    email.reason = reason.replace("\x00", "")[:REASON_LIMIT]
    email.processed_at = timezone.now()
    for name, value in fields.items():
        # A header may carry NUL, which PostgreSQL cannot keep in text.
        setattr(email, name, value.replace("\x00", "") if isinstance(value, str) else value)
    email.save(update_fields=["status", "reason", "processed_at", *fields])


def _describe(email: InboundEmail, found: parse.Email) -> dict[str, str]:
    return {
        "sender": found.sender,
        "sender_name": found.sender_name,
        "subject": found.subject,
        "message_id": found.message_id[:300],
    }


def _route(email: InboundEmail, found: parse.Email) -> None:
    described = _describe(email, found)
    local_parts = [_ours(r) for r in email.rcpt_to]
    tokens = [p for p in local_parts if p is not None and p.startswith(addresses.PREFIX)]
    reply: ReplyAddress | None = None
    mailbox: Mailbox | None = None
    if tokens:
        token = addresses.token_in(f"{tokens[0]}@{settings.INBOUND_DOMAIN}")
        reply = addresses.find(token) if token else None
    else:
        mailboxes = Mailbox.objects.select_related("client")
        mailbox = mailboxes.filter(local_part__in=local_parts).first()
    if reply is None and mailbox is None and (found.automatic or not tokens):
        reply = addresses.by_message_ids(found.referenced)
    if found.automatic:
        # Kept with the client and thread it answers: only those who run the client read it.
        where: dict[str, Any] = {"client": mailbox.client if mailbox else None}
        if reply is not None:
            where = {"client": reply.thread.client, "thread": reply.thread}
        _finish(email, S.AUTOMATIC, reason=found.automatic, **described, **where)
    elif reply is not None:
        _reply(email, found, reply, described)
    elif mailbox is not None:
        _request(email, found, mailbox.client, described)
    else:
        _to_triage(email, found, FORGED if tokens else NOWHERE, described)


def takes(address: str) -> bool:
    """Whether the listener accepts mail for `address`: a reply address by its form (whether
    its token is known is for processing) or a client's own address; one query at most."""
    local = _ours(address)
    if local is None:
        return False
    if addresses.token_in(f"{local}@{settings.INBOUND_DOMAIN}") is not None:
        return True
    return Mailbox.objects.filter(local_part=local).exists()


def _ours(address: str) -> str | None:
    """The local part of an address at the inbound domain (lower-cased), else None."""
    local, _, domain = address.strip().strip("<>").lower().rpartition("@")
    return local if local and domain == settings.INBOUND_DOMAIN else None


def _sender_client(sender: str) -> Client | None:
    """The client whose contact sent it, when there is exactly one (for the triage queue)."""
    ids = set(
        Contact.objects.filter(user__email__iexact=sender).values_list("client_id", flat=True)[:2]
    )
    return Client.objects.get(pk=ids.pop()) if len(ids) == 1 else None


def _to_triage(
    email: InboundEmail,
    found: parse.Email,
    reason: str,
    described: dict[str, str],
    *,
    client: Client | None = None,
    **fields: Any,
) -> None:
    client = client or (_sender_client(found.sender) if found.sender else None)
    _finish(email, S.TRIAGE, reason=reason, client=client, **described, **fields)
    _tell_sorters(email, client)


def _tell_sorters(email: InboundEmail, client: Client | None) -> None:
    """The client's account manager (admins, for mail no client could be found for) hears
    that an email waits in triage, in the transaction that puts it there."""
    if client is not None and client.account_manager_id:
        people = User.objects.filter(pk=client.account_manager_id)
    else:
        people = User.objects.filter(kind=Kind.STAFF, staff_role=StaffRole.ADMIN)
    # One notice to sort email is enough until it is read: a burst of mail makes no more.
    unread = Notification.objects.filter(user=OuterRef("pk"), kind=TRIAGE, read_at__isnull=True)
    people = people.exclude(Exists(unread))
    sender = email.sender_name or email.sender or email.mail_from or "someone"
    notify(
        people=people,
        kind="mail.triage",
        text=f"An email from {sender} needs sorting: {email.subject or '(no subject)'}",
        url=reverse("conversations:triage_email", args=[email.pk]),
        client_id=client.pk if client else None,
        details=email.reason,
    )


def _same_sender(envelope: str, address: str) -> bool:
    """The envelope sender is `address` or of its domain (a server that rewrites the return
    path keeps the domain)."""
    envelope = envelope.strip().strip("<>").lower()
    return bool(address) and envelope.rpartition("@")[2] == address.rpartition("@")[2]


def _same_person(found: parse.Email, envelope: str, person: User) -> bool:
    """The From address is the person's, and the envelope's is theirs or their domain's."""
    mine = (person.email or "").strip().lower()
    return bool(mine) and found.sender == mine and _same_sender(envelope, mine)


def _reply(
    email: InboundEmail, found: parse.Email, reply: ReplyAddress, described: dict[str, str]
) -> None:
    thread, person = reply.thread, reply.user
    where: dict[str, Any] = {"client": thread.client, "thread": thread}
    if not _same_person(found, email.mail_from, person):
        _to_triage(email, found, NOT_THE_PERSON, described, **where)
        return
    if not person.is_active:
        _to_triage(email, found, "The person's account is deactivated.", described, **where)
        return
    try:
        _post(email, found, by=person, thread=thread)
    except Unavailable:
        raise  # the file store is down: the email waits for the next attempt
    except DomainError as refused:
        _to_triage(email, found, refused.message, described, **where)
        return
    _finish(email, S.THREADED, **described, **where)


def _post(email: InboundEmail, found: parse.Email, *, by: User, thread: Any) -> Message:
    return threads.post(
        by=by,
        thread=thread,
        body=message_body(found),
        via=Message.Via.EMAIL,
        inbound=email,
        inbound_files=found.files[:FILES_PER_EMAIL],
    )


def message_body(found: parse.Email, *, notes: list[str] | None = None) -> str:
    """The message an email becomes: the person's words, then what could not come with them;
    cut to what a message holds (the raw email keeps the rest)."""
    notes = [*(notes or []), *_too_large(found), *_left_out(found)]
    words = found.words or NO_TEXT
    room = markdown.MAX_BODY_CHARS - sum(len(n) + 2 for n in notes) - 200
    if len(words) > room:
        words = words[: max(room, 0)].rstrip()
        notes.insert(0, "(The email was longer than a message can be: the rest is in the email.)")
    return "\n\n".join([words, *notes])


def _left_out(found: parse.Email) -> list[str]:
    rest = [f"“{item.name}”" for item in found.files[FILES_PER_EMAIL:]]
    if not rest:
        return []
    return [
        f"(A message takes at most {FILES_PER_EMAIL} files from an email; these are kept in the "
        f"email as received: {', '.join(rest)}.)"
    ]


def _too_large(found: parse.Email) -> list[str]:
    limit = size_in_words(settings.ATTACHMENT_MAX_BYTES)
    return [
        f"(“{big.name}”, {size_in_words(big.size)}, was too large to attach here: files can be "
        f"up to {limit}. It is kept in the email as received; ask the account manager for it.)"
        for big in found.too_large
    ]


def _request(
    email: InboundEmail, found: parse.Email, client: Client, described: dict[str, str]
) -> None:
    """Mail to a client's own address: a request, if a contact who may file one sent it (its
    envelope theirs or their domain's, and not found forged by the receiving server)."""
    if found.forged or not _same_sender(email.mail_from, found.sender):
        envelope = email.mail_from.strip().strip("<>") or "none"
        reason = found.forged or (
            f"Sent to {client.name}'s address as {found.sender or 'nobody'}, but by way of "
            f"another address ({envelope}): the sender may be forged."
        )
        _to_triage(email, found, reason, described, client=client)
        return
    contact = (
        Contact.objects.select_related("user")
        .filter(client=client, user__email__iexact=found.sender, user__is_active=True)
        .first()
    )
    if contact is None or contact.role not in CONTRIBUTORS:
        who = "one of its contacts who may file requests"
        reason = f"Sent to {client.name}'s address, but not by {who}."
        _to_triage(email, found, reason, described, client=client)
        return
    try:
        request = file_request(
            email=email, found=found, client=client, by=contact.user, requested_by=None
        )
    except Unavailable:
        raise
    except DomainError as refused:
        _to_triage(email, found, refused.message, described, client=client)
        return
    events.record(
        actor=contact.user,
        verb="mail.request",
        target=email,
        client=client,
        data={"email": email.pk, "request": request.pk},
    )
    _finish(email, S.REQUEST, client=client, request=request, **described)


# --- Clients' own addresses ------------------------------------------------------------------


def mailbox_of(client: Client) -> Mailbox:
    """The client's own address at the inbound domain (made the first time it is asked for,
    from the client's name: `acme-foods@…`); mail from its contacts to it opens requests."""
    found = Mailbox.objects.filter(client=client).first()
    if found is not None:
        return found
    base = slugify(client.name)[:50].strip("-_") or f"client-{client.pk}"
    taken = set(
        Mailbox.objects.filter(local_part__startswith=base).values_list("local_part", flat=True)
    )
    for number in range(1, 1000):
        candidate = base if number == 1 else f"{base}-{number}"
        if candidate in taken or candidate in RESERVED:
            continue
        try:
            with transaction.atomic():
                return Mailbox.objects.create(client=client, local_part=candidate)
        except IntegrityError:  # taken meanwhile: by this client (use it), or another
            found = Mailbox.objects.filter(client=client).first()
            if found is not None:
                return found
    raise RuntimeError(f"No free address for client {client.pk}")


def mailbox_address(client: Client) -> str:
    return f"{mailbox_of(client).local_part}@{settings.INBOUND_DOMAIN}"


def _title(found: parse.Email) -> str:
    title = one_line(_REPLY_PREFIX.sub("", found.subject))
    if not title:
        title = f"Request by email from {found.sender_name or found.sender or 'the client'}"
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1].rstrip() + "…"


def _request_files(found: parse.Email) -> tuple[list[UploadedFile], list[str]]:
    """The email's files a request accepts, and a note for each one it does not."""
    accepted: list[UploadedFile] = []
    notes: list[str] = []
    for item in found.files:
        upload = SimpleUploadedFile(item.name, item.data, item.content_type)
        if len(accepted) >= settings.ATTACHMENTS_PER_REQUEST:
            notes.append(
                f"(“{item.name}” was not added: a request takes at most "
                f"{settings.ATTACHMENTS_PER_REQUEST} files. It is in the email.)"
            )
            continue
        try:
            check_attachment(upload, max_bytes=settings.ATTACHMENT_MAX_BYTES)
        except InvalidInput as refused:
            notes.append(f"(Not added: {refused.message} It is kept in the email.)")
            continue
        accepted.append(upload)
    return accepted, notes


def file_request(
    *, email: InboundEmail, found: parse.Email, client: Client, by: User, requested_by: User | None
) -> Request:
    """A request from an email: its subject the title, its words what is asked, its files
    attached. Filed by a contact themselves, or logged by the account manager for one."""
    uploads, notes = _request_files(found)
    if _FORWARD_PREFIX.match(found.subject) and found.full_text:
        # What was forwarded is the request, not history to take off.
        found = replace(found, words=found.full_text)
    title, what = _title(found), message_body(found, notes=notes)
    if policy.is_contact(by):
        request = requests.submit_request(
            by=by, client=client, title=title, what=what, attachments=uploads
        )
        # A contact's own request counts as from the portal; this one came by email.
        Request.objects.filter(pk=request.pk).update(source=Request.Source.EMAIL)
        request.source = Request.Source.EMAIL
        return request
    return requests.submit_request(
        by=by,
        client=client,
        title=title,
        what=what,
        source=Request.Source.EMAIL,
        requested_by=requested_by,
        attachments=uploads,
    )


def speaks_in(person: User, thread: Any) -> bool:
    """Whether an email may be posted in `thread` as `person`: someone of its audience who
    may write in it."""
    from accord.conversations import access

    return threads.may_join(person, thread) and access.may_post(person, thread)


# --- Triage ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """An email as the triage queue shows it."""

    sender: str
    sender_name: str
    subject: str
    text: str  # the words, quoted history and signature taken off
    full_text: str
    attachments: list[str]  # file names, "name (size)"
    problem: str  # why it could not be read, if it could not


def display(email: InboundEmail) -> Shown:
    """What the email says, read again from the raw; an email over DISPLAY_MAX_BYTES is not
    read for a page (each view would parse megabytes): it says to download the original."""
    size = email.size or len(email.raw)
    if size > DISPLAY_MAX_BYTES:
        problem = (
            f"This email is too large to show here ({size_in_words(size)}; up to "
            f"{size_in_words(DISPLAY_MAX_BYTES)} are shown): download the original to read it."
        )
        return Shown(email.sender, email.sender_name, email.subject, "", "", [], problem)
    try:
        found = parse.read(bytes(email.raw), mail_from=email.mail_from)
    except parse.Unreadable as unreadable:
        return Shown(email.sender, email.sender_name, email.subject, "", "", [], str(unreadable))
    names = [f"{f.name} ({size_in_words(len(f.data))})" for f in found.files]
    names += [f"{b.name} ({size_in_words(b.size)}, too large to attach)" for b in found.too_large]
    return Shown(
        found.sender, found.sender_name, found.subject, found.words, found.full_text, names, ""
    )


def _readable(email: InboundEmail) -> parse.Email:
    """The email for a triage decision: as processing reads it, or its raw text if it cannot
    be read, so that whatever was written reaches the thread or the request."""
    try:
        return parse.read(bytes(email.raw), mail_from=email.mail_from)
    except parse.Unreadable:
        words = bytes(email.raw).decode("utf-8", errors="replace").strip()
        return parse.Email(
            sender=email.sender,
            sender_name=email.sender_name,
            subject=email.subject,
            message_id=email.message_id,
            referenced=[],
            full_text=words,
            words=words,
        )


def _locked_for_triage(by: User, email: InboundEmail) -> InboundEmail:
    from accord.conversations import access

    locked = (
        InboundEmail.objects.select_for_update(of=("self",))
        .select_related("client")
        .get(pk=email.pk)
    )
    if locked.client is not None and not access.manages(by, locked.client):
        raise NotAllowed(NOT_YOURS)
    if locked.client is None and not access.triage_visible_to(by).filter(pk=locked.pk).exists():
        raise NotAllowed(NOT_YOURS)
    if locked.status != S.TRIAGE:
        label = S(locked.status).label.lower()
        raise Conflict(f"This email was sorted already ({label}).")
    return locked


def _triaged(by: User, email: InboundEmail, outcome: str, **fields: Any) -> None:
    _finish(email, fields.pop("status"), triaged_by=by, **fields)
    events.record(
        actor=by,
        verb="mail.triaged",
        target=email,
        client=email.client_id,
        data={"email": email.pk, "outcome": outcome},
    )


@transaction.atomic
def assign(*, by: User, email: InboundEmail, thread: Any, as_person: User) -> Message:
    """Post an email from the triage queue in a thread `by` runs, as `as_person` (someone of
    the thread's audience: a contact of its client, or the staff in an internal one)."""
    from accord.conversations import access

    email = _locked_for_triage(by, email)
    if not access.manages(by, thread.client):
        raise NotAllowed(NOT_YOURS)
    if not speaks_in(as_person, thread):
        raise InvalidInput(
            f"{as_person.name or as_person.email} cannot write in this conversation.",
            field="as_person",
        )
    found = _readable(email)
    message = _post(email, found, by=as_person, thread=thread)
    _triaged(
        by, email, "thread", status=S.THREADED, reason=email.reason, thread=thread,
        client=thread.client,
    )  # fmt: skip
    return message


@transaction.atomic
def open_request(*, by: User, email: InboundEmail, client: Client, contact: User) -> Request:
    """Open a request for `client` from an email in the triage queue, as asked by `contact`
    (one of the client's contacts), logged by `by` as received by email."""
    from accord.conversations import access

    email = _locked_for_triage(by, email)
    if not access.manages(by, client):
        raise NotAllowed(NOT_YOURS)
    if not Contact.objects.filter(client=client, user=contact).exists():
        raise InvalidInput(
            f"{contact.name or contact.email} is not one of {client.name}'s contacts.",
            field="contact",
        )
    request = file_request(
        email=email, found=_readable(email), client=client, by=by, requested_by=contact
    )
    _triaged(
        by, email, "request", status=S.REQUEST, reason=email.reason, client=client,
        request=request,
    )  # fmt: skip
    return request


@transaction.atomic
def dismiss(*, by: User, email: InboundEmail, reason: str) -> InboundEmail:
    """Leave an email out (spam, sent to the wrong place); it stays stored, with the reason."""
    email = _locked_for_triage(by, email)
    reason = one_line(reason)
    if not reason:
        raise InvalidInput("Say why the email is dismissed.", field="reason")
    if len(reason) > REASON_LIMIT:
        raise InvalidInput(
            f"Keep the reason to {REASON_LIMIT} characters; it has {len(reason)}.", field="reason"
        )
    _triaged(by, email, "dismissed", status=S.DISMISSED, reason=reason)
    return email
