"""The account manager's form to settle conflicting feedback."""

from django import forms

from accord.insights.services.conflicts import MAX_RESOLUTION

BACK_TO = [("", "The conflict's page"), ("deliverable", "The review page")]


class SettleForm(forms.Form):
    resolution = forms.CharField(
        label="What was agreed with the client",
        max_length=MAX_RESOLUTION,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In a line or two, as you would write the to-do: it is kept with the conflict.",
        error_messages={
            "required": "Say what was agreed with the client.",
            "max_length": f"Keep what was agreed under {MAX_RESOLUTION:,} characters "
            "(it has %(show_value)d).",
        },
    )
    # The revision the page showed: a change made since is never overwritten.
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**31 - 1,
        error_messages={"required": "The page was incomplete: open the conflict again."},
    )
    back = forms.ChoiceField(choices=BACK_TO, required=False, widget=forms.HiddenInput)
