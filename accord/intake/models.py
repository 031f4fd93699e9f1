from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accord.clients.models import Client
from accord.core import money


class WaitingOn(models.TextChoices):
    CLIENT = "client", "Client"
    AGENCY = "agency", "Agency"
    NOBODY = "nobody", "Nobody"


class Request(models.Model):
    """What a client asked for, in their words, however it reached the agency."""

    class Source(models.TextChoices):
        PORTAL = "portal", "Client portal"
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        MEETING = "meeting", "Meeting"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        NEW = "new", "New"
        BRIEFING = "briefing", "Being briefed"
        SIGNED_OFF = "signed_off", "Signed off"
        IN_WORK = "in_work", "In work"
        DELIVERED = "delivered", "Delivered"
        PARKED = "parked", "Parked"
        DECLINED = "declined", "Declined"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="requests")
    title = models.CharField(max_length=160)
    what = models.TextField(help_text="What the client needs.")
    why = models.TextField(blank=True, help_text="Why: the business reason behind it.")
    needed_by = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.PORTAL)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    status_reason = models.TextField(blank=True, help_text="Shown to the client.")
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["client", "status", "created_at"], name="request_client_status"),
            models.Index(fields=["status", "created_at"], name="request_status_created"),
            models.Index(fields=["-created_at"], name="request_created"),
            # Lists sorted by the date the client needs it, and the overdue ones found.
            models.Index(fields=["client", "needed_by"], name="request_client_needed_by"),
            models.Index(fields=["needed_by", "status"], name="request_needed_by"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("intake:request_detail", kwargs={"request_id": self.pk})

    @property
    def is_overdue(self) -> bool:
        """Needed by a day that has passed, and not delivered, declined or parked yet."""
        return (
            self.needed_by is not None
            and self.needed_by < timezone.localdate()
            and self.status in OPEN_REQUEST_STATUSES
        )


OPEN_REQUEST_STATUSES = (
    Request.Status.NEW,
    Request.Status.BRIEFING,
    Request.Status.SIGNED_OFF,
    Request.Status.IN_WORK,
)


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"requests/{instance.request.client_id}/{instance.request_id}/{filename}"


def thumbnail_path(instance: "Attachment", filename: str) -> str:
    return f"requests/{instance.request.client_id}/{instance.request_id}/thumbs/{filename}"


class Attachment(models.Model):
    """A file sent with a request; checked by content, stored before anything else happens."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Thumbnail(models.TextChoices):
        PENDING = "pending", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be made"
        NONE = "none", "Not for this kind of file"

    # A small PNG the worker makes of an image or a PDF's first page (`services.thumbnails`).
    thumbnail = models.FileField(upload_to=thumbnail_path, blank=True)
    thumbnail_state = models.CharField(
        max_length=8, choices=Thumbnail.choices, default=Thumbnail.NONE
    )
    # When the worker was last asked for it, and how many times: a thumbnail the worker cannot
    # make (a file store down, a worker dying on it) is asked for a bounded number of times.
    thumbnail_queued_at = models.DateTimeField(null=True, blank=True)
    thumbnail_tries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [
            # The worker's sweep: thumbnails still to make, oldest first.
            models.Index(fields=["thumbnail_state", "created_at"], name="attachment_thumb_state")
        ]

    def __str__(self) -> str:
        return self.original_name


class BriefTemplate(models.Model):
    """A kind of work and the questions a good brief for it answers."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    min_lead_days = models.PositiveSmallIntegerField(
        default=10, help_text="Working days the agency needs at least, from sign-off to deadline."
    )
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class TemplateQuestion(models.Model):
    """One question of a brief template. `fact` says which of the brief's key facts its answer
    supplies (the brief's typed columns and the completeness coach read it); `key` only names
    the answer within the brief."""

    class Kind(models.TextChoices):
        TEXT = "text", "Short answer"
        LONG_TEXT = "long_text", "Long answer"
        DATE = "date", "Date"
        MONEY = "money", "Amount of money"
        APPROVER = "approver", "Client approver"

    class Fact(models.TextChoices):
        NONE = "", "None"
        OBJECTIVE = "objective", "Objective"
        SUCCESS_MEASURE = "success_measure", "Success measure"
        AUDIENCE = "audience", "Audience"
        KEY_MESSAGE = "key_message", "Key message"
        CHANNEL = "channel", "Channel"
        FORMAT = "format", "Formats and quantities"
        BUDGET = "budget", "Budget"
        DEADLINE = "deadline", "Deadline"
        APPROVER = "approver", "Approver"

    template = models.ForeignKey(BriefTemplate, on_delete=models.CASCADE, related_name="questions")
    section = models.CharField(max_length=80)
    key = models.SlugField(max_length=40)
    label = models.CharField(max_length=200)
    help_text = models.TextField(blank=True)
    example = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.LONG_TEXT)
    fact = models.CharField(max_length=16, choices=Fact.choices, default=Fact.NONE, blank=True)
    required = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["template", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="template_question_key_unique")
        ]

    def __str__(self) -> str:
        return self.label


class Brief(models.Model):
    """What both sides agree the work is. Its questions are a snapshot of the template's."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        PROPOSED = "proposed", "Awaiting sign-off"
        SIGNED_OFF = "signed_off", "Signed off"
        CONVERTED = "converted", "In work"
        CANCELLED = "cancelled", "Cancelled"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="briefs")
    request = models.OneToOneField(
        Request, null=True, blank=True, on_delete=models.SET_NULL, related_name="brief"
    )
    template = models.ForeignKey(BriefTemplate, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=160)
    questions = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    waiting_on = models.CharField(max_length=8, choices=WaitingOn.choices, default=WaitingOn.CLIENT)
    waiting_since = models.DateTimeField(default=timezone.now)
    completeness = models.PositiveSmallIntegerField(default=0)
    # "<page>:<n>" of the newest autosave applied: an older one from the same page, arriving
    # late, is ignored rather than overwriting newer answers.
    autosave_mark = models.CharField(max_length=48, blank=True, default="")
    min_lead_days = models.PositiveSmallIntegerField(default=10)
    internal_notes = models.TextField(blank=True)
    # Key facts, typed: written from the answers of the questions mapped to them, in the same
    # transaction as the answers, by the services that save answers (never on their own).
    deadline = models.DateField(null=True, blank=True)
    budget_low = models.DecimalField(max_digits=15, decimal_places=2, null=True, blank=True)
    budget_high = models.DecimalField(max_digits=15, decimal_places=2, null=True, blank=True)
    budget_currency = models.CharField(max_length=3, blank=True, default="")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.TextField(blank=True, default="")
    format = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    current_version = models.ForeignKey(
        "BriefVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_version = models.ForeignKey(
        "BriefVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["client", "status", "waiting_since"], name="brief_client_status"),
            # The queue's sections, oldest first: across one AM's clients, and across all.
            models.Index(
                fields=["client", "waiting_on", "status", "waiting_since"],
                name="brief_client_waiting",
            ),
            models.Index(fields=["waiting_on", "waiting_since"], name="brief_waiting_since"),
            models.Index(fields=["status", "waiting_since"], name="brief_status_since"),
            models.Index(
                fields=["status", "waiting_on", "waiting_since"], name="brief_status_waiting"
            ),
            models.Index(fields=["-updated_at"], name="brief_updated"),
            # The lists and the queue sort and flag by the deadline.
            models.Index(fields=["deadline"], name="brief_deadline"),
            models.Index(fields=["client", "deadline"], name="brief_client_deadline"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("intake:brief_detail", kwargs={"brief_id": self.pk})

    @property
    def budget_display(self) -> str:
        """The budget in its one spelling ("£8,000–10,000"), or "" without one."""
        if self.budget_low is None or self.budget_high is None:
            return ""
        return money.spelled(self.budget_low, self.budget_high, self.budget_currency)

    def is_overdue(self, today: date) -> bool:
        """Past its deadline and not yet in work (nor cancelled)."""
        done = {self.Status.CONVERTED, self.Status.CANCELLED}
        return self.deadline is not None and self.deadline < today and self.status not in done


class BriefVersion(models.Model):
    """The brief as it stood at one moment after submission. Never changed once written."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=160)
    questions = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    sha256 = models.CharField(max_length=64)
    # The word diff against the previous version, worked out once when this one is written:
    # [{"key", "label", "html"}]. None for a first version (and for those written before).
    changes = models.JSONField(null=True, blank=True)
    # Why a signed-off (or in-work) brief was changed: a change of plan says why, in one line.
    reason = models.CharField(max_length=200, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["brief", "number"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "number"], name="brief_version_unique")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class SignOff(models.Model):
    """A client approver's sign-off on exactly one version (by its SHA-256)."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="sign_offs")
    version = models.ForeignKey(BriefVersion, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(default=timezone.now)
    sha256 = models.CharField(max_length=64)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["brief", "is_current"], name="signoff_brief_current")]

    def __str__(self) -> str:
        return f"sign-off of {self.brief_id} v{self.version_id}"


class ClarifyingQuestion(models.Model):
    """A question the AM asks the client about a brief, and the client's answer."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="clarifications")
    text = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # The brief field the question is about (a question key of the brief), if the AM said.
    field_key = models.CharField(max_length=40, blank=True, default="")
    # SHA-256 of that field's answer when the client answered: applying the answer later is
    # refused while the field has changed since, unless the AM confirms.
    field_sha256 = models.CharField(max_length=64, blank=True, default="")
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        indexes = [models.Index(fields=["brief", "answered_at"], name="clarification_open")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class MadePdf(models.Model):
    """A PDF made by the worker from exactly the HTML it was asked for (`services.pdf_jobs`);
    that HTML's SHA-256 names it, so the same content is never rendered twice. A concrete model
    adds what it is the PDF of, and the `file` field with its own place in storage."""

    class State(models.TextChoices):
        PREPARING = "preparing", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be made"

    fingerprint = models.CharField(max_length=64)
    source = models.TextField(blank=True)  # the HTML to render; emptied once rendered or failed
    state = models.CharField(max_length=12, choices=State.choices, default=State.PREPARING)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


def brief_pdf_path(instance: "BriefPdf", filename: str) -> str:
    return f"briefs/{instance.brief_id}/pdf/{instance.audience}-{instance.fingerprint}.pdf"


class BriefPdf(MadePdf):
    """A brief's PDF for one audience."""

    class Audience(models.TextChoices):
        CLIENT = "client", "Client (no internal notes)"
        AGENCY = "agency", "Agency (with internal notes)"

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="pdfs")
    audience = models.CharField(max_length=8, choices=Audience.choices)
    file = models.FileField(upload_to=brief_pdf_path, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "audience", "fingerprint"], name="brief_pdf_unique"
            )
        ]
        # Files no row uses any more are deleted by name.
        indexes = [models.Index(fields=["file"], name="brief_pdf_file")]

    def __str__(self) -> str:
        return f"PDF of brief {self.brief_id} ({self.audience}, {self.state})"
