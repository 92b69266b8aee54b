from django import forms

from fitness.dates import DateField
from fitness.history.selectors import HistoryFilters
from fitness.widgets import JoinedSelect


class HistoryFilterForm(forms.Form):
    exercise = forms.ChoiceField(required=False, label="Exercise", widget=JoinedSelect)
    date_from = DateField(required=False, label="From")
    date_to = DateField(required=False, label="To")

    def __init__(self, *args, exercise_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].choices = [("", "All exercises")] + [
            (name, name) for name in exercise_names
        ]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return cleaned

    def filters(self) -> HistoryFilters:
        """The valid filters (none when the form has errors)."""
        if not self.is_valid():
            return HistoryFilters()
        data = self.cleaned_data
        return HistoryFilters(data["exercise"], data["date_from"], data["date_to"])
