from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.core.policy import Audience


class Event(models.Model):
    """One thing that happened, hash-chained to the event before it.

    `data` (ids, details, content fingerprints) is hashed; `personal` (names, emails) is not,
    so erasing a person never breaks the chain. People are deactivated, never deleted: the
    actor is protected.
    """

    created_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verb = models.CharField(max_length=80)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64)
    # A plain id, not a foreign key: core sits below the clients app and must not import it.
    client_id = models.BigIntegerField(null=True, blank=True)
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.INTERNAL)
    data = models.JSONField(default=dict, blank=True)
    # Personal data the event names (outside the hash; replaced when the person is erased).
    personal = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["client_id", "audience", "-id"], name="event_client_feed"),
            models.Index(fields=["target_type", "target_id"], name="event_target"),
            models.Index(fields=["client_id", "verb", "created_at"], name="event_client_verb"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_type}:{self.target_id}"


class ChainHead(models.Model):
    """The single row that serialises writers of the event chain (locked FOR UPDATE)."""

    last_hash = models.CharField(max_length=64)
    last_event_id = models.BigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return self.last_hash[:12]


class OutboundEmail(models.Model):
    """An email as rendered, stored in the transaction that causes it (an outbox).

    A worker claims the row for a lease (`claimed_at`, `claimed_by`), sends outside any
    transaction, then records the outcome; a message with `sent_at` set is never sent again.
    SMTP delivery is at-least-once: a worker that dies after the server accepted the message
    but before recording it leaves it to be sent again, with the same `message_id`, once the
    lease expires. Messages that carry a sign-in secret have their body redacted once
    delivered. A failed delivery is retried with growing pauses (`next_attempt_at`); a message
    whose link expires (`expires_at`) is never sent after that, and one that is given up on
    (`abandoned_at`) loses its secret too.
    """

    to = models.JSONField()
    subject = models.CharField(max_length=255)
    text = models.TextField()
    html = models.TextField(blank=True)
    sensitive = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)
    # Sent as the Message-ID header on every attempt, so mail clients drop a duplicate.
    message_id = models.CharField(max_length=255, blank=True)
    # Extra headers (In-Reply-To, References, List-Unsubscribe…), each value one line; and
    # where replies go (a per-person reply address), if not to the sender.
    headers = models.JSONField(default=dict, blank=True)
    reply_to = models.CharField(max_length=255, blank=True)
    # When delivery is due; the worker's sweep queues messages overdue by more than a sweep.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["sent_at", "created_at"], name="email_pending"),
            models.Index(fields=["sent_at", "abandoned_at", "next_attempt_at"], name="email_due"),
        ]

    def __str__(self) -> str:
        return self.subject


class WorkerHeartbeat(models.Model):
    """A running `accord worker` as it last reported itself; health checks read these rows."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


class Notification(models.Model):
    """Something a person should know about, in their in-app list (the bell).

    Stored in the transaction of the change that causes it, like an email (see
    `core.notify`). `url` is where acting on it starts; `client_id` is a plain id, as on events.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    client_id = models.BigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Going out in a daily digest (the person's choice for its kind): due then, and once it
    # went, the Message-ID of the digest that carried it (set when the digest is stored).
    digest_due_at = models.DateTimeField(null=True, blank=True)
    digested_in = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["user", "-id"], name="notification_user"),
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["digest_due_at"],
                condition=models.Q(digest_due_at__isnull=False, digested_in=""),
                name="notification_digest_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class EmailChoice(models.TextChoices):
    """How a person hears of one kind of notification by email (the list always has it)."""

    IMMEDIATE = "immediate", "Right away"
    DIGEST = "digest", "In a daily digest"
    OFF = "off", "Not by email"


class NotificationPreference(models.Model):
    """A person's choice for one kind of notification; without a row, the kind's default."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    email = models.CharField(max_length=16, choices=EmailChoice.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once"),
            models.CheckConstraint(
                condition=models.Q(email__in=EmailChoice.values),
                name="notification_preference_email_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}: {self.email}"


# The search index's row lives with the rest of search (accord/core/search/).
from accord.core.search.models import SearchEntry  # noqa: E402, F401
