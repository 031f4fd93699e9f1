"""Two people on one guided brief: each field goes out with the value it was based on.

The step form carries, for each field, a hidden `base_<field>` with the value as loaded; every
save answers the bases it leaves behind (swapped in place by htmx), and a field someone else
changed meanwhile comes back as a conflict shown next to it: theirs and yours, to choose from.
Without the page's script the choice is a pair of radio buttons (`choose_<field>`) sent with
the step, the value it was shown as theirs in `theirs_<field>`.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest

from accord.intake import approvers
from accord.intake.forms import BriefAnswersForm
from accord.intake.models import Brief
from accord.intake.services.answers import as_stored
from accord.intake.services.edits import FieldConflict, same_text
from accord.intake.views.common import shown_answer

TITLE_LABEL = "Title of the brief"


@dataclass(frozen=True)
class Edit:
    """What one save of a step asks for: the answers and title, and what each was based on."""

    answers: dict[str, str]
    title: str | None
    bases: dict[str, list[str]] | None
    title_base: str | None


@dataclass(frozen=True)
class ShownConflict:
    name: str  # the form field: q_<key> or title
    label: str
    current: str
    theirs: str
    yours: str


@dataclass(frozen=True)
class Row:
    """A field of the step with the base it was loaded at, and its conflict if any."""

    question: dict[str, Any] | None
    field: forms.BoundField
    base: str
    conflict: ShownConflict | None = None


def edit_of(request: HttpRequest, form: BriefAnswersForm) -> Edit:
    """The save a valid step form asks for. A field chosen as "theirs" is left out; one
    chosen as "mine" is based on the value that was shown as theirs."""
    answers, bases = {}, {}
    for key, value in form.answers().items():
        name = f"q_{key}"
        choice = request.POST.get(f"choose_{name}")
        if choice == "theirs":
            continue
        answers[key] = value
        based_on = request.POST.getlist(f"theirs_{name}" if choice == "mine" else f"base_{name}")
        if based_on:
            bases[key] = based_on
    title = form.cleaned_data.get("title")
    title_base = None
    if title is not None:
        choice = request.POST.get("choose_title")
        if choice == "theirs":
            title = None
        else:
            title_base = request.POST.get("theirs_title" if choice == "mine" else "base_title")
    return Edit(answers, title, bases or None, title_base)


def stored_value(brief: Brief, name: str) -> str:
    return brief.title if name == "title" else str(brief.answers.get(name[2:], ""))


def shown_conflicts(brief: Brief, conflicts: list[FieldConflict]) -> list[ShownConflict]:
    """Each conflict as the page shows it: approvers by name, dates and amounts spelled out."""
    by_key = {q["key"]: q for q in brief.questions}
    names = approvers.names_for(
        brief.questions, {c.key: c.current for c in conflicts}, {c.key: c.yours for c in conflicts}
    )
    shown = []
    for c in conflicts:
        if c.field == "title":
            shown.append(ShownConflict("title", TITLE_LABEL, c.current, c.current, c.yours))
            continue
        question = by_key[c.key]
        shown.append(
            ShownConflict(
                f"q_{c.key}",
                c.label,
                c.current,
                shown_answer(question, c.current, names, currency=brief.client.currency),
                shown_answer(question, c.yours, names, currency=brief.client.currency),
            )
        )
    return shown


def rows_of(
    form: BriefAnswersForm, brief: Brief, *, conflicts: list[ShownConflict] | None = None
) -> list[Row]:
    """The step's fields with their bases: as stored when the page is loaded, and as the page
    had them when a post is shown again (its fields keep the person's text)."""
    by_name = {c.name: c for c in conflicts or []}

    def base(name: str) -> str:
        if form.is_bound and f"base_{name}" in form.data:
            return str(form.data[f"base_{name}"])
        return stored_value(brief, name)

    rows = []
    if "title" in form.fields:
        rows.append(Row(None, form["title"], base("title"), by_name.get("title")))
    for question, field in form.pairs:
        rows.append(Row(question, field, base(field.html_name), by_name.get(field.html_name)))
    return rows


def new_bases(
    request: HttpRequest, brief: Brief, edit: Edit, conflicts: list[FieldConflict]
) -> list[tuple[str, str]]:
    """After an autosave, the new bases of the fields it carried: a field now stored as what was
    sent (written, or already so) is based on the text in its box, as typed. The others keep
    their bases: one stored cleaned differently, or skipped as unchanged while someone else's
    words stand, must not take those words as its base, or the next save would write over
    them. A field in conflict keeps its base until the person chooses."""
    skip = {"title" if c.field == "title" else f"q_{c.key}" for c in conflicts}
    by_key = {q["key"]: q for q in brief.questions}
    sent: dict[str, tuple[dict[str, Any] | None, str]] = {
        f"q_{key}": (by_key[key], value) for key, value in edit.answers.items()
    }
    if edit.title is not None:
        sent["title"] = (None, edit.title)
    return [
        (name, request.POST.get(name, ""))
        for name, (question, value) in sent.items()
        if name not in skip
        and same_text(
            as_stored(question, value, currency=brief.client.currency), stored_value(brief, name)
        )
    ]
