"""What every app's forms share: putting a domain error next to the field it is about, and a
select quick to write however long its list."""

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
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
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )
