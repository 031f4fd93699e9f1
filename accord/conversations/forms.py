"""The forms of conversations: write a message, start a thread, relay, edit."""

from typing import Any

from django import forms

from accord.conversations.markdown import MAX_BODY_CHARS
from accord.core.forms import PlainSelect, PlainSelectMultiple
from accord.core.policy import Audience

BODY_HELP = "Markdown works: **bold**, _italic_, lists, links. @name brings someone in."


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(FilesField, self).clean(item, initial) for item in items]


def _body(label: str = "Message") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=BODY_HELP,
        error_messages={"required": "Write a message first."},
    )


class MessageForm(forms.Form):
    body = _body()
    attachments = FilesField(label="Files", required=False)


class EditForm(forms.Form):
    body = _body()
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ThreadForm(forms.Form):
    subject = forms.CharField(max_length=200)
    audience = forms.ChoiceField(
        label="With",
        choices=[
            (Audience.CLIENT, "The client (their contacts and the account team)"),
            (Audience.INTERNAL, "The agency only (never shown to the client)"),
        ],
        widget=forms.RadioSelect,
        initial=Audience.CLIENT,
    )
    people = forms.MultipleChoiceField(
        label="People", required=False, widget=PlainSelectMultiple(attrs={"size": 6})
    )
    body = _body()
    attachments = FilesField(label="Files", required=False)

    def __init__(
        self,
        *args: Any,
        people: list[tuple[str, str]],
        staff: bool,
        client_side: bool = True,
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["people"].choices = people  # type: ignore[attr-defined]
        self.fields["people"].help_text = (
            "Who else is in it and told of its messages (Ctrl or Cmd and click for several). "
            "Client contacts join conversations with the client only."
        )
        if not staff:
            del self.fields["audience"]
        elif not client_side:  # a creative: the client is reached through the account manager
            self.fields["audience"].choices = [  # type: ignore[attr-defined]
                (Audience.INTERNAL, "The agency only (the client reaches you through the account "
                 "manager)"),
            ]  # fmt: skip
            self.fields["audience"].initial = Audience.INTERNAL


class RelayForm(forms.Form):
    """To the team: the AM's own neutral words, and to-dos (one per line, each for someone)."""

    body = _body("Your words to the team")
    thread = forms.TypedChoiceField(
        label="In", coerce=int, required=False, empty_value=None, widget=PlainSelect
    )
    todos = forms.CharField(
        label="To-dos",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line. Each goes to the person chosen below.",
    )
    assignee = forms.TypedChoiceField(
        label="To-dos for", coerce=int, required=False, empty_value=None, widget=PlainSelect
    )

    def __init__(
        self, *args: Any, threads: list[tuple[Any, str]], team: list[tuple[Any, str]], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["thread"].choices = [("", "The team's thread on the same work"), *threads]  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [("", "Choose someone"), *team]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = [line.strip() for line in (data.get("todos") or "").splitlines() if line.strip()]
        data["todo_lines"] = lines
        if lines and not data.get("assignee"):
            self.add_error("assignee", "Choose who the to-dos are for.")
        return data


class ReplyForm(forms.Form):
    """To the client: the AM's own words, from the team's discussion."""

    body = _body("Your words to the client")
    thread = forms.TypedChoiceField(
        label="In", coerce=int, required=False, empty_value=None, widget=PlainSelect
    )

    def __init__(self, *args: Any, threads: list[tuple[Any, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["thread"].choices = [("", "The client conversation this came from"), *threads]  # type: ignore[attr-defined]
