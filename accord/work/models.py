from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.clients.models import Client
from accord.intake.models import Brief


class Job(models.Model):
    """A piece of agency work for a client, started from a signed-off brief.

    Minimal for now: the jobs issue adds deliverables, tasks and assignments.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="jobs")
    brief = models.OneToOneField(
        Brief, null=True, blank=True, on_delete=models.SET_NULL, related_name="job"
    )
    title = models.CharField(max_length=160)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    due_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The brief version the work started from, and when the brief last changed after that
    # (a change of plan); cleared when the account manager acknowledges the change.
    started_version = models.PositiveIntegerField(null=True, blank=True)
    brief_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["client", "status", "created_at"], name="job_client_status")
        ]

    def __str__(self) -> str:
        return self.title
