from django import forms
from django.conf import settings

from fitness.accounts.models import User, WeightUnit
from fitness.dates import DateField
from imports.parsers import FORMATS


def format_choices() -> list[tuple[str, str]]:
    return [("auto", "Automatic (recommended)"), *FORMATS.items()]


class ExportForm(forms.Form):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD (field names are the documented query parameters)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = DateField(label=label, required=False)

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("from"), cleaned.get("to")
        if low and high and low > high:
            raise forms.ValidationError("“From” must be on or before “To”.")
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="An export of this app, Strong, Hevy or FitNotes (UTF-8 CSV, up to "
        f"{settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
    )
    format = forms.ChoiceField(
        label="Format", choices=format_choices, initial="auto", required=False
    )
    unit = forms.ChoiceField(
        label="Weight unit",
        choices=WeightUnit.choices,
        help_text="Used only when the file does not say (e.g. Strong's comma export).",
    )

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or "auto"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {upload.size / 1048576:.1f} MB; the limit is "
                f"{limit / 1048576:.1f} MB. Export a shorter date range, or split the file."
            )
        if upload.size == 0:
            raise forms.ValidationError("The file is empty.")
        return upload


def _member_label(user: User) -> str:
    return f"{user.display_name} <{user.email}>"


class StaffImportForm(ImportForm):
    member = forms.ModelChoiceField(
        label="Member",
        queryset=User.objects.filter(is_active=True).order_by("email"),
        help_text="The workouts are imported into this member's history.",
    )
    field_order = ["member", "file", "format", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].label_from_instance = _member_label
