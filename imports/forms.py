from django import forms
from django.conf import settings

from fitness.accounts.models import User, WeightUnit
from fitness.dates import DateField
from imports.parsers import FORMATS
from imports.preview import ImportPreview, NamePreview
from imports.writer import NEW


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
        choices=[("", "As the file says (or choose on the preview)"), *WeightUnit.choices],
        required=False,
        help_text="Only for files that do not say, like Strong's comma export. The next page "
        "shows the heaviest sets so you can check.",
    )

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or "auto"

    def clean_unit(self) -> str | None:
        return self.cleaned_data.get("unit") or None

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


class ConfirmForm(forms.Form):
    """The preview's form: the kept upload's token, the unit when the file does not say it,
    and one exercise choice per name of the file (`map_<n>`, in the preview's order)."""

    token = forms.CharField(widget=forms.HiddenInput)
    unit = forms.ChoiceField(
        label="The weights in this file are in",
        choices=WeightUnit.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"required": "Choose whether the weights in this file are kg or lb."},
    )

    def __init__(self, *args, preview: ImportPreview, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = preview
        self.fields["unit"].required = not preview.unit_stated
        offered = {pk for _label, options in preview.choices for pk, _name in options}
        for index, item in enumerate(preview.names):
            self.fields[f"map_{index}"] = forms.ChoiceField(
                label=item.name,
                choices=_choices_for(item, preview.choices, offered),
                initial=item.choice,
            )

    def mappings(self) -> list[tuple[NamePreview, forms.BoundField]]:
        return [(item, self[f"map_{index}"]) for index, item in enumerate(self.preview.names)]

    def chosen(self) -> dict[str, str]:
        """Name of the file → exercise id or NEW, as confirmed."""
        return {
            item.name: self.cleaned_data[f"map_{index}"]
            for index, item in enumerate(self.preview.names)
        }


def _choices_for(item: NamePreview, groups: list, offered: set[str]) -> list:
    """`groups`: the preview's exercise choices; `offered`: every exercise id in them."""
    choices: list = [(NEW, f"New exercise “{item.name}”")] if item.can_be_new else []
    if item.exercise_id and str(item.exercise_id) not in offered:
        # An archived exercise still matches by name; keep it choosable.
        choices.append((str(item.exercise_id), item.exercise))
    return choices + [(label, options) for label, options in groups]
