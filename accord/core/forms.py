"""What every app's forms share: putting a domain error next to the field it is about."""

from django import forms

from accord.core.errors import DomainError


def attach_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show `error` on its field if the form has that field, otherwise above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
