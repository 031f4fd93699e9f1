"""The forms of what was agreed: the record's search, meeting notes, and the client's answers."""

from typing import Any

from django import forms

from accord.insights.models import Agreement, MeetingNote
from accord.insights.services import notes

SEARCH_LIMIT = 200
KIND_CHOICES = [("", "Everything"), *Agreement.Kind.choices]


class RecordFilter(forms.Form):
    """What part of a client's record to show (the page and its PDF read the same)."""

    q = forms.CharField(
        label="Search what was agreed",
        required=False,
        max_length=SEARCH_LIMIT,
        error_messages={"max_length": f"Search with up to {SEARCH_LIMIT} characters."},
    )
    kind = forms.ChoiceField(label="Show", required=False, choices=KIND_CHOICES)
    entry = forms.IntegerField(
        required=False, min_value=1, max_value=2**53, widget=forms.HiddenInput
    )

    def filters(self) -> dict[str, Any]:
        """The valid part of what was asked (an invalid part is left out, and shown)."""
        if self.is_valid():
            data = self.cleaned_data
            return {"q": data["q"].strip(), "kind": data["kind"], "entry": data["entry"]}
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "q": (cleaned.get("q") or "").strip(),
            "kind": cleaned.get("kind") or "",
            "entry": cleaned.get("entry"),
        }


class NoteForm(forms.Form):
    title = forms.CharField(
        label="Meeting",
        max_length=notes.TITLE_LIMIT,
        help_text="The call or meeting, as the client would name it: “Spring launch kick-off”.",
    )
    held_on = forms.DateField(
        label="Held on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the day as a date, like 2025-03-04."},
    )
    attendees = forms.CharField(
        label="Who was there",
        required=False,
        max_length=notes.ATTENDEES_LIMIT,
        help_text="Names, separated by commas.",
    )
    body = forms.CharField(
        label="Notes",
        max_length=notes.BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=(
            "What was said and agreed: decisions, dates, budgets, who does what. Markdown works. "
            "The client's approvers and reviewers get them by email to confirm or correct."
        ),
        error_messages={"required": "Write the notes: what was said and agreed."},
    )

    @classmethod
    def initial_from(cls, note: MeetingNote) -> dict[str, Any]:
        return {
            "title": note.title,
            "held_on": note.held_on,
            "attendees": note.attendees,
            "body": note.body,
        }


class ConfirmForm(forms.Form):
    sha256 = forms.RegexField(
        regex=r"^[0-9a-f]{64}$",
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "The page did not say which notes you read: open them again.",
            "required": "The page did not say which notes you read: open them again.",
        },
    )


class CorrectForm(forms.Form):
    text = forms.CharField(
        label="What should be corrected",
        max_length=notes.CORRECTION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say what is wrong or missing; the account manager revises the notes.",
        error_messages={"required": "Say what should be corrected, so the notes can be revised."},
    )
