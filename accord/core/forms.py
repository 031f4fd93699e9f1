"""What every app's forms share: putting a domain error next to the field it is about, and a
select quick to write however long its list."""

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from accord.core.errors import DomainError


def attach_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show `error` on its field if the form has that field, otherwise above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class PlainSelect(forms.Select):
    """A select whose options are written in Python, not by a template each: long lists
    (a job's deliverables or tasks, the agency's people) would spend most of a page on them."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):  # a group: the template way, it is rare
                return super().render(name, value, attrs, renderer)
            text = "" if option_value is None else str(option_value)
            picked = " selected" if text in chosen else ""
            options.append(f'<option value="{escape(text)}"{picked}>{escape(label)}</option>')
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(options)),  # noqa: S308 - every value and label escaped above
        )


class PlainSelectMultiple(PlainSelect):
    """`PlainSelect` for several choices (a long list of a version's comments to link)."""

    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter is not None else data.get(name)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return super().render(name, value, {**(attrs or {}), "multiple": True}, renderer)
