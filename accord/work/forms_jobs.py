"""Forms of the jobs pages and the job template editor."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from accord.accounts.models import User
from accord.clients.models import Client
from accord.core.forms import PlainSelect
from accord.core.http import int_param
from accord.core.policy import Discipline
from accord.intake.forms import NOT_A_CLIENT_FOR_NEW_WORK, client_options
from accord.work import plans, queries
from accord.work.models import Deliverable, Job, JobTemplate

DUE_CHOICES = [
    ("", "Any time"),
    ("overdue", "Overdue"),
    ("this_week", "This week"),
    ("next_14_days", "Next 14 days"),
    ("none", "No date"),
]
# A job's status as everyone reads it in the list: the client's words are the agency's too.
STATUS_CHOICES = [
    ("", "Any status"),
    ("open", "In progress"),
    ("on_hold", "On hold"),
    ("done", "Delivered"),
    ("cancelled", "Cancelled"),
]


class JobFilterForm(forms.Form):
    client = forms.ModelChoiceField(
        label="Client",
        required=False,
        queryset=Client.objects.none(),
        empty_label="All clients",
        widget=PlainSelect,
    )
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)
    due = forms.ChoiceField(label="Due", required=False, choices=DUE_CHOICES)
    mine = forms.BooleanField(label="Mine only", required=False)

    def __init__(self, *args: Any, clients: QuerySet[Client], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["client"]
        field.queryset = clients  # type: ignore[attr-defined]
        options, self.many_clients = client_options(clients)
        if self.many_clients:
            field.widget = forms.HiddenInput()  # still set by links from a client's page
        else:
            field.widget.choices = [("", "All clients"), *options]

    def criteria(self) -> dict[str, Any]:
        """What to filter by; nothing when the filters don't validate."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "client_id": data["client"].pk if data.get("client") else None,
            "status": data.get("status") or "",
            "due": data.get("due") or "",
            "mine": bool(data.get("mine")),
        }


class OwnerChoiceField(forms.ModelChoiceField):
    widget = PlainSelect

    def label_from_instance(self, obj: Any) -> str:
        return obj.name or obj.email


def owners() -> QuerySet[User]:
    """Who may run a job: active account managers and admins."""
    return User.objects.filter(
        is_active=True, kind="staff", staff_role__in=["admin", "am"]
    ).order_by("name")


class JobForm(forms.Form):
    """A job's title, deadline, owner and internal notes (the AM's edit)."""

    title = forms.CharField(label="Title", max_length=160)
    due_on = forms.DateField(
        label="Deadline",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When the finished work is due to the client.",
    )
    owner = OwnerChoiceField(
        label="Run by", queryset=User.objects.none(), required=False, empty_label="The client's AM"
    )
    notes = forms.CharField(
        label="Internal notes",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For the team only: never shown to the client.",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners()  # type: ignore[attr-defined]


class NewJobForm(JobForm):
    client = forms.ModelChoiceField(
        label="Client",
        widget=PlainSelect,
        queryset=Client.objects.none(),
        empty_label="Choose a client…",
        error_messages={"invalid_choice": NOT_A_CLIENT_FOR_NEW_WORK},
    )
    template = forms.ModelChoiceField(
        label="Plan from a template",
        required=False,
        queryset=JobTemplate.objects.none(),
        empty_label="No template: plan it by hand",
        help_text="Deliverables and tasks with due dates counted back from the deadline.",
    )
    field_order = ["client", "title", "due_on", "owner", "template", "notes"]

    def __init__(self, *args: Any, clients: QuerySet[Client], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients  # type: ignore[attr-defined]
        self.fields["template"].queryset = JobTemplate.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        )


class MemberForm(forms.Form):
    user = OwnerChoiceField(
        label="Add to the team", queryset=User.objects.none(), empty_label="Choose someone…"
    )

    def __init__(self, *args: Any, job: Job, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Active staff not on the team yet (the service refuses anyone else in words).
        on_team = queries.JobMember.objects.filter(job=job).values("user_id")
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, kind="staff")
            .exclude(pk__in=on_team)
            .order_by("name")
        )


class PlanForm(forms.Form):
    template = forms.ModelChoiceField(
        label="Template",
        queryset=JobTemplate.objects.filter(is_active=True),
        empty_label="Choose a template…",
    )


# --- Job templates ------------------------------------------------------------------------


class JobTemplateForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_active = forms.BooleanField(label="In use for new jobs", required=False, initial=True)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class TemplateDeliverableForm(forms.Form):
    title = forms.CharField(label="Deliverable", max_length=160)
    kind = forms.ChoiceField(label="Kind", choices=Deliverable.Kind.choices, initial="other")
    channel = forms.CharField(label="Channel", max_length=80, required=False)
    format = forms.CharField(label="Format", max_length=80, required=False)
    days_before_deadline = forms.IntegerField(
        label="Working days before the deadline",
        required=False,  # empty: on the deadline
        min_value=0,
        max_value=plans.MAX_DAYS_BEFORE,
        initial=0,
    )


class TemplateTaskForm(forms.Form):
    title = forms.CharField(label="Task", max_length=160)
    discipline = forms.ChoiceField(
        label="Discipline", choices=[("", "Any"), *Discipline.choices], required=False
    )
    estimate_hours = forms.DecimalField(
        label="Estimate (hours)",
        required=False,
        min_value=0,
        max_value=plans.MAX_ESTIMATE,
        decimal_places=2,
        initial=0,
    )
    days_before_deadline = forms.IntegerField(
        label="Working days before the deadline",
        required=False,  # empty: on the deadline
        min_value=0,
        max_value=plans.MAX_DAYS_BEFORE,
        initial=0,
    )
    deliverable = forms.IntegerField(
        label="For deliverable no.", required=False, min_value=1, max_value=plans.MAX_DELIVERABLES
    )
    depends_on = forms.IntegerField(
        label="After task no.", required=False, min_value=1, max_value=plans.MAX_TASKS
    )


def line_formsets(data: Any, initial: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> Any:
    """The template's deliverables and tasks as two formsets, each with one empty row to fill;
    however many rows a page claims to send, at most the template's limits are built."""
    deliverables = forms.formset_factory(
        TemplateDeliverableForm,
        extra=1,
        can_delete=True,
        max_num=plans.MAX_DELIVERABLES,
        absolute_max=plans.MAX_DELIVERABLES + 1,
        validate_max=True,
    )
    tasks = forms.formset_factory(
        TemplateTaskForm,
        extra=1,
        can_delete=True,
        max_num=plans.MAX_TASKS,
        absolute_max=plans.MAX_TASKS + 1,
        validate_max=True,
    )
    shown_d = [{**d} for d in initial[0]]
    shown_t = [
        {
            **t,
            "deliverable": t["deliverable"] + 1 if t["deliverable"] is not None else None,
            "depends_on": t["depends_on"] + 1 if t["depends_on"] is not None else None,
        }
        for t in initial[1]
    ]
    return (
        deliverables(data, initial=shown_d, prefix="deliverables"),
        tasks(data, initial=shown_t, prefix="tasks"),
    )


def counts_readable(data: Any) -> bool:
    """Whether the formsets' management counts are small whole numbers, as the page sends."""
    return all(
        int_param(data.get(f"{prefix}-{name}")) is not None
        for prefix in ("deliverables", "tasks")
        for name in ("TOTAL_FORMS", "INITIAL_FORMS")
    )
