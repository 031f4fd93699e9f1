"""Forms for planning a job's deliverables and tasks. They only parse what was typed; the
services judge it (their errors land next to the field they name)."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from accord.accounts.models import User
from accord.core.forms import PlainSelect
from accord.core.policy import Discipline, Kind
from accord.work.models import Deliverable, Task

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def takers(keep: int | None = None) -> QuerySet[User]:
    """Who can be given work: active agency staff, by name (and `keep`, the one who has it
    now, even after they left: a form keeps what it does not change)."""
    return User.objects.filter(Q(kind=Kind.STAFF, is_active=True) | Q(pk=keep)).order_by("name")


class PersonChoice(forms.ModelChoiceField):
    widget = PlainSelect

    def label_from_instance(self, obj: Any) -> str:
        name = str(obj.name or obj.email)
        return name if obj.is_active else f"{name} (deactivated)"


class DeliverableForm(forms.Form):
    title = forms.CharField(max_length=160)
    kind = forms.ChoiceField(choices=Deliverable.Kind.choices, initial=Deliverable.Kind.OTHER)
    channel = forms.CharField(max_length=80, required=False, help_text="e.g. Instagram")
    format = forms.CharField(max_length=80, required=False, help_text="e.g. 1080×1350")
    due_on = forms.DateField(required=False, widget=DATE, label="Due")
    owner = PersonChoice(queryset=User.objects.none(), required=False, empty_label="Nobody yet")
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: QuerySet[User] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "deliverable-%s")  # one page holds several forms
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people if people is not None else takers()  # type: ignore[attr-defined]


class TaskForm(forms.Form):
    """A task's details; `assignee` only when adding (a task's page assigns on its own)."""

    title = forms.CharField(max_length=160)
    deliverable = forms.ModelChoiceField(
        queryset=Deliverable.objects.none(),
        required=False,
        empty_label="None (job-wide)",
        widget=PlainSelect,
    )
    discipline = forms.ChoiceField(choices=[("", "Any"), *Discipline.choices], required=False)
    assignee = PersonChoice(queryset=User.objects.none(), required=False, empty_label="Nobody yet")
    estimate_hours = forms.CharField(max_length=12, initial="0", label="Estimate (hours)")
    starts_on = forms.DateField(required=False, widget=DATE, label="Starts")
    due_on = forms.DateField(required=False, widget=DATE, label="Due")
    priority = forms.TypedChoiceField(
        choices=Task.Priority.choices, coerce=int, initial=Task.Priority.NORMAL
    )
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        deliverables: QuerySet[Deliverable],
        people: QuerySet[User] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "task-%s")  # one page holds several forms
        super().__init__(*args, **kwargs)
        self.fields["deliverable"].queryset = deliverables  # type: ignore[attr-defined]
        if people is None:
            del self.fields["assignee"]
        else:
            self.fields["assignee"].queryset = people  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    assignee = PersonChoice(queryset=User.objects.none(), required=False, empty_label="Nobody")
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "assign-%s")  # one page holds several forms
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people  # type: ignore[attr-defined]


class DependencyForm(forms.Form):
    depends_on = forms.ModelChoiceField(
        queryset=Task.objects.none(),
        required=False,
        empty_label="Nothing",
        label="Waits for",
        widget=PlainSelect,
    )
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, tasks: QuerySet[Task], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "dependency-%s")  # one page holds several forms
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = tasks  # type: ignore[attr-defined]


class ChecklistItemForm(forms.Form):
    text = forms.CharField(max_length=300, label="New item")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "checklist-%s")
        super().__init__(*args, **kwargs)
