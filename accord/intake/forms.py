"""Forms for requests, briefs and brief templates. They check shape; the services check rules."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from accord.clients.models import Client, Contact
from accord.core.http import int_param
from accord.core.text import size_in_words
from accord.core.uploads import ALLOWED_DESCRIPTION
from accord.intake import rules
from accord.intake.models import Brief, BriefTemplate, Request, TemplateQuestion, WaitingOn
from accord.intake.services.briefs import MAX_ANSWER
from accord.intake.services.clarifications import MAX_CLARIFICATION
from accord.intake.services.requests import STAFF_SOURCES
from accord.intake.services.templates import MAX_GUIDANCE, MAX_QUESTIONS

DATE_INPUT = {"type": "date"}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files under one name; the service checks each by its content."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.name} — {obj.client.name} ({obj.get_role_display().lower()})"


# Past this many clients a drop-down stops helping, and would weigh down every list page:
# the client filter becomes a search by name.
CLIENT_CHOICES_LIMIT = 50
# Clients listed for a search by name when there are too many for a drop-down.
CLIENT_SEARCH_RESULTS = 20


def client_options(clients: QuerySet[Client]) -> tuple[list[tuple[int, str]], bool]:
    """The clients as (id, name) for a drop-down, and whether there are too many for one."""
    options = list(clients.values_list("pk", "name")[: CLIENT_CHOICES_LIMIT + 1])
    return options, len(options) > CLIENT_CHOICES_LIMIT


def _chosen_id(form: forms.BaseForm) -> int | None:
    """The client the form is about, from what was posted or the page's `?client=`."""
    raw = form.data.get("client") if form.is_bound else form.initial.get("client")
    return int_param(str(raw)) if raw else None


def bound_client_choices(form: forms.BaseForm, clients: QuerySet[Client]) -> bool:
    """List the clients in the form's drop-down, or, when there are too many, only the chosen
    one (found first with a search by name). Returns whether there are too many."""
    field = form.fields["client"]
    field.queryset = clients  # type: ignore[attr-defined]
    options, many = client_options(clients)
    if many:
        chosen = _chosen_id(form)
        options = list(clients.filter(pk=chosen).values_list("pk", "name")) if chosen else []
    field.widget.choices = [("", field.empty_label), *options]  # type: ignore[attr-defined]
    return many


class RequestFilterForm(forms.Form):
    client = forms.ModelChoiceField(
        label="Client", required=False, queryset=Client.objects.none(), empty_label="All clients"
    )
    client_name = forms.CharField(
        label="Client",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name contains…"}),
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Request.Status.choices]
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("newest", "Newest first"), ("needed_by", "Needed soonest")],
    )

    def __init__(self, *args: Any, clients: QuerySet[Client], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["client"]
        field.queryset = clients  # type: ignore[attr-defined]
        options, self.many_clients = client_options(clients)
        if self.many_clients:
            field.widget = forms.HiddenInput()  # still set by links from a client's page
        else:
            field.widget.choices = [("", "All clients"), *options]

    @property
    def chosen_client(self) -> Client | None:
        return self.cleaned_data.get("client") if self.is_valid() else None

    def criteria(self) -> dict[str, Any]:
        """What to filter by; nothing when the filters don't validate."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        client = data.get("client")
        return {
            "client_id": client.pk if client else None,
            "client_name": "" if client else data.get("client_name", "").strip(),
            "status": data.get("status", ""),
        }

    def order(self) -> dict[str, Any]:
        """How to narrow and sort the requests beyond the filters above."""
        if not self.is_valid():
            return {}
        return {
            "overdue": bool(self.cleaned_data.get("overdue")),
            "sort": self.cleaned_data.get("sort") or "newest",
        }


class BriefFilterForm(RequestFilterForm):
    overdue = None  # type: ignore[assignment]

    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Brief.Status.choices]
    )
    waiting_on = forms.ChoiceField(
        label="Waiting on",
        required=False,
        choices=[("", "Anyone"), (WaitingOn.CLIENT, "The client"), (WaitingOn.AGENCY, "Us")],
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("", "Recently changed"), ("deadline", "Deadline, soonest first")],
    )

    def criteria(self) -> dict[str, Any]:
        found = super().criteria()
        if found:
            found["waiting_on"] = self.cleaned_data.get("waiting_on", "")
        return found

    def sort_by(self) -> str:
        """The order asked for: `deadline`, or `updated` (the default, and when invalid)."""
        return "deadline" if self.is_valid() and self.cleaned_data.get("sort") else "updated"


# The list offers only active clients of the person: one chosen from a page loaded before the
# client was archived is refused in words, without saying whose it is.
NOT_A_CLIENT_FOR_NEW_WORK = (
    "Choose one of your active clients: the one chosen is archived (restore it to take new "
    "work) or is not one of yours."
)


class RequestForm(forms.Form):
    """A request in the client's words; staff also say how it reached them and from whom."""

    client = forms.ModelChoiceField(
        label="Client",
        queryset=Client.objects.none(),
        empty_label="Choose a client…",
        error_messages={"invalid_choice": NOT_A_CLIENT_FOR_NEW_WORK},
    )
    source = forms.ChoiceField(
        label="How did it reach you?",
        choices=[("", "Choose…")]
        + [(value, label) for value, label in Request.Source.choices if value in STAFF_SOURCES],
    )
    requested_by = ContactChoiceField(
        label="On behalf of",
        required=False,
        queryset=Contact.objects.none(),
        empty_label="No one in particular",
        help_text="The person at the client who asked. They'll hear what happens to it.",
    )
    title = forms.CharField(
        label="Title",
        max_length=160,
        widget=forms.TextInput(attrs={"data-counter": "160"}),
        help_text="A few words, e.g. “Posts for the spring launch”.",
    )
    what = forms.CharField(
        label="What do you need?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Describe it in your own words: a sentence or two is enough to start.",
    )
    why = forms.CharField(
        label="Why do you need it?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The business reason behind it helps us suggest the right work.",
    )
    needed_by = forms.DateField(
        label="Needed by",
        required=False,
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
    )
    attachments = MultipleFileField(
        label="Attachments",
        required=False,
        help_text=(
            f"Up to {settings.ATTACHMENTS_PER_REQUEST} files, "
            f"{size_in_words(settings.ATTACHMENT_MAX_BYTES)} each: {ALLOWED_DESCRIPTION}."
        ),
    )

    def __init__(
        self,
        *args: Any,
        clients: QuerySet[Client],
        staff: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.many_clients = bound_client_choices(self, clients)
        only = list(clients.values_list("pk", flat=True)[:2])
        if len(only) == 1:
            self.fields["client"].widget = forms.HiddenInput()
            self.fields["client"].initial = only[0]
        if staff:
            # The people of the chosen client only: an agency's every contact is no list.
            chosen = only[0] if len(only) == 1 else _chosen_id(self)
            field = self.fields["requested_by"]
            of_client = clients.filter(pk=chosen) if chosen else clients.none()
            field.queryset = (  # type: ignore[attr-defined]
                Contact.objects.filter(client__in=of_client.values("pk"))
                .select_related("user", "client")
                .order_by("user__name")
            )
            if chosen is None:
                field.help_text = "Choose the client first; then pick the person who asked."
        else:
            del self.fields["source"]
            del self.fields["requested_by"]

    @property
    def chooses_client(self) -> bool:
        return not isinstance(self.fields["client"].widget, forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "client" in self.errors and "requested_by" in self.errors:
            # The people listed are the refused client's: one error says what to do.
            del self.errors["requested_by"]
        return cleaned


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[("park", "Park it for later"), ("decline", "Decline it")],
    )
    reason = forms.CharField(
        label="Your reason, as the client will read it",
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "placeholder": (
                    "e.g. Thank you for thinking of us for this. We can't start it well before "
                    "the summer campaign is out, so let's pick it up again in July."
                ),
            }
        ),
        help_text="Be courteous and say what happens next. A sentence or two.",
    )


FILLED_BY_CHOICES = [
    ("client", "The client (we'll email them)"),
    ("agency", "I'll write it"),
]


class StartBriefForm(forms.Form):
    client = forms.ModelChoiceField(
        label="Client",
        queryset=Client.objects.none(),
        empty_label="Choose a client…",
        error_messages={"invalid_choice": NOT_A_CLIENT_FOR_NEW_WORK},
    )
    template = forms.ModelChoiceField(
        label="Kind of work",
        queryset=BriefTemplate.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the kind of work this brief is for."},
    )
    title = forms.CharField(
        label="Title",
        max_length=160,
        required=False,
        widget=forms.TextInput(attrs={"data-counter": "160"}),
        help_text="Leave it empty to use the request's title or the kind of work.",
    )
    request = forms.IntegerField(widget=forms.HiddenInput, required=False)
    filled_by = forms.ChoiceField(
        label="Who fills it in?",
        widget=forms.RadioSelect,
        choices=FILLED_BY_CHOICES,
        initial="client",
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        clients: QuerySet[Client],
        templates: QuerySet[BriefTemplate],
        staff: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.many_clients = bound_client_choices(self, clients)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
        if not staff:  # a contact who starts a brief fills it in
            del self.fields["filled_by"]

    def clean_filled_by(self) -> str:
        return self.cleaned_data.get("filled_by") or "client"


class AskForm(forms.Form):
    text = forms.CharField(
        label="Your question",
        max_length=MAX_CLARIFICATION,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The client is emailed and answers here. Ask one clear thing at a time.",
    )
    field_key = forms.ChoiceField(
        label="About which part of the brief?",
        required=False,
        help_text="Optional: once answered, you can apply the answer to that part in one click.",
    )

    def __init__(
        self, *args: Any, questions: list[dict[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["field_key"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "— The brief in general —")] + [
            (q["key"], q["label"]) for q in questions or []
        ]


class ApplyAnswerForm(forms.Form):
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=200)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        max_length=MAX_CLARIFICATION,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignOffForm(forms.Form):
    version_number = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    sha256 = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)


class RequestChangesForm(forms.Form):
    """Instead of signing off: what should change, for the account manager."""

    version_number = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    note = forms.CharField(
        label="What should change?",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your account manager reads this, changes the brief and sends it back to you.",
        error_messages={"required": "Say what should change, so the agency knows what to do."},
    )


class NotesForm(forms.Form):
    notes = forms.CharField(
        label="Internal notes",
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Agency only: the client never sees these.",
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label="Why", max_length=500, required=False)


# --- The guided brief ---------------------------------------------------------------------


def question_field(question: dict[str, Any], approvers: list[Contact]) -> forms.Field:
    """The right input for one brief question. Every answer is text to the service."""
    kind = question.get("kind")
    common: dict[str, Any] = {
        "label": question["label"],
        "help_text": question.get("help_text", ""),
        "required": False,  # a draft may be partial; submitting checks what is required
        "max_length": rules.max_length(kind),
    }
    if kind == TemplateQuestion.Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind == TemplateQuestion.Kind.DATE:
        return forms.CharField(widget=forms.DateInput(attrs=DATE_INPUT), **common)
    if kind == TemplateQuestion.Kind.MONEY:
        # Text, not a number input: "£12,000", "15k" and "10,000–15,000" are budgets too,
        # and a number input would drop them without a word.
        attrs = {"autocomplete": "off", "placeholder": "e.g. 15000 or 10,000–15,000"}
        return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)
    if kind == TemplateQuestion.Kind.APPROVER:
        choices = [("", "Choose an approver…")] + [(str(c.user_id), c.user.name) for c in approvers]
        return forms.CharField(widget=forms.Select(choices=choices), **common)
    return forms.CharField(**common)


class BriefAnswersForm(forms.Form):
    """Answers to some of a brief's questions (one step, or all of them), as fields `q_<key>`."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        questions: list[dict[str, Any]],
        approvers: list[Contact],
        with_title: bool = False,
        with_reason: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields["title"] = forms.CharField(
                label="Title of the brief",
                max_length=160,
                widget=forms.TextInput(attrs={"data-counter": "160"}),
            )
        if with_reason:  # a change of plan after sign-off says why, in one line
            self.fields["reason"] = forms.CharField(
                label="Why does the plan change?",
                max_length=200,
                widget=forms.TextInput(attrs={"data-counter": "200"}),
                help_text="One line, kept with the new version and sent to the other side.",
                error_messages={
                    "required": "Say in one line why the plan changes: it voids the sign-off."
                },
            )
        self.questions = questions
        for question in questions:
            self.fields[f"q_{question['key']}"] = question_field(question, approvers)

    @property
    def pairs(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        """Each question with its bound field, for templates."""
        return [(q, self[f"q_{q['key']}"]) for q in self.questions]

    @property
    def by_section(self) -> list[tuple[str, list[tuple[dict[str, Any], forms.BoundField]]]]:
        sections: dict[str, list[tuple[dict[str, Any], forms.BoundField]]] = {}
        for question, field in self.pairs:
            sections.setdefault(question.get("section") or "Questions", []).append(
                (question, field)
            )
        return list(sections.items())

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("q_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_")
        }

    def mark(self, keys: list[str], message: str) -> None:
        for key in keys:
            if f"q_{key}" in self.fields:
                self.add_error(f"q_{key}", message)


# --- Brief templates ----------------------------------------------------------------------


class TemplateForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=MAX_GUIDANCE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown when someone chooses the kind of work for a new brief.",
    )
    min_lead_days = forms.IntegerField(
        label="Minimum lead time (working days)",
        min_value=0,
        max_value=365,
        initial=10,
        help_text="From sign-off to the deadline. Shorter deadlines are flagged on the brief.",
    )
    is_active = forms.BooleanField(label="In use for new briefs", required=False, initial=True)


class TemplateQuestionForm(forms.Form):
    section = forms.CharField(label="Section", max_length=80, required=False)
    key = forms.CharField(
        label="Key",
        max_length=40,
        help_text="Lower-case letters, digits, underscores (objective, budget…).",
    )
    label = forms.CharField(label="Wording", max_length=200)
    help_text = forms.CharField(
        label="Help text",
        required=False,
        max_length=MAX_GUIDANCE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    example = forms.CharField(
        label="Example answer",
        required=False,
        max_length=MAX_GUIDANCE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(label="Kind of answer", choices=TemplateQuestion.Kind.choices)
    fact = forms.ChoiceField(
        label="Key fact it supplies",
        choices=TemplateQuestion.Fact.choices,
        required=False,
        help_text="The brief's deadline, budget, approver… come from this answer, and the "
        "completeness coach checks it as one.",
    )
    required = forms.BooleanField(label="Required", required=False, initial=True)
    order = forms.IntegerField(label="Order", min_value=0, max_value=999, required=False)


def question_formset(extra: int) -> type[forms.BaseFormSet]:
    """The template editor's questions. However many a page claims to send, at most
    `MAX_QUESTIONS` forms are built; more is a form error."""
    return forms.formset_factory(
        TemplateQuestionForm,
        extra=extra,
        can_delete=True,
        max_num=MAX_QUESTIONS,
        absolute_max=MAX_QUESTIONS,
        validate_max=True,
    )


class AttachForm(forms.Form):
    """Files added to a request after it was sent."""

    attachments = MultipleFileField(
        label="Files",
        help_text=(
            f"Up to {settings.ATTACHMENTS_PER_REQUEST} files per request, "
            f"{size_in_words(settings.ATTACHMENT_MAX_BYTES)} each: {ALLOWED_DESCRIPTION}."
        ),
    )
