"""Forms of the capacity pages: the workload's filters, a task's candidates, time off, holidays."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from accord.accounts.models import User
from accord.core.forms import PlainSelect
from accord.core.policy import Discipline
from accord.work import rules
from accord.work.capacity_rules import MAX_WEEKS
from accord.work.models import PublicHoliday, TimeOff

DEFAULT_WEEKS = 8
FAR = timedelta(days=2 * 366)  # how far from today the workload may be looked at
DISCIPLINES = [("", "All disciplines"), *Discipline.choices]


class WorkloadFilters(forms.Form):
    start = forms.DateField(label="From the week of", required=False)
    weeks = forms.IntegerField(  # more or fewer than the page shows: as many as it shows
        label="Weeks",
        required=False,
        max_value=10**6,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_WEEKS}),
    )
    discipline = forms.ChoiceField(label="Discipline", required=False, choices=DISCIPLINES)

    def window(self, today: date) -> tuple[date, int, str]:
        """The Monday shown first, how many weeks (1 to MAX_WEEKS), and the discipline; each
        one invalid or missing falls back on its own to this week, 8 weeks and everyone."""
        self.is_valid()
        data = self.cleaned_data  # the fields that are valid, whether or not the others are
        start = data.get("start") or today
        start = min(max(start, today - FAR), today + FAR)
        weeks = data.get("weeks")
        return (
            rules.week_of(start),
            min(max(weeks, 1), MAX_WEEKS) if weeks is not None else DEFAULT_WEEKS,
            data.get("discipline") or "",
        )


class CandidatesQuery(forms.Form):
    """What the task form sends to ask who could take a task."""

    job = forms.IntegerField(min_value=1, max_value=2**53)
    discipline = forms.ChoiceField(required=False, choices=DISCIPLINES)
    starts_on = forms.DateField(required=False)
    due_on = forms.DateField()
    estimate = forms.DecimalField(
        min_value=Decimal(0), max_value=Decimal(1000), max_digits=6, decimal_places=2
    )
    task = forms.IntegerField(required=False, min_value=1, max_value=2**53)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, due_on = data.get("starts_on"), data.get("due_on")
        today = timezone.localdate()
        for name, day in (("starts_on", starts_on), ("due_on", due_on)):
            if day is not None and abs((day - today).days) > FAR.days:
                self.add_error(name, "Give a date within two years of today.")
                return data
        if starts_on and due_on:
            if starts_on > due_on:
                self.add_error("starts_on", "The task starts after it is due.")
            elif (due_on - starts_on).days > 366:
                self.add_error("starts_on", "A task runs for a year at most.")
        return data


class TimeOffForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Who", queryset=User.objects.none(), required=False, widget=PlainSelect
    )
    starts_on = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="Last day", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="Kind", choices=TimeOff.Kind.choices)
    note = forms.CharField(label="Note", required=False, max_length=200)

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is None:  # for one's own time off only
            del self.fields["person"]
        else:
            person = self.fields["person"]
            assert isinstance(person, forms.ModelChoiceField)
            person.queryset = people
            person.empty_label = "Myself"


class HolidayForm(forms.Form):
    on = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(
        label="Name", max_length=PublicHoliday._meta.get_field("name").max_length
    )
