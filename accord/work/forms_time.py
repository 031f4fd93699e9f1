"""Forms of My work: time logged by hand (or changed), and the real hours of a timer."""

from typing import Any

from django import forms
from django.utils import timezone

from accord.core.forms import PlainSelect
from accord.work.models import Job, Task
from accord.work.queries_mywork import JobChoice, TaskChoice


class HoursField(forms.CharField):
    """Hours as typed; the service says what is wrong with them (one set of messages)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)


class TimeEntryForm(forms.Form):
    """Time booked by hand: on a task of theirs, or on a job they are on."""

    on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    hours = HoursField(label="Hours", help_text="Such as 1.5 (at most 24 in a day).")
    task = forms.TypedChoiceField(
        label="Task", coerce=int, required=False, empty_value=None, widget=PlainSelect
    )
    job = forms.TypedChoiceField(
        widget=PlainSelect,
        label="Or a job",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="For time that is not on one of your tasks.",
    )
    billable = forms.BooleanField(label="Billable", required=False, initial=True)
    note = forms.CharField(label="Note", required=False, max_length=300)

    def __init__(
        self, *args: Any, tasks: list[TaskChoice], jobs: list[JobChoice], **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate(), "billable": True})
        super().__init__(*args, **kwargs)
        self.tasks = {row[0]: row for row in tasks}
        self.fields["task"].choices = [("", "No task")] + [  # type: ignore[attr-defined]
            (pk, f"{title} — {client}, {job_title}") for pk, _, title, job_title, client in tasks
        ]
        self.fields["job"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (pk, f"{title} — {client}") for pk, title, client in jobs
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        task, job = self.tasks.get(data.get("task") or 0), data.get("job")
        if task is None and job is None and not self.errors:
            raise forms.ValidationError("Choose one of your tasks, or a job.")
        if task is not None and job is not None and task[1] != job:
            self.add_error(
                "job",
                f"“{task[2]}” is on the job “{task[3]}”: choose the task or another job, not both.",
            )
        return data

    def chosen(self) -> tuple[Job | None, Task | None]:
        """The task (and its job) or the job chosen, among those offered."""
        if task_id := self.cleaned_data.get("task"):
            task = Task.objects.select_related("job").filter(pk=task_id).first()
            return (task.job if task else None), task
        return Job.objects.filter(pk=self.cleaned_data.get("job") or 0).first(), None


class EditTimeEntryForm(forms.Form):
    """An entry changed: what it was based on travels with it (a change since is a conflict)."""

    base = forms.CharField(widget=forms.HiddenInput, max_length=64)
    on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    hours = HoursField(label="Hours")
    task = forms.TypedChoiceField(
        label="Task", coerce=int, required=False, empty_value=None, widget=PlainSelect
    )
    billable = forms.BooleanField(label="Billable", required=False)
    note = forms.CharField(label="Note", required=False, max_length=300)

    def __init__(self, *args: Any, tasks: list[Task], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tasks = {task.pk: task for task in tasks}
        self.fields["task"].choices = [("", "No task")] + [  # type: ignore[attr-defined]
            (task.pk, task.title) for task in tasks
        ]


class RealHoursForm(forms.Form):
    """The hours really worked, for a timer left running."""

    hours = HoursField(label="Hours you really worked")
    confirm = forms.BooleanField(widget=forms.HiddenInput, required=False, initial=True)
