"""The notification settings form: one choice per kind of notification the person can get."""

from typing import Any

from django import forms

from accord.core.models import EmailChoice
from accord.core.notification_kinds import NotificationKind


class NotificationSettingsForm(forms.Form):
    """How the person gets each kind by email; its fields are named after the kinds."""

    def __init__(
        self, *args: Any, kinds: list[NotificationKind], current: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind.name] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.help,
                choices=EmailChoice.choices,
                initial=current[kind.name],
                widget=forms.RadioSelect,
            )
