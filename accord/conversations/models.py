"""Threads between the client and the agency, and inside the agency, with what feeds them:
messages (with their edits, attachments and mentions), relays, to-dos, reply addresses and
the raw inbound email they may come from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accord.core.policy import Audience


class Court(models.TextChoices):
    CLIENT = "client", "The client"
    AGENCY = "agency", "The agency"
    NOBODY = "nobody", "Nobody"


class Thread(models.Model):
    """A conversation on a client, or on one of its briefs, jobs or deliverables, with exactly
    one audience: the client's (contacts and the account team) or the agency's only.

    `job` is also set for a thread on a deliverable (creatives reach threads through jobs);
    `waiting_on`/`waiting_since` change only in the services that post to it.
    """

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="threads")
    audience = models.CharField(max_length=8, choices=Audience.choices)
    subject = models.CharField(max_length=200)
    brief = models.ForeignKey(
        "intake.Brief", null=True, blank=True, on_delete=models.SET_NULL, related_name="threads"
    )
    job = models.ForeignKey(
        "work.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="threads"
    )
    deliverable = models.ForeignKey(
        "work.Deliverable",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="threads",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    message_count = models.PositiveIntegerField(default=0)
    # The newest message's id: a participant has unread messages while it is past theirs.
    last_message_id = models.BigIntegerField(default=0)
    waiting_on = models.CharField(max_length=8, choices=Court.choices, default=Court.NOBODY)
    waiting_since = models.DateTimeField(null=True, blank=True)
    # Set by access.thread_for: whether the person asking runs the client (relays, the court).
    managing = False

    class Meta:
        indexes = [
            models.Index(fields=["client", "-last_message_at"], name="thread_client_recent"),
            models.Index(fields=["-last_message_at"], name="thread_recent"),
            # Today: a client's threads waiting on the agency, the longest waiting first.
            models.Index(
                fields=["client", "waiting_on", "waiting_since"], name="thread_client_waiting"
            ),
            models.Index(
                fields=["waiting_on", "waiting_since"],
                condition=~Q(waiting_on="nobody"),
                name="thread_waiting",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_internal(self) -> bool:
        return self.audience == Audience.INTERNAL

    @property
    def anchor(self) -> str:
        """What the thread is on: deliverable, job, brief or the client itself."""
        if self.deliverable_id:
            return "deliverable"
        if self.job_id:
            return "job"
        if self.brief_id:
            return "brief"
        return "client"


class Participant(models.Model):
    """Someone in a thread (told of its new messages), or who read it: how far they read."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_places"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    last_read_id = models.BigIntegerField(default=0)
    # False for someone who only reads it (their read state is kept; they are not notified).
    following = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="participant_once"),
        ]
        indexes = [models.Index(fields=["user", "thread"], name="participant_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.thread_id}"


class InboundEmail(models.Model):
    """An email as the listener received it, stored raw before anything else happens to it.

    The worker processes it afterwards (into a message, a new request, the triage queue, or
    recognised as an automatic reply); whatever the outcome, the raw message stays.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", "Received, not processed yet"
        THREADED = "threaded", "Added to a thread"
        REQUEST = "request", "Opened a request"
        TRIAGE = "triage", "Waiting for triage"
        AUTOMATIC = "automatic", "An automatic reply or a bounce"
        DISMISSED = "dismissed", "Dismissed in triage"

    received_at = models.DateTimeField(default=timezone.now)
    peer = models.CharField(max_length=100, blank=True)
    mail_from = models.CharField(max_length=320, blank=True)
    rcpt_to = models.JSONField(default=list)
    raw = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    reason = models.CharField(max_length=300, blank=True)
    # What processing found (kept for triage, search and the record).
    sender = models.CharField(max_length=320, blank=True)
    sender_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    message_id = models.CharField(max_length=300, blank=True)
    client = models.ForeignKey(
        "clients.Client", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When its processing was last asked of the worker (the sweep asks again after a while).
    queued_at = models.DateTimeField(null=True, blank=True)
    # The request it opened (mail to a client's own address, or opened from triage).
    request = models.ForeignKey(
        "intake.Request", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["status", "id"], name="inbound_status"),
            models.Index(
                fields=["client", "-id"],
                condition=Q(status="triage"),
                name="inbound_triage",
            ),
        ]

    def __str__(self) -> str:
        return self.subject or f"Email {self.pk}"


class Message(models.Model):
    """One message in a thread, in Markdown (`body`), shown as sanitised HTML (`html`).

    A relay points at its source (`relayed_from`): a client message passed to the team, or an
    internal message the reply to the client was written from.
    """

    class Via(models.TextChoices):
        WEB = "web", "Accord"
        EMAIL = "email", "Email"
        API = "api", "API"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    body = models.TextField()
    html = models.TextField()
    text = models.TextField(blank=True)
    via = models.CharField(max_length=5, choices=Via.choices, default=Via.WEB)
    relayed_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="relays"
    )
    inbound = models.ForeignKey(
        InboundEmail, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    # Set by the thread page: whether the person reading may still edit it.
    editable = False

    class Meta:
        indexes = [
            models.Index(fields=["thread", "-id"], name="message_thread"),
            models.Index(fields=["author", "-id"], name="message_author"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class MessageEdit(models.Model):
    """A message as it read before an edit: the history is kept."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="edits")
    body = models.TextField()
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Edit of {self.message_id}"


def attachment_path(instance: "MessageAttachment", filename: str) -> str:
    return f"messages/{timezone.now():%Y/%m}/{filename}"


class MessageAttachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.name


class Mention(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="mention_once"),
        ]

    def __str__(self) -> str:
        return f"@{self.user_id}"


class Todo(models.Model):
    """A to-do the account manager gave someone in the team when relaying a client message."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="todos")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="todos")
    source = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_of_todos"
    )
    text = models.CharField(max_length=500)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="thread_todos"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(
                fields=["assignee", "id"], condition=Q(done_at__isnull=True), name="todo_open"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class CreativeVoice(models.Model):
    """A job whose team may read and post in its client threads (opened by the AM)."""

    job = models.OneToOneField("work.Job", on_delete=models.CASCADE, related_name="creative_voice")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Job {self.job_id}"


class ReplyAddress(models.Model):
    """The reply address of one notification email: one thread, one person.

    The token is in the address (`reply+<token>@<inbound domain>`), stored only as its SHA-256;
    `message_id` is the email's Message-ID, so a reply that lost the address (forwarded,
    re-addressed) still finds its thread by In-Reply-To and References.
    """

    digest = models.CharField(max_length=64, unique=True)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reply_addresses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message_id = models.CharField(max_length=300, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Reply address {self.pk}"


class Mailbox(models.Model):
    """A client's own address at the inbound domain (`acme@…`): mail from one of its contacts
    to it opens a new request."""

    client = models.OneToOneField(
        "clients.Client", on_delete=models.CASCADE, related_name="mailbox"
    )
    local_part = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.local_part
