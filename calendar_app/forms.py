from django import forms

from calendar_app.selectors import SessionSummary, schedulable_templates
from calendar_app.services import MAX_REPEAT_WEEKS
from fitness.accounts.models import User
from fitness.dates import DateField, validate_in_range

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class ScheduleForm(forms.Form):
    """A template, or a free title (and notes, e.g. a rest-day note)."""

    template = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="— No template (free title) —"
    )
    title = forms.CharField(
        max_length=100,
        required=False,
        help_text="Optional with a template (its name is used); required without one.",
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user: User, include_template_id=None, day=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.day = day  # the day view's own date (its URL can hold any year)
        self.fields["template"].queryset = schedulable_templates(
            user=user, include_id=include_template_id
        )

    def clean(self):
        cleaned = super().clean()
        validate_in_range(self.day)
        if not cleaned.get("template") and not (cleaned.get("title") or "").strip():
            raise forms.ValidationError("Choose a template or give the entry a title.")
        return cleaned


class EntryForm(ScheduleForm):
    scheduled_date = DateField(label="Date")

    field_order = ["scheduled_date", "template", "title", "notes"]


class MoveForm(forms.Form):
    scheduled_date = DateField(label="Move to")


class RepeatForm(forms.Form):
    template = forms.ModelChoiceField(queryset=None, empty_label="Choose a template")
    start = DateField(label="Starting on")
    weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple, label="On"
    )
    weeks = forms.IntegerField(
        min_value=1,
        max_value=MAX_REPEAT_WEEKS,
        initial=4,
        help_text=f"At most {MAX_REPEAT_WEEKS}.",
        label="For how many weeks",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = schedulable_templates(user=user)


class LinkForm(forms.Form):
    session = forms.ChoiceField(label="Finished session of that day")

    def __init__(self, *args, sessions: list[SessionSummary], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [
            (str(s.id), f"{s.name} · {s.started_at:%H:%M}") for s in sessions
        ]
