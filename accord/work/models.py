"""Jobs and what they are made of: deliverables, tasks, the people on them, and the time spent.

Workflow states (job, deliverable, task) change only in their transition functions in
`services/` against the tables in `rules.py`. Rows that two people may move at once carry a
`revision`, raised by every write: a write based on an older revision is a conflict.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from accord.clients.models import Client
from accord.core.policy import Discipline
from accord.intake.models import Brief

USER = settings.AUTH_USER_MODEL


class Job(models.Model):
    """A piece of agency work for a client: from a signed-off brief, or set up by the AM."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ON_HOLD = "on_hold", "On hold"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    # Jobs whose work is still someone's to do: a done or cancelled job's open tasks are not.
    LIVE = (Status.OPEN, Status.ON_HOLD)

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="jobs")
    brief = models.OneToOneField(
        Brief, null=True, blank=True, on_delete=models.SET_NULL, related_name="job"
    )
    title = models.CharField(max_length=160)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    # The deadline: from the brief's deadline when the job starts from one, then the AM's.
    due_on = models.DateField(null=True, blank=True)
    # The account manager who runs the job (the client's AM unless someone else is named).
    owner = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="jobs_owned"
    )
    # What the team needs to know beyond the brief; agency only, never shown to the client.
    notes = models.TextField(blank=True, max_length=20_000)
    template = models.ForeignKey(
        "JobTemplate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField(default=1)
    # The brief version the work started from, and when the brief last changed after that
    # (a change of plan); cleared when the account manager acknowledges the change.
    started_version = models.PositiveIntegerField(null=True, blank=True)
    brief_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["client", "status", "created_at"], name="job_client_status"),
            models.Index(fields=["owner", "status", "due_on"], name="job_owner_status_due"),
            models.Index(fields=["status", "due_on"], name="job_status_due"),
        ]

    def __str__(self) -> str:
        return self.title


class JobMember(models.Model):
    """A staff member on a job's team: they see the job, its brief and files, and its feed."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="job_places")
    added_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "user"], name="jobmember_unique")]
        indexes = [models.Index(fields=["user", "job"], name="jobmember_user_job")]

    def __str__(self) -> str:
        return f"{self.user_id} on job {self.job_id}"


class Deliverable(models.Model):
    """One thing the client gets: an Instagram post, a print ad, a script…"""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PRODUCTION = "in_production", "In production"
        INTERNAL_REVIEW = "internal_review", "Internal review"
        CLIENT_REVIEW = "client_review", "Client review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        DELIVERED = "delivered", "Delivered"
        PUBLISHED = "published", "Published"
        ON_HOLD = "on_hold", "On hold"
        CANCELLED = "cancelled", "Cancelled"

    class Kind(models.TextChoices):
        SOCIAL_POST = "social_post", "Social post"
        STORY = "story", "Story or reel"
        PRINT_AD = "print_ad", "Print ad"
        DISPLAY_AD = "display_ad", "Display ad"
        VIDEO = "video", "Video"
        SCRIPT = "script", "Script"
        COPY = "copy", "Copy"
        EMAIL = "email", "Email"
        WEB_PAGE = "web_page", "Web page"
        PRESENTATION = "presentation", "Presentation"
        OTHER = "other", "Other"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.OTHER)
    channel = models.CharField(max_length=80, blank=True)
    format = models.CharField(max_length=80, blank=True)
    due_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="deliverables_owned"
    )
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.NOT_STARTED)
    # Where an on-hold deliverable goes back to when it resumes.
    held_from = models.CharField(max_length=24, choices=Status.choices, blank=True)
    position = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # Not stored: whether the person who fetched it runs its job (set by access functions, so
    # pages and services read it without asking again).
    managing: bool = False

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            models.Index(fields=["job", "status", "position"], name="deliv_job_status"),
            models.Index(fields=["status", "due_on"], name="deliv_status_due"),
        ]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    """A piece of a job for one discipline, assigned to one person."""

    class Status(models.TextChoices):
        TODO = "todo", "To do"
        DOING = "doing", "Doing"
        BLOCKED = "blocked", "Blocked"
        DONE = "done", "Done"

    class Priority(models.IntegerChoices):
        LOW = 1, "Low"
        NORMAL = 2, "Normal"
        HIGH = 3, "High"
        URGENT = 4, "Urgent"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="tasks")
    deliverable = models.ForeignKey(
        Deliverable, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    title = models.CharField(max_length=160)
    discipline = models.CharField(max_length=16, choices=Discipline.choices, blank=True)
    assignee = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    estimate_hours = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.TODO)
    blocked_reason = models.CharField(max_length=300, blank=True)
    # Optional: when work on it starts; its hours spread from here to the due date.
    starts_on = models.DateField(null=True, blank=True)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    # A task that cannot start before another is done (no cycles: see rules.creates_cycle).
    depends_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="dependents"
    )
    position = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimate_hours__gte=0), name="task_estimate_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(depends_on=models.F("pk")), name="task_not_own_dependency"
            ),
        ]
        indexes = [
            models.Index(fields=["assignee", "status", "due_on"], name="task_assignee_status"),
            models.Index(fields=["job", "status", "position"], name="task_job_status"),
            models.Index(fields=["assignee", "due_on"], name="task_assignee_due"),
        ]

    def __str__(self) -> str:
        return self.title


class ChecklistItem(models.Model):
    """One line of a task's checklist, ticked by whoever does the task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(max_length=300)
    done = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    done_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["task", "position"], name="checklist_task_pos")]

    def __str__(self) -> str:
        return self.text


class JobTemplate(models.Model):
    """A reusable plan: the deliverables and tasks of a kind of job, with due dates counted
    back from the job's deadline. Admins edit them; planning a job copies one in one step."""

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=2000)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="jobtemplate_name_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class TemplateDeliverable(models.Model):
    template = models.ForeignKey(JobTemplate, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(max_length=160)
    kind = models.CharField(
        max_length=24, choices=Deliverable.Kind.choices, default=Deliverable.Kind.OTHER
    )
    channel = models.CharField(max_length=80, blank=True)
    format = models.CharField(max_length=80, blank=True)
    # Working days before the job's deadline that it is due (0: on the deadline).
    days_before_deadline = models.PositiveSmallIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class TemplateTask(models.Model):
    template = models.ForeignKey(JobTemplate, on_delete=models.CASCADE, related_name="tasks")
    deliverable = models.ForeignKey(
        TemplateDeliverable, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(max_length=160)
    discipline = models.CharField(max_length=16, choices=Discipline.choices, blank=True)
    estimate_hours = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0"))
    days_before_deadline = models.PositiveSmallIntegerField(default=0)
    depends_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class TimeOff(models.Model):
    """A person away for a range of days (both ends included): holiday, sick leave, training."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "Holiday"
        SICK = "sick", "Sick leave"
        TRAINING = "training", "Training"
        OTHER = "other", "Other"

    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="time_off")
    starts_on = models.DateField()
    ends_on = models.DateField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.HOLIDAY)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="timeoff_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["user", "starts_on", "ends_on"], name="timeoff_user")]

    def __str__(self) -> str:
        return f"{self.user_id} away {self.starts_on}–{self.ends_on}"


class PublicHoliday(models.Model):
    """A day the whole agency is closed (its public holidays calendar)."""

    on = models.DateField(unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["on"]

    def __str__(self) -> str:
        return f"{self.on}: {self.name}"


class TimeEntry(models.Model):
    """Time spent on a job (and a task of it): booked by hand, or by a timer.

    A running timer is an entry with `started_at` and no `ended_at`; a person has at most one.
    """

    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="time_entries")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="time_entries")
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="time_entries"
    )
    on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    billable = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0, hours__lte=24), name="timeentry_hours_in_a_day"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(started_at__isnull=False, ended_at__isnull=True),
                name="timeentry_one_running_timer",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "on"], name="timeentry_user_on"),
            models.Index(fields=["job", "on"], name="timeentry_job_on"),
            models.Index(fields=["task"], name="timeentry_task"),
        ]

    def __str__(self) -> str:
        return f"{self.hours}h by {self.user_id} on {self.on}"

    @property
    def is_running(self) -> bool:
        return self.started_at is not None and self.ended_at is None


class CalendarFeed(models.Model):
    """A private calendar (ICS) address for one person's due dates. Only its SHA-256 is
    stored; revoking it (or making a new one) turns the old address off."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="calendar_feeds")
    prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="calfeed_user")]

    def __str__(self) -> str:
        return f"calendar {self.prefix}… of {self.user_id}"
