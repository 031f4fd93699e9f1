"""The review page's forms: a new version, a round, a decision, a comment, a to-do."""

from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accord.core.forms import PlainSelectMultiple
from accord.core.policy import Audience
from accord.reviews.models import Comment, Decision, Reviewer, Round

TEXTAREA = {"rows": 4}


class VersionForm(forms.Form):
    """One of a file, the copy or a link, with a note on what changed."""

    file = forms.FileField(required=False, label="File")
    copy = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8}), label="Copy", strip=False
    )
    link_url = forms.CharField(required=False, label="Link", max_length=2_000)
    note = forms.CharField(
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What changed",
    )
    answers = forms.TypedMultipleChoiceField(
        required=False,
        coerce=int,
        label="This version answers",
        widget=forms.CheckboxSelectMultiple,
    )
    ask_review = forms.BooleanField(
        required=False, initial=True, label="Ask the account manager to review it now"
    )

    def __init__(self, *args: Any, todos: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["answers"].choices = list(todos)  # type: ignore[attr-defined]


class RoundForm(forms.Form):
    """Who reviews, under which rule, by when; for the client, why without an approval."""

    stage = forms.ChoiceField(choices=Round.Stage.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    approvers = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label="Approvers"
    )
    reviewers = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Reviewers (comment, do not decide)",
    )
    rule = forms.ChoiceField(choices=Round.Rule.choices, initial=Round.Rule.ANY, label="Decision")
    final_approver = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Final approver"
    )
    due_at = forms.DateTimeField(
        required=False,
        label="Due",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(
        required=False,
        max_length=1_000,
        label="Why it goes without an internal approval",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["approvers"].choices = list(people)  # type: ignore[attr-defined]
        self.fields["reviewers"].choices = list(people)  # type: ignore[attr-defined]
        self.fields["final_approver"].choices = [("", "—"), *people]  # type: ignore[attr-defined]

    def seats(self) -> list[tuple[int, str]]:
        """(person, role) for each one chosen; approver wins if ticked as both."""
        data = self.cleaned_data
        chosen = dict.fromkeys(data["reviewers"], Reviewer.Role.REVIEWER)
        chosen |= dict.fromkeys(data["approvers"], Reviewer.Role.APPROVER)
        return list(chosen.items())


class DecisionForm(forms.Form):
    verdict = forms.ChoiceField(
        choices=Decision.Verdict.choices, widget=forms.RadioSelect, label="Your decision"
    )
    note = forms.CharField(
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs=TEXTAREA),
        label="Note (required when something must change)",
    )


class CommentForm(forms.Form):
    body = forms.CharField(max_length=5_000, widget=forms.Textarea(attrs=TEXTAREA), label="Comment")
    audience = forms.ChoiceField(
        choices=Audience.choices,
        initial=Audience.CLIENT,
        required=False,
        widget=forms.RadioSelect,
        label="Who sees it",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    anchor = forms.ChoiceField(
        choices=Comment.Anchor.choices, required=False, widget=forms.HiddenInput
    )
    page = forms.IntegerField(required=False, widget=forms.HiddenInput)
    x = forms.FloatField(required=False, widget=forms.HiddenInput)
    y = forms.FloatField(required=False, widget=forms.HiddenInput)
    at_seconds = forms.DecimalField(required=False, widget=forms.HiddenInput)
    start = forms.IntegerField(required=False, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def hidden_html(self) -> SafeString:
        """The hidden inputs (where the comment is pinned, what it answers), written here: a
        widget template each was a good part of the review page's time."""
        inputs = []
        for name in ("parent", "anchor", "page", "x", "y", "at_seconds", "start", "end"):
            value = self[name].value()
            shown = "" if value is None else str(value)
            inputs.append(
                f'<input type="hidden" name="{name}" value="{escape(shown)}" id="id_{name}">'
            )
        return mark_safe("".join(inputs))  # noqa: S308 - names are ours, values escaped

    def anchor_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {k: data.get(k) for k in ("anchor", "page", "x", "y", "at_seconds", "start", "end")}


class TodoForm(forms.Form):
    text = forms.CharField(max_length=300, label="To-do, in your words")
    sources = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=PlainSelectMultiple(attrs={"size": 6}),
        label="From the client's comments",
        help_text="The client's comments it answers (choose one or several).",
    )

    def __init__(self, *args: Any, comments: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["sources"].choices = list(comments)  # type: ignore[attr-defined]


class GuestForm(forms.Form):
    email = forms.EmailField(label="Their email")
    name = forms.CharField(required=False, max_length=120, label="Their name")
    role = forms.ChoiceField(
        choices=Reviewer.Role.choices, initial=Reviewer.Role.REVIEWER, label="As"
    )
    days = forms.IntegerField(
        min_value=1, max_value=60, initial=14, label="The link works for (days)"
    )


class GuestCodeForm(forms.Form):
    code = forms.CharField(
        max_length=12,
        label="The code we emailed you",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
