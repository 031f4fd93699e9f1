"""What Accord reads between the lines, for the agency only: how clients' messages sound, each
client's account health over time, feedback from a client's reviewers that pulls two ways, and
the per-client record of what was agreed (sign-offs, approvals and confirmed meeting notes)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accord.intake.models import MadePdf

USER = settings.AUTH_USER_MODEL


class Band(models.TextChoices):
    HEALTHY = "healthy", "Healthy"
    WATCH = "watch", "Watch"
    AT_RISK = "at_risk", "At risk"


class MessageSentiment(models.Model):
    """How one message from a client's contact reads, scored once when it arrives."""

    class Label(models.TextChoices):
        NEGATIVE = "negative", "Unhappy"
        NEUTRAL = "neutral", "Neutral"
        POSITIVE = "positive", "Happy"

    message = models.OneToOneField(
        "conversations.Message", on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    label = models.CharField(max_length=8, choices=Label.choices)
    # The agency-domain phrases that moved the score: [{"phrase", "start", "end"}].
    cues = models.JSONField(default=list)
    sent_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["client", "sent_at"], name="sentiment_client_time")]

    def __str__(self) -> str:
        return f"{self.label} ({self.score:+.2f})"


class ClientHealth(models.Model):
    """A client's account health now: the number, its band and the reasons behind it.

    `stale_since` is set (by an event about the client) when something may have changed it;
    the worker recomputes stale ones, and every client once a day.
    """

    client = models.OneToOneField(
        "clients.Client", primary_key=True, on_delete=models.CASCADE, related_name="health"
    )
    score = models.PositiveSmallIntegerField(default=100)
    band = models.CharField(max_length=8, choices=Band.choices, default=Band.HEALTHY)
    # [{"key", "label", "points", "detail"}], the biggest loss first.
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField(null=True, blank=True)
    band_since = models.DateTimeField(default=timezone.now)
    stale_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The agency-wide list: the lowest score first.
            models.Index(fields=["score", "client"], name="health_risk"),
            models.Index(
                fields=["stale_since"], name="health_stale", condition=Q(stale_since__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score} ({self.band})"


class HealthSnapshot(models.Model):
    """A client's health on one day (the day's last computation): the history's points."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="health_history"
    )
    day = models.DateField()
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=8, choices=Band.choices)
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["client", "day"]
        constraints = [
            models.UniqueConstraint(fields=["client", "day"], name="health_snapshot_day")
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.score}"


class MeetingNote(models.Model):
    """The AM's notes of a call or meeting, put to the client to confirm or correct."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", "Waiting for the client"
        CONFIRMED = "confirmed", "Confirmed"
        CORRECTED = "corrected", "Corrected by the client"
        WITHDRAWN = "withdrawn", "Withdrawn"

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    # Wider than what may be typed (services.notes' limits): an erasure's placeholder can be
    # longer than the names it replaces, and redacted notes are never cut.
    title = models.CharField(max_length=2000)
    held_on = models.DateField()
    attendees = models.CharField(max_length=2000, blank=True)
    body = models.TextField(max_length=20_000)
    # SHA-256 of exactly what the client is asked to confirm (title, day, attendees, body).
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AWAITING)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # The client thread the note was sent in: a reply by email or in the portal lands there.
    thread = models.ForeignKey(
        "conversations.Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # The client's message that confirmed or corrected the note: an edit of it is read again.
    answer_message = models.ForeignKey(
        "conversations.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    correction = models.TextField(blank=True, max_length=20_000)
    # When an erased person's name was taken out of the note: its text no longer gives the
    # fingerprint it was confirmed with, which the audit then takes from the record.
    redacted_at = models.DateTimeField(null=True, blank=True)
    # The note this one corrects (the AM's revised notes after a correction).
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["client", "status", "-held_on"], name="note_client_status"),
            models.Index(fields=["thread"], name="note_thread"),
        ]

    def __str__(self) -> str:
        return self.title


class Agreement(models.Model):
    """One entry of a client's "what was agreed": a brief signed off, work approved, meeting
    notes confirmed — with the SHA-256 of exactly what was agreed and the event recording it."""

    class Kind(models.TextChoices):
        SIGN_OFF = "sign_off", "Brief signed off"
        APPROVAL = "approval", "Work approved"
        MEETING_NOTE = "meeting_note", "Meeting notes confirmed"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=2000)  # wide for the same reason as MeetingNote's
    # What was agreed, as text: what the timeline shows, searches and prints.
    summary = models.TextField(max_length=20_000)
    sha256 = models.CharField(max_length=64)
    agreed_at = models.DateTimeField()
    agreed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.OneToOneField(
        "core.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What it is about: "brief", "version" or "meeting_note", and its id.
    source_type = models.CharField(max_length=16)
    source_id = models.BigIntegerField()
    # When an erased person's name was taken out of the summary (see MeetingNote.redacted_at).
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-agreed_at", "-pk"]
        indexes = [models.Index(fields=["client", "-agreed_at"], name="agreement_client_time")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "sha256"], name="agreement_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class FeedbackConflict(models.Model):
    """Two of a client's reviewers pulling the same version two ways: opposite decisions, or
    comments asking for opposite changes to the same element. The AM settles it with the
    client before to-dos reach the creative."""

    class Kind(models.TextChoices):
        DECISIONS = "decisions", "Opposite decisions"
        COMMENTS = "comments", "Opposite changes asked"

    class Status(models.TextChoices):
        OPEN = "open", "To settle"
        SETTLED = "settled", "Settled"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    deliverable = models.ForeignKey("work.Deliverable", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey("reviews.Version", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(
        "reviews.Round", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    first_comment = models.ForeignKey(
        "reviews.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    second_comment = models.ForeignKey(
        "reviews.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    first_decision = models.ForeignKey(
        "reviews.Decision", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    second_decision = models.ForeignKey(
        "reviews.Decision", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # What both are about ("logo", "headline"; "" for decisions) and one line saying how.
    element = models.CharField(max_length=80, blank=True)
    summary = models.CharField(max_length=300)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    detected_at = models.DateTimeField(default=timezone.now)
    settled_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    settled_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True, max_length=2_000)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-detected_at", "-pk"]
        indexes = [
            models.Index(fields=["version", "status"], name="conflict_version"),
            models.Index(fields=["client", "status", "-detected_at"], name="conflict_client"),
            # The lists across clients (an admin's, an AM's): to settle first, then the newest.
            models.Index(fields=["status", "-detected_at"], name="conflict_status_time"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["first_comment", "second_comment"],
                condition=Q(first_comment__isnull=False),
                name="conflict_comments_once",
            ),
            models.UniqueConstraint(
                fields=["first_decision", "second_decision"],
                condition=Q(first_decision__isnull=False),
                name="conflict_decisions_once",
            ),
        ]

    def __str__(self) -> str:
        return self.summary


class ToneRecord(models.Model):
    """What the tone check said about something the AM sent a client: the kinds of findings the
    draft had on the way, the kinds dismissed, and the sent text's — never the draft's words."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    # What was sent: "message", "question", "decline", "comment", "decision" and its id.
    subject_type = models.CharField(max_length=16)
    subject_id = models.BigIntegerField()
    draft_kinds = models.JSONField(default=list)
    dismissed = models.JSONField(default=list)
    sent_kinds = models.JSONField(default=list)
    score = models.FloatField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="tone_subject"),
            models.Index(fields=["client", "-created_at"], name="tone_client_time"),
        ]

    def __str__(self) -> str:
        return f"tone of {self.subject_type} {self.subject_id}"


def agreements_pdf_path(instance: "AgreementsPdf", filename: str) -> str:
    """One file per client, filters and content: two choices of filters that print the same
    HTML (the whole record and its only entry, say) keep a file each, so dropping one never
    takes the other's."""
    return f"agreements/{instance.client_id}/pdf/{instance.filters}-{instance.fingerprint}.pdf"


class AgreementsPdf(MadePdf):
    """A client's record of what was agreed as a PDF, for one choice of filters (search, kind,
    entry), made by the worker (`services.agreements_pdf`). The fingerprint is that of the HTML
    printed, which holds the filters and the entries."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    # SHA-256 of the filters asked for: one content is current per client and filters.
    filters = models.CharField(max_length=64)
    file = models.FileField(upload_to=agreements_pdf_path, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "filters", "fingerprint"], name="agreements_pdf_unique"
            )
        ]
        # Files no row uses any more are deleted by name.
        indexes = [models.Index(fields=["file"], name="agreements_pdf_file")]

    def __str__(self) -> str:
        return f"PDF of what was agreed with client {self.client_id} ({self.state})"
