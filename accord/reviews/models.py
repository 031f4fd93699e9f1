"""Versions of a deliverable, the review rounds they go through, and what reviewers said.

A round's status changes only in `services.rounds` against `rules.ROUND_MOVES`; a decision is
never changed once made (it holds the SHA-256 of the content decided on). Rows that two people
may change at once carry a `revision`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accord.clients.models import Client
from accord.core.policy import Audience
from accord.work.models import Deliverable

USER = settings.AUTH_USER_MODEL


def version_path(instance: "Version", filename: str) -> str:
    return f"versions/{instance.deliverable_id}/{filename}"


def page_path(instance: "VersionPage", filename: str) -> str:
    return f"versions/{instance.version.deliverable_id}/pages/{filename}"


class Version(models.Model):
    """One state of a deliverable's content: a file, a piece of copy, or a link."""

    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        PDF = "pdf", "PDF"
        VIDEO = "video", "Video"
        COPY = "copy", "Copy"
        LINK = "link", "Link"

    class Preview(models.TextChoices):
        PENDING = "pending", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be made"
        NONE = "none", "Not for this kind of version"

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="versions")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # What changed since the last version, in the uploader's words.
    note = models.TextField(blank=True, max_length=2_000)
    file = models.FileField(upload_to=version_path, blank=True, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    # Copy: the sanitised HTML shown, and its plain text (for ranges and the word diff).
    copy_html = models.TextField(blank=True)
    copy_text = models.TextField(blank=True)
    link_url = models.URLField(blank=True, max_length=2_000)
    # SHA-256 of the content (the file's bytes, the copy's HTML, the link): what a decision
    # approves.
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Previews of an image or a PDF's pages, made by the worker (`services.previews`).
    preview_state = models.CharField(max_length=8, choices=Preview.choices, default=Preview.NONE)
    preview_queued_at = models.DateTimeField(null=True, blank=True)
    preview_tries = models.PositiveSmallIntegerField(default=0)
    page_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["deliverable", "number"], name="version_number")
        ]
        indexes = [
            models.Index(fields=["preview_state", "created_at"], name="version_preview_state"),
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class VersionPage(models.Model):
    """A preview of one page of a version (an image has one page, a PDF one per page)."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    image = models.FileField(upload_to=page_path, max_length=255)
    thumbnail = models.FileField(upload_to=page_path, max_length=255, blank=True)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="versionpage_number")
        ]

    def __str__(self) -> str:
        return f"page {self.number} of version {self.version_id}"


class Guest(models.Model):
    """Someone the AM invited by email to review one deliverable, without an account.

    The link's secret and the one-time code are stored only as SHA-256 hashes."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="guests")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    name = models.CharField(max_length=120, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    token_prefix = models.CharField(max_length=12)
    invited_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_tries = models.PositiveSmallIntegerField(default=0)
    # Codes sent over the link's life: past a limit the link is locked (the AM sends a new one).
    codes_sent = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["deliverable", "created_at"], name="guest_deliverable")]

    def __str__(self) -> str:
        return self.email


class Round(models.Model):
    """A version put to reviewers at one stage: internal (the agency) or client."""

    class Stage(models.TextChoices):
        INTERNAL = "internal", "Internal"
        CLIENT = "client", "Client"

    class Rule(models.TextChoices):
        ANY = "any", "Any approver decides"
        ALL = "all", "All approvers decide"
        FINAL = "final", "One final approver decides"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        APPROVED = "approved", "Approved"
        APPROVED_WITH_CHANGES = "approved_with_changes", "Approved with changes"
        CHANGES_REQUIRED = "changes_required", "Changes required"
        SUPERSEDED = "superseded", "Superseded"
        CANCELLED = "cancelled", "Cancelled"

    class Court(models.TextChoices):
        CLIENT = "client", "Client"
        AGENCY = "agency", "Agency"
        NOBODY = "nobody", "Nobody"

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="rounds")
    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="rounds")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=8, choices=Stage.choices)
    rule = models.CharField(max_length=8, choices=Rule.choices, default=Rule.ANY)
    final_approver = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.OPEN)
    due_at = models.DateTimeField(null=True, blank=True)
    # Why the AM sent it to the client without an internal approval (recorded, shown).
    override_reason = models.TextField(blank=True, max_length=1_000)
    opened_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    waiting_on = models.CharField(max_length=8, choices=Court.choices, default=Court.NOBODY)
    waiting_since = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [
            # The review queues: open rounds of a stage by due date, per client.
            models.Index(fields=["stage", "status", "client", "due_at"], name="round_queue"),
            models.Index(fields=["deliverable", "stage", "status"], name="round_deliverable"),
            # Reminders: open rounds past their due time.
            models.Index(fields=["status", "due_at"], name="round_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} round of {self.version}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Reviewer(models.Model):
    """A person on a round: a staff member, a client contact, or a guest."""

    class Role(models.TextChoices):
        REVIEWER = "reviewer", "Reviewer"
        APPROVER = "approver", "Approver"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="review_places"
    )
    guest = models.ForeignKey(
        Guest, null=True, blank=True, on_delete=models.CASCADE, related_name="places"
    )
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.APPROVER)
    added_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    nudged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, guest__isnull=True)
                | Q(user__isnull=True, guest__isnull=False),
                name="reviewer_user_or_guest",
            ),
            models.UniqueConstraint(
                fields=["round", "user"], condition=Q(user__isnull=False), name="reviewer_user"
            ),
            models.UniqueConstraint(
                fields=["round", "guest"], condition=Q(guest__isnull=False), name="reviewer_guest"
            ),
        ]
        indexes = [models.Index(fields=["user", "round"], name="reviewer_user_round")]

    def __str__(self) -> str:
        return f"{self.role} {self.user_id or self.guest_id} on round {self.round_id}"


class Decision(models.Model):
    """What one reviewer decided on a round: immutable, bound to the content's SHA-256."""

    class Verdict(models.TextChoices):
        APPROVED = "approved", "Approved"
        APPROVED_WITH_CHANGES = "approved_with_changes", "Approved with changes"
        CHANGES_REQUIRED = "changes_required", "Changes required"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="decisions")
    reviewer = models.OneToOneField(Reviewer, on_delete=models.PROTECT, related_name="decision")
    verdict = models.CharField(max_length=24, choices=Verdict.choices)
    note = models.TextField(blank=True, max_length=5_000)
    content_sha256 = models.CharField(max_length=64)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.verdict} on round {self.round_id}"


class Comment(models.Model):
    """A remark on a version, pinned to a point, a moment or a range, or on the whole of it;
    replies hang on a top-level comment. Clients see only the client-audience ones."""

    class Anchor(models.TextChoices):
        NONE = "none", "The whole version"
        POINT = "point", "A point"
        MOMENT = "moment", "A moment"
        RANGE = "range", "A passage"

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="comments")
    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guest = models.ForeignKey(
        Guest, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.INTERNAL)
    body = models.TextField(max_length=5_000)
    anchor = models.CharField(max_length=8, choices=Anchor.choices, default=Anchor.NONE)
    # A point: the page (1 for an image) and where on it, as fractions of its width and height.
    page = models.PositiveIntegerField(null=True, blank=True)
    x = models.FloatField(null=True, blank=True)
    y = models.FloatField(null=True, blank=True)
    # A moment of a video, in seconds.
    at_seconds = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    # A passage of copy: character offsets into the version's plain text, and what it said.
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["version", "audience", "created_at"], name="comment_version"),
            models.Index(fields=["deliverable", "created_at"], name="comment_deliverable"),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class Todo(models.Model):
    """A to-do for the creative, in the AM's words, from client comments; ticked off against
    the version that answers it."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="todos")
    text = models.CharField(max_length=300)
    sources = models.ManyToManyField(Comment, blank=True, related_name="todos")
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    position = models.PositiveIntegerField(default=0)
    done_in = models.ForeignKey(
        Version, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    done_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["deliverable", "position"], name="todo_deliverable")]

    def __str__(self) -> str:
        return self.text
